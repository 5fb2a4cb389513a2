"""Which Markdown parser: time each candidate over every page of the corpus.

    python bench/parsers.py        (needs markdown-it-py, markdown-it-pyrs, pyromark)

Each parser produces what faqlint needs from it: tokens/events *with source
positions*. One process, one core, median of a few repetitions. This is the
measurement that chose pyromark (see faqlint/markdown.py).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

from common import CORPUS, machine


def candidates() -> dict[str, Callable[[str], object]]:
    found: dict[str, Callable[[str], object]] = {}
    try:
        import pyromark

        options = pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_STRIKETHROUGH
        found["pyromark: events with ranges, iterated"] = lambda s: sum(
            1 for _ in pyromark.events_with_range(s, options=options, merge_text=True)
        )
        found["pyromark: HTML (no positions; parse cost only)"] = lambda s: pyromark.html(
            s, options=options
        )
    except ImportError:
        pass
    try:
        import markdown_it_pyrs

        md_rs = markdown_it_pyrs.MarkdownIt("commonmark").enable("table")
        found["markdown-it-pyrs: tree with source map"] = md_rs.tree
    except ImportError:
        pass
    try:
        from markdown_it import MarkdownIt

        md_py = MarkdownIt("commonmark").enable("table")
        found["markdown-it-py: tokens"] = md_py.parse
    except ImportError:
        pass
    return found


def main() -> int:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("docs/**/*.md"))]
    print(f"{len(texts)} pages, {sum(map(len, texts)) / 1e6:.1f} M characters; {machine()}")
    print("| Parser | Median (s) | Runs |\n|---|---|---|")
    for name, parse in candidates().items():
        runs = 1 if "markdown-it-py:" in name else 3
        seconds = []
        for _ in range(runs):
            started = time.perf_counter()
            for text in texts:
                parse(text)
            seconds.append(time.perf_counter() - started)
        print(f"| {name} | {statistics.median(seconds):.2f} | {runs} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
