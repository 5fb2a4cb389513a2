"""MDX pages are pages: their links and anchors are checked as on Markdown;
front matter, ESM lines and `{/* comments */}` are never read as Markdown."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli

FAQ = """---
title: Frequently asked questions
sidebar_position: 2
---

import Icon from "@site/src/components/icon"
export const meta = {
  faq: true,
}

# FAQ

{/* ## Not a heading [nor a link](/nowhere-in-a-comment) */}

<details><summary>How do I install it?</summary>

See [installing](install) and [the install steps](./install.mdx#steps),
[a page that is gone](/gone) and [an anchor that is gone](install#nope).

</details>
"""

INSTALL = """---
title: Install
---

## Steps

Run it.
"""


def site(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "faq.mdx").write_text(FAQ, encoding="utf-8")
    (docs / "install.mdx").write_text(INSTALL, encoding="utf-8")
    (tmp_path / "faqlint.toml").write_text(
        'include = ["docs/**/*.mdx"]\n[site]\nroot = "docs"\nlayout = "directory-urls"\n'
        "[cache]\nenabled = false\n",
        encoding="utf-8",
    )
    return tmp_path


def test_links_and_anchors_in_mdx_pages_are_checked(tmp_path: Path) -> None:
    result = run_cli("check", "--format", "json", cwd=site(tmp_path))
    report = json.loads(result.out)
    links = sorted(
        (f["rule"], f["line"]) for f in report["findings"] if f["rule"].startswith("broken")
    )
    assert links == [("broken-anchor", 18), ("broken-link", 18)]
    assert report["summary"]["complete"] is True
    assert report["summary"]["entries"] == 1


def test_front_matter_esm_and_comments_are_not_markdown(tmp_path: Path) -> None:
    result = run_cli("entries", "--format", "json", cwd=site(tmp_path))
    documents = {d["path"]: d for d in json.loads(result.out)["documents"]}
    faq = documents["docs/faq.mdx"]
    assert [e["question"] for e in faq["entries"]] == ["How do I install it?"]
    found = run_cli("check", cwd=tmp_path)
    assert "nowhere-in-a-comment" not in found.out
    assert "Frequently asked questions" not in found.out


def test_answers_inside_jsx_components_are_markdown(tmp_path: Path) -> None:
    """Indentation inside `<Accordion>` is never an indented code block: the
    answer's links are checked, at their real positions."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "faq.mdx").write_text(
        '# FAQ\n\n<AccordionGroup>\n  <Accordion title="Как оплатить?">\n'
        "      Смотрите [оплату](/nowhere) и [раздел](#nope).\n\n"
        "      ```bash\n      echo  two  spaces\n      ```\n  </Accordion>\n</AccordionGroup>\n",
        encoding="utf-8",
    )
    (tmp_path / "faqlint.toml").write_text(
        'include = ["docs/**/*.mdx"]\ndialects = ["mdx-accordion"]\n[site]\nroot = "docs"\n'
        "[cache]\nenabled = false\n",
        encoding="utf-8",
    )
    report = json.loads(run_cli("check", "--format", "json", cwd=tmp_path).out)
    found = {(f["rule"], f["line"], f["column"]) for f in report["findings"]}
    assert {("broken-link", 5, 16), ("broken-anchor", 5, 37)} <= found, found
    assert report["summary"]["entries"] == 1
    assert not any(f["rule"] == "doubled-space" for f in report["findings"])


def test_markdown_links_inside_jsx_text_on_one_line_are_checked(tmp_path: Path) -> None:
    """mintlify-docs customize/themes.mdx:41: MDX reads `[theme](…#theme)`
    inside `<label>…</label>` as a link (mint reports it); CommonMark saw raw HTML."""
    (tmp_path / "faqlint.toml").write_text('include = ["**/*.mdx"]\n[cache]\nenabled = false\n')
    (tmp_path / "settings.mdx").write_text("# Settings\n\n## Colors\n", encoding="utf-8")
    (tmp_path / "themes.mdx").write_text(
        '# Themes\n\n<label className="x">Configure [theme](/settings#theme) and '
        "[colors](/settings#colors).</label>\n",
        encoding="utf-8",
    )
    run = run_cli("check", "--format", "json", cwd=tmp_path)
    found = [(f["rule"], f["line"], f["column"]) for f in json.loads(run.out)["findings"]]
    assert found == [("broken-anchor", 3, 32)], found
