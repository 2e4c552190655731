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
from dataclasses import dataclass


@dataclass(frozen=True)
class StageTime:
    """How long a stage took: wall-clock seconds, and CPU seconds of the process that ran it."""

    wall: float
    cpu: float

    def __add__(self, other: StageTime) -> StageTime:
        return StageTime(self.wall + other.wall, self.cpu + other.cpu)


# Times per stage name, for the run that asked (`recorded_timings`); None: nobody is timing.
_timings: ContextVar[dict[str, StageTime] | None] = ContextVar("briefgen_stage_timings", default=None)


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
    started, cpu_started = time.monotonic(), time.process_time()
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
            spent = StageTime(elapsed, time.process_time() - cpu_started)
            timings[name] = timings[name] + spent if name in timings else spent
    if budget is not None and elapsed > budget:
        raise StageOverBudget(name, budget)


@contextmanager
def recorded_timings() -> Iterator[dict[str, StageTime]]:
    """Within the block, every `stage` adds its time to the dict yielded, by name, in the order the
    stages first ran (for `briefgen build --timings` and bench/e2e.py)."""
    timings: dict[str, StageTime] = {}
    token = _timings.set(timings)
    try:
        yield timings
    finally:
        _timings.reset(token)


def add_timings(times: dict[str, StageTime]) -> None:
    """Add times measured elsewhere (in a worker process) to the timings being recorded, if any."""
    timings = _timings.get()
    if timings is not None:
        for name, spent in times.items():
            timings[name] = timings[name] + spent if name in timings else spent


def timings_table(timings: dict[str, StageTime], total: StageTime) -> str:
    """The per-stage times as a small plain-text table: wall-clock and CPU seconds, and the share
    of the total wall-clock time."""
    rows = [*timings.items(), ("total", total)]
    width = max(len(name) for name, _ in rows)
    lines = [f"{'stage':<{width}}  {'wall s':>8}  {'CPU s':>8}  {'wall %':>6}"]
    for name, spent in rows:
        share = 100 * spent.wall / total.wall if total.wall else 0.0
        lines.append(f"{name:<{width}}  {spent.wall:8.2f}  {spent.cpu:8.2f}  {share:6.1f}")
    return "\n".join(lines)


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
