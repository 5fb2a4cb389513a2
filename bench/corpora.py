"""Every shared corpus as a new user meets it (issue 14): `faqlint init`
(its settings printed, nothing written into the corpus), then `faqlint
check` with them, cold (cache off) and warm (cache in a temporary folder).
Prints, per corpus: files, entries, findings per rule, init time, cold and
warm medians.

    python bench/corpora.py --runs 3
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from common import ROOT, faqlint_command, machine, time_command

CORPORA = ROOT.parent / "shared" / "corpora"
NAMES = (
    "cypress-docs",
    "mintlify-docs",
    "trash-guides",
    "toloka-docs",
    "flux-website",
    "vk-cloud-docs",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    faqlint = faqlint_command()
    print(f"machine: {machine()}")
    print("| corpus | framework | files | entries | init | cold | warm | findings per rule |")
    print("|---|---|---|---|---|---|---|---|")
    for name in NAMES:
        corpus = CORPORA / name
        if not corpus.is_dir():
            print(f"| {name} | not here | | | | | | |")
            continue
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            init = subprocess.run(
                [*faqlint, "init", "--print"], cwd=corpus, capture_output=True, text=True,
                check=True,
            )  # fmt: skip
            init_seconds = time.perf_counter() - started
            framework = init.stderr.split("Framework: ", 1)[1].split(" ", 1)[0]
            off = Path(folder) / "off.toml"
            off.write_text(init.stdout + "\n[cache]\nenabled = false\n", encoding="utf-8")
            on = Path(folder) / "on.toml"
            cache = Path(folder) / "cache"
            on.write_text(init.stdout + f'\n[cache]\ndir = "{cache}"\n', encoding="utf-8")
            check = [*faqlint, "check", "--format", "json", "-o", str(Path(folder) / "r.json")]
            cold = time_command("cold", [*check, "--config", str(off)], args.runs, corpus, 0)
            report = json.loads((Path(folder) / "r.json").read_text(encoding="utf-8"))
            warm = time_command("warm", [*check, "--config", str(on)], args.runs, corpus, 1)
        summary = report["summary"]
        rules = Counter(f["rule"] for f in report["findings"])
        listed = ", ".join(f"{rule} {count}" for rule, count in rules.most_common())
        print(
            f"| {name} | {framework} | {summary['files']} | {summary['entries']} | "
            f"{init_seconds:.1f} s | {cold.median:.2f} s | {warm.median:.2f} s | {listed} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
