"""The language of a headline or a line in another script than the page's, for its `lang` attribute.

A screen reader reads a Korean headline with a Korean voice, and a browser picks fonts that draw it
right, only when the element says `lang="ko"`. Articles carry no reliable language tag, so the
script the text is written in decides, and only where the script names one language: Hangul is
Korean, kana is Japanese, Thai, Greek, Hebrew, Georgian and Armenian are theirs; Han characters
without kana are Chinese. Latin, Cyrillic, Arabic and Devanagari are each written in many
languages: no `lang` is guessed for them.
"""

from __future__ import annotations

import unicodedata

# the Unicode character name's first word → the one language its script is written in
_SCRIPT_LANGUAGE = {
    "HANGUL": "ko",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "CJK": "zh",
    "THAI": "th",
    "GREEK": "el",
    "HEBREW": "he",
    "GEORGIAN": "ka",
    "ARMENIAN": "hy",
}


def text_language(text: str, page_language: str = "en") -> str | None:
    """The language of `text` when its letters are mostly in a script of one language other than the
    page's; None when that cannot be told (or it is the page's own)."""
    counts: dict[str, int] = {}
    letters = 0
    for char in text:
        if not char.isalpha():
            continue
        letters += 1
        script = unicodedata.name(char, "").split(" ", 1)[0]
        if script in _SCRIPT_LANGUAGE:
            counts[_SCRIPT_LANGUAGE[script]] = counts.get(_SCRIPT_LANGUAGE[script], 0) + 1
    if not letters or not counts:
        return None
    if "ja" in counts:  # Japanese mixes kana with Han characters: any kana makes Han Japanese
        counts["ja"] += counts.pop("zh", 0)
    language, count = max(counts.items(), key=lambda item: (item[1], item[0]))
    if count * 2 < letters or language == page_language:
        return None
    return language
