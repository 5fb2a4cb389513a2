"""What each kind of pack rule looks for, on the masked prose of one page.

A matcher turns a segment of prose into `Hit`s: a place, the values its
message may name (`{match}`, `{replacement}`, named groups…) and, when the
rule can fix it, the replacement text. `PackCheck` (in `faqlint.rules.style.pack_rules`)
turns hits into problems.

Speed, since a corpus has thousands of pages and the packs a dozen rules:

- each rule first asks the page's vocabulary (one set of its lower-cased
  words, shared by all rules) whether all the words of one of its tokens
  occur at all; most pages stop there;
- literal tokens run as a regex that starts with the literal, on the
  lower-cased text, so the engine skips ahead instead of trying every
  position (10 to 100 times faster than a case-blind regex that starts with
  a word-boundary look-behind); the boundary and, for case-sensitive rules,
  the case are then checked on the few matches;
- patterns of the packs shipped with faqlint run on the standard `re`
  engine; patterns of user packs run on the `regex` engine with a time limit
  of `PATTERN_TIMEOUT` per page, so a pattern that backtracks badly stops.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from faqlint.parse.prose import MARKUP, MASK, MASKS, Prose, Segment
from faqlint.parse.user_regex import PATTERN_TIMEOUT
from faqlint.rules.style.packs import PackRule

Pattern = Any  # re.Pattern[str] or regex.Pattern[str]


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


def _is_word_char(char: str) -> bool:
    return bool(char) and (char.isalnum() or char == "_")


# -- literal tokens -----------------------------------------------------------


def token_regex(token: str, boundary_before: bool = True) -> str:
    """A literal token as a regex: whole words, any whitespace between words;
    a trailing `*` makes the last word a prefix (`учёт*` matches `учётная`)."""
    prefix = token.endswith("*")
    body = token[:-1] if prefix else token
    core = r"\s+".join(re.escape(word) for word in body.split())
    start = r"(?<!\w)" if boundary_before and _is_word_char(body[:1]) else ""
    if prefix:
        return start + core + r"\w*"
    return start + core + (r"(?!\w)" if _is_word_char(body[-1:]) else "")


@dataclass(frozen=True, slots=True)
class Requirement:
    """What a page must hold for a token to match: all these words, and a
    prefix for a `word*` token."""

    words: frozenset[str]
    prefix: str | None = None

    def met_by(self, prose: Prose) -> bool:
        if not self.words <= prose.vocabulary:
            return False
        return self.prefix is None or self.prefix in prose.lowered


def requirement(token: str) -> Requirement:
    words = token.lower().rstrip("*").split()
    prefix = words.pop() if token.endswith("*") and words else None
    return Requirement(frozenset(w for word in words for w in re.findall(r"\w+", word)), prefix)


class Tokens:
    """Literal tokens of a rule, matched the fast way (see the module doc)."""

    def __init__(self, tokens: tuple[str, ...], ignorecase: bool) -> None:
        ordered = sorted(tokens, key=len, reverse=True)  # "click here" before "here"
        self.ignorecase = ignorecase
        self.fast = re.compile("|".join(token_regex(t.lower(), False) for t in ordered))
        flags = re.IGNORECASE if ignorecase else 0
        self.exact = re.compile("|".join(f"(?:{token_regex(t)})" for t in ordered), flags)
        self.requirements = tuple(requirement(t) for t in tokens)

    def may_match(self, prose: Prose) -> bool:
        return any(r.met_by(prose) for r in self.requirements)

    def find(self, segment: Segment, prose: Prose) -> Iterator[tuple[int, int, str]]:
        """(start, end, text) of each match in the segment."""
        text = segment.text
        if not prose.lowered_aligned:
            for exact in self.exact.finditer(text):
                yield exact.start(), exact.end(), exact.group(0)
            return
        lowered = prose.lowered[segment.start : segment.start + len(text)]
        position = 0
        while (fast := self.fast.search(lowered, position)) is not None:
            start, end = fast.span()
            position = start + 1
            if start and _is_word_char(lowered[start - 1]):
                continue
            found = text[start:end]
            if not self.ignorecase and self.exact.fullmatch(found) is None:
                continue
            position = end
            yield start, end, found


# -- patterns -------------------------------------------------------------------


def compile_pattern(pattern: str, ignorecase: bool, trusted: bool) -> Pattern:
    """Patterns of faqlint's own packs on `re`; others on `regex` (time limit)."""
    if trusted:
        return re.compile(pattern, re.IGNORECASE if ignorecase else 0)
    import regex

    flags = regex.IGNORECASE if ignorecase else 0
    return regex.compile(pattern, flags | regex.VERSION0)


def pattern_matches(pattern: Pattern, text: str) -> Iterator[Any]:
    """Matches of a pattern (with the time limit on `regex`), never across a mask."""
    try:
        matches = (
            pattern.finditer(text)
            if isinstance(pattern, re.Pattern)
            else pattern.finditer(text, timeout=PATTERN_TIMEOUT)
        )
        for match in matches:
            found = match.group(0)
            if MASK not in found and MARKUP not in found and match.end() > match.start():
                yield match
    except TimeoutError:
        raise PatternTimeout from None


# -- messages ---------------------------------------------------------------------


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


def _groups(match: Any) -> dict[str, str]:
    groups = match.groupdict() if hasattr(match, "groupdict") else {}
    return {name: value for name, value in groups.items() if value is not None}


def _excerpt(text: str, limit: int = 60) -> str:
    text = " ".join(text.replace(MASK, " ").replace(MARKUP, " ").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- matchers -----------------------------------------------------------------------

Matcher = Callable[[Segment, Prose], Iterator[Hit]]


class Compiled:
    """A pack rule with its expressions compiled, ready to match segments."""

    def __init__(self, rule: PackRule, trusted: bool = False) -> None:
        self.rule = rule
        self.trusted = trusted
        self.exceptions = frozenset(e.casefold() for e in rule.exceptions)
        self.tokens = Tokens(rule.tokens, rule.ignorecase) if rule.tokens else None
        self.patterns = [compile_pattern(p, rule.ignorecase, trusted) for p in rule.patterns]
        self.match: Matcher = getattr(self, "_" + rule.kind)
        if rule.kind == "substitution":
            self._compile_swap()
        elif rule.kind == "pattern":
            assert rule.pattern is not None
            self.pattern = compile_pattern(rule.pattern, rule.ignorecase, trusted)
        elif rule.kind == "consistency":
            self._compile_either()

    def applies_to(self, prose: Prose) -> bool:
        """The cheap test before any regex runs on the page."""
        kind = self.rule.kind
        if kind == "repetition":
            return prose.has_repeated_word
        if kind == "substitution" and not self.rule.regex:
            return self.swap_tokens.may_match(prose)
        if kind == "consistency":
            return self.spellings.may_match(prose)
        if kind in ("existence", "occurrence") and self.tokens and not self.patterns:
            return self.tokens.may_match(prose)
        return True

    def _excepted(self, text: str) -> bool:
        return text.casefold() in self.exceptions

    def _found(self, segment: Segment, prose: Prose) -> Iterator[tuple[int, int, str, Any]]:
        """Every token and pattern match: (start, end, text, match or None)."""
        if self.tokens is not None:
            for start, end, found in self.tokens.find(segment, prose):
                yield start, end, found, None
        for pattern in self.patterns:
            for match in pattern_matches(pattern, segment.text):
                yield match.start(), match.end(), match.group(0), match

    # existence: a token or pattern is there
    def _existence(self, segment: Segment, prose: Prose) -> Iterator[Hit]:
        if self.rule.whole:
            yield from self._whole(segment, prose)
            return
        for start, end, found, match in self._found(segment, prose):
            if not self._excepted(found):
                yield Hit(start, end, {"match": found, **_groups(match)})

    def _whole(self, segment: Segment, prose: Prose) -> Iterator[Hit]:
        text = segment.text
        stripped = text.strip(" \t\r\n.,:;!?\"'«»()" + MASKS)
        if not stripped:
            return
        start = text.index(stripped)
        for begin, end, found, _ in self._found(segment, prose):
            if begin == start and end == start + len(stripped) and not self._excepted(found):
                yield Hit(begin, end, {"match": found})
                return

    # substitution: a word that has a better one
    def _compile_swap(self) -> None:
        rule = self.rule
        if rule.regex:
            self.swaps = [
                (compile_pattern(k, rule.ignorecase, self.trusted), v) for k, v in rule.swap.items()
            ]
            return
        self.literal_swaps = {
            (k.lower() if rule.ignorecase else k): v for k, v in rule.swap.items()
        }
        self.swap_tokens = Tokens(tuple(rule.swap), rule.ignorecase)

    def _substitution(self, segment: Segment, prose: Prose) -> Iterator[Hit]:
        if self.rule.regex:
            for pattern, template in self.swaps:
                for match in pattern_matches(pattern, segment.text):
                    if not self._excepted(match.group(0)):
                        yield self._swap_hit(match.start(), match.end(), match.group(0),
                                             match.expand(template))  # fmt: skip
            return
        for start, end, found in self.swap_tokens.find(segment, prose):
            if self._excepted(found):
                continue
            key = " ".join(found.split())
            replacement: str | None = self.literal_swaps.get(
                key.lower() if self.rule.ignorecase else key
            )
            if replacement is None:  # a prefix token: `учёт*`
                replacement = self._prefix_swap(found)
            if replacement is not None:
                yield self._swap_hit(start, end, found, replacement)

    def _prefix_swap(self, found: str) -> str | None:
        lowered = found.lower()
        for key, value in self.rule.swap.items():
            if key.endswith("*") and lowered.startswith(key[:-1].lower()):
                return value.rstrip("*") + found[len(key) - 1 :]
        return None

    def _swap_hit(self, start: int, end: int, found: str, replacement: str) -> Hit:
        choices = [keep_case(found, r.strip()) for r in replacement.split("|")]
        values = {"match": found, "replacement": " or ".join(f"`{c}`" for c in choices)}
        fixed = choices[0] if len(choices) == 1 and choices[0] != found else None
        return Hit(start, end, values, fixed)

    # occurrence: too many or too few per piece of text
    def _occurrence(self, segment: Segment, prose: Prose) -> Iterator[Hit]:
        text = segment.text
        count = sum(1 for *_, found, _ in self._found(segment, prose) if not self._excepted(found))
        rule = self.rule
        low = rule.min is not None and count < rule.min
        high = rule.max is not None and count > rule.max
        if not (low or high):
            return
        stripped = text.strip(" \t\r\n" + MASKS)
        if not stripped:
            return
        start = text.index(stripped)
        values = {"count": str(count), "min": str(rule.min), "max": str(rule.max),
                  "match": _excerpt(stripped)}  # fmt: skip
        yield Hit(start, start + len(stripped), values)

    # repetition: the same word twice in a row
    def _repetition(self, segment: Segment, prose: Prose) -> Iterator[Hit]:
        text = segment.text
        lowered = (
            prose.lowered[segment.start : segment.start + len(text)]
            if prose.lowered_aligned
            else None
        )
        for word in prose.repeated_words:
            if word in self.exceptions or not word.isalpha():
                continue
            if lowered is not None and word not in lowered:
                continue
            for match in _repeats(word, text, lowered):
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
        from faqlint.rules.style.case import case_problem

        source = prose.source[segment.start : segment.start + len(segment.text)]
        # words the page's answers capitalise mid-sentence are names ("Auto Cancellation")
        exceptions = self.exceptions | prose.names_in_answers
        problem = case_problem(segment.text, self.rule.style, exceptions, source)
        if problem is not None:
            start, end, values, replacement = problem
            yield Hit(start, end, values, replacement)

    # consistency: one spelling of a word per file (or per corpus)
    def _compile_either(self) -> None:
        rule = self.rule
        self.variant_of: dict[str, tuple[int, int]] = {}  # spelling -> (group, position)
        spellings = []
        for index, group in enumerate(rule.either):
            for position, spelling in enumerate(group):
                self.variant_of.setdefault(spelling, (index, position))
                spellings.append(spelling)
        self.spellings = Tokens(tuple(spellings), rule.ignorecase)
        self.spelling_tokens = [(s, Tokens((s,), rule.ignorecase)) for s in spellings]

    def _consistency(self, segment: Segment, prose: Prose) -> Iterator[Hit]:
        """Every use of every spelling, tagged `group:position`; `PackCheck`
        keeps the uses of the less common spellings."""
        for spelling, tokens in self.spelling_tokens:
            group, position = self.variant_of[spelling]
            for start, end, found in tokens.find(segment, prose):
                if not self._excepted(found):
                    yield Hit(start, end, {"match": found}, group=f"{group}:{position}")

    # pattern: one regular expression, its named groups in the message
    def _pattern(self, segment: Segment, prose: Prose) -> Iterator[Hit]:
        for match in pattern_matches(self.pattern, segment.text):
            found = match.group(0)
            if self._excepted(found):
                continue
            fixed = match.expand(self.rule.fix) if self.rule.fix is not None else None
            yield Hit(match.start(), match.end(), {"match": found, **_groups(match)}, fixed)


# -- repeated words ----------------------------------------------------------------

_SEPARATOR = r"(?:[ \t]+|[ \t]*\r?\n[ \t]*)"
_REPEATS: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {}
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n[ \t]*(?:[-*+>#|]+|\d+[.)])?[ \t]*)$")


def _repeats(word: str, text: str, lowered: str | None) -> Iterator[re.Match[str]]:
    """`word` twice, separated by spaces or one line break (not a blank line,
    which ends a paragraph); group 2 is what a fix removes. Searched on the
    lower-cased text (literal first: fast), then read on the text."""
    patterns = _REPEATS.get(word)
    if patterns is None:
        escaped = re.escape(word)
        fast = re.compile(rf"({escaped})({_SEPARATOR}({escaped}))(?![\w-])")
        exact = re.compile(
            rf"(?<![\w/-])({escaped})({_SEPARATOR}({escaped}))(?![\w-])", re.IGNORECASE
        )
        patterns = _REPEATS[word] = (fast, exact)
    fast, exact = patterns
    if lowered is None:
        yield from exact.finditer(text)
        return
    for match in fast.finditer(lowered):
        start = match.start()
        if start and (_is_word_char(lowered[start - 1]) or lowered[start - 1] in "/-"):
            continue
        confirmed = exact.match(text, start)
        if confirmed is not None:
            yield confirmed


def _identifier(word: str) -> bool:
    """camelCase or CamelCase (a capital after the first letter, not all capitals)."""
    return not word.isupper() and any(c.isupper() for c in word[1:])


def _same_word(text: str, start: int, first: str, second: str) -> bool:
    """Whether `first second` repeats a word, not a name or an abbreviation
    followed by the same word in lower case ("VK Cloud cloud", "ПО по")."""
    if _identifier(first) or _identifier(second):
        return False  # `ScheduleId scheduleId`: code names, not words
    if first == second:
        return True
    if len(first) > 1 and (first.isupper() != second.isupper()):
        return False
    if first[:1].isupper() and second[:1].islower():  # "The the" starts a sentence
        return bool(_SENTENCE_START.search(text, max(0, start - 8), start))
    return True
