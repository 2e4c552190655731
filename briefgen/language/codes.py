"""Language codes: briefgen names a language by its ISO 639-1 code ("de"), and accepts the English
names the summarizer libraries use ("german") or a page's declared tag ("de-AT") wherever a user
gives one."""

from __future__ import annotations

import re

# Text that says too little to tell its language (a headline alone, a list of names), or mixes
# several, is read as English: the language most of briefgen's rules were written for.
DEFAULT_LANGUAGE = "en"

# ISO 639-1 code → the English name nltk's Snowball stemmers and sumy's stop-word lists use.
NAMES = {
    "ar": "arabic", "bg": "bulgarian", "ca": "catalan", "cs": "czech", "da": "danish", "de": "german",
    "el": "greek", "en": "english", "es": "spanish", "et": "estonian", "fa": "persian", "fi": "finnish",
    "fr": "french", "he": "hebrew", "hi": "hindi", "hr": "croatian", "hu": "hungarian", "id": "indonesian",
    "it": "italian", "ja": "japanese", "ko": "korean", "lt": "lithuanian", "lv": "latvian", "nl": "dutch",
    "no": "norwegian", "pl": "polish", "pt": "portuguese", "ro": "romanian", "ru": "russian", "sk": "slovak",
    "sl": "slovenian", "sr": "serbian", "sv": "swedish", "th": "thai", "tr": "turkish", "uk": "ukrainian",
    "vi": "vietnamese", "zh": "chinese",
}
_BY_NAME = {name: code for code, name in NAMES.items()}
# Written without spaces between words: split into words by a segmenter, sentences end at 。！？
CJK = frozenset({"zh", "ja"})
_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*$")


def language_code(value: str) -> str:
    """ "German", "german", "de", "de-DE", "de_AT" → "de". Raises ValueError for a language briefgen
    does not know by name, or a value that is no language tag."""
    text = value.strip()
    if text.lower() in _BY_NAME:
        return _BY_NAME[text.lower()]
    match = _TAG.match(text)
    if match and len(match.group(1)) == 2:
        return match.group(1).lower()
    raise ValueError(f"unknown language {value!r}: give an ISO 639-1 code (de, fr, zh) or an English name (german)")


def declared_code(value: str | None) -> str | None:
    """A page's declared language (`<html lang="de-DE">`) as a code; None when it says nothing usable."""
    if not value:
        return None
    try:
        return language_code(value)
    except ValueError:
        return None


def language_name(code: str) -> str:
    """The English name of a code, as nltk and sumy spell it ("de" → "german"); the code itself when unknown."""
    return NAMES.get(code, code)


def language_display_name(code: str) -> str:
    """The language's name for an English reader: "de" → "German"."""
    return NAMES.get(code, code).capitalize() if code in NAMES else code
