"""Credit lines an HTML page holds outside its main text.

The main-text pass (and trafilatura, where it is asked) leaves out a byline element, the author metadata and a copyright line under the article
as not being article text; they are where a re-posting site says whose article it is
(`<p class="byline">By The New York Times</p>`, "© 2019 The Associated Press"). They are read here
for attribution only, never added to the body. Photo and caption credits are not an article's.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

_CREDIT_ATTRIBUTE = re.compile(r"byline|author|dateline|source|copyright|attribution|syndicat|credit", re.I)
_NOT_THE_ARTICLES = re.compile(r"caption|photo|image|img|figure|media|video|avatar|comment|related|bio\b", re.I)
_ATTRIBUTES = ("class", "id", "itemprop", "rel", "data-testid")
# What a byline element adds after the names: "1 day ago", "Updated 3 hours ago", a date.
_BYLINE_TIME = re.compile(r"\s*(?:[|·•,–—-]\s*)?(?:updated\s+|published\s+)?\d+\s+(?:second|minute|min|hour|hr|day|week|month|year)s?\s+ago\b.*$", re.I)
_MAX_WORDS = 25  # a credit is a line; an element holding more is a container around one


_MAX_BYLINES = 2  # the article's byline comes first; later "author" elements are teasers' and a sidebar's


def page_credit_lines(tree: LexborHTMLParser, author_metadata: str | None) -> tuple[str, ...]:
    """The page's first byline elements (as "By …"), other credit elements, copyright lines inside the
    article element, and the author metadata (as "By …"), without repeats. `tree` is the page as the
    reader parsed it, before its main-text pass."""
    lines: list[str] = []
    bylines = 0
    root = tree.root
    if root is not None:
        # the parser's selector engine finds the few candidates; the rules below judge them
        for element in root.css(_CANDIDATES):
            if element.tag in _NOT_CREDIT_TAGS:
                continue
            found = element.attributes
            attributes = " ".join(found.get(a) or "" for a in _ATTRIBUTES if a in found)
            if not attributes.strip() or not _CREDIT_ATTRIBUTE.search(attributes) or _NOT_THE_ARTICLES.search(attributes):
                continue
            text = " ".join(element.text(deep=True).split())
            if not text or len(text.split()) > _MAX_WORDS or _outside_the_article(element):
                continue
            if re.search(r"byline|author", attributes, re.I):
                bylines += 1
                if bylines > _MAX_BYLINES:
                    continue
                text = _BYLINE_TIME.sub("", text)
                text = text if re.match(r"(?i)by\s", text) else "By " + text
            lines.append(text)
        for element in _copyright_candidates(tree):
            own = " ".join(_own_text(element).split())
            if own and ("©" in own or own.lower().startswith("copyright")) and len(own.split()) <= _MAX_WORDS:
                lines.append(own)
    if author_metadata and author_metadata.strip():  # after the page's own byline: the metadata's reading of it may be cut short
        lines.append("By " + " ".join(author_metadata.split()))
    return tuple(dict.fromkeys(lines))


_CREDIT_WORDS = ("byline", "author", "dateline", "source", "copyright", "attribution", "syndicat", "credit")
_CANDIDATES = ", ".join(f'[{a}*="{w}" i]' for a in _ATTRIBUTES for w in _CREDIT_WORDS)
_NOT_CREDIT_TAGS = frozenset(("meta", "link", "script", "style", "img", "html", "body", "article", "main", "head"))


def _copyright_candidates(tree: LexborHTMLParser) -> list[LexborNode]:
    """The elements of the page's articles that may start a copyright line: none when no article's
    text holds "©" or "copyright" (most pages)."""
    articles = tree.css("article")
    if not any("©" in a.text(deep=True) or "copyright" in a.text(deep=True).lower() for a in articles):
        return []
    return tree.css("article p, article div, article span, article small, article footer")


def _own_text(element: LexborNode) -> str:
    """The text an element holds before its first child element (lxml's `.text`)."""
    child = element.child
    parts = []
    while child is not None and child.tag in ("-text", "-comment"):
        if child.tag == "-text":
            parts.append(child.text_content or "")
        child = child.next
    return "".join(parts)


def _outside_the_article(element: LexborNode) -> bool:
    parent = element.parent
    while parent is not None:
        if parent.tag in ("aside", "nav", "footer"):
            return True
        parent = parent.parent
    return False
