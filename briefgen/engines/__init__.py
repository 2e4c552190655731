"""Where the pipeline's stages run: in this process (`local`) or as tasks on a Dask cluster (`dask`).

Every engine gives the same briefing, byte for byte, from the same input and options: an engine
changes where the work is done, never what is decided. The local engine is `briefgen.pipeline` as
it stands (`engine=None`). An engine runs the stages up to each story's brief and hands back the
articles, briefs and skipped inputs; the pipeline gives it the per-story function to run
(`pipeline.summarize_story`) and assembles the briefing itself. The Dask engine (`briefgen.engines.dask`) imports dask only when it is
chosen, so the local engine does not need it installed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Protocol

from ..config.options import BriefingConfig
from ..model import Article, Sentence, Skipped, Story, StoryBrief

# Stages 5 and 6 for one story, given its articles by id and their sentences: what an engine runs per story.
StoryBriefer = Callable[[Story, dict[str, Article], dict[str, list[Sentence]], BriefingConfig], StoryBrief]

ENGINES = ("local", "dask")


class Engine(Protocol):
    def brief(
        self,
        paths: Iterable[str | Path],
        config: BriefingConfig,
        *,
        on: date,
        outlets_file: Path | None,
        brief_one: StoryBriefer,
    ) -> tuple[list[Article], list[StoryBrief], list[Skipped]]: ...


def make_engine(name: str, *, scheduler: str | None = None, workers: int | None = None) -> Engine | None:
    """The engine a user names: None for `local` (`briefgen.pipeline` runs the stages in this
    process), or the Dask engine on the cluster at `scheduler` or on a new local cluster of
    `workers` processes."""
    if name == "local":
        if scheduler is not None or workers is not None:
            raise ValueError("--scheduler and --workers are for the dask engine")
        return None
    if name == "dask":
        from .dask import (
            DaskEngine,  # raises ImportError with an install hint when dask is missing
        )

        return DaskEngine(scheduler=scheduler, workers=workers)
    raise ValueError(f"unknown engine {name!r}; choose from {', '.join(ENGINES)}")
