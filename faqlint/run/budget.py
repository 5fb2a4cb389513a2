"""A time budget for one file: past it, the work on the file stops.

One hostile or pathological page (a huge line, a pattern that backtracks)
must not stall a CI job. `time_budget` arms a real-time timer (SIGALRM) for
the work inside it; when it fires, `OverBudget` is raised in the middle of
whatever was running, and the caller reports the file as not fully checked.
Where timers cannot be used (another thread than the main one, or a system
without SIGALRM) the work runs without a budget.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class OverBudget(Exception):
    """The file took longer than its time budget."""


def _expired(signum: int, frame: FrameType | None) -> None:
    raise OverBudget


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise `OverBudget` inside the block once `seconds` have passed (0: no
    budget). Nested budgets keep the outer one: only the outermost is armed."""
    usable = (
        seconds > 0
        and hasattr(signal, "SIGALRM")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )
    if not usable:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)
