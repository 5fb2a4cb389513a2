"""Style checking on the reference corpus: faqlint's style rules beside Vale,
proselint and textlint (write-good + alex), each on the same files.

    .venv/bin/python bench/style.py [--runs 5] [--slow-runs 1] [--skip-slow]
        [--select FAQ4]

faqlint runs twice per file set: with `--select STYLE_RULES` and with
`--select malformed-entry` (parsing only: the FAQ structure, no style rule),
so "style rules beyond parsing" is the difference of the two medians. The
peers are English tools, so they run on docs/en (774 pages) beside faqlint on
docs/en; proselint, which reads any file as plain text, also runs on every
page. Peers are installed into bench/.tools (see bench/README.md); Vale is
tried and, where its binary cannot be had, the error is reported instead.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from common import (
    CORPUS,
    ROOT,
    TOOLS,
    Timing,
    faqlint_command,
    machine,
    save,
    tool,
    uncached_config,
)

DEFAULT_STYLE = "FAQ4"  # the FAQ4xx rules: style, from Python and the default packs
PARSING_ONLY = "malformed-entry"
TEXTLINTRC = TOOLS / ".textlintrc.json"
VALE_INI = TOOLS / ".vale.ini"
TIMEOUT = 1800.0

Role = Literal["style", "parsing", "peer"]  # faqlint with style rules, faqlint parsing only
#  How often to run: fast = --runs after a warm-up run; medium = half as often;
#  slow = --slow-runs, no warm-up (textlint takes minutes on docs/en).
Speed = Literal["fast", "medium", "slow"]


@dataclass
class Counts:
    """What a tool reported, read from its output."""

    problems: int | None = None
    files: int | None = None  # files the tool says it checked
    detail: str = ""  # problems by rule, most frequent first


@dataclass
class Case:
    """One command to time, and how to read its output."""

    name: str
    command: list[str]
    files: str  # which files, for the table
    read: Callable[[str], Counts]
    role: Role = "peer"
    speed: Speed = "fast"
    ok_exits: tuple[int, ...] = (0, 1)  # 1 = problems found, for every tool here
    note: str = ""


@dataclass
class Result:
    timing: Timing
    files: str
    role: Role
    counts: Counts = field(default_factory=Counts)
    error: str = ""  # why it did not run (then timing has no seconds)


# -- reading each tool's output --------------------------------------------
_FAQLINT_LINE = re.compile(r"^\S.*?:\d+:\d+ FAQ\d+ (\S+) ", re.MULTILINE)
_FAQLINT_FOUND = re.compile(r"Found (\d+) findings .* of (\d+) files")
_FAQLINT_CLEAN = re.compile(r"All clean: (\d+) files")


def top(counter: Counter[str], limit: int = 4) -> str:
    shown = ", ".join(f"{name} {n:,}" for name, n in counter.most_common(limit))
    rest = len(counter) - limit
    return shown + (f" (+{rest} more kinds)" if rest > 0 else "")


def read_faqlint(out: str) -> Counts:
    if match := _FAQLINT_FOUND.search(out):
        rules = Counter(_FAQLINT_LINE.findall(out))
        return Counts(int(match[1]), int(match[2]), top(rules))
    if match := _FAQLINT_CLEAN.search(out):
        return Counts(0, int(match[1]))
    return Counts()


def read_proselint(out: str) -> Counts:
    """`proselint check -o json`: {"result": {file_uri: {"diagnostics": [...]}
    or {"error": ...}}}."""
    result = json.loads(out)["result"]
    checks: Counter[str] = Counter()
    failed = 0
    for report in result.values():
        if "error" in report:
            failed += 1
        checks.update(d["check_path"] for d in report.get("diagnostics", ()))
    detail = top(checks) + (f"; {failed} files failed to lint" if failed else "")
    return Counts(sum(checks.values()), len(result), detail)


def read_textlint(out: str) -> Counts:
    """`textlint -f json`: [{"filePath": ..., "messages": [{"ruleId": ...}]}]."""
    files = json.loads(out)
    rules = Counter(m.get("ruleId") or m.get("type", "?") for f in files for m in f["messages"])
    return Counts(sum(rules.values()), len(files), top(rules))


def read_vale(out: str) -> Counts:
    """`vale --output JSON`: {path: [alert, ...]} (files without alerts omitted)."""
    alerts = json.loads(out)
    checks = Counter(a.get("Check", "?") for found in alerts.values() for a in found)
    return Counts(sum(checks.values()), None, top(checks))


# -- running ---------------------------------------------------------------
def tail(text: str, lines: int = 3) -> str:
    return " / ".join(line.strip() for line in text.strip().splitlines()[-lines:])


def run(case: Case, runs: int, warmup: int) -> Result:
    """Time `case` `runs` times after `warmup` runs, output to a file (as a
    user redirecting it would; no pipe to drain), and read the last run's output.
    A first run that exits with an unexpected status stops the case."""
    timing = Timing(case.name, case.command, note=case.note)
    result = Result(timing, case.files, case.role)
    with tempfile.TemporaryDirectory(prefix="faqlint-bench-style-") as folder:
        out_path, err_path = Path(folder) / "out", Path(folder) / "err"
        for index in range(warmup + runs):
            with open(out_path, "wb") as out, open(err_path, "wb") as err:
                started = time.perf_counter()
                try:
                    proc = subprocess.run(
                        case.command, cwd=CORPUS, stdout=out, stderr=err,
                        timeout=TIMEOUT, check=False,
                    )  # fmt: skip
                except subprocess.TimeoutExpired:
                    result.error = f"timed out after {TIMEOUT:.0f} s"
                    return result
                elapsed = time.perf_counter() - started
            if proc.returncode not in case.ok_exits:
                message = tail(err_path.read_text(errors="replace")) or tail(
                    out_path.read_text(errors="replace")
                )
                result.error = f"exit {proc.returncode}: {message}"
                timing.exit_codes.append(proc.returncode)
                return result
            if index >= warmup:
                timing.seconds.append(elapsed)
                timing.exit_codes.append(proc.returncode)
        try:
            result.counts = case.read(out_path.read_text(encoding="utf-8", errors="replace"))
        except (ValueError, KeyError, TypeError) as exc:
            result.counts = Counts(detail=f"output not understood: {exc}")
    return result


def version(command: list[str]) -> str:
    try:
        proc = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"? ({exc})"
    text = (proc.stdout + proc.stderr).strip()
    return text.splitlines()[-1].strip() if proc.returncode == 0 and text else "?"


def revision() -> str:
    """The faqlint commit measured, and whether the work tree had changes."""
    head = version(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    changes = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain", "--", "faqlint", "rules"],
        capture_output=True, text=True, check=False,
    ).stdout  # fmt: skip
    return f"{head} + uncommitted changes" if changes.strip() else head


def npm_version(package: str) -> str:
    manifest = TOOLS / "node_modules" / package / "package.json"
    try:
        return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return "?"


def find_vale() -> tuple[str | None, list[str]]:
    """A working `vale`, and what each candidate said when it did not work.
    The PyPI package `vale` is a wrapper that downloads the binary from GitHub
    on its first run; so do the npm wrappers."""
    failures: list[str] = []
    candidates = [shutil.which("vale"), tool("venv-vale", "bin", "vale")]
    for candidate in dict.fromkeys(c for c in candidates if c):
        try:
            proc = subprocess.run(
                [candidate, "--version"], capture_output=True, text=True, timeout=300, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            failures.append(f"`{candidate} --version`: {exc}")
            continue
        if proc.returncode == 0:
            return candidate, failures
        failures.append(f"`{candidate} --version` exit {proc.returncode}: {tail(proc.stderr, 1)}")
    if not failures:
        failures.append("not installed (see bench/README.md)")
    return None, failures


def write_vale_config() -> None:
    """Vale's built-in `Vale` style (spelling, repetition, terms) on Markdown."""
    VALE_INI.write_text(
        "MinAlertLevel = suggestion\n\n[*.md]\nBasedOnStyles = Vale\n", encoding="utf-8"
    )


def markdown_files(folder: str) -> list[str]:
    return sorted(p.relative_to(CORPUS).as_posix() for p in (CORPUS / folder).glob("**/*.md"))


# -- cases -----------------------------------------------------------------
def faqlint_cases(faqlint: list[str], style: str, paths: list[str], files: str) -> list[Case]:
    base = [*faqlint, "check", "--config", str(uncached_config()), "-q"]
    return [
        Case(
            f"faqlint style (`{style}`)",
            [*base, "--select", style, *paths],
            files,
            read_faqlint,
            role="style",
        ),
        Case(
            f"faqlint parsing only (`{PARSING_ONLY}`)",
            [*base, "--select", PARSING_ONLY, *paths],
            files,
            read_faqlint,
            role="parsing",
        ),
    ]


def peer_cases(english: list[str], everything: list[str], skip_slow: bool) -> list[Case]:
    """The English tools on docs/en; proselint also on every page."""
    cases: list[Case] = []
    proselint = tool("venv-proselint", "bin", "proselint")
    if proselint:
        note = "plain text: Markdown syntax, code and URLs are read as prose"
        cases.append(
            Case(
                "proselint",
                [proselint, "check", "-o", "json", *english],
                "docs/en",
                read_proselint,
                speed="medium",
                note=note,
            )
        )
        if not skip_slow:
            cases.append(
                Case(
                    "proselint",
                    [proselint, "check", "-o", "json", *everything],
                    "all docs",
                    read_proselint,
                    speed="slow",
                    note=note,
                )
            )
    textlint = tool("node_modules", ".bin", "textlint")
    if textlint and TEXTLINTRC.exists() and not skip_slow:
        cases.append(
            Case(
                "textlint (write-good, alex)",
                [textlint, "--config", str(TEXTLINTRC), "-f", "json", "docs/en/**/*.md"],
                "docs/en",
                read_textlint,
                speed="slow",
                note="Markdown parsed (@textlint/textlint-plugin-markdown, built in)",
            )
        )
    return cases


# -- report ----------------------------------------------------------------
def shown(command: list[str], files: int) -> list[str]:
    """The command with its list of files abbreviated to `<N files>`."""
    words: list[str] = []
    listed = 0
    for word in command:
        if word.endswith(".md") and "*" not in word:
            listed += 1
            if listed == 1:
                words.append(f"<{files} files>")
            continue
        words.append(word)
    return words


def exits(timing: Timing) -> str:
    return ",".join(str(code) for code in sorted(set(timing.exit_codes))) or "–"


def row(result: Result, baseline: float | None) -> str:
    t, c = result.timing, result.counts
    if not t.seconds:
        return f"| {t.name} | {result.files} | not run | | | | {exits(t)} | | {result.error} |"
    ratio = f"{t.median / baseline:.1f}x" if baseline else ""
    problems = f"{c.problems:,}" if c.problems is not None else "?"
    seen = f" in {c.files:,} files" if c.files is not None else ""
    notes = "; ".join(n for n in (t.note, c.detail) if n)
    return (
        f"| {t.name} | {result.files} | {t.median:.2f} s | {min(t.seconds):.2f} – "
        f"{max(t.seconds):.2f} | {len(t.seconds)} | {ratio} | {exits(t)} | {problems}{seen} "
        f"| {notes} |"
    )


def table(results: list[Result]) -> str:
    """Ratios are to faqlint with the style rules on the same files (or, if
    that did not run, to faqlint parsing only)."""
    lines = [
        "| Tool | Files | Median wall | Min – max | Runs | vs faqlint | Exit | Problems | Notes |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for result in results:
        faqlint = [r for r in results if r.files == result.files and r.role != "peer"]
        base = next((r.timing.median for r in faqlint if r.timing.seconds), None)
        lines.append(row(result, base))
    return "\n".join(lines)


def beyond_parsing(results: list[Result], files: str) -> str:
    style = next(r for r in results if r.files == files and r.role == "style")
    parsing = next(r for r in results if r.files == files and r.role == "parsing")
    if not (style.timing.seconds and parsing.timing.seconds):
        why = style.error or parsing.error
        return f"- {files}: style rules beyond parsing: not measured ({why})"
    extra = style.timing.median - parsing.timing.median
    return (
        f"- {files}: style rules beyond parsing: {extra:+.2f} s "
        f"({style.timing.median:.2f} s − {parsing.timing.median:.2f} s, medians)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of the fast commands")
    parser.add_argument("--slow-runs", type=int, default=1, help="runs of the slow peers")
    parser.add_argument(
        "--skip-slow", action="store_true", help="no textlint, no all-docs proselint"
    )
    parser.add_argument("--select", default=DEFAULT_STYLE, help="faqlint's style rules")
    args = parser.parse_args()
    if not (CORPUS / "docs").is_dir():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    english, everything = markdown_files("docs/en"), markdown_files("docs")
    megabytes = sum((CORPUS / f).stat().st_size for f in everything) / 1e6
    print(f"corpus: {len(everything)} pages ({len(english)} in docs/en), {megabytes:.1f} MB")

    faqlint = faqlint_command()
    load_before = os.getloadavg()
    cases = [
        *faqlint_cases(faqlint, args.select, [], "all docs"),
        *faqlint_cases(faqlint, args.select, ["docs/en"], "docs/en"),
        *peer_cases(english, everything, args.skip_slow),
    ]
    vale, vale_failures = find_vale()
    if vale:
        write_vale_config()
        cases.append(
            Case(
                "Vale (built-in `Vale` style)",
                [vale, "--config", str(VALE_INI), "--output", "JSON", *english],
                "docs/en",
                read_vale,
            )
        )
    results: list[Result] = []
    for case in cases:
        print(f"  {case.name} on {case.files} …", file=sys.stderr, flush=True)
        runs, warmup = {
            "fast": (args.runs, 1),
            "medium": (max(1, args.runs // 2), 1),
            "slow": (args.slow_runs, 0),
        }[case.speed]
        result = run(case, runs, warmup)
        files = len(english) if case.files == "docs/en" else len(everything)
        result.timing.command = shown(case.command, files)
        results.append(result)
    if not vale:
        timing = Timing("Vale", [tool("venv-vale", "bin", "vale") or "vale", "--version"])
        results.append(Result(timing, "docs/en", "peer", error="; ".join(vale_failures)))
    order = {"all docs": 0, "docs/en": 1}
    results.sort(key=lambda r: order[r.files])

    proselint = tool("venv-proselint", "bin", "proselint")
    versions = {
        "faqlint": f"{version([*faqlint, '--version'])} ({revision()})",
        "proselint": version([proselint, "version"]) if proselint else "not installed",
        "textlint": npm_version("textlint"),
        "textlint-rule-write-good": npm_version("textlint-rule-write-good"),
        "textlint-rule-alex": npm_version("textlint-rule-alex"),
        "vale": version([vale, "--version"]) if vale else "not available",
    }
    info = machine()
    #  Other work on this machine shows as a load above 0 before the first run
    #  and above ~1–2 (one or two of our own processes) at the end.
    info["load (1, 5, 15 min) before, after"] = f"{load_before}, {os.getloadavg()}"
    print(f"\nmachine: {info}\nversions: {versions}\n")
    print(table(results) + "\n")
    for subset in order:
        print(beyond_parsing(results, subset))
    print(f"\nCommands (run in {CORPUS}):")
    for result in results:
        print(f"- {result.timing.name}, {result.files}: `{' '.join(result.timing.command)}`")
    path = save(
        "style",
        {"machine": info, "versions": versions, "select": args.select, "results": results},
    )
    print(f"\nsaved {path.relative_to(path.parent.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
