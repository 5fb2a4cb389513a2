"""Safe means safe: a fix `--fix` applies never adds a finding. Each case is
one the corpora showed; the whole-corpus check is in test_fix_corpora.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import run_cli

CONFIG = """include = ["docs/**/*.md"]
dialects = ["cut"]
[site]
root = "docs"
layout = "folder-index"
relative-base = "directory"
languages = ["en", "ru"]
[cache]
enabled = false
"""


def site(tmp_path: Path, pages: dict[str, str]) -> Path:
    (tmp_path / "faqlint.toml").write_text(CONFIG, encoding="utf-8")
    for name, text in pages.items():
        path = tmp_path / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def findings(root: Path, rule: str) -> list[dict[str, Any]]:
    result = run_cli("check", "--format", "json", cwd=root)
    assert result.code in (0, 1), result.err
    return [f for f in json.loads(result.out)["findings"] if f["rule"] == rule]


def cut(question: str, answer: str) -> str:
    return f"{{cut({question})}}\n\n{answer}\n\n{{/cut}}\n\n"


def test_a_cross_language_fix_keeps_the_anchor_only_where_the_page_has_it(
    tmp_path: Path,
) -> None:
    root = site(
        tmp_path,
        {
            "en/faq/faq.md": cut(
                "Where are the roles?",
                "See [roles](/ru/iam#iam-roles-reference) and [keys](/ru/iam#klyuchi).",
            ),
            "en/iam/iam.md": "# IAM\n\n## Keys {#klyuchi}\n\nText.\n",
            "ru/iam/iam.md": "# IAM\n\n## Роли {#iam-roles-reference}\n\n## Ключи {#klyuchi}\n",
        },
    )
    fixes = {f["column"]: f["fix"] for f in findings(root, "cross-language-link")}
    roles, keys = fixes[5], fixes[46]
    assert roles["applicability"] == "unsafe"
    assert roles["edits"][0]["content"] == "/en/iam"
    assert "it has no `#iam-roles-reference`" in roles["message"]
    assert (keys["applicability"], keys["edits"][0]["content"]) == ("safe", "/en/iam#klyuchi")
    run_cli("check", "--fix", cwd=root)
    assert findings(root, "broken-anchor") == []


def test_a_fix_that_would_add_a_finding_is_unsafe_and_says_why(tmp_path: Path) -> None:
    """The corpus case: `Сookies` with a Cyrillic С after "cookies" on the line
    before; writing it in Latin letters makes a repeated word."""
    root = site(tmp_path, {"en/a/a.md": "# Privacy\n\nWe use cookies\nСookies are small files.\n"})
    [finding] = findings(root, "mixed-script-word")
    assert finding["fix"]["applicability"] == "unsafe"
    assert finding["fix"]["message"].endswith(
        "(not safe: applying it adds a `repeated-word` finding)"
    )
    before = (root / "docs/en/a/a.md").read_bytes()
    run_cli("check", "--fix", cwd=root)
    assert (root / "docs/en/a/a.md").read_bytes() == before


def test_a_fix_that_would_remove_an_anchor_is_unsafe(tmp_path: Path) -> None:
    """A look-alike in a heading: the fix changes the heading's anchor, and
    links to the old one (here, from another page) would break."""
    root = site(
        tmp_path,
        {
            "en/a/a.md": "# CDN\n\n## Сaching\n\nText.\n",
            "en/b/b.md": "# B\n\nSee [caching](/en/a#\u0441aching).\n",
        },
    )
    found = findings(root, "mixed-script-word")
    [finding] = [f for f in found if f["path"] == "docs/en/a/a.md"]
    assert finding["fix"]["applicability"] == "unsafe"
    assert "removes the anchor `#\u0441aching`" in finding["fix"]["message"]


def test_a_question_without_its_mark_is_already_a_duplicate(tmp_path: Path) -> None:
    """A title that reads as a question is a question (issue 15) with or
    without its "?": the repeat is reported at once, so adding the "?" adds
    no finding and stays safe (before issue 15 the fix was the one that made
    the duplicate, and was demoted to unsafe)."""
    root = site(
        tmp_path,
        {
            "en/a/a.md": "# A\n\n" + cut("Why is the disk slow?", "Because."),
            "en/b/b.md": "# B\n\nSome  text.\n\n" + cut("Why is the disk slow", "It is busy."),
        },
    )
    [finding] = findings(root, "question-format")
    assert finding["fix"]["applicability"] == "safe"
    [duplicate] = findings(root, "duplicate-question")
    assert duplicate["path"] == "docs/en/b/b.md"
    result = run_cli("check", "--fix", cwd=root)
    assert "Fixed 2 findings in 1 file" in result.err  # the doubled space and the "?"
    text = (root / "docs/en/b/b.md").read_text(encoding="utf-8")
    assert "Some text." in text and "{cut(Why is the disk slow?)}" in text
    assert len(findings(root, "duplicate-question")) == 1


def test_a_case_fix_leaves_a_question_that_starts_with_a_macro_alone(tmp_path: Path) -> None:
    """The reader sees the macro's words first: the next word is not the first."""
    root = site(tmp_path, {"en/a/a.md": "# A\n\n" + cut("{var(cloud)} console is slow?", "Yes.")})
    assert findings(root, "question-case") == []


def test_later_fix_rounds_respect_suppressions(tmp_path: Path) -> None:
    """A fix revealed in round two is still not applied where a comment
    suppresses its rule, so `--fix` adds no "unused suppression"."""
    page = tmp_path / "faq.md"
    page.write_text(
        "# FAQ\n\n<details><summary>Can I delete a bucket with objects in it</summary>\n\n"
        "Send a test email to him from any other mailbox, the objects stay.\n\n</details>\n\n"
        "<!-- faqlint-disable-next-line question-format -->\n"
        "<details><summary>Can I keep this one without a mark</summary>\n\nYes.\n\n</details>\n",
        encoding="utf-8",
    )
    (tmp_path / "faqlint.toml").write_text("[cache]\nenabled = false\n", encoding="utf-8")
    run_cli("check", "--fix", "-q", cwd=tmp_path)
    text = page.read_text(encoding="utf-8")
    assert "Can I delete a bucket with objects in it?" in text
    assert "Can I keep this one without a mark</summary>" in text
    after = run_cli("check", "--format", "json", cwd=tmp_path)
    rules = [finding["rule"] for finding in json.loads(after.out)["findings"]]
    assert "unused-suppression" not in rules
