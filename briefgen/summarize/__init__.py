"""Stage 5 — summarize: rank a story's sentence pool, across all its articles, without repeats.

`rank_sentences` scores sentences by any of sumy's nine algorithms. LexRank and TextRank run on
sparse matrices (`graph.py`): the same scores as sumy's implementation on the same tokens, hundreds
of times faster; the other seven go through sumy itself (`sumy_adapter.py`). `rank_pool` turns the
scores into the order the consensus stage reads candidates in: centrality, lowered for sentences
that open on an unresolved reference, and redundancy control (MMR, `select.py`) so that a fact
already near the top does not come back in another outlet's words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from ..clean.text import word_count
from ..config.options import BriefingConfig
from ..editor.fitness import article_line_faults, dangling_opening
from ..model import Article, Sentence
from .graph import lexrank_scores, textrank_scores
from .select import (
    content_terms,
    mmr_order,
    prefer_concise_wording,
    reading_order,
    select_sentences,
    word_overlap,
)
from .sumy_adapter import SUMMARIZERS, OfflineTokenizer, rate_with_sumy, sumy_summarizer
from .terms import pool_terms, sentence_terms

__all__ = [
    "GRAPH_ALGORITHMS",
    "SUMMARIZERS",
    "OfflineTokenizer",
    "content_terms",
    "mmr_order",
    "prefer_concise_wording",
    "rank_pool",
    "rank_sentences",
    "reading_order",
    "select_sentences",
    "sentence_pool",
    "sentence_terms",
    "sumy_summarizer",
    "word_overlap",
]

# The algorithms with a vectorised implementation, used unless `engine="sumy"` is asked for.
GRAPH_ALGORITHMS: dict[str, Callable[[list[list[str]]], np.ndarray]] = {
    "lexrank": lexrank_scores,
    "textrank": textrank_scores,
}

# Sentences outside these bounds are rarely good briefing lines: fragments, or run-on paragraphs
# that a scraper failed to split.
MIN_WORDS, MAX_WORDS = 8, 70
# MMR orders this many of the best candidates (it is quadratic in them); the consensus stage keeps a
# few sentences per story and seldom reads further down.
MMR_CANDIDATES = 60
# Two sentences sharing this much of the smaller one's content terms are wordings of one fact.
SAME_FACT_OVERLAP = 0.8


def rank_sentences(
    sentences: list[str],
    algorithm: str = "lexrank",
    *,
    language: str = "english",
    headings: Sequence[str] = (),
    seed: int = 0,
    engine: str = "auto",
) -> list[float]:
    """One score per sentence (higher is more central), by one of sumy's algorithms.

    `engine="auto"` uses the vectorised implementation where one exists (LexRank, TextRank) and
    sumy otherwise; `engine="sumy"` always runs sumy's own code. Sentences are identified by their
    stripped text, as sumy does: repeats get the score of their text, computed once. `headings`
    (the articles' titles) only matter to Edmundson; `seed` only to Random.
    """
    if algorithm not in SUMMARIZERS:
        raise ValueError(f"unknown algorithm {algorithm!r}; choose from {', '.join(SUMMARIZERS)}")
    if engine not in ("auto", "sumy"):
        raise ValueError(f"unknown engine {engine!r}; choose from auto, sumy")
    texts = [s.strip() for s in sentences]
    if engine == "auto" and algorithm in GRAPH_ALGORITHMS:
        # The graph algorithms do not depend on sentence order; a canonical order makes the scores
        # bit-identical whatever order the same sentences come in.
        unique = sorted(set(texts))
        scores = GRAPH_ALGORITHMS[algorithm](pool_terms(unique, language)).tolist()
    else:
        unique = list(dict.fromkeys(texts))  # first-seen order: Edmundson and Random depend on it
        scores = rate_with_sumy(unique, algorithm, language=language, headings=headings, seed=seed)
    by_text = dict(zip(unique, scores))
    return [float(by_text[t]) for t in texts]


def sentence_pool(articles: list[Article], sentences: dict[str, list[Sentence]]) -> list[Sentence]:
    """A story's candidate sentences: from originals only (copies add nothing), each text once,
    informative statements only (`briefgen.editor.fitness`)."""
    pool: list[Sentence] = []
    seen: set[str] = set()
    for article in sorted(articles, key=lambda a: a.id):
        if article.duplicate_of is not None:
            continue
        own = sentences.get(article.id, [])
        # Only complete statements: not a list item, heading, caption, question ("What charges
        # does he face?"), a line introducing what follows ("Tour dates:") or a fragment.
        faults = article_line_faults([s.text for s in own])
        for sentence, fault in zip(own, faults):
            n = word_count(sentence.text)  # Chinese and Japanese: about two characters a word
            if MIN_WORDS <= n <= MAX_WORDS and fault is None and sentence.text not in seen:
                seen.add(sentence.text)
                pool.append(sentence)
    return pool


def rank_pool(pool: list[Sentence], headlines: Sequence[str], config: BriefingConfig) -> list[Sentence]:
    """The pool in the order the consensus stage should consider it: central, readable, new first.

    Scores are scaled to [0, 1] (sumy's algorithms rate on different scales, some negative), a
    sentence opening on an unresolved reference is weighted by `config.dangling_opening_weight`,
    and the best `MMR_CANDIDATES` are put in MMR order with `config.redundancy_weight`; where two
    of them word one fact (overlap ≥ `SAME_FACT_OVERLAP`) the more concise wording takes the place
    of the better-ranked one. Ties go to the sentence earlier in its article, then by text: nothing
    depends on article ids or pool order, so a story re-posted elsewhere with other junk ranks the same.
    """
    if not pool:
        return []
    canonical = sorted(pool, key=lambda s: (s.position, s.text, s.article_id))
    texts = [s.text for s in canonical]
    scores = np.array(
        rank_sentences(texts, config.algorithm, language=config.language or "en", headings=headlines, seed=config.seed)
    )
    spread = scores.max() - scores.min()
    relevance = (scores - scores.min()) / spread if spread > 0 else np.ones(len(scores))
    weights = np.array([config.dangling_opening_weight if dangling_opening(s.text) else 1.0 for s in canonical])
    relevance = (relevance * weights).tolist()
    terms = [content_terms(s.text, config.language or "en") for s in canonical]
    order = mmr_order(terms, relevance, redundancy_weight=config.redundancy_weight, limit=MMR_CANDIDATES)
    head = prefer_concise_wording(order[:MMR_CANDIDATES], terms, texts, near=SAME_FACT_OVERLAP)
    return [canonical[i] for i in head + order[MMR_CANDIDATES:]]
