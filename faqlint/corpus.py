"""What corpus-wide rules see: every linted page's record, and the site they
belong to, built once per run and only when a rule asks for it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from faqlint.config import Config
from faqlint.links.advice import PageFinder
from faqlint.links.internal import LinkIndex
from faqlint.records import PageRecord
from faqlint.site import Site, list_files


@dataclass
class Corpus:
    config: Config
    records: list[PageRecord]  # the pages linted in this run
    load_page: Callable[[str], PageRecord | None]  # parse another site page on demand
    is_fragment: Callable[[str], bool] = lambda site_path: False

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
