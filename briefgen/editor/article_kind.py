"""What kind of article a page is: a news report, or an opinion piece, explainer, guide, list, deals
post, review or stats page.

A story's headline should come from a news report, a story made of deals posts or lists should never
lead the briefing, and a buying guide or a year's best-of list is not the story of the event it
mentions. All three ask the same question, answered here once, from what the page says about itself:

- **its address**: the section words of its URL path (`/opinion/`, `/commentisfree/`, `/columnists/`,
  `/advice/`, `/fact-check/`, a slug ending in `-review` or holding `deals`);
- **its title's shape**: a label before a colon ("Opinion:", "Fact Check:", "Podcast:"), "X view on …",
  a question, "Why/How/What …", "How to …", "… guide to …", a numbered or "best … of 2019" list,
  "deals", "sale", "% off", "snap counts", "stats", "results".

No site is named: a section word or a title shape is the desk's own label, whoever publishes it.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

NEWS = "news"
OPINION = "opinion"  # a column, an editorial, a commentary podcast, an advice column
EXPLAINER = "explainer"  # why / how / what a thing is, a fact check, a question headline
GUIDE = "guide"  # how to, tips, a buying guide
LIST = "list"  # a numbered or best-of list
DEALS = "deals"  # prices and sales
REVIEW = "review"  # a product, game, book or show reviewed
STATS = "stats"  # snap counts, results tables, standings

# Kinds that are not about one day's event: they belong to no event's story, and a story made of
# them (deals, lists) is never a top story.
EVERGREEN = frozenset({EXPLAINER, GUIDE, LIST})
NOT_TOP = frozenset({DEALS, LIST, GUIDE, STATS})
# Kinds kept out of another kind's story by the focus check (briefgen.story_focus). An explainer is
# left out: "How this man's bedding gave him …" is the news told as a question, and its title shape
# alone does not tell it from an evergreen explainer.
EVERGREEN_APART = frozenset({GUIDE, LIST})

# Words of a URL path that name the desk a page comes from.
_PATH_KINDS = {
    OPINION: {"opinion", "opinions", "commentisfree", "columnists", "columnist", "column", "columns",
              "editorial", "editorials", "op-ed", "oped", "op-eds", "commentary", "advice", "letters"},
    EXPLAINER: {"explainer", "explainers", "explained", "fact-check", "factcheck", "fact-checks"},
    GUIDE: {"guide", "guides", "how-to", "howto", "buying-guide"},
    DEALS: {"deals", "coupons", "deal-of-the-day"},
    REVIEW: {"reviews"},
}

# A label before a colon or bar that says what the piece is: "Opinion: …", "Podcast | …".
_LABEL = re.compile(
    r"^\s*(?:[\w’'.-]+\s+){0,2}?(opinion|editorial|commentary|column|analysis|podcast|explainer|"
    r"fact[- ]check|review|deals?|guide|dear \w+)\s*[:|–—-]\s", re.I,
)
_TITLE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (OPINION, re.compile(r"\bview on\b|\bpodcast\b|^dear \w+\s*:|^(?:letter|letters) to the editor", re.I)),
    (DEALS, re.compile(
        r"\bdeals\b|\bsales? (?:at|on)\b|\bon sale\b|\b\d+\s?% off\b|\$\d[\d,.]*\s+off\b|\blowest price\b|"
        r"\bdiscounts?\b|\bcoupons?\b|\bpromo codes?\b", re.I)),
    (GUIDE, re.compile(r"^how to\b|\bguide to\b|\bbuying guide\b|\b(?:tips|ways|steps) (?:to|for)\b|"
                       r"\beverything (?:you need )?to know\b|\bwhat you need to know\b", re.I)),
    (LIST, re.compile(r"^(?:the\s+)?\d+\s+(?:best|top|key|things|ways|tips|reasons|questions|most|"
                      r"biggest|greatest|worst|\w+est)\b|^(?:the\s+)?best\b|\btop \d+\b|"
                      r"\bbest\b.*\b(?:of|for|in) (?:19|20)\d\d\b", re.I)),
    (STATS, re.compile(r"\bsnap counts\b|\bstats\b|\bstatistics\b|\bbox score\b|\bstandings\b|"
                       r"\bresults$|\bscoreboard\b", re.I)),
    (REVIEW, re.compile(r"\breview\s*(?:[-:–—|]|$)|^review\b", re.I)),
    (EXPLAINER, re.compile(r"^(?:why|how|what|who|when|where|which)\b|\bexplained\b|\?\s*[\"'”’]?$", re.I)),
)
_LABEL_KIND = {
    "opinion": OPINION, "editorial": OPINION, "commentary": OPINION, "column": OPINION, "podcast": OPINION,
    "analysis": EXPLAINER, "explainer": EXPLAINER, "fact check": EXPLAINER, "fact-check": EXPLAINER,
    "review": REVIEW, "deal": DEALS, "deals": DEALS, "guide": GUIDE,
}
_SLUG_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def article_kind(title: str, url: str | None = None) -> str:
    """The kind of an article, from its URL's section words and its title's shape (NEWS when
    neither says otherwise). The address is the desk's own filing, so it is asked first."""
    by_address = kind_by_address(url)
    if by_address is not None:
        return by_address
    return kind_by_title(title)


def kind_by_address(url: str | None) -> str | None:
    """The kind a URL's path files the page under, or None."""
    if not url:
        return None
    path = unquote(urlsplit(url).path).lower()
    segments = [s for s in path.split("/") if s]
    if not segments:
        return None
    for kind, words in _PATH_KINDS.items():
        if words.intersection(segments):
            return kind
    slug = segments[-1].rsplit(".", 1)[0]
    slug_words = slug.split("-")
    if slug_words[-1] == "review" or "deals" in slug_words:
        return REVIEW if slug_words[-1] == "review" else DEALS
    return None


def kind_by_title(title: str) -> str:
    """The kind a title's shape says, or NEWS."""
    title = " ".join(title.split())
    label = _LABEL.match(title)
    if label:
        word = label.group(1).lower()
        return _LABEL_KIND.get(word, OPINION if word.startswith("dear ") else NEWS)
    for kind, pattern in _TITLE_RULES:
        if pattern.search(title):
            return kind
    return NEWS
