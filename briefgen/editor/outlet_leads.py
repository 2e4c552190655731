"""What each outlet leads with: the story's lines when its outlets share no fact.

A story several outlets cover but whose articles share no fact the word match can find (one
outlet's preview of a hearing, another's account of it; a news report and an opinion piece) would
otherwise show nothing. Each outlet's own lead — the first informative sentence of its earliest
article, its dateline removed — says what that outlet thought the news was; each line is labelled
as that outlet's alone, so the consensus promise (a fact shown as shared is shared) still holds.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..clean.text import word_count, words
from ..model import Article, Citation, Sentence, SummarySentence
from .fitness import (
    article_line_faults,
    dangling_opening,
    leans_on_earlier_text,
    refers_back,
    stands_alone_fault,
    unintroduced_speaker,
)

# Where a lead is looked for: an article's first sentences (a heading or a caption can come first).
LEAD_SEARCH = 8
MIN_LEAD_WORDS, MAX_LEAD_WORDS = 8, 70
# A dateline opens a news article's first sentence: a place (capitalised words, up to five),
# an outlet in brackets, or both, then a dash — "WASHINGTON (AP) —", "BERLIN --", "(Reuters) —",
# "Hong Kong (CNN Business)". It tells where the story was filed, not what happened.
_DATELINE = re.compile(
    r"^(?:(?:[A-Z][\w.'’-]*,?\s+){0,4}[A-Z][\w.'’-]*,?\s*(?:\([^()]{1,40}\)\s*)?(?:--|[—–-])\s+"
    r"|(?:(?:[A-Z][\w.'’-]*,?\s+){0,4}[A-Z][\w.'’-]*\s*)?\([^()]{1,40}\)(?:\s*(?:--|[—–-])\s+|(?=[A-Z])))"
    r"(?=[\"“‘A-Z0-9])"
)


def without_dateline(sentence: str) -> str:
    """The sentence with a leading dateline removed (unchanged when it has none)."""
    rest = _DATELINE.sub("", sentence, count=1)
    return rest if len(words(rest)) >= MIN_LEAD_WORDS else sentence


def lead_sentence(sentences: list[Sentence]) -> Sentence | None:
    """The first informative sentence among an article's first `LEAD_SEARCH`, or None."""
    head = sentences[:LEAD_SEARCH]
    for sentence, fault in zip(head, article_line_faults([s.text for s in head])):
        n = word_count(sentence.text)  # Chinese and Japanese: about two characters a word
        if (
            fault is None
            and MIN_LEAD_WORDS <= n <= MAX_LEAD_WORDS
            and not dangling_opening(sentence.text)
            and not leans_on_earlier_text(sentence.text)
            and not refers_back(sentence.text)
            and stands_alone_fault(sentence.text) is None
            and unintroduced_speaker(sentence.text, []) is None  # read alone: "…," Noem tweeted
        ):
            return sentence
    return None


def first_sentence(sentences: list[Sentence]) -> Sentence | None:
    """The article's first sentence (a heading, caption or credit before it passed over), or None."""
    head = sentences[:LEAD_SEARCH]
    for sentence, fault in zip(head, article_line_faults([s.text for s in head])):
        if fault is None:
            return sentence if MIN_LEAD_WORDS <= len(words(sentence.text)) <= MAX_LEAD_WORDS else None
    return None


def outlet_leads(
    originals: list[Article], sentences: dict[str, list[Sentence]], outlet_key: Callable[[Article], str]
) -> tuple[SummarySentence, ...]:
    """One line per independent outlet: the lead of its earliest article with one, cited to it alone.

    Outlets in the order of their names; an outlet none of whose articles has an informative lead
    is left out.
    """
    by_outlet: dict[str, list[Article]] = {}
    for article in originals:
        by_outlet.setdefault(outlet_key(article), []).append(article)
    lines = []
    for group in by_outlet.values():
        for article in sorted(group, key=lambda a: (a.published or "9999", a.id)):
            lead = lead_sentence(sentences.get(article.id, []))
            if lead is not None:
                citation = Citation(article.outlet_label, article.title, article.url, article.id)
                lines.append(SummarySentence(without_dateline(lead.text), article.id, (citation,)))
                break
    return tuple(sorted(lines, key=lambda s: (s.sources[0].outlet, s.article_id)))
