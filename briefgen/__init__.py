"""briefgen: a day's news articles in, a short, dated briefing with cited sources out."""

from .version import __version__

from .config import BriefingConfig
from .model import Article, Briefing, Citation, Sentence, Skipped, Story, StoryBrief, SummarySentence
from .pipeline import build_briefing, build_briefing_from_articles, make_article
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
    "build_briefing_from_articles",
    "make_article",
    "write_briefing",
]
