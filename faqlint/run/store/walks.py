"""Memoised folder walks: which files `include` matches, and every file
under the site root. A walk's result is kept in the cache folder and reused
while no folder it listed and no `.gitignore` it read has changed, which
costs a `stat` per folder instead of a walk with pattern matching.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from faqlint.config import Config
from faqlint.run import codec
from faqlint.run.store import keys
from faqlint.run.store.keys import file_stat
from faqlint.site.discover import discover, symlink_policy
from faqlint.site.model import list_files
from faqlint.site.walk import Skipped
from faqlint.writes import write_cache_file


class WalkRecorder:
    """The folders a walk listed and the files it read, as they were."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.started_ns = time.time_ns()
        self.stamps: dict[str, keys.Stat | None] = {}

    def saw(self, path: str) -> None:
        self.stamps[path] = file_stat(path)


# What a walk found: the files, and what it did not read (symlinks).
Walked = tuple[list[str], list[Skipped]]

# listing file -> (when this process last walked or checked it, result)
_CHECKED: dict[Path, tuple[float, Walked]] = {}


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
        digest = hashlib.sha256(
            f"{keys.code_stamp()}|{self.key}".encode("utf-8", "surrogateescape")
        ).hexdigest()
        return self.directory / f"listing-{digest[:16]}.msgpack"

    def load(self, since: float | None = None) -> Walked | None:
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
            data: Any = codec.load(str(path))
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
        walked = _walked(result)
        if walked is None:
            return None
        _CHECKED[path] = (checked_at, walked)
        return walked

    def save(self, result: Walked, recorder: WalkRecorder) -> None:
        path = self.path
        if path is None:
            return
        _CHECKED[path] = (recorder.started, result)
        recent = recorder.started_ns - keys.RACY_NS
        for stamp in recorder.stamps.values():
            if stamp is not None and max(stamp[1], stamp[2]) >= recent:
                return
        files, skipped = result
        plain = {
            "files": files,
            "skipped": [(s.path, s.reason, s.lost, s.folder) for s in skipped],
        }
        data = {"key": self.key, "stamps": recorder.stamps, "result": plain}
        write_cache_file(path, data, codec.dump)


def _walked(data: Any) -> Walked | None:
    """A stored walk's result, if it has the right shape."""
    if not isinstance(data, dict):
        return None
    files, skipped = data.get("files"), data.get("skipped")
    if not isinstance(files, tuple) or not isinstance(skipped, tuple):
        return None
    if not all(isinstance(f, str) for f in files):
        return None
    shape = (str, str, bool, bool)
    if not all(
        isinstance(s, tuple) and len(s) == 4 and all(map(isinstance, s, shape)) for s in skipped
    ):
        return None
    return list(files), [Skipped(*item) for item in skipped]


def include_files(config: Config, since: float | None = None) -> Walked | None:
    """Every file under `include` (absolute paths) and what the walk did not
    read, from the memoised walk when it still holds; None when the cache is
    off or there is no folder. `since`: see `Listing.load`."""
    if not config.cache.enabled or not os.path.isdir(config.base_dir):
        return None
    base = os.path.abspath(config.base_dir)
    key = repr(
        (
            "discover",
            base,
            str(config.site_root),
            config.include,
            config.exclude,
            config.respect_gitignore,
        )
    )
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
    walked = ([str(p) for p in discovery.files], discovery.skipped)
    listing.save(walked, recorder)
    return walked


def site_files(config: Config, cache_dir: Path) -> Walked:
    """Every file under the site root (see `site.model.list_files`) and what
    the walk did not read, from the memoised walk while no folder has changed."""
    root = config.site_root
    if not root.is_dir():
        return [], []
    named = (str(root), os.path.abspath(config.base_dir), *config.include)
    listing = Listing(cache_dir, repr(("site-files", named)))
    found = listing.load()
    if found is not None:
        return found
    recorder = WalkRecorder()
    policy = symlink_policy(config)
    files = list_files(root, policy, recorder, os.path.abspath(cache_dir))
    listing.save((files, policy.skipped), recorder)
    return files, policy.skipped
