"""Which files to lint: paths from the command line, or the config's `include`.

Globs use gitignore syntax and are relative to the config's folder.
Directories given on the command line are walked for files that match
`include` (or any `*.md` / `*.markdown` outside the config's folder).
`exclude` applies to every file, also those named explicitly, so a
pre-commit hook obeys it. `.gitignore` files are respected while walking.

A walk can be watched (`WalkWatcher`): the store memoises the walk of the
whole `include` by the folders and `.gitignore` files it saw.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

from faqlint.config import Config
from faqlint.site.walk import Skipped, SymlinkPolicy, WalkWatcher, entry_kind, named_roots, walk

ALWAYS_SKIPPED = frozenset(
    {
        ".git", ".hg", ".svn", "node_modules", ".venv", "venv", ".tox", ".nox",
        "__pycache__", ".faqlint_cache", ".mypy_cache", ".ruff_cache", ".pytest_cache",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Missing:
    """A path from the command line that is not there (or yields nothing)."""

    path: Path
    message: str


@dataclass(slots=True)
class Discovery:
    files: list[Path]
    missing: list[Missing]
    skipped: list[Skipped] = field(default_factory=list)  # symlinks not followed


def _spec(patterns: Sequence[str]) -> pathspec.GitIgnoreSpec:
    return pathspec.GitIgnoreSpec.from_lines(patterns)


class _Matcher:
    """Include/exclude decisions on POSIX paths relative to the config's folder."""

    def __init__(self, config: Config) -> None:
        self.base = os.path.abspath(config.base_dir)
        self._prefix = self.base.rstrip(os.sep) + os.sep
        self.include = _spec(config.include)
        self.exclude = _spec(config.exclude)
        self.respect_gitignore = config.respect_gitignore
        self.page_types = config.site.page_types
        # The cache folder, wherever `[cache] dir` puts it: never linted, and
        # walking it would see it change on every run.
        self.cache_dir = os.path.abspath(config.base_dir / config.cache.dir)

    def relative(self, path: str) -> str | None:
        if path == self.base:
            return ""
        if not path.startswith(self._prefix):
            return None
        return path[len(self._prefix) :].replace(os.sep, "/")

    def excluded(self, path: str, is_dir: bool = False) -> bool:
        relative = self.relative(path)
        return relative is not None and self.exclude.match_file(relative + ("/" if is_dir else ""))

    def included(self, path: str) -> bool:
        relative = self.relative(path)
        if relative is None:
            return path.lower().endswith(self.page_types)
        return self.include.match_file(relative)


# A .gitignore in force while walking: its folder and its patterns.
_Ignore = tuple[str, pathspec.GitIgnoreSpec]


def _ignored(path: str, is_dir: bool, ignores: list[_Ignore]) -> bool:
    for folder, spec in ignores:
        relative = path[len(folder) + 1 :].replace(os.sep, "/")
        if spec.match_file(relative + ("/" if is_dir else "")):
            return True
    return False


def _read_ignore(folder: str, recorder: WalkWatcher | None = None) -> _Ignore | None:
    if recorder is not None:
        recorder.saw(os.path.join(folder, ".gitignore"))
    try:
        with open(os.path.join(folder, ".gitignore"), encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return folder, pathspec.GitIgnoreSpec.from_lines(lines)


def _inherited_ignores(
    folder: str, matcher: _Matcher, recorder: WalkWatcher | None = None
) -> list[_Ignore]:
    """.gitignore files between the config's folder and a folder we start walking in."""
    if not matcher.respect_gitignore:
        return []
    relative = matcher.relative(folder)
    if relative is None:
        chain = [folder]
    else:
        parts = [p for p in relative.split("/") if p]
        chain = [os.path.join(matcher.base, *parts[:depth]) for depth in range(len(parts))]
    return [ignore for f in chain if (ignore := _read_ignore(f, recorder)) is not None]


def symlink_policy(config: Config, paths: Sequence[str] = ()) -> SymlinkPolicy:
    """The symlink rule of a walk of this config (and of these command-line paths)."""
    base = os.path.abspath(config.base_dir)
    return SymlinkPolicy(named_roots(base, str(config.site_root), config.include, paths))


def discover(
    paths: Sequence[str], config: Config, cwd: Path, recorder: WalkWatcher | None = None
) -> Discovery:
    """The files to lint: `paths` (files, or folders walked for `include`),
    or with none, every file under `include`. Symlinks follow `walk.SymlinkPolicy`."""
    matcher = _Matcher(config)
    found: list[Path] = []
    missing: list[Missing] = []
    roots = [os.path.abspath(os.path.join(cwd, p)) for p in paths] or [matcher.base]
    policy = symlink_policy(config, roots)
    for absolute in roots:
        if os.path.isdir(absolute):
            if policy.walked(absolute):
                continue  # inside a folder named before it: walked already
            before = len(found)
            ignores = _inherited_ignores(absolute, matcher, recorder)
            found.extend(Path(p) for p in _walk(absolute, matcher, ignores, policy, recorder))
            if paths and len(found) == before:
                missing.append(Missing(Path(absolute), "no Markdown files to lint in this folder"))
        elif os.path.lexists(absolute):
            parent = os.path.dirname(absolute)
            ignores = _inherited_ignores(parent, matcher)
            if matcher.respect_gitignore and (own := _read_ignore(parent)):
                ignores.append(own)
            if (
                not matcher.excluded(absolute)
                and not _ignored(absolute, False, ignores)
                and policy.file(absolute, os.path.realpath(absolute), is_link=False)
            ):
                found.append(Path(absolute))
        else:
            missing.append(Missing(Path(absolute), "no such file or folder"))
    unique = list(dict.fromkeys(found))
    return Discovery(unique, missing, policy.skipped)


def _walk(
    top: str,
    matcher: _Matcher,
    ignores: list[_Ignore],
    policy: SymlinkPolicy,
    recorder: WalkWatcher | None = None,
) -> list[str]:
    """Files under `top` that `include` takes (see `walk.walk` for the order
    and the symlink rule)."""
    found: list[str] = []
    in_force = {top: ignores}  # the .gitignore files in force in each folder

    def visit(folder: str, real: str, entries: list[os.DirEntry[str]]) -> list[os.DirEntry[str]]:
        ignores = in_force.pop(folder, None) or in_force.get(os.path.dirname(folder), [])
        if matcher.respect_gitignore and any(e.name == ".gitignore" for e in entries):
            own = _read_ignore(folder, recorder)
            ignores = [*ignores, own] if own else ignores
        subfolders = []
        for entry in entries:
            path = entry.path
            try:
                is_dir, is_link, is_file = entry_kind(entry)
            except FileNotFoundError:
                is_dir, is_link, is_file = False, True, True  # a broken link: reading says so
            except OSError as error:
                if matcher.included(path):
                    policy.unreadable(path, error, folder=False)
                continue
            if is_dir:
                if entry.name in ALWAYS_SKIPPED or path == matcher.cache_dir:
                    continue
                if matcher.excluded(path, True) or (ignores and _ignored(path, True, ignores)):
                    continue
                in_force[path] = ignores
                subfolders.append(entry)
            elif (
                matcher.included(path)
                and not matcher.excluded(path)
                and not (ignores and _ignored(path, False, ignores))
            ):
                if not is_file:
                    policy.skipped.append(Skipped(path, "not a regular file (a pipe or device)"))
                elif policy.file(path, os.path.join(real, entry.name), is_link):
                    found.append(path)
        return subfolders

    walk(top, policy, visit, recorder)
    return found
