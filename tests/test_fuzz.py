"""Arbitrary text and random mixes of every dialect's markers never crash the
parser, and every span it reports lies inside the file."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from faqlint.parse.document import ParseSettings, parse_document
from faqlint.parse.model import FaqDocument, Span
from faqlint.parse.source import Source
from faqlint.run.engine import parse_settings
from tests.helpers import config

MARKERS = [
    "{cut(", "{cut(Q?)}", "{/cut}", ")}", "{tabs}", "{/tabs}", "{tab(T)}", "{/tab}",
    "{note:info}", "{/note}", "{ifdef(public)}", "{/ifdef}", "{ifndef(public)}", "{/ifndef}",
    "{linkto(/a#b)[text=x]}", "{include(/x.md)}", "{heading(H)[id=h]}",
    "<details>", "<details open>", "</details>", "<summary>", "</summary>", "<info>",
    "</info>", "```", "~~~", "    ", "<!--", "-->", "## Q?", "# ", "- ", "1. ", "> ",
    "[x](", "](/y)", "`", "\n", "\r\n", "\r", "\n\n", " ", "?", "ж", "😀", "\t", "\ufeff",
    '{% cut "Q" %}', "{% endcut %}", '<Accordion title="Q">', "</Accordion>",
    '??? question "Q"', "[ref]: /z", "<a href='/w'>", 'id="k"', "{#id}",
]  # fmt: skip
AUTO = parse_settings(config())
ALL_DIALECTS = parse_settings(
    config(dialects=["cut", "details", "heading", "yfm-cut", "mdx-accordion", "mkdocs-details"])
)


def spans_of(doc: FaqDocument) -> list[Span]:
    spans: list[Span] = []
    for entry in doc.entries:
        spans += [entry.span, entry.question_span, entry.answer_span]
    spans += [link.span for link in doc.links]
    spans += [h.span for h in doc.headings] + [a.span for a in doc.anchors]
    spans += [e.span for e in doc.errors] + [d.span for d in doc.directives]
    return spans


def check_inside(text: str, settings_: ParseSettings) -> None:
    source = Source("fuzz.md", text)
    doc = parse_document(source, settings_, "en/fuzz.md")
    lines = source.line_count
    for span in spans_of(doc):
        assert 0 <= span.start <= span.end <= len(text), span
        assert 1 <= span.line <= span.end_line <= lines, span
        assert (span.line, span.column) == source.position(span.start)
        assert (span.end_line, span.end_column) == source.position(span.end)
        assert span.column >= 1 and span.end_column >= 1


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text(text: str) -> None:
    check_inside(text, AUTO)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(MARKERS) | st.text(max_size=8), max_size=60).map("".join))
def test_random_marker_soup(text: str) -> None:
    check_inside(text, AUTO)
    check_inside(text, ALL_DIALECTS)
