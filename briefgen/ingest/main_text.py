"""An HTML page's main text, read from the parsed tree by compiled code and a few rules of form.

The article is the element that holds most of the page's paragraph prose (paragraphs score their
parent fully and their grandparent by half, as Readability does), with the blocks above it that hold
prose too (an intro set apart); its text is read block by block, leaving out what is not the
article's: figures and captions, the headline, navigation, forms, tables, hidden elements, blocks
that are mostly links, and elements whose class or id names page furniture (share bars, "related"
boxes, comment sections, newsletters, bylines). Only class words that describe a role are used,
never a site's name.

The pass also says how sure it is (`MainText.sure`): little text, a container that holds a small
share of the page's prose, or much link text mean the page is laid out in a way these rules do not
read well, and the caller asks trafilatura instead.
"""

from __future__ import annotations

import re
import unicodedata
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
_NOT_ARTICLE_TAGS = frozenset("figure figcaption aside nav footer form h1 address time label menu table".split())
# Class and id words of page furniture (Readability's and trafilatura's kinds of words, by role).
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:(?:share|sharing|social|related|recommend|newsletter|subscri|signup|promo|comment|disqus|"
    r"sidebar|widget|breadcrumb|byline|author|dateline|timestamp|caption|advert|sponsor|outbrain|taboola|"
    r"footer|masthead|menu|nav|modal|popup|cookie|consent|gdpr|paywall|toolbar|pagination|pager|slide|carousel|"
    r"lightbox)\w*|"
    r"sign-up|ads?|tags?|topics|meta|credits?|print|skip|hidden|visually-hidden|sr-only|more-stories|"
    r"read-more|readmore|trending|most-popular|popular|video-player|player|gallery)(?:$|[\s_-])",
    re.I,
)
# Words that mark the article's own container; they outweigh furniture words on the same element.
_ARTICLE_WORDS = re.compile(r"article|story|post|entry|content|body|text|main", re.I)
_ATTRIBUTES = ("class", "id")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

# A block whose text is more than half link text is a list of links, a table of contents, a
# navigation box, a "Category: Blog Popular" line; a paragraph needs two links for that (one address
# alone in a line is the article's)
_PARAGRAPH_TAGS = frozenset("p li h2 h3 h4 h5 h6 dd dt td".split())
_MOSTLY_LINKS = 0.5

_MIN_PARAGRAPH = 25  # characters: shorter <p> are labels and buttons, not prose
_MOST_OF = 0.5  # a furniture-named wrapper holding this share of the article's prose is read
_MIN_SIBLING_PROSE = 80  # characters of paragraph prose that make a block above the container the article's
_MIN_SIBLING_TEXT = 300  # or characters of text outside links (a list of tips)
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
    parts, share, prose_under = _article_parts(body)
    if not parts:
        return MainText((), False)
    lines: list[str] = []
    links = sum(_read(part, lines, prose_under) for part in parts)
    text_chars = sum(len(line) for line in lines)
    sure = text_chars >= _SURE_CHARS and share >= _SURE_SHARE and links <= _SURE_LINK_SHARE * text_chars
    return MainText(tuple(lines), sure)


def _is_furniture(node: LexborNode) -> bool:
    """Page furniture by its class or id words, or an element the page hides (a formula's TeX
    source behind its rendering, a collapsed menu)."""
    attributes = node.attributes
    if not attributes:
        return False
    if "hidden" in attributes or _HIDDEN_STYLE.search(attributes.get("style") or ""):
        return True
    if node.tag == "a":
        # a link inside running text is the sentence's own words, whatever the site calls it
        # ("auto-tag_doobie-brothers" on a band's name); lists of links are judged by link share
        return False
    names = " ".join(attributes.get(a) or "" for a in _ATTRIBUTES if a in attributes)
    if not names or not _FURNITURE.search(names):
        return False
    return not _ARTICLE_WORDS.search(_FURNITURE.sub(" ", names))


def _article_parts(body: LexborNode) -> tuple[list[LexborNode], float, dict[int, int]]:
    """The element holding most paragraph prose, with those of its siblings above it that hold prose
    too (a lede or an intro set apart from the body's container), in page order; the share of the
    page's paragraph prose they hold; and the characters of paragraph prose under each element."""
    scores: dict[int, float] = {}
    nodes: dict[int, LexborNode] = {}
    prose_under: dict[int, int] = {}
    total = 0
    paragraphs = [(p, p.text(deep=True), p.parent) for p in body.css("p, pre")]
    if sum(len(text) for _, text, _ in paragraphs) < _SURE_CHARS:
        # a page that sets its text straight into <div>s, split by <br>: each block's own text is
        # its paragraph, and the block is where it stands
        paragraphs += [(block, text, block) for block, text in _own_text_blocks(body)]
    for paragraph, text, parent in paragraphs:
        n = len(text.strip())
        if n < _MIN_PARAGRAPH:
            continue
        score = 1 + text.count(",") + text.count("，") + min(n / 100, 3)
        total += n
        for weight in (1.0, 0.5):
            if parent is None or parent.tag in ("html", "#document"):
                break
            key = parent.mem_id
            nodes[key] = parent
            scores[key] = scores.get(key, 0.0) + score * weight
            parent = parent.parent
        node: LexborNode | None = paragraph
        while node is not None:
            prose_under[node.mem_id] = prose_under.get(node.mem_id, 0) + n
            node = node.parent
    # a cookie notice or a "related" box is no article, however much prose it holds
    candidates = [key for key in scores if not _is_furniture(nodes[key])]
    if not candidates:
        return [], 0.0, prose_under
    best = nodes[max(candidates, key=scores.__getitem__)]  # ties: the first in page order
    # a wrapper that holds nothing but the container is the container (its siblings are the article's
    # intro and its furniture)
    while best.parent is not None and best.parent.tag not in ("body", "html") and _wraps_only(best.parent, best):
        best = best.parent
    outer = best.parent
    if outer is None or best.tag == "body":
        return [best], (prose_under.get(best.mem_id, 0) / total if total else 0.0), prose_under
    siblings = list(outer.iter(include_text=False))
    at = next(i for i, child in enumerate(siblings) if child.mem_id == best.mem_id)
    # the intro above the container joins it; what follows it is an "about us", a box of related
    # stories or the comments as often as the article's end
    parts = [
        child for i, child in enumerate(siblings[:at]) if _joins(child, prose_under, i > 0 and siblings[i - 1].tag == "h1")
    ]
    parts.append(best)
    inside = sum(prose_under.get(part.mem_id, 0) for part in parts)
    return parts, (inside / total if total else 0.0), prose_under


def _own_text_blocks(body: LexborNode) -> list[tuple[LexborNode, str]]:
    """(block, the text it holds directly, outside its child elements) for blocks holding text."""
    blocks = []
    for block in body.css("div, td, section, article, center, font, span"):
        own = "".join(child.text_content or "" for child in block.iter(include_text=True) if child.tag == "-text")
        if len(own) >= _MIN_PARAGRAPH and own.strip():
            blocks.append((block, own))
    return blocks


def _joins(sibling: LexborNode, prose_under: dict[int, int], under_headline: bool) -> bool:
    """A sibling of the container is the article's too when it is a block that is not furniture and
    holds prose: paragraphs, or a list of sentences. A paragraph styled apart (a class of its own) is
    the article's standfirst right under the headline; elsewhere it is as often a teaser."""
    if sibling.tag in _NOT_ARTICLE_TAGS or sibling.tag not in _BLOCKS:
        return False
    if sibling.tag in _PARAGRAPH_TAGS and "class" in sibling.attributes and not under_headline:
        return False  # a paragraph styled apart (a standfirst, a teaser): the page's summary as often as the article's
    if _is_furniture(sibling):
        return False
    if prose_under.get(sibling.mem_id, 0) >= _MIN_SIBLING_PROSE:
        return True
    text = len(sibling.text(deep=True))
    linked = sum(len(a.text(deep=True)) for a in sibling.css("a"))
    return text - linked >= _MIN_SIBLING_TEXT


def _wraps_only(wrapper: LexborNode, inner: LexborNode) -> bool:
    return all(
        child.mem_id == inner.mem_id or not child.text(deep=True).strip()
        for child in wrapper.iter(include_text=True)
        if not (child.tag or "").startswith(("-comment", "#"))
    )


def _read(container: LexborNode, lines: list[str], prose_under: dict[int, int]) -> int:
    """Append the container's text, one line per block, to `lines`; return the link characters.
    A block whose text is mostly link text is taken back out: a list of links, a navigation table,
    a "Category: Blog Popular" line (a paragraph needs two links for that: one address alone in a
    line is the article's)."""
    buffer: list[str] = []
    article_prose = prose_under.get(container.mem_id, 0)

    def flush() -> None:
        text = " ".join("".join(buffer).split())
        buffer.clear()
        if text:
            # composed characters, as trafilatura gives them: "geprüft" typed as u + ◌̈ matches "geprüft"
            lines.append(unicodedata.normalize("NFC", text))

    def walk(node: LexborNode, in_link: bool) -> tuple[int, int, int]:
        """(characters, link characters, links) of the text read under `node`."""
        chars = linked = links = 0
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                text = child.text_content or ""
                buffer.append(text)
                n = len(text) - text.count(" ")
                chars += n
                linked += n if in_link else 0
                continue
            if tag == "br":
                flush()
                continue
            if tag is None or tag in _NOT_ARTICLE_TAGS or tag.startswith(("#", "-")):
                continue
            # furniture words in a wrapper around most of the article ("elementor-widget-container")
            # name a page builder's part, not furniture
            if _is_furniture(child) and prose_under.get(child.mem_id, 0) <= _MOST_OF * article_prose:
                continue
            if tag in _BLOCKS:
                flush()
                mark = len(lines)
                c, lk, n_links = walk(child, in_link)
                flush()
                if lk > _MOSTLY_LINKS * c and (n_links >= 2 or tag not in _PARAGRAPH_TAGS):
                    del lines[mark:]
                    continue
            else:
                c, lk, n_links = walk(child, in_link or tag == "a")
                n_links += tag == "a"
            chars += c
            linked += lk
            links += n_links
        return chars, linked, links

    _, link_chars, _ = walk(container, False)
    flush()
    return link_chars
