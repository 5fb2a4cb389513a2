"""The prose of a page: what style rules may read, at its exact positions.

A `Prose` keeps the page text with everything that is not prose *masked*
(each character replaced by `MASK`, so offsets, lines and columns stay those
of the file): code spans and blocks, HTML comments and tags, link targets
(`[text](…)` keeps only `text`), URLs, and shortcode syntax (`{note:info}`,
`{linkto(…)[text=…]}` keeps only the text). A regular expression for words
never matches across a mask, and whitespace rules do not see it either.

Scopes pick parts of it: `question` (entry titles), `answer` (entry bodies),
`heading`, `link-text`, and `any` (the whole page).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import compress
from operator import eq
from typing import Literal

from faqlint.model import FaqDocument, Span

MASK = "\x00"
Scope = Literal["question", "answer", "heading", "link-text", "any"]
SCOPES: tuple[Scope, ...] = ("question", "answer", "heading", "link-text", "any")

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
# Patterns that begin with a literal, so the regex engine can skip ahead
# instead of trying every position (the difference is 10x on a large corpus).
_URLS = tuple(
    re.compile(prefix + r"[^\s<>()\[\]`]+") for prefix in (r"https?://", r"ftp://", r"www\.")
)
_EMAIL_DOMAIN = re.compile(r"@[\w-]+\.[\w.-]+")
_EMAIL_LOCAL = re.compile(r"[\w.+-]+$")
_WORDS = re.compile(r"\w+")
_LINE_END = re.compile(r"\r\n|\r|\n")
_SHORTCODE = re.compile(
    r"\{/?([a-z]+)(?::[a-z]+)?(?:\(((?:[^(){}]|\{[^{}]*\}|\([^()]*\))*)\))?"
    r"(?:\[((?:[^\[\]]|\[[^\]]*\])*)\])?\}"
)
# Shortcodes whose argument is prose readers see: `{cut(Question)}`, `{tab(Title)}`…
_KEEP_ARGUMENT = frozenset({"cut", "tab", "heading", "caption"})


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of prose: `text` is the masked source from offset `start`."""

    start: int
    text: str
    scope: Scope
    entry: int | None = None  # index into doc.entries for question/answer

    def span(self, prose: Prose, start: int, end: int) -> Span:
        """The span of `text[start:end]` in the file."""
        return prose.span(self.start + start, self.start + end)


def _shortcode_masks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The syntax of the shortcodes in `text[start:end]`; for those whose
    argument or `[text=…]` is shown to readers, everything but that part."""
    for match in _SHORTCODE.finditer(text, start, end):
        name = match.group(1)
        if (
            name in _KEEP_ARGUMENT
            and match.group(2) is not None
            and not match.group(0).startswith("{/")
        ):
            kept = match.span(2)
        elif name == "linkto" and (match.group(3) or "").startswith("text="):
            kept = (match.start(3) + len("text="), match.end(3))
        else:
            yield match.span()
            continue
        yield match.start(), kept[0]
        yield kept[1], match.end()
        yield from _shortcode_masks(text, *kept)


def _emails(text: str) -> Iterator[tuple[int, int]]:
    for match in _EMAIL_DOMAIN.finditer(text):
        local = _EMAIL_LOCAL.search(text, max(0, match.start() - 64), match.start())
        if local is not None:
            yield local.start(), match.end()


class Prose:
    """The masked text of one page, with line tables for spans."""

    def __init__(self, doc: FaqDocument, text: str, hidden: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.source = text
        self._hidden = hidden

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0, *(m.end() for m in _LINE_END.finditer(self.source))]

    @cached_property
    def text(self) -> str:
        source = self.source
        pieces: list[str] = []
        position = 0
        for begin, end in sorted(self._masked_ranges()):
            if end <= position:
                continue
            start = max(begin, position)
            pieces.append(source[position:start])
            pieces.append(MASK * (end - start))
            position = end
        pieces.append(source[position:])
        return "".join(pieces)

    @cached_property
    def lowered(self) -> str:
        """The masked text in lower case: for quick `in` tests, not for offsets."""
        return self.text.lower()

    @cached_property
    def words(self) -> list[str]:
        """The page's words, lower-cased, in order (masks separate words)."""
        return _WORDS.findall(self.lowered)

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """The set of `words`: one lookup tells a rule whether to look further."""
        return frozenset(self.words)

    @cached_property
    def repeated_words(self) -> frozenset[str]:
        """Words that occur twice in a row (maybe with a mask between)."""
        words = self.words
        return frozenset(compress(words, map(eq, words, words[1:])))

    @property
    def has_repeated_word(self) -> bool:
        return bool(self.repeated_words)

    def _masked_ranges(self) -> Iterator[tuple[int, int]]:
        source = self.source
        yield from self._hidden
        for pattern in (_TAG, *_URLS):
            for match in pattern.finditer(source):
                yield match.span()
        if "@" in source:
            yield from _emails(source)
        yield from _shortcode_masks(source, 0, len(source))
        for link in self.doc.links:
            if link.syntax in ("inline", "reference", "autolink", "html"):
                start, end = link.span.start, link.span.end
                searchable = link.text and link.syntax != "autolink"
                text_at = source.find(link.text, start, end) if searchable else -1
                if text_at < 0:
                    yield start, end
                else:
                    yield start, text_at
                    yield text_at + len(link.text), end

    def span(self, start: int, end: int) -> Span:
        """The file span of characters `start`–`end` of the page."""
        from bisect import bisect_right

        starts = self._line_starts
        line = bisect_right(starts, start) - 1
        end_line = bisect_right(starts, end) - 1
        return Span(
            line + 1, start - starts[line] + 1, end_line + 1, end - starts[end_line] + 1, start, end
        )

    # -- scopes ------------------------------------------------------------
    def segments(self, scope: Scope) -> list[Segment]:
        text = self.text
        if scope == "any":
            return [Segment(0, text, "any")]
        if scope == "question":
            return [
                Segment(
                    e.question_span.start,
                    text[e.question_span.start : e.question_span.end],
                    "question",
                    i,
                )
                for i, e in enumerate(self.doc.entries)
            ]
        if scope == "answer":
            return [
                Segment(
                    e.answer_span.start, text[e.answer_span.start : e.answer_span.end], "answer", i
                )
                for i, e in enumerate(self.doc.entries)
            ]
        if scope == "heading":
            return [
                Segment(h.span.start, text[h.span.start : h.span.end], "heading")
                for h in self.doc.headings
            ]
        return [
            Segment(start, text[start : start + len(link.text)], "link-text")
            for link in self.doc.links
            if link.text
            and (start := self.source.find(link.text, link.span.start, link.span.end)) >= 0
        ]
