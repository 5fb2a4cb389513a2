"""What a rule yields: a `Problem` is a place and a message, nothing more.

The engine turns problems into findings (adding the rule, severity, path and
fingerprint), so rules stay ignorant of reporting.
"""

from __future__ import annotations

from dataclasses import dataclass

from faqlint.config import Severity
from faqlint.parse.model import Edit, Fix, Related, Span


@dataclass(frozen=True, slots=True)
class Problem:
    span: Span
    message: str
    fix: Fix | None = None
    related: tuple[Related, ...] = ()
    severity: Severity | None = None
    tag: str | None = None  # for a rule's `finalize` step; never reported


def replace(span: Span, content: str, message: str, *, safe: bool = True) -> Fix:
    """A one-edit fix."""
    return Fix(
        message=message,
        edits=(Edit(span=span, content=content),),
        applicability="safe" if safe else "unsafe",
    )


def sub_span(span: Span, covered: str, start: int, end: int) -> Span:
    """The part `covered[start:end]` of a span whose text is `covered`."""

    def locate(offset: int) -> tuple[int, int]:
        newlines = covered.count("\n", 0, offset)
        if newlines == 0:
            return span.line, span.column + offset
        return span.line + newlines, offset - covered.rfind("\n", 0, offset)

    line, column = locate(start)
    end_line, end_column = locate(end)
    return Span(
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        start=span.start + start,
        end=span.start + end,
    )
