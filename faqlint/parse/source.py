"""Bytes to text, remembering what a faithful write-back needs.

A `Source` keeps the decoded text with its original line ends (CRLF stays
CRLF), whether the file had a UTF-8 BOM, and line tables that turn character
or UTF-8 byte offsets into 1-based line/column positions.
"""

from __future__ import annotations

import hashlib
import os
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate, count
from operator import add
from pathlib import Path
from stat import S_ISREG

from faqlint.parse.model import Span

BOM = "\ufeff"
_LINE_END = re.compile(r"\r\n|\r|\n")
_BYTE_LINE_END = re.compile(rb"\r\n|\r|\n")


class DecodeError(Exception):
    """The bytes are not text we can lint; `line`/`column` locate the first bad byte."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass(slots=True)
class Source:
    """One decoded file. Offsets are 0-based character offsets into `text`."""

    path: str
    text: str
    bom: bool = False
    _line_starts: list[int] = field(default_factory=list, repr=False)
    _data: bytes | None = field(default=None, repr=False)
    _byte_line_starts: list[int] | None = field(default=None, repr=False)
    _ascii: bool | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        text = self.text
        if "\r" in text:
            self._line_starts = [0, *(m.end() for m in _LINE_END.finditer(text))]
        else:
            # Line i starts after i newlines: sum of earlier line lengths + i.
            lengths = accumulate(map(len, text.split("\n")))
            self._line_starts = [0, *map(add, lengths, count(1))][:-1] or [0]

    # -- newline style -------------------------------------------------
    @property
    def newline(self) -> str:
        """The file's dominant line end, used when a fix inserts new lines."""
        crlf = self.text.count("\r\n")
        lf = self.text.count("\n") - crlf
        return "\r\n" if crlf > lf else "\n"

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line end."""
        starts = self._line_starts
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def line_start(self, line: int) -> int:
        return self._line_starts[line - 1]

    # -- positions -----------------------------------------------------
    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        index = bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def span(self, start: int, end: int) -> Span:
        starts = self._line_starts
        index = bisect_right(starts, start) - 1
        end_index = bisect_right(starts, end) - 1
        return Span(
            index + 1,
            start - starts[index] + 1,
            end_index + 1,
            end - starts[end_index] + 1,
            start,
            end,
        )

    @property
    def is_ascii(self) -> bool:
        if self._ascii is None:
            self._ascii = self.text.isascii()
        return self._ascii

    def char_offset(self, byte_offset: int) -> int:
        """Turn a UTF-8 byte offset (the parser's unit) into a character offset."""
        if self._byte_line_starts is None:
            if self.text.isascii():
                return byte_offset
            self._build_byte_table()
        data, starts = self._data, self._byte_line_starts
        assert data is not None and starts is not None
        index = bisect_right(starts, byte_offset) - 1
        chunk = data[starts[index] : byte_offset]
        return self._line_starts[index] + len(chunk.decode("utf-8", "replace"))

    def char_offsets(self, byte_offsets: Iterable[int]) -> dict[int, int]:
        """Many byte offsets at once, in one pass over the text."""
        data = self._data
        if data is None:
            data = self._data = self.text.encode("utf-8")
        table: dict[int, int] = {}
        previous = chars = 0
        for offset in sorted(byte_offsets):
            chars += len(data[previous:offset].decode("utf-8", "replace"))
            table[offset] = chars
            previous = offset
        return table

    def byte_offset(self, char_offset: int) -> int:
        if self._byte_line_starts is None:
            if self.text.isascii():
                return char_offset
            self._build_byte_table()
        starts = self._byte_line_starts
        assert starts is not None
        index = bisect_right(self._line_starts, char_offset) - 1
        line_start = self._line_starts[index]
        return starts[index] + len(self.text[line_start:char_offset].encode("utf-8"))

    def _build_byte_table(self) -> None:
        if self._data is None:
            self._data = self.text.encode("utf-8")
        data = self._data
        if b"\r" in data:
            starts = [0, *(m.end() for m in _BYTE_LINE_END.finditer(data))]
        else:
            lengths = accumulate(map(len, data.split(b"\n")))
            starts = [0, *map(add, lengths, count(1))][:-1] or [0]
        self._byte_line_starts = starts


def decode(path: str, data: bytes) -> Source:
    """Decode a file's bytes, or raise `DecodeError` with the first bad position."""
    if b"\x00" in data[:8192]:
        utf16 = _utf16_kind(data)
        if utf16:
            raise DecodeError(
                f"{utf16} text, not UTF-8: the file was not linted (save it as UTF-8)"
            )
        raise DecodeError("binary file (contains NUL bytes), not Markdown; skipped")
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", "replace")) + 1
        bad = data[exc.start : exc.start + 1].hex()
        raise DecodeError(
            f"not valid UTF-8: byte 0x{bad} at line {line}, column {column}; "
            "the file was not linted (save it as UTF-8)",
            line,
            column,
        ) from None
    return Source(path=path, text=text, bom=bom)


def _utf16_kind(data: bytes) -> str | None:
    """ "UTF-16LE"/"UTF-16BE" when the bytes are UTF-16 text (by its byte-order
    mark, or by a NUL in every other byte of the start), else None."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16" + ("LE" if data[:2] == b"\xff\xfe" else "BE") + " (byte-order mark)"
    head = data[:4096]
    half = len(head) // 2
    if half >= 4:
        for name, zeros in (("UTF-16LE", head[1::2]), ("UTF-16BE", head[0::2])):
            if zeros.count(0) >= 0.9 * half:
                return name
    return None


def encode(source_text: str, bom: bool) -> bytes:
    """The inverse of `decode` for a (possibly fixed) text."""
    data = source_text.encode("utf-8")
    return b"\xef\xbb\xbf" + data if bom else data


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class FileStamp:
    """What identifies a file's content: taken when it was read."""

    size: int
    mtime_ns: int
    digest: str


def read_source(path: Path, display: str, max_size: int) -> Source:
    return decode(display, read_bytes(path, max_size)[0])


def read_bytes(path: Path, max_size: int, stamp: bool = False) -> tuple[bytes, FileStamp | None]:
    """A file's bytes (and, if asked, what identifies its content), or a
    `DecodeError` that says why it cannot be linted."""
    try:
        # O_NONBLOCK: opening a pipe does not wait for a writer; it is refused below
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as handle:
            stat = os.fstat(handle.fileno())
            if not S_ISREG(stat.st_mode):
                raise DecodeError("not a regular file (a pipe or device); not read")
            os.set_blocking(descriptor, True)
            if stat.st_size > max_size:
                raise DecodeError(
                    f"file is {stat.st_size / 1048576:.1f} MB, over `max-file-size` "
                    f"({max_size / 1048576:.1f} MB); skipped"
                )
            data = handle.read()
    except IsADirectoryError:
        raise DecodeError("is a folder, not a file") from None
    except FileNotFoundError:
        raise DecodeError("no such file") from None
    except PermissionError:
        raise DecodeError("permission denied: cannot read the file") from None
    except OSError as exc:
        raise DecodeError(f"cannot read the file: {exc.strerror or exc}") from None
    if not stamp:
        return data, None
    return data, FileStamp(stat.st_size, stat.st_mtime_ns, content_hash(data))
