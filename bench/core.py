"""Core benchmark: a full `faqlint check` of the reference corpus and a
single-file run, beside markdownlint-cli2 and pymarkdown on the same files.

    python bench/core.py [--runs 5] [--slow-runs 1] [--skip-slow]

Peers are installed into bench/.tools (see bench/README.md). pymarkdown
takes minutes on the corpus, so it runs `--slow-runs` times (default 1).
"""

from __future__ import annotations

import argparse
import sys

from common import (
    CORPUS,
    faqlint_command,
    machine,
    save,
    table,
    time_command,
    tool,
    uncached_config,
)

SINGLE = "docs/en/intro/start/faq/faq.md"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--slow-runs", type=int, default=1)
    parser.add_argument("--skip-slow", action="store_true")
    args = parser.parse_args()
    if not (CORPUS / "docs").is_dir():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    faqlint = [*faqlint_command(), "check", "--config", str(uncached_config()), "-q"]
    files = sorted(p.relative_to(CORPUS).as_posix() for p in CORPUS.glob("docs/**/*.md"))
    megabytes = sum((CORPUS / f).stat().st_size for f in files) / 1e6
    print(f"corpus: {len(files)} pages, {megabytes:.1f} MB")

    whole = [time_command("faqlint check (whole corpus)", faqlint, args.runs, CORPUS)]
    single = [
        time_command("faqlint check (one FAQ page)", [*faqlint, SINGLE], args.runs * 2, CORPUS)
    ]
    mdl = tool("node_modules", ".bin", "markdownlint-cli2")
    if mdl:
        whole.append(
            time_command("markdownlint-cli2", [mdl, "docs/**/*.md"], max(1, args.runs // 2), CORPUS)
        )
        single.append(time_command("markdownlint-cli2", [mdl, SINGLE], args.runs * 2, CORPUS))
    pym = tool("venv", "bin", "pymarkdown")
    if pym:
        single.append(time_command("pymarkdown", [pym, "scan", SINGLE], args.runs * 2, CORPUS))
        if not args.skip_slow:
            whole.append(
                time_command(
                    "pymarkdown", [pym, "scan", "-r", "docs"], args.slow_runs, CORPUS, warmup=0
                )
            )
    info = machine()
    print(f"\nmachine: {info}\n")
    print("Whole corpus:\n" + table(whole, whole[0]) + "\n")
    print("One file:\n" + table(single, single[0]))
    path = save("core", {"machine": info, "whole": whole, "single": single})
    print(f"\nsaved {path.relative_to(path.parent.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
