"""What every dialect parser shares: the raw entry and error records it returns."""

from __future__ import annotations

from dataclasses import dataclass, field

from faqlint.parse.markdown import MarkdownScan, RawLink
from faqlint.parse.source import Source


@dataclass(slots=True)
class RawEntry:
    """An entry as a dialect found it, in character offsets.

    `start`/`end` cover the whole entry from opening to closing marker;
    `body_start`/`body_end` the answer between them.
    """

    dialect: str
    start: int
    end: int
    question_start: int
    question_end: int
    body_start: int
    body_end: int
    closed: bool = True
    parent: int | None = None
    depth: int = 0
    indented: bool = False


@dataclass(slots=True)
class RawError:
    kind: str
    message: str
    start: int
    end: int
    dialect: str


@dataclass(slots=True)
class RawAnchor:
    name: str
    start: int
    end: int


@dataclass(slots=True)
class DialectResult:
    entries: list[RawEntry] = field(default_factory=list)
    errors: list[RawError] = field(default_factory=list)
    links: list[RawLink] = field(default_factory=list)
    anchors: list[RawAnchor] = field(default_factory=list)
    regions: list[tuple[str, str, int, int]] = field(default_factory=list)  # kind, name, start, end


@dataclass(slots=True)
class ParseContext:
    source: Source
    scan: MarkdownScan
    fragment: bool = False  # included into other pages, so it may start mid-structure
    build: str | None = None  # the published build target, for `{ifdef}` text

    @property
    def text(self) -> str:
        return self.source.text

    def line_no(self, offset: int) -> int:
        return self.source.position(offset)[0]


def line_end(text: str, offset: int) -> int:
    """Offset of the line end (before CR/LF) of the line holding `offset`."""
    newline = text.find("\n", offset)
    if newline < 0:
        return len(text)
    return newline - 1 if newline > 0 and text[newline - 1] == "\r" else newline


def next_line_start(text: str, offset: int) -> int:
    newline = text.find("\n", offset)
    return len(text) if newline < 0 else newline + 1


def line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def balanced_argument(text: str, start: int, stop: int) -> int:
    """End of a parenthesised argument opened just before `start`.

    Returns the offset of the closing `)` that balances the opening one, or
    -1 when the line ends first. Nested `(…)` and `{…}` are skipped, so
    `{cut({var(cloud)} and (more))}` ends where a reader expects.
    """
    depth = 0
    position = start
    while position < stop:
        char = text[position]
        if char in "({":
            depth += 1
        elif char in ")}":
            if depth == 0:
                return position if char == ")" else -1
            depth -= 1
        position += 1
    return -1
