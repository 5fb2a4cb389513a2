from __future__ import annotations

import io
import os
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from faqlint.cli import main

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpora" / "vk-cloud-docs"
SEED = SHARED / "seed" / "000_4e8116b1be4ae252.txt"
EXAMPLE_CONFIG = ROOT / "examples" / "vk-cloud-docs" / "faqlint.toml"


def _uncached_example() -> Path:
    """The corpus's example config with the cache off, in a folder removed at
    exit: tests see what the code computes now (never results cached by other
    code) and write nothing into the shared corpus."""
    import atexit
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="faqlint-tests-"))
    atexit.register(shutil.rmtree, folder, True)
    config = folder / "faqlint.toml"
    text = EXAMPLE_CONFIG.read_text(encoding="utf-8") if EXAMPLE_CONFIG.is_file() else ""
    config.write_text(text + "\n[cache]\nenabled = false\n", encoding="utf-8")
    return config


CORPUS_CONFIG = _uncached_example()
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(*argv: str, cwd: Path | None = None) -> Run:
    """Run `faqlint` in-process, as a user would from `cwd`."""
    out, err = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main(list(argv))
    finally:
        os.chdir(previous)
    return Run(code, out.getvalue(), err.getvalue())


@pytest.fixture
def corpus() -> Path:
    if not (CORPUS / "docs").is_dir():
        pytest.skip(f"reference corpus not found at {CORPUS}")
    return CORPUS


@pytest.fixture
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip(f"seed FAQ not found at {SEED}")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Path]:
    """An empty project folder with a minimal faqlint.toml."""
    (tmp_path / "faqlint.toml").write_text('include = ["**/*.md"]\n', encoding="utf-8")
    yield tmp_path
