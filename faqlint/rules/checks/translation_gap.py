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

import math
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from faqlint.language.scripts import language_name
from faqlint.parse.model import Related, Span
from faqlint.parse.records import PageRecord
from faqlint.rules.problem import Problem

if TYPE_CHECKING:
    from faqlint.rules.corpus import Corpus, OtherPage

CODE = "FAQ303"
NAME = "translation-gap"
SEVERITY = "info"
FIXABLE = False

_TOP = Span(1, 1, 1, 1, 0, 0)


def check_corpus(corpus: Corpus, options: object) -> Iterator[tuple[str, Problem]]:
    languages = corpus.config.site.languages
    if len(languages) < 2:
        return
    linted = {r.path for r in corpus.records}
    pages: dict[str, dict[str, PageRecord | OtherPage]] = {}
    everything: list[PageRecord | OtherPage] = [*corpus.records, *corpus.other_pages]
    for page in everything:
        if page.site_path is None or page.language not in languages:
            continue
        rest = page.site_path[len(page.language or "") + 1 :]
        pages.setdefault(rest, {}).setdefault(page.language or "", page)
    signatures: dict[int, tuple[PageRecord, list[_Signature]]] = {}
    included: dict[str, list[_Signature]] = {}  # fragments', by path: read once per run
    for translations in pages.values():
        if len(translations) < 2:
            continue
        for language, record in translations.items():
            if record.path not in linted or not isinstance(record, PageRecord):
                continue
            if not record.entries:
                continue
            for other_language, page in translations.items():
                if other_language == language:
                    continue
                other = page if isinstance(page, PageRecord) else page.load()
                if other is not None:
                    yield from _gaps(record, other, other_language, corpus, signatures, included)


def _gaps(
    record: PageRecord,
    other: PageRecord,
    other_language: str,
    corpus: Corpus,
    signatures: dict[int, tuple[PageRecord, list[_Signature]]],
    included: dict[str, list[_Signature]],
) -> Iterator[tuple[str, Problem]]:
    """`signatures`: computed so far in this run, by record identity (the
    record is kept with them, so the identity stays its own); `included`:
    those of the fragments read so far, by path."""
    for page in (record, other):
        if id(page) not in signatures:
            signatures[id(page)] = (page, _with_included(page, corpus, included))
    own, theirs = signatures[id(record)][1], signatures[id(other)][1]
    # the record's own entries that have a counterpart (the lists also hold included ones)
    matched = {own[i].own for i in align(own, theirs) if own[i].own is not None}
    name = language_name(other_language)
    url = corpus.site.url_of(other.site_path) if other.site_path else other.path
    for index, entry in enumerate(record.entries):
        if index in matched or not entry.is_faq or record.is_excluded(entry.span.start):
            continue
        message = (
            f"“{entry.question}” has no counterpart on the {name} page `{url}` "
            f"({len(own)} entries here, {len(theirs)} there)"
        )
        related = Related(path=other.path, span=_TOP, message=f"the {name} page")
        yield record.path, Problem(entry.question_span, message, related=(related,))


@dataclass(frozen=True, slots=True)
class _Signature:
    """What two translations of one entry have in common whatever the language."""

    links: frozenset[str]  # link targets resolved, language prefix and #fragment removed
    marks: frozenset[str]  # names and numbers: Terraform, PostgreSQL, HTTP/2, 5 TB
    length: int  # of the answer text: translations keep it within about 2x
    own: int | None = None  # the index of the page's own entry; None: an included one


_MARK = re.compile(r"[A-Za-z][A-Za-z0-9+.#/-]*[A-Za-z0-9+#]|[A-Za-z]|\d+(?:[.,]\d+)*")
_VARIABLE = re.compile(r"\{(?:var|const)\([^()]*\)\}")


_WIDE = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def _length(text: str) -> int:
    """An answer's length in Latin-letter terms: a Chinese, Japanese or Korean
    character says about as much as three letters."""
    return len(text) + 2 * len(_WIDE.findall(text))


def _with_included(
    record: PageRecord, corpus: Corpus, included: dict[str, list[_Signature]]
) -> list[_Signature]:
    """The signatures of a page's FAQ entries with those of the fragments it
    includes (`{% include %}`), in reading order: one translation may write
    an entry inline that the other includes from a file."""
    placed = [
        (entry.span.start, replace(signature, own=index))
        for index, (entry, signature) in enumerate(
            zip(record.entries, _signatures(record, corpus), strict=True)
        )
        if entry.is_faq
    ]
    if record.site_path is not None:
        for link in record.links:
            if link.syntax != "include" or record.is_excluded(link.span.start):
                continue
            file = corpus.site.resolve(record.site_path, link.target).file
            if file is None or file == record.site_path:
                continue
            if file not in included:
                fragment = corpus.links.page(file)
                included[file] = (
                    [
                        signature
                        for entry, signature in zip(
                            fragment.entries, _signatures(fragment, corpus), strict=True
                        )
                        if entry.is_faq and entry.depth == 0
                    ]
                    if fragment is not None
                    else []
                )
            placed += [(link.span.start, signature) for signature in included[file]]
    placed.sort(key=lambda item: item[0])
    return [signature for _, signature in placed]


def _signatures(record: PageRecord, corpus: Corpus) -> list[_Signature]:
    starts = sorted(range(len(record.links)), key=lambda i: record.links[i].span.start)
    offsets = [record.links[i].span.start for i in starts]
    targets: dict[str, str | None] = {}
    is_mark = _is_english_mark if record.language == "en" else None
    signatures = []
    for entry in record.entries:
        found = set()
        first = bisect_left(offsets, entry.span.start)
        last = bisect_left(offsets, entry.span.end)
        for i in starts[first:last]:
            link_target = record.links[i].target
            if link_target not in targets:
                targets[link_target] = _neutral_target(record, link_target, corpus)
            if (target := targets[link_target]) is not None:
                found.add(target)
        text = _VARIABLE.sub(" ", f"{entry.question} {entry.answer_text}")
        words = _MARK.findall(text)
        if is_mark is not None:
            words = [word for word in words if is_mark(word)]
        marks = frozenset(word.lower() for word in words)
        signatures.append(_Signature(frozenset(found), marks, _length(entry.answer_text)))
    return signatures


@lru_cache(maxsize=65536)
def _is_english_mark(word: str) -> bool:
    if word[0].isdigit():
        return True
    return (
        any(c.isdigit() for c in word)
        or sum(c.isupper() for c in word) >= 2
        or (word[0].isupper() and word[1:] != word[1:].lower())
    )


def _neutral_target(record: PageRecord, target: str, corpus: Corpus) -> str | None:
    """A link target as all translations write it: resolved to a site path
    without its language and #fragment; external links by path only (sites
    often have one domain per language); mailto and routes (/en/contacts)
    say nothing about which entry it is."""
    path = target.split("#", 1)[0]
    if not path or path.startswith("mailto:"):
        return None
    if "://" in path:
        return "ext:" + path.split("://", 1)[1].partition("/")[2].rstrip("/")
    if record.site_path is None:
        return path
    resolved = corpus.site.resolve(record.site_path, path)
    if resolved.route:
        return None
    parts = resolved.path.rstrip("/").split("/")
    if len(parts) > 1 and parts[1] in corpus.config.site.languages:
        parts[1] = "*"
    return "/".join(parts)


_LINK_WEIGHT, _MARK_WEIGHT, _LENGTH_WEIGHT = 3.0, 3.0, 0.75


def _score(first: _Signature, second: _Signature) -> float:
    """How likely two entries are translations of each other. Any two may be
    (translations keep the order), so the base is positive; shared link
    targets and names, and answers of similar length, make it likelier; that
    decides where the gaps go."""
    score = 1.0
    if first.links & second.links:
        shared = len(first.links & second.links)
        score += _LINK_WEIGHT * shared / min(len(first.links), len(second.links))
    if first.marks and second.marks:
        shared = len(first.marks & second.marks)
        score += _MARK_WEIGHT * shared / max(len(first.marks), len(second.marks))
    ratio = (first.length + 20) / (second.length + 20)
    return score + _LENGTH_WEIGHT * (1 - min(abs(math.log(ratio)), 1.5) / 0.75)


def align(first: list[_Signature], second: list[_Signature]) -> set[int]:
    """Indices of `first` that have a counterpart in `second`: a global
    alignment (Needleman–Wunsch) keeping order, where shared link targets
    make a match and disjoint ones speak against it."""
    rows, cols = len(first), len(second)
    scores = [[_score(a, b) for b in second] for a in first]
    best = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(1, rows + 1):
        for j in range(1, cols + 1):
            diagonal = (
                best[i - 1][j - 1] + scores[i - 1][j - 1] if scores[i - 1][j - 1] > 0 else -1.0
            )
            best[i][j] = max(best[i - 1][j], best[i][j - 1], diagonal)
    matched: set[int] = set()
    i, j = rows, cols
    while i > 0 and j > 0:
        score = scores[i - 1][j - 1]
        if score > 0 and best[i][j] == best[i - 1][j - 1] + score:
            matched.add(i - 1)
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return matched
