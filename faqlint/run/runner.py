"""One `faqlint check` or `faqlint entries` run, from paths to a report.

The runner wraps the store around the engine: it asks the store for what an
earlier run learned, has the engine lint what the store lacks, gives the
store what was linted, then has the engine run the corpus rules (unless the
store's memo already holds their findings for exactly these inputs).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from faqlint.config import Config
from faqlint.findings import FileResult, Report, Unchecked, display_path
from faqlint.parse.model import FaqDocument
from faqlint.rules.ruleset import RuleSet
from faqlint.run.engine import Engine
from faqlint.run.store import Store, walks
from faqlint.site.discover import Discovery, discover, symlink_policy
from faqlint.site.walk import Skipped

if TYPE_CHECKING:
    from faqlint.parse.records import PageRecord
    from faqlint.parse.source import Source
    from faqlint.rules.corpus import Corpus, OtherPage
    from faqlint.run.changes import Impact
    from faqlint.run.fixes import FixOutcome


@dataclass(slots=True)
class CheckOutcome:
    report: Report
    fixes: list[FixOutcome] = field(default_factory=list)
    write_errors: list[str] = field(default_factory=list)
    impact: Impact | None = None  # with `--since`: what the change touched
    usage_errors: list[str] = field(default_factory=list)  # paths that are not there…

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
    usage_errors = _usage_errors(discovery, paths, config, cwd)
    impact = None
    if since is not None:
        impact = _impact(engine, store, since, discovery.files)
        discovery.files = impact.lint
    report = lint(engine, store, discovery.files)
    _note_skipped(report, discovery.skipped, cwd)
    if not (fix or diff):
        return CheckOutcome(report, impact=impact, usage_errors=usage_errors)
    from faqlint.run import corpus_fixes
    from faqlint.run.fixes import fix_file, write_fixed

    outcomes: list[FixOutcome] = []
    write_errors: list[str] = []
    site = functools.cache(lambda: _corpus(engine, store, report))

    def recheck(result: FileResult, source: Source) -> None:
        """A `--fix` round's new fixes, checked against the site as well."""
        if result.record is not None:
            corpus_fixes.verify_page(engine, site, result, source)

    for result in report.files:
        source = report.source(result.display) if any(f.fix for f in result.findings) else None
        if source is None:
            continue
        outcome = fix_file(engine, result, source, unsafe, recheck)
        if outcome.changed and not diff:
            try:
                write_fixed(outcome, source.bom)
            except OSError as exc:
                write_errors.append(f"{result.display}: cannot write fixes: {exc.strerror or exc}")
                continue
        outcomes.append(outcome)
    if diff:
        return CheckOutcome(report, outcomes, impact=impact, usage_errors=usage_errors)
    if any(o.changed for o in outcomes):
        report = lint(engine, store, discovery.files)
        _note_skipped(report, discovery.skipped, cwd)
    return CheckOutcome(report, outcomes, write_errors, impact, usage_errors)


def _usage_errors(
    discovery: Discovery, paths: Sequence[str], config: Config, cwd: Path
) -> list[str]:
    """Paths that are not there, and an `include` that matches nothing, are
    errors (exit 2): a gate that lints nothing must not pass. A pattern of
    `include` that matches no file while others do is a warning."""
    errors = [f"{display_path(m.path, cwd)}: {m.message}" for m in discovery.missing]
    if paths:
        return errors
    where = config.where("include")
    if not discovery.files:
        patterns = ", ".join(config.include) or "(none)"
        errors.append(
            f"{where}: `include` ({patterns}) matches no file under {config.base_dir}; "
            "nothing was linted"
        )
        return errors
    for pattern in unmatched_patterns(config, discovery.files):
        print(
            f"faqlint: warning: {where}: `include` pattern {pattern!r} matches no file",
            file=sys.stderr,
        )
    return errors


def unmatched_patterns(config: Config, files: list[Path]) -> list[str]:
    """The `include` patterns (not negations) that no linted file matches."""
    import os

    import pathspec

    base = os.path.abspath(config.base_dir).rstrip(os.sep) + os.sep
    relative = [str(p)[len(base) :] for p in files if str(p).startswith(base)]
    unmatched = []
    for pattern in config.include:
        if pattern.strip().startswith("!") or not pattern.strip():
            continue
        spec = pathspec.GitIgnoreSpec.from_lines([pattern])
        if not any(spec.match_file(path) for path in relative):
            unmatched.append(pattern)
    return unmatched


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
    _note_skipped(report, store.skipped, engine.cwd)
    store.save()
    engine.suppress_and_sort(report)
    return report


def _run_corpus_rules(engine: Engine, store: Store, report: Report) -> None:
    """Corpus rules over the run's records; their findings are reused from
    the store's memo when nothing they read has changed (see `RunInputs`)."""
    if not engine.corpus_rules:
        return
    from faqlint.run import corpus_fixes

    inputs = store.corpus_inputs(report.files)
    reused = inputs.reuse({r.display: r for r in report.files})
    if reused is not None:
        unchecked, downgrades = reused
        report.note_unchecked(unchecked)
        corpus_fixes.replay(report, downgrades)
        return
    site_files = inputs.site_files
    corpus = _corpus(engine, store, report, inputs.track(store.page), inputs.other_pages)
    if site_files is not None:
        corpus.list_site_files = lambda: site_files
    found = engine.run_corpus_rules(report, corpus)
    downgrades = corpus_fixes.verify_corpus_fixes(engine, report, corpus, found)
    unchecked = corpus.coverage()
    report.note_unchecked(unchecked)
    inputs.remember(corpus.metadata_read(), found, unchecked, downgrades)


def _corpus(
    engine: Engine,
    store: Store,
    report: Report,
    load_page: Callable[[str], PageRecord | None] | None = None,
    other_pages: Callable[[], list[OtherPage]] | None = None,
) -> Corpus:
    """What corpus rules see of this run."""
    from faqlint.rules.corpus import Corpus

    return Corpus(
        engine.config,
        [r.record for r in report.files if r.record is not None],
        load_page or store.page,
        engine.is_fragment,
        engine.progress,
        store.site_files,
        other_pages or list,
    )


def _discover(paths: Sequence[str], config: Config, cwd: Path) -> Discovery:
    """The files to lint; with no paths, from the store's memoised walk if it holds."""
    if not paths:
        walked = walks.include_files(config)
        if walked is not None:
            files, skipped = walked
            return Discovery([Path(p) for p in files], [], skipped)
    return discover(paths, config, cwd)


def _skipped_kind(item: Skipped) -> str:
    if not item.lost:
        return "alias"
    return "symlink" if "symlink" in item.reason else "unreadable"


def _note_skipped(report: Report, skipped: Iterable[Skipped], cwd: Path) -> None:
    """Files a walk did not read (symlinks leading out of the site), as coverage."""
    report.note_unchecked(
        Unchecked(
            _skipped_kind(item),
            "folder" if item.folder else "file",
            item.reason,
            display_path(item.path, cwd),
        )
        for item in skipped
    )


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
        list_files(root, symlink_policy(engine.config)),
        root,
        {p: display_path(p, engine.cwd) for p in candidates},
        engine.config.site,
        old_anchors,
    )


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
