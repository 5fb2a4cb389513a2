"""`--since REV` lints what changed since REV and what the change affects;
`--new-only` reports only findings in changed lines or entries. Each test
works in a temporary git repository holding the report fixture site, whose
first commit already has seven findings (the debt a team starts with)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, run_cli

SITE = FIXTURES / "report-site"
STORAGE = "docs/en/storage/faq/faq.md"
NETWORK = "docs/en/network/faq/faq.md"
BILLING = "docs/en/billing/billing.md"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> str:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("GIT_")},
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(SITE, repo, ignore=shutil.ignore_patterns(".faqlint_cache"))
    (repo / ".gitignore").write_text(".faqlint_cache/\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "docs with old findings")
    return repo


def edit(repo: Path, page: str, old: str, new: str) -> None:
    path = repo / page
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def check(repo: Path, *args: str) -> tuple[int, list[tuple[str, str, int]], str]:
    run = run_cli("check", "--format", "json", *args, cwd=repo)
    assert "Traceback" not in run.err
    report = json.loads(run.out) if run.out else {"findings": []}
    return run.code, [(f["path"], f["rule"], f["line"]) for f in report["findings"]], run.err


def test_nothing_changed_lints_nothing(repo: Path) -> None:
    code, findings, err = check(repo, "--since", "HEAD")
    assert (code, findings) == (0, [])
    assert "no file to lint changed since HEAD" in err


def test_new_only_reports_the_new_broken_link_not_the_old_debt(repo: Path) -> None:
    edit(
        repo,
        STORAGE,
        "No: empty the bucket first.",
        "No: empty the [bucket](/en/storage/empty) first.\n\nThen delete it.",
    )
    code, findings, _ = check(repo, "--since", "HEAD")
    assert ("docs/en/storage/faq/faq.md", "broken-link", 13) in findings
    assert len(findings) > 2  # without --new-only: the whole changed file
    code, findings, err = check(repo, "--since", "HEAD", "--new-only")
    # The new link, and the question-format finding of the entry the edit touched.
    assert findings == [(STORAGE, "question-format", 11), (STORAGE, "broken-link", 13)]
    assert code == 1
    assert "outside the lines and entries changed since HEAD not shown" in err


def test_deleting_a_page_flags_the_pages_that_link_to_it(repo: Path) -> None:
    (repo / BILLING).unlink()
    code, findings, _ = check(repo, "--since", "HEAD", "--new-only")
    assert findings == [(STORAGE, "broken-link", 3)]
    assert code == 1


def test_a_question_asked_again_elsewhere_flags_the_unchanged_copy(repo: Path) -> None:
    """network/ sorts first, so the finding lands on storage/, which did not change."""
    edit(
        repo,
        NETWORK,
        "Why is my floating IP unreachable?",
        "Can I delete a bucket with objects in it?",
    )
    code, findings, _ = check(repo, "--since", "HEAD", "--new-only")
    assert (STORAGE, "duplicate-question", 11) in findings
    assert code == 1


def test_committed_and_untracked_changes_both_count(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD").strip()
    edit(repo, NETWORK, "Use the storage section", "Use the [storage](/en/storage/nowhere) section")
    git(repo, "commit", "-qam", "a change")
    new_page = repo / "docs" / "en" / "new" / "new.md"
    new_page.parent.mkdir(parents=True)
    new_page.write_text(
        "# New\n\n<details><summary>Is it new?</summary>\n\nTODO\n\n</details>\n", encoding="utf-8"
    )
    code, findings, _ = check(repo, "--since", base, "--new-only")
    assert (NETWORK, "broken-link", 5) in findings
    assert ("docs/en/new/new.md", "empty-answer", 3) in findings
    assert code == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "no-such-branch"], "--since no-such-branch: no such commit here"),
        (["--new-only"], "--new-only needs --since REV"),
    ],
)
def test_usage_errors(repo: Path, args: list[str], message: str) -> None:
    code, _, err = check(repo, *args)
    assert code == 2
    assert message in err


def test_outside_a_repository(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITE, site, ignore=shutil.ignore_patterns(".faqlint_cache"))
    code, _, err = check(site, "--since", "HEAD")
    assert code == 2
    assert "is not inside a git repository" in err


def test_a_near_duplicate_of_an_unchanged_question_is_new(repo: Path) -> None:
    """In a partial run similar-question reports the pair on the linted
    (changed) copy; the old exact duplicate between the two pages, in entries
    the change did not touch, stays out."""
    edit(
        repo,
        NETWORK,
        "Why is my floating IP unreachable?",
        "How do I delete a bucket with objects in it?",
    )
    code, findings, _ = check(repo, "--since", "HEAD", "--new-only")
    assert (NETWORK, "similar-question", 9) in findings
    assert not [f for f in findings if f[1] == "duplicate-question"]
    assert code == 1


def test_removing_an_anchor_flags_the_links_to_it_but_not_older_breakage(repo: Path) -> None:
    edit(repo, BILLING, "# Billing\n", "# Billing\n\n## Card payments\n\nText.\n")
    edit(
        repo,
        STORAGE,
        "See [the billing page](/en/billing)",
        "See [cards](/en/billing#card-payments), [old](/en/billing#gone) and [the billing page](/en/billing)",
    )
    git(repo, "commit", "-qam", "links into billing")
    edit(repo, BILLING, "## Card payments", "## Paying by card")
    code, findings, _ = check(repo, "--since", "HEAD", "--new-only")
    assert findings == [(STORAGE, "broken-anchor", 3)]  # the link to #card-payments only
    assert code == 1
    shown = json.loads(
        run_cli("check", "--format", "json", "--since", "HEAD", "--new-only", cwd=repo).out
    )
    assert "#card-payments" in shown["findings"][0]["message"]
    _, everything, _ = check(repo, "--since", "HEAD")
    assert [f for f in everything if f[1] == "broken-anchor" and f[0] == STORAGE] == [
        (STORAGE, "broken-anchor", 3),
        (STORAGE, "broken-anchor", 3),
    ]


def test_since_a_branch_that_moved_on_compares_with_the_fork_point(repo: Path) -> None:
    """As a pull request: main gained a page after the branch forked; that
    page is not the branch's change."""
    git(repo, "checkout", "-q", "-b", "feature")
    edit(repo, NETWORK, "Use the storage section", "Use the [storage](/en/storage/nowhere) section")
    git(repo, "commit", "-qam", "feature work")
    git(repo, "checkout", "-q", "main")
    other = repo / "docs" / "en" / "main-only" / "main-only.md"
    other.parent.mkdir(parents=True)
    other.write_text(
        "# Main\n\n<details><summary>Is it on main?</summary>\n\nTODO\n\n</details>\n",
        encoding="utf-8",
    )
    edit(repo, STORAGE, "TODO", "Fixed on main.")  # the branch still has the TODO
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "main moves on")
    git(repo, "checkout", "-q", "feature")
    code, findings, _ = check(repo, "--since", "main", "--new-only")
    # The entry the branch edited: its new link, and (a finding in a touched
    # entry) its question, asked on storage/ too. Nothing of main's own
    # commit: not main-only.md, not storage/'s TODO (which main fixed).
    assert findings == [(NETWORK, "duplicate-question", 3), (NETWORK, "broken-link", 5)]
    assert code == 1
