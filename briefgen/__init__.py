"""briefgen: a day's news articles in, a short, dated briefing with cited sources out."""

__version__ = "0.2.0"  # the one place the version is written; pyproject.toml reads it from here

from .config import BriefingConfig
from .model import (
    Article,
    Briefing,
    Citation,
    Sentence,
    Skipped,
    Story,
    StoryBrief,
    SummarySentence,
)
from .pipeline import build_briefing
from .render import write_briefing

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
    "build_briefing",
    "write_briefing",
]
