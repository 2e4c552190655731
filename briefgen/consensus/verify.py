"""Is every citation true? A check independent of the matcher that made the citations.

The consensus stage cites an article when one of its sentences carries the fact (stemmed, weighted
word overlap). This check asks something stricter and simpler of the cited article's own text: some
sentence there holds most of the cited sentence's plain words (no stemming, no weights), and the
article as a whole holds the cited sentence's names and numbers. A citation that fails is reported
with both texts, so a person can judge it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..clean.text import split_sentences, words
from ..model import Briefing

_STOP = frozenset(
    """a an and are as at be been but by for from had has have he her his in is it its of on or said
    says that the their they this to was were which who will with would""".split()
)
_NAME_OR_NUMBER = re.compile(r"\b(?:[A-Z][a-z]+(?:[- ][A-Z][a-z]+)*|\d[\d,.]*)\b")

WORDS_FOUND = 0.4  # share of the cited sentence's plain words found in one sentence of the article
NAMES_FOUND = 0.6  # share of its names and numbers found anywhere in the article


@dataclass(frozen=True)
class CitationCheck:
    sentence: str
    article: str
    outlet: str
    words_found: float
    names_found: float
    closest: str  # the cited article's sentence that holds most of the words

    @property
    def verified(self) -> bool:
        return self.words_found >= WORDS_FOUND and self.names_found >= NAMES_FOUND


def _plain_words(text: str) -> set[str]:
    return {w.lower() for w in words(text) if w.lower() not in _STOP and len(w) > 1}


def check_citations(briefing: Briefing) -> list[CitationCheck]:
    """One check per citation of every summary sentence."""
    checks = []
    for story in briefing.stories:
        for sentence in story.sentences:
            wanted = _plain_words(sentence.text)
            # the sentence's first word is capitalised by grammar, not because it names anything
            # (also when a quotation mark comes before it: '"Any arms deal …')
            first_word = re.search(r"\w", sentence.text)
            opening = first_word.start() if first_word else 0
            names = {m.group(0) for m in _NAME_OR_NUMBER.finditer(sentence.text) if m.start() > opening}
            for citation in sentence.sources:
                body = briefing.article(citation.article).body
                best, closest = 0.0, ""
                for paragraph in body.split("\n"):
                    for candidate in split_sentences(paragraph):
                        found = len(wanted & _plain_words(candidate)) / max(len(wanted), 1)
                        if found > best:
                            best, closest = found, candidate
                names_found = sum(name in body for name in names) / len(names) if names else 1.0
                checks.append(CitationCheck(sentence.text, citation.article, citation.outlet, best, names_found, closest))
    return checks
