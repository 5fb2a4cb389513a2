"""Duplicates at scale: time the near-duplicate search (candidate pairs from
the inverted index + similarity + guards) on the corpus's questions and on
synthetic sets of 10,000–50,000 questions, and count how many pairs were
compared against the n·(n-1)/2 an all-pairs search would compare.

    python bench/duplicates.py
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

from common import CORPUS, corpus_questions, machine

from faqlint.language.questions import Weights, candidate_pairs, key, similarity, why_different

ACTIONS = """create delete rename move copy resize attach detach export import enable
disable restore find list share protect monitor configure update""".split()
FORMS = ["How do I {a} a {s}?", "Can I {a} my {s} in {t}?", "How to {a} the {s} with {t}?",
         "Why can't I {a} a {s}?", "Where do I {a} {s} for {t}?"]  # fmt: skip
SYLLABLES = "ka lo mi ne su ta ri po ve da zu fi ge ho ju".split()


def vocabulary(size: int, rng: random.Random) -> list[str]:
    """Made-up nouns; questions pick them with a Zipf-like skew, as real
    docs use a few words often and many rarely."""
    words = {"".join(rng.choices(SYLLABLES, k=3)) for _ in range(size * 2)}
    return sorted(words)[:size]


def synthetic(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    nouns = vocabulary(max(500, count // 10), rng)
    weights = [1 / (rank + 1) for rank in range(len(nouns))]
    return [
        rng.choice(FORMS).format(
            a=rng.choice(ACTIONS),
            s=rng.choices(nouns, weights)[0],
            t=rng.choices(nouns, weights)[0],
        )
        for _ in range(count)
    ]


def search(questions: list[str]) -> tuple[float, int, int]:
    started = time.perf_counter()
    keys = [key(q) for q in questions]
    weight = Weights(keys)
    compared = found = 0
    for i, j in candidate_pairs(keys, weight, 85.0):
        compared += 1
        if similarity(keys[i], keys[j], weight) >= 85 and why_different(keys[i], keys[j]) is None:
            found += 1
    return time.perf_counter() - started, compared, found


def main() -> int:
    sets = {"corpus (all entries)": corpus_questions() if (CORPUS / "docs").is_dir() else []}
    sets.update({f"synthetic {n:,}": synthetic(n) for n in (10_000, 50_000)})
    print(machine())
    print("| Questions | n | Median time | Pairs compared | All pairs | Near duplicates |")
    print("|---|---|---|---|---|---|")
    for name, questions in sets.items():
        if not questions:
            continue
        runs = [search(questions) for _ in range(3)]
        seconds, compared, found = statistics.median(r[0] for r in runs), runs[0][1], runs[0][2]
        n = len(questions)
        everything = n * (n - 1) // 2
        print(f"| {name} | {n:,} | {seconds:.2f} s | {compared:,} | {everything:,} | {found:,} |")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
