"""The one decision of who wrote an article, where the copy was found, its title and its date.

Each reader gathers what its input says (`Parts`) and asks `provenance` for the answer; the rules
are the same for an HTML page, a plain-text scrape, a JSON record and a feed item:

- outlet: a credit in the text naming another outlet (a dateline, "Source: …", a byline, a
  copyright line) outranks the site; else the site's own name, cleaned (`sites.clean_site_name`);
  a site with no usable name is its registrable domain;
- host: the site the copy was found on, when the credit names another outlet;
- title: one cleaner (`titles.clean_title`);
- published: the site's own date (a page's, a scrape's date line, its feed item's) is the re-post's
  date when the copy is credited to another outlet, and is then dropped: the article's date is one
  its credit line or dateline states with its year ("originally appeared on X on August 30, 2023"),
  else its duplicate group's original's (`briefgen.dedupe.minhash`), else none. A date the input states for the article
  itself (a JSON record's field) is kept;
- author: a name the input states for the article, else the credit's byline, else the page's
  author metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .credits import attribute, credit_from_lines
from .dates import PageDate, credited_date
from .registry import OutletRegistry, domain_of
from .sites import clean_site_name, compact, registrable_domain
from .titles import clean_outlet_name, clean_title, without_copyright

# A site name this long is a headline or a sentence, not a name.
MAX_NAME_WORDS = 8


@dataclass(frozen=True)
class Parts:
    """What a reader found in one input, before anything is decided."""

    title: str = ""
    lines: tuple[str, ...] = ()  # every line of the text, junk included: credits stand anywhere
    body: tuple[str, ...] = ()  # the article's paragraphs (a dateline starts them)
    url: str | None = None
    site_name: str | None = None  # the site's own name as the page or feed gives it (og:site_name)
    named_outlet: str | None = None  # an outlet the input names as the article's (a record's "outlet")
    bylines: tuple[str, ...] = ()  # credit lines outside the main text (byline elements, © lines)
    site_date: PageDate = PageDate()  # the date the site puts on its copy
    stated_date: str | None = None  # a date the input states for the article itself
    author: str | None = None  # an author the input states for the article
    author_metadata: str | None = None  # the page's author metadata: weaker than a byline


@dataclass(frozen=True)
class Provenance:
    outlet: str | None
    host: str | None
    title: str
    published: str | None
    author: str | None
    url: str | None = None
    updated: str | None = None


def provenance(parts: Parts, registry: OutletRegistry) -> Provenance:
    """(outlet, host, title, published, author) of one article, by the rules above."""
    url = parts.url if (parts.url or "").startswith(("http://", "https://")) else None
    domain = domain_of(url)
    known = registry.from_url(url)
    # a page whose "site name" is its whole title ("Headline - Blog") names its site only in the title
    site_name = None if parts.site_name and compact(parts.site_name) == compact(parts.title) else parts.site_name
    title, title_site = clean_title(parts.title, (site_name, known, parts.named_outlet), domain, "\n".join(parts.body))
    page_name = _usable_name(site_name, title)
    named = clean_outlet_name(parts.named_outlet)
    site: str | None
    if named:
        site = registry.normalise(named)
    else:
        raw = page_name or (title_site if not known else None)
        cleaned = clean_site_name(raw, domain, registry) if (raw or domain) else None
        site = clean_outlet_name(cleaned) or (registrable_domain(domain) if domain else None)
    credit = credit_from_lines(list(parts.lines), list(parts.body), registry, parts.bylines)
    found_on = named or domain or (page_name and " ".join(page_name.split())) or title_site
    outlet, host = attribute(credit, site, found_on)
    outlet = clean_outlet_name(outlet) or site
    if host is None and outlet is None and domain:
        outlet = registrable_domain(domain)
    # a re-post's own date is the site's; the original's is what its credit or dateline states, if any
    published = parts.stated_date or (credited_date(parts.body[:3] + parts.lines) if host else parts.site_date.published)
    author = parts.author or credit.author or parts.author_metadata
    return Provenance(outlet, host, title, published, author, url, parts.site_date.updated)


def _usable_name(name: str | None, title: str) -> str | None:
    """The site's own name, unless it is the headline (or as long as one)."""
    if not name or not name.strip():
        return None
    name = without_copyright(name)
    words = len(re.findall(r"\w+", name))
    if words > MAX_NAME_WORDS or (words >= 3 and compact(name) == compact(title)):
        return None
    return name
