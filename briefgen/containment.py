"""Copies much shorter than their original: a text whose word 5-grams nearly all stand in a longer article.

MinHash (`briefgen.dedupe`) compares two bodies by Jaccard similarity, which a copy reaches only when
it holds most of the original. A plain-text scrape of a page made of short lines (a gift list, a race
calendar, a stat sheet, a caption page) keeps its few prose-shaped lines and loses the rest: 12 of 95
words, 51 of 90. What it keeps is the original's, word for word, but it is a small part of it, so the
Jaccard similarity stays far under the threshold. Containment — the share of the short text's
shingles found in the longer one — says what Jaccard cannot: this text is cut from that one.

Only short texts are tested, which keeps the index small (the whole shingle sets of the short
texts, every article's shingles looked up in it once), and a text must be more than a sentence long:
a sentence two outlets both carry is a fact they share, and a line of common words ("Mostly sunny,
with a high near 75.") could stand in many articles.
Each short text is linked to its single best container, never one container to another through it,
so two longer articles that each quote the same short piece are not made copies of each other.

The stages are split so an engine can run them by partition: `short_texts` per partition, merged
by `ShortIndex.of`, `containers` per partition against the whole index, `best_containers` over all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .clean import words
from .model import Article

SHINGLE = 5  # the word 5-grams dedupe compares on (`dedupe.SHINGLE`)
# A short text must hold at least two sentences or lines, and this many shingles (20 words): two
# outlets that carry the same sentence share a fact, which the consensus stage counts as two sources;
# it takes more to call one text a copy of the other.
MIN_CONTAINED_SHINGLES = 16
MIN_CONTAINED_SENTENCES = 2
# where a text breaks into sentences or lines, for counting them (an abbreviation's full stop makes
# one sentence count as two: the rule errs towards testing a text, and the share still decides)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?。！？])\s+|\n")
_MIN_SENTENCE_WORDS = 3
# Longer texts reach the Jaccard threshold when they are copies, unless the original is far longer;
# the cap bounds the index (the shingle sets of texts of up to ~250 words).
MAX_CONTAINED_SHINGLES = 250
# Longer bodies are not read for the index at all: 250 shingles of English are about 1,500 characters,
# so a body twice as long is never short, and most articles are; reading their words twice would
# be the pass's main cost.
MAX_CONTAINED_CHARS = 3_000
# The share of the short text's shingles that must stand in the longer one: a copy keeps the
# original's words; a text that shares a few phrases with another is not one.
CONTAINED_SHARE = 0.9


Shingle = tuple[str, ...]  # five words in a row, lower-cased (a tuple: hashed faster than a joined string)


def _body_words(article: Article) -> list[str]:
    """The words of the article's whole body, lower-cased. The whole body, not its prose alone: a
    scrape keeps a list or table line the original's prose-only comparison text leaves out."""
    return words(article.body.lower())


def _shingle_run(tokens: list[str]) -> Iterable[Shingle]:
    return zip(*(tokens[i:] for i in range(SHINGLE)))


def short_texts(articles: Iterable[Article]) -> dict[str, frozenset[Shingle]]:
    """{article id: its shingles} for the texts short enough to be tested as a cut copy. (Words are
    read again in `containers` rather than kept: kept for every article, they would more than double
    dedupe's memory.)"""
    out = {}
    for article in articles:
        if len(article.body) > MAX_CONTAINED_CHARS:
            continue
        tokens = _body_words(article)
        if len(tokens) - SHINGLE + 1 <= MAX_CONTAINED_SHINGLES and _sentences(article.body) >= MIN_CONTAINED_SENTENCES:
            shingles = frozenset(_shingle_run(tokens))
            if len(shingles) >= MIN_CONTAINED_SHINGLES:
                out[article.id] = shingles
    return out


def _sentences(text: str) -> int:
    return sum(len(words(piece)) >= _MIN_SENTENCE_WORDS for piece in _SENTENCE_BREAK.split(text))


@dataclass(frozen=True)
class ShortIndex:
    """The short texts' shingles, and where each shingle stands."""

    sizes: dict[str, int]  # short article id → its number of shingles
    postings: dict[Shingle, tuple[str, ...]]  # shingle → the short articles holding it

    @staticmethod
    def of(*parts: dict[str, frozenset[Shingle]]) -> ShortIndex:
        sizes: dict[str, int] = {}
        postings: dict[Shingle, list[str]] = {}
        for part in parts:
            for article_id in sorted(part):
                sizes[article_id] = len(part[article_id])
                for shingle in part[article_id]:
                    postings.setdefault(shingle, []).append(article_id)
        return ShortIndex(sizes, {s: tuple(sorted(ids)) for s, ids in postings.items()})


Containment = tuple[str, str, int]  # (short article id, container id, the container's length in shingles)


def containers(index: ShortIndex, articles: Iterable[Article]) -> list[Containment]:
    """Every (short text, longer article) pair where the longer article holds `CONTAINED_SHARE` of
    the short text's shingles. Only the shingles
    some short text holds are kept while an article is read: most of its shingles are in none."""
    if not index.sizes:
        return []
    found = []
    for article in articles:
        article_id, tokens = article.id, _body_words(article)
        length = len(tokens) - SHINGLE + 1  # its shingles, counted with repeats: how long it is
        seen: set[Shingle] = set()
        shared: dict[str, int] = {}
        for shingle in _shingle_run(tokens):
            holders = index.postings.get(shingle)
            if holders and shingle not in seen:
                seen.add(shingle)
                for short_id in holders:
                    shared[short_id] = shared.get(short_id, 0) + 1
        for short_id, n in shared.items():
            size = index.sizes[short_id]
            if short_id != article_id and size < length and n >= CONTAINED_SHARE * size:
                found.append((short_id, article_id, length))
    return found


def best_containers(found: Iterable[Containment]) -> list[tuple[str, str]]:
    """(short text, the one article it is a copy of): the longest of its containers, then the first
    by id, whatever order the pairs were found in. The longest, as the original is the fullest
    version: other cut copies of the same page contain the short text too, often whole, and linking
    each to the next would make a group of copies apart from their original."""
    best: dict[str, tuple[int, str]] = {}
    for short_id, container_id, container_size in found:
        key = (-container_size, container_id)
        if short_id not in best or key < best[short_id]:
            best[short_id] = key
    return sorted((short_id, container_id) for short_id, (_, container_id) in best.items())


def contained_copies(articles: list[Article]) -> list[tuple[str, str]]:
    """(short text, its container) for the whole batch at once: the local engine's way."""
    return best_containers(containers(ShortIndex.of(short_texts(articles)), articles))
