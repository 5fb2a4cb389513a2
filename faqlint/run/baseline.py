"""`--baseline FILE`: adopt faqlint on existing docs without fixing them first.

The file records the findings of one run by fingerprint (rule + path + entry
question + normalised snippet, so it survives edits elsewhere in the file).
Later runs report, and fail on, only findings it does not hold; a fingerprint
recorded twice covers two findings (a multiset). Baseline entries that no
longer occur are listed as fixed, so the file can shrink with
`--update-baseline`.

    {"faqlint-baseline": 1, "faqlint": "0.1.0",
     "findings": [{"fingerprint": …, "rule": …, "path": …, "line": …,
                   "message": …, "question": …}]}

`line` and `message` are for people reading the file; only `fingerprint`
is matched. Recording is explicit (`--update-baseline`): a baseline named but
missing is an error, so a mistyped path never passes a CI run.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from faqlint.errors import FaqlintError
from faqlint.findings import Finding, Report

FORMAT_VERSION = 1


class BaselineItem(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")
    fingerprint: str
    rule: str = ""
    path: str = ""
    line: int = 0
    message: str = ""
    question: str | None = None


class BaselineFile(BaseModel):
    model_config = ConfigDict(extra="ignore")
    findings: list[BaselineItem]


@dataclass(slots=True)
class BaselineOutcome:
    """What the baseline did to a run: for the reports."""

    path: str
    recorded: bool = False  # the file was written by this run
    known: int = 0  # findings left out because the baseline holds them
    fixed: list[BaselineItem] = field(default_factory=list)

    def as_data(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "recorded": self.recorded,
            "known": self.known,
            "fixed": [item.model_dump() for item in self.fixed],
        }


def load(path: Path) -> list[BaselineItem]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise FaqlintError(f"{path}: cannot read the baseline: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise FaqlintError(f"{path}: the baseline is not UTF-8 text") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FaqlintError(
            f"{path}:{exc.lineno}: the baseline is not valid JSON ({exc.msg}); "
            "fix it, or delete it and run again to record a new one"
        ) from None
    if not isinstance(data, dict) or "faqlint-baseline" not in data:
        raise FaqlintError(f"{path}:1: not a faqlint baseline (no `faqlint-baseline` key)")
    if data["faqlint-baseline"] != FORMAT_VERSION:
        raise FaqlintError(
            f"{path}:1: baseline format {data['faqlint-baseline']!r} is not supported "
            f"(this faqlint reads format {FORMAT_VERSION})"
        )
    try:
        return BaselineFile.model_validate(data).findings
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        raise FaqlintError(f"{path}: bad baseline entry at `{where}`: {error['msg']}") from None


def dump(findings: list[Finding], version: str) -> str:
    items = [
        {
            "fingerprint": f.fingerprint,
            "rule": f.rule,
            "path": f.path,
            "line": f.line,
            "message": f.message,
            "question": f.question,
        }
        for f in sorted(findings, key=Finding.sort_key)
    ]
    data = {"faqlint-baseline": FORMAT_VERSION, "faqlint": version, "findings": items}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def write(path: Path, findings: list[Finding], version: str) -> None:
    from faqlint.writes import write_file

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_file(path, dump(findings, version).encode("utf-8"))
    except OSError as exc:
        raise FaqlintError(f"{path}: cannot write the baseline: {exc.strerror or exc}") from None


def apply(report: Report, items: list[BaselineItem], path: str) -> tuple[Report, BaselineOutcome]:
    """The report without the findings the baseline holds, and what was left out."""
    remaining = Counter(item.fingerprint for item in items)
    new: list[Finding] = []
    known = 0
    for finding in report.findings:
        if remaining[finding.fingerprint] > 0:
            remaining[finding.fingerprint] -= 1
            known += 1
        else:
            new.append(finding)
    fixed = []
    for item in items:  # fingerprints recorded more often than they occur now
        if remaining[item.fingerprint] > 0:
            remaining[item.fingerprint] -= 1
            fixed.append(item)
    return replace(report, findings=new), BaselineOutcome(path, known=known, fixed=fixed)


def run(
    report: Report, path: Path, update: bool, version: str, display: str
) -> tuple[Report, BaselineOutcome]:
    """Record the baseline when `update` is set; otherwise apply it (a
    missing file is the caller's usage error: recording is always explicit)."""
    if update:
        write(path, report.findings, version)
        outcome = BaselineOutcome(display, recorded=True, known=len(report.findings))
        return replace(report, findings=[]), outcome
    return apply(report, load(path), display)
