"""Regular expressions that users write (custom dialects, link excludes,
style packs): compiled with the `regex` module and checked at load time.

A pattern from a config or a pack runs on text a stranger wrote (a pull
request's pages, a page's URLs). Two guards, the same for every user pattern:

- at load, each pattern is tried on texts that make nested repetition blow up
  (`(a+)+$`, `(\\w+\\s?)*$`); one that takes over `PATTERN_TIMEOUT` there is
  refused with a message that names it;
- at run time every search has `PATTERN_TIMEOUT` per call, and `regex`
  (unlike `re`) also lets the per-file time budget interrupt a match.
"""

from __future__ import annotations

from typing import Any

import regex

PATTERN_TIMEOUT = 0.25  # seconds one search may take on one piece of text

# Texts on which a catastrophically backtracking pattern takes far too long.
PATHOLOGICAL = (
    "a" * 10000 + "!",
    " " * 3000 + "!",
    "ab" * 1500 + "!",
    "a " * 1500 + "\x00",
    "1" * 3000 + "x",
    "/" * 3000 + "!",
)


class UserRegexError(ValueError):
    """A user pattern that is not valid or backtracks; the message says which."""


def compile_checked(source: str, flags: int = 0) -> Any:
    """`source` compiled (regex.Pattern), or `UserRegexError` saying why not."""
    try:
        compiled = regex.compile(source, flags | regex.VERSION0)
    except regex.error as exc:
        raise UserRegexError(f"is not a valid regular expression: {exc}") from None
    prefix = _literal_prefix(source)
    for sample in PATHOLOGICAL:
        text = prefix + sample
        try:
            compiled.search(text, timeout=PATTERN_TIMEOUT)
        except TimeoutError:
            raise UserRegexError(
                f"backtracks catastrophically (over {PATTERN_TIMEOUT} s on a "
                f"{len(text):,}-character test); rewrite it without nested repetition"
            ) from None
    return compiled


_LITERAL = regex.compile(r"\^?((?:[A-Za-z0-9 _/:,;=@%#&'\"<>~-]|\\[.?+*/(){}\[\]|^$-])*)")


def _literal_prefix(source: str) -> str:
    """The text every match starts with (`https://` of `^https://(a+)+$`), so
    the tests reach the pattern's repetition."""
    match = _LITERAL.match(source)
    literal = match.group(1) if match else ""
    if literal and literal[-1:] in "?*" and len(literal) > 1:
        literal = literal[:-1]
    return regex.sub(r"\\(.)", r"\1", literal)
