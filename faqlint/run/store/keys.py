"""What decides whether something in the store still holds: the code that
computed it, the settings a page's record depends on, the rule set a page's
findings depend on, and the stat of the files a result was read from."""

from __future__ import annotations

import functools
import hashlib
import os
import time
from pathlib import Path

from faqlint import __version__
from faqlint.config import Config
from faqlint.rules.ruleset import RuleSet
from faqlint.site.components import registered_partials

FORMAT = 6  # of the cache files; a new one never reads an old one

# A change this close to (or after) the moment a file or folder was looked at
# may not show in its timestamps later (their resolution is coarse on some
# file systems): such a file is hashed next time, such a walk not memoised.
RACY_NS = 2_000_000_000

# stat identity of a folder or file: size, mtime and ctime (ctime cannot be
# set back, so restoring an old mtime still shows)
Stat = tuple[int, int, int]


@functools.cache
def code_stamp() -> str:
    """What the cached results were computed by: the cache format, faqlint's
    version and the size and mtime of each of its modules, so a changed
    checkout (same version number) never reads results of older code."""
    package = Path(__file__).resolve().parents[2]  # faqlint/
    parts = [str(FORMAT), __version__]
    for module in sorted(package.rglob("*.py")):
        try:
            stat = module.stat()
        except OSError:
            continue
        parts.append(f"{module.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def records_key(config: Config, cwd: Path) -> str:
    """Everything besides a file's text that its record depends on: the
    settings the parser is built from, the site's, and the working directory
    (records and findings hold paths relative to it)."""
    site = config.site
    return repr(
        (
            str(cwd),
            config.dialects,
            config.custom_dialects,
            config.dialect,
            site.slug,
            site.languages,
            site.build,
            str(config.site_root),
            site.fragments,
            site.metadata,
            config.max_nesting,
            registered_partials(config),
            site.framework,
            config.faq,
        )
    )


def rules_key(rules: RuleSet, config: Config) -> str:
    """What a file's document-rule findings depend on besides its text: the
    whole config, the active rules with their severities and options, and the
    rule-pack files (by path, size and modification time)."""
    from faqlint.rules.style.pack_rules import pack_folders

    parts = [config.model_dump_json()]
    parts += [
        f"{a.rule.name}|{a.rule.code}|{a.severity}|{a.rule.origin}|{a.options!r}"
        for a in rules.active
    ]
    for folder in pack_folders(config):
        for path in sorted(folder.rglob("*.y*ml")):
            try:
                stat = path.stat()
            except OSError:
                continue
            parts.append(f"{path}|{stat.st_size}|{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def file_stat(path: Path | str) -> Stat | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


def trusted_mtime(mtime_ns: int) -> int:
    """The mtime to remember for a file: 0 (hash it next time) when it was
    modified so recently that another write in the same clock tick, at the
    same size, could follow unseen (git's "racy" case)."""
    return 0 if mtime_ns >= time.time_ns() - RACY_NS else mtime_ns
