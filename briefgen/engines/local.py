"""The local engine: every stage in this process, one after another (`briefgen.pipeline`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from ..config import BriefingConfig
from ..model import Briefing


class LocalEngine:
    def build_briefing(
        self,
        paths: Iterable[str | Path],
        config: BriefingConfig,
        *,
        on: date | None = None,
        outlets_file: Path | None = None,
    ) -> Briefing:
        from ..pipeline import build_briefing  # the pipeline module names engines; import it late

        return build_briefing(paths, config, on=on, outlets_file=outlets_file)
