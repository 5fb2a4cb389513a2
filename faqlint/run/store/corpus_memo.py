"""The memo of the corpus rules: a run whose inputs equal an earlier run's
reuses that run's corpus-rule findings without running the rules."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from faqlint.config import Config
from faqlint.findings import Unchecked
from faqlint.parse.records import PageRecord
from faqlint.parse.source import FileStamp
from faqlint.rules.corpus import OtherPage
from faqlint.run.store import walks
from faqlint.run.store.keys import file_stat
from faqlint.run.store.records import CorpusMemo, Head, RecordCache
from faqlint.site.discover import discover


class RunInputs:
    """What the corpus rules of one run read, and the memo of their findings.

    With the cache on (and external links off), the memo key hashes the rule
    set and config (`rules_key`), what records depend on (`records_key`),
    every linted and every other page under `include` by content digest, and
    the site's file list. What the rules read on demand (link targets outside
    the run, metadata files) is recorded with the findings and checked
    before they are reused. Without a cache, everything is found lazily.
    """

    def __init__(self) -> None:
        self.cache: RecordCache | None = None
        self.others: list[str] | None = None  # files under `include` not linted now
        self.known: dict[str, tuple[FileStamp, Head] | None] = {}
        self.site_files: list[str] | None = None
        self.site_root = Path()
        self.key: str | None = None
        self.pages: dict[str, str] = {}  # site path -> identity, of pages loaded on demand
        self.record_of: Callable[[Path], PageRecord | None] = lambda path: None
        self.linted: set[str] = set()
        self.config: Config | None = None

    @classmethod
    def gather(
        cls,
        cache: RecordCache | None,
        config: Config,
        keys: list[str],
        linted: list[tuple[str, Path, FileStamp | None, bool]],
        record_of: Callable[[Path], PageRecord | None],
        site_files: Callable[[], list[str]],
    ) -> RunInputs:
        """`linted`: display path, path, stamp and whether it has a record,
        of each file of the run; `cache`: None for no memo."""
        inputs = cls()
        inputs.config, inputs.record_of = config, record_of
        inputs.linted = {str(path) for _, path, _, _ in linted}
        walked = walks.include_files(config, cache.created) if cache is not None else None
        if cache is None or walked is None:
            return inputs
        found = walked[0]
        inputs.cache = cache
        inputs.others = [p for p in found if p not in inputs.linted]
        for name in inputs.others:
            inputs.known[name] = cache.known(name)
            if inputs.known[name] is None and record_of(Path(name)) is not None:
                inputs.known[name] = cache.known(name)
        root = config.site_root
        inputs.site_root = root
        inputs.site_files = site_files()
        parts = [
            *keys,
            hashlib.sha256(
                "\0".join(inputs.site_files).encode("utf-8", "surrogateescape")
            ).hexdigest(),
        ]
        for display, path, stamp, has_record in linted:
            if has_record and stamp is None:
                return inputs  # linted from memory (fixes): no memo
            parts.append(f"linted|{display}|{path}|{stamp.digest if stamp else None}")
        for name in inputs.others:
            entry = inputs.known[name]
            parts.append(f"other|{name}|{inputs.identity(name, entry[0] if entry else None)}")
        inputs.key = hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()
        return inputs

    def identity(self, path: Path | str, stamp: FileStamp | None = None) -> str:
        """A file's content digest if the cache knows it, else its stat."""
        if stamp is None and self.cache is not None:
            stamp = self.cache.stamp(path)
        return stamp.digest if stamp is not None else f"stat:{file_stat(path)}"

    def reuse(
        self, by_display: dict[str, Any]
    ) -> tuple[list[Unchecked], list[tuple[str, str, str]]] | None:
        """Add the memoised findings to the run's results, if they still hold,
        and return what the memoised run could not check and the fixes it
        downgraded (`corpus_fixes`); None: no memo."""
        memo = self.cache.memo(self.key) if self.cache and self.key else None
        if memo is None:
            return None
        for site_path, identity in memo.pages:
            if self.identity(self.site_root / site_path) != identity:
                return None
        for path, stat in memo.files:
            if file_stat(path) != stat:
                return None
        if not all(display in by_display for display, _ in memo.findings):
            return None
        for display, findings in memo.findings:
            by_display[display].findings.extend(findings)
        return [Unchecked(*item) for item in memo.unchecked], list(memo.downgrades)

    def track(self, load: Callable[[str], PageRecord | None]) -> Callable[[str], PageRecord | None]:
        """`load_page` that remembers which pages the rules read."""
        if self.key is None:
            return load

        def tracked(site_path: str) -> PageRecord | None:
            record = load(site_path)
            if site_path not in self.pages:
                self.pages[site_path] = self.identity(self.site_root / site_path)
            return record

        return tracked

    def other_pages(self) -> list[OtherPage]:
        """The pages under `include` not linted now (`Corpus.load_other_pages`)."""
        if self.others is None:
            assert self.config is not None
            found = discover([], self.config, self.config.base_dir).files
            self.others = [str(p) for p in found if str(p) not in self.linted]
        pages = []
        for path in self.others:
            entry = self.known.get(path)
            if entry is None:
                record = self.record_of(Path(path))
                if record is not None:
                    pages.append(OtherPage.of(record))
                continue
            display, site_path, language, entries = entry[1]
            load = partial(self.record_of, Path(path))
            pages.append(OtherPage(display, site_path, language, entries, load))
        return pages

    def remember(
        self,
        metadata_read: list[str],
        findings: dict[str, tuple[Any, ...]],
        unchecked: list[Unchecked],
        downgrades: list[tuple[str, str, str]],
    ) -> None:
        """Memoise the corpus rules' findings of this run and what they could
        not check; `metadata_read`: the sidecars they read (`Corpus.metadata_read`)."""
        if self.cache is None or self.key is None:
            return
        files = tuple((str(p), file_stat(p)) for p in (self.site_root / s for s in metadata_read))
        gaps = tuple((u.kind, u.what, u.reason, u.path, u.count) for u in unchecked)
        pages = tuple(sorted(self.pages.items()))
        memo = CorpusMemo(pages, files, tuple(findings.items()), gaps, tuple(downgrades))
        self.cache.put_memo(self.key, memo)
