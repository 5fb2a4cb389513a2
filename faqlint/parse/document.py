"""Source text → `FaqDocument`: the parse step of the pipeline.

The Markdown scan and the dialects find raw offsets; this module turns them
into the typed model: entries with questions and answers as Markdown and as
plain text, links classified by kind, headings and the anchors they define,
and the structural errors the `malformed-entry` rule reports.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from faqlint.parse import dialects, markdown
from faqlint.parse.anchors import page_anchors
from faqlint.parse.containers import container_bodies
from faqlint.parse.dialects.base import ParseContext, RawEntry, RawError
from faqlint.parse.hidden_entries import swallowing_regions
from faqlint.parse.links import page_links
from faqlint.parse.markdown import MarkdownScan, RawHeading
from faqlint.parse.model import (
    ANSWER_TEXT_LIMIT,
    FaqDocument,
    FaqEntry,
    Heading,
    ParseError,
    Region,
)
from faqlint.parse.slugs import SlugStyle
from faqlint.parse.source import Source
from faqlint.parse.suppressions import find_directives

_SHORTCODE = re.compile(
    r"\{/?([a-z]+)(?::[a-z]+)?"
    r"(?:\(((?:[^{}()]|\{[^{}]*\}|\([^()]*\))*)\))?"
    r"(?:\[((?:[^\[\]]|\[[^\]]*\])*)\])?\}"
)
_KEEP_ARGUMENT = frozenset({"cut", "tab", "heading", "caption", "var", "const"})
_HEADING_SHORTCODE = re.compile(r"\{heading\((?P<text>.*)\)\[id=(?P<id>[^\]\s]+)\]\}")
_ATTR_ID = re.compile(r"\s*\{#([\w\-:.]+)[^}]*\}\s*$")


@dataclass(frozen=True, slots=True)
class ParseSettings:
    """What parsing depends on, besides the text (also the parse-cache key)."""

    plan: dialects.DialectPlan
    slug: SlugStyle = "github"
    languages: tuple[str, ...] = ()
    build: str | None = None
    max_nesting: int = 100  # entries nested deeper are reported, not parsed as entries
    # MDX components every page may use, rendering a partial: (name, `@site/…` path)
    components: tuple[tuple[str, str], ...] = ()
    wiki: bool = False  # GitHub wiki `[[Page]]` links


def parse_document(
    source: Source, settings: ParseSettings, site_path: str | None, fragment: bool = False
) -> FaqDocument:
    """Parse one file.

    `site_path` is its path relative to the site root, if inside it;
    `fragment` says the file is included into other pages.
    """
    return parse(source, settings, site_path, fragment)[0]


def parse(
    source: Source, settings: ParseSettings, site_path: str | None, fragment: bool = False
) -> tuple[FaqDocument, MarkdownScan]:
    """`parse_document`, and the Markdown scan under it (for rules that read prose)."""
    scan = markdown.scan(source)
    ctx = ParseContext(source, scan, fragment, settings.build)
    results = dialects.run(ctx, settings.plan)
    language = _language(site_path, settings.languages) or _front_matter_language(source.text)
    raw_entries = sorted(
        (entry for _, result in results for entry in result.entries), key=lambda e: e.start
    )
    raw_errors = [error for _, result in results for error in result.errors]
    _nest(raw_entries)
    raw_entries = _limit_nesting(raw_entries, raw_errors, settings.max_nesting)
    rescanned = []
    for raw in raw_entries:
        if raw.indented:
            _rescan_indented_body(source, scan, raw.body_start, raw.body_end)
            rescanned.append((raw.body_start, raw.body_end))
    for start, end in container_bodies(source.text):
        if not any(a <= start < b for a, b in rescanned):
            _rescan_indented_body(source, scan, start, end)
    headings = [_heading(source, raw) for raw in scan.headings]
    paths = _heading_paths(scan.headings, headings)
    heading_starts = [h.start for h in scan.headings]
    entries = [_entry(source, raw, heading_starts, paths, language) for raw in raw_entries]
    raw_errors += _empty_questions(raw_entries, entries, raw_errors)
    raw_errors += swallowing_regions(source, scan, raw_entries, results)
    links = page_links(source, scan, results, settings.components, settings.wiki)
    document = FaqDocument(
        path=source.path,
        language=language,
        dialects=tuple(name for name, result in results if result.entries or result.errors),
        entries=tuple(entries),
        links=tuple(links),
        headings=tuple(headings),
        anchors=tuple(page_anchors(source, scan, headings, results, settings.slug)),
        errors=tuple(
            ParseError(
                kind=error.kind,
                message=error.message,
                span=source.span(error.start, error.end),
                dialect=error.dialect,
            )
            for error in sorted(raw_errors, key=lambda e: e.start)
        ),
        directives=tuple(find_directives(source, scan.comments)),
        regions=tuple(
            Region(kind, name, source.span(start, end))  # type: ignore[arg-type]
            for _, result in results
            for kind, name, start, end in result.regions
        ),
    )
    return document, scan


def _language(site_path: str | None, languages: tuple[str, ...]) -> str | None:
    if site_path is None or not languages:
        return None
    first = site_path.split("/", 1)[0]
    return first if first in languages else None


_LANGUAGE_FIELD = re.compile(
    r"^(?:lang|language|locale)[ \t]*[:=][ \t]*['\"]?([a-z]{2})(?:[-_][A-Za-z]{2,4})?['\"]?[ \t]*$",
    re.M,
)


def _front_matter_language(text: str) -> str | None:
    """`lang: de` (or `language`, `locale`) in the page's front matter."""
    if not text.startswith(("---", "+++", "\ufeff---", "\ufeff+++")):
        return None
    from faqlint.parse.masking import front_matter

    where = front_matter(text)
    if where is None:
        return None
    found = _LANGUAGE_FIELD.search(text, where[0], where[1])
    return found.group(1) if found else None


def _nest(entries: list[RawEntry]) -> None:
    """Parent and depth by containment, across dialects."""
    stack: list[int] = []
    for index, entry in enumerate(entries):
        while stack and entries[stack[-1]].end <= entry.start:
            stack.pop()
        entry.parent = stack[-1] if stack else None
        entry.depth = len(stack)
        stack.append(index)


def _limit_nesting(entries: list[RawEntry], errors: list[RawError], limit: int) -> list[RawEntry]:
    """Entries nested `limit` levels deep are not entries: each outermost one
    is reported, and neither it nor what it holds is parsed further (the work
    per page stays proportional to its size times the limit)."""
    if not any(entry.depth >= limit for entry in entries):
        return entries
    for index, entry in enumerate(entries):
        if entry.depth == limit:
            inside = 1
            while index + inside < len(entries) and entries[index + inside].depth > limit:
                inside += 1
            errors.append(
                RawError(
                    "bad-nesting",
                    f"FAQ entries nested more than {limit} levels deep: this one and the "
                    f"{inside - 1} inside it are not checked (`max-nesting` raises the limit)",
                    entry.start,
                    max(entry.start, entry.question_end),
                    entry.dialect,
                )
            )
    kept = [entry for entry in entries if entry.depth < limit]
    _nest(kept)
    return kept


def _heading(source: Source, raw: RawHeading) -> Heading:
    text, explicit = clean_heading(raw.text)
    return Heading(
        level=raw.level,
        text=text,
        span=source.span(raw.start, _trim_end(source.text, raw.start, raw.end)),
        explicit_id=explicit,
    )


def clean_heading(raw_text: str) -> tuple[str, str | None]:
    """Heading text without id syntax, and the explicit id if one was given."""
    match = _HEADING_SHORTCODE.search(raw_text)
    if match:
        text = raw_text[: match.start()] + match.group("text") + raw_text[match.end() :]
        return text.strip(), match.group("id")
    attr = _ATTR_ID.search(raw_text)
    if attr:
        return raw_text[: attr.start()].strip(), attr.group(1)
    return raw_text.strip(), None


def _heading_paths(raws: list[RawHeading], headings: list[Heading]) -> list[tuple[str, ...]]:
    """For each heading, the section path it opens (its ancestors and itself)."""
    paths: list[tuple[str, ...]] = []
    stack: list[tuple[int, str]] = []
    for raw, heading in zip(raws, headings, strict=True):
        while stack and stack[-1][0] >= raw.level:
            stack.pop()
        stack.append((raw.level, heading.text))
        paths.append(tuple(text for _, text in stack))
    return paths


def _entry(
    source: Source,
    raw: RawEntry,
    heading_starts: list[int],
    paths: list[tuple[str, ...]],
    language: str | None,
) -> FaqEntry:
    text = source.text
    question_source = text[raw.question_start : raw.question_end].strip()
    q_start = raw.question_start + _leading_space(text[raw.question_start : raw.question_end])
    q_end = max(q_start, q_start + len(question_source))
    answer = answer_markdown(text[raw.body_start : raw.body_end])
    heading_index = bisect_left(heading_starts, raw.start) - 1
    return FaqEntry(
        question=question_text(question_source),
        question_source=question_source,
        answer=answer,
        answer_text=plain_answer(answer),
        span=source.span(raw.start, _trim_end(text, raw.start, raw.end)),
        question_span=source.span(q_start, q_end),
        answer_span=source.span(raw.body_start, max(raw.body_start, raw.body_end)),
        headings=paths[heading_index] if heading_index >= 0 else (),
        language=language,
        dialect=raw.dialect,
        closed=raw.closed,
        parent=raw.parent,
        depth=raw.depth,
    )


def _leading_space(text: str) -> int:
    return len(text) - len(text.lstrip())


def _trim_end(text: str, start: int, end: int) -> int:
    """Do not let a span end after trailing line ends and blank lines."""
    while end > start and text[end - 1] in "\r\n \t":
        end -= 1
    return end


def answer_markdown(body: str) -> str:
    """The answer as Markdown: the body, dedented, without surrounding blank lines."""
    first_newline = body.find("\n")
    if first_newline >= 0 and not body[:first_newline].strip():
        body = body[first_newline + 1 :]
    return dedent(body.replace("\r\n", "\n")).strip("\n").rstrip()


def dedent(text: str) -> str:
    """Remove the indentation common to all non-blank lines (spaces only).
    In C-level regex passes: answers of nested entries hold the whole page."""
    if _UNINDENTED.search(text):
        return text  # a line with text at its start: nothing to remove
    margin = min(map(len, _INDENT.findall(text)), default=0)
    if margin == 0:
        return text
    return _BLANK_LINE.sub("", re.sub(rf"(?m)^ {{{margin}}}", "", text))


# The indentation of each line with text (a line of spaces and a tab counts as
# text, a small difference from `str.strip` that keeps this one C-level pass).
_INDENT = re.compile(r"(?m)^( *)[^ \n]")
_UNINDENTED = re.compile(r"(?m)^[^ \n]")
_BLANK_LINE = re.compile(r"(?m)^[ \t]+$")


def strip_shortcodes(markdown_text: str) -> str:
    """Shortcodes out of prose: `{linkto(x)[text=T]}` → T, `{note:info}` → nothing."""
    if "{" not in markdown_text:
        return markdown_text
    return _SHORTCODE.sub(_shortcode_text, markdown_text)


def _shortcode_text(match: re.Match[str]) -> str:
    name, argument, attributes = match.group(1), match.group(2), match.group(3)
    if match.group(0).startswith("{/"):
        return ""
    if name == "linkto" and attributes and attributes.startswith("text="):
        return attributes[5:]
    if name in _KEEP_ARGUMENT and argument is not None:
        return strip_shortcodes(argument)
    return ""


def question_text(question_source: str) -> str:
    """The question as a reader sees it: Markdown and HTML markup removed."""
    return markdown.plain_text(question_source) if question_source else ""


def plain_answer(answer: str) -> str:
    if not answer:
        return ""
    return markdown.plain_text(strip_shortcodes(answer[:ANSWER_TEXT_LIMIT]))


def _empty_questions(
    raws: list[RawEntry], entries: list[FaqEntry], errors: list[RawError]
) -> list[RawError]:
    flagged = {error.start for error in errors if error.kind == "empty-question"}
    return [
        RawError(
            "empty-question",
            "the entry has an empty question",
            raw.start,
            raw.body_start,
            raw.dialect,
        )
        for raw, entry in zip(raws, entries, strict=True)
        if not entry.question.strip() and raw.start not in flagged
    ]


def _rescan_indented_body(
    source: Source, scan: MarkdownScan, body_start: int, body_end: int
) -> None:
    """Links and headings of an indented body (a `??? question` answer, an
    admonition, a content tab), which plain CommonMark would take for a code
    block: parse the dedented body on its own and map its offsets back onto
    the file."""
    text = source.text
    body = text[body_start:body_end]
    lines = body.split("\n")
    margin = min((len(ln) - len(ln.lstrip(" ")) for ln in lines if ln.strip()), default=0)
    if margin == 0:
        return
    dedented = "\n".join(ln[margin:] if ln.strip() else "" for ln in lines)
    inner = markdown.scan(Source(source.path, dedented), lazy_code_spans=False)
    starts, position = [], body_start
    for line in lines:
        starts.append(position)
        position += len(line) + 1
    inner_source = Source(source.path, dedented)

    def original(offset: int) -> int:
        line, column = inner_source.position(offset)
        shift = margin if lines[line - 1].strip() else 0
        return starts[line - 1] + shift + column - 1

    scan.hidden = [(a, b) for a, b in scan.hidden if not (body_start <= a < body_end)]
    scan.hidden.extend((original(a), original(b)) for a, b in inner.hidden)
    scan.finalize()
    scan.links = [ln for ln in scan.links if not body_start <= ln.start < body_end]
    for link in inner.links:
        link.start, link.end = original(link.start), original(link.end)
        scan.links.append(link)
    for heading in inner.headings:
        heading.start, heading.end = original(heading.start), original(heading.end)
        scan.headings.append(heading)
    scan.headings.sort(key=lambda h: h.start)
