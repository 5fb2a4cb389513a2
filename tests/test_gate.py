"""A gate that never passes silently: the same findings through symlinks,
what could not be checked said (and `--strict` failing on it), a network
that is down said once, and usage mistakes as errors (exit 2)."""

from __future__ import annotations

import json
import os
import shutil
import socket
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CORPUS_CONFIG, FIXTURES, run_cli
from tests.external_server import LocalServer, loopback_only, page

SITE = FIXTURES / "report-site"
NO_CACHE = "\n[cache]\nenabled = false\n"


def copy_site(folder: Path) -> Path:
    """The report fixture site, copied, with the cache off."""
    shutil.copytree(SITE, folder, ignore=shutil.ignore_patterns(".faqlint_cache"))
    with (folder / "faqlint.toml").open("a", encoding="utf-8") as config:
        config.write(NO_CACHE)
    return folder


def check(folder: Path, *args: str) -> tuple[int, dict[str, Any]]:
    result = run_cli("check", "--format", "json", *args, cwd=folder)
    assert "Traceback" not in result.err
    return result.code, json.loads(result.out)


def seen(report: dict[str, Any]) -> list[tuple[str, str, int, int, str]]:
    return [
        (f["rule"], f["path"], f["line"], f["column"], f["message"]) for f in report["findings"]
    ]


# -- symlinks ------------------------------------------------------------------


def test_a_symlinked_docs_folder_root_and_page_give_the_findings_of_a_copy(
    tmp_path: Path,
) -> None:
    copy = copy_site(tmp_path / "copy")
    code, expected = check(copy)
    assert code == 1 and {"broken-link", "broken-anchor"} <= {f[0] for f in seen(expected)}

    # The docs folder is a symlink to a folder somewhere else.
    linked = tmp_path / "linked"
    linked.mkdir()
    shutil.copy(copy / "faqlint.toml", linked)
    (linked / "docs").symlink_to(copy / "docs", target_is_directory=True)
    assert seen(check(linked)[1]) == seen(expected)

    # The [site] root is a symlink named differently; findings say the path as written.
    named = tmp_path / "named"
    named.mkdir()
    config = (copy / "faqlint.toml").read_text(encoding="utf-8")
    (named / "faqlint.toml").write_text(
        config.replace('"docs/**/*.md"', '"site/**/*.md"').replace('"docs"', '"site"'),
        encoding="utf-8",
    )
    (named / "site").symlink_to(copy / "docs", target_is_directory=True)
    renamed = [
        (r, p.replace("docs/", "site/", 1), ln, c, m.replace("docs/", "site/"))
        for r, p, ln, c, m in seen(expected)
    ]
    assert seen(check(named)[1]) == renamed

    # A page that is a symlink to a file kept elsewhere in the project.
    paged = copy_site(tmp_path / "paged")
    faq = paged / "docs/en/storage/faq/faq.md"
    (paged / "pages").mkdir()
    faq.rename(paged / "pages/storage-faq.md")
    faq.symlink_to(Path("../../../../pages/storage-faq.md"))
    assert seen(check(paged)[1]) == seen(expected)


def test_the_whole_corpus_through_a_symlink(corpus: Path, tmp_path: Path) -> None:
    """How many teams mount docs: a symlink to another checkout. Same findings."""
    from tests.test_corpus import all_findings

    project = tmp_path / "project"
    project.mkdir()
    (project / "docs").symlink_to(corpus / "docs", target_is_directory=True)
    code, report = check(project, "--config", str(CORPUS_CONFIG))
    assert code == 1
    assert report["summary"]["findings"] == len(all_findings(corpus)) == 1089
    assert report["findings"] == all_findings(corpus)


def test_symlinks_leading_out_of_the_site_or_in_a_loop_are_not_read(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("# Secret\n\nTOKEN=hunter2\n", encoding="utf-8")
    docs = site / "docs"
    (docs / "notes.md").symlink_to(outside / "secret.md")
    (docs / "more").symlink_to(outside, target_is_directory=True)
    (docs / "en" / "loop").symlink_to(docs / "en", target_is_directory=True)
    code, report = check(site)
    assert code == 1
    _, plain = check(copy_site(tmp_path / "plain"))
    assert seen(report) == seen(plain)  # nothing read twice, nothing from outside
    gaps = {(u["kind"], u["what"], u["path"]) for u in report["summary"]["unchecked"]}
    assert gaps >= {
        ("symlink", "file", "docs/notes.md"),
        ("symlink", "folder", "docs/more"),
        ("alias", "folder", "docs/en/loop"),  # read under its own name: nothing lost
    }
    required = {u["path"] for u in report["summary"]["unchecked"] if u["required"]}
    assert "docs/en/loop" not in required
    assert report["summary"]["complete"] is False
    text = run_cli("check", cwd=site)
    assert "hunter2" not in text.out + text.err
    assert "docs/notes.md: file: a symlink to" in text.out
    assert run_cli("check", "--strict", "-q", cwd=site).code == 1


# -- coverage -----------------------------------------------------------------


def test_pages_the_site_model_cannot_check_are_said(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "faq.mdx").write_text(
        "# FAQ\n\n## How do I log in?\n\nSee [setup](/nowhere) and [x](/faq#nope).\n",
        encoding="utf-8",
    )
    (tmp_path / "faqlint.toml").write_text(
        'include = ["docs/**/*.mdx"]\n[site]\nroot = "docs"\npage-types = [".md"]\n' + NO_CACHE,
        encoding="utf-8",
    )
    code, report = check(tmp_path)
    assert code == 0
    assert report["summary"]["complete"] is False
    assert report["summary"]["unchecked"] == [
        {
            "kind": "page-type",
            "what": "links",
            "path": "docs/faq.mdx",
            "count": 2,
            "reason": "not a page type the site serves (.mdx): links not resolved",
            "required": True,
        }
    ]
    text = run_cli("check", cwd=tmp_path)
    assert "All clean" not in text.out
    assert "Not checked" in text.out and "docs/faq.mdx: links (2)" in text.out
    assert run_cli("check", "--strict", cwd=tmp_path).code == 1
    with (tmp_path / "faqlint.toml").open("a", encoding="utf-8") as config:
        config.write("[check]\nrequire-full-coverage = true\n")
    strict = run_cli("check", cwd=tmp_path)
    assert strict.code == 1 and "[check] require-full-coverage" in strict.err


def test_a_complete_run_stays_quiet(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    (site / "docs/en/network/faq/faq.md").write_text(
        "# FAQ\n\n{cut(How?)}\n\nSee [billing](/en/billing) and [site](https://example.com).\n\n"
        "{/cut}\n",
        encoding="utf-8",
    )
    code, report = check(site, "docs/en/network/faq/faq.md")
    assert code == 0 and report["summary"]["complete"] is True
    # external links when external checks are off: listed, not required
    assert [u["kind"] for u in report["summary"]["unchecked"]] == ["external-off"]
    text = run_cli("check", "docs/en/network/faq/faq.md", cwd=site)
    assert "Not checked" not in text.out


def test_a_site_root_that_is_not_there_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "faq.md").write_text("# FAQ\n", encoding="utf-8")
    (tmp_path / "faqlint.toml").write_text('[site]\nroot = "site"\n', encoding="utf-8")
    result = run_cli("check", cwd=tmp_path)
    assert result.code == 2
    assert "faqlint.toml:2: [site] root = 'site': no such folder" in result.err


# -- the network ----------------------------------------------------------------


@pytest.fixture
def dns_down(monkeypatch: pytest.MonkeyPatch) -> None:
    """No name resolves (an offline CI runner); addresses and localhost still do."""
    real = socket.getaddrinfo

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else host
        if name in ("localhost", None) or name.replace(".", "").isdigit():
            return real(host, port, *args, **kwargs)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def external_page(folder: Path, *urls: str) -> None:
    links = " ".join(f"[link {i}]({url})" for i, url in enumerate(urls))
    (folder / "faq.md").write_text(f"{{cut(Where?)}}\n\n{links}\n\n{{/cut}}\n", encoding="utf-8")
    (folder / "faqlint.toml").write_text(NO_CACHE, encoding="utf-8")


@pytest.mark.usefixtures("dns_down")
def test_an_unreachable_network_is_one_error_not_dead_links(tmp_path: Path) -> None:
    hosts = ("https://docs.example.com/a", "https://cloud.example.org/b#x", "http://x.example/")
    external_page(tmp_path, *hosts)
    with loopback_only() as attempts:
        result = run_cli("check", "--external", "--format", "json", "faq.md", cwd=tmp_path)
        offline = run_cli("check", "--external", "--allow-offline", "-q", cwd=tmp_path)
    assert attempts == []
    assert result.code == 2
    assert result.err.count("network unreachable") == 1
    assert "all 3 requests to 3 hosts failed: host names do not resolve" in result.err
    report = json.loads(result.out)
    assert [f for f in report["findings"] if f["rule"] == "dead-external-link"] == []
    assert [(u["kind"], u["count"]) for u in report["summary"]["unchecked"]] == [("offline", 3)]
    assert offline.code == 0 and "network unreachable" in offline.out


@pytest.mark.usefixtures("dns_down")
def test_dead_links_stay_dead_when_good_verdicts_come_from_the_cache(tmp_path: Path) -> None:
    """The cache keeps good verdicts only: on the second run the requests
    made are the dead ones. A server that answered before is asked again
    before the network is called down."""
    with loopback_only(), LocalServer({"/ok": page()}) as server:
        external_page(
            tmp_path, server.url("/ok"), "https://gone.example/", "https://lost.example/x"
        )
        (tmp_path / "faqlint.toml").write_text('[cache]\ndir = ".cache"\n', encoding="utf-8")
        command = ("check", "--external", "--allow-private", "--format", "json")
        first = run_cli(*command, cwd=tmp_path)
        second = run_cli(*command, cwd=tmp_path)
    down = run_cli(*command, cwd=tmp_path)  # the server is gone too: now the network is down
    for result in (first, second):
        assert result.code == 1, result.err
        dead = [f for f in json.loads(result.out)["findings"] if f["rule"] == "dead-external-link"]
        assert len(dead) == 2
    assert down.code == 2 and "network unreachable" in down.err
    unchecked = json.loads(down.out)["summary"]["unchecked"]
    assert [(u["kind"], u["count"]) for u in unchecked] == [("offline", 2)]


@pytest.mark.usefixtures("dns_down")
def test_one_unknown_host_among_reachable_ones_is_a_dead_link(tmp_path: Path) -> None:
    with loopback_only(), LocalServer({"/ok": page()}) as server:
        external_page(tmp_path, server.url("/ok"), "https://gone.example/")
        result = run_cli("check", "--external", "--allow-private", "--format", "json", cwd=tmp_path)
    assert result.code == 1, result.err
    dead = [f for f in json.loads(result.out)["findings"] if f["rule"] == "dead-external-link"]
    assert [f["message"] for f in dead] == [
        "`https://gone.example/`: could not resolve host gone.example"
    ]


# -- usage mistakes ---------------------------------------------------------------


def test_unknown_rule_names_suggest_the_closest_and_name_the_flag(tmp_path: Path) -> None:
    (tmp_path / "faq.md").write_text("# FAQ\n", encoding="utf-8")
    result = run_cli("check", "--select", "broken-links", cwd=tmp_path)
    assert result.code == 2
    assert result.err == (
        "faqlint: --select: 'broken-links' matches no rule (did you mean `broken-link`?); "
        "`faqlint rules` lists them\n"
    )
    ignore = run_cli("check", "--ignore", "FAQ9", cwd=tmp_path)
    assert ignore.code == 2 and ignore.err.startswith("faqlint: --ignore: 'FAQ9'")
    (tmp_path / "faqlint.toml").write_text('[rules.empty-answers]\nseverity = "info"\n')
    table = run_cli("check", cwd=tmp_path)
    assert "[rules.empty-answers]: no rule named 'empty-answers' (did you mean" in table.err


def test_a_list_key_given_a_string_says_what_is_expected(tmp_path: Path) -> None:
    (tmp_path / "faqlint.toml").write_text('include = "docs/**/*.md"\n', encoding="utf-8")
    result = run_cli("check", cwd=tmp_path)
    assert result.code == 2
    assert result.err.endswith(
        "faqlint.toml:1: `include` must be a list of glob strings, got the string "
        '"docs/**/*.md"; write include = ["docs/**/*.md"]\n'
    )


def test_a_config_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    (tmp_path / "faqlint.toml").write_bytes(b'include = ["caf\xe9/*.md"]\n')
    result = run_cli("check", cwd=tmp_path)
    assert result.code == 2 and "Traceback" not in result.err
    assert "faqlint.toml: not UTF-8 text (byte 0xe9" in result.err


def test_the_symlink_checks_can_fail() -> None:
    """The walk test above depends on the platform having symlinks."""
    assert hasattr(os, "symlink")
