"""`--fix` with the style rules: golden output, CRLF and BOM files kept as
they are, a second run changes nothing, unsafe fixes only on request."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli

PAGE = """# Account

{cut(how do I sign in?)}

Open the  **Sign in** page in order to enter the VK Сloud console.
Click the the button.

{/cut}
"""
SAFE = """# Account

{cut(How do I sign in?)}

Open the **Sign in** page to enter the VK Cloud console.
Click the the button.

{/cut}
"""
UNSAFE = SAFE.replace("Click the the button.", "Click the button.")


def write_site(tmp_path: Path, data: bytes) -> Path:
    (tmp_path / "faqlint.toml").write_text(
        'include = ["**/*.md"]\n[site]\nlanguages = ["en"]\n', encoding="utf-8"
    )
    (tmp_path / "en").mkdir()
    page = tmp_path / "en" / "faq.md"
    page.write_bytes(data)
    return page


@pytest.mark.parametrize(
    ("newline", "bom"), [("\n", False), ("\r\n", False), ("\n", True), ("\r\n", True)]
)
def test_style_fixes_keep_newlines_and_bom_and_are_idempotent(
    tmp_path: Path, newline: str, bom: bool
) -> None:
    prefix = b"\xef\xbb\xbf" if bom else b""
    page = write_site(tmp_path, prefix + PAGE.replace("\n", newline).encode())
    first = run_cli("check", "--fix", cwd=tmp_path)
    assert "Fixed 4 findings in 1 file." in first.err, first.err
    assert page.read_bytes() == prefix + SAFE.replace("\n", newline).encode()
    before = page.read_bytes()
    second = run_cli("check", "--fix", cwd=tmp_path)
    assert "Fixed" not in second.err
    assert page.read_bytes() == before
    # what is left: the repeated word, whose fix is unsafe
    assert "repeated-word" in second.out and "--unsafe-fixes" in second.out


def test_unsafe_fixes_only_with_the_flag_and_diff_writes_nothing(tmp_path: Path) -> None:
    page = write_site(tmp_path, SAFE.encode())
    diff = run_cli("check", "--diff", "--unsafe-fixes", cwd=tmp_path)
    assert diff.code == 1
    assert "-Click the the button.\n+Click the button." in diff.out
    assert page.read_text(encoding="utf-8") == SAFE
    fixed = run_cli("check", "--fix", "--unsafe-fixes", cwd=tmp_path)
    assert fixed.code == 0, fixed.out + fixed.err
    assert page.read_text(encoding="utf-8") == UNSAFE
