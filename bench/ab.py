"""A/B: the same faqlint commands from two checkouts, runs interleaved.

For a change that should not change speed (a refactor): both versions run
in the same minutes, A then B then A…, so a noisy machine slows both alike.
Each checkout needs its own virtual environment (`CHECKOUT/.venv`). The
corpus is the reference one; caches go to temporary folders, one per
checkout, so the warm runs are warm for each.

    python bench/ab.py --a /tmp/old-checkout --b . --runs 21
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import CORPUS, CORPUS_CONFIG, machine

PAGE = "docs/en/computing/iaas/faq/faq.md"


def config(folder: Path, cache: str | None) -> Path:
    """The example config, with the cache off or in `cache`."""
    extra = "\n[cache]\nenabled = false\n" if cache is None else f'\n[cache]\ndir = "{cache}"\n'
    path = folder / ("off.toml" if cache is None else f"on-{Path(cache).name}.toml")
    path.write_text(CORPUS_CONFIG.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return path


def interleaved(commands: list[list[str]], runs: int) -> list[list[float]]:
    seconds: list[list[float]] = [[] for _ in commands]
    for command in commands:  # warm-up: fills each checkout's cache
        subprocess.run(command, cwd=CORPUS, capture_output=True, check=False)
    for _ in range(runs):
        for index, command in enumerate(commands):
            started = time.perf_counter()
            subprocess.run(command, cwd=CORPUS, capture_output=True, check=False)
            seconds[index].append(time.perf_counter() - started)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--a", type=Path, required=True, help="checkout A (with .venv)")
    parser.add_argument("--b", type=Path, required=True, help="checkout B (with .venv)")
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--cold-runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="faqlint-ab-") as temporary:
        folder = Path(temporary)
        off = config(folder, None)
        cases = {
            "cold whole corpus (cache off)": ([str(off)], [], args.cold_runs),
            "warm whole corpus": (None, [], args.runs),
            "warm one FAQ page": (None, [PAGE], args.runs),
        }
        print(f"{machine()}\nA = {args.a.resolve()}\nB = {args.b.resolve()}\n")
        print("| Case | A median | B median | B / A | runs |\n|---|---|---|---|---|")
        for name, (fixed, paths, runs) in cases.items():
            commands = []
            for checkout in (args.a, args.b):
                cfg = fixed[0] if fixed else str(config(folder, str(folder / checkout.name)))
                faqlint = str(checkout.resolve() / ".venv" / "bin" / "faqlint")
                commands.append([faqlint, "check", "--config", cfg, "-q", *paths])
            a, b = (statistics.median(s) for s in interleaved(commands, runs))
            print(f"| {name} | {a:.2f} s | {b:.2f} s | {b / a:.2f} | {runs} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
