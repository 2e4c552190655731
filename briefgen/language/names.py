"""Whether a capitalised word may be a name, by the rules of the article's language.

English capitalises names (and a sentence's first word); German capitalises every noun, so there a
lone capitalised word ("Sitz", "Aufsichtsrat") is as likely a common noun as a name, and only a run of
two or more capitalised words ("Deutsche Bank", "Olaf Scholz") or an acronym is taken for one.
Chinese and Japanese have no capitals: no word is a name by its form.
"""

from __future__ import annotations

from .words import stop_words

# Languages that capitalise every noun.
NOUNS_CAPITALISED = frozenset({"de", "lb"})
# Languages whose script has no letter case.
NO_CAPITALS = frozenset({"zh", "ja", "ko", "th", "ar", "he", "fa", "hi"})


def lone_capital_is_name(code: str) -> bool:
    """Whether one capitalised word standing alone can be taken for a name in this language."""
    return code not in NOUNS_CAPITALISED and code not in NO_CAPITALS


def is_glue_word(word: str, code: str) -> bool:
    """A function word of the language ("Die", "Le", "В"), capitalised only because it opens a sentence."""
    return word.lower() in stop_words(code)
