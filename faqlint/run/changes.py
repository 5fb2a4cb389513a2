"""`--since REV` and `--new-only`: what a change touched, read from git.

`changes_since(rev)` lists the files that differ in the working tree from
where HEAD forked from REV (`git merge-base`: REV itself when it is an
ancestor), committed, staged or not, and untracked files that are not
ignored; the
files deleted since REV, and for each changed file the line ranges the change
wrote (`git diff -U0`); a file that is new since REV is changed everywhere.

`Impact` adds the files a change affects without touching them: pages whose
links lead to a changed or deleted page (a removed anchor, a deleted page),
and pages that ask a question the change wrote (a new duplicate is
reported on whichever copy comes second). For those files it remembers
where: the links and questions concerned.

`is_new(finding)` is `--new-only`'s test: a finding on a changed line, in an
FAQ entry the change touched, on a link or question of an affected file, or
pointing at a changed place (the other duplicate).
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from faqlint.config import SiteConfig
from faqlint.errors import FaqlintError
from faqlint.findings import Finding, entry_index
from faqlint.parse.model import Link
from faqlint.parse.records import PageRecord
from faqlint.site.model import Site as SiteIndex

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
GIT_TIMEOUT = 120.0

Ranges = list[tuple[int, int]]  # inclusive line ranges


@dataclass
class ChangeSet:
    rev: str
    top: Path  # the repository's top folder
    base: str = ""  # the commit compared with: where HEAD forked from `rev`
    changed: dict[Path, Ranges | None] = field(default_factory=dict)  # None: a new file
    deleted: set[Path] = field(default_factory=set)

    def touches(self, path: Path, first: int, last: int) -> bool:
        """Whether the change wrote any line from `first` to `last` of `path`."""
        if path not in self.changed:
            return False
        ranges = self.changed[path]
        if ranges is None:
            return True
        return any(start <= last and first <= end for start, end in ranges)


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise FaqlintError("--since needs git, and no `git` command was found") from None
    except subprocess.TimeoutExpired:
        raise FaqlintError(
            f"--since: `git {' '.join(args)}` took over {GIT_TIMEOUT:.0f} s"
        ) from None
    if done.returncode != 0:
        message = done.stderr.strip().splitlines()
        raise FaqlintError(f"--since: git {args[0]} failed: {message[-1] if message else '?'}")
    return done.stdout


def changes_since(rev: str, cwd: Path) -> ChangeSet:
    try:
        top = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    except FaqlintError:
        raise FaqlintError(f"--since {rev}: {cwd} is not inside a git repository") from None
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], top)
    except FaqlintError:
        raise FaqlintError(
            f"--since {rev}: no such commit here (in CI, fetch it first: "
            f"`git fetch origin {rev.removeprefix('origin/')}`, or check out with full depth)"
        ) from None
    # Against the fork point, as a pull request's diff is: with `origin/main`
    # ahead of the branch, its own new commits are not this change.
    try:
        base = _git(["merge-base", rev, "HEAD"], top).strip() or rev
    except FaqlintError:
        base = rev
    changes = ChangeSet(rev, top, base=base)
    status = _git(["diff", "--name-status", "-z", "--no-renames", base, "--"], top)
    fields = status.split("\0")
    for kind, name in zip(fields[::2], fields[1::2], strict=False):
        path = top / name
        if kind.startswith("D"):
            changes.deleted.add(path)
        elif kind.startswith("A"):
            changes.changed[path] = None
        else:
            changes.changed[path] = []
    for name in _git(["ls-files", "--others", "--exclude-standard", "-z"], top).split("\0"):
        if name:
            changes.changed[top / name] = None
    modified = [p for p, ranges in changes.changed.items() if ranges is not None]
    if modified:
        diff = _git(["diff", "-U0", "--no-color", "--no-ext-diff", "--no-renames", base, "--"], top)
        for path, ranges in parse_hunks(diff, top).items():
            if changes.changed.get(path) is not None:
                changes.changed[path] = ranges
    return changes


def file_at(changes: ChangeSet, path: Path) -> bytes | None:
    """The bytes of `path` at the change set's revision; None if it was not there."""
    real = Path(os.path.realpath(path))
    if not real.is_relative_to(changes.top):
        return None
    name = real.relative_to(changes.top).as_posix()
    try:
        done = subprocess.run(
            ["git", "show", f"{changes.base or changes.rev}:{name}"],
            cwd=changes.top,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def parse_hunks(diff: str, top: Path) -> dict[Path, Ranges]:
    """The new-side line ranges of each file in a `git diff -U0` (a pure
    deletion counts as touching the line after it, where the text was)."""
    found: dict[Path, Ranges] = {}
    current: Ranges | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = line[4:]
            current = None
            if name.startswith("b/"):
                current = found.setdefault(top / _unquote(name[2:]), [])
        elif line.startswith("@@") and current is not None:
            match = _HUNK.match(line)
            if match:
                start, count = int(match.group(1)), int(match.group(2) or "1")
                current.append((max(start, 1), start + count - 1) if count else (start, start + 1))
    return found


def _unquote(name: str) -> str:
    if name.startswith('"') and name.endswith('"'):
        return name[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")
    return name


@dataclass
class Impact:
    """What a change set means for linting: the files to lint and, for
    files it affects without changing them, the places concerned."""

    changes: ChangeSet
    lint: list[Path] = field(default_factory=list)
    places: dict[str, set[tuple[int, int]]] = field(default_factory=dict)  # display -> (line, col)
    changed_display: dict[str, Path] = field(default_factory=dict)

    def is_new(self, finding: Finding, record: PageRecord | None) -> bool:
        path = self.changed_display.get(finding.path)
        if path is not None:
            if self.changes.touches(path, finding.line, finding.end_line):
                return True
            if record is not None and (index := entry_index(record, finding)) is not None:
                span = record.entries[index].span
                if self.changes.touches(path, span.line, span.end_line):
                    return True
        if (finding.line, finding.column) in self.places.get(finding.path, ()):
            return True
        return any(
            (target := self.changed_display.get(r.path)) is not None
            and self.changes.touches(target, r.span.line, r.span.end_line)
            for r in finding.related
        )


def impact(
    changes: ChangeSet,
    candidates: Iterable[Path],
    records: dict[Path, PageRecord],
    site_files: list[str],
    site_root: Path,
    display: dict[Path, str],
    site_config: SiteConfig,
    old_anchors: Callable[[str], frozenset[str] | None] = lambda site_path: None,
) -> Impact:
    """The changed files among `candidates` (the files faqlint would lint),
    plus the candidates whose links or questions the change affects.

    A link into a changed page makes its page affected (it is linted); for
    `--new-only` the link itself counts as new only when the change can have
    broken it: its page was deleted, or its anchor was on the page at REV
    (`old_anchors`, by site path) and is not now."""
    from faqlint.language.questions import normalize

    result = Impact(changes)
    candidates = list(candidates)
    real = {p: Path(os.path.realpath(p)) for p in candidates}  # git reports real paths
    changed = [p for p in candidates if real[p] in changes.changed]
    result.changed_display = {display[p]: real[p] for p in changed}
    site_root = Path(os.path.realpath(site_root))
    touched_site = {
        rel
        for p in [*(real[c] for c in changed), *changes.deleted]
        if (rel := _site_path(p, site_root)) is not None
    }
    deleted_site = {rel for p in changes.deleted if (rel := _site_path(p, site_root)) is not None}
    site = SiteIndex.build(site_config, site_root, sorted(set(site_files) | deleted_site))
    asked: set[tuple[str | None, str]] = set()  # questions the change wrote
    for path in changed:
        record = records.get(path)
        if record is not None:
            asked |= {
                (record.language, normalize(e.question))
                for e in record.entries
                if changes.touches(real[path], e.question_span.line, e.question_span.end_line)
            }
    anchors_now = {r.site_path: frozenset(r.anchors) for r in records.values() if r.site_path}
    affected: list[Path] = []
    for path in candidates:
        record = records.get(path)
        if real[path] in changes.changed or record is None:
            continue
        linked, places = False, set()
        if record.site_path is not None and touched_site:
            for link, file, fragment in _links_into(record, site, touched_site):
                linked = True
                if file in deleted_site or _anchor_removed(
                    fragment, old_anchors(file), anchors_now.get(file)
                ):
                    places.add((link.span.line, link.span.column))
        for entry in record.entries:
            if (record.language, normalize(entry.question)) in asked:
                places.add((entry.question_span.line, entry.question_span.column))
        if places or linked:
            if places:
                result.places[display[path]] = places
            affected.append(path)
    result.lint = changed + affected
    return result


def _links_into(
    record: PageRecord, site: SiteIndex, files: set[str]
) -> Iterator[tuple[Link, str, str]]:
    """The links of `record` that lead into one of `files` (site paths):
    each with that file and the link's fragment."""
    assert record.site_path is not None
    for link in record.links:
        if link.kind not in ("page", "anchor", "file"):
            continue
        target = site.resolve(record.site_path, link.target)
        file = target.file if target.file in files else site.file_for_url(target.path)
        if file is not None and file in files:
            yield link, file, target.fragment


def _anchor_removed(
    fragment: str, before: frozenset[str] | None, now: frozenset[str] | None
) -> bool:
    """Whether the change removed the anchor a link names (unknown: yes)."""
    if not fragment:
        return False
    if before is None or now is None:
        return True
    return fragment in before and fragment not in now


def _site_path(path: Path, root: Path) -> str | None:
    try:
        return (
            os.path.relpath(path, root).replace(os.sep, "/") if path.is_relative_to(root) else None
        )
    except ValueError:
        return None
