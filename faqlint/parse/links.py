"""Links of a page: every Markdown, HTML and shortcode link found by the scan
and the dialects, with its target, text, position and kind."""

from __future__ import annotations

import re
from collections.abc import Iterable

from faqlint.parse.dialects.base import DialectResult
from faqlint.parse.includes import include_links, wiki_links
from faqlint.parse.markdown import MarkdownScan, RawLink
from faqlint.parse.model import Link, LinkKind, LinkSyntax
from faqlint.parse.source import Source

_HTML_LINK = re.compile(
    r"<(a|img)\b[^>]*?\b(href|src)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')[^>]*>", re.I
)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")
_LINK_SYNTAX: dict[str, LinkSyntax] = {
    "Inline": "inline",
    "Reference": "reference",
    "Collapsed": "reference",
    "Shortcut": "reference",
    "Autolink": "autolink",
    "Email": "autolink",
    "html": "html",
    "linkto": "linkto",
    "include": "include",
    "wiki": "wiki",
}


def page_links(
    source: Source,
    scan: MarkdownScan,
    results: list[tuple[str, DialectResult]],
    components: tuple[tuple[str, str], ...] = (),
    wiki: bool = False,
) -> list[Link]:
    raw_links: list[RawLink] = list(scan.links)
    for _, result in results:
        raw_links.extend(result.links)
    raw_links.extend(_html_links(source.text, scan))
    if source.path.endswith(".mdx") and "](" in source.text:
        raw_links.extend(_links_in_jsx_text(source.text, scan, raw_links))
    raw_links.extend(include_links(source.text, scan, dict(components)))
    if wiki:
        raw_links.extend(wiki_links(source.text, scan))
    raw_links.sort(key=lambda link: link.start)
    text = source.text
    links = []
    for raw in raw_links:
        target_span = None
        if raw.dest and raw.link_type not in _NO_TARGET_IN_LINK:
            at = text.rfind(raw.dest, raw.start, raw.end)
            if at >= 0:
                target_span = source.span(at, at + len(raw.dest))
        links.append(
            Link(
                raw.dest,
                " ".join(raw.text.split()),
                source.span(raw.start, raw.end),
                link_kind(raw.dest, raw.link_type),
                _LINK_SYNTAX.get(raw.link_type, "inline"),
                raw.is_image,
                target_span,
                raw.title,
            )
        )
    return links


# Reference links keep their target in the definition, elsewhere on the page.
_NO_TARGET_IN_LINK = frozenset({"Reference", "Collapsed", "Shortcut"})


def _html_links(text: str, scan: MarkdownScan) -> Iterable[RawLink]:
    if "<a" not in text and "<img" not in text and "<A" not in text:
        return
    for match in _HTML_LINK.finditer(text):
        if scan.is_hidden(match.start()):
            continue
        target = match.group(3) if match.group(3) is not None else match.group(4)
        is_image = match.group(1).lower() == "img"
        yield RawLink(match.start(), match.end(), target or "", "", is_image, "html")


_INLINE_LINK = re.compile(r"(?<!!)\[([^\[\]\n]+)\]\(([^()\s]+)\)")


def _links_in_jsx_text(text: str, scan: MarkdownScan, found: list[RawLink]) -> Iterable[RawLink]:
    """MDX reads Markdown inside JSX and HTML elements on one line
    (`<label>Configure [theme](/settings#theme)</label>`), where CommonMark
    sees a raw HTML block: those links, which the scan did not find."""
    starts = {link.start for link in found}
    covered = sorted((link.start, link.end) for link in found)
    for match in _INLINE_LINK.finditer(text):
        start = match.start()
        if start in starts or scan.is_hidden(start):
            continue
        if any(a <= start < b for a, b in covered):
            continue
        yield RawLink(start, match.end(), match.group(2), match.group(1), False, "Inline")


def link_kind(target: str, link_type: str = "Inline") -> LinkKind:
    if link_type == "include":
        return "file"  # a fragment: a file path, `@site/…` or `snippets:…`
    if link_type == "Email" or target.lower().startswith("mailto:"):
        return "mailto"
    if target.startswith("#"):
        return "anchor"
    if target.startswith("*"):
        return "term"  # YFM `[word](*key)`: a term defined on the page, not a URL
    if target.startswith("//") or _SCHEME.match(target):
        return "external"
    path = target.split("#", 1)[0].split("?", 1)[0]
    name = path.rsplit("/", 1)[-1]
    suffix = _FILE_SUFFIX.search(name)
    if suffix and suffix.group(0).lower() not in _PAGE_SUFFIXES:
        return "file"
    return "page"


# A file name extension: `.png`, `.tar`, `.json` (not `v1.2` or `..`).
_FILE_SUFFIX = re.compile(r"(?<=[^.])\.[A-Za-z][A-Za-z0-9]{0,7}$")


_PAGE_SUFFIXES = frozenset({".md", ".mdx", ".html", ".htm", ".markdown"})
