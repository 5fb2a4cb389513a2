"""The second half of "safe means safe" (`fix_check`): fixes checked
against the rest of the site.

The engine tries each page's safe fixes with the document rules alone. A fix
whose effect reaches other pages is tried here as well, on the page edited in
memory: one of a link rule (`cross-language-link`, `relative-link`), a
document rule's edit of a link target (a look-alike letter in a URL), or an
edit of a question (which may make it the same as a question elsewhere). The
document rules and the page-local corpus rules (the link rules, over the same
site) run again, questions are compared with every other question of the
site, and the fix is downgraded when anything is added.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from faqlint.findings import FileResult, Finding, Report
from faqlint.parse.model import Span
from faqlint.parse.source import Source
from faqlint.rules.corpus import Corpus
from faqlint.run.engine import Engine
from faqlint.run.fix_check import Lint, Relint, anchor_spans, is_safe, lint_of, verify_fixes

# A downgrade decided here: display path, the finding's fingerprint, the new fix message.
Downgrade = tuple[str, str, str]

# Stands for `duplicate-question` in the counts: the page's questions asked
# elsewhere too (or twice on the page), which a fix must not make more of.
_COLLISIONS = "duplicate-question"


def verify_corpus_fixes(
    engine: Engine, report: Report, corpus: Corpus, found: dict[str, tuple[Finding, ...]]
) -> list[Downgrade]:
    """Check the fixes that reach other pages, on every page that has one;
    downgrade those that add a finding (in the report) and return what was
    downgraded (for the store's memo, which replays it)."""
    downgrades: list[Downgrade] = []
    for result in report.files:
        source = report.source(result.display) if result.record is not None else None
        if source is None:
            continue
        from_corpus = {id(f) for f in found.get(result.display, ())}
        changed = verify_page(engine, lambda: corpus, result, source, from_corpus)
        downgrades += [
            (result.display, new.fingerprint, new.fix.message if new.fix else "") for new in changed
        ]
    return downgrades


def verify_page(
    engine: Engine,
    site: Callable[[], Corpus],
    result: FileResult,
    source: Source,
    from_corpus: set[int] | None = None,
) -> list[Finding]:
    """Check the safe fixes of one linted page that reach other pages; the
    downgraded findings replace theirs in `result` and are returned.
    `site`: the corpus of the run (built only when a fix needs it);
    `from_corpus`: ids of the page's findings from corpus rules (whose counts
    are then known); None: the page was linted by the document rules alone
    (a `--fix` round), so the counts of its text are taken afresh."""
    record = result.record
    assert record is not None
    local = {a.rule.name for a in engine.corpus_rules if a.rule.page_local}
    known = from_corpus or set()
    tried = {
        id(f)
        for f in result.findings
        if is_safe(f)
        and (
            (id(f) in known and f.rule in local)
            or _edits(f, (link.target_span or link.span for link in record.links))
            or _edits(f, (entry.question_span for entry in record.entries))
        )
    }
    if not tried:
        return []
    corpus = site()
    relint = _relint(engine, corpus, result, source, local)
    current = [f for f in result.findings if id(f) not in known or f.rule in local]
    if from_corpus is None:
        before = relint(source.text)
    else:
        before = lint_of(current, source, record.anchors)
        before.counts[_COLLISIONS] = corpus.question_collisions(record)
    anchors = anchor_spans(record, source.text)
    checked = verify_fixes(
        source.text, source.newline, current, before, anchors, relint, _one_of(tried)
    )
    changed = {id(old): new for old, new in zip(current, checked, strict=True) if old is not new}
    if changed:
        result.findings = [changed.get(id(f), f) for f in result.findings]
    return list(changed.values())


def replay(report: Report, downgrades: Sequence[Downgrade]) -> None:
    """Apply downgrades decided by an earlier, identical run (the memo)."""
    by_key = {(display, fingerprint): message for display, fingerprint, message in downgrades}
    if not by_key:
        return
    for result in report.files:
        for index, finding in enumerate(result.findings):
            message = by_key.get((result.display, finding.fingerprint))
            if message is not None and finding.fix is not None:
                fix = finding.fix.model_copy(update={"applicability": "unsafe", "message": message})
                result.findings[index] = finding.model_copy(update={"fix": fix})


def _one_of(ids: set[int]) -> Callable[[Finding], bool]:
    return lambda finding: id(finding) in ids


def _edits(finding: Finding, spans: Iterable[Span]) -> bool:
    """Whether a fix's edits touch one of `spans` (an insertion at either end counts)."""
    assert finding.fix is not None
    edits = finding.fix.edits
    return any(
        edit.span.start <= span.end and span.start <= edit.span.end
        for span in spans
        for edit in edits
    )


def _relint(
    engine: Engine, corpus: Corpus, result: FileResult, source: Source, local: set[str]
) -> Relint:
    """Lints a changed text of the page: document rules, then the page-local
    corpus rules on the changed page over the same site."""

    def relint(text: str) -> Lint:
        changed = Source(source.path, text, source.bom)
        again = engine.lint_source(result.path, changed, keep=False, verify=False)
        if again.record is None:
            return lint_of(again.findings, changed, ())
        lint = lint_of(again.findings, changed, again.record.anchors)
        view = corpus.for_page(again.record)
        for active in engine.corpus_rules:
            if active.rule.name not in local or active.rule.check_corpus is None:
                continue
            for path, problem in active.rule.check_corpus(view, active.options):
                if path == result.display:
                    lint.counts[active.rule.name] += 1
                    lint.spans.append((active.rule.name, problem.span.start, problem.span.end))
        lint.counts[_COLLISIONS] = corpus.question_collisions(again.record)
        return lint

    return relint
