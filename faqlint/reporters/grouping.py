"""Findings grouped the way people read them: by file, then by FAQ entry.

Used by the HTML and JUnit reports. An entry is found by position (the
innermost entry whose lines hold the finding), not by its question text, so
two entries that ask the same question stay apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from faqlint.findings import FileResult, Finding, Report, entry_index
from faqlint.parse.records import EntryRecord, PageRecord


@dataclass(slots=True)
class EntryGroup:
    entry: EntryRecord | None  # None: findings outside any entry
    findings: list[Finding] = field(default_factory=list)

    @property
    def question(self) -> str | None:
        return self.entry.question if self.entry is not None else None

    @property
    def line(self) -> int:
        return self.entry.span.line if self.entry is not None else 0


@dataclass(slots=True)
class FileGroup:
    path: str
    result: FileResult | None
    entries: list[EntryGroup]  # every entry of the file, in order; page-level group first

    @property
    def findings(self) -> Iterator[Finding]:
        for group in self.entries:
            yield from group.findings

    @property
    def finding_count(self) -> int:
        return sum(len(group.findings) for group in self.entries)


def group_report(report: Report, with_clean_entries: bool = True) -> list[FileGroup]:
    """Every linted file (findings or not) with its entries; files in path order."""
    by_path: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_path.setdefault(finding.path, []).append(finding)
    results = {result.display: result for result in report.files}
    groups = []
    for path in sorted(set(results) | set(by_path)):
        result = results.get(path)
        record = result.record if result is not None else None
        entries = [EntryGroup(None)]
        if record is not None and with_clean_entries:
            entries += [EntryGroup(entry) for entry in record.entries]
        for finding in by_path.get(path, []):
            index = entry_index(record, finding)
            if index is None:
                entries[0].findings.append(finding)
            elif with_clean_entries:
                entries[index + 1].findings.append(finding)
            else:
                _add(entries, record, index, finding)
        groups.append(FileGroup(path, result, entries))
    return groups


def _add(
    entries: list[EntryGroup], record: PageRecord | None, index: int, finding: Finding
) -> None:
    assert record is not None
    entry = record.entries[index]
    for group in entries:
        if group.entry is entry:
            group.findings.append(finding)
            return
    entries.append(EntryGroup(entry, [finding]))
