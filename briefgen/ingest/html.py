"""Raw HTML pages: main text by a compiled first pass (trafilatura where that pass is unsure); outlet,
title, date and author by `briefgen.provenance`, from the same parse of the page."""

from __future__ import annotations

from dataclasses import replace

import trafilatura
import trafilatura.external
from trafilatura.xml import xmltotxt

from ..clean.text import (
    all_stopwords,
    junk_in_extracted_text,
    looks_like_prose,
    strip_markup,
    word_count,
)
from ..language import declared_code, detect_language
from ..model import Article
from ..provenance import OutletRegistry
from ..provenance.page import page_metadata, page_provenance
from .decode import ArticleError, content_id
from .main_text import main_text, parse

# The shortest news brief is a sentence or two; less text than this is what is left of navigation.
# (Counted in characters, not words or sentence marks, so Japanese or Chinese pages are not refused.)
MIN_TEXT_CHARS = 40
# When the junk judge refuses more than this share of the first pass's text, the pass took in a
# page's furniture: trafilatura reads the page instead.
_MOST_REFUSED = 0.25
_LABEL_WORDS = 5
# Lines of this many words or fewer that are each a link's whole text, making up this share of a
# text, are a menu.
_MENU_ITEM_WORDS = 8
_MENU_SHARE = 0.5
_MAX_LABELS = 2


def read_html(path: str, text: str, registry: OutletRegistry, feed_date: str | None = None) -> Article:
    """The article of one HTML page; `feed_date`: the date of the feed item that linked to it."""
    try:
        tree = parse(text)  # the one parse: metadata, credits and main text all read this tree
    except Exception as err:  # the parser refuses very little; what it refuses is unusable
        raise ArticleError(f"cannot parse HTML: {err}") from None
    meta = page_metadata(tree)  # before the main-text pass, which takes scripts and furniture out
    declared = _declared_language(tree)
    title = strip_markup(meta.title)
    lines, refused = _main_paragraphs(tree, text, title)
    # credits are read from every line, junk or not ("Source: …" is both); the body leaves out a spam
    # site's junk inside its <article> (breadcrumbs, "View", share bars, related links)
    paragraphs = [p for p, junk in zip(lines, refused) if not junk]
    if title and title in paragraphs[:3]:  # the headline again, under a breadcrumb that was dropped
        paragraphs.remove(title)
    if sum(len(p) for p in paragraphs) < MIN_TEXT_CHARS:  # a "Home" link left of a menu is no article
        raise ArticleError("no article text found in the HTML page")
    found = page_provenance(text, replace(meta, title=title), lines, paragraphs, registry, feed_date=feed_date)
    body = "\n".join(paragraphs)
    return Article(
        id=content_id(text),
        path=path,
        title=found.title,
        body=body,
        outlet=found.outlet,
        host=found.host,
        url=found.url,
        published=found.published,
        author=found.author,
        language=detect_language(f"{found.title}\n{body}", declared),
    )


def _declared_language(tree) -> str | None:
    """The language the page says it is in (`<html lang>`, else `og:locale`): a hint for detection."""
    root = tree.css_first("html")
    declared = declared_code(root.attributes.get("lang") if root is not None else None)
    if declared is None:
        locale = tree.css_first('meta[property="og:locale"]')
        declared = declared_code(locale.attributes.get("content") if locale is not None else None)
    return declared


def _main_paragraphs(tree, html: str, title: str) -> tuple[list[str], list[bool]]:
    """The article's paragraphs and the junk judge's verdict on each: the first pass's when it is
    sure and the judge refuses little of it, else trafilatura's (its full mode, with its fallback
    extractors: on a page the rules cannot read, its fast mode too often takes the site's menu),
    unless trafilatura's text is itself a menu of the page's links."""
    first = main_text(tree)
    paragraphs = _without_headline([p for p in (strip_markup(line) for line in first.lines) if p], title)
    refused = _labels_refused(paragraphs, junk_in_extracted_text(paragraphs))
    if first.sure and sum(len(p) for p, junk in zip(paragraphs, refused) if junk) <= _MOST_REFUSED * sum(map(len, paragraphs)):
        return paragraphs, refused
    if trafilatura.external.JT_STOPLIST is None:
        # trafilatura's full mode may ask jusText, with every stoplist it ships: the set the line
        # judgement loads already, loaded once (each load reads a hundred files)
        trafilatura.external.JT_STOPLIST = all_stopwords()
    try:
        # the page as the first pass left it: without its scripts and without what it hides
        extracted = trafilatura.bare_extraction(tree.html or html, include_comments=False)
    except Exception:  # trafilatura raises many kinds on broken markup; the first pass's text stands
        extracted = None
    if extracted is None or extracted.body is None:
        return paragraphs, refused
    theirs = _without_headline([p for p in (strip_markup(line) for line in _text_of(extracted.body).split("\n")) if p], title)
    if not theirs:
        return paragraphs, refused
    if _is_menu(theirs, tree):
        return paragraphs, refused
    return theirs, junk_in_extracted_text(theirs)


def _text_of(body) -> str:
    """trafilatura's text of its body tree, with the page source's line breaks inside a paragraph
    made spaces first: its fallback extractors keep them, and they are no breaks on the page."""
    for element in body.iter():
        if element.text and "\n" in element.text:
            element.text = element.text.replace("\n", " ")
        if element.tail and "\n" in element.tail:
            element.tail = element.tail.replace("\n", " ")
    return xmltotxt(body, include_formatting=False)


def _is_menu(lines: list[str], tree) -> bool:
    """True when most of `lines` are short lines that are each the whole text of one of the page's
    links: a site's menu or a list of headlines, not an article."""
    if not lines:
        return False
    link_texts = {" ".join(a.text(deep=True).split()) for a in tree.css("a")}
    short_links = [line for line in lines if word_count(line) <= _MENU_ITEM_WORDS and line in link_texts]
    return sum(map(len, short_links)) > _MENU_SHARE * sum(map(len, lines))


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
