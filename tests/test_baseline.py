"""`--baseline FILE`: `--update-baseline` records, later runs report and fail
only on new findings, list the recorded ones that are fixed, and
`--update-baseline` shrinks the file. A damaged or missing baseline is an
error (exit 2) with the file, and for a missing one how to record it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, run_cli

SITE = FIXTURES / "report-site"
STORAGE = "docs/en/storage/faq/faq.md"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(SITE, copy, ignore=shutil.ignore_patterns(".faqlint_cache"))
    return copy


def _edit(site: Path, old: str, new: str, page: str = STORAGE) -> None:
    path = site / page
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_missing_baseline_is_an_error_that_says_how_to_record_one(site: Path) -> None:
    """A mistyped path must not record a new baseline and pass CI."""
    run = run_cli("check", "--baseline", "faqlint-baselin.json", cwd=site)
    assert run.code == 2
    assert "--baseline faqlint-baselin.json: no such file" in run.err
    assert "faqlint check --baseline faqlint-baselin.json --update-baseline" in run.err
    assert not (site / "faqlint-baselin.json").exists()


def test_update_records_and_passes(site: Path) -> None:
    run = run_cli("check", "--baseline", "faqlint-baseline.json", "--update-baseline", cwd=site)
    assert run.code == 0, run.out + run.err
    assert "Baseline faqlint-baseline.json recorded: 7 findings" in run.out
    data = json.loads((site / "faqlint-baseline.json").read_text(encoding="utf-8"))
    assert data["faqlint-baseline"] == 1
    assert len(data["findings"]) == 7
    assert {"fingerprint", "rule", "path", "line", "message", "question"} <= set(
        data["findings"][0]
    )


def test_later_runs_report_only_new_findings(site: Path) -> None:
    run_cli("check", "--baseline", "base.json", "--update-baseline", cwd=site)
    # Lines inserted above every finding: nothing is new.
    _edit(site, "# Storage FAQ\n", "# Storage FAQ\n\nAn intro.\n\nAnother paragraph.\n")
    run = run_cli("check", "--baseline", "base.json", cwd=site)
    assert run.code == 0, run.out
    assert "7 known findings not shown" in run.out
    # A new broken link is reported, and fails the run.
    _edit(site, "No: empty the bucket first.", "No: [empty it](/en/storage/empty) first.")
    run = run_cli("check", "--baseline", "base.json", "--format", "json", cwd=site)
    assert run.code == 1
    report = json.loads(run.out)
    assert [f["rule"] for f in report["findings"]] == ["broken-link"]
    assert "/en/storage/empty" in report["findings"][0]["message"]
    assert report["baseline"] == {"path": "base.json", "recorded": False, "known": 7, "fixed": []}


def test_fixed_findings_are_listed_and_update_shrinks_the_file(site: Path) -> None:
    run_cli("check", "--baseline", "base.json", "--update-baseline", cwd=site)
    _edit(site, "TODO", "Nothing: it is a code sample.")
    run = run_cli("check", "--baseline", "base.json", cwd=site)
    assert run.code == 0
    assert "1 baseline finding fixed; run with --update-baseline" in run.out
    assert f"{STORAGE}:17 empty-answer" in run.out

    run = run_cli("check", "--baseline", "base.json", "--update-baseline", cwd=site)
    assert run.code == 0
    data = json.loads((site / "base.json").read_text(encoding="utf-8"))
    assert len(data["findings"]) == 6
    run = run_cli("check", "--baseline", "base.json", cwd=site)
    assert run.code == 0
    assert "6 known findings not shown" in run.out
    assert "fixed" not in run.out


def test_a_repeated_finding_is_counted(site: Path) -> None:
    """Fingerprints are a multiset: a second copy of a recorded finding is new."""
    run_cli("check", "--baseline", "base.json", "--update-baseline", cwd=site)
    _edit(
        site,
        "[a missing page](/en/storage/nowhere).",
        "[a missing page](/en/storage/nowhere). " * 2,
    )
    run = run_cli("check", "--baseline", "base.json", "-q", cwd=site)
    assert run.code == 1
    assert run.out.count("FAQ101 broken-link page `/en/storage/nowhere`") == 1
    assert "Found 1 finding " in run.out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "base.json:1: the baseline is not valid JSON"),
        ("[]", "base.json:1: not a faqlint baseline"),
        ('{"faqlint-baseline": 9, "findings": []}', "baseline format 9 is not supported"),
        ('{"faqlint-baseline": 1, "findings": [{"rule": "x"}]}', "`findings.0.fingerprint`"),
    ],
)
def test_damaged_baseline_is_an_error(site: Path, content: str, message: str) -> None:
    (site / "base.json").write_text(content, encoding="utf-8")
    run = run_cli("check", "--baseline", "base.json", cwd=site)
    assert run.code == 2
    assert message in run.err
    assert "Traceback" not in run.err


def test_update_needs_a_baseline(site: Path) -> None:
    run = run_cli("check", "--update-baseline", cwd=site)
    assert run.code == 2
    assert "--update-baseline needs --baseline FILE" in run.err
