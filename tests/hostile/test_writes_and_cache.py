"""Rows "writes", "[cache] dir", "cache format" and the read-only report
folder: faqlint writes only where the user means, and its cache is data."""

from __future__ import annotations

import json
import os
import pickle
import stat
import threading
from pathlib import Path

import pytest

from tests.hostile.common import GOOD_PAGE, assert_survived, lint, project

CACHED = '[cache]\ndir = ".faqlint_cache"\n'


def test_fix_refuses_a_read_only_page_and_fixes_the_others(tmp_path: Path) -> None:
    site = project(tmp_path)
    locked = site / "locked.md"
    locked.write_text(GOOD_PAGE, encoding="utf-8")
    locked.chmod(0o444)
    result = lint(site, "--fix")
    assert result.run.code == 2
    assert "locked.md: cannot write fixes: read-only file; left unchanged" in result.run.err
    assert locked.read_text(encoding="utf-8") == GOOD_PAGE
    assert stat.S_IMODE(locked.stat().st_mode) == 0o444
    assert "How do I pay?" in (site / "good.md").read_text(encoding="utf-8")


def test_reports_into_a_pipe_are_written_in_place(tmp_path: Path) -> None:
    site = project(tmp_path)
    fifo = tmp_path / "report.pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = lint(site, "--format", "json", "-o", str(fifo))
    reader.join(timeout=20)
    assert result.run.code == 0, result.output
    assert json.loads(received[0])["summary"]["files"] == 1
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_report_to_a_symlink_writes_its_target(tmp_path: Path) -> None:
    site = project(tmp_path)
    target = tmp_path / "elsewhere.json"
    target.write_text("{}", encoding="utf-8")
    link = site / "report.json"
    link.symlink_to(target)
    result = lint(site, "--report", f"json:{link}")
    assert_survived(result, 0, 10.0)
    assert link.is_symlink()
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["files"] == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_one_report_that_cannot_be_written_does_not_stop_the_others(tmp_path: Path) -> None:
    site = project(tmp_path)
    closed = tmp_path / "closed"
    closed.mkdir()
    closed.chmod(0o555)
    result = lint(
        site, "--report", f"json:{closed / 'r.json'}", "--report", f"sarif:{tmp_path / 'r.sarif'}"
    )
    assert result.run.code == 2
    assert "closed/r.json" in result.run.err
    assert (tmp_path / "r.sarif").is_file()


def test_one_report_that_cannot_be_written_does_not_stop_the_others_even_as_root(
    tmp_path: Path,
) -> None:
    site = project(tmp_path)
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    result = lint(
        site,
        "--report",
        f"json:{tmp_path / 'file' / 'r.json'}",
        "--report",
        f"sarif:{tmp_path / 'r.sarif'}",
    )
    assert_survived(result, 2, 10.0)
    assert "cannot write" in result.run.err and "file/r.json" in result.run.err
    assert (tmp_path / "r.sarif").is_file()


@pytest.mark.parametrize("folder", [".", "docs", "docs/.."])
def test_the_cache_folder_cannot_be_the_project_or_a_folder_of_pages(
    tmp_path: Path, folder: str
) -> None:
    site = project(tmp_path, f'[cache]\ndir = "{folder}"\n')
    (site / "docs").mkdir()
    (site / "docs" / "page.md").write_text(GOOD_PAGE, encoding="utf-8")
    result = lint(site)
    assert_survived(result, 2, 5.0, good=False)
    assert "faqlint.toml:2: [cache] dir" in result.run.err
    assert not (site / ".gitignore").exists()
    assert not (site / "docs" / ".gitignore").exists()


def test_a_planted_pickle_in_the_cache_runs_nothing(tmp_path: Path) -> None:
    """A CI cache restored from another branch: every cache file replaced by
    a pickle whose loading would create a sentinel file."""
    site = project(tmp_path / "site", CACHED)
    (site / "other.md").write_text(
        "# Other\n\n<details><summary>Why?</summary>\n\nSee [x](/nowhere).\n\n</details>\n",
        encoding="utf-8",
    )
    off = project(tmp_path / "off")
    (off / "other.md").write_text((site / "other.md").read_text(encoding="utf-8"))
    expected = json.loads(lint(off, "--format", "json").run.out)["findings"]
    lint(site)  # fills the cache
    sentinel = tmp_path / "PWNED"

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {sentinel}",))

    planted = pickle.dumps(Payload())
    cache = site / ".faqlint_cache"
    files = [p for p in cache.rglob("*") if p.is_file() and p.name != ".gitignore"]
    assert files
    for path in files:
        path.write_bytes(planted)
    for name in ("records-0.pickle", "listing-0.pickle", "records-0.msgpack"):
        (cache / name).write_bytes(planted)
    for _ in range(2):
        result = lint(site, "--format", "json")
        assert not sentinel.exists()
        assert_survived(result, 1, 10.0, good=False)
        assert json.loads(result.run.out)["findings"] == expected
