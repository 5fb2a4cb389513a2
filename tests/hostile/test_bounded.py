"""Rows "nested entries", "huge inputs" and "config regexes" of the hostile
catalogue: work stays bounded, and what was not checked is said."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import regex

from faqlint.run.budget import OverBudget, time_budget
from tests.hostile.common import assert_survived, lint, project

NO_CACHE = "[cache]\nenabled = false\n"


@pytest.mark.parametrize(
    ("opener", "closer"),
    [("{cut(Q?)}", "{/cut}"), ("<details><summary>Q?</summary>", "</details>")],
    ids=["cut", "details"],
)
def test_ten_thousand_nested_entries_are_cut_at_the_nesting_limit(
    tmp_path: Path, opener: str, closer: str
) -> None:
    site = project(tmp_path)
    depth = 10_000
    (site / "nested.md").write_text(
        f"{opener}\n\n" * depth + "x\n\n" + f"{closer}\n\n" * depth, encoding="utf-8"
    )
    result = lint(site, "--format", "json")
    assert_survived(result, 1, 8.0, good=False)
    findings = json.loads(result.run.out)["findings"]
    assert any(f["path"] == "good.md" for f in findings)
    malformed = [f for f in findings if f["rule"] == "malformed-entry"]
    assert len(malformed) == 1
    assert "nested more than 100 levels deep" in malformed[0]["message"]
    assert sum(f["rule"] == "duplicate-question" for f in findings) <= 201  # capped per file


def test_a_five_megabyte_line_is_linear_and_capped(tmp_path: Path) -> None:
    site = project(tmp_path)
    (site / "words.md").write_text("# W\n\n" + "word " * 1_000_000 + "\n", encoding="utf-8")
    result = lint(site)
    assert_survived(result, 0, 8.0)  # warnings only
    repeated = [line for line in result.run.out.splitlines() if "repeated-word" in line]
    assert len(repeated) == 201  # 200 listed, then one "and N more"
    assert "more `repeated-word` findings in this file, not listed" in result.run.out
    assert max(len(line) for line in result.run.out.splitlines()) < 300  # excerpts clipped


def test_a_file_over_its_time_budget_is_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    site = project(tmp_path, "max-file-size = 100000000\nmax-seconds-per-file = 1\n" + NO_CACHE)
    (site / "huge.md").write_text(("word " * 2_000 + "\n\n") * 5_000, encoding="utf-8")  # 50 MB
    result = lint(site)
    assert_survived(result, 1, 30.0)
    assert "huge.md:1:1 FAQ001 file-error took longer than 1 s to check" in result.run.out


@pytest.mark.parametrize(
    "config",
    [
        '[custom-dialects.q]\nopen = "^(?P<question>(a+)+)$"\nclose = "^end$"\n',
        '[links]\nexclude = ["^https://(a+)+$"]\n',
    ],
    ids=["custom-dialect", "link-exclude"],
)
def test_a_backtracking_pattern_in_the_config_is_refused_at_load(
    tmp_path: Path, config: str
) -> None:
    site = project(tmp_path, config + NO_CACHE)
    result = lint(site)
    assert_survived(result, 2, 5.0, good=False)
    assert "faqlint.toml:" in result.run.err
    assert "backtracks catastrophically" in result.run.err


def test_the_file_budget_interrupts_a_user_pattern_mid_match() -> None:
    """User patterns run on `regex`, which (unlike `re`) lets the per-file
    budget stop a match that backtracks on a page built for it."""
    started = time.monotonic()
    with pytest.raises(OverBudget), time_budget(0.5):
        regex.search(r"^(a|aa)+$", "a" * 5000 + "!")
    assert time.monotonic() - started < 3.0
