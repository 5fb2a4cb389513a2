"""The verdict cache of external links: good answers are remembered a while.

Checking thousands of external links on every commit is slow and impolite, and
a page that answered 200 an hour ago almost surely still does. Only good
verdicts are kept, with the time they were made, and each expires after the
TTL; a failure is never cached, because the next run must look again (the
site may be back, or the link fixed).

One JSON file, `CACHE_DIR/external/verdicts.json`, read once and written once
per run: written to a temporary file and moved into place with `os.replace`,
so two runs writing at once never leave a torn file (the later one wins; the
worst case is a verdict checked again). A file that cannot be read or parsed
is ignored, as if empty.

Entries are keyed by the sha256 of the options that change a verdict (the
accepted codes, the guard on or off) and the URL, so a verdict made with the
guard off is never reused with it on.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from faqlint.writes import write_cache_file

VERSION = 1


@dataclass(frozen=True)
class CachedVerdict:
    """A good verdict as remembered: enough to rebuild the result."""

    status: int | None
    message: str
    redirect_to: str | None
    checked: float


class VerdictCache:
    """Good verdicts of earlier runs, loaded lazily and saved atomically."""

    def __init__(self, directory: Path, ttl: float, scope: str) -> None:
        self.path = directory / "external" / "verdicts.json"
        self.ttl = ttl
        self.scope = scope
        self._entries: dict[str, dict[str, object]] | None = None
        self._new: dict[str, dict[str, object]] = {}

    def key(self, url: str) -> str:
        return hashlib.sha256(f"{self.scope}\n{url}".encode()).hexdigest()

    def get(self, url: str, now: float | None = None) -> CachedVerdict | None:
        """The unexpired good verdict for `url`, if one is cached."""
        entry = self._load().get(self.key(url))
        verdict = _verdict(entry) if entry is not None else None
        current = time.time() if now is None else now
        if verdict is None or not 0 <= current - verdict.checked < self.ttl:
            return None
        return verdict

    def put(self, url: str, status: int | None, message: str, redirect_to: str | None) -> None:
        self._new[self.key(url)] = {
            "status": status,
            "message": message,
            "redirect_to": redirect_to,
            "checked": time.time(),
        }

    def save(self) -> None:
        """Merge the new verdicts into what is on disk now and replace the file.

        Reads the file again so verdicts another run saved meanwhile are kept;
        drops expired entries so the file does not grow forever. A cache that
        cannot be written is not worth failing a lint run over.
        """
        if not self._new:
            return
        now = time.time()
        merged = {
            key: entry
            for key, entry in _read(self.path).items()
            if (verdict := _verdict(entry)) is not None and now - verdict.checked < self.ttl
        }
        merged.update(self._new)
        write_cache_file(self.path, {"version": VERSION, "entries": merged}, _json)
        self._new.clear()

    def _load(self) -> dict[str, dict[str, object]]:
        if self._entries is None:
            self._entries = _read(self.path)
        return self._entries


def _read(path: Path) -> dict[str, dict[str, object]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return {}
    entries = data.get("entries")
    if not isinstance(entries, dict):
        return {}
    return {key: value for key, value in entries.items() if isinstance(value, dict)}


def _verdict(entry: dict[str, object]) -> CachedVerdict | None:
    """The entry as a verdict, or None when any field has the wrong type."""
    status, message = entry.get("status"), entry.get("message")
    redirect_to, checked = entry.get("redirect_to"), entry.get("checked")
    if not (status is None or (isinstance(status, int) and not isinstance(status, bool))):
        return None
    if not isinstance(message, str) or not isinstance(checked, (int, float)):
        return None
    if redirect_to is not None and not isinstance(redirect_to, str):
        return None
    return CachedVerdict(status, message, redirect_to, float(checked))


def _json(data: object, handle: IO[bytes]) -> None:
    handle.write(json.dumps(data, separators=(",", ":")).encode("utf-8"))
