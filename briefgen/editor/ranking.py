"""Which stories a briefing dated D leads with, and which are not the news of D.

- **A story's date** is its newest dated article's publication date. An undated article (a scraped
  text, a feed item without a date) neither ages nor freshens its story; a story whose articles are
  all undated has no date, is shown as such ("date not stated"), and stays in the briefing: nothing
  says it is old, and dropping it would drop every undated input.
- **Fresh news**: a story whose date is more than `max_age_days` before D is not the news of D. It
  leaves the main list for a short "Earlier" list (headline, outlets, date), so the reader sees what
  was set aside and why; `briefing.json` keeps it whole under `earlier`.
- **Order**: stories several independent outlets report first, most outlets first, then the freshest;
  a story made of deals posts, lists, guides or stats pages (`briefgen.editor.article_kind`) comes
  after every other story with as many outlets or more than one, so it never leads the briefing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, timedelta

from ..model import Article, StoryBrief
from .article_kind import NOT_TOP, article_kind

def story_date(brief: StoryBrief, by_id: dict[str, Article]) -> date | None:
    """The publication date of the story's newest dated article, or None when none is dated."""
    dates = [published for i in brief.story.article_ids if i in by_id and (published := by_id[i].published)]
    return date.fromisoformat(max(dates)[:10]) if dates else None


def not_top_kind(brief: StoryBrief, by_id: dict[str, Article]) -> bool:
    """Is the story made, for the most part, of deals posts, lists, guides or stats pages?"""
    originals = [by_id[i] for i in brief.story.article_ids if i in by_id and by_id[i].duplicate_of is None]
    if not originals:
        return False
    kinds = [article_kind(a.title, a.url) in NOT_TOP for a in originals]
    return sum(kinds) * 2 > len(kinds)


def in_reading_order(
    briefs: Iterable[StoryBrief], by_id: dict[str, Article], independent_outlets: Callable[[StoryBrief], int]
) -> list[StoryBrief]:
    """The stories dated (`published` set) and in the order the briefing shows them."""
    dated = [replace(b, published=story_date(b, by_id)) for b in briefs]

    def order(b: StoryBrief) -> tuple:
        outlets = independent_outlets(b)
        freshness = -b.published.toordinal() if b.published else 0  # undated after the dated
        return (outlets < 2, not_top_kind(b, by_id), -outlets, freshness, -len(b.story.article_ids), b.story.id)

    return sorted(dated, key=order)


def split_earlier(briefs: list[StoryBrief], on: date, max_age_days: int | None) -> tuple[list[StoryBrief], list[StoryBrief]]:
    """(the news of `on`, in the order given; the stories whose date is more than `max_age_days`
    before it, newest first). None keeps every story in the news."""
    if max_age_days is None:
        return briefs, []
    oldest = on - timedelta(days=max_age_days)
    fresh = [b for b in briefs if b.published is None or b.published >= oldest]
    earlier = [(b.published, b) for b in briefs if b.published is not None and b.published < oldest]
    return fresh, [b for _, b in sorted(earlier, key=lambda pair: -pair[0].toordinal())]  # newest first, else as given
