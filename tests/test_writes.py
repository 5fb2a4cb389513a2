"""Writes never replace what they should not: symlinks are written through,
read-only files are refused, pipes and devices are written in place."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from faqlint.writes import write_file
from tests.conftest import run_cli


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "pages" / "faq.md"
    real.parent.mkdir()
    real.write_bytes(b"old\n")
    link = tmp_path / "faq.md"
    link.symlink_to(real)
    write_file(link, b"new\n")
    assert link.is_symlink()
    assert real.read_bytes() == b"new\n"


def test_a_read_only_file_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    target = tmp_path / "locked.md"
    target.write_bytes(b"keep\n")
    target.chmod(0o444)
    with pytest.raises(PermissionError, match="read-only"):
        write_file(target, b"changed\n")
    assert target.read_bytes() == b"keep\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


def test_a_pipe_is_written_in_place_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_file(fifo, b'{"findings": []}\n')
    reader.join(timeout=10)
    assert received == [b'{"findings": []}\n']
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_fix_on_a_symlinked_page_changes_the_real_page(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    real = tmp_path / "pages" / "faq.md"
    real.write_text(
        "# FAQ\n\n<details><summary>how do I pay</summary>\n\nBy card.\n\n</details>\n",
        encoding="utf-8",
    )
    (tmp_path / "docs").mkdir()
    link = tmp_path / "docs" / "faq.md"
    link.symlink_to(Path("..") / "pages" / "faq.md")
    (tmp_path / "faqlint.toml").write_text(
        '[site]\nroot = "docs"\n[cache]\nenabled = false\n', encoding="utf-8"
    )
    run_cli("check", "--fix", "-q", "docs", cwd=tmp_path)
    assert link.is_symlink()
    assert "How do I pay?" in real.read_text(encoding="utf-8")


def test_fix_reports_a_read_only_page_and_fixes_the_others(tmp_path: Path) -> None:
    entry = "# FAQ\n\n<details><summary>how do I pay</summary>\n\nBy card.\n\n</details>\n"
    locked, open_page = tmp_path / "locked.md", tmp_path / "open.md"
    for path in (locked, open_page):
        path.write_text(entry, encoding="utf-8")
    locked.chmod(0o444)
    (tmp_path / "faqlint.toml").write_text("[cache]\nenabled = false\n", encoding="utf-8")
    result = run_cli("check", "--fix", cwd=tmp_path)
    assert "locked.md" in result.err and "read-only" in result.err
    assert "Traceback" not in result.err
    assert locked.read_text(encoding="utf-8") == entry
    assert "How do I pay?" in open_page.read_text(encoding="utf-8")


def test_the_config_is_found_from_a_subfolder_of_a_symlinked_docs_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tmp_path / "elsewhere" / "en"
    real.mkdir(parents=True)
    (real / "faq.md").write_text("# FAQ\n\n{cut(where is it)}\n\n{/cut}\n", encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "docs").symlink_to(tmp_path / "elsewhere")
    (project / "faqlint.toml").write_text(
        '[site]\nroot = "docs"\nlanguages = ["en"]\n[rules]\nignore = ["empty-answer"]\n'
        "[cache]\nenabled = false\n",
        encoding="utf-8",
    )
    inside = project / "docs" / "en"
    monkeypatch.setenv("PWD", str(inside))
    result = run_cli("check", cwd=inside)
    assert "question-format" in result.out, result.out + result.err
    assert "empty-answer" not in result.out
