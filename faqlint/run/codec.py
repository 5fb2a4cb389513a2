"""The cache's encoding: data only, checked on the way in.

Cache files are untrusted input (a CI cache restored from another branch, a
file planted in the folder), so they are msgpack — strings, numbers, bytes,
arrays and maps, nothing that can run on load — and everything decoded is
checked against the shape faqlint wrote before it is used: a file or entry
of the wrong shape raises `BadShape` and is treated as absent (and then
rewritten). msgpack rather than JSON: it keeps the records' bytes as bytes
and decodes a 4,000-page cache about as fast as pickle did.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, Any

import msgpack  # type: ignore[import-untyped]

from faqlint.findings import Finding
from faqlint.parse.model import Directive, Edit, Fix, Related, Span
from faqlint.parse.records import PageRecord, from_plain, to_plain


class BadShape(ValueError):
    """Decoded data that is not what faqlint writes."""


def pack(data: object) -> bytes:
    # surrogateescape: file names whose bytes are not UTF-8 round-trip
    return msgpack.packb(  # type: ignore[no-any-return]
        data, use_bin_type=True, unicode_errors="surrogateescape"
    )


def unpack(blob: bytes) -> Any:
    """Arrays come back as tuples (as the records are made of)."""
    try:
        return msgpack.unpackb(
            blob,
            raw=False,
            use_list=False,
            strict_map_key=False,
            unicode_errors="surrogateescape",
        )
    except Exception as exc:  # msgpack raises several kinds on damaged input
        raise BadShape(f"not a cache file: {exc}") from None


def dump(data: object, handle: IO[bytes]) -> None:
    """For `write_cache_file`."""
    handle.write(pack(data))


def load(path: str) -> Any:
    with open(path, "rb") as handle:
        return unpack(handle.read())


# -- checks -----------------------------------------------------------------


def need(condition: bool, what: str) -> None:
    if not condition:
        raise BadShape(what)


def tuple_of(value: Any, length: int, what: str) -> tuple[Any, ...]:
    need(isinstance(value, tuple) and len(value) == length, what)
    return value  # type: ignore[no-any-return]


def items(value: Any, check: Callable[[Any], object], what: str) -> tuple[Any, ...]:
    need(isinstance(value, tuple), what)
    for item in value:
        check(item)
    return value  # type: ignore[no-any-return]


def is_int(value: Any) -> bool:
    return type(value) is int


def is_str(value: Any) -> bool:
    return type(value) is str


def optional_str(value: Any) -> bool:
    return value is None or type(value) is str


def span(value: Any) -> Span:
    need(isinstance(value, tuple) and len(value) == 6 and all(map(is_int, value)), "span")
    return Span(*value)


# -- records ----------------------------------------------------------------


def record_blob(record: PageRecord) -> bytes:
    return pack(to_plain(record))


def record_from_blob(blob: bytes) -> PageRecord:
    plain = unpack(blob)
    _check_record(plain)
    return from_plain(plain)


def _check_record(plain: Any) -> None:
    path, site_path, language, anchors, entries, links, starts, tags, excluded, builds = tuple_of(
        plain, 10, "record"
    )
    need(is_str(path) and optional_str(site_path) and optional_str(language), "record head")
    items(anchors, lambda a: need(is_str(a), "anchor"), "anchors")
    items(entries, _check_entry, "entries")
    items(links, _check_link, "links")
    items(starts, lambda s: need(is_int(s), "anchor start"), "anchor starts")
    items(tags, _check_tag, "tags")
    items(excluded, lambda e: need(all(map(is_int, tuple_of(e, 2, "range"))), "range"), "ranges")
    need(builds is None or all(map(is_str, items(builds, lambda b: b, "builds"))), "builds")


def _check_entry(entry: Any) -> None:
    question, answer, whole, asked, depth, parent, kind = tuple_of(entry, 7, "entry")
    need(is_str(question) and is_str(answer) and is_int(depth) and is_str(kind), "entry")
    need(parent is None or is_int(parent), "entry parent")
    span(whole), span(asked)


def _check_link(link: Any) -> None:
    target, text, where, kind, syntax, is_image, target_span, title = tuple_of(link, 8, "link")
    need(is_str(target) and is_str(text) and is_str(kind) and is_str(syntax), "link")
    need(type(is_image) is bool and optional_str(title), "link")
    span(where)
    if target_span is not None:
        span(target_span)


def _check_tag(tag: Any) -> None:
    name, start, end = tuple_of(tag, 3, "tag")
    need(is_str(name) and is_int(start) and is_int(end), "tag")


# -- findings and directives ------------------------------------------------


def finding_data(finding: Finding) -> tuple[Any, ...]:
    fix = finding.fix
    return (
        finding.rule,
        finding.code,
        finding.severity,
        finding.path,
        (finding.line, finding.column, finding.end_line, finding.end_column),
        finding.message,
        finding.question,
        None
        if fix is None
        else (fix.message, fix.applicability, tuple((e.span, e.content) for e in fix.edits)),
        tuple((r.path, r.span, r.message) for r in finding.related),
        finding.fingerprint,
        finding.tag,
    )


def finding_from_data(data: Any) -> Finding:
    rule, code, severity, path, place, message, question, fix, related, fingerprint, tag = tuple_of(
        data, 11, "finding"
    )
    line, column, end_line, end_column = tuple_of(place, 4, "finding place")
    need(all(map(is_int, place)), "finding place")
    try:
        return Finding(
            rule=rule,
            code=code,
            severity=severity,
            path=path,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            message=message,
            question=question,
            fix=None if fix is None else _fix(fix),
            related=tuple(_related(item) for item in items(related, bool, "related")),
            fingerprint=fingerprint,
            tag=tag,
        )
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        raise BadShape(f"finding: {exc}") from None


def _fix(data: Any) -> Fix:
    message, applicability, edits = tuple_of(data, 3, "fix")
    return Fix(
        message=message,
        applicability=applicability,
        edits=tuple(
            Edit(span=span(where), content=content)
            for where, content in (tuple_of(e, 2, "edit") for e in items(edits, bool, "edits"))
        ),
    )


def _related(data: Any) -> Related:
    path, where, message = tuple_of(data, 3, "related")
    return Related(path=path, span=span(where), message=message)


def directive_data(directive: Directive) -> tuple[Any, ...]:
    return (
        directive.kind,
        directive.rules,
        directive.span,
        directive.first_line,
        directive.last_line,
    )


def directive_from_data(data: Any) -> Directive:
    kind, rules, where, first_line, last_line = tuple_of(data, 5, "directive")
    try:
        return Directive(
            kind=kind,
            rules=rules,
            span=span(where),
            first_line=first_line,
            last_line=last_line,
        )
    except ValueError as exc:
        raise BadShape(f"directive: {exc}") from None
