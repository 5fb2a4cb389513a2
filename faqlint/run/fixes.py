"""Applying fixes: non-overlapping text edits, re-linted until stable, written atomically.

A write keeps the file's BOM, its line ends (an edit that inserts a line end
uses the file's own style) and its permissions, and is atomic
(`writes.write_file`), so a crash never leaves half a file. Running `--fix`
twice changes nothing the second time.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from faqlint.findings import FileResult
from faqlint.parse.source import Source, encode
from faqlint.parse.suppressions import Suppressions
from faqlint.run.engine import Engine
from faqlint.run.fix_check import apply_fixes
from faqlint.writes import write_file

MAX_ROUNDS = 10


@dataclass(slots=True)
class FixOutcome:
    path: Path
    display: str
    original: str
    fixed: str
    applied: int

    @property
    def changed(self) -> bool:
        return self.original != self.fixed

    def diff(self) -> str:
        return "".join(
            difflib.unified_diff(
                self.original.splitlines(keepends=True),
                self.fixed.splitlines(keepends=True),
                fromfile=f"a/{self.display}",
                tofile=f"b/{self.display}",
            )
        )


def fix_file(
    engine: Engine,
    result: FileResult,
    source: Source,
    unsafe: bool,
    recheck: Callable[[FileResult, Source], None] | None = None,
) -> FixOutcome:
    """Apply fixes to one file in memory until none applies. The fixes of
    later rounds (revealed by earlier ones) come from the document rules;
    `recheck` checks them against the site too (see `corpus_fixes`)."""
    original = text = source.text
    total = 0
    current = result
    for _ in range(MAX_ROUNDS):
        suppressions = Suppressions(current.directives)
        fixes = [
            f.fix
            for f in current.findings
            if f.fix is not None
            and (unsafe or f.fix.applicability == "safe")
            and not suppressions.suppresses(f.rule, f.code, f.line)
        ]
        if not fixes:
            break
        text, applied = apply_fixes(text, fixes, source.newline)
        if not applied:
            break
        total += len(applied)
        changed = Source(source.path, text, source.bom)
        current = engine.lint_source(result.path, changed)
        if recheck is not None:
            recheck(current, changed)
    return FixOutcome(result.path, result.display, original, text, total)


def write_fixed(outcome: FixOutcome, bom: bool) -> None:
    """Write a fixed file back, with the BOM it had."""
    write_file(outcome.path, encode(outcome.fixed, bom))
