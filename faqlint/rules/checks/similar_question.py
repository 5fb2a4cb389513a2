"""A question asked again in other words.

## What it does
Reports a pair of questions in the same language that are nearly the same
question: after the usual FAQ phrasings are made alike ("how can I", "how do
I", "how to"; "is it possible to", "can I"; "what's", "what is") and stop words
are set aside, their words weighed by how telling they are (a word every
question uses counts little) overlap by at least `threshold` percent. Pairs
that differ in an action or its opposite (create/delete, enable/disable,
push/pull), a negation ("from Russia"/"not from Russia"), a number or a
product name are different questions and are never reported. The message
shows both questions and where the other one is.

## Why is this bad?
Readers meet two entries for one question, with two answers that drift
apart over time.

## Example
```markdown
{cut(How do I delete my account?)}

Ask support.

{/cut}

{cut(How can I delete an account?)}

Ask support.

{/cut}
```

## Use instead
```markdown
{cut(How do I delete my account?)}

Ask support.

{/cut}

{cut(How do I delete a project?)}

Ask the project owner.

{/cut}
```

In `semantic` mode, questions are also compared by meaning with sentence
embeddings (all-MiniLM-L6-v2, offline), which finds paraphrases such as "I
forgot my account password" / "How do I recover my account password?". The
model reads English only; Russian and Kazakh questions keep the lexical
comparison. The same guards apply to both.

## Options
- `threshold` (default 85): how alike two questions must be lexically, 0–100.
- `similarity`: `lexical` (default) or `semantic` (needs
  `pip install torch==2.13.0 'faqlint[semantic]'`; a CPU build of torch).
- `semantic-threshold` (default 80): cosine similarity × 100 for `semantic`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from faqlint.language.question_pool import Asked, parallel_pages, weights
from faqlint.language.questions import (
    QuestionKey,
    Weights,
    candidate_pairs,
    similarity,
    why_different,
)
from faqlint.parse.model import Related
from faqlint.rules.problem import Problem

if TYPE_CHECKING:
    from faqlint.rules.corpus import Corpus

CODE = "FAQ302"
NAME = "similar-question"
SEVERITY = "warning"
FIXABLE = False


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    threshold: float = Field(85.0, ge=0, le=100)
    similarity: Literal["lexical", "semantic"] = "lexical"
    semantic_threshold: float = Field(80.0, ge=0, le=100, alias="semantic-threshold")


def check_corpus(corpus: Corpus, options: Options) -> Iterator[tuple[str, Problem]]:
    for asked in corpus.questions().values():
        if not any(item.linted for item in asked):
            continue
        reported: set[tuple[str, int]] = set()
        found = _similar_pairs(asked, options, corpus.cache_dir)
        pairs = sorted(found, key=lambda p: (p[1].sort_key(), p[0].sort_key()))
        for first, second, score in pairs:
            if parallel_pages(first.record.path, second.record.path) == "template":
                continue  # one page per sister product: they ask alike on purpose
            # Reported on the later question; in a partial run on whichever is linted.
            item, other = (second, first) if second.linted else (first, second)
            place = (item.record.path, item.entry.span.start)
            if place not in reported:
                reported.add(place)  # one finding per question, against its first match
                yield item.record.path, _problem(item, other, score)


def _similar_pairs(
    asked: list[Asked], options: Options, cache_dir: Path | None
) -> Iterator[tuple[Asked, Asked, float]]:
    """Lexically similar pairs, and in semantic mode also pairs alike in
    meaning; then the guards."""
    keys = [item.key for item in asked]
    weight = weights(asked)
    scores = _lexical_pairs(keys, weight, options.threshold)
    if options.similarity == "semantic":
        from faqlint.language.semantic import semantic_pairs

        for i, j, score in semantic_pairs(keys, options.semantic_threshold, cache_dir=cache_dir):
            scores[(i, j)] = max(score, scores.get((i, j), 0.0))
    for (i, j), score in scores.items():
        first, second = asked[i], asked[j]
        if first.key.normalized == second.key.normalized:
            continue  # exact duplicates are duplicate-question's
        if (first.linted or second.linted) and why_different(first.key, second.key) is None:
            yield first, second, score


def _lexical_pairs(
    keys: list[QuestionKey], weight: Weights, threshold: float
) -> dict[tuple[int, int], float]:
    """Pairs of questions (by index, first < second) at least `threshold`
    alike. Questions with the same tokens are compared once, as one group:
    a page repeating one question a thousand times costs no more than one."""
    groups: dict[frozenset[str], list[int]] = {}
    for index, key in enumerate(keys):
        groups.setdefault(frozenset(key.tokens), []).append(index)
    members = list(groups.values())
    heads = [keys[group[0]] for group in members]
    scores: dict[tuple[int, int], float] = {}
    for a, b in candidate_pairs(heads, weight, threshold):
        score = similarity(heads[a], heads[b], weight)
        if score >= threshold:
            for i in members[a]:
                for j in members[b]:
                    scores[(min(i, j), max(i, j))] = score
    for group in members:  # the same tokens, perhaps in another order
        by_text: dict[str, list[int]] = {}
        for index in group:
            by_text.setdefault(keys[index].normalized, []).append(index)
        if (
            len(by_text) > 1
            and (score := similarity(keys[group[0]], keys[group[0]], weight)) >= threshold
        ):
            spellings = list(by_text.values())
            for x, first in enumerate(spellings):
                for second in spellings[x + 1 :]:
                    for i in first:
                        for j in second:
                            scores[(min(i, j), max(i, j))] = score
    return dict(sorted(scores.items()))


def _problem(item: Asked, other: Asked, score: float) -> Problem:
    place = "on this page" if other.record.path == item.record.path else f"at {other.where}"
    message = (
        f"“{item.entry.question}” is nearly the same question as “{other.entry.question}” "
        f"({place}; {score:.0f}% alike)"
    )
    related = Related(
        path=other.record.path, span=other.entry.question_span, message="the other one"
    )
    return Problem(item.entry.question_span, message, related=(related,))
