"""Pre-commit gating (issue 7): the hook manifest other repositories use, this
repository's own config, and real `git commit`s in a throwaway repository
whose hook runs this checkout's faqlint."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from faqlint.cli import build_parser
from tests.conftest import ROOT

clientlib = pytest.importorskip(
    "pre_commit.clientlib", reason="pre-commit is not installed (it is part of the [test] extra)"
)

TIMEOUT = 60  # seconds for any one git / pre-commit call
TRY_REPO = os.environ.get("FAQLINT_TEST_TRY_REPO") == "1"


# --- The manifest: .pre-commit-hooks.yaml ------------------------------------------------


def _manifest() -> dict[str, dict[str, Any]]:
    hooks = clientlib.load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    return {hook["id"]: hook for hook in hooks}


def test_manifest_loads_with_pre_commits_own_loader() -> None:
    hooks = _manifest()
    assert set(hooks) == {"faqlint", "faqlint-fix"}
    for hook in hooks.values():
        assert hook["language"] == "python"  # pre-commit pip-installs this repository
        assert hook["types"] == ["markdown"]
        assert hook["pass_filenames"] is True
        assert hook["require_serial"] is True  # one process: cross-file checks, own parallelism
        assert hook["minimum_pre_commit_version"] == "3.5.0"


def test_manifest_entries_are_faqlint_commands() -> None:
    """The entry runs the console script pyproject.toml installs, with options
    faqlint's own parser accepts (pre-commit appends the file names)."""
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "scripts"
    ]
    hooks = _manifest()
    parsed = {}
    for hook_id, hook in hooks.items():
        program, *argv = shlex.split(hook["entry"])
        assert program in scripts
        parsed[hook_id] = build_parser().parse_args([*argv, "docs/a.md", "docs/b.md"])
        assert parsed[hook_id].command == "check"
        assert parsed[hook_id].paths == ["docs/a.md", "docs/b.md"]
    assert not parsed["faqlint"].fix
    assert parsed["faqlint-fix"].fix
    assert not parsed["faqlint-fix"].unsafe_fixes  # a hook applies safe fixes only


def test_markdown_type_matches_markdown_files() -> None:
    from identify.identify import tags_from_filename

    assert "markdown" in tags_from_filename("docs/en/faq/faq.md")
    assert "markdown" in tags_from_filename("README.markdown")
    assert "markdown" not in tags_from_filename("faqlint.toml")


# --- This repository's .pre-commit-config.yaml --------------------------------------------


def test_own_config_is_valid_and_lints_content_only() -> None:
    config = clientlib.load_config(str(ROOT / ".pre-commit-config.yaml"))
    repos = {repo["repo"]: repo for repo in config["repos"]}
    assert {
        hook["id"] for hook in repos["https://github.com/astral-sh/ruff-pre-commit"]["hooks"]
    } == {
        "ruff",
        "ruff-format",
    }
    local = {hook["id"]: hook for hook in repos["local"]["hooks"]}
    assert set(local) == {"mypy", "faqlint"}
    hook = local["faqlint"]
    assert hook["types"] == ["markdown"]
    assert hook["require_serial"] is True
    assert build_parser().parse_args(shlex.split(hook["entry"])[1:]).command == "check"
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])

    def selected(path: str) -> bool:
        return bool(files.search(path)) and not exclude.search(path)

    assert selected("content/en/intro/start/faq/faq.md")
    for other in (
        "README.md",
        "docs/x.md",
        "rules/README.md",
        "tests/fixtures/report-site/docs/a.md",
    ):
        assert not selected(other), other
    # Every Markdown file of content/ is one this hook sees.
    pages = [p.relative_to(ROOT).as_posix() for p in (ROOT / "content").rglob("*.md")]
    assert pages
    assert all(selected(page) for page in pages)


# --- Real commits through the installed hook ------------------------------------------------


@dataclass
class Result:
    code: int
    out: str  # stdout and stderr together, as a user sees them


@dataclass
class Repo:
    path: Path
    env: Mapping[str, str]

    def run(
        self, *argv: str, timeout: float = TIMEOUT, env: Mapping[str, str] | None = None
    ) -> Result:
        try:
            done = subprocess.run(
                argv,
                cwd=self.path,
                env=dict(self.env if env is None else env),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            pytest.fail(f"{shlex.join(argv)} did not finish in {timeout} s:\n{exc.output}")
        return Result(done.returncode, done.stdout)

    def git(self, *argv: str) -> Result:
        result = self.run("git", *argv)
        assert result.code == 0, f"git {shlex.join(argv)}:\n{result.out}"
        return result

    def write(self, path: str, text: str) -> None:
        target = self.path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def commit(self, message: str) -> Result:
        """`git commit` as a user types it: the pre-commit hook runs first."""
        return self.run("git", "-c", "commit.gpgsign=false", "commit", "-m", message)

    def commits(self) -> int:
        return int(self.git("rev-list", "--count", "HEAD").out)


def _entry(body: str) -> str:
    return f"# FAQ\n\n{body}"


def _details(question: str, answer: str) -> str:
    return f"<details><summary>{question}</summary>\n\n{answer}\n\n</details>\n\n"


SITE = {
    "faqlint.toml": (
        'include = ["docs/**/*.md"]\n\n[site]\nroot = "docs"\nlayout = "folder-index"\n'
    ),
    # folder-index: docs/en/billing/billing.md is served at /en/billing
    "docs/en/billing/billing.md": _entry(
        _details("How do I pay by card?", "Open the billing section and add a card.")
    ),
    "docs/en/storage/faq/faq.md": _entry(
        _details("How do I create a bucket?", "Top up your [balance](/en/billing) first.")
    ),
}


def _env(tmp_path: Path) -> dict[str, str]:
    """The user's environment without anything of an outer git or pre-commit
    run (GIT_DIR, GIT_INDEX_FILE… when the suite itself runs in a hook)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GIT_", "PRE_COMMIT")) and key not in {"PYTHONPATH", "NO_COLOR"}
    }
    home = tmp_path / "home"
    home.mkdir()
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="FAQ Writer",
        GIT_AUTHOR_EMAIL="writer@example.com",
        GIT_COMMITTER_NAME="FAQ Writer",
        GIT_COMMITTER_EMAIL="writer@example.com",
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-cache"),
        PRE_COMMIT_COLOR="never",
        NO_COLOR="1",
        # The hook runs this checkout's faqlint, whatever the venv has installed.
        PYTHONPATH=str(ROOT),
    )
    return env


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    """A docs repository with `pre-commit install` done and the site committed."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed: the pre-commit tests make real commits")
    path = tmp_path / "docs-repo"
    path.mkdir()
    repo = Repo(path, _env(tmp_path))
    repo.git("init", "-q")
    hook = {
        "id": "faqlint",
        "name": "faqlint",
        # offline and fast: this checkout's faqlint, on the test's own Python
        "entry": f"{shlex.quote(sys.executable)} -m faqlint check",
        "language": "system",
        "types": ["markdown"],
        "require_serial": True,
    }
    repo.write(
        ".pre-commit-config.yaml",
        yaml.safe_dump({"repos": [{"repo": "local", "hooks": [hook]}]}, sort_keys=False),
    )
    clientlib.load_config(str(path / ".pre-commit-config.yaml"))
    for name, text in SITE.items():
        repo.write(name, text)
    # The hook script it writes runs pre-commit with the Python that installed it.
    installed = repo.run(sys.executable, "-m", "pre_commit", "install")
    assert installed.code == 0, installed.out
    repo.git("add", ".pre-commit-config.yaml", *SITE)
    first = repo.commit("Add the docs site")
    assert first.code == 0, first.out
    assert re.search(r"^faqlint\.+Passed$", first.out, re.MULTILINE), first.out
    assert repo.commits() == 1
    return repo


def test_commit_with_a_broken_link_is_blocked(repo: Repo) -> None:
    page = "docs/en/network/faq/faq.md"
    repo.write(
        page,
        _entry(
            _details(
                "Why is my floating IP unreachable?",
                "Check the [security groups](/en/network/security-groups) of the instance.",
            )
        ),
    )
    repo.git("add", page)
    result = repo.commit("Add the network FAQ")
    assert result.code != 0, result.out
    assert repo.commits() == 1  # nothing was committed
    assert re.search(r"^faqlint\.+Failed$", result.out, re.MULTILINE), result.out
    assert re.search(
        rf"^{re.escape(page)}:5:11 FAQ101 broken-link page `/en/network/security-groups` not found",
        result.out,
        re.MULTILINE,
    ), result.out


def test_commit_repeating_a_question_of_another_page_is_blocked(repo: Repo) -> None:
    """Only the new page is staged, so only it is passed to faqlint; the page
    that already asks the question was committed earlier and is found anyway."""
    page = "docs/en/compute/faq/faq.md"
    repo.write(
        page,
        _entry(_details("How do I pay by card?", "See [billing](/en/billing).")),
    )
    repo.git("add", page)
    assert repo.git("diff", "--cached", "--name-only").out.split() == [page]
    result = repo.commit("Add the compute FAQ")
    assert result.code != 0, result.out
    assert repo.commits() == 1
    finding = re.search(
        rf"^{re.escape(page)}:3:19 FAQ301 duplicate-question (.*)$", result.out, re.M
    )
    assert finding, result.out
    assert "docs/en/billing/billing.md:3" in finding.group(1)
    assert "docs/en/storage" not in result.out  # other pages are not linted, only consulted


def test_clean_commit_passes(repo: Repo) -> None:
    page = "docs/en/compute/faq/faq.md"
    repo.write(
        page,
        _entry(_details("How do I resize a VM?", "Stop it, then see [billing](/en/billing).")),
    )
    repo.git("add", page)
    result = repo.commit("Add the compute FAQ")
    assert result.code == 0, result.out
    assert re.search(r"^faqlint\.+Passed$", result.out, re.MULTILINE), result.out
    assert repo.commits() == 2
    assert repo.git("status", "--porcelain").out == ""  # .faqlint_cache/ ignores itself


# --- The published hook through `pre-commit try-repo` ---------------------------------------


@pytest.mark.skipif(
    not TRY_REPO,
    reason=(
        "pre-commit try-repo pip-installs faqlint, its build backend (hatchling) and its "
        "dependencies into a fresh virtualenv: that needs a package index (offline it fails "
        "on hatchling; online it takes ~20 s). The manifest is tested statically above; "
        "set FAQLINT_TEST_TRY_REPO=1 to run it"
    ),
)
def test_try_repo_runs_the_published_hook(repo: Repo, tmp_path: Path) -> None:
    # try-repo of a dirty checkout only carries changes to tracked files; copy
    # this checkout's files (tracked and new, not ignored) into a fresh repository.
    listed = repo.run(
        "git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"
    )
    assert listed.code == 0, listed.out
    snapshot = Repo(tmp_path / "faqlint-snapshot", repo.env)
    for name in filter(None, listed.out.split("\0")):
        source = ROOT / name
        if source.is_file():
            (snapshot.path / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot.path / name)
    snapshot.git("init", "-q")
    snapshot.git("add", "-A")
    snapshot.git("-c", "commit.gpgsign=false", "commit", "-q", "--no-verify", "-m", "snapshot")

    page = "docs/en/network/faq/faq.md"
    repo.write(page, _entry(_details("Why is my IP unreachable?", "See [groups](/en/nowhere).")))
    result = repo.run(
        sys.executable,
        "-m",
        "pre_commit",
        "try-repo",
        str(snapshot.path),
        "faqlint",
        "--files",
        page,
        timeout=180,
        # the hook's own virtualenv must import its own faqlint, not this checkout
        env={key: value for key, value in repo.env.items() if key != "PYTHONPATH"},
    )
    assert result.code == 1, result.out
    assert f"{page}:5:" in result.out and "broken-link" in result.out, result.out
