"""The cache (`.faqlint_cache/`): records, document-rule findings, memoised
folder walks and memoised corpus-rule findings. Whatever state the cache is
in, a run reports exactly what a run without a cache reports."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from faqlint import cache
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
    monkeypatch.setattr(cache, "RACY_NS", 0)
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
    return sorted((site / ".faqlint_cache").glob("*.pickle"))


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
    findings(site, *paths)
    assert {p: p.stat().st_mtime_ns for p in cache_files(site)} == before


@pytest.mark.parametrize("paths", RUNS)
@pytest.mark.parametrize("damage", ["truncated", "foreign", "garbage"])
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
            file.write_bytes(pickle.dumps({"format": -1, "entries": [], "key": None}))
        else:
            file.write_bytes(b"not a pickle")
    assert findings(site, *paths) == expected
    assert findings(site, *paths) == expected


@pytest.mark.parametrize("paths", RUNS)
def test_another_versions_cache_is_not_read(
    site: Path, paths: tuple[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = uncached(site, *paths)
    monkeypatch.setattr(cache, "__version__", "0.0.0-other")
    findings(site, *paths)
    write(site / "docs/en/other/other.md", cut("How do I delete my account?"))
    monkeypatch.undo()
    monkeypatch.setattr(cache, "RACY_NS", 0)
    assert findings(site, *paths) == uncached(site, *paths)
    assert findings(site, *paths) != expected  # the edit shows


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
        outputs = [run.communicate()[0] for run in runs]
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
    findings(site, PAGE)
    findings(site, PAGE)
    with open(site / "faqlint.toml", "a", encoding="utf-8") as handle:
        handle.write('[rules.broken-anchor]\nseverity = "warning"\n')
    found = findings(site, PAGE)
    assert [f["severity"] for f in found if f["rule"] == "broken-anchor"] in ([], ["warning"])
    write(site / "docs/en/billing/billing.md", "# Billing\n")
    assert [f["severity"] for f in findings(site, PAGE) if f["rule"] == "broken-anchor"] == [
        "warning"
    ]


def test_a_walk_is_not_memoised_while_its_folders_are_fresh(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "RACY_NS", 3_600 * 10**9)
    findings(site)
    assert not list((site / ".faqlint_cache").glob("listing-*"))
