"""What corpus-wide rules see: every linted page's record, and the site they
belong to, built once per run and only when a rule asks for it."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from faqlint.config import Config
from faqlint.language import question_pool
from faqlint.language.question_pool import Asked
from faqlint.links.advice import PageFinder
from faqlint.links.internal import LinkIndex
from faqlint.parse.records import PageRecord
from faqlint.parse.source import FileStamp
from faqlint.run.store.cache import CorpusMemo, Head, RecordCache, file_stat
from faqlint.site.discover import all_files
from faqlint.site.model import Site, list_files, metadata_path

if TYPE_CHECKING:
    from faqlint.links.external_types import ExternalResult


@dataclass(frozen=True, slots=True)
class OtherPage:
    """A site page outside this run, known by its head; its record is
    decoded (or parsed) only when a rule asks for it."""

    path: str  # as displayed (the record's `path`)
    site_path: str | None
    language: str | None
    entries: int  # how many entries the page has
    load: Callable[[], PageRecord | None]

    @classmethod
    def of(cls, record: PageRecord) -> OtherPage:
        return cls(
            record.path, record.site_path, record.language, len(record.entries), lambda: record
        )


@dataclass(eq=False)
class Corpus:
    config: Config
    records: list[PageRecord]  # the pages linted in this run
    load_page: Callable[[str], PageRecord | None]  # parse another site page on demand
    is_fragment: Callable[[str], bool] = lambda site_path: False
    progress: bool = False  # a terminal is watching: external checks may draw a bar
    site_files: list[str] | None = None  # every file under the site root, if already listed
    # the site's pages not in this run, by head (their records load on demand)
    load_other_pages: Callable[[], list[OtherPage]] = list

    @cached_property
    def other_pages(self) -> list[OtherPage]:
        """The site's pages not in this run, their records loaded on demand."""
        return self.load_other_pages()

    def questions(self) -> dict[str | None, list[Asked]]:
        """Every question of the site by language; those of this run are `linted`."""
        return self._questions

    @cached_property
    def _questions(self) -> dict[str | None, list[Asked]]:
        pairs = [(r, True) for r in self.records]
        for page in self.other_pages:
            if page.entries and (record := page.load()) is not None:
                pairs.append((record, False))
        return question_pool.questions(pairs)

    @property
    def external_links_enabled(self) -> bool:
        return self.config.links.external

    def check_external(self, urls: Iterable[str]) -> dict[str, ExternalResult]:
        """Verdicts for external URLs from the configured engine (`[links]`)."""
        from faqlint.links.external import check_urls
        from faqlint.links.external_types import ExternalOptions

        links = self.config.links
        options = ExternalOptions(
            timeout=links.timeout,
            concurrency=links.concurrency,
            per_host=links.per_host,
            retries=links.retries,
            max_redirects=links.max_redirects,
            accept=links.accept,
            exclude=links.exclude,
            allow_private=links.allow_private,
            user_agent=links.user_agent,
            cache_dir=self.cache_dir,
            cache_ttl=float(links.cache_ttl),
            progress=self.progress,
        )
        if links.engine == "linkchecker":
            from faqlint.links.linkchecker import check_urls_linkchecker

            return check_urls_linkchecker(urls, options)
        return check_urls(urls, options)

    @property
    def cache_dir(self) -> Path | None:
        cache = self.config.cache
        return (self.config.base_dir / cache.dir) if cache.enabled else None

    @cached_property
    def site(self) -> Site:
        root = self.config.site_root
        files = self.site_files
        if files is None:
            files = list_files(root, self.cache_dir) if root.is_dir() else []
        return Site.build(self.config.site, root, files)

    @cached_property
    def page_finder(self) -> PageFinder:
        return PageFinder(self.site.page_urls())

    @cached_property
    def links(self) -> LinkIndex:
        return LinkIndex(self.site, self.records, self.load_page, self.is_fragment)


class RunInputs:
    """What the corpus rules of one run read, and the memo of their findings.

    With the cache on (and external links off), the memo key hashes the rule
    set and config (`rules_key`), what records depend on (`fingerprint`),
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
    ) -> RunInputs:
        """`linted`: display path, path, stamp and whether it has a record,
        of each file of the run; `cache`: None for no memo."""
        inputs = cls()
        inputs.config, inputs.record_of = config, record_of
        inputs.linted = {str(path) for _, path, _, _ in linted}
        found = all_files(config, cache.created) if cache is not None else None
        if cache is None or found is None:
            return inputs
        inputs.cache = cache
        inputs.others = [p for p in found if p not in inputs.linted]
        for name in inputs.others:
            inputs.known[name] = cache.known(name)
            if inputs.known[name] is None and record_of(Path(name)) is not None:
                inputs.known[name] = cache.known(name)
        root = config.site_root
        inputs.site_root = root
        inputs.site_files = list_files(root, cache.directory) if root.is_dir() else []
        parts = [*keys, hashlib.sha256("\0".join(inputs.site_files).encode()).hexdigest()]
        for display, path, stamp, has_record in linted:
            if has_record and stamp is None:
                return inputs  # linted from memory (fixes): no memo
            parts.append(f"linted|{display}|{path}|{stamp.digest if stamp else None}")
        for name in inputs.others:
            entry = inputs.known[name]
            parts.append(f"other|{name}|{inputs.identity(name, entry[0] if entry else None)}")
        inputs.key = hashlib.sha256("\n".join(parts).encode()).hexdigest()
        return inputs

    def identity(self, path: Path | str, stamp: FileStamp | None = None) -> str:
        """A file's content digest if the cache knows it, else its stat."""
        if stamp is None and self.cache is not None:
            stamp = self.cache.stamp(path)
        return stamp.digest if stamp is not None else f"stat:{file_stat(path)}"

    def reuse(self, by_display: dict[str, Any]) -> bool:
        """Add the memoised findings to the run's results, if they still hold."""
        memo = self.cache.memo(self.key) if self.cache and self.key else None
        if memo is None:
            return False
        for site_path, identity in memo.pages:
            if self.identity(self.site_root / site_path) != identity:
                return False
        for path, stat in memo.files:
            if file_stat(path) != stat:
                return False
        if not all(display in by_display for display, _ in memo.findings):
            return False
        for display, findings in memo.findings:
            by_display[display].findings.extend(findings)
        return True

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
            from faqlint.site.discover import discover

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

    def remember(self, corpus: Corpus, findings: dict[str, tuple[Any, ...]]) -> None:
        """Memoise the corpus rules' findings of this run."""
        if self.cache is None or self.key is None:
            return
        site = corpus.__dict__.get("site")
        read = set(site._builds) if isinstance(site, Site) else set()
        # Pages parsed in this run carry their sidecar's builds, read by the worker.
        config = corpus.config.site
        if config.build is not None and config.metadata is not None:
            read |= {
                metadata_path(config, r.site_path)
                for r in corpus.records
                if r.builds is not None and r.site_path is not None
            }
        sidecars = sorted(read)
        files = tuple((str(p), file_stat(p)) for p in (self.site_root / s for s in sidecars))
        memo = CorpusMemo(tuple(sorted(self.pages.items())), files, tuple(findings.items()))
        self.cache.put_memo(self.key, memo)
