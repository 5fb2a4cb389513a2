"""Safe means safe: a fix is offered as safe only when applying it adds no
finding.

Before a run reports its findings, every safe fix is tried on the page in
memory and the page is linted again: all safe fixes of a page at once (the
usual case: nothing is added, one extra lint). When that adds something, the
fixes on the lines where it appears are set aside and the rest tried again;
when no fix is on those lines, the fixes are tried one by one. A page costs at
most MAX_TRIALS lints. A fix that adds a finding of any rule, or removes an
anchor the page had (links to it would break), is downgraded to unsafe, with
the reason in its message.

The engine checks the fixes of the document rules on each page as it lints
it; the runner checks, with the page-local corpus rules (the link rules),
the fixes that change a link and the fixes of those rules.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from faqlint.findings import Finding
from faqlint.parse.model import Fix
from faqlint.parse.records import PageRecord
from faqlint.parse.source import Source


def apply_fixes(text: str, fixes: Iterable[Fix], newline: str = "\n") -> tuple[str, list[int]]:
    """Apply each fix whose edits overlap no edit of a fix applied before it
    (in the order of their first edit); returns the text and the indexes of
    the fixes applied. An edit that inserts a line end uses `newline`."""
    listed = list(fixes)
    order = sorted(
        range(len(listed)),
        key=lambda i: min((e.span.start, e.span.end) for e in listed[i].edits),
    )
    taken: list[tuple[int, int]] = []
    applied: list[int] = []
    for index in order:
        spans = [(e.span.start, e.span.end) for e in listed[index].edits]
        if any(end > len(text) for _, end in spans) or any(
            (start < other_end and other_start < end) or start == other_start
            for start, end in spans
            for other_start, other_end in taken
        ):
            continue
        taken.extend(spans)
        applied.append(index)
    edits = sorted(
        (edit for index in applied for edit in listed[index].edits),
        key=lambda e: (e.span.start, e.span.end),
    )
    pieces: list[str] = []
    position = 0
    for edit in edits:
        pieces.append(text[position : edit.span.start])
        content = edit.content
        if newline != "\n":
            content = content.replace("\r\n", "\n").replace("\n", newline)
        pieces.append(content)
        position = edit.span.end
    pieces.append(text[position:])
    return "".join(pieces), applied


def is_safe(finding: Finding) -> bool:
    return finding.fix is not None and finding.fix.applicability == "safe"


class Lint(NamedTuple):
    """What linting a text of the page gives: how many findings of each rule
    (or of a check standing for a rule), where they are, and the anchors."""

    counts: Counter[str]
    spans: list[tuple[str, int, int]]  # (rule, start, end) of each finding that has a place
    anchors: frozenset[str]


def lint_of(findings: Sequence[Finding], source: Source, anchors: Iterable[str]) -> Lint:
    """The `Lint` of findings on `source` (their spans as character offsets)."""
    return Lint(
        Counter(f.rule for f in findings),
        [(f.rule, *offsets(f, source)) for f in findings],
        frozenset(anchors),
    )


def offsets(finding: Finding, source: Source) -> tuple[int, int]:
    """A finding's span as character offsets into `source`."""
    count = source.line_count

    def at(line: int, column: int) -> int:
        line = min(max(line, 1), count)
        return source.line_start(line) + column - 1

    return at(finding.line, finding.column), at(finding.end_line, finding.end_column)


Relint = Callable[[str], Lint]

# Lints of changed text one page may cost; past it, the fixes still unchecked
# are offered as unsafe (a page with hundreds of interacting fixes must not
# stall a run).
MAX_TRIALS = 12

_OVERLAPS = (
    "overlaps another fix on the same text; --fix applies it in a later round if still needed"
)


def verify_fixes(
    text: str,
    newline: str,
    findings: Sequence[Finding],
    before: Lint,
    anchor_spans: dict[str, tuple[int, int]],
    relint: Relint,
    candidate: Callable[[Finding], bool] = is_safe,
) -> list[Finding]:
    """`findings` of a page whose text is `text`, with every safe fix that
    `candidate` picks tried and downgraded to unsafe when it adds a finding.
    `before`: what `relint` gives for `text` itself; `anchor_spans`:
    the anchors the page defines now, with where each is defined.

    All tried fixes are applied at once; when that adds something, the fixes
    on the lines where it appears are blamed and set aside, and the rest are
    tried again (one by one, when the blame names no fix), within MAX_TRIALS."""
    pending = sorted(
        (f for f in findings if is_safe(f) and candidate(f)), key=lambda f: (f.line, f.column)
    )
    if not pending:
        return list(findings)
    trial = _Trial(text, newline, before)
    unsafe: dict[int, str] = {}
    kept: list[Finding] = []  # one by one: the fixes found safe so far
    one_by_one = False
    for _ in range(MAX_TRIALS):
        if not pending:
            break
        if one_by_one:
            finding = pending.pop(0)
            verdict = trial.alone(finding, kept, anchor_spans, relint)
            if verdict is None:
                kept.append(finding)
            else:
                unsafe[id(finding)] = verdict
            continue
        why, blamed, applied = trial.run(pending, anchor_spans, relint)
        if why is None:  # the applied ones together add nothing
            done = {id(f) for f in applied}
            for finding in pending:
                if id(finding) not in done:
                    unsafe[id(finding)] = _OVERLAPS
            pending = []
            break
        if not blamed:
            one_by_one = True  # added, but the place names no fix
            continue
        for finding, reason in blamed.items():
            unsafe[id(finding)] = reason
        pending = [f for f in pending if id(f) not in unsafe]
    for finding in pending:  # still unchecked when the trials ran out
        unsafe[id(finding)] = "could not be checked: too many fixes on this page interact"
    return [downgrade(f, unsafe[id(f)]) if id(f) in unsafe else f for f in findings]


class _Trial:
    """Applies fixes to the page in memory and says which of them add something."""

    def __init__(self, text: str, newline: str, before: Lint) -> None:
        self.text, self.newline = text, newline
        self.before, self.before_spans = before.counts, Counter(before.spans)

    def alone(
        self,
        finding: Finding,
        kept: list[Finding],
        anchor_spans: dict[str, tuple[int, int]],
        relint: Relint,
    ) -> str | None:
        """Why `finding`'s fix, applied with the fixes `kept` so far, is not
        safe, or None when it adds nothing."""
        why, _blamed, applied = self.run([*kept, finding], anchor_spans, relint)
        return _OVERLAPS if all(f is not finding for f in applied) else why

    def run(
        self, fixes: list[Finding], anchor_spans: dict[str, tuple[int, int]], relint: Relint
    ) -> tuple[str | None, dict[Finding, str], list[Finding]]:
        """Apply `fixes` and lint: what was added (None: nothing), the
        applied fixes to blame, each with the reason (those with an edit on,
        or next to, an added finding or the place of a lost anchor), and the
        fixes applied (one that overlaps an earlier one is not)."""
        with_fix = [f for f in fixes if f.fix]
        new_text, applied = apply_fixes(self.text, (f.fix for f in with_fix if f.fix), self.newline)
        done = [with_fix[i] for i in applied]
        if not applied:
            return None, {}, done
        lint = relint(new_text)
        fixed = Counter(f.rule for f in done)
        worse = [r for r, n in sorted(lint.counts.items()) if n > self.before[r] - fixed[r]]
        lost = sorted(set(anchor_spans) - lint.anchors)
        if not worse and not lost:
            return None, {}, done
        to_original = _offset_map(done)
        blamed: dict[Finding, str] = {}
        for rule in worse:
            why = f"adds a `{rule}` finding"
            seen = Counter(
                (rule, to_original(start), to_original(end))
                for r, start, end in lint.spans
                if r == rule
            )
            for _, start, end in seen - self.before_spans:
                for fix in _touching(done, start, end):
                    blamed.setdefault(fix, why)
        for name in lost:
            why = f"removes the anchor `#{name}`, which links may use"
            for fix in _touching(done, *anchor_spans[name]):
                blamed.setdefault(fix, why)
        first = (
            f"adds a `{worse[0]}` finding"
            if worse
            else f"removes the anchor `#{lost[0]}`, which links may use"
        )
        return first, blamed, done


def _touching(fixes: list[Finding], start: int, end: int) -> list[Finding]:
    """The fixes with an edit on, or next to, the text from `start` to `end`."""
    return [
        f
        for f in fixes
        if f.fix is not None
        and any(e.span.start <= end + 1 and start - 1 <= e.span.end for e in f.fix.edits)
    ]


def _offset_map(applied: list[Finding]) -> Callable[[int], int]:
    """Maps an offset into the fixed text back to the original text (an offset
    inside replaced text maps to where the replaced text began)."""
    edits = sorted((e for f in applied if f.fix for e in f.fix.edits), key=lambda e: e.span.start)
    starts: list[int] = []  # where each edit's new text starts in the fixed text
    ends: list[int] = []  # and ends
    shifts: list[int] = []  # fixed offset - original offset, after each edit
    shift = 0
    for edit in edits:
        starts.append(edit.span.start + shift)
        ends.append(starts[-1] + len(edit.content))
        shift += len(edit.content) - (edit.span.end - edit.span.start)
        shifts.append(shift)

    def to_original(offset: int) -> int:
        index = bisect_right(starts, offset) - 1
        if index < 0:
            return offset
        if offset < ends[index]:
            return edits[index].span.start
        return offset - shifts[index]

    return to_original


def anchor_spans(record: PageRecord, text: str) -> dict[str, tuple[int, int]]:
    """The anchors a page defines, with where each is defined: from its first
    character to the end of that line (a heading), or the page's first line
    for an anchor without a known place."""

    def line_from(start: int) -> tuple[int, int]:
        end = text.find("\n", start)
        return start, len(text) if end < 0 else end

    spans: dict[str, tuple[int, int]] = {}
    for name, start in zip(record.anchors, record.anchor_starts, strict=False):
        spans.setdefault(name, line_from(start))
    for name in record.anchors:
        spans.setdefault(name, line_from(0))
    return spans


def downgrade(finding: Finding, why: str) -> Finding:
    """The finding with its fix marked unsafe, saying why."""
    assert finding.fix is not None
    fix = finding.fix.model_copy(
        update={
            "applicability": "unsafe",
            "message": f"{finding.fix.message} (not safe: applying it {why})",
        }
    )
    return finding.model_copy(update={"fix": fix})
