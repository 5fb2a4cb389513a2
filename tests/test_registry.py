"""The rule registry is explicit, complete and documented."""

from __future__ import annotations

import pkgutil
import re

import pytest

import faqlint.rules.checks
from faqlint.rules.checks import RULE_MODULES, builtin_rules
from faqlint.rules.rule import Rule
from tests.helpers import EXAMPLE_SITE_CONFIG, example_site, lint

SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "## Use instead")
RULES = builtin_rules()
_BLOCK = re.compile(r"```markdown\n(.*?)```", re.S)


def test_every_check_module_is_registered() -> None:
    modules = {m.name for m in pkgutil.iter_modules(faqlint.rules.checks.__path__)}
    registered = {m.__name__.rsplit(".", 1)[1] for m in RULE_MODULES}
    assert modules == registered


def test_codes_and_names_are_unique_and_well_formed() -> None:
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)
    for rule in RULES:
        assert re.fullmatch(r"FAQ\d{3}", rule.code)
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
        module = next(m for m in RULE_MODULES if rule.name == m.NAME)
        assert module.__name__.endswith(rule.name.replace("-", "_"))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_docs_have_the_four_sections(rule: Rule) -> None:
    positions = [rule.doc.find(section) for section in SECTIONS]
    assert all(p > 0 for p in positions), rule.name
    assert positions == sorted(positions)


def _first_block(text: str, header: str) -> str:
    match = _BLOCK.search(text, text.index(header))
    assert match is not None, header
    return match.group(1)


def _examples(rule: Rule) -> tuple[str, str]:
    return _first_block(rule.doc, "## Example"), _first_block(rule.doc, "## Use instead")


@pytest.mark.parametrize("rule", [r for r in RULES if r.name != "file-error"], ids=lambda r: r.name)
def test_example_triggers_the_rule_and_use_instead_does_not(rule: Rule) -> None:
    """Examples are linted as the page en/faq/faq.md of a small example site."""
    bad, good = _examples(rule)
    site = example_site()
    found = {name for name, _, _ in lint(bad, "en/faq/faq.md", site, **EXAMPLE_SITE_CONFIG)}
    assert rule.name in found
    clean = {name for name, _, _ in lint(good, "en/faq/faq.md", site, **EXAMPLE_SITE_CONFIG)}
    assert rule.name not in clean
