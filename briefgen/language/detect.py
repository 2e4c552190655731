"""Which language an article is written in, from its own text.

py3langid (a naive Bayes model over byte n-grams, about 2 MB, shipped in the package: nothing is
downloaded) reads the title and the opening of the body. A page's declared language
(`<html lang>`) is a hint, not the answer: sites declare their template's language, so a German
article on a site whose template says "en" is German. The hint decides only when the text itself is
unsure between it and another language. Text the model is unsure about, with no hint, is read in
`DEFAULT_LANGUAGE`.
"""

from __future__ import annotations

import io
import lzma
from array import array
from functools import lru_cache
from pathlib import Path

import numpy as np

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
    """py3langid's model, inflated in memory once per process.

    py3langid's own loader inflates the model (68 MB) through a temporary file, so a full temporary
    folder, or a file-size limit, would stop the whole run at its first article; here the model is
    inflated in memory instead (held twice for a moment, then only as its arrays)."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    path = Path(MODEL_FILE) if Path(MODEL_FILE).is_absolute() else MODEL_DIR / MODEL_FILE
    with np.load(io.BytesIO(lzma.decompress(path.read_bytes())), allow_pickle=False) as data:
        return LanguageIdentifier(
            np.asarray(data["ptc"]), np.asarray(data["pc"]), data["classes"].tolist(),
            _unsigned(data["nextmove"]), data["out_feat"].tolist(), norm_probs=True, tk_row=_unsigned(data["nextmove_row"]),
        )


def _unsigned(values: np.ndarray) -> array:
    """A NumPy array of unsigned integers as the standard library's array, which py3langid indexes."""
    out = array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize])
    out.frombytes(np.ascontiguousarray(values).tobytes())
    return out


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
