"""The whole path from input files to a `Briefing`, one stage after another.

Read top to bottom, this is the data flow: ingest → clean → dedupe → cluster → summarize →
consensus. Rendering to files is separate (`briefgen.render.write_briefing`), so a script can build
a briefing and do what it likes with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .clean import article_sentences
from .cluster import cluster_articles
from .config import BriefingConfig
from .consensus import brief_story, outlet_key
from .summarize.select import content_terms, word_overlap
from .dedupe import mark_duplicates
from .ingest import read_paths
from .model import Article, Briefing, Sentence, Skipped, Story, StoryBrief
from .outlets import OutletRegistry
from .summarize import rank_pool, sentence_pool

if TYPE_CHECKING:
    from .engines import Engine


def build_briefing(
    paths: Iterable[str | Path],
    config: BriefingConfig | None = None,
    *,
    on: date | None = None,
    outlets_file: Path | None = None,
    engine: Engine | None = None,
) -> Briefing:
    """Read the articles under `paths` and build the briefing dated `on` (default: today).

    `engine` runs the same stages elsewhere, e.g. `briefgen.engines.dask.DaskEngine` on a Dask
    cluster; the briefing is the same, byte for byte. None (the default) runs them here, below.
    """
    config = config or BriefingConfig()
    if engine is not None:
        return engine.build_briefing(paths, config, on=on, outlets_file=outlets_file)
    articles, stories, skipped = group_articles(paths, config, outlets_file=outlets_file)  # 1, 3, 4
    sentences = {a.id: article_sentences(a, config.language) for a in articles if a.duplicate_of is None}  # 2.
    by_id = {a.id: a for a in articles}
    briefs = [summarize_story(story, by_id, sentences, config) for story in stories]  # 5, 6
    return assemble_briefing(on, briefs, articles, skipped)


def summarize_story(
    story: Story, by_id: dict[str, Article], sentences: dict[str, list[Sentence]], config: BriefingConfig
) -> StoryBrief:
    """One story's brief: needs only the story's own articles and their sentences."""
    members = [by_id[i] for i in story.article_ids]
    headline = choose_headline(members, config.language)
    ranked = rank_pool(sentence_pool(members, sentences), [a.title for a in members if a.title], config)  # 5.
    return brief_story(story, by_id, sentences, ranked, headline, config)  # 6. consensus


def assemble_briefing(
    on: date | None, briefs: list[StoryBrief], articles: list[Article], skipped: list[Skipped]
) -> Briefing:
    by_id = {a.id: a for a in articles}
    # The stories most outlets cover lead the briefing.
    briefs = sorted(briefs, key=lambda b: (-_independent_outlets(b, by_id), -len(b.story.article_ids), b.story.id))
    return Briefing(
        date=on or date.today(),
        stories=tuple(briefs),
        articles=tuple(sorted(articles, key=lambda a: (a.path, a.id))),
        skipped=tuple(sorted(skipped, key=lambda s: s.path)),
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
