"""Raw HTML pages: main text by a compiled first pass (trafilatura where that pass is unsure), page
metadata and credits from the same parsed tree; the credit in the text still decides the outlet."""

from __future__ import annotations

import trafilatura

from ..clean import junk_in_extracted_text, looks_like_prose, strip_markup, word_count
from ..model import Article
from ..outlets import OutletRegistry, attribute, credit_from_lines, domain_of
from ..site_names import clean_site_name, strip_site_suffix
from .dates import iso_date
from .decode import ArticleError, content_id
from .main_text import main_text, parse
from .page_credits import page_credit_lines
from .page_meta import page_meta


# The shortest news brief is a sentence or two; less text than this is what is left of navigation.
# (Counted in characters, not words or sentence marks, so Japanese or Chinese pages are not refused.)
MIN_TEXT_CHARS = 40
# When the junk judge refuses more than this share of the first pass's text, the pass took in a
# page's furniture: trafilatura reads the page instead.
_MOST_REFUSED = 0.25
_LABEL_WORDS = 5
_MAX_LABELS = 2


def read_html(path: str, text: str, registry: OutletRegistry) -> Article:
    try:
        tree = parse(text)  # the one parse: metadata, credits and main text all read this tree
    except Exception as err:  # the parser refuses very little; what it refuses is unusable
        raise ArticleError(f"cannot parse HTML: {err}") from None
    meta = page_meta(tree)
    credit_lines = page_credit_lines(tree, meta.author)
    title = strip_markup(meta.title or "")
    lines, refused = _main_paragraphs(tree, text, title)
    # credits are read from every line, junk or not ("Source: …" is both); the body leaves out a spam
    # site's junk inside its <article> (breadcrumbs, "View", share bars, related links)
    paragraphs = [p for p, junk in zip(lines, refused) if not junk]
    if title and title in paragraphs[:3]:  # the headline again, under a breadcrumb that was dropped
        paragraphs.remove(title)
    if sum(len(p) for p in paragraphs) < MIN_TEXT_CHARS:  # a "Home" link left of a menu is no article
        raise ArticleError("no article text found in the HTML page")
    url = meta.url if (meta.url or "").startswith(("http://", "https://")) else None
    domain = domain_of(url)
    site = clean_site_name(meta.site_name, domain, registry)
    credit = credit_from_lines(lines, paragraphs, registry, credit_lines)
    # a copy found on a site with no address is known by the site's name
    outlet, host = attribute(credit, site, domain or (meta.site_name.strip() if meta.site_name else None))
    title = strip_site_suffix(title, (meta.site_name, site), domain)
    return Article(
        id=content_id(text),
        path=path,
        title=title,
        body="\n".join(paragraphs),
        outlet=outlet,
        host=host,
        url=url,
        published=None if host else iso_date(meta.date),
        author=credit.author or meta.author,
    )


def _main_paragraphs(tree, html: str, title: str) -> tuple[list[str], list[bool]]:
    """The article's paragraphs and the junk judge's verdict on each: the first pass's when it is
    sure and the judge refuses little of it, else trafilatura's (fast mode: its fallback extractors
    score no better on real news pages)."""
    first = main_text(tree)
    paragraphs = _without_headline([p for p in (strip_markup(line) for line in first.lines) if p], title)
    refused = _labels_refused(paragraphs, junk_in_extracted_text(paragraphs))
    if first.sure and sum(len(p) for p, junk in zip(paragraphs, refused) if junk) <= _MOST_REFUSED * sum(map(len, paragraphs)):
        return paragraphs, refused
    try:
        extracted = trafilatura.extract(html, fast=True, include_comments=False)
    except Exception:  # trafilatura raises many kinds on broken markup; the first pass's text stands
        extracted = None
    if not extracted:
        return paragraphs, refused
    paragraphs = _without_headline([p for p in (strip_markup(line) for line in extracted.split("\n")) if p], title)
    return paragraphs, junk_in_extracted_text(paragraphs)


def _labels_refused(paragraphs: list[str], refused: list[bool]) -> list[bool]:
    """The verdicts with a label or two above the first paragraph ("Photos", "13 Aug", "Staff
    Reports", a section name) refused: the page's, not the article's first lines. They stay among the
    lines credits are read from ("By The Hill"). A line announcing what follows ("Key points:") is
    the article's."""
    refused = list(refused)
    for i, line in enumerate(paragraphs[:_MAX_LABELS]):
        if word_count(line) > _LABEL_WORDS or line.endswith(":") or looks_like_prose(line):
            break
        refused[i] = True
    return refused


def _without_headline(paragraphs: list[str], title: str) -> list[str]:
    # trafilatura keeps the <h1> headline in the text
    return paragraphs[1:] if paragraphs and paragraphs[0] == title else paragraphs
