"""Which folder may be the cache folder (`[cache] dir`).

faqlint writes into its cache folder freely (and a `.gitignore` with `*` in
it, so the cache is never committed), so the folder must be its own: never
the project folder or the site root or a folder that holds either (git
would then ignore the repository), and never a folder holding anything but
faqlint's cache files.
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

from faqlint.config import Config

# Names faqlint writes in its cache folder (this and earlier versions).
OWN_NAMES = (
    ".gitignore",
    "CACHEDIR.TAG",
    "records-*",
    "listing-*",
    "embeddings-*",
    "external",
    ".tmp-*",
)


def cache_folder_problem(config: Config) -> str | None:
    """Why `[cache] dir` cannot be faqlint's cache folder, or None."""
    if not config.cache.enabled:
        return None
    folder = Path(os.path.realpath(config.base_dir / config.cache.dir))
    for name, place in (
        ("the project folder", config.base_dir),
        ("the site root", config.site_root),
    ):
        real = Path(os.path.realpath(place))
        if folder == real or folder in real.parents:
            what = name if folder == real else f"a folder that holds {name}"
            return f"is {what}; faqlint needs a folder of its own for its cache"
    if folder.exists() and not folder.is_dir():
        return "is a file, not a folder"
    try:
        names = sorted(os.listdir(folder)) if folder.is_dir() else []
    except OSError:
        return None  # unreadable: the cache is simply not used
    foreign = [n for n in names if not any(fnmatch.fnmatchcase(n, p) for p in OWN_NAMES)]
    if foreign:
        shown = ", ".join(foreign[:3]) + (", …" if len(foreign) > 3 else "")
        return (
            f"holds files that are not faqlint's ({shown}); "
            "faqlint needs a folder of its own for its cache"
        )
    return None
