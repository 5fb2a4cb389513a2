"""What corpus-wide rules see: every linted page's record, and the site they
belong to, built once per run and only when a rule asks for it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from faqlint.config import Config
from faqlint.language import question_pool
from faqlint.language.question_pool import Asked
from faqlint.links.advice import PageFinder
from faqlint.links.internal import LinkIndex
from faqlint.parse.records import PageRecord
from faqlint.site.model import Site, metadata_path

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
    list_site_files: Callable[[], list[str]] = list  # every file under the site root
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
        return Site.build(self.config.site, self.config.site_root, self.list_site_files())

    @cached_property
    def page_finder(self) -> PageFinder:
        return PageFinder(self.site.page_urls())

    @cached_property
    def links(self) -> LinkIndex:
        return LinkIndex(self.site, self.records, self.load_page, self.is_fragment)

    def metadata_read(self) -> list[str]:
        """The metadata sidecars (site paths) the rules' verdicts depend on:
        those the site read, and those read for the pages parsed in this run."""
        site = self.__dict__.get("site")  # only if a rule built the site
        read = set(site.builds_read) if isinstance(site, Site) else set()
        config = self.config.site
        if config.build is not None and config.metadata is not None:
            read |= {
                metadata_path(config, r.site_path)
                for r in self.records
                if r.builds is not None and r.site_path is not None
            }
        return sorted(read)
