"""Internal links: time to resolve every internal link of the corpus and run
the four link rules, after parsing (issue 3's "under 1 s beyond parsing").

    python bench/links_internal.py [--runs 5]

Parses once (in parallel, as `faqlint check` does), then times building the
site index, resolving all links and running broken-link, broken-anchor,
relative-link and cross-language-link, several times, in one process.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from common import CORPUS, machine, uncached_config

from faqlint.config import load_config
from faqlint.findings import Report
from faqlint.rules.corpus import Corpus
from faqlint.rules.ruleset import resolve
from faqlint.run.engine import Engine
from faqlint.run.parallel import lint_all
from faqlint.run.store import Store
from faqlint.site.discover import discover

LINK_RULES = ["broken-link", "broken-anchor", "relative-link", "cross-language-link"]


def corpus(engine: Engine, store: Store, report: Report) -> Corpus:
    """What the link rules see, built afresh as each run builds it."""
    records = [r.record for r in report.files if r.record is not None]
    return Corpus(engine.config, records, store.page, engine.is_fragment, False, store.site_files)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    config = load_config(uncached_config(), CORPUS)
    rules = resolve(config, select=LINK_RULES)
    engine = Engine(config, rules, CORPUS)
    store = Store(config, rules, CORPUS, engine.read_record)
    files = discover([], config, CORPUS).files
    results = lint_all(engine, files)
    records = [r.record for r in results if r.record is not None]
    kinds = ("page", "file", "anchor")
    internal = sum(1 for r in records for link in r.links if link.kind in kinds)
    seconds = []
    for _ in range(args.runs):
        for result in results:
            result.findings = []
        started = time.perf_counter()
        report = Report(results, [])
        engine.run_corpus_rules(report, corpus(engine, store, report))
        seconds.append(time.perf_counter() - started)
    found = sum(len(r.findings) for r in results)
    print(f"{len(records)} pages, {internal} internal links, {found} findings; {machine()}")
    print(f"site index + resolution + 4 link rules: median {statistics.median(seconds):.2f} s "
          f"(min {min(seconds):.2f}, max {max(seconds):.2f}, {args.runs} runs)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
