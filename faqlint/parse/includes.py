"""Fragments a page includes, in the syntaxes of the docs frameworks, as
`include` links: the link index checks the fragment's links from each page
that includes it and gives the fragment's anchors to that page.

- YFM (Diplodoc): `{% include [title](../_includes/x.md) %}`, `{% include notitle […](…) %}`;
- MDX (Docusaurus, Mintlify): `import Name from '/snippets/x.mdx'` with
  `<Name />` used on the page (`@site/` is the project root; the site model
  maps it);
- mkdocs-include-markdown-plugin: `{% include-markdown "../x.md" %}` (any
  tags the site configured, e.g. `{! … !}`), from the page's folder;
- pymdownx.snippets (MkDocs): `--8<-- "includes/x.md"`, inline or as a block
  of paths between two `--8<--` lines (paths from the snippets base path,
  `[site] snippets`).

The VK portal's `{include(…)}` is read by its own dialect (`cut`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from faqlint.parse.markdown import MarkdownScan, RawLink

# The title of an include whose fragment's file links resolve from the
# fragment's own folder (YFM and MDX rewrite them so; snippets are pasted text).
FILE_RELATIVE = "file-relative"

_YFM = re.compile(r"\{%-?\s*include\s+(?:notitle\s+)?\[[^\]\n]*\]\(([^()\s]+)\)\s*-?%\}")
_MDX_IMPORT = re.compile(
    r"^import\s+(?:(\w+)|\{[^}\n]*\})\s+from\s+(['\"])([^'\"\n]+\.mdx?)\2\s*;?[ \t]*$", re.M
)
_INCLUDE_MARKDOWN = re.compile(r"\{[%!]-?\s*include-markdown\s+(['\"])([^'\"\n]+)\1[^}]*?[%!]\}")
_SNIPPET = re.compile(r"^[ \t]*(;?)-{1,}8<-{1,}[ \t]*(?:(['\"])([^'\"\n]+)\2)?[ \t]*$", re.M)


def include_links(
    text: str, scan: MarkdownScan, components: dict[str, str] | None = None
) -> Iterator[RawLink]:
    """Every fragment include of the page, as raw links of type `include`;
    `components`: the site's registered partials by component name."""
    if "include" in text and "{%" in text:
        yield from _yfm(text, scan)
    if "import" in text and ".md" in text:
        yield from _mdx_imports(text, scan)
    if components and "<" in text:
        yield from _registered(text, scan, components)
    if "8<-" in text:
        yield from _snippets(text, scan)
    if "include-markdown" in text:
        for match in _INCLUDE_MARKDOWN.finditer(text):
            if not scan.is_hidden(match.start()):
                path = "include:" + match.group(2)
                yield RawLink(match.start(), match.end(), path, "", False, "include", FILE_RELATIVE)


def _yfm(text: str, scan: MarkdownScan) -> Iterator[RawLink]:
    for match in _YFM.finditer(text):
        if not scan.is_hidden(match.start()):
            yield RawLink(
                match.start(), match.end(), match.group(1), "", False, "include", FILE_RELATIVE
            )


def _mdx_imports(text: str, scan: MarkdownScan) -> Iterator[RawLink]:
    """Imports of Markdown fragments. A default import counts where its
    component is used (`<Name`); a named import (`{ toc }`) brings no text."""
    for match in _MDX_IMPORT.finditer(text):
        name = match.group(1)
        if name is None or f"<{name}" not in text or scan.in_fence(match.start()):
            continue
        yield RawLink(
            match.start(), match.end(), match.group(3), "", False, "include", FILE_RELATIVE
        )


_COMPONENT = re.compile(r"<([A-Z]\w*)\b")


def _registered(text: str, scan: MarkdownScan, components: dict[str, str]) -> Iterator[RawLink]:
    """Uses of partials registered for every page (Docusaurus MDXComponents)."""
    for match in _COMPONENT.finditer(text):
        target = components.get(match.group(1))
        if target is not None and not scan.in_fence(match.start()):
            yield RawLink(match.start(), match.end(), target, "", False, "include", FILE_RELATIVE)


_WIKI = re.compile(r"\[\[([^\[\]|\n]+)(?:\|([^\[\]\n]+))?\]\]")


def wiki_links(text: str, scan: MarkdownScan) -> Iterator[RawLink]:
    """GitHub wiki links: `[[Page Name]]`, `[[text|Page Name]]`, `[[Page#anchor]]`
    (a page name's spaces are `-` in its file name; images `[[x.png]]` are files)."""
    if "[[" not in text:
        return
    for match in _WIKI.finditer(text):
        if scan.is_hidden(match.start()):
            continue
        first, second = match.group(1).strip(), (match.group(2) or "").strip()
        text_, page = (first, second) if second else (first, first)
        target = "/" + page.replace(" ", "-")
        yield RawLink(match.start(), match.end(), target, text_, False, "wiki")


def _snippets(text: str, scan: MarkdownScan) -> Iterator[RawLink]:
    """`--8<-- "path"` lines, and blocks of paths between two bare `--8<--`
    lines; a leading `;` escapes the marker (it is not an include)."""
    block_start: int | None = None
    for match in _SNIPPET.finditer(text):
        if match.group(1) or scan.is_hidden(match.start()):
            continue
        if match.group(3) is not None:
            if not match.group(3).startswith(("http:", "https:")):
                yield _snippet(match.start(3), match.group(3))
            continue
        if block_start is None:
            block_start = match.end()
            continue
        offset = block_start
        for line in text[block_start : match.start()].splitlines(keepends=True):
            path = line.strip()
            if path and not path.startswith((";", "http:", "https:")):
                at = offset + line.index(path)
                yield _snippet(at, path.strip("'\""))
            offset += len(line)
        block_start = None


def _snippet(at: int, path: str) -> RawLink:
    # `file.md:3:8` (lines) and `file.md:section` pick parts of the file
    path = re.sub(r":[\w:-]*$", "", path)
    return RawLink(at, at + len(path), "snippets:" + path, "", False, "include")
