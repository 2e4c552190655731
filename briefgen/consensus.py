"""Stage 6 — consensus: keep the facts that several independent outlets report, and cite them all.

A candidate sentence's fact is "reported" by another article when one of that article's sentences
carries most of the candidate's content words (stemmed, stop words dropped), weighted by how rare
each word is in the story: every article of a story names "Russia" and "Kirby", so those words say
little about which fact a sentence reports; "letters" or "resolutions" say a lot. Support is counted
in independent outlets: two articles of one outlet, or a syndicated copy, count once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from nltk.stem.snowball import SnowballStemmer
from sumy.utils import get_stop_words

from .clean import words
from .config import BriefingConfig
from .model import Article, Citation, Sentence, StoryBrief, Story, SummarySentence


@lru_cache(maxsize=4)
def _stemmer(language: str) -> SnowballStemmer:
    return SnowballStemmer(language)


@lru_cache(maxsize=4)
def _stop_words(language: str) -> frozenset[str]:
    return frozenset(get_stop_words(language))


def content_terms(text: str, language: str = "english") -> frozenset[str]:
    stem = _stemmer(language).stem
    stop = _stop_words(language)
    return frozenset(stem(w) for w in (w.lower() for w in words(text)) if w not in stop)


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller set found in the other: 1.0 when one sentence says all the other does."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def outlet_key(article: Article) -> str:
    """Articles with the same key are not independent of each other."""
    return article.outlet or article.host or f"unknown:{article.id}"


@dataclass(frozen=True)
class _Evidence:
    article: Article
    terms: tuple[frozenset[str], ...]  # one term set per sentence of the article


def brief_story(
    story: Story,
    articles: dict[str, Article],
    sentences: dict[str, list[Sentence]],
    ranked: list[Sentence],
    headline: str,
    config: BriefingConfig,
) -> StoryBrief:
    members = [articles[i] for i in story.article_ids]
    originals = [a for a in members if a.duplicate_of is None]
    evidence = [
        _Evidence(a, tuple(content_terms(s.text, config.language) for s in sentences.get(a.id, [])))
        for a in sorted(originals, key=lambda a: (a.published or "9999", a.id))
    ]

    weight = _term_weights([t for e in evidence for t in e.terms])

    kept: list[tuple[SummarySentence, frozenset[str], int]] = []
    for rank, candidate in enumerate(ranked):
        if len(kept) >= config.sentences_per_story:
            break
        terms = content_terms(candidate.text, config.language)
        if len(terms) < 3 or any(overlap(terms, t) >= config.max_overlap for _, t, _ in kept):
            continue
        sources = _supporting_articles(candidate, terms, evidence, weight, config)
        if len({outlet_key(a) for a in sources}) < config.min_sources:
            continue
        citations = tuple(Citation(a.outlet_label, a.title, a.url, a.id) for a in sources)
        kept.append((SummarySentence(candidate.text, candidate.article_id, citations), terms, rank))

    # Facts that more outlets carry come first; among equals, the more central one.
    kept.sort(key=lambda item: (-item[0].support, item[2]))
    outlets = sorted({a.outlet_label for a in originals})
    return StoryBrief(story=story, headline=headline, outlets=tuple(outlets), sentences=tuple(k[0] for k in kept))


def _term_weights(sentence_terms: list[frozenset[str]]) -> dict[str, float]:
    """Inverse sentence frequency of each term within one story."""
    df: dict[str, int] = {}
    for terms in sentence_terms:
        for term in terms:
            df[term] = df.get(term, 0) + 1
    n = len(sentence_terms)
    return {term: math.log((n + 1) / (count + 0.5)) for term, count in df.items()}


def _supporting_articles(
    candidate: Sentence,
    terms: frozenset[str],
    evidence: list[_Evidence],
    weight: dict[str, float],
    config: BriefingConfig,
) -> list[Article]:
    """The quoted article first, then one article per other outlet that carries the fact."""
    quoted = next(e.article for e in evidence if e.article.id == candidate.article_id)
    found = {outlet_key(quoted): quoted}
    total = sum(weight.get(t, 0.0) for t in terms) or 1.0
    for e in evidence:
        key = outlet_key(e.article)
        if key in found:
            continue
        if any(sum(weight.get(w, 0.0) for w in terms & t) / total >= config.fact_match for t in e.terms):
            found[key] = e.article
    return list(found.values())
