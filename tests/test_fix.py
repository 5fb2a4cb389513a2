"""`--fix` writes atomically, keeps newlines, BOM and permissions, and is idempotent."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.conftest import run_cli

PAGE = "# FAQ\n\n{cut(How do I log in)}\n\nUse SSO.\n\n{/cut}\n\n{cut(Can I pay by card.)}\n\nYes.\n\n{/cut}\n"
FIXED = PAGE.replace("log in)", "log in?)").replace("by card.)", "by card?)")


@pytest.mark.parametrize(
    ("newline", "bom"), [("\n", False), ("\r\n", False), ("\n", True), ("\r\n", True)]
)
def test_fix_keeps_bytes_newlines_bom_and_mode(tmp_path: Path, newline: str, bom: bool) -> None:
    page = tmp_path / "faq.md"
    prefix = b"\xef\xbb\xbf" if bom else b""
    page.write_bytes(prefix + PAGE.replace("\n", newline).encode())
    page.chmod(0o640)
    first = run_cli("check", "--fix", "faq.md", cwd=tmp_path)
    assert first.code == 0 and "Fixed 2 findings in 1 file." in first.err
    assert page.read_bytes() == prefix + FIXED.replace("\n", newline).encode()
    assert stat.S_IMODE(page.stat().st_mode) == 0o640
    before = page.read_bytes(), page.stat().st_mtime_ns
    second = run_cli("check", "--fix", "faq.md", cwd=tmp_path)
    assert second.code == 0 and "Fixed" not in second.err
    assert (page.read_bytes(), page.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".faqlint_cache",
        "faq.md",
    ]  # no temp files


def test_diff_shows_fixes_and_writes_nothing(tmp_path: Path) -> None:
    page = tmp_path / "faq.md"
    page.write_text(PAGE, encoding="utf-8")
    result = run_cli("check", "--diff", "faq.md", cwd=tmp_path)
    assert result.code == 1
    assert "-{cut(How do I log in)}\n+{cut(How do I log in?)}" in result.out
    assert page.read_text(encoding="utf-8") == PAGE


def test_failed_write_loses_nothing_and_says_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "faq.md"
    page.write_text(PAGE, encoding="utf-8")

    def refuse(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    result = run_cli("check", "--fix", "faq.md", cwd=tmp_path)
    assert result.code == 2 and "Traceback" not in result.err
    assert "faq.md: cannot write fixes: Permission denied" in result.err
    assert page.read_text(encoding="utf-8") == PAGE
    assert sorted(p.name for p in tmp_path.iterdir()) == [".faqlint_cache", "faq.md"]
