"""Which language an article is written in, from its own text.

py3langid (a naive Bayes model over byte n-grams, about 2 MB, shipped in the package: nothing is
downloaded) reads the title and the opening of the body. A page's declared language
(`<html lang>`) is a hint, not the answer: sites declare their template's language, so a German
article on a site whose template says "en" is German. The hint decides only when the text itself is
unsure between it and another language. Text the model is unsure about, with no hint, is read in
`DEFAULT_LANGUAGE`.
"""

from __future__ import annotations

from functools import lru_cache

from .codes import DEFAULT_LANGUAGE

# The opening of an article says its language as well as the whole: reading more costs time only
# (1,500 characters cost twice the time and got 2 more of the 421 real pages of bench/languages.py right).
SAMPLE_CHARS = 600
# Below this probability (after py3langid's length calibration) the text is too short or too mixed to tell.
MIN_CONFIDENCE = 0.5
# ... and a declared language the text gives at least this probability is taken over the model's first choice.
HINT_CONFIDENCE = 0.05
# Too little text to read a language from (a word or two): the hint, else the default. A letter of
# a script without spaces (Chinese, Japanese) counts twice: one says as much as a short word.
MIN_LETTERS = 20


# py3langid's labels that are varieties of a language ISO 639-1 names: read by that language's rules.
# ("zxx": no linguistic content, and the other labels of three letters, are kept as they are.)
_VARIETY_OF = {"ary": "ar", "arz": "ar", "yue": "zh", "wuu": "zh", "gug": "gn", "uzs": "uz", "grc": "el", "hbo": "he"}


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, declared: str | None = None) -> str:
    """The ISO 639-1 code of the language `text` is written in; `declared` (a code) is the page's own claim."""
    sample = text[:SAMPLE_CHARS]
    if sum(1 if c.isascii() else 2 for c in sample if c.isalpha()) < MIN_LETTERS:
        return declared or DEFAULT_LANGUAGE
    ranked = [(_VARIETY_OF.get(code, code), p) for code, p in _identifier().rank(sample)[:5]]
    best, confidence = ranked[0]
    if declared and declared != best:
        hinted = max((p for code, p in ranked if code == declared), default=0.0)
        if hinted >= HINT_CONFIDENCE:
            return declared
    if confidence < MIN_CONFIDENCE:
        return declared or DEFAULT_LANGUAGE
    return best
