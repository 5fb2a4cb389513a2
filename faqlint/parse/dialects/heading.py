"""The `heading` dialect: each heading of one level is a question.

    ## How do I reset my password?

    Answer blocks, up to the next heading of the same or a higher level.

The level is `[dialect.heading] level` (default 2), or `"page"`: on each
page the level (2 to 4) whose headings are questions most often (a site
whose FAQ pages differ: h3 on one, h4 on another). When dialects are
auto-detected, a page counts as a heading-style FAQ only if it has at least
two headings of that level and at least half of them end with `?`, so
ordinary documentation pages are not taken for FAQs.
"""

from __future__ import annotations

import re

from faqlint.parse.dialects.base import DialectResult, ParseContext, RawEntry
from faqlint.parse.markdown import RawHeading

NAME = "heading"

_ATX_OPEN = re.compile(r"[ \t]*#{1,6}[ \t]*")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$|^#+[ \t]*$")


PAGE_LEVEL = 0  # `level = "page"`: chosen per page


def page_level(ctx: ParseContext) -> int:
    """The level (2-4) with the most question headings on this page."""
    asked = {
        level: sum(
            1
            for h in ctx.scan.headings
            if h.level == level and h.text.rstrip().endswith(("?", "？"))
        )
        for level in (2, 3, 4)
    }
    return max(asked, key=lambda level: (asked[level], -level))


def detect(ctx: ParseContext, level: int) -> bool:
    if level == PAGE_LEVEL:
        level = page_level(ctx)
    questions = [h for h in ctx.scan.headings if h.level == level]
    asked = sum(1 for h in questions if h.text.rstrip().endswith(("?", "？")))
    return len(questions) >= 2 and asked * 2 >= len(questions)


def parse(ctx: ParseContext, level: int) -> DialectResult:
    if level == PAGE_LEVEL:
        level = page_level(ctx)
    result = DialectResult()
    text = ctx.text
    headings = ctx.scan.headings
    for index, heading in enumerate(headings):
        if heading.level != level:
            continue
        body_end = next(
            (h.start for h in headings[index + 1 :] if h.level <= level),
            len(text),
        )
        question_start, question_end = _question_range(text, heading)
        result.entries.append(
            RawEntry(
                dialect=NAME,
                start=heading.start,
                end=body_end,
                question_start=question_start,
                question_end=question_end,
                body_start=heading.end,
                body_end=body_end,
            )
        )
    return result


def _question_range(text: str, heading: RawHeading) -> tuple[int, int]:
    region_end = heading.end
    first_line_end = text.find("\n", heading.start, region_end)
    if first_line_end < 0:
        first_line_end = region_end
    line = text[heading.start : first_line_end].rstrip("\r")
    opener = _ATX_OPEN.match(line)
    if opener and line.lstrip().startswith("#"):
        closer = _ATX_CLOSE.search(line, opener.end())
        end = closer.start() if closer else len(line.rstrip())
        return heading.start + opener.end(), heading.start + max(end, opener.end())
    stripped = len(line) - len(line.lstrip())
    return heading.start + stripped, heading.start + len(line.rstrip())
