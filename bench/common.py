"""Shared helpers for the benchmarks: timing commands, machine facts, tables.

Benchmarks time whole commands as a user runs them (process start included),
repeat them, and report medians: these machines are noisy, so single runs and
means mislead.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "vk-cloud-docs"
CORPUS_CONFIG = ROOT / "examples" / "vk-cloud-docs" / "faqlint.toml"
TOOLS = ROOT / "bench" / ".tools"


@dataclass
class Timing:
    name: str
    command: list[str]
    seconds: list[float] = field(default_factory=list)
    exit_codes: list[int] = field(default_factory=list)
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")

    def row(self, baseline: float | None = None) -> str:
        if not self.seconds:
            return f"| {self.name} | not run: {self.note} | | | |"
        ratio = f"{self.median / baseline:.1f}x" if baseline else "1.0x"
        spread = f"{min(self.seconds):.2f} – {max(self.seconds):.2f}"
        return f"| {self.name} | {self.median:.2f} s | {spread} | {len(self.seconds)} | {ratio} |"


def time_command(
    name: str, command: Sequence[str], runs: int, cwd: Path, warmup: int = 1, timeout: float = 900
) -> Timing:
    timing = Timing(name, list(command))
    for index in range(warmup + runs):
        started = time.perf_counter()
        proc = subprocess.run(
            list(command), cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            timeout=timeout, check=False,
        )  # fmt: skip
        elapsed = time.perf_counter() - started
        if index >= warmup:
            timing.seconds.append(elapsed)
            timing.exit_codes.append(proc.returncode)
    return timing


def corpus_questions() -> list[str]:
    """Every entry's question in the corpus, via `faqlint entries`."""
    out = subprocess.run(
        [sys.executable, "-m", "faqlint", "entries", "--config", str(CORPUS_CONFIG),
         "--format", "json"],
        cwd=CORPUS, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return [e["question"] for d in json.loads(out)["documents"] for e in d["entries"]]


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": time.strftime("%Y-%m-%d %H:%M"),
    }


def faqlint_command() -> list[str]:
    """The faqlint of the running interpreter's environment, bytecode compiled
    first (this workplace sets PYTHONDONTWRITEBYTECODE; an installed package
    has its .pyc from pip, so the benchmark gives the source tree the same)."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "faqlint")], check=False,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": ""},
    )  # fmt: skip
    script = Path(sys.executable).with_name("faqlint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "faqlint"]


def tool(*relative: str) -> str | None:
    path = TOOLS.joinpath(*relative)
    if path.exists():
        return str(path)
    return shutil.which(relative[-1])


def save(kind: str, data: dict[str, object]) -> Path:
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    path = out / f"{kind}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(data, indent=2, default=asdict), encoding="utf-8")
    return path


def table(timings: list[Timing], baseline: Timing) -> str:
    lines = ["| Tool | Median wall | Min – max | Runs | vs faqlint |", "|---|---|---|---|---|"]
    lines += [t.row(baseline.median) for t in timings]
    return "\n".join(lines)


def config_with_cache(cache: str, folder: Path) -> Path:
    """A copy of the corpus config with a `[cache]` table (`dir = "…"` or
    `enabled = false`), so benchmarks leave the shared corpus as it was."""
    text = CORPUS_CONFIG.read_text(encoding="utf-8")
    path = folder / f"faqlint-{cache.split(maxsplit=1)[0]}.toml"
    path.write_text(f"{text}\n[cache]\n{cache}\n", encoding="utf-8")
    return path


_SCRATCH: list[Path] = []


def uncached_config() -> Path:
    """The corpus config with the cache off, for benchmarks that time the work
    itself (a warm cache would serve their repeated runs); in a folder removed
    at exit, so the shared corpus gets no `.faqlint_cache`."""
    if not _SCRATCH:
        import atexit
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="faqlint-bench-"))
        atexit.register(shutil.rmtree, folder, True)
        _SCRATCH.append(config_with_cache("enabled = false", folder))
    return _SCRATCH[0]
