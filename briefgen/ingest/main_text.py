"""An HTML page's main text, read from the parsed tree by compiled code and a few rules of form.

What the page hides is taken out first. The article is the element that holds most of the page's
paragraph prose (paragraphs score their parent fully and their grandparent by half, as Readability
does; text outside <p>s counts where it outweighs them), with the blocks above it that hold prose too
(an intro set apart) and the blocks after it that carry the article on (its next sections); its text
is read block by block, leaving out what is not the article's: figures and captions, the headline,
navigation, forms, blocks that are mostly links (not a list the article's paragraphs stand around),
and elements whose class or id names page furniture (share bars, "related" boxes, comment sections,
newsletters, bylines; never a heading's id, an anchor made from its words). Only class words that
describe a role are used, never a site's name.

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
_NOT_ARTICLE_TAGS = frozenset("figure figcaption aside nav footer form h1 address time label menu".split())
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
# An id of this many words or more, all of them among the element's opening words, is an anchor
# made from its heading.
_ANCHOR_WORDS = 3
_ANCHOR_TEXT = 300
_ID_WORD = re.compile(r"[^\W_]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

# A block whose text is more than half link text is a list of links, a table of contents, a
# navigation box, a "Category: Blog Popular" line; a paragraph needs two links for that (one address
# alone in a line is the article's)
_PARAGRAPH_TAGS = frozenset("p li h2 h3 h4 h5 h6 dd dt td".split())
_HEADINGS = frozenset("h2 h3 h4 h5 h6".split())
# Blocks whose own text, outside <p>s, may be the article's paragraphs.
_TEXT_HOLDERS = frozenset("div td section article center li".split())
_MOSTLY_LINKS = 0.5
_OWN_WORDS_CHARS = 3  # characters outside its links that make an item say something of its own
_LIST_ITEM_WORDS = 4  # words an item of a list inside the text holds on average (a menu's hold one or two)

_MIN_PARAGRAPH = 25  # characters: shorter <p> are labels and buttons, not prose
_MOST_OF = 0.5  # a furniture-named wrapper holding this share of the article's prose is read
_MIN_SIBLING_PROSE = 80  # characters of paragraph prose that make a block above the container the article's
_MIN_SIBLING_TEXT = 300  # or characters of text outside links (a list of tips)
_MIN_CONTINUATION_PROSE = 250  # characters of paragraph prose in a section after the container (more than a one-line sign-off)
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
    # what the page hides is no part of it: neither the article nor prose it holds apart from the article
    for node in body.css('[hidden], [style*="none" i], [style*="hidden" i]'):
        if _is_hidden(node):
            node.decompose()
    parts, share, prose_under = _article_parts(body)
    if not parts:
        return MainText((), False)
    lines: list[str] = []
    links = sum(_read(part, lines, prose_under) for part in parts)
    text_chars = sum(len(line) for line in lines)
    sure = text_chars >= _SURE_CHARS and share >= _SURE_SHARE and links <= _SURE_LINK_SHARE * text_chars
    return MainText(tuple(lines), sure)


def _is_hidden(node: LexborNode) -> bool:
    """An element the page hides: a formula's TeX source behind its rendering, a collapsed menu."""
    attributes = node.attributes
    return bool(attributes) and ("hidden" in attributes or bool(_HIDDEN_STYLE.search(attributes.get("style") or "")))


def _is_furniture(node: LexborNode) -> bool:
    """Page furniture by its class or id words, or an element the page hides."""
    attributes = node.attributes
    if not attributes:
        return False
    if _is_hidden(node):
        return True
    if node.tag == "a":
        # a link inside running text is the sentence's own words, whatever the site calls it
        # ("auto-tag_doobie-brothers" on a band's name); lists of links are judged by link share
        return False
    names = attributes.get("class") or ""
    anchor = attributes.get("id") or ""
    # a heading's id is an anchor made from its words ("related-research" on "Related research"),
    # not its role on the page: only its class says that; so is the id of a section named after its
    # heading ("sharing-with-a-single-developer")
    if anchor and node.tag not in _HEADINGS and not _named_after_its_text(node, anchor):
        names = f"{names} {anchor}"
    if not names or not _FURNITURE.search(names):
        return False
    return not _ARTICLE_WORDS.search(_FURNITURE.sub(" ", names))


def _named_after_its_text(node: LexborNode, anchor: str) -> bool:
    """An id that is a phrase of the element's opening words, as made for an anchor: three words or
    more (a role's id is a word or two: "comments", "related-posts")."""
    if not _FURNITURE.search(anchor):
        return False  # the common case, decided without reading the element's text
    words = _ID_WORD.findall(anchor.lower())
    if len(words) < _ANCHOR_WORDS:
        return False
    opening = node.text(deep=True)[:_ANCHOR_TEXT].lower()  # blocks' texts run together: words are looked for, not split
    return all(word in opening for word in words)


def _article_parts(body: LexborNode) -> tuple[list[LexborNode], float, dict[int, int]]:
    """The element holding most paragraph prose, with those of its siblings around it that hold prose
    too (a lede or an intro set apart above the body's container, the article's next section below
    it), in page order; the share of the page's paragraph prose they hold; and the characters of
    paragraph prose under each element."""
    scores: dict[int, float] = {}
    nodes: dict[int, LexborNode] = {}
    prose_under: dict[int, int] = {}
    total = 0
    paragraphs = [(p, p.text(deep=True), p.parent) for p in body.css("p, pre")]
    p_prose = sum(len(text) for _, text, _ in paragraphs)
    if p_prose < _SURE_CHARS or _text_outside_links(body) > 2 * p_prose:
        # text set straight into <div>s (split by <br>, or one <div> a paragraph) may hold the
        # article while the page's <p>s are a promo box's: score it when it holds more prose
        blocks = _div_paragraphs(body)
        if p_prose < _SURE_CHARS or sum(len(text) for _, text, _ in blocks) > p_prose:
            paragraphs += blocks
    seen: set[str] = set()
    for paragraph, text, parent in paragraphs:
        text = text.strip()
        n = len(text)
        if n < _MIN_PARAGRAPH:
            continue
        score = 1 + text.count(",") + text.count("，") + min(n / 100, 3)
        if text not in seen:  # a paragraph repeated in a teaser is the page's prose once
            seen.add(text)
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
        return [best], (min(1.0, prose_under.get(best.mem_id, 0) / total) if total else 0.0), prose_under
    siblings = list(outer.iter(include_text=False))
    at = next(i for i, child in enumerate(siblings) if child.mem_id == best.mem_id)
    # the intro above the container joins it
    parts = [
        child for i, child in enumerate(siblings[:at]) if _joins(child, prose_under, i > 0 and siblings[i - 1].tag == "h1")
    ]
    parts.append(best)
    parts += _continuation(siblings[at + 1 :], prose_under)
    inside = sum(prose_under.get(part.mem_id, 0) for part in parts)
    return parts, (min(1.0, inside / total) if total else 0.0), prose_under


def _text_outside_links(node: LexborNode) -> int:
    return len(node.text(deep=True)) - sum(len(a.text(deep=True)) for a in node.css("a"))


def _continuation(following: list[LexborNode], prose_under: dict[int, int]) -> list[LexborNode]:
    """The blocks after the container that carry the article on: its next sections of paragraphs,
    each with the subheading above it; short blocks between them (a name, a photo's credit) are
    passed over. The article ends at the first other block with text: a box of related stories or
    of links, the comments, a share bar, an "about us" set apart."""
    parts: list[LexborNode] = []
    headings: list[LexborNode] = []
    for sibling in following:
        if _set_apart(sibling):
            break
        if sibling.tag in _HEADINGS and not _is_furniture(sibling):
            headings.append(sibling)
            continue
        if (
            sibling.tag in _BLOCKS
            and sibling.tag not in _NOT_ARTICLE_TAGS
            and (prose_under.get(sibling.mem_id, 0) >= _MIN_CONTINUATION_PROSE or _listed_sentences(sibling) >= _MIN_SIBLING_TEXT)
            and not _is_furniture(sibling)
            and _little_link_text(sibling)
        ):
            parts += headings
            parts.append(sibling)
            headings = []
            continue
        if sibling.tag in _NOT_ARTICLE_TAGS and sibling.tag not in ("aside", "nav", "footer", "form"):
            continue  # a figure or a table between two sections
        text = sibling.text(deep=True).strip()
        if len(text) >= _MIN_SIBLING_PROSE or (text and _is_furniture(sibling)):
            break
        if text and sibling.tag in _BLOCKS and not sibling.css_first("a"):
            headings.append(sibling)  # a label over the next section: a name, a date, a place
    return parts


def _listed_sentences(block: LexborNode) -> int:
    """Characters of the list items under `block` that end like sentences (a box of tips), outside
    links; a list of headlines does not end its items with a full stop."""
    total = 0
    for item in block.css("li"):
        text = item.text(deep=True).strip()
        if text.endswith((".", "!", "?", "。")):
            total += len(text) - sum(len(a.text(deep=True)) for a in item.css("a"))
    return total


def _set_apart(block: LexborNode) -> bool:
    """A horizontal rule, or a block that opens with one: what follows is set apart from the
    article (a press release's "about the company", a sign-off)."""
    if block.tag == "hr":
        return True
    first = next((child for child in block.iter(include_text=False) if not (child.tag or "").startswith(("-", "#"))), None)
    while first is not None and first.tag != "hr" and first.tag in ("div", "section") and not (first.text_content or "").strip():
        first = next((child for child in first.iter(include_text=False) if not (child.tag or "").startswith(("-", "#"))), None)
    return first is not None and first.tag == "hr"


def _little_link_text(block: LexborNode) -> bool:
    linked = sum(len(a.text(deep=True)) for a in block.css("a"))
    return linked <= _SURE_LINK_SHARE * len(block.text(deep=True))


def _div_paragraphs(body: LexborNode) -> list[tuple[LexborNode, str, LexborNode]]:
    """Text outside <p>s as paragraphs, (element, text, the element it counts for): a <div> that
    holds only inline content is a paragraph of its parent, as Readability reads it; the text a
    block holds directly beside its child blocks (lines split by <br>) is a paragraph of that block.
    Link text is left out: a menu set in <div>s is no prose."""
    own: dict[int, list[str]] = {}
    holders: dict[int, LexborNode] = {}
    for node in body.traverse(include_text=True):
        if node.tag != "-text":
            continue
        text = node.text_content
        if not text or text.isspace():
            continue
        holder = node.parent
        while holder is not None and holder.tag not in _BLOCKS and holder.tag != "a":
            holder = holder.parent  # through inline markup: <span>, <font>, <b>
        if holder is None or holder.tag not in _TEXT_HOLDERS:
            continue  # link text, or text of a <p>, a heading, a caption
        key = holder.mem_id
        holders[key] = holder
        own.setdefault(key, []).append(text)
    found = []
    for key, parts in own.items():
        text = "".join(parts)
        if len(text) < _MIN_PARAGRAPH or not text.strip():
            continue
        block = holders[key]
        has_blocks = any(child.tag in _BLOCKS and child.tag != "br" for child in block.iter(include_text=False))
        found.append((block, text, block if has_blocks or block.parent is None else block.parent))
    return found


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
            if _is_furniture(child) and (prose_under.get(child.mem_id, 0) <= _MOST_OF * article_prose or _is_hidden(child)):
                continue
            if tag in _BLOCKS:
                flush()
                mark = len(lines)
                c, lk, n_links = walk(child, in_link)
                flush()
                if lk > _MOSTLY_LINKS * c and (n_links >= 2 or tag not in _PARAGRAPH_TAGS) and not _list_in_text(child, lines, mark):
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


def _list_in_text(block: LexborNode, lines: list[str], mark: int) -> bool:
    """A list of links the article's paragraphs stand around (the sources it names, the products it
    reviews, each with a word on it) is the article's, where a menu or a box of headlines is not: a
    paragraph of prose just above it, another just below, items of several words each, not a menu's
    one or two, and most of them saying something outside their links."""
    if block.tag not in ("ul", "ol") or not mark or len(lines[mark - 1]) < _MIN_SIBLING_PROSE:
        return False
    items = lines[mark:]
    if not items or sum(len(item.split()) for item in items) < _LIST_ITEM_WORDS * len(items):
        return False
    # items that are each one link and nothing else are a box of headlines ("Related: …")
    said = 0
    for item in block.css("li"):
        linked = sum(len(a.text(deep=True).strip()) for a in item.css("a"))
        said += len(item.text(deep=True).strip()) - linked > _OWN_WORDS_CHARS
    if 2 * said < len(items):
        return False
    after = block.next
    while after is not None and ((after.tag or "").startswith(("-", "#")) or not after.text(deep=True).strip()):
        after = after.next
    return after is not None and after.tag == "p" and len(after.text(deep=True).strip()) >= _MIN_SIBLING_PROSE

