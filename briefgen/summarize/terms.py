"""The terms sumy's graph algorithms see in a sentence, computed once per distinct word.

sumy's LexRank and TextRank turn a sentence into `[stem(w.lower()) for w in words if w.lower() not
in stop_words]` (`_to_words_set`), calling the Snowball stemmer once per running word. The same list
is built here from the same tokenizer, stop words and stemmer, but each distinct word is stemmed
once: on a 5,000-sentence pool that is ~20k stemmer calls instead of ~100k.

Any other language than English is read by `briefgen.language`: its tokens (words cut by a
segmenter for Chinese and Japanese), its stop words and its Snowball stemmer.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from sumy.nlp.stemmers import Stemmer

from ..clean.text import words
from ..language import DEFAULT_LANGUAGE, language_code
from ..language import content_terms as language_terms
from .sumy_adapter import stop_words


@lru_cache(maxsize=8)
def _stemmer(language: str) -> Stemmer:
    return Stemmer(language)


@lru_cache(maxsize=8)
def _normalised_stop_words(language: str) -> frozenset[str]:
    return frozenset(w.lower() for w in stop_words(language))


@lru_cache(maxsize=200_000)
def _stem(language: str, word: str) -> str:
    return _stemmer(language)(word)


def sentence_terms(sentence: str, language: str | None = "english") -> list[str]:
    """Stemmed, lower-cased words of one sentence, stop words dropped, repeats kept, in order.
    `language`: an ISO 639-1 code or an English name (None: the default, English)."""
    code = _code(language)
    if code != "en":
        return list(language_terms(sentence, code))
    return list(_sentence_terms(sentence, "english"))


@lru_cache(maxsize=256)
def _code(language: str | None) -> str:
    return language_code(language) if language else DEFAULT_LANGUAGE


# The same sentence is read by the summarizer, the fact matcher and the disagreement finder (which
# also asks word by word), and a re-post repeats its original's sentences.
@lru_cache(maxsize=200_000)
def _sentence_terms(sentence: str, language: str) -> tuple[str, ...]:
    stop = _normalised_stop_words(language)
    return tuple(_stem(language, w) for w in (w.lower() for w in words(sentence)) if w not in stop)


def pool_terms(sentences: Iterable[str], language: str | None = "english") -> list[list[str]]:
    return [sentence_terms(s, language) for s in sentences]
