"""Inline suppressions and the report of unused ones."""

from __future__ import annotations

from tests.helpers import lint

ENTRY = "{cut(How do I log in)}\n\nUse SSO.\n\n{/cut}\n"


def test_next_line_suppression_skips_blank_lines() -> None:
    text = "<!-- faqlint-disable-next-line question-format -->\n\n" + ENTRY
    assert lint(text) == []


def test_disable_enable_range_and_codes() -> None:
    other = ENTRY.replace("log in", "log out")  # the same question twice is a duplicate
    text = f"<!-- faqlint-disable FAQ203 -->\n{ENTRY}<!-- faqlint-enable FAQ203 -->\n\n{other}"
    assert [(rule, line) for rule, line, _ in lint(text)] == [("question-format", 9)]


def test_disable_file_and_all_rules() -> None:
    assert lint(f"{ENTRY}\n<!-- faqlint-disable-file -->\n") == []


def test_disable_line() -> None:
    text = "{cut(How do I log in)} <!-- faqlint-disable-line question-format -->\n\nUse SSO.\n\n{/cut}\n"
    assert lint(text) == []


def test_unused_suppression_is_reported_as_info() -> None:
    text = "<!-- faqlint-disable-next-line empty-answer -->\n" + ENTRY.replace("in)", "in?)")
    assert lint(text) == [
        (
            "unused-suppression",
            1,
            "this suppression of `empty-answer` suppresses nothing; remove it",
        )
    ]


def test_suppressions_in_code_are_not_suppressions() -> None:
    text = "```\n<!-- faqlint-disable-file -->\n```\n\n" + ENTRY
    assert [rule for rule, _, _ in lint(text)] == ["question-format"]
