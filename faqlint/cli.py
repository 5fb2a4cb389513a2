"""Command line: `faqlint check|entries|rules|rule`.

`main(argv) -> int` never lets a traceback reach the user: usage and config
problems exit 2 with a message, and so does an internal error (with a hint
to set FAQLINT_DEBUG=1 for the traceback). Heavy modules are imported only
by the command that needs them, so a pre-commit hook starts fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from faqlint import __version__

if TYPE_CHECKING:
    from faqlint.config import Config
    from faqlint.findings import Report
    from faqlint.rules.ruleset import RuleSet
    from faqlint.run.baseline import BaselineOutcome
    from faqlint.run.changes import Impact
    from faqlint.run.init import InitOutcome
    from faqlint.run.runner import CheckOutcome

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "json")
CHECK_FORMATS = ("text", "json", "html", "junit", "sarif", "gitlab", "github")


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="faqlint", description="Lint FAQ pages in documentation repositories.")
    parser.add_argument("--version", action="version", version=f"faqlint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = commands.add_parser("check", help="lint files and report findings")
    _common(check)
    check.add_argument("--format", choices=CHECK_FORMATS, default="text", help="stdout format")
    check.add_argument(
        "--report",
        action="append",
        default=[],
        metavar="FORMAT[:PATH]",
        help="also write a report file (repeatable); default path under reports/",
    )
    check.add_argument("--select", help="comma-separated rules to run (replaces config)")
    check.add_argument("--ignore", help="comma-separated rules to skip (adds to config)")
    check.add_argument("--fail-level", choices=("error", "warning", "info"))
    check.add_argument("--fix", action="store_true", help="apply safe fixes")
    check.add_argument("--unsafe-fixes", action="store_true", help="with --fix: also unsafe")
    check.add_argument("--diff", action="store_true", help="show fixes as a diff, write nothing")
    check.add_argument("-q", "--quiet", action="store_true", help="findings only, no excerpts")
    check.add_argument("--external", action="store_true", help="also check external links")
    check.add_argument(
        "--allow-private", action="store_true", help="let external checks reach private addresses"
    )
    check.add_argument(
        "--allow-offline",
        action="store_true",
        help="with --external: an unreachable network is reported, not an error",
    )
    check.add_argument(
        "--strict",
        action="store_true",
        help="fail (exit 1) when a check could not run on some file",
    )
    check.add_argument("--link-engine", choices=("builtin", "linkchecker"))
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    check.add_argument(
        "--baseline",
        type=Path,
        metavar="FILE",
        help="report only findings not recorded in FILE (record it with --update-baseline)",
    )
    check.add_argument(
        "--update-baseline", action="store_true", help="with --baseline: re-record FILE"
    )
    check.add_argument(
        "--since",
        metavar="REV",
        help="lint the files changed since git REV, and the files those changes affect",
    )
    check.add_argument(
        "--new-only",
        action="store_true",
        help="with --since: report only findings in changed lines or entries",
    )

    entries = commands.add_parser("entries", help="print the parsed FAQ model")
    _common(entries)
    entries.add_argument("--format", choices=FORMATS, default="text")

    init = commands.add_parser(
        "init", help="write a faqlint.toml for this repository (detects the docs framework)"
    )
    init.add_argument("--force", action="store_true", help="overwrite an existing faqlint.toml")
    init.add_argument("--print", action="store_true", help="print the config instead of writing it")

    rules = commands.add_parser("rules", help="list all rules")
    rules.add_argument("--format", choices=FORMATS, default="text")
    rules.add_argument("--config", type=Path, help="config file (default: discovered)")

    rule = commands.add_parser("rule", help="explain one rule")
    rule.add_argument("name", help="rule name or code")
    rule.add_argument("--config", type=Path, help="config file (default: discovered)")
    return parser


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", help="files or folders (default: config include)")
    parser.add_argument("--config", type=Path, help="config file (default: discovered)")
    parser.add_argument("-o", "--output", type=Path, help="write the report to FILE")


def run() -> None:
    """The console script: `main`, then exit without tearing down every module.

    Interpreter teardown of the ~300 modules a run imports costs a hook tens
    of milliseconds per commit; all output is flushed and files are closed by
    then, so skipping it loses nothing.
    """
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    # faqlint needs no pydantic plugins; not looking them up (an entry-point
    # scan of the whole environment) is measurable start-up time for a hook.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(args_list)
        if args.command is None:
            build_parser().print_help()
            return EXIT_ERROR
        handler = {
            "check": _check,
            "entries": _entries,
            "rules": _rules,
            "rule": _rule,
            "init": _init,
        }
        return handler[args.command](args)
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("faqlint: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        from faqlint.errors import FaqlintError

        if isinstance(exc, FaqlintError):
            print(f"faqlint: {exc}", file=sys.stderr)
            return EXIT_ERROR
        if os.environ.get("FAQLINT_DEBUG"):
            raise
        print(
            f"faqlint: internal error: {type(exc).__name__}: {exc}\n"
            "Please report this; run with FAQLINT_DEBUG=1 to see the traceback.",
            file=sys.stderr,
        )
        return EXIT_ERROR


def _load(args: argparse.Namespace, assume_framework: bool = False) -> tuple[Config, Path]:
    """The config and the working folder; with no config anywhere and
    `assume_framework` (commands that read pages), a detected framework's settings."""
    from faqlint.config import load_config

    cwd = _logical_cwd()
    config = load_config(args.config, cwd)
    if config.path is None and assume_framework:
        config = _assume_framework(config, cwd)
    return config, cwd


def _assume_framework(config: Config, cwd: Path) -> Config:
    """No config anywhere: in a repository of a known docs framework, its
    settings (as `faqlint init` would start from), said on stderr."""
    from faqlint.site.frameworks import detect

    detected = detect(cwd)
    if detected.framework == "plain":
        return config
    site = config.site.model_copy(
        update={
            "framework": detected.framework,
            "root": detected.root,
            "layout": detected.layout,
            "index": detected.index or config.site.index,
            "languages": detected.languages,
            "trailing_slash": detected.trailing_slash,
        }
    )
    print(
        f"faqlint: no faqlint.toml here; assuming a {detected.framework} site "
        f"(from {detected.evidence}). `faqlint init` writes settings to keep and tune.",
        file=sys.stderr,
    )
    return config.model_copy(update={"include": tuple(detected.include), "site": site})


def _logical_cwd() -> Path:
    """The working folder as the shell names it (`pwd -L`): inside a symlinked
    docs folder the config is looked for in the parents the user sees."""
    physical = os.getcwd()
    logical = os.environ.get("PWD", "")
    if logical and os.path.isabs(logical):
        try:
            if os.path.samefile(logical, physical):
                return Path(logical)
        except OSError:
            pass
    return Path(physical)


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def _ruleset(config: Config, args: argparse.Namespace) -> RuleSet:
    from faqlint.rules.ruleset import resolve

    return resolve(
        config,
        select=_split(getattr(args, "select", None)) or None,
        extend_ignore=_split(getattr(args, "ignore", None)),
    )


def _check(args: argparse.Namespace) -> int:
    from faqlint.run import runner

    config, cwd = _load(args, assume_framework=True)
    config = _with_link_flags(config, args)
    rules = _ruleset(config, args)
    _check_usage(args, config, cwd)
    targets = [_report_target(spec) for spec in args.report]
    outcome = runner.run_check(
        config,
        rules,
        cwd,
        args.paths,
        fix=args.fix,
        diff=args.diff,
        unsafe=args.unsafe_fixes,
        progress=not args.quiet and _is_tty(sys.stderr),
        since=args.since,
    )
    if args.diff:
        _emit("".join(o.diff() for o in outcome.fixes), args.output)
        return EXIT_FINDINGS if any(o.changed for o in outcome.fixes) else EXIT_CLEAN
    report, baseline = outcome.report, None
    if outcome.impact is not None and not outcome.impact.lint:
        print(f"faqlint: no file to lint changed since {args.since}", file=sys.stderr)
    if args.new_only and outcome.impact is not None:
        report = _new_only(report, outcome.impact)
    if args.baseline is not None:
        from faqlint.findings import display_path
        from faqlint.run import baseline as baselines

        shown = display_path(args.baseline, cwd)
        report, baseline = baselines.run(
            report, args.baseline, args.update_baseline, __version__, shown
        )
    failed: list[str] = []
    outputs = [(args.format, args.output, None), *((f, p, False) for f, p in targets)]
    for fmt, path, color in outputs:
        try:  # one output that cannot be written does not stop the others
            _emit(_render(report, rules, args, config, fmt, color, baseline), path)
        except UsageError as exc:
            failed.append(str(exc))
    code = _exit_code(args, config, outcome, report)
    for message in failed:
        print(message, file=sys.stderr)
    return EXIT_ERROR if failed else code


def _check_usage(args: argparse.Namespace, config: Config, cwd: Path) -> None:
    """Flags that need each other, a site root that is not there, a baseline
    that is not there: usage errors (exit 2) before anything is linted."""
    if args.unsafe_fixes and not (args.fix or args.diff):
        raise UsageError("faqlint check: --unsafe-fixes needs --fix or --diff")
    if args.update_baseline and args.baseline is None:
        raise UsageError("faqlint check: --update-baseline needs --baseline FILE")
    if args.new_only and args.since is None:
        raise UsageError("faqlint check: --new-only needs --since REV")
    if not config.site_root.is_dir():
        where = config.where("site.root")
        raise UsageError(
            f"faqlint: {where}: [site] root = {config.site.root!r}: no such folder "
            f"({config.site_root}); set `root` to the folder served at URL /"
        )
    from faqlint.run.store.folder import cache_folder_problem

    problem = cache_folder_problem(config)
    if problem is not None:
        where = config.where("cache.dir")
        raise UsageError(
            f"faqlint: {where}: [cache] dir = {config.cache.dir!r} {problem}. "
            'Use the default (".faqlint_cache") or another new folder, or set `enabled = false`'
        )
    if args.baseline is not None and not args.update_baseline and not args.baseline.exists():
        raise UsageError(
            f"faqlint check: --baseline {args.baseline}: no such file. Record one first with "
            f"`faqlint check --baseline {args.baseline} --update-baseline` (and commit it)"
        )


def _exit_code(
    args: argparse.Namespace, config: Config, outcome: CheckOutcome, report: Report
) -> int:
    """Say what stops the run, then the exit code: 2 for errors, 1 for
    findings at the fail level (or, with --strict, checks that did not run)."""
    from faqlint.reporters.text import count

    if outcome.fixed_files:
        applied = sum(o.applied for o in outcome.fixes if o.changed)
        fixed = f"{count(applied, 'finding')} in {count(outcome.fixed_files, 'file')}"
        print(f"Fixed {fixed}.", file=sys.stderr)
    errors = [*outcome.write_errors, *outcome.usage_errors]
    stopped = [item for item in report.unchecked if item.stops_the_run]
    if not config.links.allow_offline:
        errors += [f"error: {i.reason}; --allow-offline goes on without them" for i in stopped]
    for message in errors:
        print(f"faqlint: {message}", file=sys.stderr)
    if errors:
        return EXIT_ERROR
    if (args.strict or config.check.require_full_coverage) and not report.complete:
        missed = count(sum(1 for item in report.unchecked if item.required), "gap")
        why = "--strict" if args.strict else "[check] require-full-coverage"
        print(
            f'faqlint: not everything was checked ({missed}: see "Not checked" or the JSON '
            f"report's summary.unchecked); failing because of {why}",
            file=sys.stderr,
        )
        return EXIT_FINDINGS
    fail_level = args.fail_level or config.fail_level
    return EXIT_FINDINGS if report.fails(fail_level) else EXIT_CLEAN


def _new_only(report: Report, impact: Impact) -> Report:
    """The report without findings outside the change (said on stderr)."""
    from dataclasses import replace

    records = {r.display: r.record for r in report.files}
    kept = [f for f in report.findings if impact.is_new(f, records.get(f.path))]
    hidden = len(report.findings) - len(kept)
    if hidden:
        print(
            f"faqlint: --new-only: {hidden} finding{'s' if hidden != 1 else ''} outside the "
            f"lines and entries changed since {impact.changes.rev} not shown",
            file=sys.stderr,
        )
    return replace(report, findings=kept)


def _report_target(spec: str) -> tuple[str, Path]:
    from faqlint.reporters import REPORT_FILES

    fmt, _, path = spec.partition(":")
    if fmt not in REPORT_FILES:
        choices = ", ".join(REPORT_FILES)
        raise UsageError(f"faqlint check: --report {spec!r}: unknown format; choose from {choices}")
    return fmt, Path(path) if path else Path("reports") / REPORT_FILES[fmt]


def _with_link_flags(config: Config, args: argparse.Namespace) -> Config:
    """`--external`, `--allow-private` and `--link-engine` override `[links]`."""
    update: dict[str, object] = {}
    if args.external:
        update["external"] = True
    if args.allow_private:
        update["allow_private"] = True
    if args.allow_offline:
        update["allow_offline"] = True
    if args.link_engine:
        update["engine"] = args.link_engine
    if not update:
        return config
    return config.model_copy(update={"links": config.links.model_copy(update=update)})


def _render(
    report: Report,
    rules: RuleSet,
    args: argparse.Namespace,
    config: Config,
    fmt: str,
    color: bool | None = None,
    baseline: BaselineOutcome | None = None,
) -> str:
    from faqlint.reporters import ReportContext, render

    fail_level = args.fail_level or config.fail_level
    junit_warnings = config.reports.junit_warnings

    if color is None:
        color = args.color == "always" or (
            args.color == "auto"
            and args.output is None
            and _is_tty(sys.stdout)
            and "NO_COLOR" not in os.environ
        )
    context = ReportContext(
        __version__,
        rules,
        color=color,
        quiet=args.quiet,
        fail_level=fail_level,
        junit_warnings=junit_warnings,
        baseline=baseline,
    )
    return render(fmt, report, context)


def _is_tty(stream: TextIO) -> bool:
    return bool(os.environ.get("FORCE_COLOR")) or (hasattr(stream, "isatty") and stream.isatty())


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from faqlint.writes import write_file

    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        write_file(output, text.encode("utf-8"))
    except OSError as exc:
        raise UsageError(f"faqlint: cannot write {output}: {exc.strerror}") from None


def _init(args: argparse.Namespace) -> int:
    from faqlint.run.init import initialise
    from faqlint.writes import write_file

    project = _logical_cwd()
    target = project / "faqlint.toml"
    if target.exists() and not (args.force or args.print):
        raise UsageError(
            f"faqlint init: {target} exists; it is left as it is (--force overwrites it)"
        )
    print("faqlint init: detecting the framework and trying settings…", file=sys.stderr)
    outcome = initialise(project)
    detected, chosen = outcome.detected, outcome.chosen
    assert chosen is not None
    entries = sum(outcome.entries.values())
    by_dialect = ", ".join(f"{n} {c}" for n, c in outcome.entries.most_common()) or "none"
    say = sys.stderr if args.print else sys.stdout
    print(f"Framework: {detected.framework} (from {detected.evidence})", file=say)
    print(
        f"Pages: {outcome.pages} under {detected.root!r}; FAQ entries: {entries} ({by_dialect})",
        file=say,
    )
    print(
        f"Links: {outcome.links} internal links on {outcome.sample} sampled pages; "
        f"{chosen.broken} broken with relative-base = {chosen.relative_base!r}, "
        f"slug = {chosen.slug!r} ({_why_chosen(outcome)})",
        file=say,
    )
    if args.print:
        sys.stdout.write(outcome.text)
        return EXIT_CLEAN
    write_file(target, outcome.text.encode("utf-8"))
    print(f"Wrote {target}. Next: faqlint check")
    return EXIT_CLEAN


def _entries(args: argparse.Namespace) -> int:
    from faqlint.run import runner

    config, cwd = _load(args, assume_framework=True)
    documents, problems = runner.parse_only(config, cwd, args.paths)
    for message in problems:
        print(message, file=sys.stderr)
    from faqlint.reporters.entries import entries_json, entries_text

    render = entries_json if args.format == "json" else entries_text
    _emit(render(documents), args.output)
    return EXIT_ERROR if problems and not documents else EXIT_CLEAN


def _rules(args: argparse.Namespace) -> int:
    from faqlint.rules.catalogue import rules_json, rules_table

    config, _ = _load(args)
    rules = _ruleset(config, args)
    _emit(rules_json(rules) if args.format == "json" else rules_table(rules), None)
    return EXIT_CLEAN


def _rule(args: argparse.Namespace) -> int:
    from faqlint.rules.catalogue import explain

    config, _ = _load(args)
    rules = _ruleset(config, args)
    rule = rules.find(args.name)
    if rule is None:
        from faqlint.rules.ruleset import did_you_mean

        hint = did_you_mean(args.name, rules.catalogue)
        raise UsageError(f"faqlint rule: no rule named {args.name!r}{hint}; see `faqlint rules`")
    _emit(explain(rule, rules), None)
    return EXIT_CLEAN


def _why_chosen(outcome: InitOutcome) -> str:
    fewest = min(t.broken for t in outcome.trials)
    tried = len(outcome.trials)
    if outcome.chosen is not None and outcome.chosen.broken > fewest:
        return (
            f"the framework's own relative-link base; the fewest of {tried} settings tried "
            f"break {fewest}"
        )
    return f"the fewest of {tried} settings tried"
