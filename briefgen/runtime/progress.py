"""A progress bar on stderr for fetching and building, shown only when stderr is a terminal.

A daily job's log (cron, CI) gets no bar characters; a person at a terminal sees how far the run is.
"""

from __future__ import annotations

import logging
import sys

from tqdm import tqdm


class Progress:
    def __init__(self, label: str):
        # disable=None: tqdm itself turns the bar off when its file is not a terminal; a quiet run
        # (`-q`: briefgen's warnings off) shows none either
        quiet = not logging.getLogger("briefgen").isEnabledFor(logging.WARNING)
        self.bar = tqdm(total=0, desc=label, file=sys.stderr, disable=True if quiet else None, leave=False, dynamic_ncols=True)

    def add_total(self, n: int) -> None:
        if not self.bar.disable:
            self.bar.total += n
            self.bar.refresh()

    def advance(self, n: int = 1) -> None:
        self.bar.update(n)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.close()
