"""Source text → `FaqDocument`: the parse step of the pipeline.

The Markdown scan and the dialects find raw offsets; this module turns them
into the typed model: entries with questions and answers as Markdown and as
plain text, links classified by kind, headings and the anchors they define,
and the structural errors the `malformed-entry` rule reports.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from faqlint.parse import dialects, markdown
from faqlint.parse.dialects.base import DialectResult, ParseContext, RawEntry, RawError
from faqlint.parse.markdown import MarkdownScan, RawHeading, RawLink
from faqlint.parse.model import (
    Anchor,
    FaqDocument,
    FaqEntry,
    Heading,
    Link,
    LinkKind,
    LinkSyntax,
    ParseError,
    Region,
)
from faqlint.parse.slugs import Slugger, SlugStyle
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
_HTML_LINK = re.compile(
    r"<(a|img)\b[^>]*?\b(href|src)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')[^>]*>", re.I
)
_HTML_ANCHOR = re.compile(r"<[a-z][^>]*?\b(?:id|name)\s*=\s*[\"']([^\"']+)[\"'][^>]*>", re.I)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")
_LINK_SYNTAX: dict[str, LinkSyntax] = {
    "Inline": "inline",
    "Reference": "reference",
    "Collapsed": "reference",
    "Shortcut": "reference",
    "Autolink": "autolink",
    "Email": "autolink",
    "html": "html",
    "linkto": "linkto",
    "include": "include",
}


@dataclass(frozen=True, slots=True)
class ParseSettings:
    """What parsing depends on, besides the text (also the parse-cache key)."""

    plan: dialects.DialectPlan
    slug: SlugStyle = "github"
    languages: tuple[str, ...] = ()
    build: str | None = None


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
    language = _language(site_path, settings.languages)
    raw_entries = sorted(
        (entry for _, result in results for entry in result.entries), key=lambda e: e.start
    )
    raw_errors = [error for _, result in results for error in result.errors]
    _nest(raw_entries)
    for raw in raw_entries:
        if raw.indented:
            _rescan_indented_body(source, scan, raw)
    headings = [_heading(source, raw) for raw in scan.headings]
    paths = _heading_paths(scan.headings, headings)
    heading_starts = [h.start for h in scan.headings]
    entries = [_entry(source, raw, heading_starts, paths, language) for raw in raw_entries]
    raw_errors += _empty_questions(raw_entries, entries, raw_errors)
    raw_errors += _swallowing_regions(source, scan, raw_entries, results)
    links = _links(source, scan, results)
    document = FaqDocument(
        path=source.path,
        language=language,
        dialects=tuple(name for name, result in results if result.entries or result.errors),
        entries=tuple(entries),
        links=tuple(links),
        headings=tuple(headings),
        anchors=tuple(_anchors(source, scan, headings, results, settings.slug)),
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


def _nest(entries: list[RawEntry]) -> None:
    """Parent and depth by containment, across dialects."""
    stack: list[int] = []
    for index, entry in enumerate(entries):
        while stack and entries[stack[-1]].end <= entry.start:
            stack.pop()
        entry.parent = stack[-1] if stack else None
        entry.depth = len(stack)
        stack.append(index)


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
    """Remove the indentation common to all non-blank lines (spaces only)."""
    lines = text.split("\n")
    indents = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip()]
    margin = min(indents, default=0)
    if margin == 0:
        return text
    return "\n".join(line[margin:] if line.strip() else "" for line in lines)


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
    return markdown.plain_text(strip_shortcodes(answer)) if answer else ""


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


_OPENERS = {
    "cut": re.compile(r"\{cut\("),
    "details": re.compile(r"<details[\s>]", re.I),
}


def _swallowing_regions(
    source: Source,
    scan: MarkdownScan,
    entries: list[RawEntry],
    results: list[tuple[str, DialectResult]],
) -> list[RawError]:
    """Unclosed code fences and HTML comments that hide entries."""
    text = source.text
    openers = [_OPENERS[name] for name, _ in results if name in _OPENERS]
    if not openers:
        openers = list(_OPENERS.values())
    errors: list[RawError] = []
    for fence in scan.fences:
        if fence.closed:
            continue
        naive_end = _naive_fence_end(text, fence)
        from_offset = fence.end if fence.end < len(text) else text.find("\n", fence.start) + 1
        hidden = _markers_in(text, openers, from_offset, naive_end, scan, fence.end)
        if hidden:
            lines = ", ".join(str(source.position(p)[0]) for p in hidden[:5])
            more = f" and {len(hidden) - 5} more" if len(hidden) > 5 else ""
            if fence.end >= len(text.rstrip()):
                why = "it runs to the end of the file and hides"
            else:
                why = (
                    f"CommonMark ends it with its container on line "
                    f"{source.position(fence.end)[0]}, but renderers that close fences "
                    "only with a fence swallow"
                )
            start_line_end = text.find("\n", fence.start)
            errors.append(
                RawError(
                    "unclosed-fence",
                    f"code fence `{fence.marker}` is never closed: {why} "
                    f"the entries on lines {lines}{more}",
                    fence.start + fence.indent,
                    start_line_end if start_line_end >= 0 else len(text),
                    "markdown",
                )
            )
    for start, end in scan.comments:
        if text.startswith("-->", end - 3):
            continue
        hidden = [m.start() for pattern in openers for m in pattern.finditer(text, start, end)]
        if hidden:
            lines = ", ".join(str(source.position(p)[0]) for p in sorted(hidden)[:5])
            errors.append(
                RawError(
                    "unclosed-comment",
                    f"HTML comment `<!--` is never closed with `-->`: it hides the entries "
                    f"on lines {lines}",
                    start,
                    start + 4,
                    "markdown",
                )
            )
    return errors


def _naive_fence_end(text: str, fence: markdown.Fence) -> int:
    """Where a renderer that ignores containers would close this fence."""
    char, length = fence.marker[0], len(fence.marker)
    pattern = re.compile(rf"^[ \t]*{re.escape(char)}{{{length},}}[ \t]*$", re.M)
    first_line_end = text.find("\n", fence.start)
    if first_line_end < 0:
        return len(text)
    match = pattern.search(text, first_line_end + 1)
    return match.end() if match else len(text)


def _markers_in(
    text: str,
    openers: list[re.Pattern[str]],
    start: int,
    end: int,
    scan: MarkdownScan,
    code_end: int,
) -> list[int]:
    found = []
    for pattern in openers:
        for match in pattern.finditer(text, start, end):
            position = match.start()
            if position < code_end or not scan.is_hidden(position):
                found.append(position)
    return sorted(found)


def _rescan_indented_body(source: Source, scan: MarkdownScan, raw: RawEntry) -> None:
    """Links and headings of an indented answer (`??? question`), which plain
    CommonMark would take for a code block: parse the dedented body on its own
    and map its offsets back onto the file."""
    text = source.text
    body = text[raw.body_start : raw.body_end]
    lines = body.split("\n")
    margin = min((len(ln) - len(ln.lstrip(" ")) for ln in lines if ln.strip()), default=0)
    if margin == 0:
        return
    dedented = "\n".join(ln[margin:] if ln.strip() else "" for ln in lines)
    inner = markdown.scan(Source(source.path, dedented), lazy_code_spans=False)
    starts, position = [], raw.body_start
    for line in lines:
        starts.append(position)
        position += len(line) + 1
    inner_source = Source(source.path, dedented)

    def original(offset: int) -> int:
        line, column = inner_source.position(offset)
        shift = margin if lines[line - 1].strip() else 0
        return starts[line - 1] + shift + column - 1

    scan.hidden = [(a, b) for a, b in scan.hidden if not (raw.body_start <= a < raw.body_end)]
    scan.hidden.extend((original(a), original(b)) for a, b in inner.hidden)
    scan.finalize()
    scan.links = [ln for ln in scan.links if not raw.body_start <= ln.start < raw.body_end]
    for link in inner.links:
        link.start, link.end = original(link.start), original(link.end)
        scan.links.append(link)
    for heading in inner.headings:
        heading.start, heading.end = original(heading.start), original(heading.end)
        scan.headings.append(heading)
    scan.headings.sort(key=lambda h: h.start)


def _links(
    source: Source, scan: MarkdownScan, results: list[tuple[str, DialectResult]]
) -> list[Link]:
    raw_links: list[RawLink] = list(scan.links)
    for _, result in results:
        raw_links.extend(result.links)
    raw_links.extend(_html_links(source.text, scan))
    raw_links.sort(key=lambda link: link.start)
    text = source.text
    links = []
    for raw in raw_links:
        target_span = None
        if raw.dest and raw.link_type not in _NO_TARGET_IN_LINK:
            at = text.rfind(raw.dest, raw.start, raw.end)
            if at >= 0:
                target_span = source.span(at, at + len(raw.dest))
        links.append(
            Link(
                raw.dest,
                " ".join(raw.text.split()),
                source.span(raw.start, raw.end),
                link_kind(raw.dest, raw.link_type),
                _LINK_SYNTAX.get(raw.link_type, "inline"),
                raw.is_image,
                target_span,
                raw.title,
            )
        )
    return links


# Reference links keep their target in the definition, elsewhere on the page.
_NO_TARGET_IN_LINK = frozenset({"Reference", "Collapsed", "Shortcut"})


def _html_links(text: str, scan: MarkdownScan) -> Iterable[RawLink]:
    if "<a" not in text and "<img" not in text and "<A" not in text:
        return
    for match in _HTML_LINK.finditer(text):
        if scan.is_hidden(match.start()):
            continue
        target = match.group(3) if match.group(3) is not None else match.group(4)
        is_image = match.group(1).lower() == "img"
        yield RawLink(match.start(), match.end(), target or "", "", is_image, "html")


def link_kind(target: str, link_type: str = "Inline") -> LinkKind:
    if link_type == "Email" or target.lower().startswith("mailto:"):
        return "mailto"
    if target.startswith("#"):
        return "anchor"
    if target.startswith("//") or _SCHEME.match(target):
        return "external"
    if link_type == "include":
        return "file"
    path = target.split("#", 1)[0].split("?", 1)[0]
    name = path.rsplit("/", 1)[-1]
    suffix = _FILE_SUFFIX.search(name)
    if suffix and suffix.group(0).lower() not in _PAGE_SUFFIXES:
        return "file"
    return "page"


# A file name extension: `.png`, `.tar`, `.json` (not `v1.2` or `..`).
_FILE_SUFFIX = re.compile(r"(?<=[^.])\.[A-Za-z][A-Za-z0-9]{0,7}$")


_PAGE_SUFFIXES = frozenset({".md", ".html", ".htm", ".markdown"})


def _anchors(
    source: Source,
    scan: MarkdownScan,
    headings: list[Heading],
    results: list[tuple[str, DialectResult]],
    style: SlugStyle,
) -> list[Anchor]:
    slugger = Slugger(style)
    anchors: list[Anchor] = []
    for heading in headings:
        if heading.explicit_id:
            slugger.reserve(heading.explicit_id)
            anchors.append(Anchor(name=heading.explicit_id, span=heading.span, source="explicit"))
        else:
            anchors.append(
                Anchor(name=slugger.slug(heading.text), span=heading.span, source="heading")
            )
    text = source.text
    in_headings = [(h.span.start, h.span.end) for h in headings]
    for _, result in results:
        for raw in result.anchors:
            if any(start <= raw.start < end for start, end in in_headings):
                continue  # a heading's own `[id=…]`, already counted with the heading
            anchors.append(
                Anchor(name=raw.name, span=source.span(raw.start, raw.end), source="explicit")
            )
    if "id=" in text or "name=" in text:
        for match in _HTML_ANCHOR.finditer(text):
            if not scan.is_hidden(match.start()):
                anchors.append(
                    Anchor(
                        name=match.group(1),
                        span=source.span(match.start(), match.end()),
                        source="html",
                    )
                )
    return anchors
