"""Page addresses set in front matter, for the frameworks that read them:
Docusaurus (`slug:` absolute or relative to the folder, `id:`, numbered
prefixes `01-intro.md` -> `intro`) and Hugo (`url:`, `slug:`, `aliases:`,
which redirect to the page)."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

_HEAD_BYTES = 4096
_FIELD = re.compile(r"^(slug|id|url|aliases)[ \t]*[:=][ \t]*(.*)$", re.M)
_NUMBER_PREFIX = re.compile(r"^\d+[-_.]\s*(?=.)")
FRAMEWORKS = ("docusaurus", "hugo")


@dataclass
class Addressed:
    """What the front matter of the site's pages says about their URLs."""

    urls: dict[str, str] = field(default_factory=dict)  # site path -> URL
    aliases: dict[str, str] = field(default_factory=dict)  # old URL -> site path


def page_fields(path: Path) -> dict[str, str]:
    """`slug`, `id`, `url` and `aliases` of a page's front matter (YAML or
    TOML), read from the first few KB; {} when it has none."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES).decode("utf-8", "replace")
    except OSError:
        return {}
    head = head.removeprefix("\ufeff")
    fence = head[:3]
    if fence not in ("---", "+++"):
        return {}
    end = head.find("\n" + fence, 3)
    if end < 0:
        return {}
    return {
        key: value.strip().strip("'\"")
        for key, value in _FIELD.findall(head[3:end])
        if value.strip()
    }


def address(framework: str, site_path: str, url: str, fields: dict[str, str]) -> str:
    """The URL of a page at `site_path` (default `url`) under its front matter;
    a relative `slug` and an `id` are taken from the page file's folder."""
    folder = "/" + posixpath.dirname(site_path)
    if framework == "hugo":
        if fields.get("url"):
            return "/" + fields["url"].strip("/")
        if fields.get("slug"):
            return posixpath.join(folder, fields["slug"].strip("/"))
        return url
    # Docusaurus: number prefixes are not part of URLs (or ids)
    url = "/".join(_NUMBER_PREFIX.sub("", part) for part in url.split("/"))
    folder = "/".join(_NUMBER_PREFIX.sub("", part) for part in folder.split("/"))
    slug = fields.get("slug")
    if slug:
        joined = slug if slug.startswith("/") else posixpath.join(folder, slug)
        return posixpath.normpath(joined).rstrip("/") or "/"
    if fields.get("id") and not site_path.rpartition("/")[2].startswith("index."):
        return posixpath.join(folder, fields["id"])
    return url


def aliases(fields: dict[str, str]) -> list[str]:
    """Hugo's `aliases: [/a/, /b/]` (absolute ones only)."""
    raw = fields.get("aliases", "").strip("[]")
    return [
        a.strip().strip("'\"") for a in raw.split(",") if a.strip().strip("'\"").startswith("/")
    ]
