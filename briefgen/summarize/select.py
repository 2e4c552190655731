"""Choosing among ranked sentences: no repeats (MMR), a budget, readable openings, reading order.

A story's pool holds the same fact in every outlet's words, so the most central sentences are
often near-copies of each other. Maximal Marginal Relevance (Carbonell & Goldstein, 1998) trades
centrality against what is already chosen: the next sentence maximises
    (1 − w) · relevance − w · (largest word overlap with a chosen sentence),
relevance being the score divided by the best score. Word overlap is the share of the smaller
sentence's content terms (stemmed, stop words dropped) found in the other: 1.0 when one says all the
other does, whatever their lengths — the measure the briefing's "no repeats" promise is stated in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..clean.text import words
from ..model import Article, Sentence
from .terms import sentence_terms


def word_overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller term set found in the other (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def content_terms(sentence: str, language: str = "english") -> frozenset[str]:
    return frozenset(sentence_terms(sentence, language))


def _scaled(relevance: Sequence[float]) -> list[float]:
    """Relevance mapped onto [0, 1] (algorithms score on different scales, some below zero)."""
    low, high = min(relevance, default=0.0), max(relevance, default=0.0)
    return [(r - low) / (high - low) if high > low else 1.0 for r in relevance]


class _Mmr:
    """Greedy MMR state: the largest overlap of each candidate with what has been chosen."""

    def __init__(self, terms: Sequence[frozenset[str]], relevance: Sequence[float], redundancy_weight: float) -> None:
        self.terms, self.weight = terms, redundancy_weight
        self.relevance = _scaled(relevance)
        by_relevance = sorted(range(len(relevance)), key=lambda i: (-relevance[i], i))
        self.rank = {i: r for r, i in enumerate(by_relevance)}
        self.closest = [0.0] * len(relevance)

    def best(self, remaining) -> int:
        """The candidate with the best marginal relevance; ties to the more relevant, then earlier."""
        return max(
            remaining,
            key=lambda i: ((1 - self.weight) * self.relevance[i] - self.weight * self.closest[i], -self.rank[i]),
        )

    def choose(self, chosen: int, remaining) -> None:
        for i in remaining:
            self.closest[i] = max(self.closest[i], word_overlap(self.terms[i], self.terms[chosen]))


def mmr_order(
    terms: Sequence[frozenset[str]],
    relevance: Sequence[float],
    *,
    redundancy_weight: float,
    limit: int | None = None,
) -> list[int]:
    """Indices in MMR order: each next one the most relevant given those before it.

    Only the `limit` most relevant candidates are ordered this way (MMR is quadratic in them); the
    rest follow by relevance.
    """
    by_relevance = sorted(range(len(relevance)), key=lambda i: (-relevance[i], i))
    head = by_relevance if limit is None else by_relevance[:limit]
    tail = [] if limit is None else by_relevance[limit:]
    mmr = _Mmr(terms, relevance, redundancy_weight)
    ordered: list[int] = []
    remaining = set(head)
    while remaining:
        best = mmr.best(remaining)
        remaining.discard(best)
        ordered.append(best)
        mmr.choose(best, remaining)
    return ordered + tail


def prefer_concise_wording(
    order: list[int], terms: Sequence[frozenset[str]], texts: Sequence[str], *, near: float
) -> list[int]:
    """`order` with each wording of a fact replaced, at the place the fact ranks, by its most concise one.

    Outlets word one fact slightly differently ("We urge the DPRK…" / "We're continuing to monitor
    this situation closely and we urge the DPRK…"), and which wording scores higher can flip when an
    unrelated sentence joins or leaves the pool. Two sentences whose word overlap reaches `near` are
    wordings of one fact: the one with fewer content terms (then shorter, then alphabetically first)
    moves up to where the first of them stands, so the choice depends on the two texts alone.
    """

    def concise(i: int):
        return (len(terms[i]), len(texts[i]), texts[i])

    result = list(order)
    position = 0
    while position < len(result):
        current = result[position]
        rivals = [j for j in result[position + 1 :] if word_overlap(terms[current], terms[j]) >= near]
        best = min(rivals, key=concise, default=None)
        if best is not None and concise(best) < concise(current):
            result.remove(best)
            result.insert(position, best)
            continue  # the moved one may itself have a more concise rival further down
        position += 1
    return result


def select_sentences(
    candidates: Sequence[str],
    scores: Sequence[float],
    *,
    max_sentences: int | None = 5,
    max_words: int | None = None,
    max_overlap: float = 0.5,
    redundancy_weight: float = 0.3,
    language: str = "english",
) -> list[int]:
    """Indices of the sentences to keep, in the order chosen (most important first).

    Candidates are taken in MMR order; one whose word overlap with a kept sentence reaches
    `max_overlap` says the same thing and is dropped; one that would take the summary past
    `max_words` is passed over (a shorter one may still fit). Stops at `max_sentences`.
    """
    if len(candidates) != len(scores):
        raise ValueError("one score per candidate is needed")
    terms = [content_terms(c, language) for c in candidates]
    mmr = _Mmr(terms, scores, redundancy_weight)
    remaining = set(range(len(candidates)))
    kept: list[int] = []
    used_words = 0
    while remaining and (max_sentences is None or len(kept) < max_sentences):
        best = mmr.best(remaining)
        remaining.discard(best)
        if any(word_overlap(terms[best], terms[k]) >= max_overlap for k in kept):
            continue
        n_words = len(words(candidates[best]))
        if max_words is not None and used_words + n_words > max_words:
            continue
        kept.append(best)
        used_words += n_words
        mmr.choose(best, remaining)
    return kept


def reading_order(sentences: Sequence[Sentence], articles: Mapping[str, Article]) -> list[Sentence]:
    """Sentences as a reader meets them: earlier articles first, then earlier in the article.

    Articles without a date come after dated ones; articles of the same date (or none) keep a
    stable order by id, so one article's sentences stay together.
    """

    def key(s: Sentence):
        published = articles[s.article_id].published if s.article_id in articles else None
        return (published is None, published or "", s.article_id, s.position, s.text)

    return sorted(sentences, key=key)
