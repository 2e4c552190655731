"""The email digest: which stories the newsletter carries in full, which as one line, within a size.

A newsletter is read in a mail client that cuts long messages short (Gmail shows about 102 KB and
hides the rest behind "[Message clipped]"): the readers of a long day would never see its last
stories, its blind spots or its sources. So the email is a digest of the briefing, not all of it:

- in full, every story with a shared fact (a fact at least `min_sources` independent outlets
  report), with its lines, citations, coverage and sources;
- one line each under "Also today" (headline, outlets, link), every other story.

When even the stories with a shared fact do not fit, those with the fewest outlets become lines
too, and the email says how many; on a very long day the list of lines stops where the room ends,
and says how many more stories the full briefing holds. The full briefing is one link away.

What fits is measured, not estimated: `fit_digest` is given a function that renders a candidate
digest and returns its size in bytes, and searches the largest digest under the limit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..links import safe_url
from ..model import Briefing, StoryBrief

# Of the room, the share the stories in full may take before the list of lines is cut: on a day too
# long for both, a reader still gets the day's other headlines, not only the first stories.
FULL_STORIES_SHARE = 0.75


@dataclass(frozen=True)
class DigestLine:
    """A story told in one line under "Also today"."""

    number: int  # the story's place in the full briefing (its anchor there: #story-N)
    headline: str
    outlets: tuple[str, ...]
    url: str | None  # an http(s) address of one of its articles, the one its first line quotes first
    moved: bool  # a story with a shared fact, listed as a line for want of room


@dataclass(frozen=True)
class Digest:
    full: tuple[tuple[int, StoryBrief], ...]  # (place in the full briefing, story), in briefing order
    lines: tuple[DigestLine, ...]  # "Also today" as listed, in briefing order
    moved: int  # stories with a shared fact told as a line (or left out) for want of room
    unlisted: int  # stories left out of "Also today" for want of room: the full briefing has them
    web_page: str | None  # the full briefing's address, when the user said where it is published
    archived_file: str  # the full briefing in the output folder: YYYY-MM-DD/briefing.html


def web_page(briefing: Briefing, web_url: str | None) -> str | None:
    """BASE/YYYY-MM-DD/briefing.html, where the dated folder is published."""
    base = safe_url(web_url)
    return f"{base.rstrip('/')}/{briefing.date.isoformat()}/briefing.html" if base else None


def has_shared_fact(story: StoryBrief) -> bool:
    return bool(story.sentences)


def several_outlets(story: StoryBrief) -> bool:
    """A story the full briefing tells in full: several outlets carry it, or it has a shared fact."""
    return len(story.outlets) > 1 or has_shared_fact(story)


def story_urls(briefing: Briefing) -> dict[str, str | None]:
    """Story id → an http(s) address for the story: that of the article its first line quotes,
    else of its first article that has one (None when none has)."""
    url_of = {a.id: safe_url(a.url) for a in briefing.articles}
    urls: dict[str, str | None] = {}
    for story in briefing.stories:
        quoted = [x.article_id for x in (*story.sentences, *story.by_outlet, *story.single_source)]
        members = set(story.story.article_ids)
        candidates = [a for a in quoted if a in members] + list(story.story.article_ids)
        urls[story.story.id] = next((url_of[a] for a in candidates if url_of.get(a)), None)
    return urls


def digest(
    briefing: Briefing, web_url: str | None, in_full: int | None = None, listed: int | None = None,
    urls: dict[str, str | None] | None = None,
) -> Digest:
    """The digest with the `in_full` stories with a shared fact that have the most outlets (None: all)
    told in full and the first `listed` lines of the rest (None: all). `urls`: `story_urls(briefing)`."""
    urls = story_urls(briefing) if urls is None else urls
    numbered = list(enumerate(briefing.stories, start=1))
    candidates = [(n, s) for n, s in numbered if has_shared_fact(s)]
    # fewest outlets move first; among equals, the one later in the briefing
    by_priority = sorted(candidates, key=lambda ns: (-len(ns[1].outlets), ns[0]))
    kept = {n for n, _ in by_priority[: len(candidates) if in_full is None else in_full]}
    full = tuple((n, s) for n, s in numbered if n in kept)
    rest = [(n, s) for n, s in numbered if n not in kept]
    shown = rest if listed is None else rest[:listed]
    lines = tuple(
        DigestLine(n, s.headline, s.outlets, urls[s.story.id], has_shared_fact(s)) for n, s in shown
    )
    return Digest(
        full=full,
        lines=lines,
        moved=len(candidates) - len(full),
        unlisted=len(rest) - len(shown),
        web_page=web_page(briefing, web_url),
        archived_file=f"{briefing.date.isoformat()}/briefing.html",
    )


def _largest(fits: Callable[[int], bool], low: int, high: int) -> int:
    """The largest n in [low, high] with fits(n), given fits(low) and fits falling once false.

    Gallops up from `low` before halving, so no candidate much larger than the limit is rendered.
    """
    step, good = 1, low
    bad = high + 1
    while good + step < bad:
        if fits(good + step):
            good, step = good + step, step * 2
        else:
            bad = good + step
            break
    while bad - good > 1:
        middle = (good + bad) // 2
        good, bad = (middle, bad) if fits(middle) else (good, middle)
    return good


def fit_digest(briefing: Briefing, web_url: str | None, size: Callable[[Digest], int], limit: int) -> Digest:
    """The largest digest whose rendering `size` says is at most `limit` bytes.

    Stories in full come first, up to FULL_STORIES_SHARE of the room when the day is too long for
    everything; the lines fill what is left. When every line fits beside them, more stories are
    told in full for as long as the whole still fits.
    """
    candidates = sum(1 for s in briefing.stories if has_shared_fact(s))
    urls = story_urls(briefing)

    def digest_of(in_full: int, listed: int | None) -> Digest:
        return digest(briefing, web_url, in_full, listed, urls)

    def rest(in_full: int) -> int:
        return len(briefing.stories) - in_full

    in_full = _largest(lambda k: size(digest_of(k, 0)) <= limit * FULL_STORIES_SHARE, 0, candidates)
    listed = _largest(lambda m: size(digest_of(in_full, m)) <= limit, 0, rest(in_full))
    if listed == rest(in_full):  # every line fits: tell more in full while the whole still fits
        in_full = _largest(lambda k: size(digest_of(k, None)) <= limit, in_full, candidates)
        listed = rest(in_full)
    return digest_of(in_full, listed)
