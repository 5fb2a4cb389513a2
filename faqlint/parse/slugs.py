"""How headings become anchors (`[site] slug`).

- `github`: lower-case, punctuation dropped, spaces to `-`, a repeated
  heading gets `-1`, `-2`, … (GitHub's and most static site generators' rule).
- `github-keep-case`: the same without lower-casing (Docusaurus with
  `markdown.anchors.maintainCase`, and sites that patch it so).
- `mintlify`: Mintlify's rule: every run of punctuation to `-`
  (`robots.txt` -> `robots-txt`), contractions joined, repeats `-2`, `-3`.
- `mkdocs`: Python-Markdown's `toc` rule (MkDocs, Material for MkDocs):
  accents dropped (`é` -> `e`, other non-ASCII letters removed), punctuation
  dropped, runs of spaces and hyphens to one `-` (`FAQ & Info` -> `faq-info`),
  a repeated heading gets `_1`, `_2`, …
- `transliterate`: the VK Cloud docs portal's rule: lower-case, Cyrillic
  letters transliterated (ж→zh, я→ya, ъ/ь dropped), runs of spaces and
  hyphens to `_`, other punctuation dropped, a repeated heading gets `_1`, …

Explicit ids always win over generated ones; the callers pass those as
`explicit`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Literal

SlugStyle = Literal["github", "github-keep-case", "mintlify", "mkdocs", "transliterate"]

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sch", "ъ": "",
    "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    # Kazakh letters
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u",
    "һ": "h", "і": "i",
}  # fmt: skip
_TRANSLIT = str.maketrans(_CYRILLIC)
_GITHUB_DROP = re.compile(r"[^\w\- ]", re.UNICODE)
_TRANSLIT_DROP = re.compile(r"[^a-z0-9_\- ]")
_SPACES_HYPHENS = re.compile(r"[ \-]+")


def github_slug(text: str) -> str:
    return _GITHUB_DROP.sub("", text.strip().lower()).replace(" ", "-")


def github_keep_case_slug(text: str) -> str:
    """GitHub's rule without lower-casing (Docusaurus with
    `markdown.anchors.maintainCase`): `How-do-I-log-in`."""
    return _GITHUB_DROP.sub("", text.strip()).replace(" ", "-")


_MINT_RUN = re.compile(r"[^a-z0-9_\u0080-\U0010ffff]+")
_MINT_CONTRACTION = re.compile(r"([a-zA-Z\d]+)-([ts])(?=-|$)")


def mintlify_slug(text: str) -> str:
    """Mintlify's heading ids (`@mintlify/common` slugify + cleanHeadingId,
    without the live site's smart quotes): lower-case, every run of other
    characters than letters, digits and `_` to `-` (`robots.txt` ->
    `robots-txt`), contractions joined (`what-s` -> `whats`), `-` trimmed."""
    slug = _MINT_RUN.sub("-", text.strip().lower())
    slug = _MINT_CONTRACTION.sub(r"\1\2", slug)
    return re.sub(r"-{2,}", "-", slug).strip("-")


_TOC_DROP = re.compile(r"[^\w\s-]")
_TOC_RUN = re.compile(r"[-\s]+")


def mkdocs_slug(text: str) -> str:
    """Python-Markdown's `toc` slugify (its default, `unicode=False`)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _TOC_RUN.sub("-", _TOC_DROP.sub("", ascii_text).strip().lower())


def transliterate_slug(text: str) -> str:
    ascii_text = text.strip().lower().translate(_TRANSLIT)
    cleaned = _TRANSLIT_DROP.sub("", ascii_text)
    return _SPACES_HYPHENS.sub("_", cleaned).strip("_")


# style -> (slug of a text, joiner of a repeat's number, the first repeat's number)
SLUGGERS: dict[str, tuple[Callable[[str], str], str, int]] = {
    "github": (github_slug, "-", 1),
    "github-keep-case": (github_keep_case_slug, "-", 1),
    "mintlify": (mintlify_slug, "-", 2),  # x, x-2, x-3
    "mkdocs": (mkdocs_slug, "_", 1),  # x, x_1, x_2
    "mkdocs-tabs": (github_slug, "_", 1),  # content tab ids (pymdownx slugify, lower case)
    "transliterate": (transliterate_slug, "_", 1),
}


class Slugger:
    """Hands out unique anchors for the headings of one page, in order."""

    def __init__(self, style: SlugStyle | Literal["mkdocs-tabs"]) -> None:
        self._slug, self._joiner, self._first = SLUGGERS[style]
        self._seen: dict[str, int] = {}

    def reserve(self, anchor: str) -> None:
        self._seen.setdefault(anchor, 0)

    def slug(self, text: str) -> str:
        base = self._slug(text)
        count = self._seen.get(base)
        if count is None:
            self._seen[base] = 0
            return base
        count += 1
        self._seen[base] = count
        unique = f"{base}{self._joiner}{count + self._first - 1}"
        self._seen.setdefault(unique, 0)
        return unique
