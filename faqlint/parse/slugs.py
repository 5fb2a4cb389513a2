"""How headings become anchors (`[site] slug`).

- `github`: lower-case, punctuation dropped, spaces to `-`, a repeated
  heading gets `-1`, `-2`, … (GitHub's and most static site generators' rule).
- `github-keep-case`: the same without lower-casing (Docusaurus with
  `markdown.anchors.maintainCase`, and sites that patch it so).
- `transliterate`: the VK Cloud docs portal's rule: lower-case, Cyrillic
  letters transliterated (ж→zh, я→ya, ъ/ь dropped), runs of spaces and
  hyphens to `_`, other punctuation dropped, a repeated heading gets `_1`, …

Explicit ids always win over generated ones; the callers pass those as
`explicit`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

SlugStyle = Literal["github", "github-keep-case", "transliterate"]

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


def transliterate_slug(text: str) -> str:
    ascii_text = text.strip().lower().translate(_TRANSLIT)
    cleaned = _TRANSLIT_DROP.sub("", ascii_text)
    return _SPACES_HYPHENS.sub("_", cleaned).strip("_")


SLUGGERS: dict[str, tuple[Callable[[str], str], str]] = {
    "github": (github_slug, "-"),
    "github-keep-case": (github_keep_case_slug, "-"),
    "transliterate": (transliterate_slug, "_"),
}


class Slugger:
    """Hands out unique anchors for the headings of one page, in order."""

    def __init__(self, style: SlugStyle) -> None:
        self._slug, self._joiner = SLUGGERS[style]
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
        unique = f"{base}{self._joiner}{count}"
        self._seen.setdefault(unique, 0)
        return unique
