"""`??? type "Title"` blocks are FAQ entries only for question-like
admonition types (`[dialect.mkdocs-details] types`), not every `???`."""

from __future__ import annotations

from tests.helpers import parse

PAGE = """# FAQ

??? question "How do I sync the profiles?"

    Run the sync.

??? info "Show the example"

    ```yaml
    a: 1
    ```

???+ faq "Why is it slow?"

    It is not.
"""


def test_only_question_like_admonitions_are_entries() -> None:
    doc = parse(PAGE, dialects=["mkdocs-details"])
    assert [e.question for e in doc.entries] == [
        "How do I sync the profiles?",
        "Why is it slow?",
    ]


def test_the_types_are_configurable() -> None:
    doc = parse(PAGE, dialects=["mkdocs-details"], dialect={"mkdocs-details": {"types": ["info"]}})
    assert [e.question for e in doc.entries] == ["Show the example"]
