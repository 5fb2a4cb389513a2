"""Linting many files on all cores.

Files are independent until the corpus rules, so big runs fan out to a
process pool; each worker returns `FileResult`s holding only plain data
(findings and a `PageRecord`), which are cheap to send back. Small runs (a
pre-commit hook's handful of files) stay in-process: starting workers would
cost more than it saves.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from faqlint.run import codec

if TYPE_CHECKING:
    from faqlint.findings import FileResult
    from faqlint.run.engine import Engine

PARALLEL_THRESHOLD = 200  # files; below this one process is faster
CHUNK = 48

# The engine each worker uses; set before the pool starts (fork) or by the
# pool initializer (spawn). A dict, so no `global` statement is needed.
_worker: dict[str, Engine] = {}


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def lint_all(engine: Engine, paths: Sequence[Path], jobs: int | None = None) -> list[FileResult]:
    jobs = jobs or default_jobs()
    if jobs <= 1 or len(paths) < PARALLEL_THRESHOLD:
        return [engine.lint_file(path, keep=True) for path in paths]
    chunks = [list(paths[i : i + CHUNK]) for i in range(0, len(paths), CHUNK)]
    import multiprocessing

    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    _worker["engine"] = engine  # inherited by forked workers; sent to spawned ones
    try:
        with context.Pool(jobs, initializer=_init, initargs=(engine,)) as pool:
            chunks_done = pool.map(_lint_chunk, chunks, chunksize=1)
    finally:
        _worker.clear()
    results = []
    for chunk in chunks_done:
        for result, blob in chunk:
            if blob is not None:
                result.record = codec.record_from_blob(blob)
                result.record_blob = blob
            results.append(result)
    return results


def _init(engine: Engine) -> None:
    _worker["engine"] = engine


def _lint_chunk(paths: list[Path]) -> list[tuple[FileResult, bytes | None]]:
    """Lint in a worker; each record goes back encoded as plain tuples, the
    very bytes the parse cache stores (so the main process need not encode
    them again)."""
    engine = _worker["engine"]
    done = []
    for path in paths:
        result = engine.lint_file(path)
        blob = None
        if result.record is not None:
            blob = codec.record_blob(result.record)
        result.record = None
        done.append((result, blob))
    return done
