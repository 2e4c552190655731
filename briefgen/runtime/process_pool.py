"""Per-article and per-story work on every core the process may use.

A story's brief needs only its own articles (`pipeline.brief_one_story`: sentences, summary,
consensus, most of a batch's time), and an article's fingerprint only its body (`dedupe`), so
these are spread over a pool of worker processes. The workers are forked: they inherit the batch
(articles, stories, options) as the parent holds it, with nothing pickled on the way in; only an
item's index goes to a worker and its result comes back. Results are put back in the items'
order, so the briefing is the same byte for byte whatever the number of processes.

Where fork is not available (or a stage budget asks each stage to be judged in one process), the
callers do the work in this process instead.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Generic, TypeVar

from ..config.options import BriefingConfig
from .budget import StageTime, add_timings, recorded_timings, stage

Work = TypeVar("Work")
Result = TypeVar("Result")

# A batch smaller than this is worked in this process: starting workers costs more than it saves.
MIN_ARTICLES_FOR_POOL = 200
# ... and, for work on article text (fingerprints), less text than this (characters): 4,000
# headlines without a body are over the article count, and fingerprinting them is no work at all.
MIN_TEXT_FOR_POOL = 2_000_000


def allowed_workers(config: BriefingConfig) -> int:
    """Processes the options allow: `config.workers` or every usable core; 1 (this process only)
    where fork is missing or a stage budget is set (a stage's time is judged, and it is stopped,
    in one process)."""
    if config.stage_budget is not None or not can_fork():
        return 1
    return config.workers or usable_cores()


def pool_size(config: BriefingConfig, n_items: int, n_articles: int) -> int:
    """How many processes to use for `n_items` pieces of work: 1 (this one) for a small batch."""
    workers = min(allowed_workers(config), n_items)
    return workers if workers >= 2 and n_articles >= MIN_ARTICLES_FOR_POOL else 1


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, which a container or taskset limits)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


class _Batch(Generic[Work, Result]):
    """What forked workers read: the work items and the function that does one."""

    def __init__(self, items: Sequence[Work], do: Callable[[Work], Result]) -> None:
        self.items, self.do = items, do


_batch: _Batch | None = None  # set in the parent just before the workers are forked


def _do_one(index: int) -> tuple[int, Any, dict[str, StageTime]]:
    assert _batch is not None, "a worker forked without its batch"
    with recorded_timings() as timings:
        with stage(WHOLE_ITEM, None):
            result = _batch.do(_batch.items[index])
    return index, result, timings


# The name under which a worker times each item as a whole, besides the stages inside it.
WHOLE_ITEM = "item"


def add_worker_timings(timings: dict[str, StageTime], whole_item: str | None = None) -> None:
    """Add a worker's timings to the run's, each stage as "NAME (summed over processes)"; the item
    as a whole under `whole_item` (None: left out, its stages say it all)."""
    named = {WHOLE_ITEM: whole_item}
    add_timings({
        f"{named.get(name, name)} (summed over processes)": spent
        for name, spent in timings.items()
        if named.get(name, name) is not None
    })


def map_in_processes(
    items: Sequence[Work], do: Callable[[Work], Result], workers: int, *, heaviest_first: Sequence[int] | None = None
) -> Iterator[tuple[int, Result, dict[str, StageTime]]]:
    """(index, do(items[index]), seconds per stage inside it) for every item, as workers finish.

    `heaviest_first` is the order to hand items out in (the largest stories first, so no worker is
    left with a big one at the end); every index comes back exactly once.
    """
    global _batch
    order = list(heaviest_first) if heaviest_first is not None else list(range(len(items)))
    _batch = _Batch(items, do)
    # What the workers inherit is left out of their garbage collector's passes: a pass writes to
    # every object it visits, and each page it writes to is copied out of the memory the workers
    # share with this process (the articles, once per worker).
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            yield from pool.map(_do_one, order, chunksize=max(1, len(order) // (workers * 16)))
    finally:
        gc.unfreeze()
        _batch = None
