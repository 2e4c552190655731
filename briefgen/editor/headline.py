"""A story's headline: the member's headline that best says what happened.

Titles arrive cleaned of site names and section labels (`briefgen.provenance.titles`, at ingest).
Among them the headline is, in this order of preference:

1. a **news report's** (`briefgen.editor.article_kind`): not an opinion piece ("Royal Self-Indicting
   Arrogance", "The Guardian view on Hong Kong …"), explainer, guide, list, deals post or stats page;
2. **plain**: not a question, a "Why/How …" teaser or a numbered list;
3. **informative**: it has an action, a verb ("Sweden drops …", "… would need …"), not a bare noun
   phrase ("Best tech gadgets of 2019", "MacBook sale at Amazon from $700");
4. **central**: it carries the story's key terms, the words its members' headlines and openings
   share (each term counting the other members that carry it); then the shorter one.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lemminflect import getAllLemmas

from ..model import Article
from ..provenance.titles import clean_title
from ..summarize.select import content_terms
from .article_kind import NEWS, article_kind

_TEASER = re.compile(r"^(?:why|how|what|who|when|where|which|here's|here is|watch|quiz)\b|^(?:the\s+)?\d+\s+\w+", re.I)


def without_site_suffix(article: Article) -> str:
    """The title without a site's name or a section label (the ingest cleaner, again: titles kept by
    earlier runs' stores were read before it)."""
    domain = urlsplit(article.url).hostname if article.url else None
    return clean_title(article.title, (article.outlet, article.host), domain)[0]


def plain(title: str) -> bool:
    """A title that states the news: not a question, a "Why/How …" teaser or a numbered list."""
    return not title.rstrip("\"'”’ ").endswith("?") and not _TEASER.match(title.lstrip("\"'“‘"))


LEAD_WORDS = 60  # an article's opening, where it says what happened: its key terms are the story's
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# words that make a headline's verb phrase whatever follows: "Hibernating astronauts would need …"
_AUXILIARIES = frozenset("will would may might could can should must is are was were has have had".split())


def has_action(title: str) -> bool:
    """Does the headline say what someone did: a word that is only ever a verb ("warns", "revealed",
    "unite"), an auxiliary, or after the first word a verb's -s or -ed form ("Sweden drops …")?
    Words are looked up in lemminflect's English dictionary; a name it does not know is no verb."""
    for position, token in enumerate(_WORD.findall(title)):
        word = token.lower().strip("'’-")
        if word in _AUXILIARIES:
            return True
        readings = set(getAllLemmas(word))
        if not readings or "VERB" not in readings:
            continue
        if readings <= {"VERB", "AUX"} or (position > 0 and word.endswith(("s", "ed")) and not word.endswith("ss")):
            return True
    return False


def choose_headline(members: list[Article], language: str) -> str:
    """The members' headline that best says what happened (see the module's order of preference)."""
    titled = sorted((a for a in members if a.title and a.duplicate_of is None), key=lambda a: a.id)
    if not titled:
        return members[0].title or "Untitled story"
    titles = {a.id: without_site_suffix(a) for a in titled}
    terms = {a.id: content_terms(titles[a.id], language) for a in titled}
    leads = {a.id: terms[a.id] | content_terms(" ".join(a.body.split()[:LEAD_WORDS]), language) for a in titled}
    carried_by = {t: sum(t in lead for lead in leads.values()) for t in set().union(*leads.values())}

    def preference(a: Article) -> tuple:
        title = titles[a.id]
        central = sum(carried_by[t] - 1 for t in terms[a.id])
        return (article_kind(title, a.url) == NEWS, plain(title), has_action(title), central, -len(title), a.id)

    return titles[max(titled, key=preference).id]
