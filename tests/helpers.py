"""Small helpers shared by tests: parse a string the way the engine does."""

from __future__ import annotations

from pathlib import Path

from faqlint.config import Config, parse_config
from faqlint.document import parse_document
from faqlint.engine import Engine, parse_settings
from faqlint.model import FaqDocument
from faqlint.ruleset import resolve
from faqlint.source import Source


def config(**data: object) -> Config:
    return parse_config(dict(data), None, Path("."))


def parse(text: str, path: str = "page.md", **data: object) -> FaqDocument:
    cfg = config(**data)
    return parse_document(Source(path, text), parse_settings(cfg), None)


def lint(text: str, path: str = "page.md", **data: object) -> list[tuple[str, int, str]]:
    """(rule, line, message) for each finding on `text`, as the engine reports them."""
    cfg = config(**data)
    engine = Engine(cfg, resolve(cfg), Path("."))
    result = engine.lint_source(Path(path), Source(path, text))
    report = engine.finish([result])
    return [(f.rule, f.line, f.message) for f in report.findings]
