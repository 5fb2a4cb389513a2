"""A question that reads as a question but does not end with a question mark.

## What it does
Reports an entry title that starts like a question ("How do I…", "Can
I…", "Как…", "Можно ли…", "Қалай…") or ends with a Kazakh question particle
("… бола ма") but has no `?`. Statement-style titles such as "I cannot change
my phone number" are allowed by default (`allow-statements`). The fix adds
the question mark (replacing a trailing period or colon).

## Why is this bad?
A question mark is how a reader scanning a list of FAQ entries tells a
question from a heading; a mix of styles looks careless.

## Example
```markdown
{cut(How do I enable two-factor authentication)}

Use the instruction [Enabling 2FA](/en/access/iam/instructions/manage-2fa).

{/cut}
```

## Use instead
```markdown
{cut(How do I enable two-factor authentication?)}

Use the instruction [Enabling 2FA](/en/access/iam/instructions/manage-2fa).

{/cut}
```

## Options
- `allow-statements` (default `true`): when `false`, every entry title must
  end with `?`, not only those that read as questions. Such findings have no
  automatic fix, since the title needs rewording.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from faqlint.language.faq_context import without_click_label
from faqlint.language.questions import reads_as_question
from faqlint.parse.model import FaqDocument, FaqEntry, Fix
from faqlint.rules.problem import Problem, replace, sub_span

CODE = "FAQ203"
NAME = "question-format"
SEVERITY = "warning"
FIXABLE = True


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    allow_statements: bool = Field(True, alias="allow-statements")


_TRAILING_MARKUP = re.compile(r"[*_`~]+$|</[a-z]+>$", re.I)
_TRAILING_PUNCT = re.compile(r"[.:]+$")


def _is_faq_page(doc: FaqDocument) -> bool:
    asked = sum(1 for e in doc.entries if e.question.rstrip().endswith(("?", "？")))
    return len(doc.entries) >= 2 and asked * 2 >= len(doc.entries)


def check(doc: FaqDocument, options: Options) -> Iterator[Problem]:
    faq_page = _is_faq_page(doc)
    for entry in doc.entries:
        question = entry.question.strip()
        if not question or "?" in question or "？" in question or entry.kind == "other":
            continue  # `other`: an example, a label or release notes, not a question
        asked = without_click_label(question)
        # `kind` may count question words under any FAQ heading; a "?" added
        # as a safe fix wants the page to ask (most of its titles end with "?")
        if entry.kind == "question" and reads_as_question(asked, entry.language, faq_page):
            # after "… - [Click to show/hide]" a `?` would land in the wrong place
            fix = _add_question_mark(entry) if asked == question else None
            yield Problem(
                entry.question_span,
                f"“{asked}” reads as a question but has no question mark",
                fix=fix,
            )
        elif not options.allow_statements:
            yield Problem(
                entry.question_span,
                f"“{question}” is not phrased as a question",
            )


def _add_question_mark(entry: FaqEntry) -> Fix:
    """`?` after the title (after closing `**`), replacing a trailing `.` or `:`."""
    source = entry.question_source
    markup = _TRAILING_MARKUP.search(source)
    core = source[: markup.start() if markup else len(source)].rstrip()
    punct = _TRAILING_PUNCT.search(core)
    if punct:
        edit_span = sub_span(entry.question_span, source, punct.start(), len(core))
    else:
        edit_span = sub_span(entry.question_span, source, len(source), len(source))
    return replace(edit_span, "?", "add a question mark")
