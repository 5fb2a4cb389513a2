"""One `faqlint check` or `faqlint entries` run, from paths to a report.

The runner wraps the store around the engine: it asks the store for what an
earlier run learned, has the engine lint what the store lacks, gives the
store what was linted, then has the engine run the corpus rules (unless the
store's memo already holds their findings for exactly these inputs).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from faqlint.config import Config
from faqlint.findings import FileResult, Finding, Report, display_path, fingerprint
from faqlint.parse.model import FaqDocument
from faqlint.rules.ruleset import RuleSet
from faqlint.run.engine import Engine
from faqlint.run.store import Store, walks
from faqlint.site.discover import Discovery, Missing, discover

if TYPE_CHECKING:
    from faqlint.run.changes import Impact
    from faqlint.run.fixes import FixOutcome


@dataclass(slots=True)
class CheckOutcome:
    report: Report
    fixes: list[FixOutcome] = field(default_factory=list)
    write_errors: list[str] = field(default_factory=list)
    impact: Impact | None = None  # with `--since`: what the change touched

    @property
    def fixed_files(self) -> int:
        return sum(1 for outcome in self.fixes if outcome.changed)


def run_check(
    config: Config,
    rules: RuleSet,
    cwd: Path,
    paths: Sequence[str],
    *,
    fix: bool = False,
    diff: bool = False,
    unsafe: bool = False,
    progress: bool = False,
    since: str | None = None,
) -> CheckOutcome:
    engine = Engine(config, rules, cwd, progress=progress, stamp_files=config.cache.enabled)
    store = Store(config, rules, cwd, engine.read_record)
    discovery = _discover(paths, config, cwd)
    impact = None
    if since is not None:
        impact = _impact(engine, store, since, discovery.files)
        discovery.files = impact.lint
    report = lint(engine, store, discovery.files)
    _add_missing(engine, report, discovery.missing, cwd)
    if not (fix or diff):
        return CheckOutcome(report, impact=impact)
    from faqlint.run.fixes import fix_file, write_fixed

    outcomes: list[FixOutcome] = []
    write_errors: list[str] = []
    for result in report.files:
        source = report.source(result.display) if any(f.fix for f in result.findings) else None
        if source is None:
            continue
        outcome = fix_file(engine, result, source, unsafe)
        if outcome.changed and not diff:
            try:
                write_fixed(outcome, source.bom)
            except OSError as exc:
                write_errors.append(f"{result.display}: cannot write fixes: {exc.strerror or exc}")
                continue
        outcomes.append(outcome)
    if diff:
        return CheckOutcome(report, outcomes, impact=impact)
    if any(o.changed for o in outcomes):
        report = lint(engine, store, discovery.files)
        _add_missing(engine, report, discovery.missing, cwd)
    return CheckOutcome(report, outcomes, write_errors, impact)


def lint(engine: Engine, store: Store, paths: Sequence[Path], jobs: int | None = None) -> Report:
    """Lint `paths`: unchanged files from the store, the others read and parsed."""
    from faqlint.run.parallel import lint_all

    stored = store.results(paths)
    fresh = iter(lint_all(engine, [p for p in paths if p not in stored], jobs))
    results = [stored[p] if p in stored else next(fresh) for p in paths]
    store.keep(results)
    return finish(engine, store, results)


def finish(engine: Engine, store: Store, results: list[FileResult]) -> Report:
    """Corpus rules, finalizers and suppressions over linted files."""
    report = Report(results, [], engine.config.max_file_size)
    _run_corpus_rules(engine, store, report)
    engine.run_finalizers(results)
    store.save()
    engine.suppress_and_sort(report)
    return report


def _run_corpus_rules(engine: Engine, store: Store, report: Report) -> None:
    """Corpus rules over the run's records; their findings are reused from
    the store's memo when nothing they read has changed (see `RunInputs`)."""
    if not engine.corpus_rules:
        return
    from faqlint.rules.corpus import Corpus

    inputs = store.corpus_inputs(report.files)
    if inputs.reuse({r.display: r for r in report.files}):
        return
    site_files = inputs.site_files
    corpus = Corpus(
        engine.config,
        [r.record for r in report.files if r.record is not None],
        inputs.track(store.page),
        engine.is_fragment,
        engine.progress,
        store.site_files if site_files is None else lambda: site_files,
        inputs.other_pages,
    )
    found = engine.run_corpus_rules(report, corpus)
    inputs.remember(corpus.metadata_read(), found)


def _discover(paths: Sequence[str], config: Config, cwd: Path) -> Discovery:
    """The files to lint; with no paths, from the store's memoised walk if it holds."""
    if not paths:
        found = walks.include_files(config)
        if found is not None:
            return Discovery([Path(p) for p in found], [])
    return discover(paths, config, cwd)


def _impact(engine: Engine, store: Store, since: str, candidates: list[Path]) -> Impact:
    """The files changed since `since` among `candidates`, and those the change affects."""
    from faqlint.run.changes import changes_since, impact
    from faqlint.site.model import list_files

    changes = changes_since(since, engine.cwd)
    records = {p: r for p in candidates if (r := store.record_of(p)) is not None}
    root = engine.config.site_root

    def old_anchors(site_path: str) -> frozenset[str] | None:
        """The anchors a page had at `since` (None: it did not exist or is unreadable)."""
        from faqlint.parse.document import parse_document
        from faqlint.parse.records import page_record
        from faqlint.parse.source import DecodeError, decode
        from faqlint.run.changes import file_at

        data = file_at(changes, root / site_path)
        if data is None:
            return None
        try:
            source = decode(site_path, data)
        except DecodeError:
            return None
        fragment = engine.is_fragment(site_path)
        document = parse_document(source, engine.settings, site_path, fragment)
        return frozenset(page_record(document, site_path).anchors)

    return impact(
        changes,
        candidates,
        records,
        list_files(root),
        root,
        {p: display_path(p, engine.cwd) for p in candidates},
        engine.config.site,
        old_anchors,
    )


def _add_missing(engine: Engine, report: Report, missing: list[Missing], cwd: Path) -> None:
    file_error = engine.rules.get("file-error")
    if not missing or file_error is None:
        return
    for item in missing:
        display = display_path(item.path, cwd)
        report.files.append(FileResult(item.path, display))
        report.findings.append(
            Finding(
                rule=file_error.rule.name,
                code=file_error.rule.code,
                severity=file_error.severity,
                path=display,
                line=1,
                column=1,
                end_line=1,
                end_column=1,
                message=item.message,
                fingerprint=fingerprint(file_error.rule.name, display, None, item.message),
            )
        )
    report.findings.sort(key=Finding.sort_key)


def parse_only(
    config: Config, cwd: Path, paths: Sequence[str]
) -> tuple[list[FaqDocument], list[str]]:
    from faqlint.rules.ruleset import resolve

    engine = Engine(config, resolve(config), cwd)
    discovery = _discover(paths, config, cwd)
    documents: list[FaqDocument] = []
    problems = [f"{display_path(m.path, cwd)}: {m.message}" for m in discovery.missing]
    for path in discovery.files:
        result, document = engine.parse(path)
        if document is None:
            problems.extend(f"{f.path}:{f.line}:{f.column}: {f.message}" for f in result.findings)
            continue
        documents.append(document)
    return documents, problems
