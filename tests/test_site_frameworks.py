"""How framework sites resolve links: source-file links from the page's
folder, trailing slashes, `/a/index`, YFM terms, `{#id}` anywhere, and a
heading level chosen per page."""

from __future__ import annotations

from pathlib import Path

import pytest

from faqlint.config import SiteConfig
from faqlint.parse.links import link_kind
from faqlint.site.model import Site
from tests.helpers import parse

FILES = ["guides/index.mdx", "guides/install.mdx", "guides/images/a.png", "faq.mdx"]


def site(**settings: object) -> Site:
    return Site.build(SiteConfig(layout="directory-urls", **settings), Path("."), FILES)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("settings", "page", "written", "file"),
    [
        # a link to a source file goes from the page's folder, whatever the URL
        ({}, "guides/index.mdx", "install.mdx", "guides/install.mdx"),
        ({}, "guides/index.mdx", "./images/a.png", None),  # URL-relative: /images/a.png
        ({"trailing_slash": "index"}, "guides/index.mdx", "./images/a.png", "guides/images/a.png"),
        ({"trailing_slash": "index"}, "guides/install.mdx", "images/a.png", "guides/images/a.png"),
        (
            {"trailing_slash": "always"},
            "guides/install.mdx",
            "../images/a.png",
            "guides/images/a.png",
        ),
        ({"relative_base": "file"}, "guides/install.mdx", "images/a.png", "guides/images/a.png"),
        ({}, "faq.mdx", "/guides/index", "guides/index.mdx"),  # /a/index is /a
    ],
)
def test_relative_links_resolve_as_the_framework_does(
    settings: dict[str, object], page: str, written: str, file: str | None
) -> None:
    assert site(**settings).resolve(page, written).file == file


def test_yfm_term_links_are_not_page_links() -> None:
    assert link_kind("*duration-unit") == "term"
    assert link_kind("duration") == "page"


def test_explicit_ids_count_wherever_they_stand() -> None:
    doc = parse(
        "# Terms\n\n- Duration {#duration}: how long.\n\n| a {#cell} |\n|---|\n\n"
        "`code {#not-an-anchor}`\n\n{/* #mdx-comment-id */}\n",
        path="terms.mdx",
    )
    names = {anchor.name for anchor in doc.anchors}
    assert {"duration", "cell", "mdx-comment-id"} <= names
    assert "not-an-anchor" not in names


def test_the_heading_level_can_be_chosen_per_page() -> None:
    h3 = "# FAQ\n\n### How do I pay?\n\nBy card.\n\n### Can I stop?\n\nYes.\n"
    h4 = "# FAQ\n\n## Billing\n\n#### How do I pay?\n\nBy card.\n\n#### Can I stop?\n\nYes.\n"
    for text in (h3, h4):
        doc = parse(text, dialects=["heading"], dialect={"heading": {"level": "page"}})
        assert [e.question for e in doc.entries] == ["How do I pay?", "Can I stop?"]


def test_mintlify_heading_ids() -> None:
    doc = parse(
        "# SEO\n\n## Custom sitemaps and robots.txt files\n\n## What's next?\n\n"
        "## Setup\n\n## Setup\n\n##### navigation.global.languages\n",
        site={"slug": "mintlify"},
    )
    names = [anchor.name for anchor in doc.anchors]
    assert names == [
        "seo",
        "custom-sitemaps-and-robots-txt-files",
        "whats-next",
        "setup",
        "setup-2",
    ]


def test_a_component_prop_called_name_is_not_an_anchor() -> None:
    doc = parse('<ParamField name="theme">\n\nx\n\n</ParamField>\n\n<a name="top"></a>\n')
    assert [anchor.name for anchor in doc.anchors] == ["top"]
