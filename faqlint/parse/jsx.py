"""JSX components in MDX pages, laid out so a Markdown parser reads them as
MDX does.

MDX never has indented code: text inside `<Accordion>`, `<Tab>`, `<Card>`…
is Markdown however deep it is indented, and a component's tag lines are not
part of the text. A CommonMark parser reads the same lines as indented code
and HTML blocks, so an answer's links inside `<Accordion>` were never seen.

`jsx_layout` finds, outside code fences, the lines that are component tags
(`<Name …>`, `</Name>`, `<Name … />`, also spread over several lines) and the
lines inside components. The caller blanks the tag lines and shows the inner
lines with their indentation moved to the end of the line, so every line
keeps its length; `Dedent.original` maps an offset of that view back to the
page.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from faqlint.parse.masking import blank

_OPEN = re.compile(r"[ \t]*<([A-Z][\w.]*)\b")
_CLOSE = re.compile(r"[ \t]*</([A-Z][\w.]*)\s*>[ \t]*$")
# HTML containers on lines of their own are JSX in MDX too (translated
# Mintlify pages wrap headings: `<div id="x">` / `  ## Title` / `</div>`)
_CONTAINERS = r"(?:div|section|article|aside|main|header|footer|nav|center)"
_OPEN_HTML = re.compile(rf"[ \t]*<({_CONTAINERS})\b[^<>]*>[ \t]*$")
_CLOSE_HTML = re.compile(rf"[ \t]*</({_CONTAINERS})\s*>[ \t]*$")
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")


@dataclass
class Dedent:
    """Lines shown without their indentation: for each, where it starts,
    how long its content is and how wide its indentation (all in the same
    unit as the offsets mapped: bytes of UTF-8 for the parser's offsets)."""

    starts: list[int] = field(default_factory=list)
    content: list[int] = field(default_factory=list)
    indent: list[int] = field(default_factory=list)

    def original(self, offset: int) -> int:
        index = bisect_right(self.starts, offset) - 1
        if index < 0:
            return offset
        start, length, indent = self.starts[index], self.content[index], self.indent[index]
        if offset >= start + length + indent:
            return offset  # past this line
        if offset <= start + length:  # the content, and its end
            return offset + indent
        return start + (offset - start - length)


@dataclass
class JsxLayout:
    tags: list[tuple[int, int]]  # character ranges of tag lines (to blank)
    inner: list[tuple[int, int, int]]  # (line start, line end, indentation) to dedent


def jsx_layout(text: str) -> JsxLayout | None:  # noqa: PLR0912 - one line scanner
    """The component tag lines and the lines inside components, or None
    when the page has no component."""
    if "<" not in text:
        return None
    layout = JsxLayout([], [])
    depth = 0
    fence: str | None = None
    in_tag = False  # inside a tag spread over several lines
    offset = 0
    for line in text.splitlines(keepends=True):
        start, end = offset, offset + len(line.rstrip("\r\n"))
        offset += len(line)
        bare = line.strip()
        if in_tag:
            layout.tags.append((start, end))
            if ">" in line:
                in_tag = False
                depth += 0 if bare.endswith("/>") else 1
            continue
        if fence is not None:
            if depth:
                _dedent(layout, line, start, end)
            if bare.startswith(fence) and not bare.strip(fence[0]):
                fence = None
            continue
        opening = _FENCE.match(line)
        if opening:
            fence = opening.group(1)
            if depth:
                _dedent(layout, line, start, end)
            continue
        if _CLOSE.match(line) or _CLOSE_HTML.match(line):
            layout.tags.append((start, end))
            depth = max(0, depth - 1)
            continue
        if _OPEN_HTML.match(line):
            layout.tags.append((start, end))
            depth += 1
            continue
        tag = _OPEN.match(line)
        if tag and _whole_tag_line(bare):
            layout.tags.append((start, end))
            if ">" not in bare:
                in_tag = True
            elif not bare.endswith("/>") and f"</{tag.group(1)}" not in bare:
                depth += 1
            continue
        if depth:
            _dedent(layout, line, start, end)
    return layout if layout.tags else None


def _whole_tag_line(bare: str) -> bool:
    """A line that is only a tag (or the start of one): not `<Tag>text`."""
    if ">" not in bare:
        return True  # the tag goes on over the next lines
    return bare.endswith(">")


def _dedent(layout: JsxLayout, line: str, start: int, end: int) -> None:
    indent = len(line) - len(line.lstrip(" \t"))
    if indent and start + indent < end:
        layout.inner.append((start, end, indent))


def jsx_view(
    text: str, layout: JsxLayout, byte_of: Callable[[int], int] | None = None
) -> tuple[str, Dedent]:
    """`text` with tag lines blanked and inner lines dedented (indentation
    moved to the line's end), and the map of the view's offsets back to the
    page. `byte_of(char_offset)`: the UTF-8 byte offset, when the parser
    reports bytes of a text that is not ASCII."""
    to_byte = byte_of or (lambda offset: offset)
    pieces: list[str] = []
    dedent = Dedent()
    last = 0
    changes = [(s, e, None) for s, e in layout.tags] + [(s, e, i) for s, e, i in layout.inner]
    for start, end, indent in sorted(changes):
        pieces.append(text[last:start])
        line = text[start:end]
        if indent is None:
            pieces.append(_as_comment(line))
        else:
            pieces.append(line[indent:] + line[:indent])
            first = to_byte(start)
            dedent.starts.append(first)
            dedent.content.append(to_byte(end) - to_byte(start + indent))
            dedent.indent.append(to_byte(start + indent) - first)
        last = end
    pieces.append(text[last:])
    return "".join(pieces), dedent


def _as_comment(line: str) -> str:
    """A tag line as an HTML comment line (`<!--   -->`) of as many
    characters and UTF-8 bytes: a line the parser skips as a whole, which
    blanks with non-ASCII fillers would not be (they are not white space to
    Markdown, so an indented one became a code block)."""
    chars, size = len(line), len(line.encode("utf-8"))
    inner_chars, extra = chars - 7, size - chars  # bytes beyond one a character
    if line.isascii():
        return "<!--" + " " * inner_chars + "-->" if inner_chars >= 0 else " " * chars
    if inner_chars < 0 or extra > 3 * inner_chars:
        return blank(line)  # too short to hold the comment: fillers as elsewhere
    fill: list[str] = []
    while extra >= 3:
        fill.append("\U00010000")
        extra -= 3
    if extra:
        fill.append("\u2003" if extra == 2 else "\u00a0")
    return "<!--" + "".join(fill) + " " * (inner_chars - len(fill)) + "-->"
