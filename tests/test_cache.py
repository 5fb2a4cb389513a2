"""The cache (`.faqlint_cache/`): records, document-rule findings, memoised
folder walks and memoised corpus-rule findings. Whatever state the cache is
in, a run reports exactly what a run without a cache reports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import msgpack  # type: ignore[import-untyped]
import pytest

from faqlint.run.store import keys
from tests.conftest import run_cli

PAGE = "docs/en/faq/faq.md"
TOML = """include = ["docs/**/*.md"]
dialects = ["cut"]
[site]
root = "docs"
layout = "folder-index"
languages = ["en", "ru"]
relative-base = "directory"
"""


def cut(question: str, answer: str = "See the console.") -> str:
    return f"{{cut({question})}}\n\n{answer}\n\n{{/cut}}\n\n"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small two-language site with links, anchors, duplicates and a gap."""
    # The fixture's folders are seconds old: let walks be memoised anyway.
    monkeypatch.setattr(keys, "RACY_NS", 0)
    write(tmp_path / "faqlint.toml", TOML)
    write(tmp_path / "nocache.toml", TOML + "[cache]\nenabled = false\n")
    write(
        tmp_path / PAGE,
        cut("How do I pay?", "See [billing](../billing#cards).")
        + cut("How do I delete my account?")
        + cut("Is there a mobile app?", "See [apps](../apps)."),
    )
    write(tmp_path / "docs/ru/faq/faq.md", cut("Как оплатить?", "См. [оплату](../billing#cards)."))
    write(tmp_path / "docs/en/billing/billing.md", "# Billing\n\n## Cards\n\nText.\n")
    write(tmp_path / "docs/ru/billing/billing.md", "# Оплата\n\n## Карты\n\nТекст.\n")
    write(tmp_path / "docs/en/other/other.md", cut("How do I pay?", "Other answer."))
    return tmp_path


def findings(site: Path, *paths: str, config: str = "faqlint.toml") -> list[dict[str, object]]:
    result = run_cli("check", "--config", config, "--format", "json", *paths, cwd=site)
    assert result.code in (0, 1), result.err
    return json.loads(result.out)["findings"]  # type: ignore[no-any-return]


def uncached(site: Path, *paths: str) -> list[dict[str, object]]:
    found = findings(site, *paths, config="nocache.toml")
    assert found, "the fixture should have findings"
    return found


RUNS = [(), (PAGE,)]  # a whole run, and a one-file run (a pre-commit hook)


def cache_files(site: Path) -> list[Path]:
    return sorted((site / ".faqlint_cache").glob("*.msgpack"))


@pytest.mark.parametrize("paths", RUNS)
def test_warm_runs_report_what_a_run_without_cache_reports(site: Path, paths: tuple[str]) -> None:
    expected = uncached(site, *paths)
    for _ in range(3):  # cold, warm (memoised), warm again
        assert findings(site, *paths) == expected
    names = {p.name.split("-")[0] for p in cache_files(site)}
    assert names == {"records", "listing"}


@pytest.mark.parametrize("paths", RUNS)
def test_a_run_that_changes_nothing_writes_nothing(site: Path, paths: tuple[str]) -> None:
    findings(site, *paths)
    findings(site, *paths)
    before = {p: p.stat().st_mtime_ns for p in cache_files(site)}
    assert before, "the first runs should have filled the cache"
    findings(site, *paths)
    assert {p: p.stat().st_mtime_ns for p in cache_files(site)} == before


@pytest.mark.parametrize("paths", RUNS)
@pytest.mark.parametrize("damage", ["truncated", "foreign", "garbage", "wrong-shape"])
def test_a_damaged_cache_is_ignored(site: Path, paths: tuple[str], damage: str) -> None:
    expected = uncached(site, *paths)
    findings(site, *paths)
    files = cache_files(site)
    assert files
    for file in files:
        data = file.read_bytes()
        if damage == "truncated":
            file.write_bytes(data[: len(data) // 2])
        elif damage == "foreign":  # another faqlint's format under the same name
            file.write_bytes(msgpack.packb({"format": -1, "entries": [], "key": None}))
        elif damage == "wrong-shape":  # the right format number, entries not as written
            file.write_bytes(_misshapen(msgpack.unpackb(data, strict_map_key=False)))
        else:
            file.write_bytes(b"not a cache file")
    assert findings(site, *paths) == expected
    assert findings(site, *paths) == expected


def _misshapen(data: Any) -> bytes:
    """Every stored value replaced by one of the wrong shape, keys kept."""
    if "entries" in data:
        for path, entry in data["entries"].items():
            entry[3] = msgpack.packb([1, 2, 3])  # a record that is not one
            data["entries"][path] = entry
        for path, result in data["results"].items():
            result[2] = msgpack.packb([[["x"]], []])  # a finding that is not one
            data["results"][path] = result
        data["memos"] = {key: [[], [], [["a.md", [[1]]]], [], []] for key in data["memos"]}
    else:
        data["result"] = {"files": [1, 2], "skipped": [["x"]]}
    return msgpack.packb(data)  # type: ignore[no-any-return]


@pytest.mark.parametrize("paths", RUNS)
def test_another_versions_cache_is_not_read(
    site: Path, paths: tuple[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = uncached(site, *paths)
    keys.code_stamp.cache_clear()
    monkeypatch.setattr(keys, "__version__", "0.0.0-other")
    findings(site, *paths)
    other = set(cache_files(site))
    write(site / "docs/en/other/other.md", cut("How do I delete my account?"))
    monkeypatch.undo()
    keys.code_stamp.cache_clear()
    monkeypatch.setattr(keys, "RACY_NS", 0)
    assert findings(site, *paths) == uncached(site, *paths)
    assert findings(site, *paths) != expected  # the edit shows
    assert set(cache_files(site)) - other, "this version should have written its own files"


@pytest.mark.parametrize("paths", RUNS)
def test_two_runs_at_once(site: Path, paths: tuple[str]) -> None:
    expected = uncached(site, *paths)
    command = [sys.executable, "-m", "faqlint", "check", "--format", "json", *paths]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    for _ in range(2):
        runs = [
            subprocess.Popen(command, cwd=site, env=env, stdout=subprocess.PIPE, text=True)
            for _ in range(3)
        ]
        try:
            outputs = [run.communicate(timeout=120)[0] for run in runs]
        finally:
            for run in runs:
                run.kill()
        assert [run.returncode for run in runs] == [1, 1, 1]  # findings, no crash
        assert [json.loads(out)["findings"] for out in outputs] == [expected] * 3
    assert findings(site, *paths) == expected


@pytest.mark.parametrize("paths", RUNS)
def test_an_unwritable_cache_folder_only_costs_time(site: Path, paths: tuple[str]) -> None:
    expected = uncached(site, *paths)
    # A file where the folder should be: no user (not even root) can write there.
    write(site / "blocked", "")
    with open(site / "faqlint.toml", "a", encoding="utf-8") as handle:
        handle.write('[cache]\ndir = "blocked/cache"\n')
    assert findings(site, *paths) == expected
    assert findings(site, *paths) == expected


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
@pytest.mark.parametrize("paths", RUNS)
def test_a_read_only_cache_folder_only_costs_time(site: Path, paths: tuple[str]) -> None:
    expected = uncached(site, *paths)
    findings(site, *paths)
    folder = site / ".faqlint_cache"
    write(site / "docs/en/other/other.md", cut("How do I delete my account?"))
    folder.chmod(0o500)
    try:
        assert findings(site, *paths) == uncached(site, *paths) != expected
    finally:
        folder.chmod(0o700)


@pytest.mark.parametrize("paths", RUNS)
def test_a_folder_that_refuses_writes_only_costs_time(
    site: Path, paths: tuple[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The read-only case for any user, root included: every file creation in
    the cache folder fails with EACCES, as the kernel answers for a folder
    without write permission."""
    import tempfile

    expected = uncached(site, *paths)
    findings(site, *paths)
    folder = (site / ".faqlint_cache").resolve()
    real_mkstemp = tempfile.mkstemp
    refused: list[str] = []

    def refuse(*args: object, **kwargs: object) -> object:
        where = kwargs.get("dir")
        if where is not None and Path(str(where)).resolve() == folder:
            refused.append(str(where))
            raise PermissionError(13, "Permission denied", str(where))
        return real_mkstemp(*args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    write(site / "docs/en/other/other.md", cut("How do I delete my account?"))
    assert findings(site, *paths) == uncached(site, *paths) != expected
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == before
    assert refused, "the run should have tried to update the cache"


# -- what invalidates the memoised corpus findings ---------------------------------


@pytest.mark.parametrize("paths", RUNS)
def test_an_edit_of_a_link_target_outside_include_shows(site: Path, paths: tuple[str]) -> None:
    """billing.md is read only as a link target: it is not under `include`."""
    for name in ("faqlint.toml", "nocache.toml"):
        text = (site / name).read_text(encoding="utf-8")
        write(site / name, 'exclude = ["docs/en/billing/**"]\n' + text)
    findings(site, *paths)
    broken = [f for f in findings(site, *paths) if f["rule"] == "broken-anchor"]
    assert not [f for f in broken if f["path"] == PAGE]
    write(site / "docs/en/billing/billing.md", "# Billing\n\n## Wire transfers\n\nText.\n")
    found = findings(site, *paths)
    assert found == uncached(site, *paths)
    assert [f for f in found if f["rule"] == "broken-anchor" and f["path"] == PAGE]


def test_a_new_page_shows(site: Path) -> None:
    findings(site, PAGE)
    findings(site, PAGE)
    write(site / "docs/en/apps/apps.md", "# Apps\n")
    write(site / "docs/en/more/more.md", cut("Is there a mobile app?", "Yes."))
    found = findings(site, PAGE)
    assert found == uncached(site, PAGE)
    assert not any(f["rule"] == "broken-link" for f in found)
    assert any(f["rule"] == "duplicate-question" and f["line"] == 13 for f in found)


def test_a_removed_page_shows(site: Path) -> None:
    findings(site)
    findings(site)
    (site / "docs/ru/faq/faq.md").unlink()
    found = findings(site)
    assert found == uncached(site)
    assert not any(f["rule"] == "translation-gap" for f in found)


def test_a_new_gitignore_shows(site: Path) -> None:
    findings(site)
    findings(site)
    write(site / "docs/en/other/.gitignore", "*.md\n")
    found = findings(site)
    assert found == uncached(site)
    assert not any(f["path"] == "docs/en/other/other.md" for f in found)


def test_a_config_change_shows(site: Path) -> None:
    write(site / "docs/en/billing/billing.md", "# Billing\n")  # #cards is now broken

    def severities() -> list[object]:
        return [f["severity"] for f in findings(site, PAGE) if f["rule"] == "broken-anchor"]

    assert severities() == ["error"]
    assert severities() == ["error"]  # warm
    with open(site / "faqlint.toml", "a", encoding="utf-8") as handle:
        handle.write('[rules.broken-anchor]\nseverity = "warning"\n')
    assert severities() == ["warning"]


def test_a_walk_is_not_memoised_while_its_folders_are_fresh(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keys, "RACY_NS", 3_600 * 10**9)
    findings(site)
    assert list((site / ".faqlint_cache").glob("records-*")), "the run should have cached records"
    assert not list((site / ".faqlint_cache").glob("listing-*"))


def test_a_run_from_another_folder_reports_its_own_paths(site: Path, tmp_path: Path) -> None:
    """Findings and records hold paths relative to the working directory: a
    cache filled from the site's folder must not answer a run from docs/
    (which finds faqlint.toml above it)."""
    import shutil

    fresh = tmp_path / "fresh"
    shutil.copytree(site, fresh)
    expected = run_cli("check", "--format", "json", cwd=fresh / "docs")  # cold cache
    assert json.loads(expected.out)["findings"], "the run from docs/ should have findings"
    findings(site)
    findings(site)
    from_docs = run_cli("check", "--format", "json", cwd=site / "docs")
    assert from_docs.out == expected.out


def test_an_edited_metadata_sidecar_shows(site: Path) -> None:
    """A page's `.meta.json` says which builds publish it; it is not the
    page's text, yet editing it changes whether links to the page work."""
    meta = '[site]\nbuild = "public"\nmetadata = "{folder}.meta.json"\n'
    for name in ("faqlint.toml", "nocache.toml"):
        text = (site / name).read_text(encoding="utf-8")
        write(site / name, text.replace("[site]\n", meta, 1))
    sidecar = site / "docs/en/apps/apps.meta.json"
    write(site / "docs/en/apps/apps.md", "# Apps\n")
    write(sidecar, '{"build": {"for": ["private"]}}')
    for paths in RUNS:
        findings(site, *paths)
        unpublished = findings(site, *paths)
        assert unpublished == uncached(site, *paths)
        assert any(f["rule"] == "broken-link" and "apps" in str(f["message"]) for f in unpublished)
    write(sidecar, '{"build": {"for": ["private", "public"]}}')
    for paths in RUNS:
        published = findings(site, *paths)
        assert published == uncached(site, *paths)
        assert not any(
            f["rule"] == "broken-link" and "apps" in str(f["message"]) for f in published
        )


def test_a_cache_folder_inside_the_linted_tree_is_not_walked(site: Path) -> None:
    """With `[cache] dir` under `include`, each run's save would change the
    walked folders and the memoised walk would never be reused."""
    with open(site / "faqlint.toml", "a", encoding="utf-8") as handle:
        handle.write('[cache]\ndir = "docs/cache"\n')
    findings(site)
    findings(site)
    listings = sorted((site / "docs/cache").glob("listing-*"))
    assert listings
    before = [p.stat().st_mtime_ns for p in listings]
    findings(site)
    assert [p.stat().st_mtime_ns for p in listings] == before
    assert findings(site) == uncached(site)


def test_a_same_size_rewrite_in_the_same_clock_tick_shows(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page rewritten right after it was read, same size, same mtime (a
    coarse clock): a recent mtime is not trusted, so the text is hashed."""
    monkeypatch.setattr(keys, "RACY_NS", 3_600 * 10**9)  # every fixture file is "recent"
    page = site / PAGE
    stamp = page.stat()
    findings(site, PAGE)
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text.replace("How do I delete my account?", "How do I remove my account?"), encoding="utf-8"
    )
    os.utime(page, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert page.stat().st_size == stamp.st_size
    assert findings(site, PAGE) == uncached(site, PAGE)


def test_a_cache_written_by_other_code_is_not_read(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same version number, changed code (a checkout between releases): the
    cache files are named by a stamp of faqlint's modules, so new ones are made."""
    findings(site)
    findings(site)
    before = set(cache_files(site))
    monkeypatch.setattr(keys, "code_stamp", lambda: "other code")
    assert findings(site) == uncached(site)
    assert set(cache_files(site)) - before, "the other code should have written its own files"
