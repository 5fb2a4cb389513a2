"""Path-writing mistakes shared by the link rules."""

from __future__ import annotations

import re

from faqlint.links.internal import Verdict
from faqlint.site.model import Site, Target

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")


def is_relative(target: str) -> bool:
    return bool(target) and not (target.startswith(("/", "#", "//")) or _SCHEME.match(target))


def missing_leading_slash(site: Site, verdict: Verdict) -> Target | None:
    """`en/tools/x` written for `/en/tools/x`: a relative path that starts with a
    language or a top-level section of the site. Returns the root-absolute
    target when that one exists."""
    raw = verdict.link.target
    if not is_relative(raw) or raw.startswith(("./", "../")) or raw in (".", ".."):
        return None
    if verdict.target.exists:
        return None  # it works as written (a page at the root, or `[site] relative-base`)
    first = raw.split("/", 1)[0]
    if first not in site.config.languages and first not in site.top_level_sections:
        return None
    absolute = site.resolve(verdict.base, "/" + raw)
    return absolute if absolute.exists else None
