"""Indented containers of Python-Markdown sites (MkDocs, Material for MkDocs):
admonitions (`!!! note`, `??? tip "Title"`, `???+ example`) and content
tabs (`=== "Tab"`). Their bodies are Markdown indented by four spaces, which
CommonMark reads as code; the document parser re-reads each body dedented,
so its headings, anchors and links count.
"""

from __future__ import annotations

import re

_OPENER = re.compile(r"^([ \t]*)(?:(?:!!!|\?\?\?\+?)[ \t]+[\w-]+|===[+!]?[ \t]+\")")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def container_bodies(text: str) -> list[tuple[int, int]]:
    """(start, end) of each container's body, outer containers before the
    ones nested in them. Openers inside code fences do not count."""
    if "!!!" not in text and "???" not in text and "===" not in text:
        return []
    lines = text.splitlines(keepends=True)
    starts = []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line)
    starts.append(offset)
    bodies = []
    fence: str | None = None
    for number, line in enumerate(lines):
        marker = _FENCE.match(line)
        if fence is not None:
            if marker and marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence):
                fence = None
            continue
        if marker:
            fence = marker.group(1)
            continue
        opener = _OPENER.match(line)
        if opener is None:
            continue
        body_end = _body_end(lines, number + 1, _width(opener.group(1)) + 4)
        if body_end > number + 1:
            bodies.append((starts[number + 1], starts[body_end]))
    return bodies


def _body_end(lines: list[str], first: int, indent: int) -> int:
    """The line after the body that starts at `first`: lines indented at
    least `indent`, blank lines between them included."""
    end = first
    for number in range(first, len(lines)):
        line = lines[number]
        if not line.strip():
            continue
        if _width(line[: len(line) - len(line.lstrip(" \t"))]) < indent:
            break
        end = number + 1
    return end


def _width(indent: str) -> int:
    return len(indent.expandtabs(4))
