"""What an HTML page declares about itself, read from the tree the reader already parsed.

Title, site name, address and author as the page's markup states them: JSON-LD, `<meta>` (Open
Graph, Dublin Core, article:*), the canonical link and the `<title>`. These are the raw fields;
`briefgen.provenance.entry` decides the outlet and the clean title from them, and
`briefgen.provenance.dates` reads the page's declared date in its own order of evidence.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

_TITLE_KEYS = ("og:title", "twitter:title", "dc.title", "title", "headline")
_SITE_KEYS = ("og:site_name", "application-name")
_AUTHOR_KEYS = ("author", "article:author", "dc.creator", "byl", "parsely-author", "sailthru.author", "og:article:author")
_ARTICLE_TYPES = re.compile(r"article|posting|report|blog", re.I)
_BROKEN_JSON_FIELDS = {
    "publisher": re.compile(r'"publisher"\s*:\s*\{[^{}]*?"name"\s*:\s*"([^"]{2,80})"'),
}
_SITE_TYPES = re.compile(r"^(?:newsmediaorganization|organization|website)$", re.I)
# Where a page names its own site, brand, app or owner: the names a credit to the site itself uses.
_OWN_NAME_KEYS = (
    "og:site_name", "application-name", "apple-mobile-web-app-title", "dc.publisher", "publisher", "copyright",
    "dc.rights", "rights", "twitter:site", "twitter:app:name:iphone", "twitter:app:name:ipad",
    "twitter:app:name:googleplay", "al:ios:app_name", "al:android:app_name",
)


@dataclass(frozen=True)
class PageMeta:
    title: str | None
    site_name: str | None
    url: str | None
    author: str | None
    own_names: tuple[str, ...] = ()  # the names the page declares for its site, brand, app and owner


def page_meta(tree: LexborHTMLParser) -> PageMeta:
    """The page's declared fields. Read before the main-text pass, which removes scripts."""
    meta = _meta_values(tree)
    ld = _json_ld(tree)
    url = _canonical(tree) or meta.get("og:url")
    title = _first(meta, _TITLE_KEYS) or ld.get("headline") or _title_element(tree) or _h1(tree)
    site = _site_name(meta, ld)
    author = ld.get("author") or _first(meta, _AUTHOR_KEYS)
    if author and author.startswith(("http://", "https://")):  # article:author is often a profile link
        author = None
    own = tuple(dict.fromkeys(n for n in (meta.get(k) for k in _OWN_NAME_KEYS) if n))
    return PageMeta(title=title, site_name=site, url=url, author=author, own_names=own)


def _site_name(meta: dict[str, str], ld: dict[str, str]) -> str | None:
    """The site's name: the Open Graph name, or the JSON-LD publisher's when that is longer (a brand
    "Inexhibit" beside its full name "Inexhibit magazine"); a twitter handle when there is nothing else."""
    declared = _first(meta, _SITE_KEYS)
    publisher = ld.get("publisher")
    if publisher and (not declared or len(publisher) > len(declared) or declared.startswith("http")):
        declared = publisher
    if not declared and meta.get("twitter:site"):
        declared = meta["twitter:site"].lstrip("@") or None
    return declared


def _first(values: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = values.get(key)
        if value:
            return value
    return None


def _meta_values(tree: LexborHTMLParser) -> dict[str, str]:
    """`<meta>` content by lower-cased name, property or itemprop; the first of each wins."""
    values: dict[str, str] = {}
    for node in tree.css("meta"):
        attributes = node.attributes
        content = " ".join((attributes.get("content") or "").split())
        if not content:
            continue
        for attribute in ("property", "name", "itemprop"):
            key = (attributes.get(attribute) or "").strip().lower()
            if key:
                values.setdefault(key, content)
    return values


def _canonical(tree: LexborHTMLParser) -> str | None:
    for node in tree.css('link[rel="canonical"]'):
        href = (node.attributes.get("href") or "").strip()
        if href.startswith(("http://", "https://")):
            return href
    return None


def _title_element(tree: LexborHTMLParser) -> str | None:
    node = tree.css_first("head title") or tree.css_first("title")
    text = " ".join(node.text(deep=True).split()) if node is not None else ""
    return text or None


def _h1(tree: LexborHTMLParser) -> str | None:
    node = tree.css_first("h1")
    text = " ".join(node.text(deep=True).split()) if node is not None else ""
    return text or None


def _json_ld(tree: LexborHTMLParser) -> dict[str, str]:
    """headline, author and publisher of the page's article object in JSON-LD."""
    found: dict[str, str] = {}
    for node in tree.css('script[type="application/ld+json"]'):
        text = node.text(deep=True) or "null"
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):  # sites ship broken JSON-LD (an unescaped quote): read its plain fields
            for key, pattern in _BROKEN_JSON_FIELDS.items():
                m = pattern.search(text)
                if m:
                    _offer(found, key, " ".join(m.group(1).split()))
            continue
        for item in _objects(data):
            kind = item.get("@type")
            kinds = [str(k) for k in kind] if isinstance(kind, list) else [str(kind or "")]
            _offer(found, "publisher", _name(item.get("publisher")))
            if any(_SITE_TYPES.match(k) for k in kinds):
                _offer(found, "publisher", _name(item))
                continue
            if not any(_ARTICLE_TYPES.search(k) for k in kinds):
                continue
            for key in ("headline",):
                if isinstance(item.get(key), str):
                    _offer(found, key, " ".join(item[key].split()))
            _offer(found, "author", _name(item.get("author")))
    return found


def _offer(found: dict[str, str], key: str, value: str | None) -> None:
    """Keep the first value of a field; of publisher names, the longest (the site's full name)."""
    if not value:
        return
    if key not in found or (key == "publisher" and len(value) > len(found[key])):
        found[key] = value


def _objects(data: object, depth: int = 0):
    """Every JSON object in `data` (lists and @graph included), outermost first."""
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _objects(data["@graph"], depth + 1)


def _name(value: object) -> str | None:
    """A person's or an organisation's name from a JSON-LD value (a string, an object or a list)."""
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value[:4]) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, str) and value.strip() and not value.strip().startswith(("http://", "https://")):
        return " ".join(value.split())
    return None
