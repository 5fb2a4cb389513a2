"""The store: what earlier runs learned, kept in the cache folder (`[cache]
dir`) so that an unchanged file is neither read nor parsed again.

The runner asks it first, lints what it lacks and gives it what was linted;
the engine never sees it. With the cache off it is a pass-through: records
are parsed when asked for, and nothing is kept.

- `records`: each file's `PageRecord` and document-rule findings, keyed by
  its content; the corpus-rule memos live in the same file;
- `walks`: memoised folder walks (the files under `include`, the site's files);
- `corpus_memo`: what the corpus rules of a run read, to reuse their findings;
- `keys`: what decides whether something stored still holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from faqlint.config import Config
from faqlint.findings import FileResult, Finding, display_path
from faqlint.parse.records import PageRecord
from faqlint.parse.source import FileStamp
from faqlint.rules.ruleset import RuleSet
from faqlint.run.store import keys, walks
from faqlint.run.store.corpus_memo import RunInputs
from faqlint.run.store.records import RecordCache
from faqlint.site.discover import symlink_policy
from faqlint.site.model import list_files
from faqlint.site.walk import Skipped

# Reads and parses a file that is not in the store: its record and stamp.
ReadRecord = Callable[[Path], tuple[PageRecord, FileStamp] | None]


class Store:
    def __init__(self, config: Config, rules: RuleSet, cwd: Path, read_record: ReadRecord) -> None:
        self.config = config
        self.cwd = cwd
        self.enabled = config.cache.enabled
        self.directory = config.base_dir / config.cache.dir if self.enabled else None
        self.records_key = keys.records_key(config, cwd)
        self.rules_key = keys.rules_key(rules, config) if self.enabled else ""
        self.cache = RecordCache(self.directory, self.records_key)
        self._read_record = read_record
        self.skipped: list[Skipped] = []  # what walks of the site did not read

    # -- results of the document rules ------------------------------------
    def results(self, paths: Iterable[Path]) -> dict[Path, FileResult]:
        """The stored results of the files whose content and rule set are unchanged."""
        found: dict[Path, FileResult] = {}
        if not self.enabled:
            return found
        for path in paths:
            hit = self.cache.get_result(path, self.rules_key)
            if hit is None or not all(isinstance(f, Finding) for f in hit.findings):
                continue
            found[path] = FileResult(
                path,
                display_path(path, self.cwd),
                record=hit.record,
                findings=list(hit.findings),
                directives=tuple(hit.directives),
                stamp=hit.stamp,
                from_cache=True,
            )
        return found

    def keep(self, results: Iterable[FileResult]) -> None:
        """Remember what was linted now: each file's record and findings."""
        for result in results:
            if result.from_cache or result.record is None or result.stamp is None:
                continue
            self.cache.put(result.path, result.stamp, result.record, result.record_blob)
            self.cache.put_result(
                result.path,
                result.stamp,
                self.rules_key,
                tuple(result.findings),
                result.directives,
            )

    # -- pages ---------------------------------------------------------------
    def record_of(self, path: Path) -> PageRecord | None:
        """The record of any file, from the store or parsed now (and kept)."""
        cached = self.cache.get(path)
        if cached is not None:
            return cached
        read = self._read_record(path)
        if read is None:
            return None
        record, stamp = read
        self.cache.put(path, stamp, record)
        return record

    def page(self, site_path: str) -> PageRecord | None:
        """A site page that is not part of this run (a link target)."""
        path = self.config.site_root / site_path
        if path.suffix.lower() not in self.config.site.page_types:
            return None
        return self.record_of(path)

    # -- the site ----------------------------------------------------------------
    def site_files(self) -> list[str]:
        """Every file under the site root; what the walk did not read goes
        to `skipped`."""
        if self.directory is None:
            policy = symlink_policy(self.config)
            files = list_files(self.config.site_root, policy)
            self.skipped += policy.skipped
            return files
        files, skipped = walks.site_files(self.config, self.directory)
        self.skipped += skipped
        return files

    # -- corpus rules -------------------------------------------------------
    def corpus_inputs(self, files: Sequence[FileResult]) -> RunInputs:
        """What the corpus rules of this run read, with the memo of their
        findings (none with external checks: their verdicts change by themselves)."""
        memo = self.enabled and not self.config.links.external
        return RunInputs.gather(
            self.cache if memo else None,
            self.config,
            [self.rules_key, self.records_key],
            [(r.display, r.path, r.stamp, r.record is not None) for r in files],
            self.record_of,
            self.site_files,
        )

    def save(self) -> None:
        self.cache.save()
