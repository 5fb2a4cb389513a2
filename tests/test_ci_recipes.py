"""The README's CI recipes ("## CI and pre-commit") are valid YAML of the right
shape, and every `faqlint` command in them is one faqlint's own parser accepts,
writing the report files the CI configuration picks up."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from faqlint.cli import UsageError, build_parser
from faqlint.reporters import REPORT_FILES
from tests.conftest import ROOT

SECTION = "## CI and pre-commit"
# CI variables, as a runner would expand them on a pull / merge request to main.
SUBSTITUTIONS = {
    "${{ github.base_ref }}": "main",
    "$CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
}


def _section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index(f"\n{SECTION}\n")
    end = readme.find("\n## ", start + len(SECTION) + 2)
    return readme[start : end if end != -1 else len(readme)]


def _blocks() -> list[str]:
    return re.findall(r"^```yaml\n(.*?)^```$", _section(), re.MULTILINE | re.DOTALL)


def _documents() -> dict[str, dict[str, Any]]:
    """The section's YAML blocks by kind: pre-commit, github, gitlab."""
    found: dict[str, dict[str, Any]] = {}
    for block in _blocks():
        data = yaml.safe_load(block)
        assert isinstance(data, dict), block
        if "repos" in data:
            kind = "pre-commit"
        elif "jobs" in data:
            kind = "github"
        else:
            kind = "gitlab"
        assert kind not in found, f"two {kind} blocks"
        found[kind] = data
    return found


def _gitlab_jobs(config: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """GitLab's jobs with `extends` resolved (a deep merge of mappings; lists
    and values of the job win), hidden `.templates` left out."""

    def merged(base: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
        out = dict(base)
        for key, value in own.items():
            if isinstance(value, dict) and isinstance(out.get(key), dict):
                out[key] = merged(out[key], value)
            else:
                out[key] = value
        return out

    def resolve(name: str) -> dict[str, Any]:
        job = dict(config[name])
        parents = job.pop("extends", [])
        result: dict[str, Any] = {}
        for parent in [parents] if isinstance(parents, str) else parents:
            result = merged(result, resolve(parent))
        return merged(result, job)

    return {
        name: resolve(name)
        for name, job in config.items()
        if not name.startswith(".") and isinstance(job, dict) and "script" in job
    }


def _shell_lines() -> list[str]:
    """Every shell line of the recipes: GitHub `run` steps, GitLab scripts."""
    documents = _documents()
    lines: list[str] = []
    for job in documents["github"]["jobs"].values():
        for step in job["steps"]:
            lines.extend(step.get("run", "").splitlines())
    for job in _gitlab_jobs(documents["gitlab"]).values():
        for entry in job["script"]:
            lines.extend(entry.splitlines())
    return [line.strip() for line in lines if line.strip()]


def _faqlint_lines() -> list[str]:
    return [line for line in _shell_lines() if line.startswith("faqlint ")]


def _argv(line: str) -> list[str]:
    for variable, value in SUBSTITUTIONS.items():
        line = line.replace(variable, value)
    assert "$" not in line, f"an unexpanded CI variable in {line!r}"
    program, *argv = shlex.split(line)
    assert program == "faqlint"
    return argv


def _parse(line: str) -> Any:
    """The command as faqlint reads it; every option must be known."""
    try:
        return build_parser().parse_args(_argv(line))
    except UsageError as exc:
        pytest.fail(f"faqlint's parser refuses the README's {line!r}: {exc}")


def _options(line: str) -> Any:
    """The command's known options (`--format`, `--report`…), for the tests of
    the recipes' shape; `test_every_faqlint_command_parses` is the strict one."""
    args, _unknown = build_parser().parse_known_args(_argv(line))
    return args


def _report_files(args: Any) -> set[str]:
    """The files `--report FORMAT[:PATH]` writes (default: under reports/)."""
    files = set()
    for spec in args.report:
        fmt, _, path = spec.partition(":")
        files.add(path or f"reports/{REPORT_FILES[fmt]}")
    return files


def test_the_section_has_a_pre_commit_a_github_and_a_gitlab_block() -> None:
    assert len(_blocks()) == 3
    assert set(_documents()) == {"pre-commit", "github", "gitlab"}
    section = _section()
    assert "placeholder" in section  # the repo URL is not a real one yet
    assert "--baseline" in section
    assert ".faqlint_cache/" in section


def test_pre_commit_snippet_is_valid_for_pre_commit(tmp_path: Path) -> None:
    clientlib = pytest.importorskip(
        "pre_commit.clientlib", reason="pre-commit is not installed (part of the [test] extra)"
    )
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(yaml.safe_dump(_documents()["pre-commit"]), encoding="utf-8")
    loaded = clientlib.load_config(str(config))
    (repo,) = loaded["repos"]
    assert repo["repo"] == "https://github.com/faqlint/faqlint"
    assert repo["rev"]
    published = {
        hook["id"] for hook in clientlib.load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    }
    assert {hook["id"] for hook in repo["hooks"]} <= published
    for hook in repo["hooks"]:
        re.compile(hook.get("files", ""))


def test_github_workflow_structure() -> None:
    workflow = _documents()["github"]
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in triggers and "push" in triggers
    (job,) = workflow["jobs"].values()
    steps = job["steps"]
    assert isinstance(steps, list) and all("uses" in s or "run" in s for s in steps)
    uses = {step["uses"].split("@")[0]: step for step in steps if "uses" in step}
    assert uses["actions/checkout"]["with"]["fetch-depth"] == 0  # --since needs the base branch
    assert "actions/setup-python" in uses
    assert any(step.get("run") == "pip install faqlint" for step in steps)

    upload = uses["github/codeql-action/upload-sarif"]
    assert upload["uses"].endswith("@v3")
    assert upload["if"] == "always()"  # also when faqlint found something and failed
    permissions = {**workflow.get("permissions", {}), **job.get("permissions", {})}
    assert permissions["security-events"] == "write"

    commands = [
        _options(step["run"]) for step in steps if step.get("run", "").startswith("faqlint ")
    ]
    assert len(commands) == 2  # the whole site on push, the changes on a pull request
    for args in commands:
        assert args.command == "check"
        assert args.format == "github"  # annotations on the pull request
        assert _report_files(args) == {upload["with"]["sarif_file"]}
    assert sum("--since" in step.get("run", "") for step in steps) == 1


def test_gitlab_job_structure() -> None:
    jobs = _gitlab_jobs(_documents()["gitlab"])
    assert len(jobs) == 2  # the whole site on branches, the changes on merge requests
    merge_request = [
        job for job in jobs.values() if any("--since" in line for line in job["script"])
    ]
    assert len(merge_request) == 1
    assert any(
        line.startswith("git fetch") and "$CI_MERGE_REQUEST_TARGET_BRANCH_NAME" in line
        for line in merge_request[0]["script"]
    )
    for job in jobs.values():
        assert job["image"] == "python:3.12"
        assert isinstance(job["script"], list)
        assert "pip install faqlint" in job["script"]
        artifacts = job["artifacts"]
        assert artifacts["when"] == "always"
        assert artifacts["reports"]["junit"] == "reports/junit.xml"
        assert artifacts["reports"]["codequality"] == "reports/gl-code-quality.json"
        (command,) = [line for line in job["script"] if line.startswith("faqlint ")]
        args = _options(command)
        assert args.command == "check"
        assert _report_files(args) == set(artifacts["reports"].values())


def _id(line: str) -> str:
    for variable, value in SUBSTITUTIONS.items():
        line = line.replace(variable, value)
    return line.removeprefix("faqlint check ")


@pytest.mark.parametrize("line", _faqlint_lines(), ids=_id)
def test_every_faqlint_command_parses(line: str) -> None:
    """Written for the flags of `faqlint check`, `--since REV` and
    `--new-only` included: a renamed or dropped option breaks the recipe."""
    args = _parse(line)
    assert args.command == "check"
    if "--since" in line:
        assert args.since == "origin/main"
        assert args.new_only is True


def test_recipes_have_faqlint_commands() -> None:
    lines = _faqlint_lines()
    assert len(lines) == 4
    assert sum("--since" in line and "--new-only" in line for line in lines) == 2


def test_the_pre_commit_rev_shown_exists_and_has_the_hooks() -> None:
    """`rev:` in the README names a tag (or commit) of this repository whose
    tree has the hooks manifest: a user copying the block gets a working hook."""
    import subprocess

    [repo] = _documents()["pre-commit"]["repos"]
    rev = str(repo["rev"])

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)

    if git("rev-parse", "--git-dir").returncode != 0:
        pytest.skip("not a git checkout: the tags cannot be read")
    if not git("tag", "--list").stdout.strip():
        pytest.skip("this clone has no tags (fetch them with `git fetch --tags`)")
    assert git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").returncode == 0, (
        f"the README's pre-commit rev {rev!r} is not a tag or commit of this repository"
    )
    assert git("cat-file", "-e", f"{rev}:.pre-commit-hooks.yaml").returncode == 0
