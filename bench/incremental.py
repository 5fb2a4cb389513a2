"""The cache at work (issue 7): cold and warm runs of the whole corpus and of
one FAQ page (cross-file rules on), beside a run with the cache off and
markdownlint-cli2 on the same page.

    .venv/bin/python bench/incremental.py [--runs 7]

The cache goes to a temporary folder (a copy of the example config with
`[cache] dir` pointing there), so the shared corpus is left as it was.
- cold: the cache folder is emptied before each run;
- warm: the cache is filled by the warm-up run and nothing changes between runs;
- no cache: `[cache] enabled = false`.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import (
    CORPUS,
    Timing,
    config_with_cache,
    faqlint_command,
    machine,
    save,
    table,
    time_command,
    tool,
)

SINGLE = "docs/en/networks/cdn/faq/faq.md"


def time_cold(name: str, command: list[str], runs: int, cache_dir: Path) -> Timing:
    timing = Timing(name, command)
    for _ in range(runs):
        shutil.rmtree(cache_dir, ignore_errors=True)
        started = time.perf_counter()
        proc = subprocess.run(command, cwd=CORPUS, capture_output=True, check=False, timeout=900)
        timing.seconds.append(time.perf_counter() - started)
        timing.exit_codes.append(proc.returncode)
    return timing


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        cache_dir = Path(folder) / "cache"
        cached = config_with_cache(f'dir = "{cache_dir}"', Path(folder))
        uncached = config_with_cache("enabled = false", Path(folder))
        faqlint = faqlint_command()
        with_cache = [*faqlint, "check", "--config", str(cached), "-q"]
        without = [*faqlint, "check", "--config", str(uncached), "-q"]

        whole = [
            time_cold("faqlint, cold cache", with_cache, max(3, args.runs // 2), cache_dir),
            time_command("faqlint, no cache", without, max(3, args.runs // 2), CORPUS),
            time_command("faqlint, warm, nothing changed", with_cache, args.runs, CORPUS),
        ]
        single = [
            time_command("faqlint, warm cache", [*with_cache, SINGLE], args.runs * 2, CORPUS),
            time_command("faqlint, no cache", [*without, SINGLE], args.runs, CORPUS),
        ]
        mdl = tool("node_modules", ".bin", "markdownlint-cli2")
        if mdl:
            single.append(time_command("markdownlint-cli2", [mdl, SINGLE], args.runs * 2, CORPUS))
        outputs = {
            name: subprocess.run(
                [*command, "--format", "json"], cwd=CORPUS, capture_output=True, check=False
            ).stdout
            for name, command in (("warm", with_cache), ("no cache", without))
        }
    same = outputs["warm"] == outputs["no cache"]
    info = machine()
    print(f"machine: {info}\n")
    print("Whole corpus:\n" + table(whole, whole[1]) + "\n")
    print(f"One FAQ page ({SINGLE}), all rules:\n" + table(single, single[0]))
    print(f"\nwarm and uncached JSON reports identical: {same}")
    path = save("incremental", {"machine": info, "whole": whole, "single": single, "same": same})
    print(f"saved {path.name}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
