"""Which docs framework a repository uses, told by its own files, and the
site settings that framework implies (`faqlint init`, `[site] framework`).

Each framework is recognised by the config file it cannot build without
(`docusaurus.config.js`, `docs.json`, `mkdocs.yml`, `hugo.toml`, a YFM
`toc.yaml`), or by its layout (the VK portal's `docs/<lang>/a/b/b.md`, a
GitHub wiki's `Home.md`). What the framework fixes is written as settings
(site root, URL layout, index pages, language folders); what varies per site
(how relative links resolve, the anchor rule) is left to `faqlint init`,
which tries the candidates on the repository's own links.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

FRAMEWORKS = ("docusaurus", "mintlify", "mkdocs", "hugo", "diplodoc", "vk", "github", "plain")

_SKIPPED = frozenset({".git", "node_modules", ".faqlint_cache", "build", "site", "public"})
# Language folder names (ISO 639-1 codes of the languages docs are written in).
_LANGUAGES = frozenset(
    "ar be bg bn ca cs da de el en es et fa fi fr he hi hr hu hy id it ja ka kk ko kz "
    "lt lv ms nb nl no pl pt ro ru sk sl sr sv th tr uk ur uz vi zh".split()
)
_LANGUAGE = re.compile(r"^([a-z]{2})(?:[-_][A-Za-z]{2,4})?$")


@dataclass
class Detected:
    """A framework and the settings it implies, with what told it."""

    framework: str
    evidence: str  # the file or layout that told the framework
    root: str = "."  # the site root, relative to the project
    layout: str = "file"
    index: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    page_types: tuple[str, ...] = (".md", ".mdx")
    trailing_slash: str = "never"  # which URLs end with "/" (`[site] trailing-slash`)
    build: str | None = None  # the published build, where pages say which builds show them
    metadata: str | None = None  # a page's sidecar naming those builds
    slug: str | None = None  # the framework's own heading-id rule, tried first by init
    relative_base: str | None = None  # where the framework says how relative links resolve
    fragments: tuple[str, ...] = ()  # files that are included, never served (`[site] fragments`)
    snippets: str = "."  # pymdownx.snippets base path (MkDocs)
    static: tuple[str, ...] = ()  # folders served at the site root (Docusaurus, Hugo)
    base_url: str = "/"  # the URL path the site root is served at
    notes: list[str] = field(default_factory=list)  # what is not supported yet

    @property
    def include(self) -> list[str]:
        prefix = "" if self.root == "." else self.root.rstrip("/") + "/"
        return [f"{prefix}**/*{suffix}" for suffix in self.page_types]


def detect(project: Path) -> Detected:
    """The framework of the repository at `project` (`plain` when none)."""
    for probe in (_docusaurus, _mintlify, _mkdocs, _hugo, _diplodoc, _vk, _wiki):
        found = probe(project)
        if found is not None:
            found.page_types = page_types(project / found.root)
            if not found.languages:
                found.languages = _language_folders(project / found.root)
            return found
    return Detected("plain", "no docs framework config found")  # page types: `page_types`


def _first(project: Path, *names: str) -> str | None:
    return next((name for name in names if (project / name).is_file()), None)


def _docusaurus(project: Path) -> Detected | None:
    config = _first(
        project, "docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs"
    )
    if config is None:
        return None
    root = "docs" if (project / "docs").is_dir() else "."
    text = (project / config).read_text(encoding="utf-8", errors="replace")
    route = re.search(r"routeBasePath:\s*['\"]([^'\"]*)['\"]", text)
    return Detected(
        "docusaurus",
        config,
        root,
        "directory-urls",
        ("index.md", "index.mdx", "README.md", "README.mdx", "{folder}.md", "{folder}.mdx"),
        trailing_slash="index",  # a category index's URL ends with "/"
        fragments=("**/_*", "**/_*/**"),  # Docusaurus serves no file or folder named `_…`
        static=("static",) if (project / "static").is_dir() else (),
        base_url="/" + (route.group(1) if route else "docs").strip("/"),
        notes=["versioned docs, i18n/ and a plugin's own docs folders are not read"],
    )


def _mintlify(project: Path) -> Detected | None:
    config = _first(project, "docs.json", "mint.json")
    if config is None:
        return None
    return Detected(
        "mintlify",
        config,
        ".",
        "directory-urls",
        ("index.mdx", "index.md"),
        slug="mintlify",
        # from the page's folder: what a browser does on /a/page (no slash), and how
        # `mint broken-links` resolves the changelogs' bare links on mintlify-docs
        relative_base="file",
        fragments=("snippets/**",),  # imported into pages, never served
        notes=["headings inside HTML blocks (`<div>`) get no anchor here; Mintlify gives them one"],
    )


def _mkdocs(project: Path) -> Detected | None:
    config = _first(project, "mkdocs.yml", "mkdocs.yaml")
    if config is None:
        return None
    text = (project / config).read_text(encoding="utf-8", errors="replace")
    docs_dir = re.search(r"^docs_dir:\s*['\"]?([^'\"\s#]+)", text, re.M)
    directory_urls = not re.search(r"^use_directory_urls:\s*false\b", text, re.M | re.I)
    site_url = re.search(r"^site_url:\s*['\"]?([^'\"\s#]+)", text, re.M)
    snippets = re.search(
        r"pymdownx\.snippets:\s*\n(?:[ \t]+\S.*\n)*?[ \t]+base_path:\s*\[?\s*['\"]?([^'\"\s,\]#]+)",
        text,
    )
    return Detected(
        "mkdocs",
        config,
        docs_dir.group(1) if docs_dir else "docs",
        "directory-urls" if directory_urls else "file",
        ("index.md", "README.md"),
        trailing_slash="always" if directory_urls else "never",
        slug="mkdocs",
        snippets=snippets.group(1) if snippets else ".",
        base_url=_url_path(site_url.group(1)) if site_url else "/",
        notes=["macros and markdownextradata variables (`{{ x }}`, `[[ x ]]`) are not expanded"],
    )


def _hugo(project: Path) -> Detected | None:
    config = _first(project, "hugo.toml", "hugo.yaml", "hugo.json", "config.toml", "config.yaml")
    if config is None or not (project / "content").is_dir():
        return None
    root = "content"
    languages = _language_folders(project / "content")
    if len(languages) == 1:  # content/en only: the site is served from it
        root, languages = f"content/{languages[0]}", ()
    text = (project / config).read_text(encoding="utf-8", errors="replace")
    base_url = re.search(r"^baseURL\s*[:=]\s*['\"]?([^'\"\s#]+)", text, re.M | re.I)
    return Detected(
        "hugo",
        config,
        root,
        "directory-urls",
        ("_index.md", "index.md"),
        languages,
        trailing_slash="always",
        static=("static",) if (project / "static").is_dir() else (),
        base_url=_url_path(base_url.group(1)) if base_url else "/",
        notes=["Hugo's heading ids follow the github rule here (goldmark's autoHeadingID)"],
    )


def _diplodoc(project: Path) -> Detected | None:
    for candidate in (".", "docs", "en", "ru"):
        folder = project / candidate
        if (folder / "toc.yaml").is_file() or (folder / ".yfm").is_file():
            root = "." if candidate in ("en", "ru") else candidate
            evidence = f"{candidate}/toc.yaml" if candidate != "." else "toc.yaml"
            return Detected(
                "diplodoc",
                evidence,
                root,
                "file",
                ("index.md",),
                trailing_slash="index",  # a folder's index.md is served at `/a/b/`
            )
    return None


def _vk(project: Path) -> Detected | None:
    docs = project / "docs"
    languages = _language_folders(docs)
    if not languages:
        return None
    same_name = total = sidecars = 0
    builds: Counter[str] = Counter()
    for folder, _, files in _walk(docs / languages[0], limit=400):
        for name in files:
            if name.endswith(".md"):
                total += 1
                same_name += name[:-3] == os.path.basename(folder)
                text = Path(folder, name).read_text(encoding="utf-8", errors="replace")
                builds.update(_IFDEF.findall(text))
            sidecars += name == os.path.basename(folder) + ".meta.json"
    if total < 10 or same_name * 2 < total:
        return None
    return Detected(
        "vk",
        f"docs/{languages[0]}/…/NAME/NAME.md pages",
        "docs",
        "folder-index",
        ("{folder}.meta.json",),
        languages,
        build=builds.most_common(1)[0][0] if builds else None,
        metadata="{folder}.meta.json" if sidecars else None,
    )


_IFDEF = re.compile(r"\{ifdef\(([\w-]+)\)\}")


def _wiki(project: Path) -> Detected | None:
    if not (project / "Home.md").is_file():
        return None
    return Detected(
        "github",
        "Home.md (a GitHub wiki)",
        ".",
        "directory-urls",
        ("Home.md",),
        notes=["wiki pages in subfolders are found by name; sidebars (_Sidebar.md) are pages"],
    )


def _url_path(url: str) -> str:
    """The path part of a site URL (`https://x.org/docs/` -> `/docs`)."""
    from urllib.parse import urlsplit

    return "/" + urlsplit(url).path.strip("/")


def page_types(root: Path) -> tuple[str, ...]:
    """The page suffixes found under `root`, the most used first."""
    counts: Counter[str] = Counter()
    for _, _, files in _walk(root, limit=5000):
        for name in files:
            suffix = os.path.splitext(name)[1].lower()
            if suffix in (".md", ".mdx", ".markdown"):
                counts[suffix] += 1
    return tuple(sorted(counts, key=lambda s: (-counts[s], s))) or (".md",)


def _language_folders(root: Path) -> tuple[str, ...]:
    if not root.is_dir():
        return ()
    found = [
        entry.name
        for entry in sorted(os.scandir(root), key=lambda e: e.name)
        if entry.is_dir()
        and (match := _LANGUAGE.match(entry.name))
        and match.group(1) in _LANGUAGES
    ]
    return tuple(found) if len(found) >= 2 or found == ["en"] else ()


def _walk(root: Path, limit: int) -> list[tuple[str, list[str], list[str]]]:
    """Up to `limit` files' worth of `os.walk`, skipping build and tool folders."""
    found: list[tuple[str, list[str], list[str]]] = []
    seen = 0
    for folder, folders, files in os.walk(root):
        folders[:] = [f for f in folders if f not in _SKIPPED and not f.startswith(".")]
        found.append((folder, folders, files))
        seen += len(files)
        if seen >= limit:
            break
    return found
