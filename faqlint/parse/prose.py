"""The prose of a page: what style rules may read, at its exact positions.

A `Prose` keeps the page text with everything that is not prose *masked*
(each character replaced by `MASK`, so offsets, lines and columns stay those
of the file): code spans and blocks, HTML comments and tags, link targets
(`[text](…)` keeps only `text`), URLs, and shortcode syntax (`{note:info}`,
`{linkto(…)[text=…]}` keeps only the text). The marks of list items, quotes
and headings (`1.`, `-`, `>`, `##`) are masked with `MARKUP` instead, so a
rule can tell "after a list marker" from "after code". A regular expression for words
never matches across a mask, and whitespace rules do not see it either.

Scopes pick parts of it: `question` (entry titles), `answer` (entry bodies),
`heading`, `link-text`, and `any` (the whole page).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import compress, filterfalse
from operator import eq
from typing import Literal

from faqlint.parse.model import FaqDocument, Span

MASK = "\x00"
MARKUP = "\x01"  # masks block marks (list markers, `>`, `#`): markup, not content
MASKS = MASK + MARKUP
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
# List markers, quote marks and heading marks are Markdown syntax, not prose
# ("1.  Step" has no doubled space). Starting with the line end keeps the
# regex engine fast; the first line is matched on its own.
_BLOCK_MARKER = re.compile(r"\n[ \t]*((?:[-*+>]|\d{1,9}[.)]|#{1,6}))(?=[ \t])")
_FIRST_BLOCK_MARKER = re.compile(r"[ \t]*((?:[-*+>]|\d{1,9}[.)]|#{1,6}))(?=[ \t])")
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
        if text.find("{", *kept) >= 0:  # a shortcode inside the kept text
            yield from _shortcode_masks(text, *kept)


_LINE_END_OR_NOT = re.compile(r"(\r\n|\r|\n)|[^\r\n]+")


def _mask_keeping_lines(text: str, mask: str) -> str:
    return "".join(
        match.group(1) or mask * len(match.group(0)) for match in _LINE_END_OR_NOT.finditer(text)
    )


_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z,;] )([A-Z][\w-]*)")
_TEMPLATE_TAG = re.compile(r"\{%.*?%\}")
_TEMPLATE_VALUE = re.compile(r"\{\{.*?\}\}")
_EXPLICIT_ID = re.compile(r"[ \t]*\{#[\w\-:.]+[^}\n]*\}")


def _keep_titles(
    ranges: list[tuple[int, int, str]], doc: FaqDocument
) -> list[tuple[int, int, str]]:
    """Masks with an entry's title inside them (`<Accordion title="…">`, a
    tag line) leave the title itself unmasked: it is what readers read.
    Masks inside a title (code in it) stay."""
    titles = sorted(
        (e.question_span.start, e.question_span.end)
        for e in doc.entries
        if e.question_span.start < e.question_span.end
    )
    if not titles:
        return ranges
    starts = [start for start, _ in titles]
    kept: list[tuple[int, int, str]] = []
    for start, end, mask in ranges:
        position = start
        first = bisect_left(starts, start)
        for t_start, t_end in titles[first : bisect_left(starts, end, first)]:
            if t_end <= end and end - start > t_end - t_start:
                if position < t_start:
                    kept.append((position, t_start, mask))
                position = max(position, t_end)
        if position < end:
            kept.append((position, end, mask))
    return kept


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
        ranges = [(start, end, MASK) for start, end in self._masked_ranges()]
        ranges = _keep_titles(ranges, self.doc)
        ranges += [(start, end, MARKUP) for start, end in self._block_marks()]
        pieces: list[str] = []
        position = 0
        for begin, end, mask in sorted(ranges):
            if end <= position:
                continue
            start = max(begin, position)
            pieces.append(source[position:start])
            masked = source[start:end]
            if "\n" in masked or "\r" in masked:  # line ends stay: a masked block ends its line
                pieces.append(_mask_keeping_lines(masked, mask))
            else:
                pieces.append(mask * (end - start))
            position = end
        pieces.append(source[position:])
        return "".join(pieces)

    @cached_property
    def names_in_answers(self) -> frozenset[str]:
        """Words the entries' answers write with a capital in mid-sentence
        (after a lower-case word): names of products and features, casefolded."""
        found: set[str] = set()
        text = self.text
        for entry in self.doc.entries:
            answer = text[entry.answer_span.start : entry.answer_span.end]
            found.update(m.group(1).casefold() for m in _MID_SENTENCE_CAPITAL.finditer(answer))
        return frozenset(found)

    @cached_property
    def lowered(self) -> str:
        """The masked text in lower case, for fast case-blind searches.

        Offsets match `text` unless lower-casing changed a length (`İ`
        becomes two characters): then `lowered_aligned` is False and
        searches fall back to case-blind regexes on `text`."""
        return self.text.lower()

    @property
    def lowered_aligned(self) -> bool:
        return len(self.lowered) == len(self.text)

    @cached_property
    def _tokens(self) -> list[str]:
        """The lower-cased text split at whitespace and masks (C-speed)."""
        return self.lowered.replace(MASK, " ").replace(MARKUP, " ").split()

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Every word of the page, lower-cased: one set lookup tells a rule
        whether to look further. Splitting at whitespace and then taking the
        words out of the few distinct tokens with punctuation is faster than
        a word regex over the whole page."""
        tokens = set(self._tokens)
        words = set(filter(str.isalnum, tokens))
        words.update(_WORDS.findall(" ".join(filterfalse(str.isalnum, tokens))))
        return frozenset(words)

    @cached_property
    def repeated_words(self) -> frozenset[str]:
        """Candidates for a word written twice in a row: tokens equal to the
        next one, maybe but for punctuation after it ("команду команду:").
        The repetition rule confirms each one with a regex."""
        tokens = self._tokens
        following = tokens[1:]
        found = set(compress(tokens, map(eq, tokens, following)))
        for index in compress(range(len(following)), map(str.startswith, following, tokens)):
            word, after = tokens[index], following[index][len(tokens[index]) :]
            if after and not any(c.isalnum() for c in after):
                found.add(word)
        return frozenset(w for token in found for w in _WORDS.findall(token))

    @property
    def has_repeated_word(self) -> bool:
        return bool(self.repeated_words)

    def _block_marks(self) -> Iterator[tuple[int, int]]:
        source = self.source
        first = _FIRST_BLOCK_MARKER.match(source)
        if first is not None:
            yield first.span(1)
        for match in _BLOCK_MARKER.finditer(source):
            yield match.span(1)

    @cached_property
    def url_spans(self) -> list[tuple[int, int]]:
        """Where the page writes a bare URL (masked: it is not prose)."""
        return [match.span() for pattern in _URLS for match in pattern.finditer(self.source)]

    def _masked_ranges(self) -> Iterator[tuple[int, int]]:
        source = self.source
        yield from self._hidden
        if "{#" in source:
            for match in _EXPLICIT_ID.finditer(source):  # `Title  {#id}`: an id, not prose
                yield match.span()
        if "{%" in source:  # YFM/Liquid/Jinja tags (`{% cut "…" %}`): syntax, not prose
            for match in _TEMPLATE_TAG.finditer(source):
                yield match.span()
        if "{{" in source:
            for match in _TEMPLATE_VALUE.finditer(source):
                yield match.span()
        for match in _TAG.finditer(source):
            yield match.span()
        yield from self.url_spans
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
