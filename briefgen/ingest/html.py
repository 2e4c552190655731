"""Raw HTML pages: main text and metadata by trafilatura; the credit in the text still decides the outlet."""

from __future__ import annotations

import trafilatura

from ..clean import junk_in_extracted_text, strip_markup
from ..model import Article
from ..outlets import OutletRegistry, attribute, credit_from_lines, domain_of
from ..site_names import clean_site_name, strip_site_suffix
from .dates import iso_date
from .decode import ArticleError, content_id
from .page_credits import page_credit_lines


# The shortest news brief is a sentence or two; less text than this is what is left of navigation.
# (Counted in characters, not words or sentence marks, so Japanese or Chinese pages are not refused.)
MIN_TEXT_CHARS = 40


def read_html(path: str, text: str, registry: OutletRegistry) -> Article:
    try:
        doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False, include_tables=False)
    except Exception as err:  # trafilatura raises many kinds on broken markup; all mean "unusable"
        raise ArticleError(f"cannot parse HTML: {err}") from None
    if doc is None or not (doc.text or "").strip():
        raise ArticleError("no article text found in the HTML page")
    title = strip_markup(doc.title or "")
    paragraphs = [strip_markup(p) for p in doc.text.split("\n")]
    paragraphs = [p for p in paragraphs if p]
    if paragraphs and paragraphs[0] == title:  # trafilatura keeps the <h1> headline in the text
        paragraphs = paragraphs[1:]
    lines = paragraphs  # credits are read from every line, junk or not ("Source: …" is both)
    # a spam site's junk inside its <article> (breadcrumbs, "View", share bars, related links)
    paragraphs = [p for p, junk in zip(paragraphs, junk_in_extracted_text(paragraphs)) if not junk]
    if title and title in paragraphs[:3]:  # the headline again, under a breadcrumb that was dropped
        paragraphs.remove(title)
    if sum(len(p) for p in paragraphs) < MIN_TEXT_CHARS:  # a "Home" link left of a menu is no article
        raise ArticleError("no article text found in the HTML page")
    url = doc.url if (doc.url or "").startswith(("http://", "https://")) else None
    domain = domain_of(url)
    site = clean_site_name(doc.sitename, domain, registry)
    credit = credit_from_lines(lines, paragraphs, registry, page_credit_lines(text, doc.author))
    # a copy found on a site with no address is known by the site's name
    outlet, host = attribute(credit, site, domain or (doc.sitename.strip() if doc.sitename else None))
    title = strip_site_suffix(title, (doc.sitename, site), domain)
    return Article(
        id=content_id(text),
        path=path,
        title=title,
        body="\n".join(paragraphs),
        outlet=outlet,
        host=host,
        url=url,
        published=None if host else iso_date(doc.date),
        author=credit.author or doc.author,
    )
