"""The HTML report for writers: one self-contained file (inline CSS and JS,
no network), readable on a laptop and a phone, printable.

The page is rendered by jinja2 with autoescaping: the summary (files,
entries, findings by severity and by rule, clean files) is HTML; the
findings travel as one JSON document in a `<script type="application/json">`
block and are drawn by the page's script, file group by file group as the
reader scrolls (so 10,000 findings open at once), always with `textContent`:
text from the pages (a `<script>` in a question) is shown, never run.

Source excerpts are stored once per file and line (findings on the same line
share them) and long lines are cut around the finding, which keeps a report
of 10,000 findings under 5 MB.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from importlib import resources
from typing import Any

from faqlint.findings import Finding, Report
from faqlint.reporters import ReportContext, json_report
from faqlint.reporters.grouping import FileGroup, group_report

EXCERPT_LINES = 3  # lines of source shown per finding at most
LINE_WINDOW = 240  # characters kept of a long line, around the finding
_LINE_END = re.compile(r"\r\n|\r|\n")


def render(report: Report, context: ReportContext) -> str:
    groups = group_report(report, with_clean_entries=False)
    data = _data(report, context, groups)
    template = _environment().get_template("report.html.j2")
    return str(
        template.render(
            version=context.version,
            summary=_summary(report, groups, context),
            data_json=_script_json(data),
            css=_asset("report.css"),
            js=_asset("report.js"),
        )
    )


@cache
def _environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("faqlint.reporters", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _asset(name: str) -> str:
    return (resources.files("faqlint.reporters") / "templates" / name).read_text(encoding="utf-8")


def _script_json(data: dict[str, Any]) -> str:
    """JSON safe inside a <script> element: no `</script>`, no `<!--`."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _summary(report: Report, groups: list[FileGroup], context: ReportContext) -> dict[str, Any]:
    by_rule = Counter((f.code, f.rule, f.severity) for f in report.findings)
    rules = [
        {"code": code, "name": name, "severity": severity, "count": count}
        for (code, name, severity), count in sorted(by_rule.items(), key=lambda i: (-i[1], i[0]))
    ]
    with_findings = sum(1 for group in groups if group.finding_count)
    return {
        **json_report.summary(report),
        "clean_files": len(report.files) - with_findings,
        "files_with_findings": with_findings,
        "rules": rules,
        "fail_level": context.fail_level,
    }


def _data(report: Report, context: ReportContext, groups: list[FileGroup]) -> dict[str, Any]:
    used = {f.rule for f in report.findings}
    rules = {
        rule.name: {
            "code": rule.code,
            "severity": rule.severity,
            "summary": rule.summary,
            "doc": rule.doc,
            "fixable": rule.fixable,
        }
        for rule in context.rules.catalogue
        if rule.name in used
    }
    files = []
    for group in groups:
        if not group.finding_count:
            continue
        source = report.source(group.path)
        excerpts = Excerpts(_LINE_END.split(source.text) if source is not None else [])
        entries = [
            {
                "question": entry.question,
                "line": entry.line,
                "findings": [_finding(f, excerpts) for f in entry.findings],
            }
            for entry in group.entries
            if entry.findings
        ]
        files.append(
            {"path": group.path, "lines": excerpts.lines, "cuts": excerpts.cuts, "entries": entries}
        )
    clean = [group.path for group in groups if not group.finding_count]
    return {"version": context.version, "rules": rules, "files": files, "clean": clean}


class Excerpts:
    """The source lines a file's findings show, each stored once; a long line
    is cut to a window around the first finding on it (`cuts`: the column
    before which it was cut)."""

    def __init__(self, text_lines: list[str]) -> None:
        self.text_lines = text_lines
        self.lines: dict[int, str] = {}
        self.cuts: dict[int, int] = {}

    def add(self, finding: Finding) -> list[int]:
        last = min(finding.end_line, finding.line + EXCERPT_LINES - 1)
        numbers = [n for n in range(finding.line, last + 1) if 0 < n <= len(self.text_lines)]
        for number in numbers:
            if number in self.lines:
                continue
            text = self.text_lines[number - 1]
            if len(text) > LINE_WINDOW:
                column = finding.column if number == finding.line else 1
                start = max(0, min(column - 1 - LINE_WINDOW // 3, len(text) - LINE_WINDOW))
                self.cuts[number] = start
                tail = "…" if start + LINE_WINDOW < len(text) else ""
                text = text[start : start + LINE_WINDOW] + tail
            self.lines[number] = text
        return numbers


def _finding(finding: Finding, excerpts: Excerpts) -> dict[str, Any]:
    data: dict[str, Any] = {
        "rule": finding.rule,
        "code": finding.code,
        "severity": finding.severity,
        "line": finding.line,
        "column": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
        "message": finding.message,
        "excerpt": excerpts.add(finding),
    }
    if finding.fix is not None:
        data["fix"] = {
            "message": finding.fix.message,
            "safe": finding.fix.applicability == "safe",
        }
    if finding.related:
        data["related"] = [
            {"path": r.path, "line": r.span.line, "message": r.message} for r in finding.related
        ]
    return data
