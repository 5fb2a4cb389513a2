"""The JSON report: a contract other tools parse (see README, "JSON report").

    {"faqlint": "0.1.0",
     "summary": {"files": 0, "entries": 0, "findings": 0, "errors": 0, "warnings": 0, "infos": 0},
     "findings": [{"rule": …, "code": …, "severity": …, "path": …, "line": …,
                   "column": …, "end_line": …, "end_column": …, "message": …,
                   "question": …, "fix": null, "related": [], "fingerprint": …}],
     "baseline": {"path": …, "recorded": false, "known": 0, "fixed": [{…}]}}

`baseline` is there only when the run used `--baseline` (see faqlint/baseline.py).

Keys are only ever added, never renamed.
"""

from __future__ import annotations

from typing import Any

from faqlint.findings import Finding, Report
from faqlint.parse.model import Fix, Related, Span
from faqlint.reporters import ReportContext, json_layout


def render(report: Report, context: ReportContext) -> str:
    data = as_data(report, context)
    return json_layout.dumps(data, data["findings"])


def as_data(report: Report, context: ReportContext) -> dict[str, Any]:
    data = {
        "faqlint": context.version,
        "summary": summary(report),
        "findings": [finding_data(f) for f in report.findings],
    }
    if context.baseline is not None:
        data["baseline"] = context.baseline.as_data()
    return data


def summary(report: Report) -> dict[str, Any]:
    return {
        "files": len(report.files),
        "entries": report.entry_count,
        "findings": len(report.findings),
        "errors": report.count("error"),
        "warnings": report.count("warning"),
        "infos": report.count("info"),
        "complete": report.complete,
        "unchecked": [item.as_data() for item in report.unchecked],
    }


def finding_data(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "code": finding.code,
        "severity": finding.severity,
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "message": finding.message,
        "question": finding.question,
        "fix": fix_data(finding.fix),
        "related": [related_data(r) for r in finding.related],
        "fingerprint": finding.fingerprint,
    }


def span_data(span: Span) -> dict[str, int]:
    return {
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
    }


def fix_data(fix: Fix | None) -> dict[str, Any] | None:
    if fix is None:
        return None
    return {
        "message": fix.message,
        "applicability": fix.applicability,
        "edits": [{**span_data(e.span), "content": e.content} for e in fix.edits],
    }


def related_data(related: Related) -> dict[str, Any]:
    return {"path": related.path, **span_data(related.span), "message": related.message}
