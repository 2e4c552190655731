"""Raw HTML pages: main text and metadata by trafilatura; the credit in the text still decides the outlet."""

from __future__ import annotations

import trafilatura

from ..clean import strip_markup
from ..model import Article
from ..outlets import OutletRegistry, attribute, credit_from_lines, domain_of
from .dates import iso_date
from .decode import ArticleError, content_id


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
    if sum(len(p) for p in paragraphs) < MIN_TEXT_CHARS:  # a "Home" link left of a menu is no article
        raise ArticleError("no article text found in the HTML page")
    url = doc.url if (doc.url or "").startswith(("http://", "https://")) else None
    site = registry.from_url(url) or (registry.normalise(doc.sitename) if doc.sitename else None)
    credit = credit_from_lines(paragraphs, paragraphs, registry)
    outlet, host = attribute(credit, site, domain_of(url))
    return Article(
        id=content_id(text),
        path=path,
        title=title,
        body="\n".join(paragraphs),
        outlet=outlet,
        host=host,
        url=url,
        published=None if host else iso_date(doc.date),
        author=doc.author or credit.author,
    )
