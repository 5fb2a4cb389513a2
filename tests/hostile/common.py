"""What every hostile case asserts: an exit code, no traceback, the good
page beside the bad one still reported, a bound on the wall time."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import Run, run_cli

GOOD_PAGE = "# FAQ\n\n<details><summary>how do I pay</summary>\n\nBy card.\n\n</details>\n"
GOOD_FINDING = "good.md:3:19"  # question-format on the good page


@dataclass
class Timed:
    run: Run
    seconds: float

    @property
    def output(self) -> str:
        return self.run.out + self.run.err


def project(folder: Path, config: str = "") -> Path:
    """A project with a good page (one known finding) and `config`."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good.md").write_text(GOOD_PAGE, encoding="utf-8")
    (folder / "faqlint.toml").write_text(config or "[cache]\nenabled = false\n", encoding="utf-8")
    return folder


def lint(folder: Path, *args: str) -> Timed:
    started = time.monotonic()
    run = run_cli("check", *args, cwd=folder)
    return Timed(run, time.monotonic() - started)


def assert_survived(result: Timed, code: int, seconds: float, good: bool = True) -> None:
    """Exit `code`, no traceback or internal error, within `seconds`, and the
    good page's finding reported (when `good`)."""
    assert result.run.code == code, result.output[-2000:]
    assert "Traceback" not in result.output
    assert "internal error" not in result.output
    assert result.seconds < seconds, f"took {result.seconds:.1f} s"
    if good:
        assert GOOD_FINDING in result.run.out, result.output[-2000:]
