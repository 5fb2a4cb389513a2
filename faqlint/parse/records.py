"""Compact, picklable summaries of parsed pages: what corpus-wide rules need.

A `FaqDocument` is rich and validated, which makes it slow to copy between
processes or to load from a cache (pydantic objects unpickle at ~15 µs each;
a corpus has 100,000 of them). Corpus rules therefore read `PageRecord`s:
named tuples of plain values, produced once per file next to the document.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from faqlint.parse.model import FaqDocument, Link, Span


class EntryRecord(NamedTuple):
    question: str
    answer_text: str
    span: Span
    question_span: Span
    depth: int
    parent: int | None
    kind: str = "question"  # question, statement or other (language/faq_context)

    @property
    def is_faq(self) -> bool:
        """An FAQ entry (a question or an FAQ page's statement title), which
        the question rules read."""
        return self.kind != "other"


class PageRecord(NamedTuple):
    path: str  # as displayed: relative to the working directory
    site_path: str | None  # relative to the site root, when inside it
    language: str | None
    anchors: tuple[str, ...]
    entries: tuple[EntryRecord, ...]
    links: tuple[Link, ...]
    anchor_starts: tuple[int, ...] = ()  # where each of `anchors` is defined
    tags: tuple[tuple[str, int, int], ...] = ()  # includetag sections: name, start, end
    excluded: tuple[tuple[int, int], ...] = ()  # text the published build leaves out
    builds: tuple[str, ...] | None = None  # builds that publish the page (None: all, or unknown)

    def is_excluded(self, offset: int) -> bool:
        return bool(self.excluded) and any(start <= offset < end for start, end in self.excluded)

    def tags_at(self, offset: int) -> frozenset[str]:
        return frozenset(name for name, start, end in self.tags if start <= offset < end)

    def entry_at(self, offset: int) -> EntryRecord | None:
        """The innermost entry whose span holds a character offset."""
        found: EntryRecord | None = None
        for entry in self.entries:
            if entry.span.start <= offset < entry.span.end and (
                found is None or entry.depth > found.depth
            ):
                found = entry
        return found


def page_record(
    doc: FaqDocument, site_path: str | None, builds: tuple[str, ...] | None = None
) -> PageRecord:
    excluded = tuple((r.span.start, r.span.end) for r in doc.regions if r.kind == "excluded")
    tags = tuple((r.name, r.span.start, r.span.end) for r in doc.regions if r.kind == "tag")
    anchors = [
        anchor
        for anchor in doc.anchors
        if not any(start <= anchor.span.start < end for start, end in excluded)
    ]
    return PageRecord(
        path=doc.path,
        site_path=site_path,
        language=doc.language,
        anchors=tuple(anchor.name for anchor in anchors),
        anchor_starts=tuple(anchor.span.start for anchor in anchors),
        entries=tuple(
            EntryRecord(
                entry.question,
                entry.answer_text,
                entry.span,
                entry.question_span,
                entry.depth,
                entry.parent,
                entry.kind,
            )
            for entry in doc.entries
        ),
        links=doc.links,
        tags=tags,
        excluded=excluded,
        builds=builds,
    )


# Plain nested tuples of str/int/None: what crosses process boundaries and the
# cache. Pickle and marshal handle these in C; named tuples cost ~5 µs each.
PlainRecord = tuple[Any, ...]


def to_plain(record: PageRecord) -> PlainRecord:
    return (
        record.path,
        record.site_path,
        record.language,
        record.anchors,
        tuple(
            (
                e.question,
                e.answer_text,
                tuple(e.span),
                tuple(e.question_span),
                e.depth,
                e.parent,
                e.kind,
            )
            for e in record.entries
        ),
        tuple(
            (
                link.target,
                link.text,
                tuple(link.span),
                link.kind,
                link.syntax,
                link.is_image,
                None if link.target_span is None else tuple(link.target_span),
                link.title,
            )
            for link in record.links
        ),
        record.anchor_starts,
        record.tags,
        record.excluded,
        record.builds,
    )


def from_plain(plain: PlainRecord) -> PageRecord:
    path, site_path, language, anchors, entries, links, anchor_starts, tags, excluded, builds = (
        plain
    )
    # tuple.__new__ builds the named tuples without their Python-level
    # __new__: a third of the time for the ~40,000 objects of a corpus.
    return _new(
        PageRecord,
        (
            path,
            site_path,
            language,
            tuple(anchors),
            tuple(
                _new(
                    EntryRecord,
                    (question, answer, _new(Span, span), _new(Span, qspan), depth, parent, kind),
                )
                for question, answer, span, qspan, depth, parent, kind in entries
            ),
            tuple(
                _new(
                    Link,
                    (
                        target,
                        text,
                        _new(Span, span),
                        kind,
                        syntax,
                        is_image,
                        None if target_span is None else _new(Span, target_span),
                        title,
                    ),
                )
                for target, text, span, kind, syntax, is_image, target_span, title in links
            ),
            tuple(anchor_starts),
            tuple(tags),
            tuple(excluded),
            builds,
        ),
    )


_new = tuple.__new__
