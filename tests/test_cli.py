"""The command line as a user and a CI job see it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import faqlint
from tests.conftest import ROOT, run_cli

PAGE = """\
# FAQ

{cut(How do I log in)}

Use your email.

{/cut}

{cut(Where is the billing page?)}

TODO

{/cut}
"""


def make_site(tmp_path: Path) -> Path:
    (tmp_path / "faqlint.toml").write_text('include = ["docs/**/*.md"]\n', encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "faq.md").write_text(PAGE, encoding="utf-8")
    (docs / "clean.md").write_text("# Clean\n\nNothing to see.\n", encoding="utf-8")
    return tmp_path


def test_text_report_lines_excerpt_and_summary(tmp_path: Path) -> None:
    result = run_cli("check", cwd=make_site(tmp_path))
    assert result.code == 1  # an error-level finding
    lines = result.out.splitlines()
    assert (
        "docs/faq.md:3:6 FAQ203 question-format “How do I log in” reads as a question" in lines[0]
    )
    assert "\n3 | {cut(How do I log in)}\n  |      ^^^^^^^^^^^^^^^\n" in result.out
    assert "docs/faq.md:9:6 FAQ201 empty-answer the answer is a placeholder: “TODO”" in result.out
    assert lines[-1].startswith("Found 2 findings (1 error, 1 warning) in 1 of 2 files; 2 FAQ")
    assert "\x1b[" not in result.out  # no colour when not a terminal


def test_json_report_contract(tmp_path: Path) -> None:
    result = run_cli("check", "--format", "json", cwd=make_site(tmp_path))
    data = json.loads(result.out)
    assert data["faqlint"] == faqlint.__version__
    assert data["summary"] == {
        "files": 2, "entries": 2, "findings": 2, "errors": 1, "warnings": 1, "infos": 0,
        "complete": True, "unchecked": [],
    }  # fmt: skip
    first = data["findings"][0]
    assert set(first) >= {
        "rule", "code", "severity", "path", "line", "column", "end_line", "end_column",
        "message", "question", "fix", "related",
    }  # fmt: skip
    assert (first["rule"], first["code"], first["severity"]) == (
        "question-format",
        "FAQ203",
        "warning",
    )
    assert (first["path"], first["line"], first["column"]) == ("docs/faq.md", 3, 6)
    assert first["question"] == "How do I log in"
    assert first["fix"]["applicability"] == "safe"
    assert first["fix"]["edits"] == [
        {"line": 3, "column": 21, "end_line": 3, "end_column": 21, "content": "?"}
    ]
    assert first["related"] == []


def test_paths_select_ignore_fail_level_and_output(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    assert run_cli("check", "docs/clean.md", cwd=site).code == 0
    only = run_cli("check", "--select", "question-format", "--format", "json", cwd=site)
    assert {f["rule"] for f in json.loads(only.out)["findings"]} == {"question-format"}
    assert only.code == 0  # warnings do not fail by default
    assert (
        run_cli("check", "--select", "question-format", "--fail-level", "warning", cwd=site).code
        == 1
    )
    assert run_cli("check", "--ignore", "empty-answer", cwd=site).code == 0
    out = site / "reports" / "x.json"
    run_cli("check", "--format", "json", "--output", str(out), cwd=site)
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["findings"] == 2


def test_quiet_prints_findings_only(tmp_path: Path) -> None:
    result = run_cli("check", "-q", cwd=make_site(tmp_path))
    assert "|" not in result.out and len(result.out.splitlines()) == 3


def test_entries_json_contract(tmp_path: Path) -> None:
    result = run_cli("entries", "--format", "json", cwd=make_site(tmp_path))
    data = json.loads(result.out)
    doc = next(d for d in data["documents"] if d["path"] == "docs/faq.md")
    assert doc["language"] is None
    entry = doc["entries"][0]
    assert (entry["question"], entry["line"], entry["end_line"]) == ("How do I log in", 3, 7)
    assert entry["answer_text"] == "Use your email."
    assert entry["dialect"] == "cut"


def test_rules_and_rule_commands(tmp_path: Path) -> None:
    listing = run_cli("rules", cwd=tmp_path)
    assert listing.code == 0
    assert "FAQ201  empty-answer" in listing.out
    explained = run_cli("rule", "question-format", cwd=tmp_path)
    assert "## What it does" in explained.out and "FAQ203" in explained.out
    assert run_cli("rule", "FAQ201", cwd=tmp_path).code == 0
    unknown = run_cli("rule", "nope", cwd=tmp_path)
    assert unknown.code == 2 and "no rule named" in unknown.err


def test_usage_errors_exit_2_without_traceback(tmp_path: Path) -> None:
    for argv in (["check", "--format", "xml"], ["frobnicate"], ["check", "--unsafe-fixes"]):
        result = run_cli(*argv, cwd=tmp_path)
        assert result.code == 2 and "Traceback" not in result.err


def test_console_script_and_python_dash_m(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("faqlint")
    for command in ([str(exe)], [sys.executable, "-m", "faqlint"]):
        proc = subprocess.run(
            [*command, "--version"], capture_output=True, text=True, check=False, timeout=60
        )
        assert proc.returncode == 0 and proc.stdout.strip() == f"faqlint {faqlint.__version__}"


def test_readme_rule_table_is_fresh() -> None:
    from faqlint.rules.catalogue import readme_table

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_table() in readme, "run `python -m faqlint.rules.catalogue --update-readme`"


def test_include_matching_nothing_is_an_error(site: Path) -> None:
    """A misspelt `include` must not pass CI as "all clean": exit 2, saying so."""
    (site / "faqlint.toml").write_text('include = ["docs/**/*.md"]\n', encoding="utf-8")
    (site / "faq.md").write_text("# FAQ\n", encoding="utf-8")
    result = run_cli("check", cwd=site)
    assert result.code == 2
    assert "faqlint.toml:1: `include` (docs/**/*.md) matches no file under" in result.err
    assert "All clean" not in result.out and "Nothing was linted" in result.out


def test_an_include_pattern_matching_nothing_is_a_warning(site: Path) -> None:
    """Other patterns match: the run means something, so a warning names the pattern."""
    (site / "faqlint.toml").write_text('include = ["*.md", "doc/**/*.mdx"]\n', encoding="utf-8")
    (site / "faq.md").write_text("# FAQ\n", encoding="utf-8")
    result = run_cli("check", cwd=site)
    assert result.code == 0
    assert "warning: " in result.err and "pattern 'doc/**/*.mdx' matches no file" in result.err
