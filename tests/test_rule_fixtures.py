"""Fixture files mark each expected finding on its line, markdownlint-style:
`<!-- expect: rule-name -->`. A `NAME.fixed.md` golden file holds the text
`--fix` must produce; the fixed text must have no safe fixes left.

A fixture is a page of the site's `en` folder unless its first line says
`<!-- fixture: language=ru -->`. Every rule, built-in or from a default
style pack, has at least one fixture."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from faqlint.parse.source import Source
from faqlint.rules.ruleset import resolve
from faqlint.run.engine import Engine
from faqlint.run.fix_check import apply_fixes
from tests.conftest import FIXTURES
from tests.helpers import config, finish

RULE_FIXTURES = sorted(
    p for p in (FIXTURES / "rules").glob("*.md") if not p.name.endswith(".fixed.md")
)
_EXPECT = re.compile(r"<!-- expect: ([\w\-, ]+) -->")
_LANGUAGE = re.compile(r"<!-- fixture: language=(\w+) -->")


def expected(text: str) -> list[tuple[int, str]]:
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        for match in _EXPECT.finditer(line):
            found.extend((number, rule.strip()) for rule in match.group(1).split(","))
    return sorted(found)


def lint_fixture(path: Path, text: str) -> tuple[Engine, list]:  # type: ignore[type-arg]
    rule = path.name.split(".")[0].split("--")[0]
    language = _LANGUAGE.match(text)
    cfg = config(rules={"select": [rule]}, site={"languages": ["en", "ru", "kz"]})
    engine = Engine(cfg, resolve(cfg), Path("."))
    page = cfg.site_root / (language.group(1) if language else "en") / path.name
    result = engine.lint_source(page, Source(path.name, text))
    return engine, finish(engine, [result]).findings


@pytest.mark.parametrize("path", RULE_FIXTURES, ids=lambda p: p.name)
def test_fixture_findings_are_exactly_the_marked_lines(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    _, findings = lint_fixture(path, text)
    assert sorted((f.line, f.rule) for f in findings) == expected(text)


@pytest.mark.parametrize(
    "path", [p for p in RULE_FIXTURES if p.with_suffix(".fixed.md").exists()], ids=lambda p: p.name
)
def test_fixture_fix_matches_golden_and_leaves_nothing_fixable(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    _, findings = lint_fixture(path, text)
    safe = [f.fix for f in findings if f.fix and f.fix.applicability == "safe"]
    fixed, applied = apply_fixes(text, safe)
    assert applied
    assert fixed == path.with_suffix(".fixed.md").read_text(encoding="utf-8")
    _, again = lint_fixture(path, fixed)
    assert [f for f in again if f.fix and f.fix.applicability == "safe"] == []


def test_every_rule_with_a_check_has_a_fixture() -> None:
    from faqlint.rules.ruleset import all_rules

    names = {p.name.split(".")[0].split("--")[0] for p in RULE_FIXTURES}
    missing = [r.name for r in all_rules(config()) if r.check and r.name not in names]
    assert missing == []
