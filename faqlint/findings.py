"""What a run reports: `Finding`s (the JSON report's items), the result of
linting one file, and the `Report` of a whole run.

These are the types the engine produces and every reporter reads, so they
sit below both.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from faqlint.config import Severity
from faqlint.parse.model import Directive, FaqDocument, Fix, Related
from faqlint.parse.records import PageRecord
from faqlint.parse.source import DecodeError, FileStamp, Source, read_source

SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


class Finding(BaseModel):
    """A reported problem: the JSON report's `findings[]` items."""

    model_config = ConfigDict(frozen=True)
    rule: str
    code: str
    severity: Severity
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    question: str | None = None
    fix: Fix | None = None
    related: tuple[Related, ...] = ()
    fingerprint: str = ""
    tag: str | None = Field(None, exclude=True)  # see `Problem.tag`

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)


@dataclass(slots=True)
class FileResult:
    """One linted file. Picklable: workers send these back to the main process."""

    path: Path
    display: str
    record: PageRecord | None = None
    findings: list[Finding] = field(default_factory=list)
    directives: tuple[Directive, ...] = ()
    stamp: FileStamp | None = None  # content identity, for the parse cache
    source: Source | None = None  # kept only in-process; reloaded on demand
    document: FaqDocument | None = None  # idem
    record_blob: bytes | None = None  # the record as the parse cache stores it, if a worker made it
    from_cache: bool = False  # record and findings came from the cache, not from linting now


# What a run could not check, by kind: whether it counts against full
# coverage (`--strict` fails on it) and whether it stops the run (exit 2).
UNCHECKED_KINDS: dict[str, tuple[bool, bool]] = {
    "symlink": (True, False),  # a symlink found while walking leads out of the site: not read
    "alias": (False, False),  # a second name (symlink) for a file or folder read under its own name
    "unreadable": (True, False),  # a file or folder the walk could not read, or not a regular file
    "outside-site": (True, False),  # a linted file outside the site root: links not checked
    "page-type": (True, False),  # a file of a type the site does not serve: links not checked
    "fragment": (True, False),  # a fragment no published page includes: links not checked
    "unpublished": (False, False),  # the build leaves the page out: its links are not checked
    "external-off": (False, False),  # external links, when external checks are off
    "offline": (True, True),  # external links, when the network is unreachable
    "redirects": (True, False),  # a redirects file that could not be read
    # links to #anchors of a page whose anchors are not all known (it includes a
    # fragment the site model cannot read, or could not be read itself)
    "anchors": (True, False),
}


@dataclass(frozen=True, slots=True)
class Unchecked:
    """Something a run could not check, and why: the JSON report's
    `summary.unchecked` items and the terminal's "Not checked" lines."""

    kind: str  # one of UNCHECKED_KINDS
    what: str  # "file", "links", "external links"
    reason: str
    path: str | None = None  # display path; None: the run as a whole
    count: int = 1  # how many (links) it covers

    @property
    def required(self) -> bool:
        """Counts against full coverage (`--strict`); off by configuration does not."""
        return UNCHECKED_KINDS[self.kind][0]

    @property
    def stops_the_run(self) -> bool:
        return UNCHECKED_KINDS[self.kind][1]

    def as_data(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "what": self.what,
            "path": self.path,
            "count": self.count,
            "reason": self.reason,
            "required": self.required,
        }


@dataclass(slots=True)
class Report:
    files: list[FileResult]
    findings: list[Finding]
    max_file_size: int = 10 * 1024 * 1024
    _by_display: dict[str, FileResult] = field(default_factory=dict)
    unchecked: list[Unchecked] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Every check that should have run did (`--strict`)."""
        return not any(item.required for item in self.unchecked)

    def note_unchecked(self, items: Iterable[Unchecked]) -> None:
        """Add what was not checked, once each, in a stable order."""
        merged = dict.fromkeys([*self.unchecked, *items])
        self.unchecked = sorted(merged, key=lambda u: (u.path or "", u.kind, u.what, u.reason))

    @property
    def entry_count(self) -> int:
        return sum(len(f.record.entries) for f in self.files if f.record)

    def count(self, severity: str) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)

    def fails(self, fail_level: Severity) -> bool:
        threshold = SEVERITY_RANK[fail_level]
        return any(SEVERITY_RANK[f.severity] >= threshold for f in self.findings)

    def source(self, display: str) -> Source | None:
        """The text of a linted file, for excerpts; loaded lazily."""
        if len(self._by_display) != len(self.files):
            self._by_display = {f.display: f for f in self.files}
        result = self._by_display.get(display)
        if result is None:
            return None
        if result.source is None and result.record is not None:
            try:
                result.source = read_source(result.path, display, self.max_file_size)
            except DecodeError:
                return None
        return result.source


def display_path(path: Path | str, cwd: Path) -> str:
    """`path` relative to the working directory, with `/` separators."""
    text, prefix = str(path), str(cwd).rstrip(os.sep) + os.sep
    if text.startswith(prefix) and os.sep + ".." not in text:
        relative = text[len(prefix) :]
    else:
        try:
            relative = os.path.relpath(path, cwd)
        except ValueError:  # another drive on Windows
            relative = text
    return shown_name(relative.replace(os.sep, "/"))


def shown_name(path: str) -> str:
    """A path as text that can be printed and written in any report: bytes
    of a file name that are not UTF-8 (kept by Python as surrogates) are
    shown as `\\xe9` escapes."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    return path


_WHITESPACE = re.compile(r"\s+")


def fingerprint(rule: str, path: str, question: str | None, snippet: str) -> str:
    """Stable across line shifts: rule + path + entry question + normalised snippet."""
    import hashlib

    normalized = _WHITESPACE.sub(" ", snippet).strip().lower()
    question_key = _WHITESPACE.sub(" ", question or "").strip().lower()
    digest = hashlib.sha256(f"{rule}\0{path}\0{question_key}\0{normalized}".encode())
    return digest.hexdigest()[:32]


def entry_index(record: PageRecord | None, finding: Finding) -> int | None:
    """The index in `record.entries` of the innermost entry holding the finding."""
    if record is None:
        return None
    found: int | None = None
    for index, entry in enumerate(record.entries):
        span = entry.span
        after_start = (finding.line, finding.column) >= (span.line, span.column)
        before_end = (finding.line, finding.column) < (span.end_line, span.end_column)
        deeper = found is None or entry.depth > record.entries[found].depth
        if after_start and before_end and deeper:
            found = index
    return found
