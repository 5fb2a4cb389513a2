"""Structural errors of a page as a whole: an unclosed code fence or HTML
comment that hides FAQ entries from renderers."""

from __future__ import annotations

import re

from faqlint.parse import markdown
from faqlint.parse.dialects.base import DialectResult, RawEntry, RawError
from faqlint.parse.markdown import MarkdownScan
from faqlint.parse.source import Source

_OPENERS = {
    "cut": re.compile(r"\{cut\("),
    "details": re.compile(r"<details[\s>]", re.I),
}


def swallowing_regions(
    source: Source,
    scan: MarkdownScan,
    entries: list[RawEntry],
    results: list[tuple[str, DialectResult]],
) -> list[RawError]:
    """Unclosed code fences and HTML comments that hide entries."""
    text = source.text
    openers = [_OPENERS[name] for name, _ in results if name in _OPENERS]
    if not openers:
        openers = list(_OPENERS.values())
    errors: list[RawError] = []
    for fence in scan.fences:
        if fence.closed:
            continue
        naive_end = _naive_fence_end(text, fence)
        from_offset = fence.end if fence.end < len(text) else text.find("\n", fence.start) + 1
        hidden = _markers_in(text, openers, from_offset, naive_end, scan, fence.end)
        if hidden:
            lines = ", ".join(str(source.position(p)[0]) for p in hidden[:5])
            more = f" and {len(hidden) - 5} more" if len(hidden) > 5 else ""
            if fence.end >= len(text.rstrip()):
                why = "it runs to the end of the file and hides"
            else:
                why = (
                    f"CommonMark ends it with its container on line "
                    f"{source.position(fence.end)[0]}, but renderers that close fences "
                    "only with a fence swallow"
                )
            start_line_end = text.find("\n", fence.start)
            errors.append(
                RawError(
                    "unclosed-fence",
                    f"code fence `{fence.marker}` is never closed: {why} "
                    f"the entries on lines {lines}{more}",
                    fence.start + fence.indent,
                    start_line_end if start_line_end >= 0 else len(text),
                    "markdown",
                )
            )
    for start, end in scan.comments:
        if text.startswith("-->", end - 3):
            continue
        hidden = [m.start() for pattern in openers for m in pattern.finditer(text, start, end)]
        if hidden:
            lines = ", ".join(str(source.position(p)[0]) for p in sorted(hidden)[:5])
            errors.append(
                RawError(
                    "unclosed-comment",
                    f"HTML comment `<!--` is never closed with `-->`: it hides the entries "
                    f"on lines {lines}",
                    start,
                    start + 4,
                    "markdown",
                )
            )
    return errors


def _naive_fence_end(text: str, fence: markdown.Fence) -> int:
    """Where a renderer that ignores containers would close this fence."""
    char, length = fence.marker[0], len(fence.marker)
    pattern = re.compile(rf"^[ \t]*{re.escape(char)}{{{length},}}[ \t]*$", re.M)
    first_line_end = text.find("\n", fence.start)
    if first_line_end < 0:
        return len(text)
    match = pattern.search(text, first_line_end + 1)
    return match.end() if match else len(text)


def _markers_in(
    text: str,
    openers: list[re.Pattern[str]],
    start: int,
    end: int,
    scan: MarkdownScan,
    code_end: int,
) -> list[int]:
    found = []
    for pattern in openers:
        for match in pattern.finditer(text, start, end):
            position = match.start()
            if position < code_end or not scan.is_hidden(position):
                found.append(position)
    return sorted(found)
