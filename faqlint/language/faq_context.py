"""What an entry is: an FAQ *question*, a *statement*-style FAQ title on an
FAQ page, or *other* (a collapsible used for an example, code, steps, release
notes or a generic label). Question rules read only FAQ entries
(`question` and `statement`); `question-format`'s safe fix only questions.

- a title on the label list (built in, plus `[faq] not-entries`) or shaped
  like one ("Step 3", "v1.2.0", "Click to show/hide", a code span alone) is
  `other`;
- a title that ends with `?` or reads as a question in the page's language
  is a `question`;
- on an FAQ page (`[faq] pages`, or told by its path, its first heading, or
  most of its entries ending with `?`) any other title is a `statement`;
- elsewhere it is `other`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from faqlint.language.questions import reads_as_question
from faqlint.parse.model import EntryKind, FaqDocument, FaqEntry

# Titles that label a collapsible instead of asking (lower case, compared
# after dropping markup and a trailing `:` or `.`).
LABELS = frozenset(
    label.strip()
    for label in """
    example, examples, sample, samples, code example, code examples, example code,
    sample code, show code, show example, show examples, show more, show details,
    show answer, show output, hide code, output, result, results, response, request,
    request example, response example, details, more, more details, read more,
    learn more, click to expand, click to show, expand, expand to see, collapse,
    spoiler, screenshot, screenshots, video, demo, preview, note, tip, hint, warning,
    source, source code, full example, full code, solution, answer, explanation,
    what's changed, what’s changed, what's new, what’s new, changelog, full changelog,
    release notes, new contributors,
    пример, примеры, пример кода, примеры кода, пример запроса, пример ответа,
    примеры запросов, показать, подробнее, развернуть, скрыть, скриншот, скриншоты,
    решение, ответ, результат, результаты, вывод, пояснение, подсказка,
    мысал, мысалы, мысалдар
    """.replace("\n", ",").split(",")
    if label.strip()
)
_LABEL_SHAPES = re.compile(
    r"^(?:"
    r"(?:step|шаг|қадам|part|часть|stage|этап)\s*\d+\b"  # Step 3, Шаг 2
    r"|v?\d+(?:\.\d+)+(?:[-+][\w.]+)?\b"  # release numbers: v1.2.0
    r"|(?:example|examples|пример|примеры|sample)\b"  # "Example: …", "Пример запроса …"
    r"|`[^`]+`$"  # a code span alone
    r")",
    re.I,
)
_CLICK = re.compile(
    r"[\s\-–—]*[\[(]?\s*(?:click to (?:show|hide|expand|see|view|open)(?:\s*/\s*hide)?"
    r"|show\s*/\s*hide)\s*[\])]?",
    re.I,
)
_MARKUP = re.compile(r"[*_~]+|</?[a-zA-Z][^>]*>")
_TRAILING = re.compile(r"[\s:.…]+$")
# FAQ pages, and troubleshooting pages (a problem as the title, its fix as the answer)
_FAQ_PATH = re.compile(
    r"faq|frequently|вопрос|сұрақ|troubleshoot|known[-_]issues|problems|проблем|ошибк", re.I
)
_FAQ_HEADING = re.compile(
    r"\bfaqs?\b|frequently asked|q\s*&\s*a|questions and answers|часто задаваемые|"
    r"частые вопросы|вопросы и ответы|жиі қойылатын",
    re.I,
)
_QUESTION_MARKS = ("?", "？", "?»", '?"', "?”", "?)")


def classify(
    doc: FaqDocument,
    site_path: str | None,
    is_faq_page: Callable[[str], bool] | None = None,
    not_entries: frozenset[str] = frozenset(),
) -> FaqDocument:
    """`doc` with each entry's `kind` set. `is_faq_page(site path)`: the
    `[faq] pages` globs, when the config names them."""
    if not doc.entries:
        return doc
    faq_page = _faq_page(doc, site_path, is_faq_page)
    asked_here = _mostly_questions(doc)
    kinds = [_kind(entry, faq_page, asked_here, not_entries) for entry in doc.entries]
    if all(entry.kind == kind for entry, kind in zip(doc.entries, kinds, strict=True)):
        return doc
    entries = tuple(
        entry if entry.kind == kind else entry.model_copy(update={"kind": kind})
        for entry, kind in zip(doc.entries, kinds, strict=True)
    )
    return doc.model_copy(update={"entries": entries})


def is_label(title: str, not_entries: frozenset[str] = frozenset()) -> bool:
    """A collapsible's label rather than a question or an FAQ title."""
    text = _TRAILING.sub("", " ".join(_MARKUP.sub("", title).split())).lower()
    if not text:
        return False
    if _CLICK.search(text):  # "Sonarr examples - [Click to show/hide]": judge the rest
        text = _TRAILING.sub("", _CLICK.sub("", text)).strip()
        if not text:
            return True
    if text in LABELS or text in not_entries:
        return True
    return bool(_LABEL_SHAPES.match(text))


def without_click_label(title: str) -> str:
    """The title without a "[Click to show/hide]" aside."""
    return _CLICK.sub("", title).strip()


def _kind(
    entry: FaqEntry, faq_page: bool, asked_here: bool, not_entries: frozenset[str]
) -> EntryKind:
    title = entry.question.strip()
    if is_label(title, not_entries):
        return "other"
    if title.endswith(_QUESTION_MARKS) or "?" in title.rstrip(' )»"”*_`'):
        return "question"
    if reads_as_question(without_click_label(title), entry.language, asked_here):
        return "question"
    return "statement" if faq_page else "other"


def _faq_page(
    doc: FaqDocument, site_path: str | None, is_faq_page: Callable[[str], bool] | None
) -> bool:
    path = site_path if site_path is not None else doc.path
    if is_faq_page is not None:
        return is_faq_page(path)
    if _FAQ_PATH.search(path):
        return True
    first = next((h for h in doc.headings if h.level == 1), None)
    if first is not None and _FAQ_HEADING.search(first.text):
        return True
    return _mostly_questions(doc)


def _mostly_questions(doc: FaqDocument) -> bool:
    asked = sum(1 for e in doc.entries if e.question.rstrip().endswith(_QUESTION_MARKS))
    return len(doc.entries) >= 2 and asked * 2 >= len(doc.entries)
