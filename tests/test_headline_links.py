"""Headline-only records: which shared words can link two of them into one story.

A headline is a handful of words. Two headlines that share one word ("review", "video", "best")
are as often two stories as one, so a link needs two distinct shared words; and a word is one word
wherever it stands, so a word in both a record's headline and its URL is still one shared word.
"""

from __future__ import annotations

from briefgen import BriefingConfig
from briefgen.cluster import cluster_articles
from briefgen.model import Article


def _headline(n: int, title: str, url: str | None = None) -> Article:
    return Article(id=f"h{n}", path=f"feed.jsonl#{n}", title=title, body="", url=url)


def _groups(articles: list[Article]) -> list[list[str]]:
    title = {a.id: a.title for a in articles}
    stories = cluster_articles(articles, BriefingConfig())
    return sorted(sorted(title[i] for i in story.article_ids) for story in stories)


def test_two_headlines_that_share_one_word_are_two_stories():
    articles = [_headline(1, "Titanfall review"), _headline(2, "Cosmos review")]
    assert _groups(articles) == [["Cosmos review"], ["Titanfall review"]]


def test_two_headlines_that_share_two_words_are_one_story():
    articles = [_headline(1, "Titanfall review: giant robots"), _headline(2, "Titanfall review roundup")]
    assert len(_groups(articles)) == 1


def test_a_word_in_both_headline_and_url_is_still_one_shared_word():
    # "review" is in each record's headline and again in its URL: one shared word, not two
    articles = [
        _headline(1, "Review: Titanfall", "http://games.example.com/2014/03/review-titanfall/"),
        _headline(2, "Review: Cosmos", "http://tv.example.org/review-cosmos/"),
    ]
    assert len(_groups(articles)) == 2


def test_a_word_of_one_url_is_shared_with_the_same_word_in_another_headline():
    # the second word the pair shares stands in the first record's URL and the second's headline
    articles = [
        _headline(1, "Titanfall opens to all", "http://games.example.com/titanfall-beta-opens/"),
        _headline(2, "Titanfall beta crowded on day one"),
    ]
    assert len(_groups(articles)) == 1
