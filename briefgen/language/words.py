"""Words as each language has them: tokens, stop words and stems.

- Tokens: runs of letters and digits; Chinese and Japanese, written without spaces, are cut into
  words by a segmenter shipped with its package (jieba's dictionary for Chinese, TinySegmenter's
  model for Japanese), so that "政策" is one term and not a whole sentence.
- Stop words: sumy's list for the language (the one its summarizers use), else stopwords-iso's (a
  maintained list of 50+ languages), else none.
- Stems: nltk's Snowball stemmer for the language (no download: the rules are code), sumy's own
  stemmers for Czech, Slovak, Polish, Ukrainian and Greek; a word as itself (lower-cased) elsewhere,
  which is right for Chinese and Japanese, whose words do not inflect as European ones do.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import lru_cache

from .codes import CJK, language_name

WORD = re.compile(r"\w+(?:['’.-]\w+)*")
_HAS_WORD_CHARACTER = re.compile(r"\w")


@lru_cache(maxsize=64)
def stop_words(code: str) -> frozenset[str]:
    """Lower-cased stop words of the language."""
    from sumy.utils import get_stop_words

    try:
        return frozenset(w.lower() for w in get_stop_words(language_name(code)))
    except LookupError:
        pass
    import stopwordsiso

    return frozenset(w.lower() for w in stopwordsiso.stopwords(code)) if stopwordsiso.has_lang(code) else frozenset()


@lru_cache(maxsize=64)
def stemmer(code: str) -> Callable[[str], str]:
    from sumy.nlp.stemmers import Stemmer, null_stemmer

    try:
        return Stemmer(language_name(code))
    except LookupError:
        return null_stemmer


@lru_cache(maxsize=400_000)
def stem(code: str, word: str) -> str:
    return stemmer(code)(word)


@lru_cache(maxsize=1)
def _japanese_segmenter():
    import tinysegmenter

    return tinysegmenter.TinySegmenter()


@lru_cache(maxsize=1)
def _chinese_segmenter():
    import warnings

    with warnings.catch_warnings():  # jieba imports the deprecated pkg_resources: not the user's concern
        warnings.simplefilter("ignore", UserWarning)
        import jieba

    jieba.setLogLevel(logging.WARNING)  # it announces loading its dictionary on stderr
    return jieba


def tokens(text: str, code: str) -> list[str]:
    """The words of `text`, in order; punctuation left out."""
    if code not in CJK:
        return WORD.findall(text)
    return list(_cjk_tokens(text, code))


@lru_cache(maxsize=200_000)
def _cjk_tokens(text: str, code: str) -> tuple[str, ...]:
    if code == "zh":
        pieces = _chinese_segmenter().lcut(text, HMM=False)
    else:
        pieces = _japanese_segmenter().tokenize(text)
    out: list[str] = []
    for piece in pieces:
        piece = piece.strip()
        if piece and _HAS_WORD_CHARACTER.search(piece):
            out += WORD.findall(piece) if piece.isascii() else [piece]
    return tuple(out)


@lru_cache(maxsize=200_000)
def content_terms(sentence: str, code: str) -> tuple[str, ...]:
    """Stemmed, lower-cased words of a sentence, its language's stop words dropped, repeats kept, in order."""
    stop = stop_words(code)
    lowered = (w.lower() for w in tokens(sentence, code))
    return tuple(stem(code, w) for w in lowered if w not in stop and (code not in CJK or len(w) > 1 or not w.isascii()))
