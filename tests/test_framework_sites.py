"""Framework site models (issue 14): fragments included the frameworks' ways
(YFM `{% include %}`, MDX imports, pymdownx snippets, include-markdown),
Python-Markdown containers and content tabs, MkDocs heading ids, and
redirects read from the frameworks' own files."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def findings(root: Path, *args: str) -> list[tuple[str, str, int, str]]:
    run = run_cli("check", "--format", "json", *args, cwd=root)
    assert run.code in (0, 1), run.err
    data = json.loads(run.out)
    return [(f["rule"], f["path"], f["line"], f["message"]) for f in data["findings"]]


def link_findings(root: Path) -> list[tuple[str, str, int, str]]:
    return [f for f in findings(root) if "link" in f[0] or "anchor" in f[0]]


MKDOCS_CONFIG = """\
include = ["docs/**/*.md"]
dialects = ["mkdocs-details"]
[site]
framework = "mkdocs"
root = "docs"
layout = "directory-urls"
trailing-slash = "always"
relative-base = "file"
slug = "mkdocs"
[cache]
enabled = false
"""


def test_yfm_fragment_links_resolve_from_the_fragment_and_its_anchors_are_the_pages(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {
            "faqlint.toml": '[site]\nframework = "diplodoc"\ntrailing-slash = "index"\n'
            "[cache]\nenabled = false\n",
            "en/guide/faq.md": "# FAQ\n\n{% include [common](../_includes/common.md) %}\n\n"
            "See [below](#shared-part) and [gone](#not-here).\n",
            "en/_includes/common.md": "## Shared part\n\n![logo](../_images/logo.png)\n"
            "[a page](../guide/other.md) and [missing](../guide/missing.md)\n",
            "en/_images/logo.png": "png",
            "en/guide/other.md": "# Other\n",
        },
    )
    found = link_findings(tmp_path)
    assert [(rule, path, line) for rule, path, line, _ in found] == [
        ("broken-link", "en/_includes/common.md", 4),
        ("broken-anchor", "en/guide/faq.md", 5),
    ], found
    assert "`/en/guide/missing.md` not found" in found[0][3]
    assert "#not-here" in found[1][3]


def test_mdx_snippet_imports_bring_their_anchors_but_not_from_code(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "faqlint.toml": 'include = ["**/*.mdx"]\n[site]\nframework = "mintlify"\nlayout = "directory-urls"\n'
            'fragments = ["snippets/**"]\n[cache]\nenabled = false\n',
            "docs.json": "{}",
            "page.mdx": "import Setup from '/snippets/setup.mdx';\n\n# Page\n\n"
            "See [setup](#gitlab-setup) and [nothing](#missing).\n\n<Setup />\n\n"
            "```mdx\nimport Other from '/snippets/other.mdx';\n\n<Other />\n```\n",
            "snippets/setup.mdx": "## GitLab setup\n\nText.\n",
        },
    )
    found = link_findings(tmp_path)
    assert [(rule, line) for rule, _, line, _ in found] == [("broken-anchor", 5)], found
    assert "#missing" in found[0][3]


def test_mkdocs_snippets_include_markdown_containers_and_tabs(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "faqlint.toml": MKDOCS_CONFIG,
            "mkdocs.yml": "site_name: x\n",
            "includes/support.md": "## Need help\n\nAsk.\n",
            "includes/starr/which.md": "### Which profile should you choose\n",
            "docs/guide.md": (
                "# Guide\n\n## FAQ & Info\n\n## Versions audio françaises\n\n"
                '!!! example "Sonarr"\n\n    ##### Sonarr settings\n\n'
                '=== "Manually"\n\n    Do it.\n\n=== "Automated"\n\n    Script.\n\n'
                '--8<-- "includes/support.md"\n\n'
                '{% include-markdown "../includes/starr/which.md" %}\n\n'
                '--8<-- "includes/gone.md"\n'
            ),
            "docs/faq.md": (
                '??? question "Where?"\n\n'
                "    [a](guide.md#faq-info) [b](guide.md#versions-audio-francaises)\n"
                "    [c](guide.md#sonarr-settings) [d](guide.md#manually)\n"
                "    [e](guide.md#automated) [f](guide.md#need-help)\n"
                "    [g](guide.md#which-profile-should-you-choose) [h](guide.md#faq--info)\n"
            ),
        },
    )
    found = sorted(link_findings(tmp_path))
    assert [(rule, path, line) for rule, path, line, _ in found] == [
        ("broken-anchor", "docs/faq.md", 6),
        ("broken-link", "docs/guide.md", 23),
    ], found
    assert found[0][3] == "`/guide.md` has no anchor `#faq--info`; did you mean `#faq-info`?"
    assert (
        found[1][3]
        == "included fragment `/includes/gone.md` not found (looked for includes/gone.md)"
    )


def test_a_snippet_may_not_leave_the_project(tmp_path: Path) -> None:
    project = tmp_path / "project"
    write(
        tmp_path,
        {
            "outside.md": "## Secret heading\n",
            "project/faqlint.toml": MKDOCS_CONFIG,
            "project/docs/page.md": '# Page\n\n--8<-- "../outside.md"\n\n[x](#secret-heading)\n',
        },
    )
    found = link_findings(project)
    rules = sorted(rule for rule, *_ in found)
    assert rules == ["broken-anchor", "broken-link"], found
    assert not any("Secret" in message for *_, message in found)


def test_redirects_from_the_frameworks_files_are_reported_as_moved_not_broken(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {
            "faqlint.toml": MKDOCS_CONFIG,
            "mkdocs.yml": (
                "site_name: x\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
                "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
                "plugins:\n  - redirects:\n      redirect_maps:\n"
                "        old.md: new.md\n        chat.md: https://chat.example.org/x\n"
            ),
            "docs/new.md": "# New\n",
            "docs/faq.md": "# FAQ\n\n[a](/old/) [b](/chat/#top) [c](/gone/)\n",
        },
    )
    found = sorted(link_findings(tmp_path))
    assert [(rule, message.split(" (")[0].split(";")[0]) for rule, _, _, message in found] == [
        ("broken-link", "page `/gone/` not found"),
        # /chat/ leads to another site: the site's own short address, not reported
        ("redirected-link", "`/old/` is redirected to `/new/`"),
    ], found
    fixed = run_cli("check", "--fix", "--unsafe-fixes", "docs/faq.md", cwd=tmp_path)
    assert fixed.code == 1  # /gone/ stays broken
    assert "[a](/new/) [b](/chat/#top)" in (tmp_path / "docs/faq.md").read_text()


def test_mintlify_docs_json_redirects_with_ref_and_wildcards(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "faqlint.toml": 'include = ["**/*.mdx"]\n[site]\nframework = "mintlify"\nlayout = "directory-urls"\n'
            "[cache]\nenabled = false\n",
            "docs.json": json.dumps({"redirects": {"$ref": "./redirects.json"}}),
            "redirects.json": json.dumps(
                [
                    {"source": "/editor/drafts", "destination": "/editor/branches"},
                    {"source": "/api/:slug*", "destination": "/reference/:slug*"},
                ]
            ),
            "editor/branches.mdx": "# Branches\n",
            "page.mdx": "# P\n\n[a](/editor/drafts) [b](/api/users/list) [c](/nope)\n",
        },
    )
    found = sorted(link_findings(tmp_path))
    assert [(rule, message.split(" (")[0].split(";")[0]) for rule, _, _, message in found] == [
        ("broken-link", "page `/nope` not found"),
        ("redirected-link", "`/api/users/list` is redirected to `/reference/users/list`"),
        ("redirected-link", "`/editor/drafts` is redirected to `/editor/branches`"),
    ], found


def test_an_unreadable_redirects_file_is_said(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "faqlint.toml": '[site]\nredirects = ["netlify.toml"]\n[cache]\nenabled = false\n',
            "netlify.toml": "[[redirects]\nfrom = ",
            "page.md": "# P\n\n[a](/moved)\n",
        },
    )
    run = run_cli("check", "--format", "json", cwd=tmp_path)
    unchecked = json.loads(run.out)["summary"]["unchecked"]
    assert [u["kind"] for u in unchecked] == ["redirects"], unchecked
    assert "netlify.toml" in unchecked[0]["reason"]


def test_docusaurus_partials_registered_for_every_page_bring_their_anchors(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {
            "faqlint.toml": 'include = ["docs/**/*.mdx"]\n[site]\nframework = "docusaurus"\n'
            'root = "docs"\nlayout = "directory-urls"\nfragments = ["**/_*"]\n'
            "[cache]\nenabled = false\n",
            "docusaurus.config.js": "module.exports = {}\n",
            "src/theme/MDXComponents.js": (
                "import MDXComponents from '@theme-original/MDXComponents'\n"
                "import Views from '@site/docs/partials/_views.mdx'\n"
                "import Other from '../../docs/partials/_other.mdx'\n"
                "export default { ...MDXComponents, Views, Other }\n"
            ),
            "docs/partials/_views.mdx": "## Views\n\n[broken](/nowhere)\n",
            "docs/partials/_other.mdx": "## Other things\n",
            "docs/faq.mdx": "# FAQ\n\n<Views />\n\n<Other />\n\n"
            "See [views](#views), [other](#other-things) and [none](#none).\n",
            "docs/no-partial.mdx": "# No partial\n\nSee [views](#views).\n",
        },
    )
    found = sorted(link_findings(tmp_path))
    assert [(rule, path, line) for rule, path, line, _ in found] == [
        ("broken-anchor", "docs/faq.mdx", 7),
        ("broken-anchor", "docs/no-partial.mdx", 3),
        ("broken-link", "docs/partials/_views.mdx", 3),
    ], found
    assert "#none" in found[0][3]


def test_front_matter_addresses_static_files_and_page_bundles(tmp_path: Path) -> None:
    """Docusaurus `slug:`/`id:`/number prefixes and `static/`; Hugo `url:`,
    `aliases:` and page-bundle images."""
    write(
        tmp_path,
        {
            "docusaurus/faqlint.toml": 'include = ["docs/**/*.mdx"]\n[site]\n'
            'framework = "docusaurus"\nroot = "docs"\nlayout = "directory-urls"\n'
            'static = ["static"]\n[cache]\nenabled = false\n',
            "docusaurus/static/img/logo.png": "png",
            "docusaurus/docs/guides/01-intro.mdx": "# Intro\n",
            "docusaurus/docs/guides/moved.mdx": "---\nslug: /elsewhere/moved\n---\n# Moved\n",
            "docusaurus/docs/guides/named.mdx": "---\nid: renamed\n---\n# Named\n",
            "docusaurus/docs/faq.mdx": "# FAQ\n\n[a](/guides/intro) [b](/elsewhere/moved) "
            "[c](/guides/renamed) [d](/img/logo.png) [e](/guides/moved) [f](/img/none.png)\n",
            "hugo/faqlint.toml": '[site]\nframework = "hugo"\nroot = "content"\n'
            'layout = "directory-urls"\ntrailing-slash = "always"\n[cache]\nenabled = false\n',
            "hugo/content/blog/2022-01-post/index.md": "---\nurl: /blog/2022/01/post/\n"
            "aliases: [/old-post/]\n---\n# Post\n\n![x](shot.png) ![y](gone.png)\n",
            "hugo/content/blog/2022-01-post/shot.png": "png",
            "hugo/content/faq.md": "# FAQ\n\n[a](/blog/2022/01/post/) [b](/old-post/)\n",
        },
    )
    docusaurus = sorted(link_findings(tmp_path / "docusaurus"))
    assert [(rule, message.split(" (")[0]) for rule, _, _, message in docusaurus] == [
        ("broken-link", "file `/img/none.png` not found"),
        ("broken-link", "page `/guides/moved` not found"),
    ], docusaurus
    assert docusaurus[1][3].endswith("did you mean `/elsewhere/moved`?")
    hugo = sorted(link_findings(tmp_path / "hugo"))
    assert [(rule, message.split(" (")[0].split(";")[0]) for rule, _, _, message in hugo] == [
        ("broken-link", "file `/blog/2022/01/post/gone.png` not found"),
        ("redirected-link", "`/old-post/` is redirected to `/blog/2022/01/post`"),
    ], hugo


def test_github_wiki_links(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "Home.md": "# Home\n",
            "guides/Install-Guide.md": "# Install Guide\n\n## Setup\n",
            "FAQ.md": "## How do I install it?\n\nSee [[Install Guide]], "
            "[[the setup|Install Guide#setup]], [[Missing Page]] and [[Install Guide#nope]].\n\n"
            "`[[Not A Link]]`\n",
        },
    )
    run = run_cli("check", "--format", "json", "FAQ.md", cwd=tmp_path)
    data = json.loads(run.out)
    found = sorted(
        (f["rule"], f["message"].split(" (")[0].split(";")[0])
        for f in data["findings"]
        if "link" in f["rule"] or "anchor" in f["rule"]
    )
    assert found == [
        ("broken-anchor", "`/Install-Guide` has no anchor `#nope`"),
        ("broken-link", "page `/Missing-Page` not found"),
    ], (found, run.err)
    assert "assuming a github site" in run.err


def test_a_malformed_yfm_cut_opener_is_reported(tmp_path: Path) -> None:
    """Excerpt from toloka-docs ru/guide/concepts/control.md:229 and
    submitted-answers.md:94 (titles quoted `"…` and `"…'`)."""
    write(
        tmp_path,
        {
            "faqlint.toml": 'dialects = ["yfm-cut"]\n[cache]\nenabled = false\n',
            "page.md": '{% cut "Большой пул (хорошо)\n\nТекст.\n\n{% endcut %}\n\n'
            "{% cut \"Это возможно?' %}\n\nДа.\n\n{% endcut %}\n\n"
            '{% cut "Хороший вопрос?" %}\n\nДа.\n\n{% endcut %}\n',
        },
    )
    found = findings(tmp_path, "--select", "malformed-entry")
    assert [(rule, line) for rule, _, line, _ in found] == [
        ("malformed-entry", 1),
        ("malformed-entry", 5),
        ("malformed-entry", 7),
        ("malformed-entry", 11),
    ], found
    assert "looks like a `yfm-cut` opener" in found[0][3]


def test_a_file_that_could_not_be_checked_is_said_whatever_is_selected(tmp_path: Path) -> None:
    write(tmp_path, {"faqlint.toml": "[cache]\nenabled = false\n"})
    (tmp_path / "page.md").write_bytes(b"# Title\n\n\xff\xfe broken bytes\n")
    found = findings(tmp_path, "--select", "broken-link")
    assert [rule for rule, *_ in found] == ["file-error"], found
    hidden = run_cli("check", "--select", "broken-link", "--ignore", "file-error", cwd=tmp_path)
    assert "file-error" not in hidden.out


def test_base_url_from_the_framework_config(tmp_path: Path) -> None:
    """Docusaurus's routeBasePath (default `docs`): `/docs/x` is the root's `x`."""
    write(
        tmp_path,
        {
            "docusaurus.config.js": "module.exports = { presets: [['classic', { docs: {} }]] }\n",
            "docs/guide.mdx": "# Guide\n\n## Steps\n",
            "docs/index.mdx": "# Docs\n",
            "docs/faq.mdx": "# FAQ\n\n[a](/docs/guide#steps) [b](/docs/nope) [c](/docs)\n",
        },
    )
    init = run_cli("init", cwd=tmp_path)
    assert init.code == 0, init.err
    assert 'base-url = "/docs"' in (tmp_path / "faqlint.toml").read_text()
    found = sorted(link_findings(tmp_path))
    assert [(rule, message.split(" (")[0]) for rule, _, _, message in found] == [
        ("broken-link", "page `/nope` not found"),
    ], found


def test_mintlify_component_anchors(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "faqlint.toml": 'include = ["**/*.mdx"]\n[site]\nframework = "mintlify"\n'
            'layout = "directory-urls"\nslug = "mintlify"\n[cache]\nenabled = false\n',
            "docs.json": "{}",
            "settings.mdx": '# Settings\n\n<Tabs>\n  <Tab title="OAuth 2.0">\n    Text.\n  </Tab>\n'
            '</Tabs>\n\n<ResponseField name="thumbnails.background" type="string">\n'
            "  Colour.\n</ResponseField>\n\n"
            '<Accordion title="Can I?" id="custom">\n  Yes.\n</Accordion>\n',
            "faq.mdx": "# FAQ\n\n[a](/settings#oauth-2-0) [b](/settings#param-thumbnails-background) "
            "[c](/settings#can-i) [d](/settings#nope)\n",
        },
    )
    found = sorted(link_findings(tmp_path))
    assert [(rule, message.split(";")[0]) for rule, _, _, message in found] == [
        ("broken-anchor", "`/settings` has no anchor `#can-i`"),
        ("broken-anchor", "`/settings` has no anchor `#nope`"),
    ], found


def test_openapi_spec_parts_are_not_pages(tmp_path: Path) -> None:
    """Excerpt of toloka-docs en/api/reference: a description pulled into
    fullApi.yaml by `$ref`, with the API viewer's anchors."""
    write(
        tmp_path,
        {
            "faqlint.toml": '[site]\nframework = "diplodoc"\ntrailing-slash = "index"\n'
            "[cache]\nenabled = false\n",
            "en/api/reference/fullApi.yaml": "info:\n  description:\n"
            "    $ref: './parts/api/info-description.md'\n",
            "en/api/reference/parts/api/info-description.md": "See [tasks](#tag--task).\n",
            "en/index.md": "# Home\n\n[x](./) [y](#nope)\n",
        },
    )
    run = run_cli("check", "--format", "json", cwd=tmp_path)
    data = json.loads(run.out)
    found = [
        (f["rule"], f["path"])
        for f in data["findings"]
        if "anchor" in f["rule"] or "link" in f["rule"]
    ]
    assert found == [("broken-anchor", "en/index.md")], found
    unchecked = [u for u in data["summary"]["unchecked"] if u["path"]]
    assert [u["path"] for u in unchecked] == ["en/api/reference/parts/api/info-description.md"]
    assert "OpenAPI spec `en/api/reference/fullApi.yaml`" in unchecked[0]["reason"]


def test_anchors_of_a_page_with_an_unreadable_fragment_are_said_not_checked(
    tmp_path: Path,
) -> None:
    """A partial from outside the site root (`@site/src/…`) may define any
    anchor: links to the page's anchors are listed as not checked, never
    passed as fine in silence."""
    write(
        tmp_path,
        {
            "faqlint.toml": 'include = ["docs/**/*.mdx"]\n[site]\nframework = "docusaurus"\n'
            'root = "docs"\nlayout = "directory-urls"\n[cache]\nenabled = false\n',
            "src/partials/_intro.mdx": "## Intro\n",
            "docs/guide.mdx": "import Intro from '@site/src/partials/_intro.mdx';\n\n# Guide\n\n"
            "<Intro />\n",
            "docs/faq.mdx": "# FAQ\n\nSee [the intro](/guide#intro).\n",
        },
    )
    run = run_cli("check", "--format", "json", "--strict", cwd=tmp_path)
    data = json.loads(run.out)
    assert [f["rule"] for f in data["findings"]] == []
    [gap] = [u for u in data["summary"]["unchecked"] if u["kind"] == "anchors"]
    assert (gap["path"], gap["count"]) == ("docs/faq.mdx", 1)
    assert run.code == 1  # --strict: a check that did not run fails the run
    assert "All clean" not in run_cli("check", cwd=tmp_path).out
