"""A story's headline: the most representative plain headline among its articles' titles.

Titles arrive cleaned of site names and section labels (`briefgen.provenance.titles`, at ingest);
some are teasers rather than news ("Why Beijing will bring slaughter to Hong Kong", "How This Man's
Bedding Gave Him …", a question, "The 10 best …"). The headline is chosen among the plain ones when
there is any, as the title sharing most words with the others (the most typical).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..model import Article
from ..provenance.titles import clean_title
from ..summarize.select import content_terms, word_overlap

_TEASER = re.compile(r"^(?:why|how|what|who|when|where|which|here's|here is|watch|quiz)\b|^(?:the\s+)?\d+\s+\w+", re.I)


def without_site_suffix(article: Article) -> str:
    """The title without a site's name or a section label (the ingest cleaner, again: titles kept by
    earlier runs' stores were read before it)."""
    domain = urlsplit(article.url).hostname if article.url else None
    return clean_title(article.title, (article.outlet, article.host), domain)[0]


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
