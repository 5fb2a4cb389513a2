"""JUnit XML, valid against the Apache Ant schema (the strictest common one),
for CI servers' test views (GitLab, Jenkins, Azure, GitHub test reporters).

    <testsuites>
      <testsuite name="docs/faq.md" package="docs" id="0" timestamp=… hostname=…
                 tests="3" failures="1" errors="0" skipped="0" time="0">
        <properties><property name="faqlint.version" value="0.1.0"/>…</properties>
        <testcase name="(page) docs/faq.md" classname="docs/faq.md" time="0"/>
        <testcase name="How do I log in?" classname="docs/faq.md" time="0">
          <failure message="FAQ201 empty-answer: …" type="empty-answer">docs/faq.md:5:1 …</failure>
        </testcase>
        <system-out>…warnings…</system-out>
        <system-err/>
      </testsuite>
    </testsuites>

Choices:
- One `testsuite` per linted file (clean ones too), named by its path;
  `package` is its folder, `id` counts from 0 (the schema requires both).
- One `testcase` per FAQ entry, named by its question (a repeated question
  in one file gets " (2)", " (3)"…), plus a first testcase per file,
  "(page) PATH", for findings outside any entry: always there, so every
  file has a test and the counts do not depend on where findings are.
- Findings that fail a test make one `failure` per testcase (the schema
  allows one): its `message` is the first finding, its `type` the rule
  names, its text every finding as `path:line:col CODE rule message` with
  the fix and related places. A file that could not be read (`file-error`)
  is an `error` instead.
- Errors always fail; warnings and infos fail only with
  `[reports] junit-warnings = "failure"`. By default they are listed in the
  suite's `system-out` (the schema has no per-testcase `system-out`) and
  their testcase passes.
- The schema allows no attributes on `testsuites`, so there are no totals
  there; readers add up the suites. It also allows no `file` attribute.
- `time` is 0 (faqlint does not time files); `timestamp` is the time of
  rendering in UTC, `hostname` this machine's name.
- Characters XML 1.0 cannot hold (control characters) are dropped.
"""

from __future__ import annotations

import re
import socket
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from faqlint.findings import Finding, Report
from faqlint.reporters import ReportContext
from faqlint.reporters.grouping import EntryGroup, FileGroup, group_report

_CONTROLS = [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)]
_DROP: dict[int, str | None] = dict.fromkeys([*_CONTROLS, *range(0xD800, 0xE000), 0xFFFE, 0xFFFF])
_TEXT: dict[int, str | None] = {**_DROP, ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"}
_ATTR: dict[int, str | None] = {**_TEXT, ord('"'): "&quot;", ord("\n"): "&#10;", ord("\t"): "&#09;"}
_SPECIAL = re.compile('[&<>"\n\t\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')
_SPACE = re.compile(r"\s+")
ERROR_RULES = frozenset({"file-error"})


@dataclass(slots=True)
class Case:
    """One testcase: its name and the findings that fail it or only inform."""

    name: str
    failing: list[Finding] = field(default_factory=list)
    passing: list[Finding] = field(default_factory=list)

    @property
    def is_error(self) -> bool:
        return any(f.rule in ERROR_RULES for f in self.failing)


@dataclass(frozen=True, slots=True)
class Run:
    timestamp: str
    hostname: str
    properties: tuple[tuple[str, str], ...]
    warnings_fail: bool


def render(report: Report, context: ReportContext) -> str:
    run = Run(
        timestamp=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S"),
        hostname=_hostname(),
        properties=(
            ("faqlint.version", context.version),
            ("junit-warnings", context.junit_warnings),
        ),
        warnings_fail=context.junit_warnings == "failure",
    )
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<testsuites>"]
    for index, group in enumerate(group_report(report)):
        out.extend(suite(group, index, run))
    out.append("</testsuites>")
    return "\n".join(out) + "\n"


def _attrs(values: dict[str, str]) -> str:
    return "".join(f' {name}="{_attr(value)}"' for name, value in values.items())


def _attr(value: str) -> str:
    return value.translate(_ATTR) if _SPECIAL.search(value) else value


def _text(value: str) -> str:
    """Escaped for XML text, in one `str.translate` pass that also drops what
    XML 1.0 cannot hold (written by hand: ElementTree's serialiser took half
    of the report's time on the reference corpus)."""
    return value.translate(_TEXT) if _SPECIAL.search(value) else value


def clean(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold."""
    return text.translate(_DROP)


def _token(text: str) -> str:
    return _SPACE.sub(" ", clean(text)).strip()


def _hostname() -> str:
    try:
        name = _token(socket.gethostname())
    except OSError:
        name = ""
    return name or "localhost"


def cases(group: FileGroup, warnings_fail: bool) -> list[Case]:
    """The testcases of one file: the page first, then each entry in order."""
    result = []
    seen: Counter[str] = Counter()
    for entry in group.entries:
        name = _case_name(group.path, entry)
        seen[name] += 1
        case = Case(name if seen[name] == 1 else f"{name} ({seen[name]})")
        for finding in entry.findings:
            fails = finding.severity == "error" or warnings_fail
            (case.failing if fails else case.passing).append(finding)
        result.append(case)
    return result


def _case_name(path: str, entry: EntryGroup) -> str:
    if entry.entry is None:
        return f"(page) {_token(path)}"
    return _token(entry.entry.question) or f"(entry at line {entry.line})"


def suite(group: FileGroup, index: int, run: Run) -> list[str]:
    """The lines of one file's `testsuite` element."""
    tests = cases(group, run.warnings_fail)
    errors = sum(1 for case in tests if case.is_error)
    failures = sum(1 for case in tests if case.failing and not case.is_error)
    path = _token(group.path) or "(unnamed)"
    attributes = {
        "name": path,
        "package": path.rpartition("/")[0] or ".",
        "id": str(index),
        "timestamp": run.timestamp,
        "hostname": run.hostname,
        "tests": str(len(tests)),
        "failures": str(failures),
        "errors": str(errors),
        "skipped": "0",
        "time": "0",
    }
    lines = [f"  <testsuite{_attrs(attributes)}>", "    <properties>"]
    lines += [
        f"      <property{_attrs({'name': name, 'value': value})} />"
        for name, value in run.properties
    ]
    lines.append("    </properties>")
    for case in tests:
        lines.extend(testcase(case, path))
    system_out = _system_out(tests)
    lines.append(
        f"    <system-out>{_text(system_out)}</system-out>" if system_out else "    <system-out />"
    )
    lines += ["    <system-err />", "  </testsuite>"]
    return lines


def testcase(case: Case, classname: str) -> list[str]:
    attributes = _attrs({"name": case.name, "classname": classname, "time": "0"})
    if not case.failing:
        return [f"    <testcase{attributes} />"]
    first = case.failing[0]
    message = _headline(first)
    if len(case.failing) > 1:
        message += f" (and {len(case.failing) - 1} more)"
    rules = ", ".join(dict.fromkeys(f.rule for f in case.failing))
    kind = "error" if case.is_error else "failure"
    text = _text(details(case.failing).rstrip("\n"))
    return [
        f"    <testcase{attributes}>",
        f"      <{kind}{_attrs({'message': message, 'type': rules})}>{text}</{kind}>",
        "    </testcase>",
    ]


def _headline(finding: Finding) -> str:
    return f"{finding.code} {finding.rule}: {finding.message}"


def details(findings: Iterable[Finding]) -> str:
    """Each finding as the text report's headline, with its fix and related places."""
    lines: list[str] = []
    for finding in findings:
        where = f"{finding.path}:{finding.line}:{finding.column}"
        lines.append(f"{where} {finding.code} {finding.rule} {finding.message}")
        for place in finding.related:
            note = f" ({place.message})" if place.message else ""
            lines.append(f"  = see {place.path}:{place.span.line}{note}")
        if finding.fix is not None:
            how = "--fix" if finding.fix.applicability == "safe" else "--fix --unsafe-fixes"
            lines.append(f"  = fix: {finding.fix.message} ({how})")
    return "\n".join(lines) + "\n"


def _system_out(tests: Sequence[Case]) -> str:
    blocks = [
        f"testcase: {case.name}\n" + _indent(details(case.passing))
        for case in tests
        if case.passing
    ]
    return "".join(blocks)


def _indent(text: str) -> str:
    return "".join(f"  {line}\n" for line in text.splitlines())
