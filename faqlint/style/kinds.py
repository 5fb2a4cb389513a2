"""What each kind of pack rule looks for, on the masked prose of one page.

A matcher turns a segment of prose into `Hit`s: a place, the values its
message may name (`{match}`, `{replacement}`, named groups…) and, when the
rule can fix it, the replacement text. `PackCheck` (in `faqlint.style.rules`)
turns hits into problems.

Speed: a corpus has thousands of pages and a pack a dozen rules, so each
rule first asks the page's vocabulary (one set of its lower-cased words,
shared by all rules) whether one of its words occurs at all; only then does a
regular expression run. Literal tokens compile to the standard `re` engine;
patterns written by users run on the `regex` engine with a time limit, so a
pattern that backtracks badly costs at most `PATTERN_TIMEOUT` per page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from faqlint.prose import MASK, Prose, Segment
from faqlint.style.packs import PATTERN_TIMEOUT, PackRule

Pattern = Any  # re.Pattern[str] or regex.Pattern[str]; both have finditer/search


@dataclass(frozen=True, slots=True)
class Hit:
    start: int  # offsets in the segment's text
    end: int
    values: dict[str, str] = field(default_factory=dict)
    replacement: str | None = None  # the fix, when the rule has one
    edit: tuple[int, int] | None = None  # what the fix replaces, if not start–end
    group: str | None = None  # consistency: the spelling this hit uses


class PatternTimeout(Exception):
    """A user pattern ran out of time on one page."""


# -- tokens ----------------------------------------------------------------


def token_regex(token: str) -> str:
    """A literal token as a regex: whole words, any whitespace between words;
    a trailing `*` makes the last word a prefix (`учёт*` matches `учётная`)."""
    prefix = token.endswith("*")
    body = token[:-1] if prefix else token
    core = r"\s+".join(re.escape(word) for word in body.split())
    start = r"(?<!\w)" if _is_word_char(body[:1]) else ""
    if prefix:
        return start + core + r"\w*"
    return start + core + (r"(?!\w)" if _is_word_char(body[-1:]) else "")


def _is_word_char(char: str) -> bool:
    return bool(char) and (char.isalnum() or char == "_")


def first_word(token: str) -> str | None:
    """The word a page must contain for `token` to match (None: no such word)."""
    words = token.rstrip("*").lower().split()
    if not words or (len(words) == 1 and token.endswith("*")):
        return None
    word = re.match(r"\w+", words[0])
    return word.group(0) if word and word.group(0) == words[0] else None


def compile_tokens(tokens: tuple[str, ...], ignorecase: bool) -> re.Pattern[str] | None:
    if not tokens:
        return None
    ordered = sorted(tokens, key=len, reverse=True)  # "click here" before "here"
    flags = re.IGNORECASE if ignorecase else 0
    return re.compile("|".join(f"(?:{token_regex(t)})" for t in ordered), flags)


def compile_user(pattern: str, ignorecase: bool) -> Pattern:
    import regex

    flags = regex.IGNORECASE if ignorecase else 0
    return regex.compile(pattern, flags | regex.VERSION0)


def user_matches(pattern: Pattern, text: str) -> Iterator[Any]:
    """Matches of a user pattern with the time limit; never across a mask."""
    try:
        for match in pattern.finditer(text, timeout=PATTERN_TIMEOUT):
            if MASK not in match.group(0) and match.end() > match.start():
                yield match
    except TimeoutError:
        raise PatternTimeout from None


def _literal_matches(pattern: re.Pattern[str] | None, text: str) -> Iterator[re.Match[str]]:
    if pattern is not None:
        yield from pattern.finditer(text)


def could_match(prose: Prose, words: frozenset[str] | None, prefixes: tuple[str, ...]) -> bool:
    """The cheap test before any regex: does the page hold one of the words?"""
    if words is None:
        return True
    if not words.isdisjoint(prose.vocabulary):
        return True
    return any(prefix in prose.lowered for prefix in prefixes)


def needed_words(tokens: tuple[str, ...]) -> tuple[frozenset[str] | None, tuple[str, ...]]:
    """The words (and prefixes) of which a page must hold one for any token
    to match; None when a token has no such word."""
    words: set[str] = set()
    prefixes: list[str] = []
    for token in tokens:
        word = first_word(token)
        if word is not None:
            words.add(word)
        elif token.endswith("*") and token[:-1].strip():
            prefixes.append(token[:-1].strip().lower())
        else:
            return None, ()
    return frozenset(words), tuple(prefixes)


# -- case ------------------------------------------------------------------


def keep_case(found: str, replacement: str) -> str:
    """`replacement` written with the capitalisation of `found`."""
    if len(found) > 1 and found.isupper() and not replacement.isupper():
        return replacement.upper()
    if found[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def render(message: str, values: dict[str, str]) -> str:
    """`{name}` replaced by its value; other braces left as written."""
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), message)


# -- matchers ----------------------------------------------------------------

Matcher = Callable[[Segment, Prose], Iterator[Hit]]


class Compiled:
    """A pack rule with its expressions compiled, ready to match segments."""

    def __init__(self, rule: PackRule) -> None:
        self.rule = rule
        self.tokens = compile_tokens(rule.tokens, rule.ignorecase)
        self.patterns = [compile_user(p, rule.ignorecase) for p in rule.patterns]
        self.exceptions = frozenset(e.casefold() for e in rule.exceptions)
        words, prefixes = needed_words(rule.tokens) if not rule.patterns else (None, ())
        self.words, self.prefixes = words, prefixes
        self.match: Matcher = getattr(self, "_" + rule.kind)
        if rule.kind == "substitution":
            self._compile_swap()
        elif rule.kind == "pattern":
            assert rule.pattern is not None
            self.pattern = compile_user(rule.pattern, rule.ignorecase)
            self.words = None
        elif rule.kind == "consistency":
            self._compile_either()
        elif rule.kind in ("repetition", "capitalization"):
            self.words = None

    def applies_to(self, prose: Prose) -> bool:
        if self.rule.kind == "repetition":
            return prose.has_repeated_word
        return could_match(prose, self.words, self.prefixes)

    def _excepted(self, text: str) -> bool:
        return text.casefold() in self.exceptions

    def _found(self, text: str) -> Iterator[tuple[int, int, str, Any]]:
        """Every token and pattern match: (start, end, text, match)."""
        for literal in _literal_matches(self.tokens, text):
            yield literal.start(), literal.end(), literal.group(0), literal
        for pattern in self.patterns:
            for match in user_matches(pattern, text):
                yield match.start(), match.end(), match.group(0), match

    # existence: a token or pattern is there
    def _existence(self, segment: Segment, prose: Prose) -> Iterator[Hit]:
        if self.rule.whole:
            yield from self._whole(segment)
            return
        for start, end, found, match in self._found(segment.text):
            if not self._excepted(found):
                yield Hit(start, end, {"match": found, **_groups(match)})

    def _whole(self, segment: Segment) -> Iterator[Hit]:
        text = segment.text
        stripped = text.strip(" \t\r\n.,:;!?\"'«»()" + MASK)
        if not stripped:
            return
        start = text.index(stripped)
        for begin, end, found, _ in self._found(stripped):
            if begin == 0 and end == len(stripped) and not self._excepted(found):
                yield Hit(start, start + end, {"match": found})
                return

    # substitution: a word that has a better one
    def _compile_swap(self) -> None:
        rule = self.rule
        if rule.regex:
            self.swaps = [(compile_user(k, rule.ignorecase), v) for k, v in rule.swap.items()]
            self.words = None
        else:
            self.swaps = []
            self.tokens = None
            self.literal_swaps = {
                (k.lower() if rule.ignorecase else k): v for k, v in rule.swap.items()
            }
            self.swap_regex = compile_tokens(tuple(rule.swap), rule.ignorecase)
            self.words, self.prefixes = needed_words(tuple(rule.swap))

    def _substitution(self, segment: Segment, prose: Prose) -> Iterator[Hit]:
        text = segment.text
        if self.rule.regex:
            for pattern, template in self.swaps:
                for match in user_matches(pattern, text):
                    if not self._excepted(match.group(0)):
                        yield self._swap_hit(match.start(), match.end(), match.group(0),
                                             match.expand(template))  # fmt: skip
            return
        for match in _literal_matches(self.swap_regex, text):
            found = match.group(0)
            if self._excepted(found):
                continue
            key = " ".join(found.split())
            replacement: str | None = self.literal_swaps.get(
                key.lower() if self.rule.ignorecase else key
            )
            if replacement is None:  # a prefix token: `учёт*`
                replacement = self._prefix_swap(found)
            if replacement is not None:
                yield self._swap_hit(match.start(), match.end(), found, replacement)

    def _prefix_swap(self, found: str) -> str | None:
        lowered = found.lower()
        for key, value in self.rule.swap.items():
            if key.endswith("*") and lowered.startswith(key[:-1].lower()):
                return value.rstrip("*") + found[len(key) - 1 :]
        return None

    def _swap_hit(self, start: int, end: int, found: str, replacement: str) -> Hit:
        choices = [keep_case(found, r.strip()) for r in replacement.split("|")]
        values = {"match": found, "replacement": " or ".join(f"`{c}`" for c in choices)}
        values["replacement_plain"] = choices[0]
        fixed = choices[0] if len(choices) == 1 and choices[0] != found else None
        return Hit(start, end, values, fixed)

    # occurrence: too many or too few per piece of text
    def _occurrence(self, segment: Segment, prose: Prose) -> Iterator[Hit]:
        text = segment.text
        count = sum(1 for _, _, found, _ in self._found(text) if not self._excepted(found))
        rule = self.rule
        low = rule.min is not None and count < rule.min
        high = rule.max is not None and count > rule.max
        if not (low or high):
            return
        stripped = text.strip().strip(MASK).strip()
        if not stripped:
            return
        start = text.index(stripped)
        values = {"count": str(count), "min": str(rule.min), "max": str(rule.max),
                  "match": _excerpt(stripped)}  # fmt: skip
        yield Hit(start, start + len(stripped), values)

    # repetition: the same word twice in a row
    def _repetition(self, segment: Segment, prose: Prose) -> Iterator[Hit]:
        text = segment.text
        for word in prose.repeated_words:
            if word in self.exceptions or not word.isalpha():
                continue
            pattern = _repeat_regex(word)
            for match in pattern.finditer(text):
                if not _same_word(text, match.start(1), match.group(1), match.group(3)):
                    continue
                yield Hit(
                    match.start(3),
                    match.end(3),
                    {"match": match.group(3)},
                    "",  # remove the repeated word and the whitespace before it
                    edit=match.span(2),
                )

    # capitalization: questions and headings in the chosen case
    def _capitalization(self, segment: Segment, prose: Prose) -> Iterator[Hit]:
        from faqlint.style.case import case_problem

        source = prose.source[segment.start : segment.start + len(segment.text)]
        problem = case_problem(segment.text, self.rule.style, self.exceptions, source)
        if problem is not None:
            start, end, values, replacement = problem
            yield Hit(start, end, values, replacement)

    # consistency: one spelling of a word per file (or per corpus)
    def _compile_either(self) -> None:
        rule = self.rule
        self.variants: list[tuple[str, int, re.Pattern[str]]] = []  # (spelling, group, regex)
        all_tokens: list[str] = []
        for index, group in enumerate(rule.either):
            for spelling in group:
                compiled = compile_tokens((spelling,), rule.ignorecase)
                assert compiled is not None
                self.variants.append((spelling, index, compiled))
                all_tokens.append(spelling)
        self.words, self.prefixes = needed_words(tuple(all_tokens))

    def _consistency(self, segment: Segment, prose: Prose) -> Iterator[Hit]:
        """Every use of every spelling, tagged `group:position`; `PackCheck`
        keeps the uses of the less common spellings."""
        text = segment.text
        for spelling, index, pattern in self.variants:
            position = self.rule.either[index].index(spelling)
            for match in pattern.finditer(text):
                if not self._excepted(match.group(0)):
                    yield Hit(match.start(), match.end(), {"match": match.group(0)},
                              group=f"{index}:{position}")  # fmt: skip

    # pattern: one regular expression, its named groups in the message
    def _pattern(self, segment: Segment, prose: Prose) -> Iterator[Hit]:
        for match in user_matches(self.pattern, segment.text):
            found = match.group(0)
            if self._excepted(found):
                continue
            fixed = match.expand(self.rule.fix) if self.rule.fix is not None else None
            yield Hit(match.start(), match.end(), {"match": found, **_groups(match)}, fixed)


def _groups(match: Any) -> dict[str, str]:
    groups = match.groupdict() if hasattr(match, "groupdict") else {}
    return {name: value for name, value in groups.items() if value is not None}


def _excerpt(text: str, limit: int = 60) -> str:
    text = " ".join(text.replace(MASK, " ").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_REPEATS: dict[str, re.Pattern[str]] = {}
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n[ \t]*(?:[-*+>#|]+|\d+[.)])?[ \t]*)$")


def _same_word(text: str, start: int, first: str, second: str) -> bool:
    """Whether `first second` repeats a word, not a name or an abbreviation
    followed by the same word in lower case ("VK Cloud cloud", "ПО по")."""
    if first == second:
        return True
    if len(first) > 1 and (first.isupper() != second.isupper()):
        return False
    if first[:1].isupper() and second[:1].islower():  # "The the" starts a sentence
        return bool(_SENTENCE_START.search(text, max(0, start - 8), start))
    return True


def _repeat_regex(word: str) -> re.Pattern[str]:
    """`word` twice, separated by spaces or one line break (not a blank line,
    which ends a paragraph); group 2 is what a fix removes."""
    pattern = _REPEATS.get(word)
    if pattern is None:
        escaped = re.escape(word)
        pattern = re.compile(
            rf"(?<![\w/-])({escaped})((?:[ \t]+|[ \t]*\r?\n[ \t]*)({escaped}))(?![\w-])",
            re.IGNORECASE,
        )
        _REPEATS[word] = pattern
    return pattern
