"""The engine: lints, and is the one place a `Problem` becomes a `Finding`.

Per file (in a worker process on big runs, see `parallel`): read, parse, run
the document rules, and summarise the page as a `PageRecord`. Then, in the
main process, over what the runner hands it: run the corpus rules over a
`Corpus`, let rules that decide over the whole run finalise, apply inline
suppressions, and sort. The engine knows nothing of the store (the cache):
the runner asks the store first and lints only what it lacks.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from faqlint.config import Config
from faqlint.findings import FileResult, Finding, Report, display_path, fingerprint
from faqlint.parse.model import FaqDocument, Span
from faqlint.parse.records import PageRecord
from faqlint.parse.source import DecodeError, FileStamp, Source, decode, read_bytes, read_source
from faqlint.parse.suppressions import Suppressions
from faqlint.rules.problem import Problem
from faqlint.rules.ruleset import ActiveRule, RuleSet
from faqlint.run.budget import OverBudget, time_budget
from faqlint.run.fix_check import Lint, anchor_spans, is_safe, lint_of, verify_fixes

if TYPE_CHECKING:
    import pathspec

    from faqlint.parse.document import ParseSettings
    from faqlint.rules.corpus import Corpus


def parse_settings(config: Config) -> ParseSettings:
    from faqlint.parse.dialects import DialectPlan
    from faqlint.parse.dialects.custom import compile_syntax
    from faqlint.parse.document import ParseSettings
    from faqlint.site.components import registered_partials

    customs = {
        name: compile_syntax(name, c.open, c.close, c.body, c.nesting)
        for name, c in config.custom_dialects.items()
    }
    plan = DialectPlan.build(
        config.dialects,
        customs,
        0 if config.dialect.heading.level == "page" else int(config.dialect.heading.level),
        config.dialect.mkdocs_details.types,
    )
    return ParseSettings(
        plan=plan,
        slug=config.site.slug,
        languages=config.site.languages,
        build=config.site.build,
        max_nesting=config.max_nesting,
        components=registered_partials(config),
        wiki=config.site.framework == "github",
    )


# Findings of one rule on one file counted (not made) past `max-findings-per-rule`.
_COUNTED_PAST_CAP = 5000


def _not_listed(count: str, active: ActiveRule, config: Config) -> str:
    return (
        f"and {count} more `{active.rule.name}` findings in this file, not listed "
        f"(`max-findings-per-rule` = {config.max_findings_per_rule})"
    )


class Engine:
    def __init__(
        self,
        config: Config,
        rules: RuleSet,
        cwd: Path,
        progress: bool = False,
        stamp_files: bool = False,
    ) -> None:
        """`stamp_files`: note each file's content identity (`FileStamp`) as it
        is read, for a store to key it by."""
        self.progress = progress
        self.config = config
        self.rules = rules
        self.cwd = cwd
        self._site_root = str(config.site_root).rstrip(os.sep) + os.sep
        self._site_root_real = os.path.realpath(config.site_root).rstrip(os.sep) + os.sep
        self._document_rules = [a for a in rules.active if a.rule.check is not None]
        self._corpus_rules = [a for a in rules.active if a.rule.check_corpus is not None]
        self._file_error = rules.get("file-error")
        self._unused = rules.get("unused-suppression")
        self.stamp_files = stamp_files

    @cached_property
    def settings(self) -> ParseSettings:
        """Built on first parse: a run served by the cache never imports the parser."""
        return parse_settings(self.config)

    @cached_property
    def _fragments(self) -> pathspec.GitIgnoreSpec:
        import pathspec

        return pathspec.GitIgnoreSpec.from_lines(self.config.site.fragments)

    # -- one file (worker side) ---------------------------------------
    def lint_file(self, path: Path, keep: bool = False) -> FileResult:
        """Read, parse and run document rules. `keep` retains source and document."""
        result = FileResult(path, display_path(path, self.cwd))
        try:
            data, result.stamp = read_bytes(path, self.config.max_file_size, self.stamp_files)
            source = decode(result.display, data)
        except DecodeError as exc:
            if self._file_error:
                problem = Problem(_point(exc.line, exc.column), exc.message)
                result.findings.append(self.finding(self._file_error, result.display, problem))
            return result
        budget = self.config.max_seconds_per_file
        try:
            with time_budget(budget):
                return self.lint_source(path, source, keep, result)
        except OverBudget:
            return self._over_budget(result, budget)
        except RecursionError:
            return self._failed(result, "nested too deeply to check; simplify its structure")
        except Exception as exc:  # a bug in a rule or the parser: this file only
            if os.environ.get("FAQLINT_DEBUG"):
                raise
            why = f"internal error while checking this file ({type(exc).__name__}: {exc}); "
            return self._failed(result, why + "please report it; the other files were checked")

    def _failed(self, result: FileResult, message: str) -> FileResult:
        result.record, result.directives, result.findings = None, (), []
        if self._file_error:
            problem = Problem(_point(1, 1), message)
            result.findings.append(self.finding(self._file_error, result.display, problem))
        return result

    def _over_budget(self, result: FileResult, budget: float) -> FileResult:
        """A file whose checks ran out of time: one `file-error`, nothing else
        (partial findings would look like a complete check)."""
        message = (
            f"took longer than {budget:g} s to check; not fully checked (`max-seconds-per-file`)"
        )
        return self._failed(result, message)

    def lint_source(
        self,
        path: Path,
        source: Source,
        keep: bool = True,
        result: FileResult | None = None,
        verify: bool = True,
    ) -> FileResult:
        """Parse and run the document rules; `verify`: try every safe fix
        and downgrade those that add a finding (`fix_check`)."""
        result = result or FileResult(path, display_path(path, self.cwd))
        from faqlint.parse.document import parse
        from faqlint.parse.prose import Prose
        from faqlint.parse.records import page_record

        site_path = self.site_path(path)
        document, scan = parse(source, self.settings, site_path, self.is_fragment(site_path))
        document = self.classify(document, site_path)
        result.record = page_record(document, site_path, self.builds_of(site_path))
        result.directives = document.directives
        prose: Prose | None = None
        for active in self._document_rules:
            check = active.rule.check
            assert check is not None
            if active.rule.needs_prose:
                if prose is None:
                    prose = Prose(document, source.text, scan.all_hidden(source))
                problems = check(document, active.options, prose)
            else:
                problems = check(document, active.options)
            cap, dropped, first_dropped = self.config.max_findings_per_rule, 0, None
            for problem in problems:
                if cap <= 0:
                    dropped += 1
                    first_dropped = first_dropped or problem
                    if dropped >= _COUNTED_PAST_CAP:
                        break  # counting them all could take as long as making them
                    continue
                cap -= 1
                result.findings.append(
                    self.finding(active, result.display, problem, result.record, source)
                )
            if first_dropped is not None:
                count = f"{dropped:,}" if dropped < _COUNTED_PAST_CAP else f"at least {dropped:,}"
                more = Problem(first_dropped.span, _not_listed(count, active, self.config))
                result.findings.append(self.finding(active, result.display, more))
        if verify and any(is_safe(f) for f in result.findings):
            result.findings = self._verified(path, source, result)
        if keep:
            result.source, result.document = source, document
        return result

    def _verified(self, path: Path, source: Source, result: FileResult) -> list[Finding]:
        """The findings with safe fixes that add a finding made unsafe."""
        assert result.record is not None

        def relint(text: str) -> Lint:
            changed = Source(source.path, text, source.bom)
            again = self.lint_source(path, changed, False, None, False)
            anchors = again.record.anchors if again.record else ()
            return lint_of(again.findings, changed, anchors)

        findings, record = result.findings, result.record
        before = lint_of(findings, source, record.anchors)
        anchors = anchor_spans(record, source.text)
        return verify_fixes(source.text, source.newline, findings, before, anchors, relint)

    def site_path(self, path: Path | str) -> str | None:
        """A file's path relative to the site root, if it is in the site: as
        written, or (a path spelled through another symlink) by its real path."""
        absolute = os.path.abspath(path)
        if absolute.startswith(self._site_root):
            return absolute[len(self._site_root) :].replace(os.sep, "/")
        real = os.path.realpath(absolute)
        if real.startswith(self._site_root_real):
            return real[len(self._site_root_real) :].replace(os.sep, "/")
        return None

    def parse(self, path: Path) -> tuple[FileResult, FaqDocument | None]:
        """Parse only (for `faqlint entries`)."""
        result = FileResult(path, display_path(path, self.cwd))
        try:
            source = read_source(path, result.display, self.config.max_file_size)
        except DecodeError as exc:
            problem = Problem(_point(exc.line, exc.column), exc.message)
            if self._file_error:
                result.findings.append(self.finding(self._file_error, result.display, problem))
            return result, None
        site_path = self.site_path(path)
        from faqlint.parse.document import parse_document

        document = parse_document(source, self.settings, site_path, self.is_fragment(site_path))
        return result, self.classify(document, site_path)

    def builds_of(self, site_path: str | None) -> tuple[str, ...] | None:
        """The builds that publish a page, from its metadata sidecar, read while
        the page is parsed (in the worker) so the corpus rules need not."""
        site = self.config.site
        if site_path is None or site.build is None or site.metadata is None:
            return None
        from faqlint.site.model import metadata_path, read_builds

        sidecar = self.config.site_root / metadata_path(site, site_path)
        if not sidecar.is_file():
            return None
        builds = read_builds(sidecar)
        return tuple(sorted(builds)) if builds else None

    def classify(self, document: FaqDocument, site_path: str | None) -> FaqDocument:
        """Each entry's kind: question, statement or other (`[faq]`)."""
        from faqlint.language.faq_context import classify

        return classify(document, site_path, self._faq_pages, self._not_entries)

    @cached_property
    def _not_entries(self) -> frozenset[str]:
        return frozenset(
            " ".join(t.split()).lower().rstrip(":.") for t in self.config.faq.not_entries
        )

    @cached_property
    def _faq_pages(self) -> Callable[[str], bool] | None:
        if not self.config.faq.pages:
            return None
        import pathspec

        spec = pathspec.GitIgnoreSpec.from_lines(self.config.faq.pages)
        root = self.config.site.root.strip("./")
        prefix = f"{root}/" if root else ""
        return lambda site_path: spec.match_file(prefix + site_path) or spec.match_file(site_path)

    def is_fragment(self, site_path: str | None) -> bool:
        return site_path is not None and self._fragments.match_file(site_path)

    def read_record(self, path: Path) -> tuple[PageRecord, FileStamp] | None:
        """Read and parse any file (a link target, a page outside the run) to
        its record, with the stamp of the content read; None if unreadable."""
        try:
            data, stamp = read_bytes(path, self.config.max_file_size, stamp=True)
            source = decode(display_path(path, self.cwd), data)
        except DecodeError:
            return None
        site_path = self.site_path(path)
        from faqlint.parse.document import parse_document
        from faqlint.parse.records import page_record

        try:
            with time_budget(self.config.max_seconds_per_file):
                fragment = self.is_fragment(site_path)
                document = parse_document(source, self.settings, site_path, fragment)
                document = self.classify(document, site_path)
                record = page_record(document, site_path, self.builds_of(site_path))
        except OverBudget:
            return None
        assert stamp is not None
        return record, stamp

    # -- the whole run (main side) ------------------------------------
    @property
    def corpus_rules(self) -> list[ActiveRule]:
        return self._corpus_rules

    def run_corpus_rules(self, report: Report, corpus: Corpus) -> dict[str, tuple[Finding, ...]]:
        """Run the corpus rules over `corpus`; their findings go to the files
        of the report, and are returned by display path."""
        by_display = {r.display: r for r in report.files}
        before = {display: len(result.findings) for display, result in by_display.items()}
        cap = self.config.max_findings_per_rule
        for active in self._corpus_rules:
            assert active.rule.check_corpus is not None
            made: dict[str, int] = {}
            dropped: dict[str, tuple[int, Problem]] = {}
            for path, problem in active.rule.check_corpus(corpus, active.options):
                target = by_display.get(path)
                if target is None or target.record is None:
                    continue
                if made.get(path, 0) >= cap:
                    count, first = dropped.get(path, (0, problem))
                    dropped[path] = (count + 1, first)
                    continue
                made[path] = made.get(path, 0) + 1
                source = report.source(path)
                target.findings.append(self.finding(active, path, problem, target.record, source))
            for path, (count, first) in dropped.items():
                more = Problem(first.span, _not_listed(f"{count:,}", active, self.config))
                by_display[path].findings.append(self.finding(active, path, more))
        return {
            display: tuple(result.findings[before[display] :])
            for display, result in by_display.items()
            if len(result.findings) > before[display]
        }

    def run_finalizers(self, results: list[FileResult]) -> None:
        """Rules that decide over the whole run (a spelling used most across
        the corpus) replace their findings with the ones they keep."""
        for active in self.rules.active:
            finalize = active.rule.finalize
            if finalize is None:
                continue
            name = active.rule.name
            mine = [f for result in results for f in result.findings if f.rule == name]
            kept: dict[str, list[Finding]] = {}
            for finding in finalize(mine) if mine else []:
                kept.setdefault(finding.path, []).append(finding)
            for result in results:
                others = [f for f in result.findings if f.rule != name]
                result.findings = others + kept.get(result.display, [])

    def apply_suppressions(self, result: FileResult, report: Report) -> None:
        """Drop suppressed findings; report suppressions that suppressed nothing."""
        if not result.directives:
            return
        suppressions = Suppressions(result.directives)
        kept = [f for f in result.findings if not suppressions.suppresses(f.rule, f.code, f.line)]
        if self._unused:
            for directive, key in suppressions.unused():
                what = f"`{key}`" if key else "any rule"
                problem = Problem(
                    directive.span, f"this suppression of {what} suppresses nothing; remove it"
                )
                source = report.source(result.display)
                kept.append(self.finding(self._unused, result.display, problem, None, source))
        result.findings = kept

    def suppress_and_sort(self, report: Report) -> None:
        """The last step: inline suppressions applied, findings in order."""
        for result in report.files:
            self.apply_suppressions(result, report)
        report.findings = sorted(
            (finding for result in report.files for finding in result.findings),
            key=Finding.sort_key,
        )

    # -- findings ------------------------------------------------------
    def finding(
        self,
        active: ActiveRule,
        path: str,
        problem: Problem,
        record: PageRecord | None = None,
        source: Source | None = None,
    ) -> Finding:
        span = problem.span
        entry = record.entry_at(span.start) if record is not None else None
        question = entry.question if entry is not None else None
        snippet = source.text[span.start : span.end] if source is not None else problem.message
        return Finding(
            rule=active.rule.name,
            code=active.rule.code,
            severity=problem.severity or active.severity,
            path=path,
            line=span.line,
            column=span.column,
            end_line=span.end_line,
            end_column=span.end_column,
            message=problem.message,
            question=question,
            fix=problem.fix,
            related=problem.related,
            fingerprint=fingerprint(active.rule.name, path, question, snippet),
            tag=problem.tag,
        )


def _point(line: int, column: int) -> Span:
    return Span(line=line, column=column, end_line=line, end_column=column, start=0, end=0)
