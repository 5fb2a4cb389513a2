"""Each dialect turns its syntax into the same typed entries."""

from __future__ import annotations

import pytest

from tests.helpers import parse

DETAILS = """\
# FAQ

<details>
<summary>How do I contact support?</summary>

Write to [support](/en/contacts).

<info>

Add your project name.

</info>

</details>

<details open><summary>Is there a **free** plan?</summary>
Yes, for 30 days.
</details>

<details>
<summary>
Where are my
invoices?
</summary>

In **Billing**.

</details>
"""


def test_details_summary_on_same_line_own_lines_and_open() -> None:
    doc = parse(DETAILS)
    assert [e.question for e in doc.entries] == [
        "How do I contact support?",
        "Is there a free plan?",
        "Where are my invoices?",
    ]
    first = doc.entries[0]
    assert first.dialect == "details"
    assert (first.span.line, first.span.end_line) == (3, 14)
    assert first.question_span.line == 4 and first.question_span.column == 10
    assert first.headings == ("FAQ",)
    assert "Add your project name." in first.answer_text
    assert first.answer.startswith("Write to [support](/en/contacts).")
    assert doc.entries[1].question_source == "Is there a **free** plan?"
    assert doc.errors == ()


def test_details_links_belong_to_their_entry() -> None:
    doc = parse(DETAILS)
    links = doc.links_in(doc.entries[0])
    assert [(link.target, link.text, link.kind) for link in links] == [
        ("/en/contacts", "support", "page")
    ]
    assert links[0].span.line == 6 and links[0].span.column == 10


def test_details_nested_and_malformed() -> None:
    doc = parse(
        "<details><summary>Outer?</summary>\n\n"
        "<details><summary>Inner?</summary>\n\nText.\n\n</details>\n\n"
        "</details>\n\n</details>\n\n<details>\n\nNo summary.\n"
    )
    assert [(e.question, e.depth, e.parent) for e in doc.entries] == [
        ("Outer?", 0, None),
        ("Inner?", 1, 0),
        ("", 0, None),
    ]
    kinds = [(e.kind, e.span.line) for e in doc.errors]
    assert ("stray-close", 11) in kinds
    assert ("empty-question", 13) in kinds
    assert ("unclosed", 13) in kinds


CUT = """\
## Networks

{cut(How do I create a network?)}

Use {linkto(/en/networks/vnet#create)[text=the console]} or the CLI.

{note:info}
Networks are free.
{/note}

{cut(What about subnets?)}
Subnets live inside networks.
{/cut}

{/cut}

{tabs}

{tab(Console)}

{cut({var(cloud)} IP addresses (public) — how many?)}
Five per project.
{/cut}

{/tab}

{/tabs}

```md
{cut(Not an entry: inside code)}
{/cut}
```

<!--
{cut(Not an entry: commented out)}
{/cut}
-->

Inline `{cut(code span)}` is not a marker either.

# {heading(Delete a network)[id=vnet-delete]}

{include(/en/_includes/_footer.md)}
"""


def test_cut_nested_tabs_code_comments() -> None:
    doc = parse(CUT, dialects=["cut"])
    assert [(e.question, e.depth) for e in doc.entries] == [
        ("How do I create a network?", 0),
        ("What about subnets?", 1),
        ("{var(cloud)} IP addresses (public) — how many?", 0),
    ]
    outer = doc.entries[0]
    assert (outer.span.line, outer.span.end_line) == (3, 15)
    assert "Networks are free." in outer.answer_text
    assert "{note" not in outer.answer_text and "the console" in outer.answer_text
    assert doc.errors == ()


def test_cut_links_headings_and_anchors() -> None:
    doc = parse(CUT, dialects=["cut"])
    by_syntax = {link.syntax: link for link in doc.links}
    assert by_syntax["linkto"].target == "/en/networks/vnet#create"
    assert by_syntax["linkto"].text == "the console"
    assert by_syntax["include"].target == "/en/_includes/_footer.md"
    assert by_syntax["include"].kind == "file"
    assert [(h.text, h.explicit_id) for h in doc.headings] == [
        ("Networks", None),
        ("Delete a network", "vnet-delete"),
    ]
    assert [a.name for a in doc.anchors] == ["networks", "vnet-delete"]


@pytest.mark.parametrize(
    ("text", "kind", "line"),
    [
        ("{cut(Q?)}\nA\n", "unclosed", 1),
        ("text\n\n  {/cut}\n", "stray-close", 3),
        ("{cut()}\nA\n{/cut}\n", "empty-question", 1),
        ("{tabs}\n{tab(T)}\n{cut(Q?)}\nA\n{/tab}\n{/tabs}\n", "bad-nesting", 3),
        ("{tab(T)}\nA\n{/tab}\n", "bad-nesting", 1),
        ("{cut(Q? \nA\n{/cut}\n", "unterminated-marker", 1),
        (
            "1. Step\n\n   ```\n   code\n2. Next\n\n{cut(Q?)}\nA\n{/cut}\n\n```\n",
            "unclosed-fence",
            3,
        ),
        ("```\ncode\n\n{cut(Q?)}\nA\n{/cut}\n", "unclosed-fence", 1),
        ("<!--\n{cut(Q?)}\nA\n{/cut}\n", "unclosed-comment", 1),
    ],
)
def test_cut_structure_errors(text: str, kind: str, line: int) -> None:
    doc = parse(text, dialects=["cut"])
    assert (kind, line) in [(e.kind, e.span.line) for e in doc.errors], doc.errors


def test_cut_conditional_branches_are_separate_builds() -> None:
    text = (
        "{ifdef(public)}\n{cut(Public example)}\n{/ifdef}\n"
        "{ifndef(public)}\n{cut(Private example)}\n{/ifndef}\n\nBody.\n\n{/cut}\n"
    )
    doc = parse(text, dialects=["cut"])
    assert [e.question for e in doc.entries] == ["Public example", "Private example"]
    assert all(e.closed for e in doc.entries)
    assert doc.errors == ()


def test_cut_misindented_marker_is_reported_but_counts() -> None:
    text = "- Item\n\n  {tabs}\n\n  {tab(A)}\n\n  Text.\n\n      {/tab}\n\n  {/tabs}\n"
    doc = parse(text, dialects=["cut"])
    assert [(e.kind, e.span.line) for e in doc.errors] == [("indented-marker", 9)]


HEADING = """\
# Billing FAQ

## How do I pay?

By card.

### Which cards?

Visa and Mastercard.

## Can I get an invoice?

Yes.
"""


def test_heading_dialect_auto_and_levels() -> None:
    doc = parse(HEADING)
    assert doc.dialects == ("heading",)
    assert [e.question for e in doc.entries] == ["How do I pay?", "Can I get an invoice?"]
    first = doc.entries[0]
    assert (first.span.line, first.span.end_line) == (3, 9)
    assert "Visa and Mastercard." in first.answer_text
    assert first.headings == ("Billing FAQ",)
    assert first.question_span.column == 4
    level3 = parse(HEADING, dialects=["heading"], dialect={"heading": {"level": 3}})
    assert [e.question for e in level3.entries] == ["Which cards?"]


def test_heading_dialect_not_guessed_on_ordinary_pages() -> None:
    doc = parse("# Guide\n\n## Install\n\nRun it.\n\n## Configure\n\nEdit it.\n")
    assert doc.entries == ()


@pytest.mark.parametrize(
    ("preset", "text", "question", "answer"),
    [
        ("yfm-cut", '{% cut "How do I log in?" %}\n\nUse SSO.\n\n{% endcut %}\n',
         "How do I log in?", "Use SSO."),
        ("mdx-accordion", '<Accordion title="Is it free?">\n\nYes, it is.\n\n</Accordion>\n',
         "Is it free?", "Yes, it is."),
        ("mkdocs-details", '??? question "Where are logs?"\n\n    In `/var/log`, see [logs](/logs).\n\nAfter.\n',
         "Where are logs?", "In /var/log, see logs."),
    ],
)  # fmt: skip
def test_custom_presets(preset: str, text: str, question: str, answer: str) -> None:
    for dialects in ([preset], ["auto"]):
        doc = parse(text, dialects=dialects)
        assert [e.question for e in doc.entries] == [question]
        assert doc.entries[0].answer_text == answer
        assert doc.entries[0].dialect == preset


def test_indented_answers_keep_their_links() -> None:
    text = '??? question "Where are logs?"\n\n    See [the logs page](/logs).\n\n    ```\n    [not](/a-link)\n    ```\n'
    doc = parse(text, dialects=["mkdocs-details"])
    assert [(link.target, link.span.line, link.span.column) for link in doc.links] == [
        ("/logs", 3, 9)
    ]


def test_custom_dialect_from_config() -> None:
    doc = parse(
        "[[faq Why?]]\nBecause.\n[[/faq]]\n",
        dialects=["wiki"],
        **{
            "custom-dialects": {
                "wiki": {"open": r"\[\[faq (?P<question>[^\]]+)\]\]", "close": r"\[\[/faq\]\]"}
            }
        },
    )
    assert [(e.question, e.answer_text, e.dialect) for e in doc.entries] == [
        ("Why?", "Because.", "wiki")
    ]
