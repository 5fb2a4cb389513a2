"""A person's pronoun (he, him, his, she, her) that refers to a thing.

## What it does
Reports *he*, *him*, *his*, *himself*, *she*, *her*, *hers* and *herself* on
English pages when the nouns they can refer to are things (a mailbox, an
email, a bucket, a virtual machine, a key), and suggests *it*, *its* or
*itself*. The nouns it looks at are those before the pronoun in its sentence
and in the sentence before (for a list item, also the sentence that
introduces the list); the nearest one is taken as what the pronoun refers to.

A person noun anywhere in those sentences (user, owner, member, customer,
administrator, licensee…) means the pronoun is about that person, and the
rule says nothing; nor does it for "his/her" and "he or she", or when the
nearest candidate is a capitalised word that may be a name ("Send the key to
Ivan. He…"). The fix is safe when the thing is certain: a listed noun spelled
as listed and no possible name nearby; otherwise it is only offered, as it is
for *her* before a word, which may be *its* ("her settings") or *it* ("send
her files").

## Why is this bad?
*He* and *she* are for people. The mistake comes from translating languages
whose nouns have gender (in Russian a mailbox is "he"): the reader stops to
look for a person the text never mentioned.

## Example
```markdown
{cut(I do not receive emails)}

Make sure that other emails reach the selected email address. To do this,
send a test email to him from any other mailbox.

{/cut}
```

## Use instead
```markdown
{cut(I do not receive emails)}

Make sure that other emails reach the selected email address. To do this,
send a test email to it from any other mailbox.

{/cut}
```

## Options
- `person-nouns` (default none): more nouns, in the singular, that name
  people or parties on your site (roles such as `reseller`); the rule stays
  quiet near them.
- `thing-nouns` (default none): more nouns that name things (your product's
  resources).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from faqlint.language.lexicon import GIVEN_NAMES, PERSON_VERBS, Lexicon, lexicon
from faqlint.language.semantic import readable
from faqlint.parse.model import FaqDocument
from faqlint.parse.prose import Prose
from faqlint.rules.problem import Problem, replace
from faqlint.rules.style.kinds import keep_case

CODE = "FAQ401"
NAME = "inanimate-pronoun"
SEVERITY = "warning"
FIXABLE = True
NEEDS_PROSE = True


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    person_nouns: tuple[str, ...] = Field((), alias="person-nouns")
    thing_nouns: tuple[str, ...] = Field((), alias="thing-nouns")


_PRONOUN = re.compile(r"\b(?:he|him|his|himself|she|her|hers|herself)\b", re.I)
_REPLACEMENT = {
    "he": "it",
    "she": "it",
    "him": "it",
    "his": "its",
    "hers": "its",
    "himself": "itself",
    "herself": "itself",
}
# "his/her", "he or she", "s/he", "(s)he": written about people on purpose.
_GENDERED = r"(?:he|him|his|himself|she|her|hers|herself)"
_PAIRED_BEFORE = re.compile(rf"(?:\b{_GENDERED}\s*(?:/|\bor\b|\band\b)\s*|\bs/|\(s\))$", re.I)
_PAIRED_AFTER = re.compile(rf"\s*(?:/|or\b|and\b)\s*{_GENDERED}\b", re.I)
_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
_LETTER = re.compile(r"[^\W\d_]")
# "send a test email to him": a pronoun cannot refer to another argument of
# its own verb (that would be "itself"), so the noun right before such a
# preposition is not what "him" means.
_CO_ARGUMENT = re.compile(
    r"\s+(?:[a-z]+\s+)?(?:to|for|from|with|at|on|in|into|onto|by|about|of)\s+", re.I
)
# Words after "her" that show it is an object ("give her the key", "tell
# her about it"), not a possessive ("her settings").
_NOT_A_NOUN = frozenset(
    """
    a an the this that these those to in on at for from with by of about into onto
    over under after before again now then also too as if when while and or but so
    not no yes it its them him her me you us we they is are was were be been will
    would can could should may might must do does did has have had here there up
    down out off away back right once
    """.split()
)
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z][\w'’-]*)")
# Capitalised inside a sentence, yet no one's name.
_SPLIT_WORD = re.compile(r"(?:^|[^\w])(?![aAI]\b)[^\W\d_] $")  # "t he": one letter, a space
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|on|at|of|for|from|with|by|into|onto|to|about|over|under|through)\s+$", re.I
)
_QUOTES = frozenset("\"'“”‘’«»`")
_NOT_NAMES = frozenset(
    "i true false yes no ok null none he him his himself she her hers herself".split()
)
_LABEL_OPENERS = frozenset("*_\"'«“`[")

# Lines and tags that end a paragraph, and the end of a sentence.
_BLANK = re.compile(r"[\s\x00\x01]*")
_ITEM = re.compile(r"[ \t\x00\x01>]*(?:[-*+]|\d+[.)])[ \t]")
_HEADING = re.compile(r"[ \t\x00\x01]*#{1,6}(?:[ \t]|$)")
_TABLE_ROW = re.compile(r"[ \t\x00\x01]*\|")
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|td|th|tr|li|ul|ol|table|tbody|thead|br|h[1-6]|blockquote|details|summary)\b"
    r"[^<>]*>",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?][*_)\"'»”’\x00]*\s+(?=[\x00\x01*_(\"«“]*[A-Z0-9])")
_LEAD_END = re.compile(r"[\s\x00\x01*_]*$")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    in_item: bool  # part of a list item
    lead: bool  # ends with ":", so it introduces what follows


@dataclass(frozen=True, slots=True)
class Noun:
    """A noun (or a run of them, "email address") that a pronoun may refer to."""

    start: int
    end: int
    kind: Literal["person", "thing", "name"]
    exact: bool  # listed as written, not only with a typo corrected
    listed: str  # the lexicon word it was taken as


def check(doc: FaqDocument, options: Options, prose: Prose) -> Iterator[Problem]:
    # Cheapest test first: the search is most of the rule's time on a corpus.
    if not _may_be_english(doc) or not _PRONOUN.search(prose.source):
        return
    if doc.language is None and not readable(prose.text):
        return
    text = prose.text
    words = lexicon(options.person_nouns, options.thing_nouns)
    sentences: list[Sentence] | None = None
    for match in _PRONOUN.finditer(text):
        if _paired(text, match):
            continue
        if sentences is None:
            sentences = _sentences(text, prose.source)
        verdict = _antecedent(text, sentences, match, words)
        if verdict is not None:
            yield _problem(prose, match, *verdict)


def _may_be_english(doc: FaqDocument) -> bool:
    """English by the site layout, or a page of unknown language (`check`
    then guesses from its letters: mostly Latin ones)."""
    return doc.language is None or doc.language.split("-")[0].lower() == "en"


def _paired(text: str, match: re.Match[str]) -> bool:
    """Not a pronoun to judge: "his/her", "he or she", a quoted word ("he"),
    or the end of a word split by a typo ("t he")."""
    before = text[max(0, match.start() - 12) : match.start()]
    if _SPLIT_WORD.search(before):
        return True
    if match.group().lower() in ("he", "she") and _PREPOSITION_BEFORE.search(before):
        return True  # "in he range": a typo of "the", not a pronoun
    after = text[match.end() : match.end() + 1]
    if before[-1:] in _QUOTES and after in _QUOTES:
        return True
    return bool(_PAIRED_BEFORE.search(before) or _PAIRED_AFTER.match(text, match.end()))


# -- sentences ---------------------------------------------------------------
def _sentences(text: str, source: str) -> list[Sentence]:
    """The page's sentences, in order; table cells and list items are
    sentences of their own, and stretches without a letter ("4.4.") are left
    out so they never stand in for the sentence before."""
    found: list[Sentence] = []
    for start, end, item in _blocks(text, source):
        for piece_start, piece_end in _pieces(text, source, start, end):
            piece = text[piece_start:piece_end]
            if _LETTER.search(piece):
                lead = _LEAD_END.sub("", piece).endswith(":")
                found.append(Sentence(piece_start, piece_end, item, lead))
    return found


def _blocks(text: str, source: str) -> Iterator[tuple[int, int, bool]]:
    """Paragraphs, list items, headings and table cells (start, end, whether
    in a list item): stretches of text no sentence crosses. Markers are read
    on the source line (the prose masks them); a line the prose masks
    entirely (code) is blank."""
    start, item, offset = -1, False, 0
    for source_line in source.split("\n"):  # the masked text may mask line ends
        end = offset + len(source_line)
        line = text[offset:end]
        blank = _BLANK.fullmatch(line) is not None
        is_item = not blank and _ITEM.match(source_line) is not None
        is_heading = not blank and _HEADING.match(source_line) is not None
        is_row = not blank and _TABLE_ROW.match(line) is not None
        text_line = not (blank or is_item or is_heading or is_row)
        if start >= 0 and not text_line:
            yield start, offset, item
            start = -1
        if is_item:
            start, item = offset, True
        elif is_row:
            yield from _cells(line, offset)
        elif is_heading:
            yield offset, end, False
        elif text_line and start < 0:
            start, item = offset, False
        offset = end + 1
    if start >= 0:
        yield start, len(text), item


def _cells(line: str, offset: int) -> Iterator[tuple[int, int, bool]]:
    """A table row's cells."""
    position = offset
    for cell in line.split("|"):
        yield position, position + len(cell), False
        position += len(cell) + 1


def _pieces(text: str, source: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The sentences of one block: cut after `.`, `!`, `?` before a capital
    and at block-level HTML tags (`<td>`, `<p>`), which the prose masks."""
    cuts = [m.end() for m in _SENTENCE_END.finditer(text, start, end)]
    cuts += [m.start() for m in _BLOCK_TAG.finditer(source, start, end)]
    previous = start
    for cut in sorted(cuts):
        yield previous, cut
        previous = cut
    yield previous, end


def _window(sentences: list[Sentence], offset: int) -> list[Sentence]:
    """The sentences a pronoun at `offset` may look back into, its own first."""
    index = bisect_right([s.start for s in sentences], offset) - 1
    current = sentences[index]
    window = [current]
    if index > 0:
        window.append(sentences[index - 1])
    lead = index
    while lead >= 0 and sentences[lead].in_item:
        lead -= 1
    if 0 <= lead < index - 1 and sentences[lead].lead:
        window.append(sentences[lead])
    return window


# -- nouns -------------------------------------------------------------------
def _nouns(text: str, sentence: Sentence, words: Lexicon) -> list[Noun]:
    """The listed nouns of a sentence and the capitalised words in it that
    may be someone's name; runs of things ("email address") come as one."""
    found: list[Noun] = []
    for index, match in enumerate(_WORD.finditer(text, sentence.start, sentence.end)):
        noun = _noun(text, match, words, initial=index == 0)
        if noun is None:
            continue
        last = found[-1] if found else None
        if last and last.kind == noun.kind == "thing" and not text[last.end : noun.start].strip():
            found[-1] = Noun(last.start, noun.end, "thing", noun.exact, noun.listed)
        else:
            found.append(noun)
    return found


def _noun(text: str, match: re.Match[str], words: Lexicon, *, initial: bool) -> Noun | None:
    word = match.group()
    if word in GIVEN_NAMES or (initial and word[0].isupper() and _person_verb_after(text, match)):
        return Noun(match.start(), match.end(), "person", True, word)
    hit = words.classify(word)
    if hit is not None:
        return Noun(match.start(), match.end(), hit.kind, hit.exact, hit.word)
    if initial or not _maybe_name(text, match):
        return None
    return Noun(match.start(), match.end(), "name", False, word)


def _person_verb_after(text: str, match: re.Match[str]) -> bool:
    """`Alice says…`: a capitalised word that is the subject of a person verb."""
    following = _NEXT_WORD.match(text, match.end())
    return following is not None and following.group(1).lower() in PERSON_VERBS


def _maybe_name(text: str, match: re.Match[str]) -> bool:
    """A capitalised word inside a sentence ("Ivan", "Rachel"), except UI
    labels and titles, which are set in bold, quotes or links."""
    word = match.group()
    if not word[0].isupper() or any(c.isupper() for c in word[1:]):
        return False
    if word.lower() in _NOT_NAMES:
        return False
    return match.start() == 0 or text[match.start() - 1] not in _LABEL_OPENERS


def _antecedent(
    text: str, sentences: list[Sentence], match: re.Match[str], words: Lexicon
) -> tuple[Noun, bool] | None:
    """The thing a pronoun refers to and whether that is certain, or None
    when it may refer to a person."""
    window = _window(sentences, match.start())
    nouns = sorted((n for s in window for n in _nouns(text, s, words)), key=lambda n: n.start)
    if any(noun.kind == "person" for noun in nouns):
        return None
    before = [noun for noun in nouns if noun.end <= match.start()]
    if before and _CO_ARGUMENT.fullmatch(text, before[-1].end, match.start()):
        before.pop()
    if not before or before[-1].kind != "thing":
        return None
    thing = before[-1]
    certain = thing.exact and not any(noun.kind == "name" for noun in nouns)
    return thing, certain


# -- the finding -------------------------------------------------------------
def _problem(prose: Prose, match: re.Match[str], thing: Noun, certain: bool) -> Problem:
    text = prose.text
    word = match.group()
    new, guessed = _replacement(text, match)
    span = prose.span(match.start(), match.end())
    phrase = " ".join(text[thing.start : thing.end].split())
    taken = "" if thing.exact else f", taken as “{thing.listed}”"
    message = f"“{word}” refers to a thing (“{phrase}”{taken}), not a person: write “{new}”"
    fix = replace(span, new, f"replace “{word}” with “{new}”", safe=certain and not guessed)
    return Problem(span, message, fix=fix)


def _replacement(text: str, match: re.Match[str]) -> tuple[str, bool]:
    """The neuter pronoun in the same case, and whether it is a guess: "her"
    before a word may be a possessive or an object."""
    word = match.group()
    new = _REPLACEMENT.get(word.lower())
    guessed = False
    if new is None:
        following = _NEXT_WORD.match(text, match.end())
        guessed = following is not None and following.group(1).lower() not in _NOT_A_NOUN
        new = "its" if guessed else "it"
    return keep_case(word, new), guessed
