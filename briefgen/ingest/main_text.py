"""An HTML page's main text, read from the parsed tree by compiled code and a few rules of form.

The article is the element that holds most of the page's paragraph prose (paragraphs score their
parent fully and their grandparent by half, as Readability does); its text is read block by block,
leaving out what is not the article's: figures and captions, the headline and its byline block,
navigation, forms, and elements whose class or id names page furniture (share bars, "related"
boxes, comment sections, newsletters). Only class words that describe a role are used, never a
site's name.

The pass also says how sure it is (`MainText.sure`): little text, a container that holds a small
share of the page's prose, or much link text mean the page is laid out in a way these rules do not
read well, and the caller asks trafilatura instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

# Elements that never hold article text, removed before anything is scored.
_NEVER_TEXT = ["script", "style", "noscript", "template", "svg", "iframe", "button", "select", "textarea", "canvas", "object"]
# Elements read as their own line.
_BLOCKS = frozenset(
    "p div section article main li ul ol dl dt dd h1 h2 h3 h4 h5 h6 blockquote pre table tr td th "
    "tbody thead tfoot caption center hr br header footer nav aside figure figcaption form fieldset details summary "
    "address".split()
)
# Inside the article, subtrees whose text is not the article's.
_NOT_ARTICLE_TAGS = frozenset("figure figcaption aside nav footer form h1 address time label menu".split())
# Class and id words of page furniture (Readability's and trafilatura's kinds of words, by role).
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|related|recommend\w*|newsletter|subscri\w*|signup|sign-up|promo\w*|"
    r"comments?|disqus|sidebar|widget|breadcrumbs?|byline|author|dateline|timestamp|caption|credit|"
    r"advert\w*|ads?|sponsor\w*|outbrain|taboola|tags?|topics|footer|masthead|menu|modal|popup|cookie\w*|"
    r"consent|gdpr|paywall|meta|toolbar|pagination|pager|print|skip|hidden|visually-hidden|sr-only|"
    r"more-stories|read-more|readmore|trending|most-popular|popular|video-player|player|gallery)(?:$|[\s_-])",
    re.I,
)
# Words that mark the article's own container; they outweigh furniture words on the same element.
_ARTICLE_WORDS = re.compile(r"article|story|post|entry|content|body|text|main", re.I)
_ATTRIBUTES = ("class", "id")

_MIN_PARAGRAPH = 25  # characters: shorter <p> are labels and buttons, not prose
_SURE_CHARS = 400  # an article shorter than this may be a page the rules misread
_SURE_SHARE = 0.6  # the container must hold this share of the page's paragraph prose
_SURE_LINK_SHARE = 0.3  # link text above this share of the extracted text is a list of links


@dataclass(frozen=True)
class MainText:
    lines: tuple[str, ...]
    sure: bool


def parse(html: str) -> LexborHTMLParser:
    return LexborHTMLParser(html)


def main_text(tree: LexborHTMLParser) -> MainText:
    """The article's lines from `tree`, and whether the rules read this page with confidence.
    The tree is changed (scripts and furniture removed): read metadata and credits first."""
    body = tree.body
    if body is None:
        return MainText((), False)
    tree.strip_tags(_NEVER_TEXT)
    container, share = _densest(body)
    if container is None:
        return MainText((), False)
    lines: list[str] = []
    links = _read(container, lines)
    text_chars = sum(len(line) for line in lines)
    sure = text_chars >= _SURE_CHARS and share >= _SURE_SHARE and links <= _SURE_LINK_SHARE * text_chars
    return MainText(tuple(lines), sure)


def _is_furniture(node: LexborNode) -> bool:
    attributes = node.attributes
    names = " ".join(attributes.get(a) or "" for a in _ATTRIBUTES if a in attributes)
    if not names or not _FURNITURE.search(names):
        return False
    return not _ARTICLE_WORDS.search(_FURNITURE.sub(" ", names))


def _densest(body: LexborNode) -> tuple[LexborNode | None, float]:
    """The element holding most paragraph prose, and the share of the page's prose it holds."""
    scores: dict[int, float] = {}
    nodes: dict[int, LexborNode] = {}
    prose: list[tuple[LexborNode, int]] = []
    total = 0
    for paragraph in body.css("p, pre"):
        text = paragraph.text(deep=True)
        n = len(text.strip())
        if n < _MIN_PARAGRAPH:
            continue
        score = 1 + text.count(",") + text.count("，") + min(n / 100, 3)
        total += n
        prose.append((paragraph, n))
        parent = paragraph.parent
        for weight in (1.0, 0.5):
            if parent is None or parent.tag in ("html", "#document"):
                break
            key = parent.mem_id
            nodes[key] = parent
            scores[key] = scores.get(key, 0.0) + score * weight
            parent = parent.parent
    if not scores:
        return None, 0.0
    best = nodes[max(scores, key=lambda k: (scores[k], -k))]
    # a container with furniture words (a "post-meta" wrapper) is still the article if it won
    inside = sum(n for p, n in prose if _contains(best, p))
    return best, inside / total if total else 0.0


def _contains(ancestor: LexborNode, node: LexborNode) -> bool:
    target = ancestor.mem_id
    parent = node.parent
    while parent is not None:
        if parent.mem_id == target:
            return True
        parent = parent.parent
    return False


def _read(container: LexborNode, lines: list[str]) -> int:
    """Append the container's text, one line per block, to `lines`; return the link characters."""
    buffer: list[str] = []
    link_chars = 0

    def flush() -> None:
        text = " ".join("".join(buffer).split())
        buffer.clear()
        if text:
            lines.append(text)

    def walk(node: LexborNode, in_link: bool) -> None:
        nonlocal link_chars
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                text = child.text_content or ""
                buffer.append(text)
                if in_link:
                    link_chars += len(text.strip())
                continue
            if tag == "br":
                flush()
                continue
            if tag in _NOT_ARTICLE_TAGS or tag.startswith("#") or _is_furniture(child):
                continue
            if tag in _BLOCKS:
                flush()
                walk(child, in_link)
                flush()
            else:
                walk(child, in_link or tag == "a")

    walk(container, False)
    flush()
    return link_chars
