"""When an article was published: one order of evidence, written down, for every reader.

A page says when it was published in several places, some of them not about publication at all.
Evidence is taken in this order, the first that holds a date winning:

1. the page's declared publication date: JSON-LD `datePublished`, `article:published_time` and the
   other publication meta tags, a `<time datetime>` the page marks as its publication;
2. the date in the page's URL path (`/2023/08/30/`) — which wins over a declared date one day later
   or earlier, unless the page states that date in local time: a timestamp declared in UTC runs past
   midnight of the newsroom's own day (or falls short of it), the one its URL carries, where one
   stated with the newsroom's own UTC offset ("+01:00") is that day;
3. the feed item's date, for a page reached through a feed;
4. a date found in the page's text.

Labels that do not date the publication never count: "View Date", "Viewed", "Accessed",
"Printed", "Last updated" (kept as the page's `updated` date), a copyright year. Steps 1, 2 and 4 are
htmldate's own searches (its header and JSON-LD search, its URL search, and its full search with
`original_date`), asked in this order rather than in htmldate's, which puts the URL first and a feed
nowhere; step 4 runs only when the first three found nothing, since it is the costly one. Dates are ISO `YYYY-MM-DD`.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import date, datetime

from dateutil import parser as dateparser
from htmldate import find_date
from htmldate.core import examine_header, extract_url_date, json_search
from htmldate.utils import Extractor
from htmldate.validators import get_max_date, get_min_date
from lxml.html import HtmlElement, document_fromstring
from selectolax.lexbor import LexborHTMLParser
from trafilatura.utils import load_html


def iso_date(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, (date, datetime)):
        return value.strftime("%Y-%m-%d")
    text = str(value).strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).strftime("%Y-%m-%d")
    except ValueError:
        pass
    try:
        # fuzzy: "Published 3:04 PM EDT, August 30, 2023" — a fixed default keeps it deterministic.
        # Only the date is kept, so a time zone dateutil does not know ("EST") does not matter.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", dateparser.UnknownTimezoneWarning)
            return dateparser.parse(text, fuzzy=True, default=datetime(1900, 1, 1)).strftime("%Y-%m-%d")
    except (ValueError, OverflowError):
        return None


# --- a page's publication date -----------------------------------------------------------------

# Words that put a date on something other than the publication: a visit, a print, an update.
_NOT_PUBLISHED = re.compile(
    r"\b(?:view(?:ed)?\s*date|viewed|accessed|retrieved|printed|print\s*date)\b\s*(?:on|am|le|el|em)?\s*:?\s*", re.I
)
# An update's label: its date is kept as `updated`, never the publication's (htmldate's search for the
# original date already passes over it; a page whose update and publication fall on one day is common).
_UPDATED_LABEL = re.compile(
    r"\b(?:last\s+)?(?:updated|modified|aktualisiert|actualizado|atualizado|mis\s+à\s+jour)\b\s*(?:on|am|le|el|em)?\s*:?\s*", re.I
)
_UPDATED = re.compile(r"updated|modified|aktualisiert|actualizado|atualizado|mis\s+à\s+jour", re.I)
_DATE_AFTER_LABEL = 40  # characters after a label where its date stands
# The last date htmldate accepts: fixed, so the same page reads the same on every day it is read
# (a date after the briefing's own day is dropped by the pipeline, which knows that day).
LATEST = "2099-12-31"
EARLIEST = "1995-01-01"


@dataclass(frozen=True)
class PageDate:
    """A page's publication date, which evidence gave it, and the date it says it was updated."""

    published: str | None = None
    evidence: str | None = None  # "declared", "url", "feed", "text"
    updated: str | None = None


def _options(extensive: bool) -> Extractor:
    return Extractor(extensive, get_max_date(LATEST), get_min_date(EARLIEST), True, "%Y-%m-%d")


def declared_date(tree: LexborHTMLParser) -> str | None:
    """Step 1: the publication date the page declares: its meta tags and JSON-LD (htmldate's header
    and JSON search), else a `<time datetime>` marked as the publication (`itemprop="datePublished"`,
    `pubdate`) outside a sidebar or a teaser list: those mark other articles' dates, and the article's
    own (its header's) is then found by step 4. An unmarked `<time>` is left to step 4 too: teasers
    of other articles carry them.
    `tree` is the reader's one parse of the page, read before its main-text pass takes scripts out."""
    options = _options(False)
    try:
        header = _header_document(tree)
        found = examine_header(header, options) or json_search(header, options)
    except Exception:  # htmldate's parsers meet any markup; a failure means "not declared"
        found = None
    if found:
        return found
    for time in tree.css('time[itemprop="datePublished"][datetime], time[pubdate][datetime]'):
        if _in_an_aside(time):
            continue  # a sidebar's or a teaser's own `pubdate`: another article's date
        found = iso_date(time.attributes.get("datetime"))
        if found and EARLIEST <= found <= LATEST:
            return found
    return None


# Containers of other articles than the page's: a sidebar, a teaser list, related links.
_ASIDE_TAGS = frozenset(("aside", "nav", "footer"))
_ASIDE_CLASS = re.compile(r"sidebar|side-bar|widget|related|teaser|recommend|popular|trending|more-stories|most-read|rail\b", re.I)


def _in_an_aside(node) -> bool:
    """Whether a node stands in an aside, a sidebar, a footer or a list of other articles: HTML5's
    `pubdate` marks the date of the nearest article, and a sidebar's teasers carry their own."""
    parent = node.parent
    while parent is not None and parent.tag not in ("body", "html"):
        if parent.tag in _ASIDE_TAGS:
            return True
        attributes = parent.attributes
        marks = " ".join(attributes.get(a) or "" for a in ("class", "id") if a in attributes)
        if marks and _ASIDE_CLASS.search(marks):
            return True
        parent = parent.parent
    return False


# Where a page states its publication's timestamp: the meta tags htmldate reads first, and JSON-LD.
_PUBLISHED_KEYS = frozenset(
    "article:published_time og:article:published_time datepublished date dc.date dc.date.issued pubdate publishdate".split()
)
_JSON_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{10,40})"')


def declared_in_local_time(tree: LexborHTMLParser, declared: str | None) -> bool:
    """Whether the page states its declared date as a local time: a timestamp on that day with a UTC
    offset other than zero ("2020-02-19T18:37:32+01:00"). Such a timestamp names the newsroom's own
    day, which a URL made when the story was started need not (step 2)."""
    if not declared:
        return False
    stamps = [
        node.attributes.get("content") or ""
        for node in tree.css("meta[content]")
        if (node.attributes.get("property") or node.attributes.get("name") or node.attributes.get("itemprop") or "").lower() in _PUBLISHED_KEYS
    ]
    stamps += [m.group(1) for node in tree.css('script[type="application/ld+json"]') for m in _JSON_PUBLISHED.finditer(node.text() or "")]
    for stamp in stamps:
        try:
            moment = datetime.fromisoformat(stamp.strip().replace("Z", "+00:00"))
        except ValueError:
            continue
        if moment.utcoffset() and moment.date().isoformat() == declared:
            return True
    return False


def _header_document(tree: LexborHTMLParser) -> HtmlElement:
    """The page's `<meta>` elements and JSON scripts, the only parts htmldate's header and JSON-LD
    searches read, as a small lxml document for them: a few kilobytes where the page is hundreds."""
    metas = "".join(node.html or "" for node in tree.css("meta"))
    scripts = "".join(node.html or "" for node in tree.css('script[type="application/ld+json"], script[type="application/settings+json"]'))
    return document_fromstring(f"<html><head>{metas}</head><body>{scripts}</body></html>")


def url_date(url: str | None) -> str | None:
    """Step 2: a full date in the URL's path ("/2023/08/30/")."""
    if not url:
        return None
    try:
        return extract_url_date(url, _options(False))
    except Exception:
        return None


def not_published_dates(text: str) -> set[str]:
    """Dates that follow a label of a visit or a print ("View Date: 2025-04-21")."""
    return {found for m in _NOT_PUBLISHED.finditer(text) if (found := _loose_date(text[m.end() : m.end() + _DATE_AFTER_LABEL]))}


def updated_date(text: str) -> str | None:
    """The first date the text labels as an update ("Last updated: March 3, 2021")."""
    for m in _UPDATED_LABEL.finditer(text):
        found = _loose_date(text[m.end() : m.end() + _DATE_AFTER_LABEL])
        if found:
            return found
    return None


_NUMERIC_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})|(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_WORDED_DATE = re.compile(rf"\b{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\b\d{{1,2}}\.?\s+{_MONTH}\s+\d{{4}}", re.I)


def _loose_date(snippet: str) -> str | None:
    """The first date a label's snippet holds: "2025-04-21 13:04", "21.04.2025", "April 21, 2025"."""
    m = _NUMERIC_DATE.search(snippet)
    worded = _WORDED_DATE.search(snippet)
    if worded and (m is None or worded.start() < m.start()):
        return iso_date(worded.group())
    if m:
        year, month, day = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(6), m.group(5), m.group(4))
        return iso_date(f"{year}-{int(month):02d}-{int(day):02d}") if 1 <= int(month) <= 12 and 1 <= int(day) <= 31 else None
    return iso_date(snippet) if re.search(r"\b(?:19|20)\d\d\b", snippet) else None


def text_date(html: str, page_text: str = "") -> str | None:
    """Step 4: the date htmldate's full search finds in the page, unless it is not the publication's:
    a date after a label of a visit or a print, or a bare year (htmldate gives a year alone, such as
    a copyright's, as its 1 January) the page never writes as a full date. The search reads the whole
    page as lxml parses it, so it is the one step that parses the page again: it runs only on a page
    that declares no date and has none in its address or its feed item."""
    try:
        tree = load_html(html)
        found = find_date(tree, extensive_search=True, original_date=True, min_date=EARLIEST, max_date=LATEST, deferred_url_extractor=True)
    except Exception:
        return None
    if not found:
        return None
    text = page_text + " " + " ".join(" ".join(tree.itertext()).split())  # a space between elements' texts
    if found in not_published_dates(text) or (found.endswith("-01-01") and not _writes_new_year(found[:4], text)):
        return None
    return found


def _writes_new_year(year: str, text: str) -> bool:
    """Whether the text writes 1 January of `year` as a date ("2020-01-01", "01.01.2020", "1/1/2020",
    "January 1, 2020", "1 January 2020", "1. Januar 2020", "1er janvier 2020", "1 de enero de 2020")."""
    return bool(
        re.search(
            rf"{year}[-/.]0?1[-/.]0?1\b|\b0?1[-/.]0?1[-/.]{year}|\bjan\w*\.?\s+1(?:st)?,?\s+{year}"
            rf"|\b1(?:st|er|\.)?\s+(?:de\s+)?(?:jan|janv|ene|gen)\w*\.?,?\s+(?:de\s+)?{year}",
            text,
            re.I,
        )
    )


def page_date(
    declared: str | None,
    url: str | None = None,
    feed_date: str | None = None,
    page_text: str = "",
    html: str | None = None,
    declared_local: bool = False,
) -> PageDate:
    """The page's publication date by the order above: `declared` what `declared_date` read from the
    page, `feed_date` the feed item's (already ISO), `html` the page, for the text search;
    `declared_local`: the page states its declared date in local time (`declared_in_local_time`),
    which the URL's day does not overrule."""
    updated = updated_date(page_text)
    in_url = url_date(url)
    if declared and in_url and not declared_local and (_next_day(in_url, declared) or _next_day(declared, in_url)):
        # a timestamp declared in UTC runs a day past or short of the newsroom's own date (a page east
        # or west of Greenwich, published near midnight), which its URL carries
        return PageDate(in_url, "url", updated)
    if declared:
        return PageDate(declared, "declared", updated)
    if in_url:
        return PageDate(in_url, "url", updated)
    if feed_date:
        return PageDate(feed_date, "feed", updated)
    found = text_date(html, page_text) if html else None
    return PageDate(found, "text" if found else None, updated)


def near_url_date(declared: str, url: str | None) -> bool:
    """Whether the URL carries a date one day before or after the declared one."""
    in_url = url_date(url) if url and re.search(r"\d{4}", url) else None
    return in_url is not None and (_next_day(in_url, declared) or _next_day(declared, in_url))


def _next_day(day: str, later: str) -> bool:
    try:
        return date.fromisoformat(later).toordinal() - date.fromisoformat(day).toordinal() == 1
    except ValueError:
        return False


# "This article originally appeared on X on August 30, 2023", "first published August 30, 2023",
# "WASHINGTON, Aug 30, 2023 (Reuters) -": a re-post's own statement of its original's day.
_ORIGINALLY = re.compile(r"\b(?:originally|first)\s+(?:appeared|published|ran|posted)\b", re.I)
_DATED_DATELINE = re.compile(rf"^[A-Z][A-Za-z .'’-]{{1,40}},\s+({_WORDED_DATE.pattern})\s*\(", re.I)


def credited_date(lines: list[str] | tuple[str, ...]) -> str | None:
    """The original's date a credit line or a dateline of a re-post states, with its year: "This
    article originally appeared on X on August 30, 2023" → 2023-08-30. None when no line does."""
    for line in lines:
        if len(line.split()) > 60:
            continue
        m = _DATED_DATELINE.match(line)
        found = iso_date(m.group(1)) if m else None
        m = None if found else _ORIGINALLY.search(line)
        if m:
            found = _loose_date(line[m.end() : m.end() + 120])
        if found and EARLIEST <= found <= LATEST:
            return found
    return None
