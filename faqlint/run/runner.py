"""One `faqlint check` or `faqlint entries` run, from paths to a report."""

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
from faqlint.site.discover import Missing, discover

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
    engine = Engine(config, rules, cwd, progress=progress)
    discovery = discover(paths, config, cwd)
    impact = None
    if since is not None:
        impact = _impact(engine, since, discovery.files)
        discovery.files = impact.lint
    report = engine.lint(discovery.files)
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
        report = engine.lint(discovery.files)
        _add_missing(engine, report, discovery.missing, cwd)
    return CheckOutcome(report, outcomes, write_errors, impact)


def _impact(engine: Engine, since: str, candidates: list[Path]) -> Impact:
    """The files changed since `since` among `candidates`, and those the change affects."""
    from faqlint.run.changes import changes_since, impact
    from faqlint.site.model import list_files

    changes = changes_since(since, engine.cwd)
    records = {p: r for p in candidates if (r := engine.record_of(p)) is not None}
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
        list_files(root) if root.is_dir() else [],
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
    discovery = discover(paths, config, cwd)
    documents: list[FaqDocument] = []
    problems = [f"{display_path(m.path, cwd)}: {m.message}" for m in discovery.missing]
    for path in discovery.files:
        result, document = engine.parse(path)
        if document is None:
            problems.extend(f"{f.path}:{f.line}:{f.column}: {f.message}" for f in result.findings)
            continue
        documents.append(document)
    return documents, problems
