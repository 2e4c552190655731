"""What an HTML page says about itself, read from the reader's one parse of it: title, site name,
address, author, declared date and credit lines — and the page's provenance from them with its
extracted text.

Everything here is read before the reader's main-text pass, which takes scripts and furniture out of
the tree: the fields by `page_meta`, the declared date by `dates.declared_date`, the credit lines
(byline elements among them) by `page_credits`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

from .dates import declared_date, declared_in_local_time, iso_date, near_url_date, page_date
from .entry import Parts, Provenance, provenance
from .page_credits import page_credit_lines
from .page_meta import page_meta
from .registry import OutletRegistry


@dataclass(frozen=True)
class PageMetadata:
    title: str = ""
    site_name: str | None = None
    url: str | None = None
    author: str | None = None
    declared_date: str | None = None  # the publication date the markup declares (step 1 of `dates`)
    declared_local: bool = False  # the markup states that date in local time (a UTC offset other than zero)
    credit_lines: tuple[str, ...] = ()  # byline elements, credit elements, copyright lines, author metadata
    own_names: tuple[str, ...] = ()  # the names the page declares for its own site, brand, app and owner
    photo_lines: frozenset[str] = frozenset()  # the texts of its photos' captions and credits


def page_metadata(tree: LexborHTMLParser) -> PageMetadata:
    """Title, site name, canonical address, author, declared date and credit lines of a parsed page."""
    fields = page_meta(tree)
    author = fields.author
    if author and " " not in author.strip():  # a one-word "author" is a handle or the site: not a person
        author = None
    site = (fields.site_name or "").lstrip("@")
    if site and "." not in site and not site[0].isupper():
        site = site.title()
    declared = declared_date(tree)
    credit_lines, photos = page_credit_lines(tree, author)
    return PageMetadata(
        title=fields.title or "",
        site_name=site or None,
        url=fields.url,
        author=author,
        declared_date=declared,
        # read only where it can matter: a declared date a day from the address's
        declared_local=bool(declared and near_url_date(declared, fields.url)) and declared_in_local_time(tree, declared),
        credit_lines=credit_lines,
        own_names=fields.own_names,
        photo_lines=photos,
    )


def page_provenance(
    html: str | None,
    meta: PageMetadata,
    lines: Sequence[str],
    body: Sequence[str],
    registry: OutletRegistry,
    *,
    url: str | None = None,
    feed_date: str | None = None,
) -> Provenance:
    """The provenance of an HTML page: `html` the page (read again only when nothing dates it), `meta` what `page_metadata` read from
    it, `lines` and `body` the text extracted from it (every line, and the article's paragraphs),
    `url` its address when known from outside the page, `feed_date` its feed item's date."""
    address = meta.url if (meta.url or "").startswith(("http://", "https://")) else url
    dated = page_date(meta.declared_date, address or url, iso_date(feed_date), " ".join(lines), html, meta.declared_local)
    parts = Parts(
        title=meta.title,
        lines=tuple(line for line in lines if line not in meta.photo_lines),  # a photo's credit is not the article's
        body=tuple(body),
        url=address,
        site_name=meta.site_name,
        bylines=tuple(line for line in meta.credit_lines if line not in meta.photo_lines),
        site_date=dated,
        author_metadata=meta.author,
        own_names=meta.own_names,
    )
    return provenance(parts, registry)
