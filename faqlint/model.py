"""The typed FAQ model: what a dialect parser makes of one Markdown file.

Everything here is frozen pydantic data. Positions are 1-based line/column
pairs into the *original* file (a BOM is not counted, CRLF counts as one line
end) plus 0-based character offsets into the decoded text, which fixes use.
Columns count Unicode code points.
"""

from __future__ import annotations

from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, GetCoreSchemaHandler
from pydantic_core import CoreSchema, core_schema

LinkKind = Literal["page", "file", "anchor", "external", "mailto"]
LinkSyntax = Literal["inline", "reference", "autolink", "html", "linkto", "include"]
AnchorSource = Literal["heading", "explicit", "html"]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(NamedTuple):
    """A region of the source: 1-based lines and columns, end column exclusive.

    The one model type that is a named tuple rather than a pydantic model: a
    corpus has ~100,000 spans, and a tuple is built 3x and unpickled 10x
    faster. It still validates and serialises (as an object) inside models.
    """

    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls._coerce,
            serialization=core_schema.plain_serializer_function_ser_schema(cls._asdict),
            json_schema_input_schema=core_schema.typed_dict_schema(
                {
                    name: core_schema.typed_dict_field(core_schema.int_schema())
                    for name in cls._fields
                }
            ),
        )

    @classmethod
    def _coerce(cls, value: Any) -> Span:
        if value.__class__ is cls:
            return value
        if isinstance(value, dict):
            return cls(**{name: int(value[name]) for name in cls._fields})
        if isinstance(value, (tuple, list)) and len(value) == len(cls._fields):
            return cls(*(int(v) for v in value))
        raise ValueError(f"not a span: {value!r}")


class Link(Frozen):
    target: str
    text: str
    span: Span
    kind: LinkKind
    syntax: LinkSyntax = "inline"
    is_image: bool = False
    target_span: Span | None = None


class Heading(Frozen):
    level: int
    text: str
    span: Span
    explicit_id: str | None = None


class Anchor(Frozen):
    name: str
    span: Span
    source: AnchorSource


class ParseError(Frozen):
    """A structural defect the parser met; the `malformed-entry` rule reports it."""

    kind: Literal[
        "unclosed",
        "stray-close",
        "empty-question",
        "unclosed-fence",
        "unclosed-comment",
        "bad-nesting",
        "unterminated-marker",
        "indented-marker",
    ]
    message: str
    span: Span
    dialect: str


class FaqEntry(Frozen):
    question: str
    question_source: str
    answer: str
    answer_text: str
    span: Span
    question_span: Span
    answer_span: Span
    headings: tuple[str, ...] = ()
    language: str | None = None
    dialect: str
    closed: bool = True
    parent: int | None = None
    depth: int = 0


class Directive(Frozen):
    """An inline `<!-- faqlint-… -->` suppression comment and the lines it covers."""

    kind: Literal["disable-file", "disable-next-line", "disable-line", "disable", "enable"]
    rules: tuple[str, ...]  # empty: all rules
    span: Span
    first_line: int
    last_line: int


class FaqDocument(Frozen):
    path: str
    language: str | None = None
    dialects: tuple[str, ...] = ()
    entries: tuple[FaqEntry, ...] = ()
    links: tuple[Link, ...] = ()
    headings: tuple[Heading, ...] = ()
    anchors: tuple[Anchor, ...] = ()
    errors: tuple[ParseError, ...] = ()
    directives: tuple[Directive, ...] = ()

    def entry_at(self, offset: int) -> FaqEntry | None:
        """The innermost entry whose span holds a character offset."""
        found: FaqEntry | None = None
        for entry in self.entries:
            inside = entry.span.start <= offset < entry.span.end
            if inside and (found is None or entry.depth > found.depth):
                found = entry
        return found

    def links_in(self, entry: FaqEntry) -> tuple[Link, ...]:
        return tuple(link for link in self.links if entry.answer_span.contains(link.span))


class Edit(Frozen):
    """Replace the text at `span` with `content`."""

    span: Span
    content: str


class Fix(Frozen):
    message: str
    edits: tuple[Edit, ...]
    applicability: Literal["safe", "unsafe"] = "safe"


class Related(Frozen):
    """Another place a finding points at (the first of two duplicates, say)."""

    path: str
    span: Span
    message: str = ""
