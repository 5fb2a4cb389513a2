"""Rows "crashes that abort the run", "per-host limit" and "minor": odd
names, bad config values and file encodings are named, never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from faqlint.links.external import check_urls
from faqlint.links.external_types import ExternalOptions
from tests.external_server import LocalServer, Reply, loopback_only
from tests.hostile.common import GOOD_PAGE, assert_survived, lint, project

NO_CACHE = "[cache]\nenabled = false\n"


def test_a_file_name_that_is_not_utf8_is_linted_and_shown_escaped(tmp_path: Path) -> None:
    site = project(tmp_path, '[cache]\ndir = ".faqlint_cache"\n')
    odd = os.path.join(os.fsencode(site), b"caf\xe9.md")
    with open(odd, "wb") as handle:
        handle.write(GOOD_PAGE.replace("pay", "log in").encode())  # not good.md's question
    for _ in range(2):  # cold, then from the cache
        result = lint(site, "--format", "json", "-o", str(tmp_path / "r.json"))
        assert result.run.code == 0, result.output
        assert r"caf\\xe9.md" in (tmp_path / "r.json").read_text(encoding="utf-8")
    text = lint(site)
    assert_survived(text, 0, 10.0)
    assert "caf\\xe9.md:3:19 FAQ203" in text.run.out
    fixed = lint(site, "--fix")
    assert "Traceback" not in fixed.output
    with open(odd, "rb") as handle:
        assert b"How do I log in?" in handle.read()


@pytest.mark.parametrize(
    ("config", "key"),
    [
        ('include = ["[z-a].md"]\n', "`include`"),
        ('exclude = ["**/[z-a]"]\n', "`exclude`"),
        ('[site]\nfragments = ["[z-a]/**"]\n', "`site.fragments`"),
    ],
)
def test_a_bad_glob_names_the_key_file_and_line(tmp_path: Path, config: str, key: str) -> None:
    site = project(tmp_path, config)
    result = lint(site)
    assert_survived(result, 2, 5.0, good=False)
    line = config.count("\n")
    assert f"faqlint.toml:{line}: {key}" in result.run.err
    assert "is not a valid glob" in result.run.err


def test_a_config_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    site = project(tmp_path)
    (site / "faqlint.toml").write_bytes(b'[site]\nroot = "caf\xe9"\n')
    result = lint(site)
    assert_survived(result, 2, 5.0, good=False)
    assert "faqlint.toml" in result.run.err and "UTF-8" in result.run.err


@pytest.mark.parametrize(
    ("encoding", "name"),
    [("utf-16", "UTF-16LE (byte-order mark)"), ("utf-16-be", "UTF-16BE")],
)
def test_a_utf16_page_is_named_as_such(tmp_path: Path, encoding: str, name: str) -> None:
    site = project(tmp_path)
    (site / "wide.md").write_bytes(GOOD_PAGE.encode(encoding))
    result = lint(site)
    assert_survived(result, 1, 10.0)
    assert f"wide.md:1:1 FAQ001 file-error {name} text, not UTF-8" in result.run.out


def test_the_per_host_limit_counts_one_server_however_spelled() -> None:
    routes: dict[str, Reply | list[Reply]] = {f"/{n}": Reply(delay=0.3) for n in range(8)}
    with loopback_only(), LocalServer(routes) as server:
        spellings = ("127.0.0.1", "localhost", "LOCALHOST", "127.0.0.1")
        urls = [
            f"http://{host}:{server.port}/{n}"
            for n, host in zip(range(8), spellings * 2, strict=True)
        ]
        options = ExternalOptions(per_host=2, concurrency=16, allow_private=True, retries=0)
        results = check_urls(urls, options)
    assert all(result.ok for result in results.values()), results
    assert server.in_flight.most <= 2
