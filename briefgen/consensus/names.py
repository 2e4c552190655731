"""One name, one term: "U.N.", "UN" and "United Nations" are the same word to the fact matcher.

Outlets spell the same organisation differently — the AP writes "U.N.", the Times "UN", a third
outlet "United Nations" — and as plain stemmed words those share nothing ("u.n", a dropped stop word
"un", "unit" + "nation"), so two sentences reporting one fact look further apart than they are.
Within a story, every acronym is read as one upper-case term ("UN"), dotted or not, and a run of
capitalised words whose initials spell an acronym the story uses ("United Nations", "Democratic
People's Republic of Korea" → "DPRK") is read as that acronym. Upper-case terms never collide with
the stemmer's lower-case ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..summarize.select import content_terms

# "U.N.", "U.S." (dotted letters) or "UN", "DPRK", "NATO" (2–6 capitals standing alone).
_ACRONYM = re.compile(r"\b(?:[A-Z]\.){2,}(?![A-Za-z])|\b[A-Z]{2,6}\b")
_CAPITALISED = re.compile(r"[A-Z][A-Za-z]*(?:['’]s)?")
# Small words a name's expansion may hold without their initial ("Republic of Korea").
_CONNECTORS = {"of", "the", "and", "for", "&"}
_TOKEN = re.compile(r"\S+")


def acronym(text: str) -> str:
    """ "U.N." → "UN": the letters of an acronym, without dots."""
    return text.replace(".", "")


def story_acronyms(texts: Iterable[str]) -> frozenset[str]:
    return frozenset(acronym(m.group()) for text in texts for m in _ACRONYM.finditer(text))


def name_spans(text: str, acronyms: frozenset[str]) -> list[tuple[int, int, str]]:
    """(start, end, acronym) of every acronym and every spelled-out name of one in the text."""
    spans = [(m.start(), m.end(), acronym(m.group())) for m in _ACRONYM.finditer(text)]
    taken = [(s, e) for s, e, _ in spans]
    for start, end, key in _expansions(text, acronyms):
        if not any(s < end and start < e for s, e in taken):
            spans.append((start, end, key))
    return sorted(spans)


def _expansions(text: str, acronyms: frozenset[str]) -> list[tuple[int, int, str]]:
    """Runs of capitalised words whose initials spell one of the story's acronyms, longest first."""
    if not acronyms:
        return []
    prefixes = _prefixes(acronyms)
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    found, i = [], 0
    while i < len(tokens):
        if tokens[i][2].lstrip(_PUNCTUATION)[:1] not in prefixes:
            i += 1  # a name starts on a capital that starts an acronym: not here
            continue
        match = _longest_expansion(tokens, i, acronyms, prefixes)
        if match:
            end_index, key = match
            found.append((tokens[i][0], tokens[end_index][1], key))
            i = end_index + 1
        else:
            i += 1
    return found


@lru_cache(maxsize=64)  # one story's acronyms, asked once per sentence
def _prefixes(acronyms: frozenset[str]) -> frozenset[str]:
    """Every start of an acronym ("D", "DP", "DPR", "DPRK"): initials that are none of these can
    grow into no acronym, so the search for a name stops there."""
    return frozenset(a[:n] for a in acronyms for n in range(1, len(a) + 1))


def _longest_expansion(tokens, i: int, acronyms: frozenset[str], prefixes: frozenset[str]) -> tuple[int, str] | None:
    """(index of the last token, acronym) of the longest name starting at token i, if any."""
    initials, best = "", None
    for j in range(i, len(tokens)):
        word = _bare(tokens[j][2])
        if _CAPITALISED.fullmatch(word):
            initials += word[0]
            if initials not in prefixes:
                break  # no longer run of words spells an acronym either
            if len(initials) >= 2 and initials in acronyms:
                best = (j, initials)
        elif j == i or word.lower() not in _CONNECTORS:
            break
        if _ENDS_PHRASE.search(tokens[j][2]):
            break  # "Korea," — a comma, full stop or quote ends the name
    return best


_ENDS_PHRASE = re.compile(r"[,.;:!?\"”)’]$")


_PUNCTUATION = ",.;:!?\"“”()‘’"


def _bare(token: str) -> str:
    return token.strip(_PUNCTUATION)


def matching_terms(texts: list[str], language: str) -> list[frozenset[str]]:
    """Each sentence's content terms, every spelling of one name read as the same term."""
    acronyms = story_acronyms(texts)
    return [_terms(text, acronyms, language) for text in texts]


# A sentence re-posted by several outlets of one story is read with the same acronyms each time.
@lru_cache(maxsize=200_000)
def _terms(text: str, acronyms: frozenset[str], language: str) -> frozenset[str]:
    spans = name_spans(text, acronyms)
    if not spans:
        return content_terms(text, language)
    rest, last = [], 0
    for start, end, _ in spans:
        rest.append(text[last:start])
        last = end
    rest.append(text[last:])
    return content_terms(" ".join(rest), language) | {key for _, _, key in spans}
