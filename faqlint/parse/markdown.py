"""The one place faqlint talks to a Markdown parser.

We use pyromark (pulldown-cmark) because it is the parser that meets the
speed targets while still giving source ranges: on the reference corpus it
walks all 3,869 pages in ~0.7 s where markdown-it-py needs ~7.5 s (see
bench/RESULTS.md). Everything else in faqlint sees only `MarkdownScan`, so
swapping the parser means rewriting this module alone.

A scan records what the dialects and rules need and nothing more: regions
that hide their content (code blocks, code spans, HTML comments), fenced code
blocks and whether they were closed by a fence, headings, and links with
their text. Offsets are character offsets into `Source.text`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pyromark

from faqlint.parse.jsx import jsx_layout, jsx_view
from faqlint.parse.masking import hidden_regions, masked
from faqlint.parse.source import Source

_OPTIONS = pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_STRIKETHROUGH
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_FENCE_LINE = re.compile(r"[ \t]*(`{3,}|~{3,})")


@dataclass(slots=True)
class RawHeading:
    level: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class RawLink:
    start: int
    end: int
    dest: str
    text: str
    is_image: bool
    link_type: str
    title: str = ""


@dataclass(slots=True)
class Fence:
    """A fenced code block; `closed` is False when a container or EOF ended it."""

    start: int
    end: int
    marker: str
    closed: bool
    indent: int


@dataclass(slots=True)
class MarkdownScan:
    hidden: list[tuple[int, int]] = field(default_factory=list)
    indented_code: list[tuple[int, int]] = field(default_factory=list)
    comments: list[tuple[int, int]] = field(default_factory=list)
    fences: list[Fence] = field(default_factory=list)
    headings: list[RawHeading] = field(default_factory=list)
    links: list[RawLink] = field(default_factory=list)
    # Code spans of non-ASCII files stay in UTF-8 byte offsets: there are tens
    # of thousands per corpus and only the few positions asked about are converted.
    code_span_bytes: list[tuple[int, int]] = field(default_factory=list)
    to_byte: Callable[[int], int] | None = field(default=None, repr=False)
    _hidden_starts: list[int] = field(default_factory=list, repr=False)
    _code_span_starts: list[int] = field(default_factory=list, repr=False)

    def is_hidden(self, offset: int) -> bool:
        """True when the character at `offset` is inside code or an HTML comment."""
        index = bisect_right(self._hidden_starts, offset) - 1
        if index >= 0 and offset < self.hidden[index][1]:
            return True
        if not self.code_span_bytes or self.to_byte is None:
            return False
        byte = self.to_byte(offset)
        index = bisect_right(self._code_span_starts, byte) - 1
        return index >= 0 and byte < self.code_span_bytes[index][1]

    def in_fence(self, offset: int) -> bool:
        """Inside a fenced code block. (MDX `import` lines and JSX tag lines
        are hidden from Markdown too, so `is_hidden` cannot tell code there.)"""
        return any(fence.start <= offset < fence.end for fence in self.fences)

    def all_hidden(self, source: Source) -> list[tuple[int, int]]:
        """Every hidden range in characters, code spans of non-ASCII files included."""
        if not self.code_span_bytes:
            return list(self.hidden)
        offsets = {o for pair in self.code_span_bytes for o in pair}
        table = source.char_offsets(offsets)
        spans = [(table[a], table[b]) for a, b in self.code_span_bytes]
        return sorted([*self.hidden, *spans])

    def in_indented_code(self, offset: int) -> bool:
        """True inside an indented (not fenced) code block: often a misindented line."""
        return any(start <= offset < end for start, end in self.indented_code)

    def finalize(self) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(self.hidden):
            if merged and start <= merged[-1][1]:
                if end > merged[-1][1]:
                    merged[-1] = (merged[-1][0], end)
            else:
                merged.append((start, end))
        self.hidden = merged
        self._hidden_starts = [start for start, _ in merged]
        self.code_span_bytes.sort()
        self._code_span_starts = [start for start, _ in self.code_span_bytes]


def scan(  # noqa: PLR0912, PLR0915 - one hot loop, kept whole
    source: Source, lazy_code_spans: bool = True
) -> MarkdownScan:
    """Parse a document once and keep what faqlint needs.

    This loop sees every parser event of every file (a million on the
    reference corpus), so it is written for speed: the common events (text,
    paragraph and list starts/ends) leave it after one or two dict checks.
    """
    text = source.text
    result = MarkdownScan()
    hidden = result.hidden
    code_spans: list[tuple[int, int]] = []
    html_ranges: list[tuple[int, int]] = []
    raw_fences: list[tuple[int, int]] = []
    buffer: list[str] | None = None
    heading: tuple[int, int, int] | None = None
    link: tuple[int, int, dict[str, Any], bool, int] | None = None
    # Events are typed dicts in pyromark's stubs; the loop dispatches on keys.
    not_markdown = hidden_regions(text, source.path)
    view = masked(text, not_markdown)
    layout = jsx_layout(view) if source.path.endswith(".mdx") else None
    dedent = None
    if layout is not None:
        byte_of = None if source.is_ascii else source.byte_offset
        view, dedent = jsx_view(view, layout, byte_of)
    events: Iterator[tuple[Any, Any]] = pyromark.events_with_range(
        view, options=_OPTIONS, merge_text=True
    )
    if dedent is not None and dedent.starts:
        events = _mapped(events, dedent.original)
    for event, span in events:
        if event.__class__ is str:
            if buffer is not None and event in _BREAKS:
                buffer.append(" ")
        elif "Text" in event:
            if buffer is not None:
                buffer.append(event["Text"])
        elif "Start" in event:
            start = event["Start"]
            if start.__class__ is str:
                if start == "HtmlBlock":
                    html_ranges.append((span["start"], span["end"]))
            elif "Link" in start or "Image" in start:
                is_image = "Image" in start
                if buffer is None:
                    buffer = []
                info = start["Image"] if is_image else start["Link"]
                link = (span["start"], span["end"], info, is_image, len(buffer))
            elif "Heading" in start:
                heading = (int(start["Heading"]["level"][1:]), span["start"], span["end"])
                buffer = []
            elif "CodeBlock" in start:
                hidden.append((span["start"], span["end"]))
                if start["CodeBlock"] == "Indented":
                    result.indented_code.append((span["start"], span["end"]))
                else:
                    raw_fences.append((span["start"], span["end"]))
        elif "End" in event:
            end = event["End"]
            if end.__class__ is str:
                if link is not None and end in _LINK_ENDS:
                    l_start, l_end, info, is_image, first = link
                    assert buffer is not None
                    result.links.append(
                        RawLink(
                            l_start,
                            l_end,
                            info["dest_url"],
                            "".join(buffer[first:]),
                            is_image,
                            info["link_type"],
                            info["title"],
                        )
                    )
                    link = None
                    if heading is None:
                        buffer = None
            elif heading is not None and "Heading" in end:
                assert buffer is not None
                level, h_start, h_end = heading
                result.headings.append(RawHeading(level, h_start, h_end, "".join(buffer).strip()))
                heading = buffer = None
        elif "Code" in event:
            code_spans.append((span["start"], span["end"]))
            if buffer is not None:
                buffer.append(event["Code"])
        elif "InlineHtml" in event:
            html_ranges.append((span["start"], span["end"]))
    if source.is_ascii or not lazy_code_spans:
        hidden.extend(code_spans)
    if not source.is_ascii and lazy_code_spans:
        result.code_span_bytes = code_spans
        result.to_byte = source.byte_offset
    if not source.is_ascii:
        _convert_offsets(source, result, html_ranges, raw_fences)
    result.fences = [_fence(text, start, end) for start, end in raw_fences]
    for start, end in html_ranges:
        if "<!--" in text[start:end]:
            for match in _COMMENT.finditer(text, start, end):
                result.comments.append((match.start(), match.end()))
    result.hidden.extend(result.comments)
    result.hidden.extend(not_markdown)  # character offsets already
    result.finalize()
    return result


def _mapped(
    events: Iterator[tuple[Any, Any]], original: Callable[[int], int]
) -> Iterator[tuple[Any, Any]]:
    """Events of a JSX view (see `jsx`) with offsets in the page's terms.
    Text and break events keep theirs: the scan never reads their spans."""
    for event, span in events:
        if event.__class__ is str or "Text" in event:
            yield event, span
        else:
            yield event, {"start": original(span["start"]), "end": original(span["end"])}


_BREAKS = frozenset({"SoftBreak", "HardBreak"})
_LINK_ENDS = frozenset({"Link", "Image"})


def _level(name: str) -> int:
    return int(name[1:])


def _convert_offsets(
    source: Source,
    result: MarkdownScan,
    html_ranges: list[tuple[int, int]],
    raw_fences: list[tuple[int, int]],
) -> None:
    """Byte offsets from the parser become character offsets, in place."""
    offsets: set[int] = set()
    for pairs in (result.hidden, html_ranges, raw_fences):
        for a, b in pairs:
            offsets.add(a)
            offsets.add(b)
    for heading in result.headings:
        offsets.update((heading.start, heading.end))
    for link in result.links:
        offsets.update((link.start, link.end))
    table = source.char_offsets(offsets)
    to_char = table.__getitem__
    result.hidden = [(to_char(a), to_char(b)) for a, b in result.hidden]
    result.indented_code = [(to_char(a), to_char(b)) for a, b in result.indented_code]
    html_ranges[:] = [(to_char(a), to_char(b)) for a, b in html_ranges]
    raw_fences[:] = [(to_char(a), to_char(b)) for a, b in raw_fences]
    for heading in result.headings:
        heading.start, heading.end = to_char(heading.start), to_char(heading.end)
    for link in result.links:
        link.start, link.end = to_char(link.start), to_char(link.end)


def _fence(text: str, start: int, end: int) -> Fence:
    line_end = text.find("\n", start, end)
    opener = text[start : line_end if line_end >= 0 else end]
    match = _FENCE_LINE.match(opener)
    marker = match.group(1) if match else "```"
    indent = len(opener) - len(opener.lstrip(" \t"))
    body_end = end
    while body_end > start and text[body_end - 1] in "\r\n":
        body_end -= 1
    last_newline = text.rfind("\n", start, body_end)
    last_line = text[last_newline + 1 : body_end].strip()
    closed = (
        line_end >= 0
        and last_newline >= line_end
        and last_line.startswith(marker)
        and last_line.count(marker[0]) == len(last_line)
    )
    return Fence(start, end, marker, closed, indent)


def plain_text(markdown: str) -> str:
    """Readable text of a Markdown fragment: no markup, one space between blocks."""
    if not _MARKUP.search(markdown):
        return " ".join(markdown.split())
    parts: list[str] = []
    events: Iterator[Any] = pyromark.events(markdown, options=_OPTIONS)
    for event in events:
        if event.__class__ is dict:
            if "Text" in event:
                parts.append(event["Text"])
            elif "Code" in event:
                parts.append(event["Code"])
            elif "End" in event and not (event["End"].__class__ is str and event["End"] in _INLINE):
                parts.append(" ")
        elif event in _BREAKS:
            parts.append(" ")
    return " ".join("".join(parts).split())


_INLINE = frozenset(
    {"Link", "Image", "Emphasis", "Strong", "Strikethrough", "Superscript", "Subscript"}
)


# Anything that could be markup. `[ \t]*`, not `\s*`, after `^`: a `\s*` would
# run across blank lines from every line start (quadratic on long text).
_MARKUP = re.compile(r"[*_`\[\]<>&\\!#|~]|^[ \t]*(?:[-+>]|\d+[.)])(?:\s|$)", re.M)
