"""The terminal report: `path:line:col code name message`, a source excerpt
with the span marked, and a summary. Colour only when writing to a terminal.
"""

from __future__ import annotations

from faqlint.findings import Finding, Report, Unchecked
from faqlint.parse.source import Source
from faqlint.reporters import ReportContext

_COLORS = {"error": "31", "warning": "33", "info": "34", "path": "1", "dim": "2", "ok": "32"}
_MAX_EXCERPT_LINES = 3


class _Paint:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, style: str) -> str:
        return f"\x1b[{_COLORS[style]}m{text}\x1b[0m" if self.enabled else text


def render(report: Report, context: ReportContext) -> str:
    paint = _Paint(context.color)
    out: list[str] = []
    for finding in report.findings:
        out.append(_headline(finding, paint))
        if not context.quiet:
            out.extend(_excerpt(finding, report.source(finding.path), paint))
    if not context.quiet or report.findings or not report.complete:
        out.append(_summary(report, context, paint))
    out.extend(_unchecked_lines(report, paint))
    if context.baseline is not None:
        out.extend(_baseline_lines(context, paint))
    return "\n".join(out) + "\n"


def _headline(finding: Finding, paint: _Paint) -> str:
    where = paint(f"{finding.path}:{finding.line}:{finding.column}", "path")
    rule = paint(f"{finding.code} {finding.rule}", finding.severity)
    return f"{where} {rule} {finding.message}"


_EXCERPT_WIDTH = 120  # characters of a long line shown around the finding


def _clip(text: str, start: int, end: int) -> tuple[str, int, int]:
    """A long line cut to the part around columns `start`..`end` (1-based),
    marked with "…" where cut, and the columns in the cut text."""
    if len(text) <= _EXCERPT_WIDTH:
        return text, start, end
    left = max(0, min(start - 1 - _EXCERPT_WIDTH // 4, len(text) - _EXCERPT_WIDTH))
    right = left + _EXCERPT_WIDTH
    shown = ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")
    shift = left - (1 if left else 0)
    new_start = start - shift
    new_end = min(end - shift, len(shown) + 1)
    return shown, new_start, max(new_end, new_start + 1)


def _excerpt(finding: Finding, source: Source | None, paint: _Paint) -> list[str]:
    lines: list[str] = []
    if source is not None and 1 <= finding.line <= source.line_count:
        last = min(finding.end_line, finding.line + _MAX_EXCERPT_LINES - 1, source.line_count)
        width = len(str(last))
        gutter = paint(" " * width + " |", "dim")
        lines.append(gutter)
        for number in range(finding.line, last + 1):
            text = source.line_text(number).expandtabs(4)
            start = finding.column if number == finding.line else 1
            end = finding.end_column if number == finding.end_line else len(text) + 1
            text, start, end = _clip(text, start, end)
            lines.append(paint(f"{number:>{width}} |", "dim") + f" {text}")
            if number in (finding.line, last):
                carets = "^" * max(1, end - start)
                lines.append(f"{gutter} {' ' * (start - 1)}{paint(carets, finding.severity)}")
    if finding.question and finding.rule not in ("file-error",):
        lines.append(paint(f"  = entry: {finding.question}", "dim"))
    for related in finding.related:
        note = f" ({related.message})" if related.message else ""
        lines.append(paint(f"  = see {related.path}:{related.span.line}{note}", "dim"))
    if finding.fix is not None:
        how = "--fix" if finding.fix.applicability == "safe" else "--fix --unsafe-fixes"
        lines.append(paint(f"  = fix: {finding.fix.message} ({how})", "dim"))
    lines.append("")
    return lines


def count(number: int, word: str, plural: str | None = None) -> str:
    """`1 finding`, `2 findings`; `plural` for irregular words (entries)."""
    return f"{number} {word if number == 1 else plural or word + 's'}"


def _summary(report: Report, context: ReportContext, paint: _Paint) -> str:
    files = len(report.files)
    entries = count(report.entry_count, "FAQ entry", "FAQ entries")
    if not files:
        return paint("Nothing was linted: no file to check.", "warning")
    if not report.findings and report.complete:
        return paint(f"All clean: {count(files, 'file')}, {entries} checked.", "ok")
    if not report.findings:
        return paint(
            f"No findings in {count(files, 'file')} ({entries}), but not everything was checked:",
            "warning",
        )
    by_severity = ", ".join(
        count(report.count(s), s) for s in ("error", "warning", "info") if report.count(s)
    )
    dirty = len({f.path for f in report.findings})
    fixable = sum(1 for f in report.findings if f.fix and f.fix.applicability == "safe")
    text = (
        f"Found {count(len(report.findings), 'finding')} ({by_severity}) "
        f"in {dirty} of {count(files, 'file')}; {entries} checked."
    )
    if fixable and context.fix_hint:
        text += f" {fixable} fixable with --fix."
    return paint(text, "path")


_UNCHECKED_SHOWN = 10


def _unchecked_lines(report: Report, paint: _Paint) -> list[str]:
    """What the run could not check, one line per reason (files that share a
    reason are counted, the first named); what configuration turned off stays quiet."""
    items = [item for item in report.unchecked if item.required]
    if not items:
        return []
    groups: dict[tuple[str, str], list[Unchecked]] = {}
    for item in items:
        groups.setdefault((item.what, item.reason), []).append(item)
    lines = [paint("Not checked (--strict fails on this):", "warning")]
    for (what, reason), members in list(groups.items())[:_UNCHECKED_SHOWN]:
        first = members[0]
        count = sum(member.count for member in members)
        label = f"{what} ({count})" if count > 1 else what
        where = f"{first.path}: " if first.path else ""
        if len(members) > 1:
            where = f"{first.path} and {len(members) - 1} more: "
        lines.append(f"  {where}{label}: {reason}")
    if len(groups) > _UNCHECKED_SHOWN:
        more = len(groups) - _UNCHECKED_SHOWN
        lines.append(
            paint(
                f"  and {more} more reasons (the JSON report lists them: summary.unchecked)", "dim"
            )
        )
    return lines


def _baseline_lines(context: ReportContext, paint: _Paint) -> list[str]:
    outcome = context.baseline
    assert outcome is not None
    if outcome.recorded:
        return [
            f"Baseline {outcome.path} recorded: {count(outcome.known, 'finding')}; "
            "later runs report only new ones."
        ]
    lines = [f"Baseline {outcome.path}: {count(outcome.known, 'known finding')} not shown."]
    if outcome.fixed:
        lines.append(
            f"{count(len(outcome.fixed), 'baseline finding')} fixed; "
            "run with --update-baseline to drop them from the file:"
        )
        lines += [
            paint(f"  {item.path}:{item.line} {item.rule} {item.message}", "dim")
            for item in outcome.fixed
        ]
    return lines
