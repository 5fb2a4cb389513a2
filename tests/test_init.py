"""`faqlint init`: the framework told by the repository's own files, the
FAQ syntax by the entries it finds, and the link settings by trying them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from faqlint.site.frameworks import detect
from tests.conftest import SHARED, run_cli

CORPORA = SHARED / "corpora"


def docusaurus_site(root: Path) -> Path:
    (root / "docs" / "guides").mkdir(parents=True)
    (root / "docusaurus.config.js").write_text("module.exports = {}\n", encoding="utf-8")
    (root / "docs" / "faq.mdx").write_text(
        "---\ntitle: FAQ\n---\n\n# FAQ\n\n## General\n\n"
        "### How do I install it?\n\nSee [installing](/guides/install#Steps).\n\n"
        "### Can I use it offline?\n\nYes, see [offline mode](./guides/install.mdx).\n",
        encoding="utf-8",
    )
    (root / "docs" / "guides" / "install.mdx").write_text(
        "# Install\n\n## Steps\n\nRun it.\n", encoding="utf-8"
    )
    return root


def test_init_writes_a_config_that_checks_the_site(tmp_path: Path) -> None:
    site = docusaurus_site(tmp_path)
    result = run_cli("init", cwd=site)
    assert result.code == 0, result.err
    assert "Framework: docusaurus (from docusaurus.config.js)" in result.out
    assert "FAQ entries: 2 (heading 2)" in result.out
    config = (site / "faqlint.toml").read_text(encoding="utf-8")
    assert 'framework = "docusaurus"' in config
    assert "[dialect.heading]\nlevel = 3" in config
    assert 'slug = "github-keep-case"' in config  # `#Steps` resolves only with case kept
    checked = run_cli("check", "--format", "json", cwd=site)
    report = json.loads(checked.out)
    assert report["summary"]["entries"] == 2
    assert [f for f in report["findings"] if f["rule"].startswith("broken")] == []


def test_init_never_overwrites_a_config_without_force(tmp_path: Path) -> None:
    site = docusaurus_site(tmp_path)
    (site / "faqlint.toml").write_text("# mine\n", encoding="utf-8")
    refused = run_cli("init", cwd=site)
    assert refused.code == 2 and "exists" in refused.err
    assert (site / "faqlint.toml").read_text(encoding="utf-8") == "# mine\n"
    assert run_cli("init", "--force", cwd=site).code == 0
    assert "framework" in (site / "faqlint.toml").read_text(encoding="utf-8")


def test_init_says_when_there_is_no_page(tmp_path: Path) -> None:
    result = run_cli("init", cwd=tmp_path)
    assert result.code == 2 and "no page found" in result.err
    assert not (tmp_path / "faqlint.toml").exists()


@pytest.mark.parametrize(
    ("corpus", "framework", "root", "layout"),
    [
        ("cypress-docs", "docusaurus", "docs", "directory-urls"),
        ("mintlify-docs", "mintlify", ".", "directory-urls"),
        ("trash-guides", "mkdocs", "docs", "directory-urls"),
        ("toloka-docs", "diplodoc", ".", "file"),
        ("flux-website", "hugo", "content/en", "directory-urls"),
        ("vk-cloud-docs", "vk", "docs", "folder-index"),
    ],
)
def test_each_corpus_framework_is_detected(
    corpus: str, framework: str, root: str, layout: str
) -> None:
    if not (CORPORA / corpus).is_dir():
        pytest.skip(f"corpus {corpus} not found")
    found = detect(CORPORA / corpus)
    assert (found.framework, found.root, found.layout) == (framework, root, layout)


def test_init_on_vk_gives_the_example_configs_findings(tmp_path: Path) -> None:
    corpus = CORPORA / "vk-cloud-docs"
    if not corpus.is_dir():
        pytest.skip("the VK corpus is not here")
    written = run_cli("init", "--print", cwd=corpus)
    assert written.code == 0, written.err
    for key in ('relative-base = "directory"', 'slug = "transliterate"', 'build = "public"'):
        assert key in written.out
    assert 'languages = ["en", "kz", "ru"]' in written.out
    init_config = tmp_path / "init.toml"
    init_config.write_text(written.out + "\n[cache]\nenabled = false\n", encoding="utf-8")
    example = Path(__file__).parent.parent / "examples" / "vk-cloud-docs" / "faqlint.toml"
    example_config = tmp_path / "example.toml"
    example_config.write_text(
        example.read_text(encoding="utf-8") + "\n[cache]\nenabled = false\n", encoding="utf-8"
    )

    def findings(config: Path) -> list[tuple[str, str, int, int]]:
        out = run_cli("check", "--config", str(config), "--format", "json", cwd=corpus).out
        return sorted(
            (f["rule"], f["path"], f["line"], f["column"]) for f in json.loads(out)["findings"]
        )

    assert findings(init_config) == findings(example_config)


def test_check_without_a_config_assumes_the_detected_framework(tmp_path: Path) -> None:
    site = docusaurus_site(tmp_path)
    (site / "docs" / "faq.mdx").write_text(
        "# FAQ\n\n<details><summary>How do I install it?</summary>\n\n"
        "See [installing](/guides/nowhere).\n\n</details>\n",
        encoding="utf-8",
    )
    result = run_cli("check", cwd=site)
    assert "assuming a docusaurus site (from docusaurus.config.js)" in result.err
    assert "docs/faq.mdx:5:5 FAQ101 broken-link" in result.out


RECORDED = ("cypress-docs", "mintlify-docs", "trash-guides", "toloka-docs", "flux-website")


@pytest.mark.parametrize("corpus", RECORDED)
def test_the_recorded_configs_are_what_init_writes(corpus: str) -> None:
    """examples/<corpus>/faqlint.toml is init's output with no hand edit
    (issue 14's acceptance runs `init` then `check`; the other corpus tests
    read these files)."""
    if not (CORPORA / corpus).is_dir():
        pytest.skip(f"corpus {corpus} not found")
    recorded = Path(__file__).parent.parent / "examples" / corpus / "faqlint.toml"
    _, _, written = recorded.read_text(encoding="utf-8").partition(
        "# faqlint settings, written by `faqlint init`"
    )
    run = run_cli("init", "--print", cwd=CORPORA / corpus)
    assert run.code == 0, run.err
    assert "# faqlint settings, written by `faqlint init`" + written == run.out
