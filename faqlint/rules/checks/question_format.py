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

from faqlint.parse.model import FaqDocument, FaqEntry, Fix
from faqlint.rules.problem import Problem, replace, sub_span

CODE = "FAQ203"
NAME = "question-format"
SEVERITY = "warning"
FIXABLE = True


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    allow_statements: bool = Field(True, alias="allow-statements")


# English questions invert: an auxiliary first ("Can I…", "Is there…") or
# right after the question word ("How do I…", "What ports are…"). "How the
# service works", "How to…" and "When I change my password, I get an error"
# are titles, not questions. A negated auxiliary ("Can't register…") or
# "Do not…" starts a statement.
_EN_AUX = (
    r"(?:do|does|did|can|could|should|would|will|is|are|was|were|may|might|must|"
    r"shall|have|has|am)"
)
_HOW_MUCH = "much|many|long|often|quickly|soon|fast|far|big|large|old|well|exactly"
_EN_QUESTION = re.compile(
    rf"^(?:{_EN_AUX}\s+(?!not\b)"
    rf"|how(?:\s+(?:{_HOW_MUCH}))?\s+{_EN_AUX}(?:n't)?\b"
    rf"|(?:what|which|whose)(?:\s+[\w'-]+)?\s+{_EN_AUX}(?:n't)?\b"
    rf"|(?:why|when|where|who|whom)\s+{_EN_AUX}(?:n't)?\b"
    r"|what's\s|what\s+(?:happens|if)\b|why\s+not\b)",
    re.I,
)
# Russian and Kazakh mark questions with particles, which are unambiguous;
# a question word alone ("Как задать время…") is also how instruction titles
# start, so it only counts on pages where most entries are questions.
_RU_PARTICLE = re.compile(r"\S\s+ли(?:\s|$)", re.I)
_RU_WHY = re.compile(r"^(?:почему|зачем|отчего)\s", re.I)
_KZ_PARTICLE = re.compile(r"\s(?:ма|ме|ба|бе|па|пе)(?:\s|$)", re.I)
_KAZAKH_LETTERS = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_WEAK_WORDS = (
    # Russian
    "как", "какой", "какая", "какое", "какие", "каких", "каким", "какую", "что",
    "чем", "чего", "когда", "где", "куда", "откуда", "кто", "кому", "кого",
    "сколько", "чей", "чья", "чьи", "каков", "какова", "каковы",
    # Kazakh ("не", "what", is Russian "not": only in Kazakh text)
    "қалай", "неге", "қашан", "қайда", "қандай", "кім", "қанша", "қай",
    "неліктен", "нені", "неше",
)  # fmt: skip
_WEAK_START = re.compile(r"^(?:" + "|".join(_WEAK_WORDS) + r")\s", re.I)
_KZ_WHAT = re.compile(r"^не\s", re.I)
_TRAILING_MARKUP = re.compile(r"[*_`~]+$|</[a-z]+>$", re.I)
_TRAILING_PUNCT = re.compile(r"[.:]+$")


def reads_as_question(question: str, language: str | None = None, faq_page: bool = False) -> bool:
    """Whether a title is phrased as a question.

    `faq_page`: most entries on the page end with `?`, so a title that starts
    with a question word is a question even without a particle.
    """
    text = question.strip()
    kazakh = language == "kz" or bool(_KAZAKH_LETTERS.search(text))
    if _EN_QUESTION.match(text) or _RU_PARTICLE.search(text) or _RU_WHY.match(text):
        return True
    if kazakh and _KZ_PARTICLE.search(text):
        return True
    return faq_page and bool(_WEAK_START.match(text) or (kazakh and _KZ_WHAT.match(text)))


def _is_faq_page(doc: FaqDocument) -> bool:
    asked = sum(1 for e in doc.entries if e.question.rstrip().endswith(("?", "？")))
    return len(doc.entries) >= 2 and asked * 2 >= len(doc.entries)


def check(doc: FaqDocument, options: Options) -> Iterator[Problem]:
    faq_page = _is_faq_page(doc)
    for entry in doc.entries:
        question = entry.question.strip()
        if not question or "?" in question or "？" in question:
            continue
        if reads_as_question(question, entry.language, faq_page):
            yield Problem(
                entry.question_span,
                f"“{question}” reads as a question but has no question mark",
                fix=_add_question_mark(entry),
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
