"""A word that mixes Latin and Cyrillic letters.

## What it does
Reports a word written partly in Latin and partly in Cyrillic letters: a
Cyrillic `С` in "VK Сloud", a Latin `i` in the Kazakh "бетiн", a Latin `C`
in "Cоздайте". When every letter of the other script has a look-alike in
the word's script (С and C, i and і), the fix writes the word in one script;
the text looks the same after the fix. A word where that is not possible
("руBidirectional", a missing space) is reported without a fix.

Text in code, URLs and link targets is never read.

## Why is this bad?
The word looks right but is not: search on the site and in browsers does
not find it, spell checkers flag it, screen readers spell it out letter by
letter, and copied commands or names fail.

## Example
```markdown
Open the VK Сloud management console.
```

## Use instead
```markdown
Open the VK Cloud management console.
```

## Options
- `allow`: words that mix scripts on purpose (default: `ЮMoney`, `ЮKassa`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import filterfalse, pairwise

from pydantic import BaseModel, ConfigDict

from faqlint.language.scripts import SCRIPTS, Script, look_alike, script_of
from faqlint.parse.model import FaqDocument, Span
from faqlint.parse.prose import Prose
from faqlint.rules.problem import Problem, replace

CODE = "FAQ402"
NAME = "mixed-script-word"
SEVERITY = "warning"
FIXABLE = True
NEEDS_PROSE = True

_WORD = re.compile(r"[^\W\d_]+")
_UNAMBIGUOUS_IN_CYRILLIC = frozenset("aceopxyACEHKMOPTX")
_UNAMBIGUOUS_IN_KAZAKH = _UNAMBIGUOUS_IN_CYRILLIC | frozenset("ihI")  # і, һ, І are Kazakh letters
_LATIN_LETTER = re.compile(r"[a-z\u00c0-\u024f]")
_SCRIPT_NAMES = {"latin": "Latin", "cyrillic": "Cyrillic"}


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    allow: tuple[str, ...] = ("ЮMoney", "ЮKassa")


def check(doc: FaqDocument, options: Options, prose: Prose) -> Iterator[Problem]:
    if prose.source.isascii():
        return
    allowed = frozenset(options.allow)
    yield from _in_prose(doc, prose, allowed)
    yield from _in_addresses(doc, prose, allowed)


def _in_prose(doc: FaqDocument, prose: Prose, allowed: frozenset[str]) -> Iterator[Problem]:
    # The page's vocabulary (shared with the other style rules) is far
    # smaller than its text: look for mixed words there first.
    non_ascii = list(filterfalse(str.isascii, prose.vocabulary))
    if not _LATIN_LETTER.search(" ".join(non_ascii)):  # one search for the whole page
        return
    # Only words that really mix scripts: "don’t" or "café" are not, and a
    # pattern of thousands of them made English pages slow (mintlify-docs).
    mixed = [w for w in non_ascii if _LATIN_LETTER.search(w) and any(_mixed_words(w, allowed))]
    if not mixed:
        return
    page_script: Script = "latin" if doc.language in (None, "en") else "cyrillic"
    pattern = re.compile(
        "|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in sorted(mixed)), re.IGNORECASE
    )
    for match in pattern.finditer(prose.text):
        for start, word in _mixed_words(match.group(0), allowed):
            at = match.start() + start
            span = prose.span(at, at + len(word))
            yield _problem(word, span, page_script, prose.vocabulary, doc.language == "kz")


def _in_addresses(doc: FaqDocument, prose: Prose, allowed: frozenset[str]) -> Iterator[Problem]:
    """Link targets, URLs and explicit anchor ids: prose masks them, but a
    look-alike letter there breaks the link."""
    places: dict[int, str] = {}
    for link in doc.links:
        if link.target_span is not None and not link.target.isascii():
            places[link.target_span.start] = prose.source[
                link.target_span.start : link.target_span.end
            ]
    for start, end in prose.url_spans:
        url = prose.source[start:end]
        if not url.isascii():
            places.setdefault(start, url)
    for anchor in doc.anchors:
        if anchor.source == "explicit" and not anchor.name.isascii():
            at = prose.source.find(anchor.name, anchor.span.start, anchor.span.end)
            if at >= 0:
                places.setdefault(at, anchor.name)
    for offset, text in sorted(places.items()):
        for start, word in _mixed_words(text, allowed):
            at = offset + start
            span = prose.span(at, at + len(word))
            yield _problem(word, span, "latin", prose.vocabulary, address=True)


def _mixed_words(text: str, allowed: frozenset[str]) -> Iterator[tuple[int, str]]:
    for match in _WORD.finditer(text):
        word = match.group(0)
        if word not in allowed and len({script_of(c) for c in word} - {None}) == 2:
            yield match.start(), word


def _problem(
    word: str,
    span: Span,
    page_script: Script,
    vocabulary: frozenset[str],
    kazakh: bool = False,
    address: bool = False,
) -> Problem:
    latin = sum(1 for c in word if script_of(c) == "latin")
    cyrillic = sum(1 for c in word if script_of(c) == "cyrillic")
    target = _intended(word, latin, cyrillic, page_script)
    if target is None:
        return Problem(
            span,
            f"`{word}` mixes Latin and Cyrillic letters (`{_part(word, 'latin')}` and "
            f"`{_part(word, 'cyrillic')}`): a missing space, or a wrong keyboard layout?",
        )
    fixed = look_alike(word, target)
    assert fixed is not None
    other: Script = "cyrillic" if target == "latin" else "latin"
    odd = ", ".join(f"`{c}`" for c in dict.fromkeys(c for c in word if script_of(c) == other))
    where = "in this address " if address else ""
    # A Cyrillic letter in a Latin word has one Latin twin; a Latin letter
    # in a Cyrillic word may stand for another letter than its twin
    # ("Baғдарлама" means Б, not В), so that fix is safe only when the page
    # writes the fixed word elsewhere or every odd letter is unambiguous.
    unambiguous = _UNAMBIGUOUS_IN_KAZAKH if kazakh else _UNAMBIGUOUS_IN_CYRILLIC
    safe = (
        target == "latin"
        or fixed.lower() in vocabulary
        or all(c in unambiguous for c in word if script_of(c) == "latin")
    )
    return Problem(
        span,
        f"`{word}` {where}is {_SCRIPT_NAMES[target]} but has {_SCRIPT_NAMES[other]} {odd}; "
        f"write `{fixed}` (it looks the same, but search and spell checkers see another word)",
        fix=replace(
            span, fixed, f"write `{fixed}` in {_SCRIPT_NAMES[target]} letters only", safe=safe
        ),
    )


def _intended(word: str, latin: int, cyrillic: int, page_script: Script) -> Script | None:
    """The script the word is meant in: the one all its letters can be
    written in by look-alikes; if both can, the one most letters use, then
    the page's."""
    if _glued(word):
        return None
    can = [script for script in SCRIPTS if look_alike(word, script) is not None]
    if len(can) == 1:
        return can[0]
    if not can:
        return None
    if latin != cyrillic:
        return "latin" if latin > cyrillic else "cyrillic"
    return page_script


def _glued(word: str) -> bool:
    """Two words written together ("руBidirectional"): two letters or more of
    one script, then two or more of the other, meeting where a lowercase
    letter meets a capital as in camelCase ("maсOS", with one odd letter, is
    a look-alike)."""
    for index, (a, b) in enumerate(pairwise(word), 1):
        if a.islower() and b.isupper():
            head = {script_of(c) for c in word[:index]}
            tail = {script_of(c) for c in word[index:]}
            if len(head) == len(tail) == 1 and head != tail and min(index, len(word) - index) >= 2:
                return True
    return False


def _part(word: str, script: Script) -> str:
    return "".join(c for c in word if script_of(c) == script)
