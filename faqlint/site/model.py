"""The site as readers see it: which URL serves which file, and what each page
anchors.

`[site]` in the config describes the layout:

- `root`: the folder served at URL `/`;
- `layout`: `file` (`a/b.md` → `/a/b.md`, also reachable as `/a/b`),
  `folder-index` (`a/b/b.md` → `/a/b`) or `directory-urls` (`a/b.md` → `/a/b/`);
  in every layout a folder's `index` file (`index.md`, `README.md`,
  `_index.md`) serves the folder's URL;
- `relative-base`: relative links resolve against the page URL
  browser-style (`browser`: from `/a/b/page`, `../x` is `/a/x`) or against the
  page URL taken as a folder (`directory`: `../x` is `/a/b/x`; the VK Cloud
  portal does this) or against the page's file (`file`: from `a/b/page.md`,
  `../x.png` is `a/x.png`; MkDocs rewrites every relative link so); a link
  to a page file (`x.md`, `../y.mdx`) always resolves from the page's file;
- `trailing-slash`: which page URLs end with `/` (`always`, `index` pages,
  `never`), which moves the base of URL links;
- `routes`: URLs the portal serves that have no file (`/en/contacts`);
  a route ending in `/*` covers everything below it;
- `languages`: URL prefixes of translations; `fragments`: files that are
  included into other pages (their links resolve against each including
  page, and their anchors belong to it).
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import NamedTuple
from urllib.parse import unquote

from faqlint.config import SiteConfig
from faqlint.parse.records import PageRecord
from faqlint.site import front_matter
from faqlint.site.redirects import Redirects, default_files, read_redirects
from faqlint.site.walk import SymlinkPolicy, WalkWatcher, entry_kind, walk


class Target(NamedTuple):
    """Where a link's path leads, before anchors are considered."""

    path: str  # normalised URL path, e.g. "/en/a/b" ("" for a same-page link)
    fragment: str
    file: str | None  # site-relative file path that serves it, if any
    is_page: bool  # a Markdown page (has anchors) rather than a file or route
    escapes_root: bool = False
    route: bool = False
    looked_for: tuple[str, ...] = ()
    unpublished: str | None = None  # the file exists but the build leaves it out
    redirect: str | None = None  # no page here, but the site redirects it there

    @property
    def exists(self) -> bool:
        return self.file is not None or self.route or self.redirect is not None


@dataclass
class Site:
    """URL ↔ file index for one site root, with anchors of the parsed pages."""

    config: SiteConfig
    root: Path
    files: frozenset[str]  # every file under the root, site-relative POSIX paths
    pages: dict[str, PageRecord] = field(default_factory=dict)  # by site path
    _url_to_file: dict[str, str] = field(default_factory=dict)
    _file_to_url: dict[str, str] = field(default_factory=dict)
    _routes: frozenset[str] = frozenset()
    _route_prefixes: tuple[str, ...] = ()
    _sections: frozenset[str] | None = None
    _resolved: dict[tuple[str, str], Target] = field(default_factory=dict)
    _builds: dict[str, frozenset[str]] = field(default_factory=dict)
    redirects: Redirects = field(default_factory=Redirects)

    @classmethod
    def build(cls, config: SiteConfig, root: Path, files: Iterable[str]) -> Site:
        site = cls(config, root, frozenset(files))
        site._index_urls()
        site._read_redirects()
        site._read_front_matter()
        routes = [r.rstrip("/") or "/" for r in config.routes]
        site._routes = frozenset(r for r in routes if not r.endswith("/*"))
        site._route_prefixes = tuple(r[:-1] for r in routes if r.endswith("/*"))
        return site

    # -- URLs ------------------------------------------------------------
    def _is_page_file(self, file: str) -> bool:
        """A file of a page type (`[site] page-types`: `.md`, `.mdx`…)."""
        return file.lower().endswith(self.config.page_types)

    def _index_urls(self) -> None:
        for file in sorted(self.files, key=self._index_rank):
            url = self._url_of(file)
            if url is not None:
                self._url_to_file.setdefault(url, file)
                self._file_to_url.setdefault(file, url)
            if self.config.framework == "github" and self._is_page_file(file):
                # a wiki's pages are one namespace: /Page-Name, whatever the folder
                stem = file.rpartition("/")[2].rsplit(".", 1)[0]
                self._url_to_file.setdefault("/" + stem, file)
            if self.config.layout == "file" and self._is_page_file(file):
                # GitHub-style sites also answer /a/b for a/b.md.
                self._url_to_file.setdefault("/" + file.rsplit(".", 1)[0], file)
            elif (
                url is not None
                and self.config.layout == "directory-urls"
                and self._is_page_file(file)
                and file.rpartition("/")[2].startswith("index.")
            ):
                # `/a/index` is `/a` (Mintlify, Docusaurus and MkDocs answer both)
                self._url_to_file.setdefault("/" + file.rsplit(".", 1)[0], file)

    def _read_redirects(self) -> None:
        project = self._project()
        if project is None:
            return
        names = self.config.redirects
        if names is None:
            names = tuple(default_files(project, self.config.framework))
        if names:
            url_of = self._url_of_file
            self.redirects = read_redirects(project, names, url_of, self.config.languages)

    def _url_of_file(self, file: str) -> str:
        """The URL a page file has (or would have: a redirect's old page),
        with the trailing slash the site writes."""
        url = self._file_to_url.get(file) or self._url_of(file) or "/" + file
        return url.rstrip("/") + "/" if self._ends_with_slash(file) else url

    def _read_front_matter(self) -> None:
        """Docusaurus and Hugo pages may set their URL in front matter."""
        framework = self.config.framework
        if framework not in front_matter.FRAMEWORKS:
            return
        moved: dict[str, str] = {}
        for file, url in list(self._file_to_url.items()):
            if not self._is_page_file(file):
                continue
            fields = front_matter.page_fields(self.root / file)
            new = front_matter.address(framework, file, url, fields)
            if new != url:
                moved[file] = new
            for old in front_matter.aliases(fields):
                self.redirects.add(old, new)
        for file, new in moved.items():
            old = self._file_to_url[file]
            if self._url_to_file.get(old) == file:
                del self._url_to_file[old]
            self._file_to_url[file] = new
            self._url_to_file.setdefault(new.rstrip("/") or "/", file)

    def _index_names(self, folder: str) -> list[str]:
        """A folder's index file names, `{folder}` replaced by the folder's name."""
        name = folder.rsplit("/", 1)[-1]
        names = [index.replace("{folder}", name) for index in self.config.index]
        if self.config.layout == "folder-index" and name:
            names.insert(0, f"{name}.md")
        return names

    def _index_rank(self, file: str) -> tuple[int, str]:
        """Markdown pages first, so a page wins over another index file of its folder."""
        return (0 if self._is_page_file(file) else 1, file)

    def _url_of(self, file: str) -> str | None:
        folder, _, name = file.rpartition("/")
        if name in self._index_names(folder):
            return "/" + folder if folder else "/"
        if not self._is_page_file(file):
            return None
        stem = name.rsplit(".", 1)[0]
        if self.config.layout == "folder-index":
            return None  # only `a/b/b.md` is a page; other files are fragments
        if self.config.layout == "directory-urls":
            return "/" + (f"{folder}/{stem}" if folder else stem)
        return "/" + file

    def url_of(self, site_path: str) -> str:
        """The URL path that serves a site file (a page's own address)."""
        url = self._file_to_url.get(site_path)
        if url is not None:
            return url
        return "/" + site_path

    def page_urls(self) -> list[str]:
        return list(self._url_to_file)

    def file_for_url(self, url: str) -> str | None:
        return self._url_to_file.get(url.rstrip("/") or "/")

    def is_route(self, url: str) -> bool:
        url = url.rstrip("/") or "/"
        return url in self._routes or any(
            url == prefix.rstrip("/") or url.startswith(prefix) for prefix in self._route_prefixes
        )

    # -- resolution -------------------------------------------------------
    def resolve(self, page_site_path: str, target: str) -> Target:
        """Resolve a link target written on a page (both in site terms)."""
        if target.startswith(_PROJECT_PREFIXES):
            return self._resolve_in_project(target, page_site_path)
        path, _, fragment = target.partition("#")
        path = path.split("?", 1)[0]
        fragment = unquote(fragment)
        if not path:
            return Target("", fragment, page_site_path, True)
        path = unquote(path)
        base_url = self.config.base_url.rstrip("/")
        if base_url and path.startswith("/") and (path + "/").startswith(base_url + "/"):
            path = path[len(base_url) :] or "/"
        base = "" if path.startswith("/") else self._base_of(page_site_path, path)
        key = (base, path)
        found = self._resolved.get(key)
        if found is None:
            joined, escapes = self._join(base, path)
            found = self._resolved[key] = self._lookup(joined, "", escapes)
        return found if not fragment else found._replace(fragment=fragment)

    def _resolve_in_project(self, target: str, page_site_path: str) -> Target:
        """A path from the project folder rather than the page: Docusaurus's
        `@site/…` and pymdownx snippets (`snippets:…`, from `[site] snippets`).
        A snippet outside the site root is read where it is, if it stays in
        the snippets folder (pymdownx's `restrict_base_path`) and its real
        path in the project; its site path then starts with `../`."""
        kind, _, path = target.partition(":") if not target.startswith("@") else ("", "", target)
        snippet = bool(kind)
        if kind == "snippets":
            base = self.config.snippets
        elif kind == "include":  # mkdocs-include-markdown: from the page's own folder
            folder = page_site_path.rpartition("/")[0]
            base = posixpath.join(self.config.root, folder) if folder else self.config.root
        else:
            base, path = ".", path[len("@site/") :]
        base = posixpath.normpath(base)
        wanted = posixpath.normpath(posixpath.join(base, path))
        url = "/" + wanted
        root = posixpath.normpath(self.config.root)
        relative = posixpath.relpath(wanted, root)
        if not relative.startswith("../") and relative != "..":
            return self._lookup("/" + relative, "", False)
        project = self._project()
        if not snippet or project is None:
            return Target(url, "", None, False, route=True)  # outside what the site knows
        # pymdownx keeps snippets in their base folder; include-markdown in the project
        inside = kind != "snippets" or base == "." or wanted.startswith(base + "/")
        real = os.path.realpath(project / wanted)
        if inside and _within(real, os.path.realpath(project)) and os.path.isfile(real):
            return Target(url, "", relative, True)
        return Target(url, "", None, False, looked_for=(relative,))

    def _bundle_resource(self, url: str) -> str | None:
        """Hugo page bundles: `a/b/index.md` with `a/b/x.png` serves the image
        under the page's URL (which front matter may have moved)."""
        if self.config.framework != "hugo":
            return None
        folder_url, _, name = url.rstrip("/").rpartition("/")
        page = self.file_for_url(folder_url or "/")
        if page is None or not page.rpartition("/")[2].startswith("index."):
            return None
        candidate = f"{page.rpartition('/')[0]}/{name}".lstrip("/")
        return candidate if candidate in self.files else None

    @cached_property
    def spec_parts(self) -> dict[str, str]:
        """Markdown files an OpenAPI spec of the site pulls in with `$ref`
        (`description: {$ref: ./parts/info.md}`), by site path, with the
        spec: text of the API reference viewer, not pages."""
        found: dict[str, str] = {}
        for spec in sorted(f for f in self.files if f.endswith((".yaml", ".yml"))):
            try:
                text = (self.root / spec).read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            if "$ref" not in text:
                continue
            folder = posixpath.dirname(spec)
            for match in _SPEC_REF.finditer(text):
                part = posixpath.normpath(posixpath.join(folder, match.group(1)))
                if part in self.files:
                    found.setdefault(part, spec)
        return found

    def _in_static(self, relative: str) -> bool:
        """A file of a folder the site serves at its root (`[site] static`:
        Docusaurus's and Hugo's `static/`), inside the project's real folder."""
        if not self.config.static or not relative or ".." in relative.split("/"):
            return False
        project = self._project()
        if project is None:
            return False
        real_project = os.path.realpath(project)
        for folder in self.config.static:
            real = os.path.realpath(project / folder / relative)
            if _within(real, real_project) and os.path.isfile(real):
                return True
        return False

    def _project(self) -> Path | None:
        """The project folder (where `[site] root` is taken from), if known."""
        parts = PurePosixPath(posixpath.normpath(self.config.root)).parts
        if parts == (".",):
            return self.root
        if any(part in ("..", "/") for part in parts):
            return None
        return self.root.joinpath(*[".."] * len(parts))

    def _base_of(self, page_site_path: str, path: str) -> str:
        """What a relative link on the page resolves against. A link to a
        source file (`x.md`, `../y.mdx`) goes from the page's folder (how
        MkDocs, Docusaurus, GitHub and YFM rewrite them); any other from the
        page's URL, with the slash `[site] trailing-slash` gives it."""
        if self.config.relative_base == "file" or self._is_page_file(path):
            folder = page_site_path.rpartition("/")[0]
            return "/" + folder + "/" if folder else "/"
        url = self.url_of(page_site_path)
        return url.rstrip("/") + "/" if self._ends_with_slash(page_site_path) else url

    def _ends_with_slash(self, site_path: str) -> bool:
        """Whether the page's URL ends with `/` (`[site] trailing-slash`)."""
        slash = self.config.trailing_slash
        return slash == "always" or (slash == "index" and self._is_index(site_path))

    def _is_index(self, site_path: str) -> bool:
        folder, _, name = site_path.rpartition("/")
        return name in self._index_names(folder)

    def _join(self, page_url: str, path: str) -> tuple[str, bool]:
        if path.startswith("/"):
            return _normalise(path)
        if self.config.relative_base == "directory" and not page_url.endswith("/"):
            base = page_url.rstrip("/") + "/"
        else:
            base = page_url if page_url.endswith("/") else page_url.rsplit("/", 1)[0] + "/"
        return _normalise(base + path)

    def _lookup(self, url: str, fragment: str, escapes: bool) -> Target:
        if escapes:
            return Target(url, fragment, None, False, escapes_root=True)
        relative = url.lstrip("/")
        looked: list[str] = []
        if relative in self.files:
            return self._found(url, fragment, relative)
        if "." in relative.rsplit("/", 1)[-1]:
            looked.append(relative)  # a file name: that is what was looked for
        page = self.file_for_url(url)
        if page is not None:
            return self._found(url, fragment, page)
        if self.is_route(url) or self._in_static(relative):
            return Target(url, fragment, None, False, route=True)
        resource = self._bundle_resource(url)
        if resource is not None:
            return self._found(url, fragment, resource)
        moved = self.redirects.find(url) if self.redirects else None
        if moved is not None:
            return Target(url, fragment, None, False, redirect=moved)
        looked.extend(self._candidates(relative))
        return Target(url, fragment, None, False, looked_for=tuple(dict.fromkeys(looked)))

    def _found(self, url: str, fragment: str, file: str) -> Target:
        if not self.is_published(file):
            return Target(url, fragment, None, False, unpublished=file)
        return Target(url, fragment, file, self._is_page_file(file))

    @property
    def builds_read(self) -> frozenset[str]:
        """The metadata sidecars (site paths) read so far."""
        return frozenset(self._builds)

    def pages_known(self, site_path: str) -> bool:
        """Whether the site index knows this file (it may be outside the root's listing)."""
        return site_path in self.files

    def is_page(self, site_path: str) -> bool:
        """A Markdown file the site serves at a URL of its own."""
        return self._is_page_file(site_path) and site_path in self._file_to_url

    def is_published(self, site_path: str) -> bool:
        """False when the page's metadata (`[site] metadata`) lists the builds
        that publish it and `[site] build` is not one of them."""
        config = self.config
        if config.build is None or config.metadata is None:
            return True
        record = self.pages.get(site_path)
        if record is not None and record.builds is not None:
            return config.build in record.builds
        sidecar = metadata_path(config, site_path)
        if sidecar not in self.files:
            return True
        builds = self._builds.get(sidecar)
        if builds is None:
            builds = self._builds[sidecar] = read_builds(self.root / sidecar)
        return not builds or config.build in builds

    def _candidates(self, relative: str) -> list[str]:
        """The files a page URL could have come from, for the error message."""
        relative = relative.rstrip("/")
        name = relative.rsplit("/", 1)[-1]
        layout = self.config.layout
        found = []
        if layout in ("directory-urls", "file") and relative and name:
            found.append(f"{relative}.md")
        found += [f"{relative}/{index}".lstrip("/") for index in self._index_names(relative)]
        return found

    # -- anchors ------------------------------------------------------------
    @property
    def top_level_sections(self) -> frozenset[str]:
        if self._sections is None:
            self._sections = frozenset(f.split("/", 1)[0] for f in self.files if "/" in f)
        return self._sections

    def language_of(self, url: str) -> str | None:
        first = url.lstrip("/").split("/", 1)[0]
        return first if first in self.config.languages else None


_SPEC_REF = re.compile(r"\$ref:\s*['\"]?([^'\"\s#]+\.md)\b")
_PROJECT_PREFIXES = ("@site/", "snippets:", "include:")


def _within(real: str, folder: str) -> bool:
    return real == folder or real.startswith(folder.rstrip(os.sep) + os.sep)


def _normalise(url: str) -> tuple[str, bool]:
    """Collapse `.` and `..`; also say whether `..` climbed above the root."""
    parts: list[str] = []
    escapes = False
    for part in url.split("/"):
        if part == "..":
            if parts:
                parts.pop()
            else:
                escapes = True
        elif part and part != ".":
            parts.append(part)
    normal = "/" + "/".join(parts)
    if url.endswith("/") and parts:
        normal += "/"
    return normal, escapes


def metadata_path(config: SiteConfig, site_path: str) -> str:
    """The site path of a page's metadata sidecar (`[site] metadata`)."""
    folder = site_path.rpartition("/")[0]
    name = (config.metadata or "").replace("{folder}", folder.rsplit("/", 1)[-1])
    return f"{folder}/{name}" if folder else name


def read_builds(path: Path) -> frozenset[str]:
    """`build.for` of a page's JSON metadata (empty: every build)."""
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return frozenset()
    build = data.get("build") if isinstance(data, dict) else None
    names = build.get("for") if isinstance(build, dict) else None
    if not isinstance(names, list):
        return frozenset()
    return frozenset(str(name) for name in names)


def list_files(
    root: Path,
    policy: SymlinkPolicy | None = None,
    recorder: WalkWatcher | None = None,
    skip: str | None = None,
) -> list[str]:
    """Every file under the site root as a POSIX site-relative path, but in
    dot-folders and the folder `skip` (the cache); [] when there is no root.
    Symlinks follow `policy` (by default: the site root's own real folder)."""
    top = str(root)
    if not os.path.isdir(top):
        return []
    policy = policy or SymlinkPolicy([top])
    found: list[str] = []
    prefix = len(top.rstrip(os.sep)) + 1

    def visit(folder: str, real: str, entries: list[os.DirEntry[str]]) -> list[os.DirEntry[str]]:
        base = folder[prefix:].replace(os.sep, "/")
        subfolders = []
        for entry in entries:
            try:
                is_dir, is_link, _ = entry_kind(entry)
            except FileNotFoundError:
                is_dir, is_link = False, True  # a broken link: a name, but no file
            except OSError as error:
                policy.unreadable(entry.path, error, folder=False)
                continue
            if is_dir:
                if not entry.name.startswith(".") and entry.path != skip:
                    subfolders.append(entry)
            elif not is_link or policy.inside(os.path.realpath(entry.path)):
                found.append(f"{base}/{entry.name}" if base else entry.name)
        return subfolders

    walk(top, policy, visit, recorder)
    return found
