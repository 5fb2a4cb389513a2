"""GitHub Actions annotations: one workflow command per finding.

    ::error file=docs/faq.md,line=3,col=5,endLine=3,endColumn=9,title=FAQ101 broken-link::message

Printed to a step's stdout, each line becomes an annotation on the file in
the run summary and the pull request diff. Severities map to commands:
error -> `::error`, warning -> `::warning`, info -> `::notice`.

Choices:
- Columns go only on findings within one line: GitHub rejects `col` and
  `endColumn` when `line` and `endLine` differ. `endColumn` is faqlint's
  exclusive end column, as other linters send it.
- The message carries the fix when there is one ("fix: … (--fix)").
- Escaping follows @actions/core: `%`, CR and LF in the message; also `:`
  and `,` in property values (the path, the title).
- Paths are as faqlint prints them, relative to the working directory: run
  faqlint from the repository root so they match the checkout.
- No findings, no output. GitHub shows at most 10 annotations of each kind
  per step; the rest are in the log only.
"""

from __future__ import annotations

from faqlint.findings import Finding, Report
from faqlint.reporters import ReportContext

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def render(report: Report, context: ReportContext) -> str:
    return "".join(command(finding, context.fix_hint) + "\n" for finding in report.findings)


def command(finding: Finding, fix_hint: bool = True) -> str:
    """The workflow command for one finding."""
    name = COMMANDS.get(finding.severity, "notice")
    props = ",".join(f"{key}={escape_property(value)}" for key, value in _properties(finding))
    return f"::{name} {props}::{escape_data(_message(finding, fix_hint))}"


def _properties(finding: Finding) -> list[tuple[str, str]]:
    line = max(1, finding.line)
    end_line = max(line, finding.end_line)
    props = [("file", finding.path), ("line", str(line))]
    if end_line == line:
        column = max(1, finding.column)
        props += [("col", str(column)), ("endLine", str(end_line))]
        props.append(("endColumn", str(max(column, finding.end_column))))
    else:
        props.append(("endLine", str(end_line)))
    props.append(("title", f"{finding.code} {finding.rule}"))
    return props


def _message(finding: Finding, fix_hint: bool) -> str:
    if finding.fix is None or not fix_hint:
        return finding.message
    how = "--fix" if finding.fix.applicability == "safe" else "--fix --unsafe-fixes"
    return f"{finding.message} (fix: {finding.fix.message}; {how})"


def escape_data(text: str) -> str:
    """A command's message, as @actions/core's `escapeData` writes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value, as @actions/core's `escapeProperty` writes it."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
