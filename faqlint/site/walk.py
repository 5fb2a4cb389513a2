"""How every faqlint walk treats symlinks: one rule for finding the files to
lint and for listing the site's files.

A folder or file the user names (the config's folder, the site root, a
folder an `include` pattern starts with, a path on the command line) may be
a symlink to anywhere: it is walked as if it were there, under its own name.
Everything else is found while walking, and there:

- real folders are walked first; symlinked folders wait until the real tree
  is done, so a link never hides the folder it points to;
- a symlink is followed only when its real path stays inside the real folder
  of a named place (and not inside a version-control or cache folder);
- a folder is read once: a second name for it (a link to a folder already
  read, a loop) is not walked again, and neither is a second name of a file;
- what is not read is kept as `Skipped`, for the run to say.

Paths are reported as found (through the links), never resolved.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

# Folders a symlink must never lead into, wherever they are.
_PRIVATE = frozenset({".git", ".hg", ".svn", ".faqlint_cache"})


@dataclass(frozen=True, slots=True)
class Skipped:
    """A path a walk did not read, and why (for the run's coverage)."""

    path: str  # absolute, as found while walking
    reason: str
    lost: bool = True  # its content was not read at all (not just a second name)
    folder: bool = False


def named_roots(
    base: str, site_root: str, include: Iterable[str], paths: Iterable[str]
) -> list[str]:
    """The places the user names, as absolute paths (not resolved): the
    config's folder, the site root, the literal folder each `include` pattern
    starts with (`docs` of `docs/**/*.md`) and the paths given to the command."""
    found = [base, site_root, *paths]
    for pattern in include:
        literal = _literal_prefix(pattern)
        if literal:
            found.append(os.path.join(base, literal))
    return found


def _literal_prefix(pattern: str) -> str:
    """The folders before the first glob character of a gitignore pattern."""
    parts = pattern.strip().lstrip("!/").split("/")
    literal = []
    for part in parts[:-1]:
        if any(char in part for char in "*?[]"):
            break
        literal.append(part)
    return "/".join(literal)


class SymlinkPolicy:
    """The symlink rule of one walk (see the module docstring). A named place
    owns its real folder: met under another name, that folder is a second
    name for it."""

    def __init__(self, named: Iterable[str]) -> None:
        self.roots: list[str] = []
        self._owner: dict[str, str] = {}  # real folder -> the path it is read as
        for path in sorted({os.path.abspath(p) for p in named}, key=len, reverse=True):
            if os.path.isdir(path):
                real = os.path.realpath(path)
                self.roots.append(real)
                self._owner.setdefault(real, path)
        self._walked: set[str] = set()
        self._files: dict[str, str] = {}  # real file -> the path it is read as
        self.skipped: list[Skipped] = []

    def inside(self, real: str) -> bool:
        if _PRIVATE.intersection(real.split(os.sep)):
            return False
        return any(
            real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in self.roots
        )

    def walked(self, folder: str) -> bool:
        return os.path.realpath(folder) in self._walked

    def enter(self, folder: str, real: str | None = None, quiet: bool = False) -> str | None:
        """The real path of `folder` if it is to be walked now (it is then
        marked as walked), else None, with the reason noted unless `quiet`
        (two named paths that overlap, or a plain folder named already).
        `real`: known already (a plain subfolder of a walked folder)."""
        if real is None:
            real = os.path.realpath(folder)
        owner = self._owner.setdefault(real, folder)
        if owner != folder or real in self._walked:
            if owner != folder and not quiet:
                self.skipped.append(
                    Skipped(folder, f"a second name for {owner}, read there", False, True)
                )
            return None
        self._walked.add(real)
        return real

    def follow_folder(self, path: str) -> str | None:
        """A symlinked folder found while walking (after the real tree): its
        real path if it is to be walked, or None with the reason noted."""
        real = os.path.realpath(path)
        if not self.inside(real):
            self.skipped.append(
                Skipped(path, f"a symlink to {real}, outside the site; not read", True, True)
            )
            return None
        if real in self._walked and self._owner.get(real) != path:
            owner = self._owner[real]
            self.skipped.append(
                Skipped(
                    path, f"a second name for {owner} (a symlink loop?), read there", False, True
                )
            )
            return None
        return self.enter(path, real)

    def file(self, path: str, real: str, is_link: bool) -> bool:
        """Whether a file found while walking is to be read: a symlink only
        inside the site, and any file only under its first name."""
        if is_link:
            real = os.path.realpath(path)
            if not os.path.exists(real):
                return True  # a broken link: reading it reports "no such file"
            if not self.inside(real):
                reason = f"a symlink to {real}, outside the site; not read"
                self.skipped.append(Skipped(path, reason))
                return False
        owner = self._files.setdefault(real, path)
        if owner != path:
            self.skipped.append(Skipped(path, f"a second name for {owner}, read there", False))
            return False
        return True

    def unreadable(self, path: str, error: OSError, folder: bool) -> None:
        """An entry the walk could not look at (a loop of file links, no permission)."""
        why = os.strerror(error.errno) if error.errno else str(error)
        self.skipped.append(Skipped(path, f"cannot be read ({why.lower()})", True, folder))


def entry_kind(entry: os.DirEntry[str]) -> tuple[bool, bool, bool]:
    """(is a folder, is a symlink, is a regular file or a link to one) of a
    folder entry; raises OSError when it cannot be told (a link loop)."""
    is_link = entry.is_symlink()
    mode = entry.stat().st_mode  # follows links: ELOOP for a loop of links
    return stat.S_ISDIR(mode), is_link, stat.S_ISREG(mode)


# Handles the entries of one folder (its files), and returns the subfolder
# entries to walk into.
Visit = Callable[[str, str, list[os.DirEntry[str]]], Iterable[os.DirEntry[str]]]


class WalkWatcher(Protocol):
    """Told of every folder a walk lists and every file it reads."""

    def saw(self, path: str) -> None: ...


def walk(top: str, policy: SymlinkPolicy, visit: Visit, watcher: WalkWatcher | None = None) -> None:
    """Walk the folders under `top` as the module docstring says: depth first
    in name order through real folders, then the symlinked folders met on the
    way (and what they hold); a stack, not recursion, so any depth is walked.
    `visit(folder, real_path, entries)` is called once for each folder."""
    top_real = policy.enter(top, quiet=True)
    if top_real is None:
        return
    stack = [(top, top_real)]
    links: list[str] = []
    while stack or links:
        if not stack:
            link = links.pop(0)
            real = policy.follow_folder(link)
            if real is not None:
                stack.append((link, real))
            continue
        folder, real = stack.pop()
        if watcher is not None:
            watcher.saw(folder)
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            policy.unreadable(folder, error, folder=True)
            continue
        inner = []
        for entry in visit(folder, real, entries):
            if entry.is_symlink():
                links.append(entry.path)
            elif (
                sub := policy.enter(entry.path, os.path.join(real, entry.name), True)
            ) is not None:
                inner.append((entry.path, sub))
        stack.extend(reversed(inner))
