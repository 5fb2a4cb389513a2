"""Small helpers shared by tests: parse a string the way the engine does."""

from __future__ import annotations

import tempfile
from pathlib import Path

from faqlint.config import Config, parse_config
from faqlint.findings import FileResult, Report
from faqlint.parse.document import parse_document
from faqlint.parse.model import FaqDocument
from faqlint.parse.source import Source
from faqlint.rules.ruleset import resolve
from faqlint.run import runner
from faqlint.run.engine import Engine, parse_settings
from faqlint.run.store import Store

_EMPTY_SITE = Path(tempfile.mkdtemp(prefix="faqlint-empty-site-"))


def config(**data: object) -> Config:
    """A config whose site root is an empty folder, so no test depends on the cwd."""
    return parse_config(dict(data), None, _EMPTY_SITE)


def parse(text: str, path: str = "page.md", **data: object) -> FaqDocument:
    cfg = config(**data)
    return parse_document(Source(path, text), parse_settings(cfg), None)


def lint(
    text: str, path: str = "page.md", root: Path | None = None, **data: object
) -> list[tuple[str, int, str]]:
    """(rule, line, message) for each finding on `text`, as the engine reports
    them; `root` is the site root (default: an empty folder)."""
    root = root or _EMPTY_SITE
    cfg = parse_config(dict(data), None, root)
    engine = Engine(cfg, resolve(cfg), root)
    result = engine.lint_source(root / path, Source(path, text))
    report = finish(engine, [result])
    return [(f.rule, f.line, f.message) for f in report.findings]


def finish(engine: Engine, results: list[FileResult]) -> Report:
    """Corpus rules, finalizers and suppressions over linted files, as a run does."""
    store = Store(engine.config, engine.rules, engine.cwd, engine.read_record)
    return runner.finish(engine, store, results)


# The small site the rule docs' examples assume (pages at folder-index URLs).
EXAMPLE_SITE_PAGES = (
    "en/security/2fa/2fa.md",
    "en/storage/s3/buckets/buckets.md",
    "ru/storage/s3/buckets/buckets.md",
    "en/billing/billing.md",
)
EXAMPLE_SITE_CONFIG: dict[str, object] = {
    "site": {
        "layout": "folder-index",
        "languages": ["en", "ru", "kz"],
        "relative-base": "directory",
    },
    # External checks on: the private-address guard refuses the examples'
    # 127.0.0.1 links before any connection is made.
    "links": {"external": True},
}


def example_site() -> Path:
    root = Path(tempfile.mkdtemp(prefix="faqlint-example-site-"))
    for page in EXAMPLE_SITE_PAGES:
        (root / page).parent.mkdir(parents=True, exist_ok=True)
        (root / page).write_text("# Page\n\nText.\n", encoding="utf-8")
    # A moved page, for redirected-link (Netlify's plain redirects file).
    (root / "_redirects").write_text("/en/billing/invoices /en/billing 301\n", encoding="utf-8")
    # The Russian translation of the examples' page, for translation-gap.
    (root / "ru/faq").mkdir(parents=True, exist_ok=True)
    (root / "ru/faq/faq.md").write_text(
        "{cut(Как удалить бакет?)}\n\nСм. [удаление](/ru/storage/s3/buckets#delete).\n\n{/cut}\n",
        encoding="utf-8",
    )
    return root


def corpus_copy(name: str, folder: Path, cache: str = "enabled = false") -> tuple[Path, Path]:
    """A writable copy of shared corpus `name` in `folder` and its recorded
    config (`examples/<name>/faqlint.toml`) with `[cache]` set to `cache`;
    skips the test when the corpus is not here."""
    import shutil

    import pytest

    from tests.conftest import ROOT, SHARED

    source = SHARED / "corpora" / name
    if not source.is_dir():
        pytest.skip(f"corpus not found at {source}")
    root = folder / name
    shutil.copytree(source, root, ignore=shutil.ignore_patterns(".git", "node_modules"))
    for path in root.rglob("*"):  # the shared copy is read-only
        path.chmod(path.stat().st_mode | 0o200)
    config = folder / "faqlint.toml"
    recorded = (ROOT / "examples" / name / "faqlint.toml").read_text(encoding="utf-8")
    config.write_text(f"{recorded}\n[cache]\n{cache}\n", encoding="utf-8")
    return root, config
