"""Anchors of a fetched HTML page, and whether a URL fragment names one.

A fragment is a target when any element carries it as `id`, or as `name`
(the old `<a name>` form, still emitted by many generators). Attribute values
are compared after HTML entity decoding (the parser does it) with the fragment
percent-decoded, as browsers do. `html.parser` rather than a regex, so that
`id=` inside a script or a comment is not taken for an anchor.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import unquote

#  Fragments every HTML page has (the HTML spec scrolls to the top for these).
_IMPLICIT = frozenset({"", "top"})
#  GitHub renders heading ids as `user-content-x` and a script maps `#x` to it.
_GITHUB_PREFIX = "user-content-"


class _AnchorParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.anchors.add(value)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def parse_anchors(html: str) -> frozenset[str]:
    """Every `id` and `name` attribute value in the page."""
    parser = _AnchorParser()
    parser.feed(html)
    parser.close()
    return frozenset(parser.anchors)


def has_anchor(anchors: frozenset[str], fragment: str) -> bool:
    """Whether `fragment` (as written in the URL, without `#`) exists on the page.

    Text fragments (`#:~:text=…`) are not anchors and always pass.
    """
    decoded = unquote(fragment)
    if decoded.lower() in _IMPLICIT or decoded.startswith(":~:"):
        return True
    return not {decoded, fragment, _GITHUB_PREFIX + decoded}.isdisjoint(anchors)
