"""Safe means safe: a fix is offered as safe only when applying it adds no
finding.

Before a run reports its findings, every safe fix is tried on the page in
memory and the page is linted again: all safe fixes of a page at once first
(the usual case: nothing is added, one extra lint), and only when that adds
a finding, one fix after another, keeping those that add nothing. A fix that
adds a finding of any rule, or removes an anchor the page had (links to it
would break), is downgraded to unsafe, with the reason in its message.

The engine checks the fixes of the document rules on each page as it lints
it; the runner checks, with the page-local corpus rules (the link rules),
the fixes that change a link and the fixes of those rules.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from faqlint.findings import Finding
from faqlint.parse.model import Fix

# Lints a changed text of the page: how many findings of each rule it has
# (or of a check standing for a rule), and the anchors it defines.
Relint = Callable[[str], tuple[Counter[str], frozenset[str]]]


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


def verify_fixes(
    text: str,
    newline: str,
    findings: Sequence[Finding],
    before: Counter[str],
    anchors: frozenset[str],
    relint: Relint,
    candidate: Callable[[Finding], bool] = is_safe,
) -> list[Finding]:
    """`findings` of a page whose text is `text`, with every safe fix that
    `candidate` picks tried (see the module docstring) and downgraded to
    unsafe when it adds a finding. `before`: the counts `relint` gives for
    `text` itself; `anchors`: the anchors the page defines now."""
    tried = [f for f in findings if is_safe(f) and candidate(f)]
    if not tried:
        return list(findings)

    def added(fixes: list[Finding]) -> str | None:
        """What is wrong with applying `fixes` (a finding added, an anchor
        lost), or None."""
        new_text, applied = apply_fixes(text, (f.fix for f in fixes if f.fix), newline)
        if not applied:
            return None
        after, new_anchors = relint(new_text)
        fixed = Counter(fixes[i].rule for i in applied)
        for rule, count in sorted(after.items()):
            if count > before[rule] - fixed[rule]:
                return f"adds a `{rule}` finding"
        lost = sorted(anchors - new_anchors)
        if lost:
            return f"removes the anchor `#{lost[0]}`, which links may use"
        return None

    if added(tried) is None:
        return list(findings)
    kept: list[Finding] = []
    unsafe: dict[int, str] = {}
    for finding in sorted(tried, key=lambda f: (f.line, f.column)):
        why = added([*kept, finding])
        if why is None:
            kept.append(finding)
        else:
            unsafe[id(finding)] = why
    return [downgrade(f, unsafe[id(f)]) if id(f) in unsafe else f for f in findings]


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
