"""sumy's nine algorithms behind one call, with a tokenizer that needs no downloaded data.

sumy summarises one document and returns the top sentences; briefgen needs a score for every
sentence of a story's pool, so each algorithm runs on one document built from the pool and the
ratings it computes are read off as scores. sumy's default tokenizer needs NLTK's punkt data, which
is never downloaded here, so it gets `OfflineTokenizer` (sentencex sentences, regex words) instead.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from functools import lru_cache

from sumy.models.dom import ObjectDocumentModel, Paragraph
from sumy.models.dom import Sentence as SumySentence
from sumy.summarizers.edmundson import EdmundsonSummarizer
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.random import RandomSummarizer
from sumy.summarizers.reduction import ReductionSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from ..clean.text import split_sentences, words
from ..config.options import ALGORITHMS
from ..language import language_code
from ..language import stop_words as language_stop_words
from ..language import tokens as language_tokens
from ..language.words import stemmer as language_stemmer

SUMMARIZERS = {
    "lexrank": LexRankSummarizer,
    "textrank": TextRankSummarizer,
    "lsa": LsaSummarizer,
    "luhn": LuhnSummarizer,
    "kl": KLSummarizer,
    "sumbasic": SumBasicSummarizer,
    "edmundson": EdmundsonSummarizer,
    "reduction": ReductionSummarizer,
    "random": RandomSummarizer,
}
assert set(SUMMARIZERS) == set(ALGORITHMS)


class OfflineTokenizer:
    """The tokenizer interface sumy expects (`to_sentences`, `to_words`), with no downloaded data."""

    def __init__(self, language: str = "english") -> None:
        self.language = language

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(split_sentences(paragraph, self.language))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        code = language_code(self.language or "en")
        return tuple(words(sentence)) if code == "en" else tuple(language_tokens(sentence, code))


@lru_cache(maxsize=16)
def stop_words(language: str) -> frozenset[str]:
    code = language_code(language or "en")
    if code == "en":
        return frozenset(get_stop_words("english"))
    return language_stop_words(code)  # sumy's list, else stopwords-iso's (sumy has no Russian list)


def sumy_summarizer(algorithm: str, language: str = "english"):
    """A sumy summarizer configured as briefgen uses it: the language's stemmer and stop words."""
    if algorithm not in SUMMARIZERS:
        raise ValueError(f"unknown algorithm {algorithm!r}; choose from {', '.join(SUMMARIZERS)}")
    stemmer = language_stemmer(language_code(language or "en"))
    if algorithm == "edmundson":
        # Edmundson's cue and key methods need bonus/stigma word lists that only a user can supply;
        # without them it ranks by title words (the articles' headlines) and location.
        summarizer = EdmundsonSummarizer(stemmer, cue_weight=0.0, key_weight=0.0, title_weight=1.0, location_weight=1.0)
        summarizer.null_words = stop_words(language)
        return summarizer
    summarizer = SUMMARIZERS[algorithm](stemmer)
    if hasattr(summarizer, "stop_words"):
        summarizer.stop_words = stop_words(language)
    return summarizer


def rate_with_sumy(
    sentences: Sequence[str],
    algorithm: str,
    *,
    language: str = "english",
    headings: Sequence[str] = (),
    seed: int = 0,
) -> list[float]:
    """sumy's own rating of each of `sentences` (distinct, stripped texts), in their order."""
    if not sentences:
        return []
    tokenizer = OfflineTokenizer(language)
    paragraph = Paragraph(
        [SumySentence(h, tokenizer, is_heading=True) for h in headings]
        + [SumySentence(s, tokenizer) for s in sentences]
    )
    document = ObjectDocumentModel([paragraph])
    summarizer = sumy_summarizer(algorithm, language)

    captured: dict = {}

    def capture(doc_sentences, count, rating, *args, **kwargs):
        rate = (lambda s: rating[s]) if isinstance(rating, dict) else (lambda s: rating(s, *args, **kwargs))
        captured.update({s: float(rate(s)) for s in doc_sentences})
        return ()

    summarizer._get_best_sentences = capture  # read every rating instead of the top few
    state = random.getstate()
    random.seed(seed)
    try:
        summarizer(document, len(sentences))
    finally:
        random.setstate(state)
    by_text = {str(s): score for s, score in captured.items()}
    return [by_text.get(s, 0.0) for s in sentences]
