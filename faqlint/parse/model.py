"""The typed FAQ model: what a dialect parser makes of one Markdown file.

Documents, entries, errors and fixes are frozen pydantic models. The small
value types that occur by the tens of thousands per corpus (`Span`, `Link`,
`Heading`, `Anchor`) are frozen named tuples that pydantic validates and
serialises like models (see `_value_schema`): measured on the reference
corpus they are built ~6x and unpickled ~10x faster than `BaseModel`s, which
took a full check from ~4.5 s to ~X s of CPU.

Positions are 1-based line/column pairs into the *original* file (a BOM is
not counted, CRLF counts as one line end) plus 0-based character offsets into
the decoded text, which fixes use. Columns count Unicode code points; end
columns are exclusive.
"""

from __future__ import annotations

import typing
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, GetCoreSchemaHandler
from pydantic_core import CoreSchema, core_schema

# An answer's plain text (`answer_text`) is made from its first
# ANSWER_TEXT_LIMIT characters: enough to judge it (empty or not, the same as
# another), and the work per entry stays bounded when entries nest and each
# holds the rest of the page.
ANSWER_TEXT_LIMIT = 20_000

LinkKind = Literal["page", "file", "anchor", "external", "mailto", "term"]
LinkSyntax = Literal["inline", "reference", "autolink", "html", "linkto", "include", "wiki"]
AnchorSource = Literal["heading", "explicit", "html"]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _value_schema(cls: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
    """Pydantic schema for a named tuple: instances pass as they are; a dict
    (or a tuple) is validated field by field; serialises as an object."""
    hints = typing.get_type_hints(cls)
    fields = {
        name: core_schema.typed_dict_field(
            handler.generate_schema(hints[name]), required=name not in cls._field_defaults
        )
        for name in cls._fields
    }
    data = core_schema.typed_dict_schema(fields)

    def from_data(value: dict[str, Any]) -> Any:
        return cls(**value)

    def from_tuple(value: Any) -> Any:
        if isinstance(value, (tuple, list)) and not isinstance(value, cls):
            return dict(zip(cls._fields, value, strict=False))
        return value

    build = core_schema.chain_schema(
        [
            core_schema.no_info_before_validator_function(from_tuple, data),
            core_schema.no_info_plain_validator_function(from_data),
        ]
    )
    return core_schema.union_schema(
        [core_schema.is_instance_schema(cls), build],
        serialization=core_schema.plain_serializer_function_ser_schema(
            lambda value: value._asdict(), return_schema=data
        ),
    )


class Span(NamedTuple):
    """A region of the source: 1-based lines and columns, end column exclusive."""

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
        return _value_schema(cls, handler)


class Link(NamedTuple):
    """A link or image: `[text](target)`, `<a href>`, `{linkto(…)}`, `{include(…)}`.

    An include has no link text: for `{include(path)[tags=a,b]}` the `text` is
    the list of tags it includes (`a,b`), and empty when it includes all.
    """

    target: str
    text: str
    span: Span
    kind: LinkKind
    syntax: LinkSyntax = "inline"
    is_image: bool = False
    target_span: Span | None = None  # where the target is written, when it is in the link
    title: str = ""  # `[text](target "title")`

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return _value_schema(cls, handler)


class Heading(NamedTuple):
    level: int
    text: str
    span: Span
    explicit_id: str | None = None

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return _value_schema(cls, handler)


class Anchor(NamedTuple):
    """A fragment the page defines: from a heading, an explicit id, or HTML."""

    name: str
    span: Span
    source: AnchorSource

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return _value_schema(cls, handler)


class Region(NamedTuple):
    """A stretch of a page with a role: `tag` (an `{includetag(name)}` section
    that other pages can include by name) or `excluded` (text the configured
    `[site] build` does not publish, such as `{ifdef(private)}` blocks)."""

    kind: Literal["tag", "excluded"]
    name: str
    span: Span

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return _value_schema(cls, handler)


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


# What an entry is (see language/faq_context): question rules read only FAQ
# entries, `question` and `statement`; `other` is a collapsible used otherwise.
EntryKind = Literal["question", "statement", "other"]


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
    kind: EntryKind = "question"


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
    regions: tuple[Region, ...] = ()

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
