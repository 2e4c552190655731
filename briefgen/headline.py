"""A story's headline: the most representative plain headline among its articles' titles.

Page titles carry the site's name ("… | ZDNet", "… - SpaceNews.com") or section ("… | Editorial"),
and some are teasers rather than news ("Why Beijing will bring slaughter to Hong Kong", "How This
Man's Bedding Gave Him …", a question, "The 10 best …"). The headline is chosen among the plain
ones when there is any, as the title sharing most words with the others (the most typical), with
the site's suffix cut.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .model import Article
from .summarize.select import content_terms, word_overlap

# " | ZDNet", " – TechCrunch", " :: Site": the title's last segment after such a separator.
_SEPARATED_TAIL = re.compile(r"^(?P<head>.+?)\s+(?P<sep>\||::|-|–|—)\s+(?P<tail>[^|–—]+)$")
# A tail after a bar is the site's or section's label when this short ("| Editorial", "| Al Bawaba").
LABEL_WORDS = 3
_TEASER = re.compile(r"^(?:why|how|what|who|when|where|which|here's|here is|watch|quiz)\b|^(?:the\s+)?\d+\s+\w+", re.I)


def _squashed(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _site_names(article: Article) -> set[str]:
    names = {article.outlet or "", article.host or ""}
    if article.url:
        domain = urlsplit(article.url).hostname or ""
        names |= {domain, domain.removeprefix("www."), domain.removeprefix("www.").split(".")[0]}
    return {_squashed(n) for n in names if _squashed(n)}


def without_site_suffix(article: Article) -> str:
    """The title with a trailing site or section label cut ("Best tech gadgets of 2019 | ZDNet")."""
    title = article.title.strip()
    while match := _SEPARATED_TAIL.match(title):
        tail = _squashed(match["tail"])
        names = _site_names(article)
        is_site = bool(tail) and any(tail == n or tail.startswith(n) or n.startswith(tail) for n in names)
        is_label = match["sep"] in ("|", "::") and len(match["tail"].split()) <= LABEL_WORDS
        if not (is_site or is_label):
            break
        title = match["head"].strip()
    return title


def plain(title: str) -> bool:
    """A title that states the news: not a question, a "Why/How …" teaser or a numbered list."""
    return not title.rstrip("\"'”’ ").endswith("?") and not _TEASER.match(title.lstrip("\"'“‘"))


def choose_headline(members: list[Article], language: str) -> str:
    """The title that shares most with the story's other titles, among the plain ones if any."""
    titled = sorted((a for a in members if a.title and a.duplicate_of is None), key=lambda a: a.id)
    if not titled:
        return members[0].title or "Untitled story"
    titles = {a.id: without_site_suffix(a) for a in titled}
    terms = {a.id: content_terms(titles[a.id], language) for a in titled}
    candidates = [a for a in titled if plain(titles[a.id])] or titled
    best = max(
        candidates,
        key=lambda a: (sum(word_overlap(terms[a.id], terms[b.id]) for b in titled if b is not a), -len(titles[a.id])),
    )
    return titles[best.id]
