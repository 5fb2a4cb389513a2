"""What corpus-wide rules see: every linted page's record, and the site they
belong to, built once per run and only when a rule asks for it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from faqlint.config import Config
from faqlint.findings import Unchecked
from faqlint.language import question_pool
from faqlint.language.question_pool import Asked
from faqlint.links.advice import PageFinder
from faqlint.links.internal import LinkIndex
from faqlint.parse.records import PageRecord
from faqlint.site.model import Site, metadata_path

if TYPE_CHECKING:
    from faqlint.links.external_types import ExternalOptions, ExternalResult


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
    # what rules could not check, said by the rules themselves (`not_checked`)
    unchecked: list[Unchecked] = field(default_factory=list)

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

    def for_page(self, record: PageRecord) -> Corpus:
        """This corpus as seen by one page edited in memory (a fix tried), for
        the page-local rules: the same site and verdicts of every other page."""
        other = Corpus(
            self.config,
            [record],
            self.load_page,
            self.is_fragment,
            False,
            self.list_site_files,
            self.load_other_pages,
        )
        other.__dict__["site"] = self.site
        other.__dict__["page_finder"] = self.page_finder
        other.__dict__["links"] = self.links.with_page(record)
        return other

    def not_checked(self, item: Unchecked) -> None:
        """A rule says what it could not check (the report's coverage)."""
        self.unchecked.append(item)

    def coverage(self) -> list[Unchecked]:
        """What the corpus rules could not check: the link verdicts' gaps (if
        a link rule built them) and what rules said (`not_checked`)."""
        links = self.__dict__.get("links")
        gaps = links.unchecked() if isinstance(links, LinkIndex) else []
        return [*gaps, *self.unchecked]

    @cached_property
    def _question_keys(self) -> dict[str | None, Counter[str]]:
        """How often each normalised question is asked, per language (the site)."""
        return {
            language: Counter(item.key.normalized for item in asked)
            for language, asked in self.questions().items()
        }

    def question_collisions(self, record: PageRecord) -> int:
        """How many questions of a page (as it is now, or edited in memory) are
        asked again elsewhere in the site or twice on the page: what
        `duplicate-question` reports, counted for one page."""
        own = [
            item.key.normalized
            for item in question_pool.questions([(record, True)]).get(record.language, [])
        ]
        if not own:
            return 0
        site = self._question_keys.get(record.language, Counter())
        old = [
            item.key.normalized
            for item in self.questions().get(record.language, [])
            if item.record.path == record.path
        ]
        elsewhere = site - Counter(old)  # the site without this page's questions
        mine = Counter(own)
        return sum(1 for key in own if elsewhere[key] or mine[key] > 1)

    @property
    def external_links_enabled(self) -> bool:
        return self.config.links.external

    def check_external(self, urls: Iterable[str]) -> dict[str, ExternalResult]:
        """Verdicts for external URLs from the configured engine (`[links]`).
        When every request failed at DNS or connect the same way, the network
        is down: no verdicts, and the run says so (`offline`) once."""
        from faqlint.links.external import check_urls, network_unreachable
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
        asked = list(dict.fromkeys(urls))
        if links.engine == "linkchecker":
            from faqlint.links.linkchecker import check_urls_linkchecker

            results = check_urls_linkchecker(asked, options)
        else:
            results = check_urls(asked, options)
        reason = network_unreachable(results)
        if reason is None or _network_answers(results, options):
            return results
        known = {url: result for url, result in results.items() if result.cached}
        self.not_checked(
            Unchecked(
                "offline",
                "external links",
                f"network unreachable ({reason}): external links not checked",
                count=len(asked) - len(known),
            )
        )
        return known

    @property
    def cache_dir(self) -> Path | None:
        cache = self.config.cache
        return (self.config.base_dir / cache.dir) if cache.enabled else None

    @cached_property
    def site(self) -> Site:
        site = Site.build(self.config.site, self.config.site_root, self.list_site_files())
        for problem in site.redirects.problems:
            reason = (
                f"redirects not read ({problem}): links to moved pages may be reported as broken"
            )
            self.not_checked(Unchecked("redirects", "redirects", reason))
        return site

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


def _network_answers(results: dict[str, ExternalResult], options: ExternalOptions) -> bool:
    """Whether a server that answered before (a verdict from the cache)
    answers now: then the failures of this run are dead links, not a dead
    network. One request, never from the cache."""
    from faqlint.links.external import check_urls

    known_good = next((url for url, result in results.items() if result.cached and result.ok), None)
    if known_good is None:
        return False
    probe = check_urls([known_good], replace(options, cache_dir=None, progress=False))
    answer = probe.get(known_good)
    return answer is not None and answer.kind not in ("connection", "timeout")
