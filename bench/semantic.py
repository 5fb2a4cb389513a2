"""Semantic mode at work: embedding the corpus's questions cold (empty cache:
torch and the model loaded, every question encoded) and warm (every vector
from the cache: the model is not even imported), each in a fresh process as
a lint run would; then the blocked pair search on 1,000–30,000 random unit
vectors, to show the O(n²·d) matrix products at scale.

    .venv/bin/python bench/semantic.py --runs 3

Needs the [semantic] extra (`pip install torch==2.13.0 '.[semantic]'`).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import common
from common import CORPUS, ROOT, machine, save

#  What a child process prints: its own timings, as JSON on one line.
CHILD = """
import json, sys, time
started = time.perf_counter()
from faqlint.language import semantic
texts = json.load(open(sys.argv[1], encoding="utf-8"))
semantic.embed(texts, __import__("pathlib").Path(sys.argv[2]))
print(json.dumps({
    "embed": time.perf_counter() - started,
    "model_imported": "sentence_transformers" in sys.modules,
}))
"""


def corpus_questions() -> list[str]:
    """The normalised questions of the corpus that the model reads."""
    from faqlint.language.questions import normalize
    from faqlint.language.semantic import readable

    questions = common.corpus_questions()
    return list(dict.fromkeys(q for q in map(normalize, questions) if readable(q)))


def child(texts_file: Path, cache: Path) -> tuple[float, float, bool]:
    """(process wall time, time inside it from import to vectors, model imported)."""
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(texts_file), str(cache)],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    wall = time.perf_counter() - started
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    return wall, float(report["embed"]), bool(report["model_imported"])


def embedding(texts: list[str], runs: int) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    cold: list[tuple[float, float, bool]] = []
    warm: list[tuple[float, float, bool]] = []
    with tempfile.TemporaryDirectory(prefix="faqlint-bench-semantic-") as folder:
        texts_file = Path(folder) / "texts.json"
        texts_file.write_text(json.dumps(texts), encoding="utf-8")
        for run in range(runs):
            cache = Path(folder) / f"cache-{run}"
            cold.append(child(texts_file, cache))
            warm.append(child(texts_file, cache))
    for name, results in (("cold (empty cache)", cold), ("warm (all cached)", warm)):
        rows.append({
            "case": name,
            "questions": len(texts),
            "process_wall_s": statistics.median(r[0] for r in results),
            "inside_s": statistics.median(r[1] for r in results),
            "model_imported": results[0][2],
        })  # fmt: skip
    return rows


def pair_search(sizes: list[int], threshold: float = 80.0) -> list[dict[str, object]]:
    import numpy as np

    from faqlint.language.semantic import DIMENSION, pairs_above

    rows: list[dict[str, object]] = []
    generator = np.random.default_rng(7)
    for size in sizes:
        vectors = generator.normal(size=(size, DIMENSION)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        vectors[1::2] = vectors[::2][: size // 2]  # half the rows duplicate another
        started = time.perf_counter()
        found = sum(1 for _ in pairs_above(vectors, threshold))
        rows.append({"questions": size, "seconds": time.perf_counter() - started, "pairs": found})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="1000,10000,30000")
    args = parser.parse_args()
    facts = machine()
    print(facts)
    result: dict[str, object] = {"machine": facts}
    if (CORPUS / "docs").is_dir():
        texts = corpus_questions()
        result["embedding"] = rows = embedding(texts, args.runs)
        print("| Case | Questions | Process wall (median) | Inside faqlint | Model imported |")
        print("|---|---|---|---|---|")
        for row in rows:
            print(
                f"| {row['case']} | {row['questions']:,} | {row['process_wall_s']:.2f} s "
                f"| {row['inside_s']:.2f} s | {row['model_imported']} |"
            )
    sizes = [int(size) for size in args.sizes.split(",")]
    result["pairs"] = pairs = pair_search(sizes)
    print("| Vectors | Pair search | Pairs ≥ 80 |")
    print("|---|---|---|")
    for row in pairs:
        print(f"| {row['questions']:,} | {row['seconds']:.2f} s | {row['pairs']:,} |")
    print(f"saved {save('semantic', result)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
