"""Reports on the reference corpus: what writing every format costs beyond linting.

    .venv/bin/python bench/reports.py [--runs 5]

Two measurements, both on the whole corpus:

1. end to end: `faqlint check -q` (text to stdout only) against the same run
   with `--report FORMAT` for every format; the difference of the medians is
   the cost of the reports as a user pays it (rendering, excerpts read back
   from disk, writing the files);
2. in process: one lint, then each format's `render()` timed alone (median of
   --runs), with the size of what it writes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import (
    CORPUS,
    ROOT,
    config_with_cache,
    faqlint_command,
    machine,
    save,
    table,
    time_command,
)

sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from faqlint.reporters import REPORT_FILES

    formats = [f for f in REPORT_FILES if f != "text"]
    faqlint = faqlint_command()
    with tempfile.TemporaryDirectory() as out:
        # A warm cache in a temporary folder: linting is then as fast as it
        # gets, which makes the reports' share plain.
        config = config_with_cache(f'dir = "{out}/cache"', Path(out))
        base = [*faqlint, "check", "--config", str(config), "-q"]
        reports = [arg for f in formats for arg in ("--report", f"{f}:{out}/{REPORT_FILES[f]}")]
        plain = time_command("faqlint check -q (lint only)", base, args.runs, CORPUS)
        every = time_command(
            f"faqlint check -q + {len(formats)} reports", [*base, *reports], args.runs, CORPUS
        )
        renders = render_times(formats, args.runs, config)

    print(f"Machine: {machine()}")
    print(table([plain, every], plain))
    print(f"\nReports beyond linting (difference of medians): {every.median - plain.median:.2f} s")
    print("\n| Format | render() median | Size |\n|---|---|---|")
    for fmt, (seconds, size) in renders.items():
        print(f"| {fmt} | {seconds * 1000:.0f} ms | {size / 1024:.0f} KB |")
    total = sum(seconds for seconds, _ in renders.values())
    print(f"| all | {total * 1000:.0f} ms | |")
    save(
        "reports",
        {
            "machine": machine(),
            "end_to_end": [plain, every],
            "render": {f: {"seconds": s, "bytes": b} for f, (s, b) in renders.items()},
        },
    )


def render_times(formats: list[str], runs: int, config_path: Path) -> dict[str, tuple[float, int]]:
    """Lint the corpus once in this process, then time each format's render."""
    from faqlint import __version__, runner
    from faqlint.config import load_config
    from faqlint.reporters import ReportContext, render
    from faqlint.rules.ruleset import resolve

    os.chdir(CORPUS)
    config = load_config(config_path, CORPUS)
    rules = resolve(config)
    report = runner.run_check(config, rules, CORPUS, []).report
    context = ReportContext(__version__, rules)
    results: dict[str, tuple[float, int]] = {}
    for fmt in formats:
        times, text = [], ""
        for _ in range(runs):
            for result in report.files:  # excerpts are read back from disk, as in a CLI run
                result.source = None
            started = time.perf_counter()
            text = render(fmt, report, context)
            times.append(time.perf_counter() - started)
        results[fmt] = (statistics.median(times), len(text.encode("utf-8")))
    return results


if __name__ == "__main__":
    main()
