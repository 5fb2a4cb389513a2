"""Rows "symlink leaving the tree" and "symlink loop": a file outside the
site is never read, quoted or copied; a loop is walked once."""

from __future__ import annotations

import json
from pathlib import Path

from tests.hostile.common import assert_survived, lint, project

SECRET = "AWS_SECRET=hunter2-do-not-leak"


def outside_file(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "dotenv"
    secret.write_text(f"# {SECRET}\n\n## {SECRET} heading\n\n{SECRET}\n", encoding="utf-8")
    return secret


def test_a_symlink_out_of_the_tree_is_not_read_quoted_or_copied(tmp_path: Path) -> None:
    secret = outside_file(tmp_path)
    site = project(tmp_path / "site")
    (site / "notes.md").symlink_to(secret)
    (site / "links.md").write_text("See [notes](notes.md#nothing-here).\n", encoding="utf-8")
    reports = site / "reports"
    result = lint(
        site,
        "--report",
        f"json:{reports / 'r.json'}",
        "--report",
        f"html:{reports / 'r.html'}",
        "--report",
        f"sarif:{reports / 'r.sarif'}",
    )
    assert_survived(result, 1, 10.0)
    outputs = result.output + "".join(p.read_text(encoding="utf-8") for p in reports.iterdir())
    assert "hunter2" not in outputs
    assert "notes.md: file: a symlink to" in result.run.out
    fixed = lint(site, "--fix")
    assert "hunter2" not in fixed.output
    assert (site / "notes.md").is_symlink()  # not replaced by a copy of the secret
    assert "hunter2" not in "".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in site.glob("*.md")
        if not p.is_symlink()
    )


def test_a_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    site = project(tmp_path)
    (site / "docs").mkdir()
    (site / "docs" / "faq.md").write_text(
        "# FAQ\n\n<details><summary>How do I log in?</summary>\n\nBy card.\n\n</details>\n",
        encoding="utf-8",
    )
    (site / "docs" / "loop").symlink_to(Path("."), target_is_directory=True)
    (site / "up").symlink_to(site, target_is_directory=True)
    result = lint(site, "--format", "json")
    assert_survived(result, 0, 10.0, good=False)  # warnings only
    report = json.loads(result.run.out)
    assert report["summary"]["files"] == 2
    rules = [f["rule"] for f in report["findings"]]
    assert "duplicate-question" not in rules
    aliases = {u["path"] for u in report["summary"]["unchecked"] if u["kind"] == "alias"}
    assert {"docs/loop", "up"} <= aliases
