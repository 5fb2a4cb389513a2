"""Anchors of a page: from headings (by the site's slug rule, or an explicit
id), from dialect markup and from HTML `id`/`name` attributes."""

from __future__ import annotations

import re

from faqlint.parse.dialects.base import DialectResult
from faqlint.parse.markdown import MarkdownScan
from faqlint.parse.model import Anchor, Heading
from faqlint.parse.slugs import Slugger, SlugStyle, mintlify_slug
from faqlint.parse.source import Source

_MINTLIFY_DEEPEST = 4  # the deepest heading level Mintlify gives an id
# `id=` on any tag; `name=` only on HTML tags (`<a name>`): on a JSX component
# (`<ParamField name="theme">`) it is a prop, not an anchor.
_HTML_ANCHOR = re.compile(
    r"<(?:[a-z][^>]*?\b(?:id|name)|[A-Z][^>]*?\bid)\s*=\s*[\"']([^\"']+)[\"'][^>]*>"
)
# `{#id}` after a term, a list item or a table cell (YFM, Pandoc, Docusaurus
# `{/* #id */}` aside): an anchor wherever it stands, not only on headings.
# Material for MkDocs content tabs (`=== "Title"`, pymdownx.tabbed): each tab
# is an anchor (`#title`, pymdownx's slugify, lower case) that opens it.
_TAB = re.compile(r'^[ \t]*===[+!]?[ \t]+"([^"\n]+)"[ \t]*$', re.M)
# Mintlify gives an `<Accordion title="…">` the slug of its title as its id
# (a link to it opens it), unless the accordion has an `id` of its own.
_ACCORDION = re.compile(r"<(?:Accordion|Tab)\b[^>]*?\btitle=(?:\"([^\"]*)\"|'([^']*)')")
_PARAM_FIELD = re.compile(
    r"<(?:ResponseField|ParamField)\b[^>]*?\b(?:name|path|query|body|header)=(?:\"([^\"]*)\"|'([^']*)')"
)
_ATTR_ANCHOR = re.compile(r"\{#([\w\-:.]+)[^}\n]*\}|\{/\*\s*#([\w\-:.]+)\s*\*/\}")


def page_anchors(
    source: Source,
    scan: MarkdownScan,
    headings: list[Heading],
    results: list[tuple[str, DialectResult]],
    style: SlugStyle,
) -> list[Anchor]:
    slugger = Slugger(style)
    anchors: list[Anchor] = []
    for heading in headings:
        if style == "mintlify" and heading.level > _MINTLIFY_DEEPEST and not heading.explicit_id:
            continue  # Mintlify gives h5 and h6 no id
        if heading.explicit_id:
            slugger.reserve(heading.explicit_id)
            anchors.append(Anchor(name=heading.explicit_id, span=heading.span, source="explicit"))
        else:
            anchors.append(
                Anchor(name=slugger.slug(heading.text), span=heading.span, source="heading")
            )
    text = source.text
    in_headings = [(h.span.start, h.span.end) for h in headings]
    for _, result in results:
        for raw in result.anchors:
            if any(start <= raw.start < end for start, end in in_headings):
                continue  # a heading's own `[id=…]`, already counted with the heading
            anchors.append(
                Anchor(name=raw.name, span=source.span(raw.start, raw.end), source="explicit")
            )
    if "{#" in text or "{/*" in text:
        anchors += _attribute_anchors(source, scan, in_headings)
    anchors += _component_anchors(source, scan, style)
    if "id=" in text or "name=" in text:
        for match in _HTML_ANCHOR.finditer(text):
            if not scan.is_hidden(match.start()):
                anchors.append(
                    Anchor(
                        name=match.group(1),
                        span=source.span(match.start(), match.end()),
                        source="html",
                    )
                )
    return anchors


def _component_anchors(source: Source, scan: MarkdownScan, style: SlugStyle) -> list[Anchor]:
    """Anchors a framework gives its components: Mintlify accordions, tabs and
    parameter fields (`#param-name`), MkDocs content tabs."""
    if style == "mintlify" and (
        "<Accordion" in source.text or "<Tab" in source.text or "Field" in source.text
    ):
        return _accordion_anchors(source, scan)
    if style == "mkdocs" and "===" in source.text:
        return _tab_anchors(source, scan)
    return []


def _accordion_anchors(source: Source, scan: MarkdownScan) -> list[Anchor]:
    found = _component_ids(source, scan, _ACCORDION, "")
    if "Field" in source.text:
        found += _component_ids(source, scan, _PARAM_FIELD, "param-")
    return found


def _component_ids(
    source: Source, scan: MarkdownScan, pattern: re.Pattern[str], prefix: str
) -> list[Anchor]:
    """`prefix` + the Mintlify slug of each component's title or name,
    outside code, unless the component has an `id` of its own."""
    found = []
    for match in pattern.finditer(source.text):
        tag_end = source.text.find(">", match.end())
        if scan.in_fence(match.start()) or " id=" in source.text[match.start() : tag_end]:
            continue
        title = match.group(1) if match.group(1) is not None else match.group(2)
        name = prefix + mintlify_slug(title)
        found.append(Anchor(name=name, span=source.span(*match.span()), source="html"))
    return found


def _tab_anchors(source: Source, scan: MarkdownScan) -> list[Anchor]:
    slugger = Slugger("mkdocs-tabs")
    found = []
    for match in _TAB.finditer(source.text):
        if not scan.is_hidden(match.start()):
            name = slugger.slug(match.group(1))
            found.append(Anchor(name=name, span=source.span(*match.span()), source="html"))
    return found


def _attribute_anchors(
    source: Source, scan: MarkdownScan, in_headings: list[tuple[int, int]]
) -> list[Anchor]:
    """`{#id}` and `{/* #id */}` outside headings and code."""
    text, found = source.text, []
    for match in _ATTR_ANCHOR.finditer(text):
        start = match.start()
        if scan.is_hidden(start) and not text.startswith("{/*", start):
            continue  # in code (a `{/* #id */}` comment is hidden on purpose)
        if any(begin <= start < end for begin, end in in_headings):
            continue  # a heading's own id, counted with the heading
        name = match.group(1) or match.group(2)
        found.append(Anchor(name=name, span=source.span(start, match.end()), source="explicit"))
    return found
