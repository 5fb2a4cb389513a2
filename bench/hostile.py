"""Hostile inputs (issue 13): how long `faqlint check` takes on the cases of
the hostile catalogue, each generated in a temporary folder of its own (no
big files in git), as a user runs it (process start included).

    python bench/hostile.py --runs 5
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from common import faqlint_command, machine, time_command

NO_CACHE = "[cache]\nenabled = false\n"


def nested(opener: str, closer: str, depth: int) -> str:
    return f"{opener}\n\n" * depth + "x\n\n" + f"{closer}\n\n" * depth


CASES: dict[str, Callable[[], str]] = {
    "10,000-deep {cut}": lambda: nested("{cut(Q?)}", "{/cut}", 10_000),
    "10,000-deep <details>": lambda: nested("<details><summary>Q?</summary>", "</details>", 10_000),
    '5 MB line of "word "': lambda: "# W\n\n" + "word " * 1_000_000 + "\n",
    "3,000 copies of one question": lambda: (
        "# FAQ\n\n" + "{cut(How do I pay?)}\n\nA.\n\n{/cut}\n\n" * 3_000
    ),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    print("| case | median | min – max | runs | exit |")
    print("|---|---|---|---|---|")
    for name, make in CASES.items():
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            (root / "faqlint.toml").write_text(NO_CACHE, encoding="utf-8")
            (root / "page.md").write_text(make(), encoding="utf-8")
            command = [*faqlint_command(), "check", "page.md", "--format", "json", "-o", "out.json"]
            timing = time_command(name, command, args.runs, root, warmup=0)
        spread = f"{min(timing.seconds):.2f} – {max(timing.seconds):.2f}"
        codes = ",".join(sorted({str(c) for c in timing.exit_codes}))
        print(f"| {name} | {timing.median:.2f} s | {spread} s | {args.runs} | {codes} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
