"""Where the pipeline's stages run: in this process (`local`) or as tasks on a Dask cluster (`dask`).

Every engine gives the same briefing, byte for byte, from the same input and options: an engine
changes where the work is done, never what is decided. The local engine is `briefgen.pipeline` as
it stands (`engine=None`); the Dask engine (`briefgen.engines.dask`) imports dask only when it is
chosen, so the local engine does not need it installed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Protocol

from ..config import BriefingConfig
from ..model import Briefing

ENGINES = ("local", "dask")


class Engine(Protocol):
    def build_briefing(
        self,
        paths: Iterable[str | Path],
        config: BriefingConfig,
        *,
        on: date | None = None,
        outlets_file: Path | None = None,
    ) -> Briefing: ...


def make_engine(name: str, *, scheduler: str | None = None, workers: int | None = None) -> Engine | None:
    """The engine a user names: None for `local` (`briefgen.pipeline` runs the stages in this
    process), or the Dask engine on the cluster at `scheduler` or on a new local cluster of
    `workers` processes."""
    if name == "local":
        if scheduler is not None or workers is not None:
            raise ValueError("--scheduler and --workers are for the dask engine")
        return None
    if name == "dask":
        from .dask import DaskEngine  # raises ImportError with an install hint when dask is missing

        return DaskEngine(scheduler=scheduler, workers=workers)
    raise ValueError(f"unknown engine {name!r}; choose from {', '.join(ENGINES)}")
