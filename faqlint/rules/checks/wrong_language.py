"""Text in another language than its page: Russian on an English or Kazakh page.

## What it does
Reads the page line by line (code, URLs, link targets and markup are not
read) and reports runs of lines written in another language than the
page's: Russian or Kazakh on an English page (mostly Cyrillic letters),
Russian on a Kazakh page (Cyrillic without any of the Kazakh letters
ә ғ қ ң ө ұ ү һ і, with Russian function words), Kazakh on a Russian page.
An entry's question is reported on its own ("the question is in Russian").
English on Russian and Kazakh pages is not reported: names, commands and
interface labels are often left in English on purpose.

A page's language comes from its path (`[site] languages`); pages of no
known language are not checked.

## Why is this bad?
An untranslated question or paragraph is a translation left unfinished: the
reader of the English page cannot read it, and a search in the page's
language does not find the entry.

## Example
```markdown
{cut(Пример команды скачивания объекта)}

aws s3 cp s3://bucket/object ./object

{/cut}
```

## Use instead
```markdown
{cut(Example of the download command)}

aws s3 cp s3://bucket/object ./object

{/cut}
```

## Options
- `min-letters`: the fewest letters a line needs to be judged (default 8):
  shorter lines (a label, a name) join a run but never start one.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate, compress

from pydantic import BaseModel, ConfigDict, Field

from faqlint.language.scripts import RUSSIAN_WORDS, Letters, count_letters, cyrillic_language
from faqlint.parse.model import FaqDocument
from faqlint.parse.prose import MASKS, Prose
from faqlint.rules.problem import Problem

CODE = "FAQ403"
NAME = "wrong-language"
SEVERITY = "warning"
FIXABLE = False
NEEDS_PROSE = True

LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "kz": "Kazakh"}
_LINE = re.compile(r"[^\r\n]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_KAZAKH_CLASS = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
_WORDS = re.compile(r"\w+")
_KAZAKH = re.compile(f"[{_KAZAKH_CLASS}]")
# Interface labels are quoted in bold as the product shows them, often in
# Russian on English pages ("Go to **Data Platform → Экземпляры сервисов**");
# they do not count towards a line's language.
_BOLD = re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__")
_PAGE_LINES = 3  # foreign lines from which a mostly foreign page is reported once
_GAP_LINES = 2  # lines of other text that may separate the lines of one run
# Telling Russian from Kazakh needs more text than telling Cyrillic from Latin.
_RU_KZ_MIN_LETTERS = 20


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    min_letters: int = Field(8, ge=1, alias="min-letters")


@dataclass(slots=True)
class Run:
    language: str
    start: int
    end: int
    lines: int
    question: int | None  # entry index when the run is that entry's question


def check(doc: FaqDocument, options: Options, prose: Prose) -> Iterator[Problem]:
    page = doc.language
    if page not in LANGUAGE_NAMES:
        return
    if page == "en" and prose.text.isascii():
        return
    runs = list(_runs(doc, prose, page, options.min_letters))
    known = {run.language for run in runs} - {"cyrillic"}
    if len(known) == 1:  # "Пример команды" on a page whose other lines are Russian
        only = known.pop()
        for run in runs:
            run.language = only
    wrong_lines = sum(run.lines for run in runs)
    judged = _judged_lines(prose.text, options.min_letters) if runs else 0
    if page == "kz" and _russian_throughout(prose, options.min_letters):
        what = "this page is in Russian: it has no Kazakh letters at all"
        yield from _untranslated(runs, "ru", page, prose, what)
    elif wrong_lines >= _PAGE_LINES and wrong_lines * 2 >= judged:
        language = _one_language(runs)
        name = LANGUAGE_NAMES.get(language, language)
        what = f"{wrong_lines} of the {judged} lines of this page are in {name}"
        yield from _untranslated(runs, language, page, prose, what)
    else:
        for run in runs:
            yield _problem(run, page, prose)


def _one_language(runs: list[Run]) -> str:
    languages = {run.language for run in runs}
    return languages.pop() if len(languages) == 1 else "another language"


def _judged_lines(text: str, min_letters: int) -> int:
    return sum(1 for line in _LINE.finditer(text) if _letters(line.group(0)).total >= min_letters)


def _russian_throughout(prose: Prose, min_letters: int) -> bool:
    """A "Kazakh" page without a single Kazakh letter, with Russian words."""
    if _KAZAKH.search(prose.text) or prose.vocabulary.isdisjoint(RUSSIAN_WORDS):
        return False
    cyrillic_lines = sum(
        1
        for line in _LINE.finditer(prose.text)
        if _CYRILLIC.search(line.group(0)) and _letters(line.group(0)).cyrillic >= min_letters
    )
    return cyrillic_lines >= _PAGE_LINES


def _untranslated(
    runs: list[Run], language: str, page: str, prose: Prose, what: str
) -> Iterator[Problem]:
    """A page left untranslated: one finding at its first foreign line, and
    one per question (each is an entry a reader cannot read)."""
    first = next((run for run in runs if run.question is None), None)
    if first is not None:
        line_end = prose.text.find("\n", first.start)
        end = first.end if line_end < 0 else min(first.end, line_end)
        yield Problem(
            prose.span(first.start, end),
            f"{what}, but the page is {LANGUAGE_NAMES[page]}: the page is not translated",
        )
    for run in runs:
        if run.question is not None:
            run.language = language if language in LANGUAGE_NAMES else run.language
            yield _problem(run, page, prose)


def line_language(text: str, page: str, min_letters: int) -> str | None:
    """The language of one line if it is judged and differs from the page's:
    'ru' or 'kz' (or 'cyrillic' when the two cannot be told apart)."""
    text = _BOLD.sub(" ", text)
    letters = count_letters(text)
    if letters.total < min_letters or letters.cyrillic <= letters.latin:
        return None
    if page == "en":
        return cyrillic_language(text, _WORDS.findall(text.lower())) or "cyrillic"
    if letters.cyrillic < _RU_KZ_MIN_LETTERS:
        return None
    language = cyrillic_language(text, _WORDS.findall(text.lower()))
    return language if language is not None and language != page else None


def _letters(text: str) -> Letters:
    """The letters that decide a line's language (bold labels left out)."""
    return count_letters(_BOLD.sub(" ", text))


def _question_at(doc: FaqDocument, start: int, end: int) -> int | None:
    for index, entry in enumerate(doc.entries):
        span = entry.question_span
        if span.start <= start and end <= span.end + 1:
            return index
    return None


def _candidate_lines(text: str, page: str) -> Iterator[tuple[int, str]]:
    """(offset, line) of the lines that may be in another language. A page
    with no letter of another language (most pages) costs one regex search;
    the others are filtered line by line with `map`, not a Python loop."""
    must_have = _KAZAKH if page == "ru" else _CYRILLIC
    if must_have.search(text) is None:
        return
    lines = text.split("\n")
    offsets = accumulate((len(line) + 1 for line in lines), initial=0)
    keep = map(bool, map(must_have.search, lines))
    if page == "kz":  # Cyrillic, and not one Kazakh letter
        keep = map(operator.gt, keep, map(bool, map(_KAZAKH.search, lines)))
    for offset, line in compress(zip(offsets, lines, strict=False), keep):
        yield offset, line.rstrip("\r")


def _runs(doc: FaqDocument, prose: Prose, page: str, min_letters: int) -> Iterator[Run]:
    text = prose.text
    run: Run | None = None
    for offset, line in _candidate_lines(text, page):
        stripped = line.strip(" \t" + MASKS)
        if not stripped:
            continue
        language = line_language(stripped, page, min_letters)
        if language is None:
            continue  # judged as the page's language, or too short to judge
        start = offset + line.index(stripped)
        end = start + len(stripped)
        question = _question_at(doc, start, end) if doc.entries else None
        joins = (
            run is not None
            and question is None
            and run.question is None
            and _same_language(run.language, language)
            and not _judged_line_between(text, prose.source, run.end, start, page, min_letters)
        )
        if joins:
            assert run is not None
            run.end, run.lines = end, run.lines + 1
            continue
        if run is not None:
            yield run
        run = Run(language, start, end, 1, question)
    if run is not None:
        yield run


def _judged_line_between(
    text: str, source: str, start: int, end: int, page: str, min_letters: int
) -> bool:
    """Whether the lines between two foreign lines split them into two runs:
    a line long enough to judge in the page's language, or more than
    `_GAP_LINES` lines of anything (a code block between two tab titles)."""
    between = source[start:end].splitlines()[1:-1]  # whole lines strictly between
    if sum(1 for line in between if line.strip()) > _GAP_LINES:
        return True
    for line in _LINE.finditer(text, start, end):
        piece = line.group(0).strip(" \t" + MASKS)
        if _letters(piece).total >= min_letters and line_language(piece, page, min_letters) is None:
            return True
    return False


def _same_language(a: str, b: str) -> bool:
    return a == b or "cyrillic" in (a, b)


def _problem(run: Run, page: str, prose: Prose) -> Problem:
    found = LANGUAGE_NAMES.get(run.language, "Russian or Kazakh")
    page_name = LANGUAGE_NAMES[page]
    if run.question is not None:
        message = f"the question is in {found}, but the page is {page_name}: translate it"
    elif run.lines == 1:
        message = f"this line is in {found}, but the page is {page_name}: translate it"
    else:
        message = (
            f"these {run.lines} lines are in {found}, but the page is {page_name}: translate them"
        )
    return Problem(prose.span(run.start, run.end), message)
