"""What an HTML page says about itself, read from its parsed tree: title, site name, address, author,
credit lines, dates — and the page's provenance from them with its extracted text.

The tree is the one the HTML reader parsed (an lxml tree): nothing here parses the page again.
Title, site name, address and author metadata are read as trafilatura reads them (its meta-tag,
JSON-LD and title-element readers), the date by `briefgen.provenance.dates`, the credit lines (byline
elements among them) by `briefgen.provenance.page_credits`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lxml.html import HtmlElement
from trafilatura.metadata import examine_meta, extract_meta_json, extract_sitename, extract_title, extract_url

from .dates import iso_date, page_date
from .entry import Parts, Provenance, provenance
from .page_credits import page_credit_lines
from .registry import OutletRegistry


@dataclass
class PageMetadata:
    title: str = ""
    site_name: str | None = None
    url: str | None = None
    author: str | None = None


def page_metadata(tree: HtmlElement) -> PageMetadata:
    """Title, site name, canonical address and author the page declares (meta tags, JSON-LD, `<title>`)."""
    try:
        meta = examine_meta(tree)
        if meta.author and " " not in meta.author:  # a one-word "author" is a handle or the site: not a person
            meta.author = None
        try:
            meta = extract_meta_json(tree, meta)
        except Exception:  # trafilatura's JSON-LD reader meets any JSON a page holds
            pass
        title = meta.title or extract_title(tree)
        author = meta.author  # a byline element is read as a credit line (`page_credits`), where it counts
        url = meta.url or extract_url(tree)
        site = meta.sitename or extract_sitename(tree)
    except Exception:  # a tree lxml accepted but the meta readers cannot walk: the page says nothing
        return PageMetadata()
    if site:
        site = site.lstrip("@")
        if site and "." not in site and not site[0].isupper():
            site = site.title()
    return PageMetadata(title or "", site or None, url or None, author or None)


def page_provenance(
    tree: HtmlElement | None,
    meta: PageMetadata,
    lines: Sequence[str],
    body: Sequence[str],
    registry: OutletRegistry,
    *,
    url: str | None = None,
    feed_date: str | None = None,
) -> Provenance:
    """The provenance of an HTML page: `tree` its parsed tree, `meta` what `page_metadata` read from
    it, `lines` and `body` the text extracted from it (every line, and the article's paragraphs),
    `url` its address when known from outside the page, `feed_date` its feed item's date."""
    address = meta.url if (meta.url or "").startswith(("http://", "https://")) else url
    dated = page_date(tree, address or url, iso_date(feed_date), " ".join(lines))
    parts = Parts(
        title=meta.title,
        lines=tuple(lines),
        body=tuple(body),
        url=address,
        site_name=meta.site_name,
        bylines=page_credit_lines(tree, meta.author),
        site_date=dated,
        author_metadata=meta.author,
    )
    return provenance(parts, registry)
