"""briefgen: a day's news articles in, a short, dated briefing with cited sources out.

The functions that run the pipeline are imported on first use, so `import briefgen` (and the
command line's `--help`) does not load the pipeline's libraries until they are needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .config import BriefingConfig
from .model import Article, Briefing, Citation, Sentence, Skipped, Story, StoryBrief, SummarySentence
from .version import __version__

if TYPE_CHECKING:
    from .pipeline import build_briefing, build_briefing_from_articles, make_article
    from .render import write_briefing

_LAZY = {
    "build_briefing": "pipeline",
    "build_briefing_from_articles": "pipeline",
    "make_article": "pipeline",
    "write_briefing": "render",
}

__all__ = [
    "Article",
    "Briefing",
    "BriefingConfig",
    "Citation",
    "Sentence",
    "Skipped",
    "Story",
    "StoryBrief",
    "SummarySentence",
    "__version__",
    "build_briefing",
    "build_briefing_from_articles",
    "make_article",
    "write_briefing",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'briefgen' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
