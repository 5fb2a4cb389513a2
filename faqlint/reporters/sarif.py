"""SARIF 2.1.0: the format GitHub code scanning and SARIF viewers read.

One run whose driver lists the rules the findings use (not the whole
catalogue: a report stays small and each descriptor is one a reader needs).

Choices:
- `ruleId` is the rule's code (`FAQ101`): codes never change, names might;
  the descriptor that `ruleIndex` points at carries the name (`broken-link`),
  the summary (`shortDescription`), the "What it does" text
  (`fullDescription`) and the whole rule documentation as `help` (text and
  Markdown). `defaultConfiguration.level` is the severity the rule runs at
  in this configuration.
- Levels: error -> `error`, warning -> `warning`, info -> `note`.
- Locations are relative URIs (percent-encoded) against `%SRCROOT%`, the
  directory faqlint ran in; `originalUriBaseIds` gives its absolute
  `file:` URI when the report knows it. Columns count Unicode code points
  (`columnKind`), end columns exclusive, as SARIF regions are.
- `partialFingerprints["faqlint/v1"]` is the finding's fingerprint (stable
  when lines move), made unique within the run (`fingerprints.py`).
- `relatedLocations` are the finding's related places (the first asking of
  a duplicate question); `fixes` hold its edits as replacements, with the
  fix's applicability (`safe`/`unsafe`) in the fix's `properties`.
- A result's `properties.question` is the FAQ question of the entry holding
  the finding, when there is one.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from faqlint.findings import Finding, Report
from faqlint.parse.model import Fix, Related, Span
from faqlint.reporters import ReportContext, json_layout
from faqlint.reporters.fingerprints import unique_fingerprints
from faqlint.rules.rule import NoOptions, Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/faqlint/"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "faqlint/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_SECTION = re.compile(r"^##\s+What it does\s*\n(.*?)(?=^##\s|\Z)", re.MULTILINE | re.DOTALL)


def render(report: Report, context: ReportContext) -> str:
    data = as_data(report, context)
    return json_layout.dumps(data, data["runs"][0]["results"])


def as_data(report: Report, context: ReportContext) -> dict[str, Any]:
    rules = _used_rules(report.findings, context)
    index = {rule.name: i for i, rule in enumerate(rules)}
    fingerprints = unique_fingerprints(report.findings)
    results = [
        result(finding, index.get(finding.rule, -1), fingerprint)
        for finding, fingerprint in zip(report.findings, fingerprints, strict=True)
    ]
    driver = {
        "name": "faqlint",
        "version": context.version,
        "informationUri": INFORMATION_URI,
        "rules": [descriptor(rule, context) for rule in rules],
    }
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "originalUriBaseIds": {SRCROOT: _source_root(report)},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _used_rules(findings: Iterable[Finding], context: ReportContext) -> list[Rule]:
    """The rules the findings come from, in catalogue order; a rule missing
    from the catalogue gets a bare descriptor from the finding."""
    used: dict[str, Finding] = {}
    for finding in findings:
        used.setdefault(finding.rule, finding)
    rules = [rule for rule in context.rules.catalogue if rule.name in used]
    known = {rule.name for rule in rules}
    rules += [_bare_rule(finding) for name, finding in used.items() if name not in known]
    return rules


def _bare_rule(finding: Finding) -> Rule:
    return Rule(
        code=finding.code, name=finding.rule, severity=finding.severity, doc="", options=NoOptions
    )


def descriptor(rule: Rule, context: ReportContext) -> dict[str, Any]:
    active = context.rules.get(rule.name)
    severity = active.severity if active is not None else rule.severity
    data: dict[str, Any] = {"id": rule.code, "name": rule.name}
    if rule.summary:
        data["shortDescription"] = {"text": rule.summary}
        data["fullDescription"] = {"text": _what_it_does(rule.doc) or rule.summary}
        data["help"] = {"text": rule.doc, "markdown": rule.doc}
    data["defaultConfiguration"] = {"level": LEVELS.get(severity, "note")}
    data["properties"] = {"fixable": rule.fixable}
    return data


def _what_it_does(doc: str) -> str:
    match = _SECTION.search(doc)
    return " ".join(match.group(1).split()) if match else ""


def result(finding: Finding, rule_index: int, fingerprint: str) -> dict[str, Any]:
    data: dict[str, Any] = {"ruleId": finding.code}
    if rule_index >= 0:
        data["ruleIndex"] = rule_index
    data["level"] = LEVELS.get(finding.severity, "note")
    data["message"] = {"text": finding.message}
    data["locations"] = [{"physicalLocation": physical(finding.path, _finding_span(finding))}]
    if finding.related:
        data["relatedLocations"] = [related(i, r) for i, r in enumerate(finding.related)]
    if finding.fix is not None:
        data["fixes"] = [fix(finding.path, finding.fix)]
    data["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint}
    if finding.question is not None:
        data["properties"] = {"question": finding.question}
    return data


def _finding_span(finding: Finding) -> tuple[int, int, int, int]:
    return (finding.line, finding.column, finding.end_line, finding.end_column)


def physical(path: str, span: tuple[int, int, int, int]) -> dict[str, Any]:
    return {"artifactLocation": artifact(path), "region": region(*span)}


def artifact(path: str) -> dict[str, str]:
    if PurePosixPath(path).is_absolute() or PureWindowsPath(path).is_absolute():
        return {"uri": Path(path).absolute().as_uri()}
    return {"uri": quote(path, safe="/"), "uriBaseId": SRCROOT}


def region(line: int, column: int, end_line: int, end_column: int) -> dict[str, int]:
    """A SARIF region; positions are clamped so that it is never inverted."""
    line, column = max(1, line), max(1, column)
    end_line = max(line, end_line)
    end_column = max(1, end_column) if end_line > line else max(column, end_column)
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _span(span: Span) -> tuple[int, int, int, int]:
    return (span.line, span.column, span.end_line, span.end_column)


def related(index: int, place: Related) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": index,
        "physicalLocation": physical(place.path, _span(place.span)),
    }
    if place.message:
        data["message"] = {"text": place.message}
    return data


def fix(path: str, change: Fix) -> dict[str, Any]:
    replacements = []
    for edit in change.edits:
        replacement: dict[str, Any] = {"deletedRegion": region(*_span(edit.span))}
        if edit.content:
            replacement["insertedContent"] = {"text": edit.content}
        replacements.append(replacement)
    return {
        "description": {"text": change.message},
        "artifactChanges": [{"artifactLocation": artifact(path), "replacements": replacements}],
        "properties": {"applicability": change.applicability},
    }


def _source_root(report: Report) -> dict[str, Any]:
    """`%SRCROOT%`: the directory the relative paths start from, when a file tells it."""
    data: dict[str, Any] = {"description": {"text": "the directory faqlint ran in"}}
    for file in report.files:
        full, display = str(file.path).replace(os.sep, "/"), file.display
        if not Path(file.path).is_absolute() or display.startswith("../"):
            continue
        if full.endswith("/" + display):
            root = Path(full[: -len(display)])
            uri = root.as_uri()
            data["uri"] = uri if uri.endswith("/") else uri + "/"
            break
    return data
