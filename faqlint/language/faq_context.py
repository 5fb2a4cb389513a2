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
    мысал, мысалы, мысалдар, description, json, see the screenshot, other methods,
    another method, ready-made code, html block, javascript block,
    components used in the example, графический режим, смотреть скриншот, например,
    опционально, еще, ещё, готовый код, блок html, блок js,
    из каких компонентов состоит этот пример, способы решения, solutions, рекомендации,
    recommendations
    """.replace("\n", ",").split(",")
    if label.strip()
)
_LABEL_SHAPES = re.compile(
    r"^(?:"
    r"(?:step|шаг|қадам|part|часть|stage|этап)\s*\d+\b"  # Step 3, Шаг 2
    r"|v?\d+(?:\.\d+)+(?:[-+][\w.]+)?\b"  # release numbers: v1.2.0
    r"|(?:example|examples|пример|примеры|sample)\b"  # "Example: …", "Пример запроса …"
    r"|(?:code|код)\b"  # "Code for the HTML block", "Код для блока HTML/JS/CSS"
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
# Headings of FAQ and troubleshooting sections (any level), in the
# languages of the corpora faqlint is tried on.
_FAQ_HEADING = re.compile(
    r"\bfaqs?\b|frequently asked|q\s*&\s*a|questions and answers|troubleshoot|known issues|"
    r"common (?:issues|problems|errors)|часто задаваемые|частые вопросы|вопросы и ответы|"
    r"решение проблем|возможные проблемы|частые ошибки|известные проблемы|жиі қойылатын|"
    r"preguntas frecuentes|solución de problemas|resolución de problemas|"
    r"questions fréquentes|dépannage|résolution des problèmes|常见问题|故障排除|故障排查|问题排查",
    re.I,
)
_QUESTION_MARKS = ("?", "？", "?»", '?"', "?”", "?)", "?**", "?`")
# A section (the entries under one heading) is an FAQ when most of its
# entries ask: at least this many entries, more than half asking.
_SECTION_ENTRIES = 3
# A nested entry this short ("Зачем?", "Почему так?") follows up its parent.
_FOLLOW_UP_WORDS = 2


def classify(
    doc: FaqDocument,
    site_path: str | None,
    is_faq_page: Callable[[str], bool] | None = None,
    not_entries: frozenset[str] = frozenset(),
) -> FaqDocument:
    """`doc` with each entry's `kind` set. `is_faq_page(site path)`: the
    `[faq] pages` globs, when the config names them. Whether a statement
    title is an FAQ entry is decided per section: on an FAQ page, under an
    FAQ or troubleshooting heading, or among entries most of which ask."""
    if not doc.entries:
        return doc
    faq_page = _faq_page(doc, site_path, is_faq_page)
    asking = _asking_sections(doc)
    kinds = []
    for index, entry in enumerate(doc.entries):
        section = entry.headings[-1] if entry.headings else None
        in_faq = faq_page or _faq_section(entry) or section in asking
        kind = _kind(entry, in_faq, in_faq or section in asking, not_entries)
        if kind == "statement" and (_groups_entries(doc, index) or _only_embedded(entry)):
            kind = "other"  # a title over entries, or over a form, with no answer of its own
        elif entry.parent is not None and len(entry.question.split()) <= _FOLLOW_UP_WORDS:
            kind = "other"  # "Зачем?" inside an entry: a follow-up, not a question of its own
        kinds.append(kind)
    if all(entry.kind == kind for entry, kind in zip(doc.entries, kinds, strict=True)):
        return doc
    entries = tuple(
        entry if entry.kind == kind else entry.model_copy(update={"kind": kind})
        for entry, kind in zip(doc.entries, kinds, strict=True)
    )
    return doc.model_copy(update={"entries": entries})


def is_label(title: str, not_entries: frozenset[str] = frozenset(), shapes: bool = True) -> bool:
    """A collapsible's label rather than a question or an FAQ title;
    `shapes`: also titles shaped like labels ("Step 3", "Code for …")."""
    text = _TRAILING.sub("", " ".join(_MARKUP.sub("", title).split())).lower()
    if not text:
        return False
    if _CLICK.search(text):  # "Sonarr examples - [Click to show/hide]": judge the rest
        text = _TRAILING.sub("", _CLICK.sub("", text)).strip()
        if not text:
            return True
    if text in LABELS or text in not_entries:
        return True
    return shapes and bool(_LABEL_SHAPES.match(text))


def without_click_label(title: str) -> str:
    """The title without a "[Click to show/hide]" aside."""
    return _CLICK.sub("", title).strip()


def _kind(
    entry: FaqEntry, faq_page: bool, asked_here: bool, not_entries: frozenset[str]
) -> EntryKind:
    title = entry.question.strip()
    asks = "?" in title or "？" in title
    if is_label(title, not_entries, shapes=not asks):  # "Code review: how?" asks
        return "other"
    if asks:
        return "question"
    if reads_as_question(without_click_label(title), entry.language, asked_here):
        return "question"
    return "statement" if faq_page else "other"


def _faq_page(
    doc: FaqDocument, site_path: str | None, is_faq_page: Callable[[str], bool] | None
) -> bool:
    """The whole page is an FAQ: `[faq] pages`, its path, or its title."""
    path = site_path if site_path is not None else doc.path
    if is_faq_page is not None:
        return is_faq_page(path)
    if _FAQ_PATH.search(path):
        return True
    first = next((h for h in doc.headings if h.level == 1), None)
    return first is not None and bool(_FAQ_HEADING.search(first.text))


def _faq_section(entry: FaqEntry) -> bool:
    """Under an FAQ or troubleshooting heading (at any level above it)."""
    return any(_FAQ_HEADING.search(heading) for heading in entry.headings)


def _asks(entry: FaqEntry) -> bool:
    return without_click_label(entry.question.strip()).endswith(_QUESTION_MARKS)


def _asking_sections(doc: FaqDocument) -> set[str | None]:
    """Sections (by their nearest heading; None: no heading above) in which
    most entries end with `?`."""
    totals: dict[str | None, list[int]] = {}
    for entry in doc.entries:
        counts = totals.setdefault(entry.headings[-1] if entry.headings else None, [0, 0])
        counts[0] += 1
        counts[1] += _asks(entry)
    return {
        section
        for section, (entries, asked) in totals.items()
        if entries >= _SECTION_ENTRIES and asked * 2 > entries
    }


_INCLUDE_LINE = re.compile(
    r"^[ \t]*(?:\{%-?\s*include\b[^%]*%\}|\{include\([^)]*\)[^}\n]*\}|-+8<-+.*)[ \t]*$", re.M
)


_TAGS = re.compile(r"</?[A-Za-z][^>]*>")
_EMBED = re.compile(r"<(?:iframe|form|embed|object|video)\b", re.I)


def _only_embedded(entry: FaqEntry) -> bool:
    """An answer that is only an embedded form or player (`<iframe>`)."""
    return bool(_EMBED.search(entry.answer)) and not _TAGS.sub("", entry.answer).strip()


def _groups_entries(doc: FaqDocument, index: int) -> bool:
    """An entry whose answer is only other entries, or only fragments that
    hold them (`{% include %}`): a group title, not a question."""
    entry = doc.entries[index]
    answer = entry.answer
    child = next((e for e in doc.entries if e.parent == index), None)
    if child is not None:
        # the answer up to the line that opens the first child (the answer's
        # text is trimmed, so source offsets do not apply; the title does)
        at = answer.find(child.question_source or child.question)
        if at < 0:
            return False
        answer = answer[: answer.rfind("\n", 0, at) + 1]
    elif not _INCLUDE_LINE.search(answer):
        return False
    return not _TAGS.sub("", _INCLUDE_LINE.sub("", answer)).strip()
