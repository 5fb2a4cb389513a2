"""Internal links resolved the way the site serves them: layouts, relative
bases, index files, routes, fragments and builds, with the four link rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from faqlint.config import SiteConfig
from faqlint.site.model import Site
from tests.helpers import lint


def make_site(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def findings(root: Path, page: str, rules: str = "broken-link,broken-anchor", **site: object):
    text = (root / page).read_text(encoding="utf-8")
    selected = {"select": rules.split(",")}
    return [
        (rule, line, msg) for rule, line, msg in lint(text, page, root, site=site, rules=selected)
    ]


@pytest.mark.parametrize(
    ("layout", "files", "url"),
    [
        ("file", ["a/b.md"], "/a/b.md"),
        ("folder-index", ["a/b/b.md"], "/a/b"),
        ("directory-urls", ["a/b.md"], "/a/b/"),
        ("directory-urls", ["a/index.md"], "/a"),
        ("folder-index", ["a/README.md"], "/a"),
    ],
)
def test_layouts_map_files_to_urls(layout: str, files: list[str], url: str) -> None:
    site = Site.build(SiteConfig(layout=layout), Path("."), files)  # type: ignore[arg-type]
    assert site.url_of(files[0]) == url.rstrip("/")
    target = site.resolve("other.md", url)
    assert target.exists and target.file == files[0]


@pytest.mark.parametrize(
    ("base", "written", "expected"),
    [
        ("directory", "../x", "/en/a/b/x"),
        ("browser", "../x", "/en/a/x"),
        ("directory", "x", "/en/a/b/faq/x"),
        ("browser", "x", "/en/a/b/x"),
        ("directory", "/en/y#z", "/en/y"),
    ],
)
def test_relative_bases(base: str, written: str, expected: str) -> None:
    config = SiteConfig(layout="folder-index", relative_base=base)  # type: ignore[arg-type]
    site = Site.build(config, Path("."), ["en/a/b/faq/faq.md"])
    assert site.resolve("en/a/b/faq/faq.md", written).path == expected


def test_broken_page_file_image_empty_and_escaping(tmp_path: Path) -> None:
    root = make_site(
        tmp_path,
        {
            "en/guide/guide.md": "# Guide\n\n## Install {#install}\n",
            "en/guide/img.png": "",
            "en/faq/faq.md": (
                "# FAQ\n\n[ok](/en/guide) [ok](/en/guide#install) ![ok](../guide/img.png)\n\n"
                "[gone](/en/gide) ![gone](../guide/missing.png) [empty]()\n\n"
                "[up](../../../../x) [route](/en/contacts) [anchor](/en/guide#nope)\n"
            ),
        },
    )
    result = findings(
        root, "en/faq/faq.md", layout="folder-index", relative_base="directory",
        routes=["/en/contacts"], languages=["en"],
    )  # fmt: skip
    messages = [msg for _, _, msg in result]
    assert [rule for rule, _, _ in result] == ["broken-link"] * 4 + ["broken-anchor"]
    assert messages[0].startswith("page `/en/gide` not found (looked for en/gide/gide.md")
    assert messages[0].endswith("did you mean `/en/guide`?")
    assert messages[1] == "file `/en/guide/missing.png` not found (looked for en/guide/missing.png)"
    assert messages[2] == "the link has an empty target"
    assert messages[3] == "`../../../../x` climbs above the site root"
    assert messages[4] == "`/en/guide` has no anchor `#nope`"


def test_anchor_rules_github_and_transliterate(tmp_path: Path) -> None:
    root = make_site(
        tmp_path,
        {
            "ru/page/page.md": (
                "# Удаление объектов\n\n## Шаг 1. Подготовка\n\n## Шаг 1. Подготовка\n\n"
                '## {heading(Явный)[id=explicit-id]}\n\n<a name="html-name"></a>\n\n'
                "{caption(Таблица {counter(table)[id=numb_t1]})[align=right;id=t1]}\n\n"
                "[a](#udalenie_obektov) [b](#shag_1_podgotovka_1) [c](#explicit-id) "
                "[d](#html-name) [e](#t1) [f](#numb_t1) [g](#yavnyy)\n"
            ),
        },
    )
    result = findings(root, "ru/page/page.md", layout="folder-index", slug="transliterate")
    # `{heading(Явный)[id=explicit-id]}` is reached by its id only; no anchor
    # is close enough to `#yavnyy` to suggest.
    assert [msg for _, _, msg in result] == ["this page has no anchor `#yavnyy`"]
    github = make_site(
        tmp_path / "gh", {"a.md": "# Hello, World!\n\n## Hello, World!\n\n[x](#hello-world-1)\n"}
    )
    assert findings(github, "a.md") == []


def test_fragments_resolve_against_each_includer_and_its_tags(tmp_path: Path) -> None:
    root = make_site(
        tmp_path,
        {
            "en/_includes/_steps.md": (
                "{includetag(deep)}\n[Guide](../../../guide) [Anchor](#shared)\n{/includetag}\n"
                "{includetag(shallow)}\n[Guide](../guide)\n{/includetag}\n"
                "## Shared {#shared}\n"
            ),
            "en/guide/guide.md": "# Guide\n",
            "en/a/b/deep/deep.md": "# Deep\n\n{include(../../../_includes/_steps.md)[tags=deep]}\n",
            "en/shallow/shallow.md": "# Shallow\n\n{include(../../_includes/_steps.md)[tags=shallow]}\n",
            "en/_includes/_unused.md": "[nowhere](../nothing)\n",
        },
    )
    config = {
        "layout": "folder-index",
        "relative_base": "browser",
        "fragments": ["**/_includes/**"],
    }
    everything = [
        (rule, line, msg)
        for page in ("en/_includes/_steps.md", "en/_includes/_unused.md")
        for rule, line, msg in findings(root, page, **config)
    ]
    # Each variant of the link is only read where its tag is included, and the
    # fragment's anchor belongs to the page that includes it: nothing is broken.
    assert everything == []


def test_unpublished_build_text_is_not_checked(tmp_path: Path) -> None:
    root = make_site(
        tmp_path,
        {
            "en/p/p.md": "{ifdef(private)}[x](/en/private-only){/ifdef}\n\n{ifndef(public)}\n[y](/en/z)\n{/ifndef}\n[w](/en/gone)\n"
        },
    )
    result = findings(root, "en/p/p.md", layout="folder-index", build="public")
    assert [msg.split(" (")[0] for _, _, msg in result] == ["page `/en/gone` not found"]
    unfiltered = findings(root, "en/p/p.md", layout="folder-index")
    assert len(unfiltered) == 3


def test_relative_link_rule_and_fix(tmp_path: Path) -> None:
    root = make_site(
        tmp_path,
        {
            "en/security/2fa/2fa.md": "# 2FA\n",
            "en/intro/intro.md": "# Intro\n",
            "en/intro/faq/faq.md": "[2FA](en/security/2fa) [up](..) [rel](../../security/2fa)\n",
        },
    )
    site = {"layout": "folder-index", "languages": ["en"], "relative_base": "directory"}
    text = (root / "en/intro/faq/faq.md").read_text(encoding="utf-8")
    found = lint(text, "en/intro/faq/faq.md", root, site=site)
    assert [(rule, msg.split(",")[0]) for rule, _, msg in found] == [
        ("relative-link", "`en/security/2fa` has no leading slash"),
        (
            "relative-link",
            "`..` names no page: it leads to the parent `/en/intro`; write that page's path",
        ),
    ]
    strict = lint(
        text,
        "en/intro/faq/faq.md",
        root,
        site=site,
        rules={"relative-link": {"policy": "root-absolute"}},
    )
    assert [msg.split(";")[0] for rule, _, msg in strict if "relative link" in msg] == [
        "relative link `../../security/2fa`"
    ]
