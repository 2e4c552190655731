"""Summarize + consensus per story, where the stories' articles are sent.

A story's brief needs only its own articles and their sentences (the engine's `brief_one`), so the
articles are shuffled by story: each partition splits its sentences per article (per-article
work) and routes (article, sentences) to the bucket of the article's story; one task per bucket
briefs its stories. Buckets are balanced by article count, largest stories first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..clean.text import article_sentences
from ..config.options import BriefingConfig
from ..model import Article, Sentence, Story, StoryBrief

if TYPE_CHECKING:
    from . import StoryBriefer

Routed = tuple[Article, list[Sentence] | None]  # sentences for originals; copies add none


def story_buckets(stories: list[Story], n_buckets: int) -> list[list[Story]]:
    """Stories dealt into at most `n_buckets` buckets, each story to the lightest bucket so far."""
    buckets: list[list[Story]] = [[] for _ in range(max(1, min(n_buckets, len(stories))))]
    load = [0] * len(buckets)
    for story in sorted(stories, key=lambda s: (-len(s.article_ids), s.id)):
        lightest = min(range(len(buckets)), key=lambda b: (load[b], b))
        buckets[lightest].append(story)
        load[lightest] += len(story.article_ids)
    return buckets


def route_to_buckets(
    articles: list[Article], bucket_of: dict[str, int], n_buckets: int, language: str, max_sentences: int | None
) -> list[list[Routed]]:
    out: list[list[Routed]] = [[] for _ in range(n_buckets)]
    for article in articles:
        sentences = article_sentences(article, language, max_sentences) if article.duplicate_of is None else None
        out[bucket_of[article.id]].append((article, sentences))
    return out


def routed_bucket(routed: list[list[Routed]], bucket: int) -> list[Routed]:
    return routed[bucket]


def brief_bucket(
    stories: list[Story], config: BriefingConfig, brief_one: StoryBriefer, *routed: list[Routed]
) -> list[StoryBrief]:
    by_id: dict[str, Article] = {}
    sentences: dict[str, list[Sentence]] = {}
    for part in routed:
        for article, article_sentences_ in part:
            by_id[article.id] = article
            if article_sentences_ is not None:
                sentences[article.id] = article_sentences_
    return [brief_one(story, by_id, sentences, config) for story in stories]
