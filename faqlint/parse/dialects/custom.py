"""Custom dialects: entries described by two regular expressions in config.

    [custom-dialects.my-faq]
    open = '\\{%\\s*cut\\s+"(?P<question>[^"]*)"\\s*%\\}'
    close = '\\{%\\s*endcut\\s*%\\}'

`open` must have a named group `question`. Without `close`, set
`body = "indented"`: the answer is the lines after the opener that are blank
or indented deeper than it (MkDocs' `??? question "Q"`). Three presets ship
ready to use by name in `dialects = [...]`: `yfm-cut`, `mdx-accordion`,
`mkdocs-details`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import regex

from faqlint.parse.dialects.base import (
    DialectResult,
    ParseContext,
    RawEntry,
    RawError,
    next_line_start,
)
from faqlint.parse.user_regex import UserRegexError, compile_checked


@dataclass(frozen=True, slots=True)
class CustomSyntax:
    name: str
    open: re.Pattern[str]
    close: re.Pattern[str] | None
    body: Literal["closed", "indented"]
    nesting: bool = True
    hint: str = ""  # a literal every opener contains: a cheap pre-check
    # what an opener starts with: one that starts so but does not parse is malformed
    loose: re.Pattern[str] | None = None


def compile_syntax(
    name: str,
    open_pattern: str,
    close_pattern: str | None,
    body: Literal["closed", "indented"],
    nesting: bool = True,
) -> CustomSyntax:
    """Compile a custom dialect; raises `ValueError` with a readable reason."""
    try:
        opener = compile_checked(open_pattern, regex.M)
    except UserRegexError as exc:
        raise ValueError(f"`open` {exc}") from None
    if "question" not in opener.groupindex:
        raise ValueError("`open` needs a named group `(?P<question>…)`")
    closer = None
    if close_pattern is not None:
        try:
            closer = compile_checked(close_pattern, regex.M)
        except UserRegexError as exc:
            raise ValueError(f"`close` {exc}") from None
    if closer is None and body == "closed":
        raise ValueError('give `close`, or set `body = "indented"`')
    return CustomSyntax(name, opener, closer, body, nesting)


PRESETS: dict[str, tuple[str, str | None, Literal["closed", "indented"], str]] = {
    # Yandex Flavored Markdown / Diplodoc: {% cut "Question" %} … {% endcut %}
    "yfm-cut": (
        r"\{%-?[ \t]*cut[ \t]+(?P<q>[\"'])(?P<question>.*?)(?P=q)[ \t]*-?%\}",
        r"\{%-?[ \t]*endcut[ \t]*-?%\}",
        "closed",
        "{%",
    ),
    # MDX components (Docusaurus, Mintlify): <Accordion title="Question">…</Accordion>
    "mdx-accordion": (
        r"<Accordion\b[^>]*?\btitle=(?P<q>[\"'])(?P<question>.*?)(?P=q)[^>]*>",
        r"</Accordion\s*>",
        "closed",
        "<Accordion",
    ),
    # MkDocs Material / pymdownx.details: ??? question "Question" + indented body;
    # {types}: the admonition types that are FAQ entries (`[dialect.mkdocs-details]`)
    "mkdocs-details": (
        r"^[ \t]*\?\?\?\+?[ \t]+(?:{types})(?:[ \t]+[\w-]+)*[ \t]+"
        r"\"(?P<question>[^\"\n]*)\"[ \t]*$",
        None,
        "indented",
        "???",
    ),
}


@functools.cache
def preset(
    name: str, admonition_types: tuple[str, ...] = ("question", "faq", "help")
) -> CustomSyntax:
    open_pattern, close_pattern, body, hint = PRESETS[name]
    if "{types}" in open_pattern:
        alternatives = "|".join(re.escape(t) for t in admonition_types) or r"[\w-]+"
        open_pattern = open_pattern.replace("{types}", alternatives)
    syntax = compile_syntax(name, open_pattern, close_pattern, body)
    loose = re.compile(_LOOSE[name]) if name in _LOOSE else None
    return CustomSyntax(syntax.name, syntax.open, syntax.close, body, True, hint, loose)


# The start of a preset's opener, to tell a malformed one (a title quoted
# `"…'` or never closed) from text that is no opener at all.
_LOOSE = {"yfm-cut": r"\{%-?[ \t]*cut[ \t]+[\"']"}


def detect(syntax: CustomSyntax, text: str) -> bool:
    if syntax.hint and syntax.hint not in text:
        return False
    return syntax.open.search(text) is not None


def parse(ctx: ParseContext, syntax: CustomSyntax) -> DialectResult:
    if syntax.body == "indented":
        return _parse_indented(ctx, syntax)
    return _parse_closed(ctx, syntax)


def _parse_closed(ctx: ParseContext, syntax: CustomSyntax) -> DialectResult:
    assert syntax.close is not None
    result = DialectResult()
    text, hidden = ctx.text, ctx.scan.is_hidden
    markers = [(m.start(), True, m) for m in syntax.open.finditer(text) if not hidden(m.start())]
    markers += [(m.start(), False, m) for m in syntax.close.finditer(text) if not hidden(m.start())]
    markers.sort(key=lambda item: item[0])
    if syntax.loose is not None:
        _malformed_openers(
            result, syntax, text, {start for start, is_open, _ in markers if is_open}, hidden
        )
    stack: list[int] = []
    for _, is_open, match in markers:
        if is_open:
            if stack and not syntax.nesting:
                _error(result, syntax, "bad-nesting", "entries of this dialect cannot nest", match)
            result.entries.append(_entry(syntax, match, len(text), stack))
            stack.append(len(result.entries) - 1)
        elif stack:
            entry = result.entries[stack.pop()]
            entry.end, entry.body_end, entry.closed = match.end(), match.start(), True
        else:
            _error(result, syntax, "stray-close", "closing marker closes nothing", match)
    for index in reversed(stack):
        entry = result.entries[index]
        result.errors.append(
            RawError(
                "unclosed",
                f"`{syntax.name}` entry is never closed before the end of the file",
                entry.start,
                entry.body_start,
                syntax.name,
            )
        )
    return result


def _malformed_openers(
    result: DialectResult,
    syntax: CustomSyntax,
    text: str,
    openers: set[int],
    hidden: Callable[[int], bool],
) -> None:
    assert syntax.loose is not None
    for match in syntax.loose.finditer(text):
        if match.start() in openers or hidden(match.start()):
            continue
        line_end = text.find("\n", match.start())
        shown = text[match.start() : line_end if line_end >= 0 else len(text)][:60]
        message = (
            f"`{shown}` looks like a `{syntax.name}` opener, but its title is not quoted "
            "with the same quote on both sides and closed with `%}`: the entry is not read"
        )
        result.errors.append(
            RawError("unterminated-marker", message, match.start(), match.end(), syntax.name)
        )


def _parse_indented(ctx: ParseContext, syntax: CustomSyntax) -> DialectResult:
    result = DialectResult()
    text, hidden = ctx.text, ctx.scan.is_hidden
    open_entries: list[tuple[int, int]] = []  # (indent, entry index)
    for match in syntax.open.finditer(text):
        if hidden(match.start()):
            continue
        line_begin = text.rfind("\n", 0, match.start()) + 1
        indent = _indent(text[line_begin : match.end()])
        while open_entries and open_entries[-1][0] >= indent:
            open_entries.pop()
        parent = open_entries[-1][1] if open_entries else None
        entry = _entry(syntax, match, len(text), [] if parent is None else [parent])
        entry.depth = len(open_entries)
        entry.indented = True
        body_start = next_line_start(text, match.end())
        entry.body_start = body_start
        entry.body_end = entry.end = _indented_body_end(text, body_start, indent)
        entry.closed = True
        result.entries.append(entry)
        open_entries.append((indent, len(result.entries) - 1))
    return result


def _indented_body_end(text: str, position: int, indent: int) -> int:
    end = position
    while position < len(text):
        next_start = next_line_start(text, position)
        line = text[position:next_start]
        if line.strip():
            if _indent(line) <= indent:
                break
            end = next_start
        position = next_start
    return end


def _indent(line: str) -> int:
    stripped = line.lstrip(" \t")
    prefix = line[: len(line) - len(stripped)]
    return len(prefix.expandtabs(4))


def _entry(syntax: CustomSyntax, match: re.Match[str], text_end: int, stack: list[int]) -> RawEntry:
    return RawEntry(
        dialect=syntax.name,
        start=match.start(),
        end=text_end,
        question_start=match.start("question"),
        question_end=match.end("question"),
        body_start=match.end(),
        body_end=text_end,
        closed=False,
        parent=stack[-1] if stack else None,
        depth=len(stack),
    )


def _error(
    result: DialectResult, syntax: CustomSyntax, kind: str, message: str, match: re.Match[str]
) -> None:
    result.errors.append(RawError(kind, message, match.start(), match.end(), syntax.name))
