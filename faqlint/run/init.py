"""`faqlint init`: a commented `faqlint.toml` for the repository it runs in.

The framework comes from its own config file (`site.frameworks.detect`).
The FAQ syntaxes are the dialects that find entries in the pages. What no
config file says — how relative links resolve (`relative-base`) and how
headings become anchors (`slug`) — is tried: each candidate lints a sample
of pages with the link rules only, and the one under which most links and
anchors resolve is kept.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path
from typing import TYPE_CHECKING, Any

from faqlint.config import Config, parse_config
from faqlint.errors import FaqlintError
from faqlint.site.discover import discover
from faqlint.site.frameworks import Detected, detect, page_types

if TYPE_CHECKING:
    from faqlint.run.engine import Engine

SAMPLE_PAGES = 200  # pages linted per candidate setting
PARSED_PAGES = 2000  # pages parsed to find the FAQ syntaxes
LINK_RULES = ("broken-link", "broken-anchor")
RELATIVE_BASES = ("browser", "directory", "file")
SLUGS = ("github", "github-keep-case", "transliterate")


@dataclass
class Trial:
    relative_base: str
    slug: str
    broken: int  # link findings on the sample
    missing: Counter[str] = field(default_factory=Counter)  # page URL -> pages linking it


@dataclass
class InitOutcome:
    detected: Detected
    pages: int
    entries: Counter[str]  # by dialect
    trials: list[Trial] = field(default_factory=list)
    chosen: Trial | None = None
    heading_level: int | str | None = None  # for the heading dialect, when it is the FAQ syntax
    switch_titles: list[str] = field(default_factory=list)  # titles of language-switch links
    include: list[str] | None = None  # when not the framework's every page
    sample: int = 0
    links: int = 0  # links checked in the sample
    text: str = ""  # the config written


def initialise(project: Path) -> InitOutcome:
    """Detect, measure and compose the config (nothing is written)."""
    detected = detect(project)
    if detected.framework == "plain":
        detected.page_types = page_types(project)
    site = _site_table(detected)
    base: dict[str, Any] = {"include": detected.include, "site": site}
    pages = _pages(project, base)
    if not pages:
        raise FaqlintError(
            f"faqlint init: no page found under {detected.root!r} "
            f"({', '.join(detected.include)}); run it in the repository's root"
        )
    switch_titles: Counter[str] = Counter()
    entries = _entries_by_dialect(project, base, pages, switch_titles)
    markers = sum(count for name, count in entries.items() if name != "heading")
    if entries.get("heading", 0) * 10 < markers:
        # headings that read as FAQ on a few pages of a site written with markers:
        # naming `heading` would make every page's headings entries
        del entries["heading"]
    level = None
    if not entries or "heading" in entries:
        level, found = _heading_level(project, base, pages)
        if found:
            entries["heading"] = found
    outcome = InitOutcome(detected, len(pages), entries, heading_level=level)
    outcome.switch_titles = [t for t, n in switch_titles.most_common(3) if n >= SWITCH_LINKS]
    dialects = sorted(entries) or ["auto"]
    if "heading" in dialects:
        # headings are FAQ entries on FAQ pages only: lint those
        faq_pages = [p for p in pages if "faq" in p.name.lower()]
        if faq_pages:
            suffixes = sorted({p.suffix for p in faq_pages})
            prefix = "" if detected.root == "." else detected.root.rstrip("/") + "/"
            base = {**base, "include": [f"{prefix}**/*faq*{s}" for s in suffixes]}
            outcome.include = base["include"]
    if level is not None:
        base = {**base, "dialect": {"heading": {"level": level}}}
    if outcome.include:
        # the counts the comment shows are those of the pages the config lints
        counted = _entries_on(project, {**base, "dialects": dialects}, faq_pages)
        dialects = sorted(name for name in dialects if counted[name]) or dialects
        outcome.entries = counted
    sample = _sample(pages)
    outcome.sample = len(sample)
    with tempfile.TemporaryDirectory(prefix="faqlint-init-") as cache:
        own = (detected.slug,) if detected.slug else ()
        slugs = own + tuple(s for s in SLUGS if s not in own)  # ties: the framework's own
        for relative_base, slug in product(RELATIVE_BASES, slugs):
            data = {
                **base,
                "dialects": dialects,
                "site": {**site, "relative-base": relative_base, "slug": slug},
                "cache": {"dir": cache},
            }
            broken, links, missing = _broken_links(project, data, sample)
            outcome.trials.append(Trial(relative_base, slug, broken, missing))
            outcome.links = max(outcome.links, links)
    outcome.chosen = _choose(outcome.trials, detected.relative_base)
    outcome.text = compose(outcome, dialects)
    return outcome


def _choose(trials: list[Trial], preferred_base: str | None) -> Trial:
    """The setting under which the fewest links break (ties: the first
    listed, the framework's own slug first). Where the framework documents
    its relative-link base, that base is kept unless another breaks clearly
    fewer links (10 % and at least 5 fewer)."""
    best = min(trials, key=lambda t: t.broken)
    if preferred_base is None:
        return best
    own = min((t for t in trials if t.relative_base == preferred_base), key=lambda t: t.broken)
    margin = max(5, own.broken // 10)
    return own if own.broken - best.broken < margin else best


def _site_table(detected: Detected) -> dict[str, Any]:
    site: dict[str, Any] = {"root": detected.root, "layout": detected.layout}
    if detected.trailing_slash != "never":
        site["trailing-slash"] = detected.trailing_slash
    if detected.index:
        site["index"] = list(detected.index)
    if detected.languages:
        site["languages"] = list(detected.languages)
    if detected.build:
        site["build"] = detected.build
    if detected.metadata:
        site["metadata"] = detected.metadata
    if detected.fragments:
        site["fragments"] = list(detected.fragments)
    if detected.snippets != ".":
        site["snippets"] = detected.snippets
    if detected.static:
        site["static"] = list(detected.static)
    if detected.base_url != "/":
        site["base-url"] = detected.base_url
    return site


# The `[site]` keys init writes, in order, with a comment line before or after.
_SITE_LINES: tuple[tuple[str, str | None, str | None], ...] = (
    ("root", None, None),
    ("layout", None, None),
    ("index", None, None),
    ("trailing-slash", None, None),
    ("languages", None, None),
    ("build", "the build checked: text in {ifdef(other)} is not published in it", None),
    ("metadata", None, "lists the builds of a page"),
    (
        "fragments",
        "included into pages, never served: their links are checked where included",
        None,
    ),
    ("snippets", None, "pymdownx.snippets base_path"),
    ("static", None, "served at the site root"),
    ("base-url", None, "the URL path of the site root"),
)


def _config(project: Path, data: dict[str, Any]) -> Config:
    return parse_config(data, None, project)


def _pages(project: Path, data: dict[str, Any]) -> list[Path]:
    config = _config(project, {**data, "cache": {"enabled": False}})
    return discover([], config, project).files


def _sample(pages: list[Path]) -> list[Path]:
    """FAQ pages first (by name), then others, up to SAMPLE_PAGES."""
    faq = [p for p in pages if "faq" in str(p).lower()]
    rest = [p for p in pages if "faq" not in str(p).lower()]
    step = max(1, len(rest) // SAMPLE_PAGES)
    return (faq + rest[::step])[:SAMPLE_PAGES]


def _entries_by_dialect(
    project: Path, data: dict[str, Any], pages: list[Path], switch_titles: Counter[str]
) -> Counter[str]:
    engine = _parser(project, {**data, "dialects": ["auto"]})
    config = engine.config
    counts: Counter[str] = Counter()
    languages = set(config.site.languages)
    for path in _sample_for_parsing(pages):
        _, document = engine.parse(path)
        if document is not None:
            counts.update(entry.dialect for entry in document.entries)
            for link in document.links:
                first = link.target.lstrip("/").split("/", 1)[0]
                if link.title and first in languages and first != document.language:
                    switch_titles[link.title] += 1
    return counts


def _entries_on(project: Path, data: dict[str, Any], pages: list[Path]) -> Counter[str]:
    """Entries per dialect on every one of `pages`, with the settings chosen."""
    engine = _parser(project, data)
    counts: Counter[str] = Counter()
    for path in pages:
        _, document = engine.parse(path)
        if document is not None:
            counts.update(entry.dialect for entry in document.entries)
    return counts


def _heading_level(project: Path, data: dict[str, Any], pages: list[Path]) -> tuple[int | str, int]:
    """The heading level whose headings on FAQ pages are questions most
    often, and how many such entries it gives."""
    faq_pages = [p for p in pages if "faq" in str(p).lower()] or _sample_for_parsing(pages)
    best: tuple[int | str, int] = (2, 0)
    for level in (2, 3, 4, "page"):  # "page" wins only with more questions than any one level
        settings = {**data, "dialects": ["heading"], "dialect": {"heading": {"level": level}}}
        engine = _parser(project, settings)
        questions = 0
        for path in faq_pages[:PARSED_PAGES]:
            _, document = engine.parse(path)
            if document is not None:
                questions += sum("?" in e.question for e in document.entries)
        if questions > best[1]:
            best = (level, questions)
    return best


def _parser(project: Path, data: dict[str, Any]) -> Engine:
    """An engine for `Engine.parse` only (no cache, no rules to speak of)."""
    from faqlint.rules.ruleset import resolve
    from faqlint.run.engine import Engine

    config = _config(project, {**data, "cache": {"enabled": False}})
    return Engine(config, resolve(config, select=["file-error"]), project)


def _sample_for_parsing(pages: list[Path]) -> list[Path]:
    step = max(1, len(pages) // PARSED_PAGES)
    return pages[::step]


def _broken_links(
    project: Path, data: dict[str, Any], sample: list[Path]
) -> tuple[int, int, Counter[str]]:
    from faqlint.rules.ruleset import resolve
    from faqlint.run.runner import run_check

    config = _config(project, data)
    rules = resolve(config, select=list(LINK_RULES))
    outcome = run_check(config, rules, project, [str(p) for p in sample])
    report = outcome.report
    broken = sum(1 for f in report.findings if f.rule in LINK_RULES)
    linking: dict[str, set[str]] = {}
    for finding in report.findings:
        page = _MISSING_PAGE.match(finding.message) if finding.rule == "broken-link" else None
        if page:
            linking.setdefault(page.group(1), set()).add(finding.path)
    missing = Counter({url: len(paths) for url, paths in linking.items()})
    links = sum(
        1
        for result in report.files
        if result.record is not None
        for link in result.record.links
        if link.kind != "external"
    )
    return broken, links, missing


# "page `/ru/contacts` not found …": the URL of a missing page
_MISSING_PAGE = re.compile(r"page `([^`]+)` not found")
SWITCH_LINKS = 10  # links to another language with one title before it marks a switch
ROUTE_PAGES = 5  # sampled pages that link one missing URL before it is taken for a route


def compose(outcome: InitOutcome, dialects: list[str]) -> str:
    """The commented faqlint.toml."""
    detected, chosen = outcome.detected, outcome.chosen
    assert chosen is not None
    lines = [
        "# faqlint settings, written by `faqlint init`: edit freely.",
        f"# Framework: {detected.framework} (from {detected.evidence}).",
        f"include = {_toml(outcome.include or detected.include)}",
        f"dialects = {_toml(dialects)}"
        + (f"  # entries found: {_counts(outcome.entries)}" if outcome.entries else ""),
        "",
        "[site]",
        f"framework = {_toml(detected.framework)}",
    ]
    table = _site_table(detected)
    for key, before, after in _SITE_LINES:
        if key in table:
            lines += [f"# {before}"] if before else []
            lines.append(f"{key} = {_toml(table[key])}" + (f"  # {after}" if after else ""))
    rates = ", ".join(f"{t.relative_base}/{t.slug}: {t.broken}" for t in outcome.trials)
    routes = sorted(url for url, pages in chosen.missing.items() if pages >= ROUTE_PAGES)
    if routes:
        lines += [
            f"# Linked from {ROUTE_PAGES}+ sampled pages with no file: served by the site "
            "outside the repository? Remove any that are really missing.",
            f"routes = {_toml(routes)}",
        ]
    lines += [
        f"# Tried on {outcome.sample} pages ({outcome.links} internal links); broken links "
        f"and anchors per setting: {rates}.",
        f"relative-base = {_toml(chosen.relative_base)}",
        f"slug = {_toml(chosen.slug)}",
    ]
    if outcome.heading_level is not None:
        lines += ["", "[dialect.heading]", f"level = {_toml(outcome.heading_level)}"]
    if outcome.switch_titles:
        lines += [
            "",
            "[rules.cross-language-link]",
            "# links to the other language with this title are deliberate (a language switch)",
            f"switch-titles = {_toml(outcome.switch_titles)}",
        ]
    lines += [f"# Not supported yet for {detected.framework}: {note}" for note in detected.notes]
    return "\n".join(lines) + "\n"


def _counts(entries: Counter[str]) -> str:
    return ", ".join(f"{name} {count}" for name, count in entries.most_common())


def _toml(value: object) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    return str(value)
