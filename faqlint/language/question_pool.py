"""The questions corpus-wide rules compare: every FAQ entry of the site, with
its comparable key, grouped by language.

An entry counts when it is a question: its title ends with `?`, or most
entries of its page do (statement-style titles on an FAQ page). Entries in
text the published build leaves out do not count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from faqlint.language.questions import QuestionKey, Weights, key
from faqlint.parse.records import EntryRecord, PageRecord


@dataclass(frozen=True, slots=True)
class Asked:
    """One question where it is asked."""

    record: PageRecord
    entry: EntryRecord
    key: QuestionKey
    linted: bool  # in a file of this run (findings can be reported on it)

    @property
    def where(self) -> str:
        return f"{self.record.path}:{self.entry.question_span.line}"

    def sort_key(self) -> tuple[str, int]:
        return (self.record.path, self.entry.span.start)


def questions(records: Iterable[tuple[PageRecord, bool]]) -> dict[str | None, list[Asked]]:
    """Eligible questions by language; `records` pairs each record with
    whether it is linted in this run."""
    by_language: dict[str | None, list[Asked]] = {}
    for record, linted in records:
        for entry in record.entries:
            if not entry.question.strip() or record.is_excluded(entry.span.start):
                continue
            if not entry.is_faq:
                continue  # an example, a label, steps (language/faq_context)
            by_language.setdefault(record.language, []).append(
                Asked(record, entry, key(entry.question), linted)
            )
    for asked in by_language.values():
        asked.sort(key=Asked.sort_key)
    return by_language


def weights(asked: list[Asked]) -> Weights:
    return Weights(item.key for item in asked)


_PATH_TOKENS = re.compile(r"[/._\-]+")


def _within_a_name(first: str, second: str) -> bool:
    """The word put for another stands inside a longer name that is the same
    otherwise (`sonarr-setup-quality` / `radarr-setup-quality`), not as a
    whole name (`billing/billing.md` / `support/support.md`: two pages)."""
    for a, b in zip(first.lower().split("/"), second.lower().split("/"), strict=False):
        stem_a, stem_b = a.rsplit(".", 1)[0], b.rsplit(".", 1)[0]
        if stem_a != stem_b and set(_PATH_TOKENS.split(stem_a)) & set(_PATH_TOKENS.split(stem_b)):
            return True
    return False


def parallel_pages(first: str, second: str) -> str | None:
    """How two pages are related when they serve sister products:
    "template" when one word is put for another all through the path
    (`Sonarr/sonarr-setup.md`, `Radarr/radarr-setup.md`: one page written for
    each product), "siblings" when the file name is the same in folders that
    differ in one place (`ui-coverage/faq.mdx`, `accessibility/faq.mdx`);
    None otherwise."""
    if first == second:
        return None
    tokens_a, tokens_b = _PATH_TOKENS.split(first.lower()), _PATH_TOKENS.split(second.lower())
    if len(tokens_a) == len(tokens_b):
        differing = [(x, y) for x, y in zip(tokens_a, tokens_b, strict=True) if x != y]
        if len(set(differing)) == 1 and len(differing) >= 2 and _within_a_name(first, second):
            return "template"
    a, b = first.lower().split("/"), second.lower().split("/")
    if len(a) == len(b) and a[-1] == b[-1] and sum(map(str.__ne__, a, b)) == 1:
        return "siblings"
    return None
