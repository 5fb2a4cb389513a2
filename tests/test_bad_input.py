"""Bad files get a clear finding with a path and a line; the rest is still
linted. A path that is not there is a usage error (exit 2), said on stderr,
and the rest is still linted and reported."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli

GOOD = "{cut(How do I log in)}\n\nUse SSO.\n\n{/cut}\n"


def test_bad_files_next_to_a_good_one(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "latin1.md").write_bytes("# Caf\xe9\n\nline two \xff\n".encode("latin-1"))
    (tmp_path / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "x.md").mkdir()
    (tmp_path / "huge.md").write_bytes(b"a" * (50 * 1024 * 1024))
    result = run_cli("check", "--format", "json", ".", "missing.md", cwd=tmp_path)
    assert result.code == 2 and "Traceback" not in result.err
    assert result.err == "faqlint: missing.md: no such file or folder\n"
    findings = {(f["path"], f["rule"]): f for f in json.loads(result.out)["findings"]}
    assert findings[("latin1.md", "file-error")]["line"] == 1
    assert (
        "not valid UTF-8: byte 0xe9 at line 1, column 6"
        in findings[("latin1.md", "file-error")]["message"]
    )
    assert "binary" in findings[("binary.md", "file-error")]["message"]
    assert "50.0 MB" in findings[("huge.md", "file-error")]["message"]
    assert not any(path == "missing.md" for path, _ in findings)
    assert ("good.md", "question-format") in findings  # the good file was still linted
    assert not any(path == "empty.md" for path, _ in findings)


def test_folder_named_like_a_file_is_walked(tmp_path: Path) -> None:
    (tmp_path / "x.md").mkdir()
    (tmp_path / "x.md" / "inner.md").write_text(GOOD, encoding="utf-8")
    result = run_cli("check", "--format", "json", "x.md", cwd=tmp_path)
    assert [f["path"] for f in json.loads(result.out)["findings"]] == ["x.md/inner.md"]
    (tmp_path / "y.md").mkdir()
    empty = run_cli("check", "y.md", cwd=tmp_path)
    assert empty.code == 2
    assert "faqlint: y.md: no Markdown files to lint in this folder" in empty.err


def test_max_file_size_is_configurable(tmp_path: Path) -> None:
    (tmp_path / "faqlint.toml").write_text("max-file-size = 100\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("x" * 200, encoding="utf-8")
    result = run_cli("check", "a.md", cwd=tmp_path)
    assert "over `max-file-size`" in result.out
