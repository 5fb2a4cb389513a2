"""Redirects a site serves, read from the framework's own files, so that a
link to a moved page is not called broken (`redirected-link` reports it with
the new address instead).

`[site] redirects` names the files (from the project folder); by default the
framework's own ones that exist:

- `docs.json` / `mint.json` (Mintlify): `redirects: [{source, destination}]`,
  or `{"$ref": "redirects.json"}`; `:slug*` and `*` end a prefix;
- `mkdocs.yml` (mkdocs-redirects): `redirect_maps: {old.md: new.md | URL}`;
- `redirects.yaml` (Diplodoc): `common: [{from, to}]`, for every language folder;
- `netlify.toml` (`[[redirects]] from/to`), `vercel.json` (`redirects`),
  `_redirects` / `static/_redirects` (Netlify's plain format): any framework.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

FRAMEWORK_FILES: dict[str, tuple[str, ...]] = {
    "mintlify": ("docs.json", "mint.json"),
    "mkdocs": ("mkdocs.yml", "mkdocs.yaml"),
    "diplodoc": ("redirects.yaml",),
}
HOSTING_FILES = ("netlify.toml", "vercel.json", "_redirects", "static/_redirects")
_WILDCARD = re.compile(r"/(?::\w+\*|\*)$")


@dataclass
class Redirects:
    """Old URL -> new address (a URL path of the site, or an external URL)."""

    exact: dict[str, str] = field(default_factory=dict)
    prefixes: list[tuple[str, str]] = field(default_factory=list)  # "/old/" -> "/new/"
    problems: list[str] = field(default_factory=list)  # files that could not be read

    def add(self, source: str, destination: str) -> None:
        source, destination = source.strip(), destination.strip()
        if not source.startswith("/") or not destination:
            return
        wildcard = _WILDCARD.search(source)
        if wildcard:
            prefix = source[: wildcard.start()] + "/"
            target = _WILDCARD.sub("/", destination) if _WILDCARD.search(destination) else ""
            self.prefixes.append((prefix, target))
            return
        self.exact.setdefault(_key(source), destination)

    def find(self, url: str) -> str | None:
        """The new address of `url`, if the site redirects it."""
        key = _key(url)
        found = self.exact.get(key)
        if found is not None:
            return found
        for prefix, target in self.prefixes:
            if key.startswith(prefix):
                return target + key[len(prefix) :] if target else None
        return None

    def __bool__(self) -> bool:
        return bool(self.exact or self.prefixes)


def _key(url: str) -> str:
    url = url.split("#", 1)[0].split("?", 1)[0]
    return url.rstrip("/") or "/"


def default_files(project: Path, framework: str | None) -> list[str]:
    """The redirect files of the framework (and of common hosts) that exist."""
    names = FRAMEWORK_FILES.get(framework or "", ()) + HOSTING_FILES
    return [name for name in names if (project / name).is_file()]


def read_redirects(
    project: Path,
    files: Iterable[str],
    url_of_file: Callable[[str], str],
    languages: tuple[str, ...],
) -> Redirects:
    """Every redirect of `files`. `url_of_file(site_path)` gives the URL a
    page file would have (mkdocs-redirects and Diplodoc name files)."""
    redirects = Redirects()
    for name in files:
        path = project / name
        try:
            text = path.read_text(encoding="utf-8")
            _READERS[_kind(name)](redirects, text, url_of_file, languages, path)
        except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError, TypeError) as error:
            reason = getattr(error, "strerror", None) or str(error).splitlines()[0]
            redirects.problems.append(f"{name}: {reason}")
    return redirects


def _kind(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    if base in ("docs.json", "mint.json"):
        return "mintlify"
    if base.startswith("mkdocs."):
        return "mkdocs"
    if base == "netlify.toml":
        return "netlify"
    if base == "vercel.json":
        return "vercel"
    if base == "_redirects":
        return "plain"
    return "diplodoc"


Reader = Callable[[Redirects, str, Callable[[str], str], tuple[str, ...], Path], None]


def _mintlify(
    redirects: Redirects, text: str, url_of: Callable[[str], str], _: tuple[str, ...], path: Path
) -> None:
    items = json.loads(text).get("redirects") or []
    if isinstance(items, dict) and isinstance(items.get("$ref"), str):
        items = json.loads((path.parent / items["$ref"]).read_text(encoding="utf-8"))
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            redirects.add(str(item.get("source", "")), str(item.get("destination", "")))


def _vercel(
    redirects: Redirects, text: str, url_of: Callable[[str], str], _: tuple[str, ...], path: Path
) -> None:
    _mintlify(redirects, text, url_of, _, path)  # the same {source, destination} list


def _mkdocs(
    redirects: Redirects, text: str, url_of: Callable[[str], str], _: tuple[str, ...], path: Path
) -> None:
    data = yaml.load(text, Loader=_LenientLoader)
    for plugin in (data or {}).get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("redirects"), dict):
            maps = plugin["redirects"].get("redirect_maps") or {}
            for old, new in maps.items():
                address = str(new)
                target = address if "://" in address else url_of(address.split("#", 1)[0])
                if "#" in address and "://" not in address:
                    target += "#" + address.split("#", 1)[1]
                redirects.add(url_of(str(old)), target)


def _diplodoc(
    redirects: Redirects,
    text: str,
    url_of: Callable[[str], str],
    languages: tuple[str, ...],
    path: Path,
) -> None:
    data = yaml.safe_load(text) or {}
    for items in data.values() if isinstance(data, dict) else []:
        for item in items if isinstance(items, list) else []:
            if not isinstance(item, dict) or "from" not in item or "to" not in item:
                continue
            old, new = str(item["from"]).lstrip("/"), str(item["to"])
            target = new if "://" in new else new.lstrip("/")
            for prefix in ("", *(f"{language}/" for language in languages)):
                moved = target if "://" in target else url_of(prefix + target)
                redirects.add(url_of(prefix + old), moved)


def _netlify(
    redirects: Redirects, text: str, url_of: Callable[[str], str], _: tuple[str, ...], path: Path
) -> None:
    for item in tomllib.loads(text).get("redirects") or []:
        if isinstance(item, dict):
            redirects.add(str(item.get("from", "")), str(item.get("to", "")))


def _plain(
    redirects: Redirects, text: str, url_of: Callable[[str], str], _: tuple[str, ...], path: Path
) -> None:
    for line in text.splitlines():
        parts = line.split("#", 1)[0].split()
        if len(parts) >= 2:
            redirects.add(parts[0], parts[1])


class _LenientLoader(yaml.SafeLoader):
    """mkdocs.yml holds `!!python/name:` and `!ENV` tags: read them as None."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


_LenientLoader.add_multi_constructor("", _ignore_tag)

_READERS: dict[str, Reader] = {
    "mintlify": _mintlify,
    "vercel": _vercel,
    "mkdocs": _mkdocs,
    "diplodoc": _diplodoc,
    "netlify": _netlify,
    "plain": _plain,
}
