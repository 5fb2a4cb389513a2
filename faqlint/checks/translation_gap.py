"""An entry that a translation of the page does not have.

## What it does
For a page that exists in several languages (the same path under each of
`[site] languages`), matches the entries of each translation to the entries
of the others — by position, and by the pages their answers link to (with the
language prefix set aside) — and reports, on the page that has it, each entry
with no counterpart in another language. Reported as information: it is a
task for translators, not an error.

## Why is this bad?
Readers of one language miss answers that readers of another get, usually
because an entry was added to one translation only.

## Example
```markdown
{cut(How do I delete a bucket?)}

See [deleting buckets](/en/storage/s3/buckets#delete).

{/cut}

{cut(Is there a size limit?)}

Objects up to 5 TB.

{/cut}
```

## Use instead
```markdown
{cut(How do I delete a bucket?)}

See [deleting buckets](/en/storage/s3/buckets#delete).

{/cut}
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from faqlint.corpus import Corpus
from faqlint.model import Related, Span
from faqlint.problem import Problem
from faqlint.records import PageRecord

CODE = "FAQ303"
NAME = "translation-gap"
SEVERITY = "info"
FIXABLE = False

_TOP = Span(1, 1, 1, 1, 0, 0)
_NAMES = {"en": "English", "ru": "Russian", "kz": "Kazakh", "kk": "Kazakh", "de": "German"}


def check_corpus(corpus: Corpus, options: object) -> Iterator[tuple[str, Problem]]:
    languages = corpus.config.site.languages
    if len(languages) < 2:
        return
    linted = {r.path for r in corpus.records}
    pages: dict[str, dict[str, PageRecord]] = {}
    for record in [*corpus.records, *corpus.other_records]:
        if record.site_path is None or record.language not in languages:
            continue
        rest = record.site_path[len(record.language or "") + 1 :]
        pages.setdefault(rest, {}).setdefault(record.language or "", record)
    for translations in pages.values():
        if len(translations) < 2:
            continue
        for language, record in translations.items():
            if record.path not in linted or not record.entries:
                continue
            for other_language, other in translations.items():
                if other_language != language:
                    yield from _gaps(record, other, other_language, corpus)


def _gaps(
    record: PageRecord, other: PageRecord, other_language: str, corpus: Corpus
) -> Iterator[tuple[str, Problem]]:
    if len(record.entries) <= len(other.entries):
        return  # every entry here can have its counterpart there
    matched = align(_signatures(record), _signatures(other))
    name = _NAMES.get(other_language, f"`{other_language}`")
    url = corpus.site.url_of(other.site_path) if other.site_path else other.path
    for index, entry in enumerate(record.entries):
        if index in matched or record.is_excluded(entry.span.start):
            continue
        message = (
            f"“{entry.question}” has no counterpart on the {name} page `{url}` "
            f"({len(record.entries)} entries here, {len(other.entries)} there)"
        )
        related = Related(path=other.path, span=_TOP, message=f"the {name} page")
        yield record.path, Problem(entry.question_span, message, related=(related,))


@dataclass(frozen=True, slots=True)
class _Signature:
    """What two translations of one entry have in common whatever the language."""

    links: frozenset[str]  # link targets, language prefix and #fragment removed
    marks: frozenset[str]  # Latin-script words and numbers: names, codes, versions


_MARK = re.compile(r"[A-Za-z][A-Za-z0-9+.#/-]*|\d+(?:[.,]\d+)*")


def _signatures(record: PageRecord) -> list[_Signature]:
    signatures = []
    for entry in record.entries:
        links = frozenset(
            _language_neutral(link.target, record.language)
            for link in record.links
            if entry.span.start <= link.span.start < entry.span.end
        )
        text = f"{entry.question} {entry.answer_text}"
        signatures.append(_Signature(links, frozenset(m.lower() for m in _MARK.findall(text))))
    return signatures


def _language_neutral(target: str, language: str | None) -> str:
    path = target.split("#", 1)[0]
    parts = path.split("/")
    if path.startswith("/") and len(parts) > 2 and (parts[1] == language or len(parts[1]) == 2):
        return "/*/" + "/".join(parts[2:])
    return path


def _score(first: _Signature, second: _Signature) -> float:
    """Any two entries may correspond (translations keep the order); shared
    link targets and shared names or numbers make it likelier, which decides
    where the gaps go."""
    score = 1.0
    if first.links & second.links:
        score += 3.0
    if first.marks and second.marks:
        shared = len(first.marks & second.marks)
        score += 3.0 * shared / min(len(first.marks), len(second.marks))
    return score


def align(first: list[_Signature], second: list[_Signature]) -> set[int]:
    """Indices of `first` that have a counterpart in `second`: a global
    alignment (Needleman–Wunsch) keeping order, where shared link targets
    make a match and disjoint ones speak against it."""
    rows, cols = len(first), len(second)
    best = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(1, rows + 1):
        for j in range(1, cols + 1):
            best[i][j] = max(
                best[i - 1][j],
                best[i][j - 1],
                best[i - 1][j - 1] + _score(first[i - 1], second[j - 1]),
            )
    matched: set[int] = set()
    i, j = rows, cols
    while i > 0 and j > 0:
        if best[i][j] == best[i - 1][j - 1] + _score(first[i - 1], second[j - 1]):
            if _score(first[i - 1], second[j - 1]) > 0:
                matched.add(i - 1)
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return matched
