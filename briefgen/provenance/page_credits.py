"""Credit lines an HTML page holds outside its main text.

Trafilatura leaves out a byline element, the author metadata and a copyright line under the article
as not being article text; they are where a re-posting site says whose article it is
(`<p class="byline">By The New York Times</p>`, "© 2019 The Associated Press"). They are read here
for attribution only, never added to the body. Photo and caption credits are not an article's.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

_CREDIT_ATTRIBUTE = re.compile(r"byline|author|dateline|source|copyright|attribution|syndicat|credit", re.I)
_NOT_THE_ARTICLES = re.compile(r"caption|photo|image|img|figure|media|video|avatar|comment|related|bio\b", re.I)
# What a byline element adds after the names: "1 day ago", "Updated 3 hours ago", a date.
_BYLINE_TIME = re.compile(r"\s*(?:[|·•,–—-]\s*)?(?:updated\s+|published\s+)?\d+\s+(?:second|minute|min|hour|hr|day|week|month|year)s?\s+ago\b.*$", re.I)
_MAX_WORDS = 25  # a credit is a line; an element holding more is a container around one


_MAX_BYLINES = 2  # the article's byline comes first; later "author" elements are teasers' and a sidebar's


def page_credit_lines(tree: HtmlElement | None, author_metadata: str | None) -> tuple[str, ...]:
    """The page's first byline elements (as "By …"), other credit elements, copyright lines inside the
    article element, and the author metadata (as "By …"), without repeats. `tree`: the page as the
    reader parsed it (None when it could not be)."""
    lines: list[str] = []
    bylines = 0
    if tree is not None:
        for element in tree.iter(etree.Element):
            if not element.attrib:  # most elements: nothing to look at
                continue
            get = element.get  # five lookups spelled out: this loop meets every element of the page
            attributes = f"{get('class') or ''} {get('id') or ''} {get('itemprop') or ''} {get('rel') or ''} {get('data-testid') or ''}"
            if not attributes.strip() or not _CREDIT_ATTRIBUTE.search(attributes) or _NOT_THE_ARTICLES.search(attributes):
                continue
            if element.tag in ("meta", "link", "script", "style", "img", "html", "body", "article", "main"):
                continue
            text = " ".join(element.text_content().split()) if hasattr(element, "text_content") else ""
            if not text or len(text.split()) > _MAX_WORDS or _outside_the_article(element):
                continue
            if re.search(r"byline|author", attributes, re.I):
                bylines += 1
                if bylines > _MAX_BYLINES:
                    continue
                text = _BYLINE_TIME.sub("", text)
                text = text if re.match(r"(?i)by\s", text) else "By " + text
            lines.append(text)
        for article in tree.iter("article"):
            for element in article.iter("p", "div", "span", "small", "footer"):
                own = " ".join((element.text or "").split())
                if own and ("©" in own or own.lower().startswith("copyright")) and len(own.split()) <= _MAX_WORDS:
                    lines.append(own)
    if (author_metadata or "").strip():  # after the page's own byline: the extractor's reading of it may be cut short
        lines.append("By " + " ".join(author_metadata.split()))
    return tuple(dict.fromkeys(lines))


def _outside_the_article(element) -> bool:
    return any(parent.tag in ("aside", "nav", "footer") for parent in element.iterancestors())
