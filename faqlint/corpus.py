"""What corpus-wide rules see: every linted page's record, and the site they
belong to, built once per run and only when a rule asks for it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from faqlint import question_pool
from faqlint.config import Config
from faqlint.links.advice import PageFinder
from faqlint.links.internal import LinkIndex
from faqlint.question_pool import Asked
from faqlint.records import PageRecord
from faqlint.site import Site, list_files

if TYPE_CHECKING:
    from faqlint.links.external import ExternalResult


@dataclass(eq=False)
class Corpus:
    config: Config
    records: list[PageRecord]  # the pages linted in this run
    load_page: Callable[[str], PageRecord | None]  # parse another site page on demand
    is_fragment: Callable[[str], bool] = lambda site_path: False
    progress: bool = False  # a terminal is watching: external checks may draw a bar
    load_others: Callable[[], list[PageRecord]] = list  # the site's pages not in this run

    @cached_property
    def other_records(self) -> list[PageRecord]:
        return self.load_others()

    def questions(self) -> dict[str | None, list[Asked]]:
        """Every question of the site by language; those of this run are `linted`."""
        return self._questions

    @cached_property
    def _questions(self) -> dict[str | None, list[Asked]]:
        pairs = [(r, True) for r in self.records] + [(r, False) for r in self.other_records]
        return question_pool.questions(pairs)

    @property
    def external_links_enabled(self) -> bool:
        return self.config.links.external

    def check_external(self, urls: Iterable[str]) -> dict[str, ExternalResult]:
        """Verdicts for external URLs from the configured engine (`[links]`)."""
        from faqlint.links.external import ExternalOptions, check_urls

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
        files = list_files(root) if root.is_dir() else []
        return Site.build(self.config.site, root, files)

    @cached_property
    def page_finder(self) -> PageFinder:
        return PageFinder(self.site.page_urls())

    @cached_property
    def links(self) -> LinkIndex:
        return LinkIndex(self.site, self.records, self.load_page, self.is_fragment)
