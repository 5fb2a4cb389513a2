"""Internal link verdicts: every page, file and anchor link resolved once per run.

The link rules (`broken-link`, `broken-anchor`, `relative-link`,
`cross-language-link`) read these verdicts instead of resolving links each
on their own. A fragment's links are resolved against every page that
includes it (only the `{includetag}` sections that page asks for), because
that is where readers meet them; text the published build leaves out
(`[site] build`) is not checked.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from faqlint.findings import Unchecked
from faqlint.parse.includes import FILE_RELATIVE
from faqlint.parse.model import Link
from faqlint.parse.records import PageRecord
from faqlint.site.model import Site, Target

CHECKED_KINDS = frozenset({"page", "file", "anchor"})
Tags = frozenset[str]  # empty: the whole fragment


@dataclass(frozen=True, slots=True)
class Verdict:
    record: PageRecord  # the page the link is written on
    link: Link
    base: str  # site path the link was resolved from (the page, or an includer)
    target: Target
    anchors: frozenset[str] | None  # anchors of the target page, if known

    @property
    def anchor_missing(self) -> bool:
        return bool(
            self.target.fragment
            and self.target.is_page
            and self.anchors is not None
            and self.target.fragment not in self.anchors
        )


def _names_a_file(link: Link, site: Site) -> bool:
    """A link to a file or a page file (`x.md`), rather than to a URL."""
    path = link.target.partition("#")[0].partition("?")[0]
    return link.kind == "file" or path.lower().endswith(site.config.page_types)


def _included(tags: Tags, tags_here: Tags | None) -> bool:
    """Is text in the `tags_here` sections part of an include of `tags`?
    Untagged text always is; `tags` pick among the tagged sections."""
    return not tags or not tags_here or bool(tags & tags_here)


class TagIndex:
    """Interval lookup over a page's `{includetag}` sections (they may nest)."""

    def __init__(self, tags: tuple[tuple[str, int, int], ...]) -> None:
        self._regions = sorted(tags, key=lambda region: region[1])
        self._starts = [start for _, start, _ in self._regions]
        self._reach: list[int] = []  # the furthest end of any region up to here
        furthest = -1
        for _, _, end in self._regions:
            furthest = max(furthest, end)
            self._reach.append(furthest)

    def at(self, offset: int) -> Tags:
        found = []
        index = bisect_right(self._starts, offset) - 1
        while index >= 0 and self._reach[index] > offset:
            name, start, end = self._regions[index]
            if start <= offset < end:
                found.append(name)
            index -= 1
        return frozenset(found)


@dataclass
class LinkIndex:
    """All verdicts of a run, computed lazily and shared by the link rules."""

    site: Site
    linted: list[PageRecord]
    load_page: Callable[[str], PageRecord | None] = lambda path: None
    is_fragment: Callable[[str], bool] = lambda path: False
    _includers: dict[str, list[tuple[str, Tags]]] = field(default_factory=dict)
    # fragments whose links to files resolve from their own folder (YFM, MDX imports)
    _file_relative: set[str] = field(default_factory=set)
    _anchor_cache: dict[tuple[str, Tags], frozenset[str] | None] = field(default_factory=dict)
    _tag_index: dict[str, TagIndex] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for record in self.linted:
            if record.site_path is not None:
                self.site.pages.setdefault(record.site_path, record)
        self._index_includes()

    @cached_property
    def verdicts(self) -> list[Verdict]:
        return [v for record in self.linted for v in self._verdicts_of(record)]

    def _verdicts_of(self, record: PageRecord) -> Iterator[Verdict]:
        if record.site_path is None:
            return
        bases = self.bases(record.site_path)
        if not bases:
            return  # not published, or a fragment no published page includes
        for link in record.links:
            if link.kind not in CHECKED_KINDS or record.is_excluded(link.span.start):
                continue
            if link.syntax == "include":
                yield self._verdict(record, link, record.site_path)
                continue
            tags_here: frozenset[str] | None = None
            for base, tags in bases:
                if tags and tags_here is None:
                    tags_here = self.tags_at(record, link.span.start)
                if _included(tags, tags_here):
                    yield self._verdict(record, link, base)

    def _verdict(self, record: PageRecord, link: Link, base: str) -> Verdict:
        origin = base
        if record.site_path in self._file_relative and _names_a_file(link, self.site):
            origin = record.site_path  # YFM and MDX: a fragment's file links are its own
        target = self.site.resolve(origin, link.target)
        anchors = None  # only a link with a #fragment needs them: no page read otherwise
        if target.fragment and target.is_page and target.file is not None:
            anchors = self.anchors(target.file)
        return Verdict(record, link, base, target, anchors)

    def with_page(self, record: PageRecord) -> LinkIndex:
        """An index of one (changed) page of this site, sharing what this index
        learned of the rest: to judge the links of a page edited in memory."""
        other = LinkIndex.__new__(LinkIndex)
        other.site, other.linted = self.site, [record]
        other.load_page, other.is_fragment = self.load_page, self.is_fragment
        other._includers, other._tag_index = self._includers, {}
        other._file_relative = self._file_relative
        other._anchor_cache = self._anchor_cache
        return other

    def unchecked(self) -> list[Unchecked]:
        """The linted files whose links no verdict covers, and why; and links
        to anchors of pages whose anchors are not known."""
        found = self._unknown_anchors()
        for record in self.linted:
            links = sum(
                1
                for link in record.links
                if link.kind in CHECKED_KINDS and not record.is_excluded(link.span.start)
            )
            if not links:
                continue
            kind, reason = self._why_unchecked(record)
            if kind:
                found.append(Unchecked(kind, "links", reason, record.path, links))
        return found

    def _unknown_anchors(self) -> list[Unchecked]:
        if "verdicts" not in self.__dict__:
            return []  # no link rule ran: nothing was left unchecked by one
        counts: dict[str, int] = {}
        for verdict in self.verdicts:
            target = verdict.target
            if target.fragment and target.is_page and verdict.anchors is None:
                counts[verdict.record.path] = counts.get(verdict.record.path, 0) + 1
        reason = (
            "links to #anchors of pages whose anchors are not all known (a fragment "
            "outside the site model, or a page that could not be read): not checked"
        )
        return [Unchecked("anchors", "anchors", reason, path, n) for path, n in counts.items()]

    def _why_unchecked(self, record: PageRecord) -> tuple[str | None, str]:
        site_path, site = record.site_path, self.site
        if site_path is None:
            return "outside-site", "outside the site root: the site model cannot resolve its links"
        if self.bases(site_path):
            return None, ""
        if site_path in site.spec_parts:
            return "page-type", (
                f"a part of the OpenAPI spec `{site.spec_parts[site_path]}` ($ref), shown by "
                "its API reference, not a page: its links were not resolved"
            )
        if self.is_fragment(site_path):
            return "fragment", (
                "a fragment with no include of it recognised in a published page: "
                "its links resolve only where it is included"
            )
        if not site.is_published(site_path):
            return "unpublished", f"not published in the `{site.config.build}` build"
        name = site_path.rpartition("/")[2]
        if name.lower().endswith(site.config.page_types):
            return "page-type", (
                f"not served at a URL of its own (layout `{site.config.layout}`) and no "
                "published page includes it: its links were not resolved"
            )
        suffix = "." + name.rpartition(".")[2] if "." in name else "(none)"
        return "page-type", f"not a page type the site serves ({suffix}): links not resolved"

    # -- includes ------------------------------------------------------------
    def _index_includes(self) -> None:
        """Which pages include which fragments, and which tags of them."""
        for record in list(self.site.pages.values()):
            if record.site_path is None:
                continue
            if not self.site.is_published(record.site_path):
                continue
            for link in record.links:
                if link.syntax != "include" or record.is_excluded(link.span.start):
                    continue
                target = self.site.resolve(record.site_path, link.target)
                if target.file is not None:
                    tags = frozenset(t for t in link.text.split(",") if t)
                    self._includers.setdefault(target.file, []).append((record.site_path, tags))
                    if link.title == FILE_RELATIVE:
                        self._file_relative.add(target.file)

    def bases(self, site_path: str, seen: frozenset[str] = frozenset()) -> list[tuple[str, Tags]]:
        """The published pages a file is read on, with the tags they include:
        the file itself if it is a page, and (transitively) every page that
        includes it. A fragment nobody includes is read nowhere."""
        site = self.site
        found: list[tuple[str, Tags]] = []
        if site_path in site.spec_parts:
            return found  # read in the API reference viewer, not as a page
        own_page = site.is_page(site_path) or not site.pages_known(site_path)
        if own_page and not self.is_fragment(site_path) and site.is_published(site_path):
            found.append((site_path, frozenset()))
        if site_path not in seen:
            for includer, tags in self._includers.get(site_path, ()):
                found.extend((page, tags) for page, _ in self.bases(includer, seen | {site_path}))
        return list(dict.fromkeys(found))

    def tags_at(self, record: PageRecord, offset: int) -> Tags:
        """The `{includetag}` sections of `record` that hold `offset`."""
        if not record.tags:
            return frozenset()
        key = record.path
        index = self._tag_index.get(key)
        if index is None:
            index = self._tag_index[key] = TagIndex(record.tags)
        return index.at(offset)

    # -- anchors -------------------------------------------------------------
    def page(self, site_path: str) -> PageRecord | None:
        record = self.site.pages.get(site_path)
        if record is None:
            record = self.load_page(site_path)
            if record is not None:
                self.site.pages[site_path] = record
        return record

    def anchors(
        self, site_path: str, tags: Tags = frozenset(), seen: frozenset[str] = frozenset()
    ) -> frozenset[str] | None:
        """A page's anchors (only those in `tags` sections, if given), with the
        anchors of the fragments it includes."""
        key = (site_path, tags)
        if key in self._anchor_cache:
            return self._anchor_cache[key]
        record = self.page(site_path)
        if record is None:
            return None
        names = {
            name
            for name, start in zip(record.anchors, record.anchor_starts, strict=False)
            if not tags or _included(tags, self.tags_at(record, start))
        }
        if len(record.anchor_starts) != len(record.anchors):
            names |= set(record.anchors)
        for link in record.links:
            if link.syntax != "include" or site_path in seen or record.is_excluded(link.span.start):
                continue
            if tags and not _included(tags, self.tags_at(record, link.span.start)):
                continue
            target = self.site.resolve(site_path, link.target)
            if target.route:
                # a fragment outside what the site model reads: its anchors
                # are not known, so neither are all of this page's
                self._anchor_cache[key] = None
                return None
            if target.file is not None:
                included = frozenset(t for t in link.text.split(",") if t)
                names |= self.anchors(target.file, included, seen | {site_path}) or set()
        result = frozenset(names)
        self._anchor_cache[key] = result
        return result
