"""The same question asked twice.

## What it does
Reports a question that is asked again in the same language, on the same
page or another one: equal once case, whitespace, punctuation, quotes, a
trailing `?`, Markdown emphasis and code marks and `{var(…)}` substitutions
are set aside. Each repeat is reported once and points at the first
occurrence; the message says whether the two answers are the same or
disagree. When only some files are linted (a pre-commit hook), their
questions are still compared with every question of the site. Only FAQ
entries count (questions, and statement titles on FAQ pages: not examples or
labels such as "Example" or "Show code"). An entry repeated on a sister
product's page written from the same template (`Sonarr/sonarr-setup.md` and
`Radarr/radarr-setup.md`), or with the same answer on a page of the same name
in a sibling folder (`ui-coverage/faq.mdx` and `accessibility/faq.mdx`), is
repeated on purpose: not reported.

## Why is this bad?
Two copies of a question get two answers that drift apart; readers find
one, writers update the other.

## Example
```markdown
{cut(How do I delete my account?)}

Ask support from the owner's account.

{/cut}

{cut(How do I delete my account?)}

Delete it in **Settings**.

{/cut}
```

## Use instead
```markdown
{cut(How do I delete my account?)}

Ask support from the owner's account.

{/cut}
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from faqlint.language.question_pool import Asked, parallel_pages
from faqlint.language.questions import normalize
from faqlint.parse.model import Related
from faqlint.rules.problem import Problem

if TYPE_CHECKING:
    from faqlint.rules.corpus import Corpus

CODE = "FAQ301"
NAME = "duplicate-question"
SEVERITY = "error"
FIXABLE = False


def check_corpus(corpus: Corpus, options: object) -> Iterator[tuple[str, Problem]]:
    for asked in corpus.questions().values():
        groups: dict[str, list[Asked]] = {}
        for item in asked:
            groups.setdefault(item.key.normalized, []).append(item)
        for group in groups.values():
            if len(group) > 1 and any(item.linted for item in group):
                yield from _report(group)


def _report(group: list[Asked]) -> Iterator[tuple[str, Problem]]:
    # The first occurrence is the one already there: in a partial run, a
    # question in a file not being linted counts as first.
    first = next((item for item in group if not item.linted), group[0])
    for item in group:
        if item is first or not item.linted:
            continue
        same = normalize(item.entry.answer_text) == normalize(first.entry.answer_text)
        sister = parallel_pages(item.record.path, first.record.path)
        if sister == "template" or (sister == "siblings" and same):
            continue  # the entry on a sister product's page, repeated on purpose
        answers = "with the same answer" if same else "and the two answers disagree"
        place = "earlier on this page" if first.record.path == item.record.path else first.where
        message = f"“{item.entry.question}” is already asked ({place}), {answers}"
        related = Related(
            path=first.record.path, span=first.entry.question_span, message="first asked here"
        )
        yield item.record.path, Problem(item.entry.question_span, message, related=(related,))
