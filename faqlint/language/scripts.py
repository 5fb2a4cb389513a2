"""Writing systems: Latin and Cyrillic letters, look-alikes, and which
language a piece of text is in (en, ru, kz) — what `mixed-script-word` and
`wrong-language` read.

Russian and Kazakh share the Cyrillic alphabet; Kazakh adds ә ғ қ ң ө ұ ү һ і,
and a Kazakh sentence of any length almost always holds one of them, so a
long Cyrillic text without any is Russian. Function words settle short or
borderline pieces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Script = Literal["latin", "cyrillic"]
SCRIPTS: tuple[Script, ...] = ("latin", "cyrillic")

_LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "kz": "Kazakh", "kk": "Kazakh", "de": "German"}


def language_name(code: str) -> str:
    """How a message names a language: "Kazakh" for `kz`, `xx` for an unknown code."""
    return _LANGUAGE_NAMES.get(code, f"`{code}`")


KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")

# Letters that look the same in both alphabets: Latin -> Cyrillic.
_LATIN_TO_CYRILLIC = {
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "I": "І", "K": "К", "M": "М",
    "O": "О", "P": "Р", "T": "Т", "X": "Х",
    "a": "а", "c": "с", "e": "е", "i": "і", "o": "о", "p": "р", "x": "х", "y": "у", "h": "һ",
}  # fmt: skip
_CYRILLIC_TO_LATIN = {cyrillic: latin for latin, cyrillic in _LATIN_TO_CYRILLIC.items()}

RUSSIAN_WORDS = frozenset(
    """
    и в во на с со что для по как это или к от при если чтобы из у же так все
    его их можно нужно будет быть который которая которые также только после до
    без через над под про где когда вы вам ваш вашего этот эта эти нет есть
    """.split()
)
KAZAKH_WORDS = frozenset(
    """
    және мен үшін бұл да де бар жоқ қалай немесе арқылы болса керек осы бойынша
    сіз сіздің егер онда содан кейін ғана тек барлық қажет
    """.split()
)


def script_of(char: str) -> Script | None:
    if "a" <= char <= "z" or "A" <= char <= "Z":
        return "latin"
    if "\u0400" <= char <= "\u04ff" or "\u0500" <= char <= "\u052f":
        return "cyrillic"
    if "\u00c0" <= char <= "\u024f" and char.isalpha():  # Latin with diacritics: ı, é, ñ
        return "latin"
    return None


def look_alike(word: str, target: Script) -> str | None:
    """`word` with its letters of the other script replaced by their
    look-alikes in `target`; None if one of them has none."""
    table = _LATIN_TO_CYRILLIC if target == "cyrillic" else _CYRILLIC_TO_LATIN
    out = []
    for char in word:
        script = script_of(char)
        if script is None or script == target:
            out.append(char)
        elif char in table:
            out.append(table[char])
        else:
            return None
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Letters:
    latin: int
    cyrillic: int
    kazakh: int  # of the Cyrillic ones, the letters only Kazakh uses

    @property
    def total(self) -> int:
        return self.latin + self.cyrillic


_LATIN_LETTERS = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")
_CYRILLIC_LETTERS = re.compile(r"[\u0400-\u0481\u048a-\u052f]")
_KAZAKH_LETTERS = re.compile(f"[{''.join(sorted(KAZAKH_LETTERS))}]")


def count_letters(text: str) -> Letters:
    """Letters per script, counted by the regex engine (a Python loop over
    the characters of every line costs ten times more)."""
    cyrillic = len(_CYRILLIC_LETTERS.findall(text))
    kazakh = len(_KAZAKH_LETTERS.findall(text)) if cyrillic else 0
    return Letters(len(_LATIN_LETTERS.findall(text)), cyrillic, kazakh)


def cyrillic_language(text: str, words: list[str]) -> Literal["ru", "kz"] | None:
    """Russian or Kazakh, for a text that is mostly Cyrillic; None if unsure.

    Kazakh letters or words say Kazakh. Russian needs a Russian function
    word ("и", "в", "для"…): Kazakh without its own letters happens ("оны
    орындайды"), Russian prose without any function word hardly does."""
    letters = count_letters(text)
    russian = sum(1 for w in words if w in RUSSIAN_WORDS)
    kazakh = sum(1 for w in words if w in KAZAKH_WORDS)
    if letters.kazakh or kazakh > russian:
        return "kz"
    return "ru" if russian else None
