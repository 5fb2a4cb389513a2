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
- The file is data only (msgpack, see `codec`), checked on load: a planted
  or damaged file cannot run code and is ignored (then rewritten).
- Records are stored encoded one by one and decoded only when a run asks
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
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from faqlint.findings import UNCHECKED_KINDS
from faqlint.parse.records import PageRecord
from faqlint.parse.source import FileStamp, content_hash
from faqlint.run import codec
from faqlint.run.store import keys
from faqlint.writes import write_cache_file

MEMOS = 4  # corpus-rule memos kept (a whole run, a hook's few file sets…)

# What corpus rules need to know of every page without decoding its record:
# display path, site path, language, number of entries.
Head = tuple[str, str | None, str | None, int]
# path -> (size, mtime_ns, sha256 of the bytes, record encoded (`codec`), head)
_Entry = tuple[int, int, str, bytes, Head]
# path -> (sha256 of the bytes, rules key, document-rule findings and directives encoded)
_Result = tuple[str, str, bytes]


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
        digest = hashlib.sha256(
            f"{keys.code_stamp()}|{self.fingerprint}".encode("utf-8", "surrogateescape")
        ).hexdigest()
        return self.directory / f"records-{digest[:16]}.msgpack"

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
        try:
            findings, directives = codec.tuple_of(codec.unpack(result[2]), 2, "result")
            decoded = tuple(codec.finding_from_data(f) for f in codec.items(findings, bool, "f"))
            marks = tuple(codec.directive_from_data(d) for d in codec.items(directives, bool, "d"))
        except codec.BadShape:
            return None
        return CachedResult(found[0], found[1], decoded, marks)

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
                record = codec.record_from_blob(blob)
            except codec.BadShape:  # a damaged entry: as if there were none
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
        """Keep `record`; `blob` is its encoded form when already made."""
        self._load()
        if blob is None:
            blob = codec.record_blob(record)
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
        blob = codec.pack(
            (
                tuple(codec.finding_data(f) for f in findings),
                tuple(codec.directive_data(d) for d in directives),
            )
        )
        self._results[str(path)] = (stamp.digest, rules_key, blob)
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
            data: Any = codec.load(str(path))
            if isinstance(data, dict) and data.get("format") == keys.FORMAT:
                entries, results, memos = data["entries"], data["results"], data["memos"]
                self._entries = _checked(entries, _check_entry)
                self._results = _checked(results, _check_result)
                self._memos = {k: memo_from_data(m) for k, m in _checked(memos, bool).items()}
        except (OSError, KeyError, codec.BadShape):  # missing, truncated, foreign: start empty
            self._entries, self._results, self._memos = {}, {}, {}
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
            "memos": {key: memo_data(memo) for key, memo in self._memos.items()},
        }
        if not write_cache_file(path, data, codec.dump):
            return
        self._dirty = False


def _checked(value: Any, check: Any) -> dict[str, Any]:
    """A map of path (or key) to entry, every entry checked."""
    codec.need(isinstance(value, dict), "map")
    for key, item in value.items():
        codec.need(codec.is_str(key), "key")
        check(item)
    return dict(value)


def _check_entry(entry: Any) -> None:
    size, mtime, digest, blob, head = codec.tuple_of(entry, 5, "entry")
    codec.need(codec.is_int(size) and codec.is_int(mtime) and codec.is_str(digest), "entry")
    codec.need(isinstance(blob, bytes), "entry record")
    path, site_path, language, entries = codec.tuple_of(head, 4, "entry head")
    codec.need(codec.is_str(path) and codec.optional_str(site_path), "entry head")
    codec.need(codec.optional_str(language) and codec.is_int(entries), "entry head")


def _check_result(result: Any) -> None:
    digest, rules_key, blob = codec.tuple_of(result, 3, "result")
    codec.need(codec.is_str(digest) and codec.is_str(rules_key), "result")
    codec.need(isinstance(blob, bytes), "result findings")


def memo_data(memo: CorpusMemo) -> tuple[Any, ...]:
    return (
        memo.pages,
        memo.files,
        tuple(
            (display, tuple(codec.finding_data(f) for f in findings))
            for display, findings in memo.findings
        ),
        memo.unchecked,
        memo.downgrades,
    )


def memo_from_data(data: Any) -> CorpusMemo:
    """A corpus memo as written by `memo_data`, checked."""
    pages, files, findings, unchecked, downgrades = codec.tuple_of(data, 5, "memo")
    for page in codec.items(pages, bool, "memo pages"):
        name, digest = codec.tuple_of(page, 2, "memo page")
        codec.need(codec.is_str(name) and codec.optional_str(digest), "memo page")
    for item in codec.items(files, bool, "memo files"):
        name, stamp = codec.tuple_of(item, 2, "memo file")
        codec.need(codec.is_str(name), "memo file")
        codec.need(
            stamp is None or all(map(codec.is_int, codec.tuple_of(stamp, 3, "stat"))), "stat"
        )
    decoded = []
    for item in codec.items(findings, bool, "memo findings"):
        display, listed = codec.tuple_of(item, 2, "memo findings")
        codec.need(codec.is_str(display), "memo findings")
        decoded.append(
            (display, tuple(codec.finding_from_data(f) for f in codec.items(listed, bool, "f")))
        )
    for item in codec.items(unchecked, bool, "memo unchecked"):
        kind, what, reason, path, count = codec.tuple_of(item, 5, "unchecked")
        codec.need(all(map(codec.is_str, (kind, what, reason))), "unchecked")
        codec.need(kind in UNCHECKED_KINDS, "unchecked kind")
        codec.need(codec.optional_str(path) and codec.is_int(count), "unchecked")
    for item in codec.items(downgrades, bool, "memo downgrades"):
        codec.need(all(map(codec.is_str, codec.tuple_of(item, 3, "downgrade"))), "downgrade")
    return CorpusMemo(pages, files, tuple(decoded), unchecked, downgrades)
