"""The parse cache: each file's `PageRecord`, keyed by its content.

A pre-commit run lints two files but must know the rest of the site (pages,
anchors, questions). Parsing 4,000 pages for that on every commit would take
seconds; this cache keeps their records in `.faqlint_cache/` (`[cache] dir`).

- An entry is valid for the same content: a file whose size and mtime are
  unchanged is trusted (as git does); otherwise its bytes are hashed and
  compared (a touched but unchanged file still hits).
- The cache file is specific to the faqlint version and to every setting
  that changes what parsing produces; other versions' files are ignored.
- Beside each record it keeps the file's findings from the per-file
  (document) rules, valid for the same content and the same rule set
  (`rules_key`: active rules, severities, options, rule-pack files): an
  unchanged file in a whole run is neither read nor parsed again; only the
  corpus rules (links, duplicates) run again, over the records.
- Records are stored pickled one by one and unpickled only when a run asks
  for them: a run that lints one file loads the whole cache in milliseconds
  and decodes only the pages its rules look at.
- The findings of the corpus rules are memoised for the last few runs
  (`CorpusMemo`): a run whose inputs (rule set, every page's content, the
  site's file list, the pages and metadata files the rules read) equal a
  memoised run's reuses its findings without running the corpus rules.
- Writes go to a temporary file and replace the cache atomically; two runs at
  once cannot corrupt it (the last one wins). A corrupt, truncated, foreign or
  unreadable cache is ignored, and an unwritable folder just means no cache:
  the results are the same either way, only slower.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from faqlint.parse.records import PageRecord, from_plain, to_plain
from faqlint.parse.source import FileStamp, content_hash
from faqlint.run.store import keys
from faqlint.writes import write_cache_file

MEMOS = 4  # corpus-rule memos kept (a whole run, a hook's few file sets…)

# What corpus rules need to know of every page without decoding its record:
# display path, site path, language, number of entries.
Head = tuple[str, str | None, str | None, int]
# path -> (size, mtime_ns, sha256 of the bytes, record as pickled plain tuples, head)
_Entry = tuple[int, int, str, bytes, Head]
# path -> (sha256 of the bytes, rules key, document-rule findings, directives)
_Result = tuple[str, str, tuple[Any, ...], tuple[Any, ...]]


@dataclass(frozen=True, slots=True)
class CachedResult:
    record: PageRecord
    stamp: FileStamp
    findings: tuple[Any, ...]  # `Finding`s of the document rules
    directives: tuple[Any, ...]  # inline suppressions


@dataclass(frozen=True, slots=True)
class CorpusMemo:
    """The corpus rules' findings of one run, and what they read beyond the
    inputs hashed into the memo's key: pages loaded as link targets (by
    content digest, or None when there was no record) and metadata files
    (by size, mtime and ctime)."""

    pages: tuple[tuple[str, str | None], ...]
    files: tuple[tuple[str, keys.Stat | None], ...]
    findings: tuple[tuple[str, tuple[Any, ...]], ...]  # display path -> `Finding`s
    unchecked: tuple[tuple[str, str, str, str | None, int], ...] = ()  # `Unchecked` fields
    downgrades: tuple[tuple[str, str, str], ...] = ()  # fixes made unsafe (`corpus_fixes`)


@dataclass
class RecordCache:
    """One cache file of records, document-rule findings and corpus memos,
    loaded on first use and written back by `save` when anything changed."""

    directory: Path | None
    fingerprint: str  # what the records depend on besides the text
    _entries: dict[str, _Entry] = field(default_factory=dict)
    _results: dict[str, _Result] = field(default_factory=dict)
    _memos: dict[str, CorpusMemo] = field(default_factory=dict)
    _records: dict[str, PageRecord] = field(default_factory=dict)  # decoded this run
    created: float = field(default_factory=time.monotonic)
    _loaded: bool = False
    _dirty: bool = False

    @property
    def path(self) -> Path | None:
        if self.directory is None:
            return None
        digest = hashlib.sha256(f"{keys.code_stamp()}|{self.fingerprint}".encode()).hexdigest()
        return self.directory / f"records-{digest[:16]}.pickle"

    # -- lookups ---------------------------------------------------------
    def get(self, path: Path) -> PageRecord | None:
        """The cached record of `path` if its content is unchanged."""
        found = self._current(path)
        return found[0] if found is not None else None

    def get_result(self, path: Path, rules_key: str) -> CachedResult | None:
        """Record and document-rule findings of `path`, if its content and
        the rule set are unchanged."""
        result = self._results.get(str(path)) if self._load() else None
        if result is None or result[1] != rules_key:
            return None
        found = self._current(path)
        if found is None or found[1].digest != result[0]:
            return None
        return CachedResult(found[0], found[1], result[2], result[3])

    def stamp(self, path: Path | str) -> FileStamp | None:
        """What identifies the file's content, if the cache knows it unchanged
        (without decoding its record)."""
        found = self._valid(str(path))
        return found[1] if found is not None else None

    def known(self, path: Path | str) -> tuple[FileStamp, Head] | None:
        """A page's stamp and head (see `Head`), if the cache knows it
        unchanged (without decoding its record)."""
        found = self._valid(str(path))
        return (found[1], found[2]) if found is not None else None

    def _valid(self, key: str) -> tuple[bytes, FileStamp, Head] | None:
        self._load()
        entry = self._entries.get(key)
        if entry is None:
            return None
        size, mtime, digest, blob, head = entry
        try:
            stat = os.stat(key)
        except OSError:
            return None
        if (stat.st_size, stat.st_mtime_ns) != (size, mtime):
            try:
                with open(key, "rb") as handle:
                    data = handle.read()
            except OSError:
                return None
            if content_hash(data) != digest:
                return None
            self._entries[key] = (
                stat.st_size,
                keys.trusted_mtime(stat.st_mtime_ns),
                digest,
                blob,
                head,
            )
            self._dirty = True
        return blob, FileStamp(stat.st_size, stat.st_mtime_ns, digest), head

    def _current(self, path: Path) -> tuple[PageRecord, FileStamp] | None:
        key = str(path)
        found = self._valid(key)
        if found is None:
            return None
        blob, stamp, _ = found
        record = self._records.get(key)
        if record is None:
            try:
                record = from_plain(pickle.loads(blob))
            except Exception:  # a damaged entry: as if there were none
                return None
            if record.builds is not None:
                # Read from the page's metadata sidecar when the page was
                # parsed, which may have changed since: the site reads it again.
                record = record._replace(builds=None)
            self._records[key] = record
        return record, stamp

    def put(
        self, path: Path, stamp: FileStamp, record: PageRecord, blob: bytes | None = None
    ) -> None:
        """Keep `record`; `blob` is its pickled plain form when already made."""
        self._load()
        if blob is None:
            blob = pickle.dumps(to_plain(record), protocol=pickle.HIGHEST_PROTOCOL)
        head = (record.path, record.site_path, record.language, len(record.entries))
        self._entries[str(path)] = (
            stamp.size,
            keys.trusted_mtime(stamp.mtime_ns),
            stamp.digest,
            blob,
            head,
        )
        self._records[str(path)] = record
        self._dirty = True

    def put_result(
        self,
        path: Path,
        stamp: FileStamp,
        rules_key: str,
        findings: tuple[Any, ...],
        directives: tuple[Any, ...],
    ) -> None:
        self._load()
        self._results[str(path)] = (stamp.digest, rules_key, findings, directives)
        self._dirty = True

    # -- corpus-rule memos -------------------------------------------------
    def memo(self, key: str) -> CorpusMemo | None:
        return self._memos.get(key) if self._load() else None

    def put_memo(self, key: str, memo: CorpusMemo) -> None:
        if not self._load():
            return
        self._memos.pop(key, None)
        self._memos[key] = memo
        while len(self._memos) > MEMOS:
            del self._memos[next(iter(self._memos))]
        self._dirty = True

    # -- storage ---------------------------------------------------------
    def _load(self) -> bool:
        """Read the cache file once; False when there is no cache at all."""
        if self._loaded:
            return self.directory is not None
        self._loaded = True
        path = self.path
        if path is None:
            return False
        try:
            with open(path, "rb") as handle:
                data: Any = pickle.load(handle)
        except Exception:  # missing, truncated, foreign: start empty
            return True
        if isinstance(data, dict) and data.get("format") == keys.FORMAT:
            entries, results, memos = data.get("entries"), data.get("results"), data.get("memos")
            if isinstance(entries, dict) and isinstance(results, dict):
                self._entries, self._results = entries, results
                if isinstance(memos, dict):
                    self._memos = {k: m for k, m in memos.items() if isinstance(m, CorpusMemo)}
        return True

    def save(self) -> None:
        """Write the cache if anything changed; silently skip when impossible."""
        path = self.path
        if path is None or not self._dirty:
            return
        data = {
            "format": keys.FORMAT,
            "entries": self._entries,
            "results": self._results,
            "memos": self._memos,
        }
        if not write_cache_file(path, data):
            return
        self._dirty = False
