"""Every file faqlint writes goes through here.

Two kinds of writes, both through a temporary file in the same folder and a
rename, so a reader (or a crash) sees the old content or the new, never half:

- `write_file`: a page fixed by `--fix`, a report, a baseline. An existing
  file keeps its permissions; the data is flushed to disk before the rename.
- `write_cache_file`: a file in a cache folder. Never raises: an unwritable
  folder or a full disk only means no cache (the results are the same). The
  folder gets a `.gitignore` of its own, so a cache is never committed.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any


def write_file(path: Path, data: bytes) -> None:
    """Write through a temporary file and a rename. A symlink is written
    through (its target changes, the link stays a link); a pipe, terminal or
    device (`-o /dev/stdout`) is written in place; a read-only file is refused,
    not replaced. An existing file keeps its permissions; a new one gets the
    usual ones (0666 less the umask). Raises `OSError` when the file cannot
    be written."""
    try:
        status = os.stat(path)  # follows a symlink
    except FileNotFoundError:
        status = None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
    if status is not None and not stat.S_ISREG(status.st_mode):
        with open(path, "wb") as handle:  # a pipe, terminal or device: no rename over it
            handle.write(data)
        return
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    if status is None:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    else:
        mode = stat.S_IMODE(status.st_mode)
        if not mode & _ANY_WRITE or not os.access(target, os.W_OK):
            raise PermissionError(errno.EACCES, "read-only file; left unchanged", str(path))
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


_ANY_WRITE = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH


def write_cache_file(path: Path, data: object, dump: Callable[[Any, IO[bytes]], None]) -> bool:
    """Write `data` to `path` in a cache folder (encoded by `dump`) through
    a temporary file and a rename: concurrent readers see the old file or the
    new one. False, and nothing left behind, when impossible."""
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        ignore_in_git(path.parent)
        descriptor, temporary = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        with os.fdopen(descriptor, "wb") as handle:
            dump(data, handle)
        os.replace(temporary, path)
    except Exception:  # unwritable folder, full disk…: no cache, same results
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        return False
    return True


def ignore_in_git(folder: Path) -> None:
    """A cache folder carries its own .gitignore, so it is never committed."""
    marker = folder / ".gitignore"
    if not marker.exists():
        marker.write_text("*\n", encoding="utf-8")
