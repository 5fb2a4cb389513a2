"""Capitalisation of a question or heading: sentence case, Title Case, lower, upper.

Sentence case means: the first word starts with a capital letter, and the
others are not capitalised like a title. Names stay as they are, so Title
Case is only reported when most of the ordinary words (not function words,
not acronyms like `VK`, not words in the rule's `exceptions`) are
capitalised and there are at least three of them: "How to Create a Bucket
in Cloud Storage?" is a title; "How Cloud Containers interacts with other VK
Cloud services" is a sentence that names products.

A question that starts with a file name, a command or code (`kubectl`,
`coffee.yaml`) is left alone: such entries are listings, not questions. So is
one that starts with a macro (`{var(cloud)} console…`): the reader sees the
macro's words first, so the next word is not the first.
"""

from __future__ import annotations

import re

from faqlint.language.questions import STOP_WORDS
from faqlint.parse.prose import MASKS

CaseProblem = tuple[int, int, dict[str, str], str | None]  # start, end, values, fix

_LEADING = "#>*_\"'«“([-–—"
_FIRST_WORD = re.compile(r"()([^\s\x00\x01]+)")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_END = re.compile(r"[.!?:;]\s+$")
_IDENTIFIER = re.compile(r"[._/\\:@#=<>{}$\d]")


def _is_name(word: str, exceptions: frozenset[str]) -> bool:
    """Words whose capitals say nothing about the case style."""
    letters = [c for c in word if c.isalpha()]
    return (
        word.casefold() in exceptions
        or len(letters) <= 1
        or any(c.isupper() for c in letters[1:])  # VK, iOS, PostgreSQL
        or bool(_IDENTIFIER.search(word))
    )


# A macro or expression that renders words of its own (`{var(cloud)}`,
# `{{ .Site.Title }}`, an MDX `{expression}`): not a container shortcode
# whose argument is the visible text (`{heading(`, `{cut(`).
_MACRO = re.compile(r"\{(?!/|(?:heading|cut|tab|caption)\()")


def _first_word_at(text: str, source: str) -> int | None:
    """Where the first word starts, past heading marks, punctuation and
    container shortcode syntax (`{heading(`); None if the text starts with
    code or with a macro (the word after it is not the first the reader sees)."""
    for index, char in enumerate(text):
        if char in MASKS:
            if source[index : index + 1] == "`" or _MACRO.match(source, index):
                return None
            continue
        if not (char.isspace() or char in _LEADING):
            return index
    return None


def case_problem(
    text: str, style: str, exceptions: frozenset[str], source: str
) -> CaseProblem | None:
    """`text` is the masked segment, `source` the same characters unmasked."""
    at = _first_word_at(text, source)
    if at is None:
        return None
    first = _FIRST_WORD.match(text, at)
    if first is None:
        return None
    word = first.group(2).rstrip(",.:;!?)")
    if style in ("lower", "upper"):
        return _all_one_case(text, style)
    if word and not _is_name(word, exceptions) and word[0].islower():
        fixed = word[0].upper() + word[1:]
        values = {"match": word, "expected": fixed, "problem": "starts with a lowercase letter"}
        return first.start(2), first.start(2) + len(word), values, fixed
    if style == "title":
        return _lowercase_in_title(text, first.end(2), exceptions)
    return _title_in_sentence(text, first.end(2), exceptions)


def _later_words(text: str, after: int, exceptions: frozenset[str]) -> list[re.Match[str]]:
    """Words after the first that may show the case style: not names, not the
    first word of a new sentence ("…VPN? Can…")."""
    words = []
    for match in _WORD.finditer(text, after):
        if _SENTENCE_END.search(text, 0, match.start()) or _is_name(match.group(0), exceptions):
            continue
        words.append(match)
    return words


def _title_in_sentence(text: str, after: int, exceptions: frozenset[str]) -> CaseProblem | None:
    capitalised = lowercase = 0
    for match in _later_words(text, after, exceptions):
        word = match.group(0)
        if word.lower() in STOP_WORDS:
            continue
        if word[0].isupper():
            capitalised += 1
        else:
            lowercase += 1
    if capitalised < 3 or capitalised < 3 * lowercase:
        return None
    stripped = text.strip(" \t\r\n" + MASKS)
    start = text.index(stripped)
    values = {"match": stripped, "problem": "is written in Title Case", "expected": "sentence case"}
    return start, start + len(stripped), values, None


def _lowercase_in_title(text: str, after: int, exceptions: frozenset[str]) -> CaseProblem | None:
    for match in _later_words(text, after, exceptions):
        word = match.group(0)
        if word.lower() not in STOP_WORDS and word[0].islower():
            fixed = word[0].upper() + word[1:]
            values = {"match": word, "expected": fixed, "problem": "has a lowercase word"}
            return match.start(), match.end(), values, fixed
    return None


def _all_one_case(text: str, style: str) -> CaseProblem | None:
    wrong = str.isupper if style == "lower" else str.islower
    for match in _WORD.finditer(text):
        word = match.group(0)
        if any(wrong(c) for c in word):
            fixed = word.lower() if style == "lower" else word.upper()
            values = {"match": word, "expected": fixed, "problem": f"is not all {style}case"}
            return match.start(), match.end(), values, fixed
    return None
