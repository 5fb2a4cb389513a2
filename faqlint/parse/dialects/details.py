"""The `details` dialect: HTML disclosure widgets used as FAQ entries.

    <details>
    <summary>How do I contact support?</summary>

    Answer in Markdown, with <info>…</info> admonitions if you like.

    </details>

The summary may sit on the `<details>` line, on its own line, or span lines;
`<details open>` and other attributes are fine; entries may nest. Tags inside
code or HTML comments are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from faqlint.parse.dialects.base import DialectResult, ParseContext, RawEntry, RawError

NAME = "details"

_TAG = re.compile(r"<(/?)(details|summary)(?=[\s>/])[^>]*>", re.I)


@dataclass(slots=True)
class _Open:
    start: int
    end: int
    entry: int


def detect(text: str) -> bool:
    return "<details" in text or "<DETAILS" in text


def parse(ctx: ParseContext) -> DialectResult:
    result = DialectResult()
    text = ctx.text
    hidden = ctx.scan.is_hidden
    tags = [m for m in _TAG.finditer(text) if not hidden(m.start())]
    stack: list[_Open] = []
    index = 0
    while index < len(tags):
        match = tags[index]
        closing, name = match.group(1) == "/", match.group(2).lower()
        index += 1
        if name == "summary":
            if not closing:
                result.errors.append(
                    RawError(
                        "bad-nesting",
                        "`<summary>` outside the start of a `<details>` block",
                        match.start(),
                        match.end(),
                        NAME,
                    )
                )
            continue
        if closing:
            _close(result, stack, match)
            continue
        index = _open(ctx, result, stack, match, tags, index)
    for item in reversed(stack):
        result.errors.append(
            RawError(
                "unclosed",
                "`<details>` is never closed with `</details>`",
                item.start,
                item.end,
                NAME,
            )
        )
    return result


def _open(
    ctx: ParseContext,
    result: DialectResult,
    stack: list[_Open],
    match: re.Match[str],
    tags: list[re.Match[str]],
    index: int,
) -> int:
    """Start an entry; consume its `<summary>…</summary>` if it comes first."""
    text = ctx.text
    start, open_end = match.start(), match.end()
    question_start = question_end = body_start = open_end
    has_summary = False
    if index + 1 < len(tags):
        summary, summary_end = tags[index], tags[index + 1]
        gap = text[open_end : summary.start()]
        if (
            summary.group(2).lower() == "summary"
            and summary.group(1) == ""
            and summary_end.group(2).lower() == "summary"
            and summary_end.group(1) == "/"
            and not gap.strip()
        ):
            question_start, question_end = summary.end(), summary_end.start()
            body_start = summary_end.end()
            has_summary = True
            index += 2
    if not has_summary:
        result.errors.append(
            RawError(
                "empty-question",
                "`<details>` has no `<summary>…</summary>` right after it, so it has no question",
                start,
                open_end,
                NAME,
            )
        )
    parent = stack[-1].entry if stack else None
    result.entries.append(
        RawEntry(
            dialect=NAME,
            start=start,
            end=len(text),
            question_start=question_start,
            question_end=question_end,
            body_start=body_start,
            body_end=len(text),
            closed=False,
            parent=parent,
            depth=len(stack),
        )
    )
    stack.append(_Open(start, open_end, len(result.entries) - 1))
    return index


def _close(result: DialectResult, stack: list[_Open], match: re.Match[str]) -> None:
    if not stack:
        result.errors.append(
            RawError(
                "stray-close",
                "`</details>` closes nothing: no `<details>` is open here",
                match.start(),
                match.end(),
                NAME,
            )
        )
        return
    item = stack.pop()
    entry = result.entries[item.entry]
    entry.end, entry.body_end, entry.closed = match.end(), match.start(), True
