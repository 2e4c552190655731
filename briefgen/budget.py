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
from contextvars import ContextVar

# Seconds per stage name, for the run that asked (`recorded_timings`); None: nobody is timing.
_timings: ContextVar[dict[str, float] | None] = ContextVar("briefgen_stage_timings", default=None)


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
    started = time.monotonic()
    try:
        if budget is None:
            yield
        else:
            with _interrupt_after(budget, name):
                yield
    finally:
        elapsed = time.monotonic() - started
        timings = _timings.get()
        if timings is not None:  # a stage entered twice (ingest of files, then of feeds) adds up
            timings[name] = timings.get(name, 0.0) + elapsed
    if budget is not None and elapsed > budget:
        raise StageOverBudget(name, budget)


@contextmanager
def recorded_timings() -> Iterator[dict[str, float]]:
    """Within the block, every `stage` adds its wall-clock seconds to the dict yielded, by name,
    in the order the stages first ran (for `briefgen build --timings` and bench/e2e.py)."""
    timings: dict[str, float] = {}
    token = _timings.set(timings)
    try:
        yield timings
    finally:
        _timings.reset(token)


def add_timings(seconds: dict[str, float]) -> None:
    """Add seconds measured elsewhere (in a worker process) to the timings being recorded, if any."""
    timings = _timings.get()
    if timings is not None:
        for name, value in seconds.items():
            timings[name] = timings.get(name, 0.0) + value


def timings_table(timings: dict[str, float], total: float) -> str:
    """The per-stage seconds as a small plain-text table, with the share of `total` each took."""
    rows = [*timings.items(), ("total", total)]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name:<{width}}  {seconds:8.2f} s  {100 * seconds / total if total else 0:5.1f} %" for name, seconds in rows)


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
