"""A time budget per pipeline stage: a stage that runs past it stops the whole run, clearly.

A daily job fed a pathological input should fail loudly and early rather than hang or eat the
machine. Nothing is written before the last stage, so a stopped run leaves the previous briefing as
it was.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class StageOverBudget(RuntimeError):
    """A stage took longer than the configured budget; the run was stopped."""

    def __init__(self, stage: str, budget: float) -> None:
        self.stage = stage
        self.budget = budget
        super().__init__(f"the {stage} stage took longer than its budget of {budget:g} s")


@contextmanager
def stage(name: str, budget: float | None) -> Iterator[None]:
    """Run the body as stage `name`; raise `StageOverBudget` if it takes more than `budget` seconds.

    In the main thread on POSIX a timer interrupts a stage still running when its budget runs out
    (a stage stuck in a loop never gets to report its own lateness). Elsewhere the stage is let
    finish and then judged by the clock.
    """
    if budget is None:
        yield
        return
    started = time.monotonic()
    with _interrupt_after(budget, name):
        yield
    if time.monotonic() - started > budget:
        raise StageOverBudget(name, budget)


@contextmanager
def _interrupt_after(seconds: float, name: str) -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def over_budget(signum, frame):
        raise StageOverBudget(name, seconds)

    previous = signal.signal(signal.SIGALRM, over_budget)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
