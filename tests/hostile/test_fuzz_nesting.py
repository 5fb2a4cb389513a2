"""Fuzz: nested and unclosed markers of every dialect, mixed, deep. Each
example is linted by every rule (as a run does) within a time budget, and
every reported position lies inside the page."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import lint

# (opener, closer) of every dialect; None: the body is indented, nothing closes it.
PAIRS: list[tuple[str, str | None]] = [
    ("{cut(Why?)}", "{/cut}"),
    ("<details><summary>Why?</summary>", "</details>"),
    ('{% cut "Why?" %}', "{% endcut %}"),
    ('<Accordion title="Why?">', "</Accordion>"),
    ('??? question "Why?"', None),
    ("## Why?", None),
    ("{tabs}", "{/tabs}"),
    ("```", "```"),
    ("<!--", "-->"),
]
DIALECTS = ["cut", "details", "heading", "yfm-cut", "mdx-accordion", "mkdocs-details"]
BUDGET = 3.0  # seconds per example: far above what a page of this size takes

nesting = st.lists(
    st.tuples(
        st.sampled_from(PAIRS),
        st.integers(min_value=1, max_value=150),  # depth
        st.floats(min_value=0.0, max_value=1.0),  # share of openers closed
        st.sampled_from(["", "    ", "\t", "> "]),  # indentation of each level
        st.text(max_size=6),
    ),
    min_size=1,
    max_size=4,
)


def build(parts: list[tuple[tuple[str, str | None], int, float, str, str]]) -> str:
    out: list[str] = []
    for (opener, closer), depth, closed, indent, noise in parts:
        out += [f"{indent * min(level, 8)}{opener}\n\n{noise}\n" for level in range(depth)]
        if closer is not None:
            out += [f"{closer}\n\n"] * int(depth * closed)
    return "".join(out)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(nesting)
def test_nested_and_unclosed_markers_stay_within_budget(
    parts: list[tuple[tuple[str, str | None], int, float, str, str]],
) -> None:
    text = build(parts)
    started = time.monotonic()
    findings = lint(text, dialects=DIALECTS)
    elapsed = time.monotonic() - started
    assert elapsed < BUDGET, f"{elapsed:.1f} s on {len(text):,} characters"
    lines = len(text.splitlines()) + 1  # "\r" alone ends a line too
    assert all(1 <= line <= lines for _, line, _ in findings)
