"""How every faqlint walk treats symlinks: one rule for finding the files to
lint and for listing the site's files.

A folder or file the user names (the site root, a folder an `include`
pattern starts with, a path on the command line) may be a symlink to
anywhere: it is walked as if it were there. A symlink *found while walking*
is followed only when its real path stays inside the real folder of one of
those named places, and a folder is never walked twice (a loop, or two links
to one folder); what is not read is kept as `Skipped`, for the run to say.
Paths are always reported as found (through the links), never resolved.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Skipped:
    """A path a walk did not read, and why (for the run's coverage)."""

    path: str  # absolute, as found while walking
    reason: str


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
    """The symlink rule of one walk (see the module docstring)."""

    def __init__(self, named: Iterable[str]) -> None:
        self.roots = sorted({os.path.realpath(path) for path in named if os.path.exists(path)})
        self._walked: dict[str, str] = {}  # real folder -> the path it was walked as
        self.skipped: list[Skipped] = []

    def inside(self, real: str) -> bool:
        return any(
            real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in self.roots
        )

    def enter(self, folder: str, real: str | None = None, quiet: bool = False) -> str | None:
        """The real path of `folder` if it may be walked (and is marked as
        walked), else None with the reason noted (unless `quiet`: two named
        paths that overlap). `real`: already known (a plain subfolder of a
        walked folder), saving a `realpath` call."""
        if real is None:
            real = os.path.realpath(folder)
        if real in self._walked:
            first = self._walked[real]
            if first != folder and not quiet:
                reason = f"the same folder as {first} (a symlink loop, or a second link to it)"
                self.skipped.append(Skipped(folder, f"{reason}; read once"))
            return None
        self._walked[real] = folder
        return real

    def follow_folder(self, path: str) -> str | None:
        """A symlinked folder found while walking: its real path, or None."""
        real = os.path.realpath(path)
        if not self.inside(real):
            self.skipped.append(Skipped(path, f"a symlink to {real}, outside the site; not read"))
            return None
        return self.enter(path, real)

    def follow_file(self, path: str) -> bool:
        """A symlinked file found while walking: whether it may be read."""
        real = os.path.realpath(path)
        if not os.path.exists(real):
            return True  # a broken link: reading it reports "no such file"
        if self.inside(real):
            return True
        self.skipped.append(Skipped(path, f"a symlink to {real}, outside the site; not read"))
        return False
