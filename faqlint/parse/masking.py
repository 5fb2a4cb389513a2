"""Text the Markdown parser must not read as Markdown, found before it runs.

- Front matter (`---` YAML or `+++` TOML at the very start of a page): it is
  metadata, never a heading (`title: X` over `---` is a setext heading to a
  Markdown parser) or an entry.
- In MDX pages: `import`/`export` statements (at the start of a line, up to
  the next blank line) and `{/* comments */}`.

`masked` gives the text with those regions blanked (each character replaced
by one blank character of as many UTF-8 bytes: a space, NBSP, EM SPACE or a
4-byte letter; line ends kept), so every offset — in characters or in the
parser's bytes — still points into the real text.
"""

from __future__ import annotations

import re

_FRONT_MATTER = re.compile(
    r"\A(?:\ufeff)?(?P<fence>---|\+\+\+)[ \t]*\r?\n.*?^(?P=fence)[ \t]*(?:\r?\n|\Z)", re.S | re.M
)
_ESM_START = re.compile(r"(?:import|export)\b")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_MDX_COMMENT = re.compile(r"\{/\*.*?\*/\}", re.S)
_MDX_SUFFIXES = (".mdx",)


def front_matter(text: str) -> tuple[int, int] | None:
    """Where the page's front matter is, if it has one."""
    match = _FRONT_MATTER.match(text)
    return (match.start(), match.end()) if match else None


def hidden_regions(text: str, path: str) -> list[tuple[int, int]]:
    """Character ranges of `text` that are not Markdown (see the module doc)."""
    regions: list[tuple[int, int]] = []
    head = front_matter(text)
    if head is not None:
        regions.append(head)
    if path.endswith(_MDX_SUFFIXES):
        start = head[1] if head else 0
        if "import" in text or "export" in text:
            regions += _esm_blocks(text, start)
        if "{/*" in text:
            regions += [(m.start(), m.end()) for m in _MDX_COMMENT.finditer(text, start)]
    return regions


def _esm_blocks(text: str, start: int) -> list[tuple[int, int]]:
    """MDX `import`/`export` statements outside code fences: from a line that
    starts with the keyword to the next blank line."""
    blocks: list[tuple[int, int]] = []
    fence: str | None = None
    block_start: int | None = None
    offset = start
    for line in text[start:].splitlines(keepends=True):
        bare = line.strip()
        if block_start is not None and not bare:
            blocks.append((block_start, offset))
            block_start = None
        elif fence is not None:
            if bare.startswith(fence) and not bare.strip(fence[0]):
                fence = None
        elif block_start is None:
            opening = _FENCE.match(line)
            if opening:
                fence = opening.group(1)
            elif _ESM_START.match(line):
                block_start = offset
        offset += len(line)
    if block_start is not None:
        blocks.append((block_start, offset))
    return blocks


def masked(text: str, regions: list[tuple[int, int]]) -> str:
    """`text` with `regions` blanked, byte for byte (see the module doc)."""
    if not regions:
        return text
    pieces: list[str] = []
    last = 0
    for region_start, end in sorted(regions):
        start = max(region_start, last)
        pieces.append(text[last:start])
        pieces.append(blank(text[start:end]))
        last = max(last, end)
    pieces.append(text[last:])
    return "".join(pieces)


# A blank for a character of 1, 2, 3 or 4 UTF-8 bytes that has as many bytes
# and is one character too, so both kinds of offset stay those of the page.
_FILLERS = {1: " ", 2: "\u00a0", 3: "\u2003", 4: "\U00010000"}


def blank(chunk: str) -> str:
    """`chunk` blanked, keeping its line ends, characters and UTF-8 bytes."""
    if chunk.isascii():
        return re.sub(r"[^\r\n]", " ", chunk)
    return "".join(c if c in "\r\n" else _FILLERS[len(c.encode("utf-8"))] for c in chunk)
