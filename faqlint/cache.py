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
- Writes go to a temporary file and replace the cache atomically; two runs at
  once cannot corrupt it (the last one wins). A corrupt, truncated, foreign or
  unreadable cache is ignored, and an unwritable folder just means no cache:
  the results are the same either way, only slower.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from faqlint import __version__
from faqlint.records import PageRecord, PlainRecord, from_plain, to_plain

FORMAT = 2

# path -> (size, mtime_ns, sha256 of the bytes, record as plain tuples)
_Entry = tuple[int, int, str, PlainRecord]
# path -> (sha256 of the bytes, rules key, document-rule findings, directives)
_Result = tuple[str, str, tuple[Any, ...], tuple[Any, ...]]


@dataclass(frozen=True, slots=True)
class CachedResult:
    record: PageRecord
    stamp: FileStamp
    findings: tuple[Any, ...]  # `Finding`s of the document rules
    directives: tuple[Any, ...]  # inline suppressions


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class FileStamp:
    """What identifies a file's content: taken when it was read."""

    size: int
    mtime_ns: int
    digest: str


@dataclass
class RecordCache:
    directory: Path | None
    fingerprint: str  # what the records depend on besides the text
    _entries: dict[str, _Entry] = field(default_factory=dict)
    _results: dict[str, _Result] = field(default_factory=dict)
    _loaded: bool = False
    _dirty: bool = False

    @property
    def path(self) -> Path | None:
        if self.directory is None:
            return None
        digest = hashlib.sha256(f"{FORMAT}|{__version__}|{self.fingerprint}".encode()).hexdigest()
        return self.directory / f"records-{digest[:16]}.pickle"

    # -- lookups ---------------------------------------------------------
    def get(self, path: Path, data: bytes | None = None) -> PageRecord | None:
        """The cached record of `path` if its content is unchanged."""
        found = self._current(path, data)
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

    def _current(
        self, path: Path, data: bytes | None = None
    ) -> tuple[PageRecord, FileStamp] | None:
        self._load()
        entry = self._entries.get(str(path))
        if entry is None:
            return None
        size, mtime, digest, plain = entry
        try:
            stat = path.stat()
        except OSError:
            return None
        if (stat.st_size, stat.st_mtime_ns) != (size, mtime):
            if data is None:
                try:
                    data = path.read_bytes()
                except OSError:
                    return None
            if content_hash(data) != digest:
                return None
            self._entries[str(path)] = (stat.st_size, stat.st_mtime_ns, digest, plain)
            self._dirty = True
        try:
            return from_plain(plain), FileStamp(stat.st_size, stat.st_mtime_ns, digest)
        except (TypeError, ValueError):
            return None

    def put(self, path: Path, stamp: FileStamp, record: PageRecord) -> None:
        self._load()
        self._entries[str(path)] = (stamp.size, stamp.mtime_ns, stamp.digest, to_plain(record))
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
        if isinstance(data, dict) and data.get("format") == FORMAT:
            entries, results = data.get("entries"), data.get("results")
            if isinstance(entries, dict) and isinstance(results, dict):
                self._entries, self._results = entries, results
        return True

    def save(self) -> None:
        """Write the cache if anything changed; silently skip when impossible."""
        path = self.path
        if path is None or not self._dirty:
            return
        temporary: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            ignore_in_git(path.parent)
            descriptor, temporary = tempfile.mkstemp(prefix=".records-", dir=path.parent)
            with os.fdopen(descriptor, "wb") as handle:
                pickle.dump(
                    {"format": FORMAT, "entries": self._entries, "results": self._results},
                    handle,
                    protocol=pickle.HIGHEST_PROTOCOL,
                )
            os.replace(temporary, path)
        except Exception:  # unwritable folder, full disk…: no cache, same results
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)
            return
        self._dirty = False


def ignore_in_git(folder: Path) -> None:
    """A cache folder carries its own .gitignore, so it is never committed."""
    marker = folder / ".gitignore"
    if not marker.exists():
        marker.write_text("*\n", encoding="utf-8")
