"""Stage 6 — consensus: takes a story, its sentences and the summarizer's ranking; gives a `StoryBrief`
whose lines several independent outlets report, each cited to every outlet whose article carries it,
and afterwards who covers each story and fact (`describe_coverage`)."""

from .coverage import describe_coverage
from .facts import brief_story, outlet_key

__all__ = ["brief_story", "describe_coverage", "outlet_key"]
