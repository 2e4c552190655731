"""Raw HTML pages: main text by trafilatura; outlet, title, date and author by `briefgen.provenance`."""

from __future__ import annotations

import trafilatura
from trafilatura.utils import load_html

from ..clean import junk_in_extracted_text, strip_markup
from ..model import Article
from ..provenance import OutletRegistry
from ..provenance.page import page_metadata, page_provenance
from .decode import ArticleError, content_id


# The shortest news brief is a sentence or two; less text than this is what is left of navigation.
# (Counted in characters, not words or sentence marks, so Japanese or Chinese pages are not refused.)
MIN_TEXT_CHARS = 40


def read_html(path: str, text: str, registry: OutletRegistry, feed_date: str | None = None) -> Article:
    """The article of one HTML page; `feed_date`: the date of the feed item that linked to it."""
    try:
        tree = load_html(text)  # parsed once: the metadata is read from this tree, the text from a copy
        if tree is None:
            raise ValueError("no HTML document")
        doc = trafilatura.bare_extraction(tree, include_comments=False, include_tables=False)
    except Exception as err:  # trafilatura raises many kinds on broken markup; all mean "unusable"
        raise ArticleError(f"cannot parse HTML: {err}") from None
    if doc is None or not (doc.text or "").strip():
        raise ArticleError("no article text found in the HTML page")
    meta = page_metadata(tree)
    title = meta.title = strip_markup(meta.title)
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
    found = page_provenance(tree, meta, lines, paragraphs, registry, feed_date=feed_date)
    return Article(
        id=content_id(text),
        path=path,
        title=found.title,
        body="\n".join(paragraphs),
        outlet=found.outlet,
        host=found.host,
        url=found.url,
        published=found.published,
        author=found.author,
    )
