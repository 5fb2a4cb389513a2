"""GitLab Code Quality report (`artifacts:reports:codequality`).

A JSON array with one object per finding, the subset of the Code Climate
issue format that GitLab reads:

    [{"description": "FAQ101 broken-link: page `/x` not found",
      "check_name": "broken-link",
      "fingerprint": "…32 hex…",
      "severity": "major",
      "location": {"path": "docs/faq.md", "lines": {"begin": 3, "end": 3}}}]

Choices:
- Severity: error -> `major`, warning -> `minor`, info -> `info` (GitLab's
  scale is info, minor, major, critical, blocker; faqlint has no use for the
  top two).
- The fingerprint is the finding's own (stable when lines move; see
  `faqlint.run.engine.fingerprint`), made unique within the report by
  `fingerprints.unique_fingerprints`: GitLab keeps only one issue per
  fingerprint and compares them between the merge request and its target.
- `location.path` is as faqlint prints it, relative to the working
  directory: run faqlint from the repository root.
- No findings: `[]`, which GitLab reads as "no issues".
"""

from __future__ import annotations

from typing import Any

from faqlint.findings import Finding, Report
from faqlint.reporters import ReportContext, json_layout
from faqlint.reporters.fingerprints import unique_fingerprints

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def render(report: Report, context: ReportContext) -> str:
    fingerprints = unique_fingerprints(report.findings)
    issues = [issue(f, fp) for f, fp in zip(report.findings, fingerprints, strict=True)]
    return json_layout.dumps(issues, issues)


def issue(finding: Finding, fingerprint: str) -> dict[str, Any]:
    begin = max(1, finding.line)
    return {
        "description": f"{finding.code} {finding.rule}: {finding.message}",
        "check_name": finding.rule,
        "fingerprint": fingerprint,
        "severity": SEVERITIES.get(finding.severity, "info"),
        "location": {
            "path": finding.path,
            "lines": {"begin": begin, "end": max(begin, finding.end_line)},
        },
    }
