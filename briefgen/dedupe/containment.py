"""Copies much shorter than their original: a text whose word 5-grams nearly all stand in a longer article.

MinHash (`briefgen.dedupe.minhash`) compares two bodies by Jaccard similarity, which a copy reaches only when
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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ..clean.text import words
from ..model import Article
from .shingles import Shingles, body_shingles

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
# so a body twice as long is never short, and most articles are.
MAX_CONTAINED_CHARS = 3_000
# The share of the short text's shingles that must stand in the longer one: a copy keeps the
# original's words; a text that shares a few phrases with another is not one.
CONTAINED_SHARE = 0.9


def short_texts(articles: Iterable[Article]) -> dict[str, np.ndarray]:
    """{article id: its distinct shingles' hashes (`briefgen.dedupe.shingles`), sorted} for the texts short
    enough to be tested as a cut copy. The whole body, not its prose alone: a scrape keeps a list or
    table line the original's prose-only comparison text leaves out."""
    candidates = [a for a in articles if len(a.body) <= MAX_CONTAINED_CHARS]
    shingled = body_shingles([a.body for a in candidates], compared=False).whole
    counts = shingled.counts()
    out = {}
    for i, article in enumerate(candidates):
        if counts[i] <= MAX_CONTAINED_SHINGLES and _sentences(article.body) >= MIN_CONTAINED_SENTENCES:
            distinct = np.unique(shingled.of(i))
            if len(distinct) >= MIN_CONTAINED_SHINGLES:
                out[article.id] = distinct
    return out


def _sentences(text: str) -> int:
    return sum(len(words(piece)) >= _MIN_SENTENCE_WORDS for piece in _SENTENCE_BREAK.split(text))


@dataclass(frozen=True)
class ShortIndex:
    """The short texts' shingles, and where each shingle stands: `holders[starts[k]:starts[k + 1]]`
    are the short texts (indexes into `ids`) holding the shingle `keys[k]`."""

    ids: tuple[str, ...]  # the short articles, sorted
    sizes: np.ndarray  # distinct shingles of each
    keys: np.ndarray  # uint64: every distinct shingle of any short text, sorted
    starts: np.ndarray  # int64, one more than there are keys
    holders: np.ndarray  # int64

    @staticmethod
    def of(*parts: dict[str, np.ndarray]) -> ShortIndex:
        merged: dict[str, np.ndarray] = {}
        for part in parts:
            merged.update(part)
        ids = tuple(sorted(merged))
        sizes = np.array([len(merged[i]) for i in ids], dtype=np.int64)
        if not ids:
            empty: np.ndarray = np.zeros(0, dtype=np.int64)
            return ShortIndex(ids, sizes, np.zeros(0, dtype=np.uint64), np.zeros(1, dtype=np.int64), empty)
        hashes = np.concatenate([merged[i] for i in ids])
        holders: np.ndarray = np.repeat(np.arange(len(ids), dtype=np.int64), sizes)
        order = np.lexsort((holders, hashes))  # by shingle, then by short text
        hashes, holders = hashes[order], holders[order]
        keys, first = np.unique(hashes, return_index=True)
        return ShortIndex(ids, sizes, keys, np.append(first, len(hashes)).astype(np.int64), holders)


Containment = tuple[str, str, int]  # (short article id, container id, the container's length in shingles)


def containers(index: ShortIndex, articles: Sequence[Article], shingled: Shingles | None = None) -> list[Containment]:
    """Every (short text, longer article) pair where the longer article holds `CONTAINED_SHARE` of
    the short text's shingles. `shingled`: the articles' whole-body shingles when already made.

    All in numpy: each article's shingles are looked up in the index's sorted keys, the distinct
    (article, shingle) hits are spread to the short texts holding the shingle, and the hits of each
    (article, short text) pair are counted."""
    if not index.ids or not articles:
        return []
    if shingled is None:
        shingled = body_shingles([a.body for a in articles], compared=False).whole
    lengths = shingled.counts()  # an article's shingles, counted with repeats: how long it is
    at = np.minimum(np.searchsorted(index.keys, shingled.hashes), len(index.keys) - 1)
    hit = index.keys[at] == shingled.hashes
    article_of = np.repeat(np.arange(len(articles), dtype=np.int64), lengths)[hit]
    pairs = np.unique(article_of * len(index.keys) + at[hit])  # each shingle counted once per article
    article_of, key = pairs // len(index.keys), pairs % len(index.keys)
    spread = index.starts[key + 1] - index.starts[key]
    first: np.ndarray = np.repeat(index.starts[key] - (np.cumsum(spread) - spread), spread)
    short = index.holders[first + np.arange(len(first))]
    combined, shared = np.unique(np.repeat(article_of, spread) * len(index.ids) + short, return_counts=True)
    article_of, short = combined // len(index.ids), combined % len(index.ids)
    size = index.sizes[short]
    length = lengths[article_of]
    found = []
    for a, s, n_length in zip(*(x[(size < length) & (shared >= CONTAINED_SHARE * size)].tolist() for x in (article_of, short, length))):
        if index.ids[s] != articles[a].id:
            found.append((index.ids[s], articles[a].id, n_length))
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
    """(short text, its container) for the whole batch at once."""
    return best_containers(containers(ShortIndex.of(short_texts(articles)), articles))
