"""Memoised folder walks: which files `include` matches, and every file
under the site root. A walk's result is kept in the cache folder and reused
while no folder it listed and no `.gitignore` it read has changed, which
costs a `stat` per folder instead of a walk with pattern matching.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from faqlint.config import Config
from faqlint.run.store import keys
from faqlint.run.store.keys import file_stat
from faqlint.site.discover import discover
from faqlint.site.model import list_files
from faqlint.writes import write_cache_file


class WalkRecorder:
    """The folders a walk listed and the files it read, as they were."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.started_ns = time.time_ns()
        self.stamps: dict[str, keys.Stat | None] = {}

    def saw(self, path: str) -> None:
        self.stamps[path] = file_stat(path)


# listing file -> (when this process last walked or checked it, result)
_CHECKED: dict[Path, tuple[float, list[str]]] = {}


@dataclass
class Listing:
    """A memoised directory walk: its result is reused while every folder it
    listed and every file it read (a `.gitignore`) has the same stat; a file
    added, removed or renamed changes its folder's mtime. Only the outcome of
    the walk is kept, never file contents."""

    directory: Path | None
    key: str  # what else the result depends on (patterns, root…)

    @property
    def path(self) -> Path | None:
        if self.directory is None:
            return None
        digest = hashlib.sha256(f"{keys.code_stamp()}|{self.key}".encode()).hexdigest()
        return self.directory / f"listing-{digest[:16]}.pickle"

    def load(self, since: float | None = None) -> list[str] | None:
        """The memoised result if it still holds. `since`: a time
        (`time.monotonic`) after which a result this process already checked
        or walked is taken as it is (one run lists the files once)."""
        path = self.path
        if path is None:
            return None
        seen = _CHECKED.get(path)
        if since is not None and seen is not None and seen[0] >= since:
            return seen[1]
        checked_at = time.monotonic()
        try:
            with open(path, "rb") as handle:
                data: Any = pickle.load(handle)
            if data["key"] != self.key:
                return None
            stamps, result = data["stamps"], data["result"]
            stat = os.stat
            for name, stamp in stamps.items():
                if stamp is None:
                    if os.path.lexists(name):
                        return None
                    continue
                now = stat(name)
                if (now.st_size, now.st_mtime_ns, now.st_ctime_ns) != stamp:
                    return None
        except Exception:  # missing, truncated, foreign, changed: walk again
            return None
        if not isinstance(result, list):
            return None
        _CHECKED[path] = (checked_at, result)
        return result

    def save(self, result: list[str], recorder: WalkRecorder) -> None:
        path = self.path
        if path is None:
            return
        _CHECKED[path] = (recorder.started, result)
        recent = recorder.started_ns - keys.RACY_NS
        for stamp in recorder.stamps.values():
            if stamp is not None and max(stamp[1], stamp[2]) >= recent:
                return
        data = {"key": self.key, "stamps": recorder.stamps, "result": result}
        write_cache_file(path, data)


def include_files(config: Config, since: float | None = None) -> list[str] | None:
    """Every file under `include` (absolute paths), from the memoised walk
    when it still holds; None when the cache is off or there is no folder.
    `since`: see `Listing.load`."""
    if not config.cache.enabled or not os.path.isdir(config.base_dir):
        return None
    base = os.path.abspath(config.base_dir)
    key = repr(("discover", base, config.include, config.exclude, config.respect_gitignore))
    cache_dir = Path(base) / config.cache.dir
    listing = Listing(cache_dir, key)
    found = listing.load(since)
    if found is not None:
        return found
    if not cache_dir.is_dir():  # created now, so the walk sees the folder it changes
        with contextlib.suppress(OSError):
            cache_dir.mkdir(parents=True, exist_ok=True)
    recorder = WalkRecorder()
    discovery = discover([], config, Path(base), recorder)
    if discovery.missing:
        return None
    found = [str(p) for p in discovery.files]
    listing.save(found, recorder)
    return found


def site_files(root: Path, cache_dir: Path) -> list[str]:
    """Every file under the site root (see `site.model.list_files`), from the
    memoised walk while no folder has changed."""
    if not root.is_dir():
        return []
    listing = Listing(cache_dir, repr(("site-files", os.path.abspath(root))))
    found = listing.load()
    if found is not None:
        return found
    recorder = WalkRecorder()
    found = list_files(root, recorder, os.path.abspath(cache_dir))
    listing.save(found, recorder)
    return found
