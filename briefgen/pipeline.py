"""The whole path from input files to a `Briefing`, one stage after another.

Read top to bottom, this is the data flow: ingest → clean → dedupe → cluster → summarize →
consensus. Daily runs add the articles of earlier days from a store (`briefgen.store`) before
dedupe. Rendering to files is separate (`briefgen.render.write_briefing`), so a script can build a
briefing and do what it likes with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path

from .clean import article_sentences
from .cluster import carry_story_ids, cluster_articles
from .config import BriefingConfig
from .consensus import brief_story, outlet_key
from .summarize.select import content_terms, word_overlap
from .dedupe import mark_duplicates
from .ingest import read_paths
from .model import Article, Briefing, Skipped, Story, StoryBrief
from .outlets import OutletRegistry
from .progress import Progress
from .store import EMPTY_HISTORY, History
from .summarize import rank_pool, sentence_pool


def build_briefing(
    paths: Iterable[str | Path],
    config: BriefingConfig | None = None,
    *,
    on: date | None = None,
    outlets_file: Path | None = None,
    history: History = EMPTY_HISTORY,
) -> Briefing:
    """Read the articles under `paths` and build the briefing dated `on` (default: today)."""
    config = config or BriefingConfig()
    articles, skipped = read_paths(paths, OutletRegistry.load(outlets_file), config.max_article_bytes)  # 1. ingest
    return brief_articles(articles, skipped, config, on=on, history=history)


def brief_articles(
    articles: list[Article],
    skipped: list[Skipped],
    config: BriefingConfig,
    *,
    on: date | None = None,
    history: History = EMPTY_HISTORY,
    progress: Progress | None = None,
) -> Briefing:
    """The stages after ingest, for articles read from files, fetched from feeds, or both.

    With `history` (a store's record of earlier runs), the articles of the last few days join
    today's so a continuing story keeps its id, and only stories with articles no earlier briefing
    read are briefed: a daily briefing says what is new.
    """
    on = on or date.today()
    read_now = {a.id: a for a in articles}
    window = {a.id: a for a in history.articles} | read_now  # today's reading of an article wins
    first_seen = {i: history.first_seen.get(i, on) for i in window}
    marked = mark_duplicates(list(window.values()), config, history.fingerprints)  # 3. dedupe
    stories = carry_story_ids(cluster_articles(marked, config), history.story_of)  # 4. cluster
    by_id = {a.id: a for a in marked}

    briefs: list[StoryBrief] = []
    sentences: dict[str, list] = {}
    if progress:
        progress.add_total(len(stories))
    for story in stories:
        if progress:
            progress.advance()
        new_articles = sum(first_seen[i] >= on for i in story.article_ids)
        if not new_articles:
            continue  # briefed before, and nothing has been added since
        members = [by_id[i] for i in story.article_ids]
        # 2. clean: sentences of originals only — a copy's sentences are its original's
        sentences.update({a.id: article_sentences(a, config.language) for a in members if a.duplicate_of is None})
        headline = choose_headline(members, config.language)
        ranked = rank_pool(sentence_pool(members, sentences), [a.title for a in members if a.title], config)  # 5.
        brief = brief_story(story, by_id, sentences, ranked, headline, config)  # 6. consensus
        briefs.append(replace(brief, first_seen=min(first_seen[i] for i in story.article_ids), new_articles=new_articles))

    # The stories most outlets cover lead the briefing.
    briefs.sort(key=lambda b: (-_independent_outlets(b, by_id), -len(b.story.article_ids), b.story.id))
    listed = {i for b in briefs for i in b.story.article_ids} | set(read_now)
    return Briefing(
        date=on,
        stories=tuple(briefs),
        articles=tuple(sorted((by_id[i] for i in listed), key=lambda a: (a.path, a.id))),
        skipped=tuple(sorted(skipped, key=lambda s: s.path)),
        since=history.last_briefing,
    )


def group_articles(
    paths: Iterable[str | Path], config: BriefingConfig, *, outlets_file: Path | None = None
) -> tuple[list[Article], list[Story], list[Skipped]]:
    """Read the articles, mark copies and group them into stories: the stages before summarizing."""
    articles, skipped = read_paths(paths, OutletRegistry.load(outlets_file), config.max_article_bytes)  # 1. ingest
    articles = mark_duplicates(articles, config)  # 3. dedupe
    return articles, cluster_articles(articles, config), skipped  # 4. cluster


def _independent_outlets(brief: StoryBrief, by_id: dict[str, Article]) -> int:
    return len({outlet_key(by_id[i]) for i in brief.story.article_ids if by_id[i].duplicate_of is None})


def choose_headline(members: list[Article], language: str) -> str:
    """The title that shares most with the story's other titles: the most typical headline."""
    titled = sorted((a for a in members if a.title and a.duplicate_of is None), key=lambda a: a.id)
    if not titled:
        return members[0].title or "Untitled story"
    terms = {a.id: content_terms(a.title, language) for a in titled}
    return max(
        titled,
        key=lambda a: (sum(word_overlap(terms[a.id], terms[b.id]) for b in titled if b is not a), -len(a.title)),
    ).title
