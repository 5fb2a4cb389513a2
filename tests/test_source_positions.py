"""Spans are 1-based line/column into the original file: CRLF, BOM and
non-ASCII text included."""

from __future__ import annotations

from pathlib import Path

from faqlint.parse.source import Source, decode, read_source
from tests.helpers import parse

TEXT = "# Вопросы\n\n{cut(Как войти?)}\n\nСм. [вход](/ru/login).\n\n{/cut}\n"


def test_columns_count_code_points_not_bytes() -> None:
    doc = parse(TEXT, dialects=["cut"])
    (link,) = doc.links
    assert (link.span.line, link.span.column, link.span.end_column) == (5, 5, 22)
    assert TEXT[link.span.start : link.span.end] == "[вход](/ru/login)"


def test_crlf_and_bom_files_keep_the_same_lines_and_columns(tmp_path: Path) -> None:
    lf = parse(TEXT, dialects=["cut"])
    path = tmp_path / "page.md"
    path.write_bytes(b"\xef\xbb\xbf" + TEXT.replace("\n", "\r\n").encode())
    source = read_source(path, "page.md", 10_000)
    assert source.bom and source.newline == "\r\n"
    crlf = parse(source.text, dialects=["cut"])
    assert [(e.span.line, e.span.column, e.span.end_line) for e in crlf.entries] == [
        (e.span.line, e.span.column, e.span.end_line) for e in lf.entries
    ]
    assert crlf.links[0].span[:4] == lf.links[0].span[:4]
    assert crlf.entries[0].answer == lf.entries[0].answer


def test_lone_cr_line_ends_count_as_lines() -> None:
    source = Source("x.md", "a\rb\r\nc\nd")
    assert [source.position(i)[0] for i in (0, 2, 5, 7)] == [1, 2, 3, 4]
    assert source.line_text(2) == "b"


def test_decode_reports_the_first_bad_byte() -> None:
    try:
        decode("x.md", b"ok\nbad \xff here\n")
    except Exception as exc:
        assert "line 2, column 5" in str(exc)
    else:
        raise AssertionError("invalid UTF-8 was accepted")


def test_byte_and_char_offsets_round_trip() -> None:
    source = Source("x.md", "añb\nжжж\n€x")
    data = source.text.encode()
    for char_offset in range(len(source.text) + 1):
        byte = len(source.text[:char_offset].encode())
        assert source.char_offset(byte) == char_offset
        assert source.byte_offset(char_offset) == byte
    assert len(data) == source.byte_offset(len(source.text))
