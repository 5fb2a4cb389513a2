"""Applying fixes: non-overlapping text edits, re-linted until stable, written atomically.

A write keeps the file's BOM, its line ends (an edit that inserts a line end
uses the file's own style) and its permissions, and is atomic
(`writes.write_file`), so a crash never leaves half a file. Running `--fix`
twice changes nothing the second time.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from faqlint.findings import FileResult, Finding
from faqlint.parse.model import Edit
from faqlint.parse.source import Source, encode
from faqlint.run.engine import Engine
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


def applicable(findings: Iterable[Finding], unsafe: bool) -> list[Edit]:
    edits: list[Edit] = []
    for finding in findings:
        if finding.fix is None:
            continue
        if finding.fix.applicability == "safe" or unsafe:
            edits.extend(finding.fix.edits)
    return edits


def apply_edits(text: str, edits: Iterable[Edit], newline: str = "\n") -> tuple[str, int]:
    """Apply edits that do not overlap an earlier one; returns (text, applied)."""
    pieces: list[str] = []
    position = 0
    applied = 0
    for edit in sorted(edits, key=lambda e: (e.span.start, e.span.end)):
        start, end = edit.span.start, edit.span.end
        if start < position or end > len(text):
            continue
        pieces.append(text[position:start])
        content = edit.content
        if newline != "\n":
            content = content.replace("\r\n", "\n").replace("\n", newline)
        pieces.append(content)
        position = end
        applied += 1
    pieces.append(text[position:])
    return "".join(pieces), applied


def fix_file(engine: Engine, result: FileResult, source: Source, unsafe: bool) -> FixOutcome:
    """Apply fixes to one file in memory until none applies."""
    original = text = source.text
    total = 0
    current = result
    for _ in range(MAX_ROUNDS):
        edits = applicable(current.findings, unsafe)
        if not edits:
            break
        text, applied = apply_edits(text, edits, source.newline)
        if applied == 0:
            break
        total += applied
        current = engine.lint_source(result.path, Source(source.path, text, source.bom))
    return FixOutcome(result.path, result.display, original, text, total)


def write_fixed(outcome: FixOutcome, bom: bool) -> None:
    """Write a fixed file back, with the BOM it had."""
    write_file(outcome.path, encode(outcome.fixed, bom))
