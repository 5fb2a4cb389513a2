"""Report formats: one module per format, each `render(report, context) -> str`.

`REPORT_FILES` names every format and the file `--report FORMAT` writes by
default (under `reports/`); `render` imports only the module asked for, so a
hook run pays for no format it does not print.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from faqlint.rules.ruleset import RuleSet

if TYPE_CHECKING:
    from faqlint.findings import Report
    from faqlint.run.baseline import BaselineOutcome

REPORT_FILES: dict[str, str] = {
    "text": "faqlint.txt",
    "json": "faqlint.json",
    "html": "faqlint.html",
    "junit": "junit.xml",
    "sarif": "faqlint.sarif",
    "gitlab": "gl-code-quality.json",
    "github": "github-annotations.txt",
}
_MODULES = {"json": "json_report"}  # `json` would shadow the standard library


@dataclass(frozen=True, slots=True)
class ReportContext:
    version: str
    rules: RuleSet
    color: bool = False
    quiet: bool = False
    fix_hint: bool = True
    fail_level: Literal["error", "warning", "info"] = "error"
    junit_warnings: Literal["failure", "system-out"] = "system-out"
    baseline: BaselineOutcome | None = None  # set when the run used `--baseline`


def render(fmt: str, report: Report, context: ReportContext) -> str:
    module = importlib.import_module(f"faqlint.reporters.{_MODULES.get(fmt, fmt)}")
    text: str = module.render(report, context)
    return text
