"""An FAQ entry whose answer says nothing.

## What it does
Reports an entry whose answer is empty or only whitespace; a placeholder
(`TODO`, `TBD`, `FIXME`, "coming soon", `…`); only an admonition or a
heading with no text; or a repetition of the question. An answer that is
only an image, a code block, a video or an included fragment is content,
not emptiness.

## Why is this bad?
Readers open the entry and find nothing. Placeholders were meant to be
replaced before publishing, and an answer that repeats the question wastes
the reader's click.

## Example
```markdown
{cut(How do I reset my password?)}

TODO

{/cut}
```

## Use instead
```markdown
{cut(How do I reset my password?)}

Click **Forgot password** on the sign-in page and follow the link we email you.

{/cut}
```

## Options
- `placeholders`: answers that count as placeholders, compared without case
  and trailing punctuation (default: TODO, TBD, TBA, FIXME, WIP, XXX,
  coming soon, to be added, lorem ipsum, …, and Russian equivalents).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from pydantic import BaseModel, ConfigDict

from faqlint.parse.model import ANSWER_TEXT_LIMIT, FaqDocument, FaqEntry
from faqlint.rules.problem import Problem

CODE = "FAQ201"
NAME = "empty-answer"
SEVERITY = "error"
FIXABLE = False

_MARKERS = ("TODO", "TBD", "TBA", "FIXME", "WIP", "XXX")


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    placeholders: tuple[str, ...] = (
        *_MARKERS,
        "coming soon",
        "to be added",
        "to be written",
        "lorem ipsum",
        "...",
        "…",
        "скоро",
        "в разработке",
        "будет добавлено",
        "заглушка",
    )


_MEDIA = re.compile(
    r"!\[|<img\b|<video\b|<iframe\b|\{(?:include|includetag|video|swagger)\(|^[ \t]*(?:```|~~~)",
    re.I | re.M,
)
_MARKER_PREFIX = re.compile(rf"^(?:{'|'.join(_MARKERS)})\b\s*[:\-–—]")
_HEADING_LINE = re.compile(r"^[ \t]*#{1,6}(?:[ \t].*)?$", re.M)
_TRAILING = re.compile(r"[\s.!?:;…]+$")
_COMPARABLE = re.compile(r"[^\w]+")


def check(doc: FaqDocument, options: Options) -> Iterator[Problem]:
    placeholders = _placeholders(options.placeholders)
    for entry in doc.entries:
        message = _why_empty(entry, placeholders)
        if message:
            yield Problem(entry.question_span, message)


def _why_empty(entry: FaqEntry, placeholders: frozenset[str]) -> str | None:
    text = entry.answer_text.strip()
    if not text:
        if _MEDIA.search(entry.answer, 0, ANSWER_TEXT_LIMIT):  # judged on its start, as the text
            return None
        if _COMPONENT.search(entry.answer, 0, ANSWER_TEXT_LIMIT):
            return None  # an MDX component (`<UrlAllowList />`) renders the answer
        if _html_text(entry.answer[:ANSWER_TEXT_LIMIT]):
            return None  # an HTML list or table (`<ul><li>…`): text the plain view leaves out
        if entry.answer.strip():
            return "the answer has markup but no text (an empty admonition?)"
        return "the answer is empty"
    if _normalize_placeholder(text) in placeholders or _MARKER_PREFIX.match(text):
        return f"the answer is a placeholder: “{_clip(text)}”"
    if len(text) <= 300 and _HEADING_LINE.search(entry.answer):  # a heading is short
        from faqlint.parse.document import plain_answer

        without_headings = plain_answer(_HEADING_LINE.sub("", entry.answer))
        if not without_headings.strip() and not _MEDIA.search(entry.answer, 0, ANSWER_TEXT_LIMIT):
            return "the answer is only a heading, with no text under it"
    if len(text) <= 2 * len(entry.question) + 10:
        answer_words = _comparable(text)
        if answer_words and answer_words == _comparable(entry.question):
            return "the answer only repeats the question"
    return None


_COMMENT = re.compile(r"<!--.*?-->", re.S)


_COMPONENT = re.compile(r"<[A-Z][\w.]*[\s/>]")
_BETWEEN_TAGS = re.compile(r">([^<>]*)<")


def _html_text(answer: str) -> bool:
    """Whether HTML elements in the answer hold words (`<li>Free</li>`)."""
    if "<" not in answer:
        return False
    html = _COMMENT.sub(" ", answer)
    return any(any(c.isalnum() for c in text) for text in _BETWEEN_TAGS.findall(html))


@lru_cache(maxsize=8)
def _placeholders(configured: tuple[str, ...]) -> frozenset[str]:
    return frozenset(_normalize_placeholder(p) for p in configured)


def _normalize_placeholder(text: str) -> str:
    stripped = text.strip()
    if set(stripped) <= {".", "…"} and stripped:
        return "…"
    return _TRAILING.sub("", stripped).lower()


def _comparable(text: str) -> str:
    return _COMPARABLE.sub(" ", text.lower()).strip()


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
