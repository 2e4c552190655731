"""RSS and Atom feeds: one `Article` per item, parsed by feedparser.

A feed item often carries only a title, a link and a teaser; it becomes an article all the same
(grouped into stories on what it has, never summarised from nothing). The outlet comes from the
item's credit lines, then its link's domain, then the feed's own title. One item without a title or
text is skipped with its index; a file that is not a feed at all is refused as a whole.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import feedparser

from ..clean.text import strip_markup
from ..model import Article, Skipped
from ..provenance import OutletRegistry, iso_date
from ..provenance.entry import Parts, provenance
from .decode import ArticleError, content_id


def read_feed(path: str, data: bytes, registry: OutletRegistry, max_bytes: int | None = None) -> Iterator[Article | Skipped]:
    """Items of the feed in `data` (raw bytes, so the feed's own encoding declaration is honoured);
    an item whose text is over `max_bytes` is skipped."""
    parsed = parse_feed(data)
    malformed = _malformation(parsed)
    feed_outlet = parsed.feed.get("title") or None
    for index, entry in enumerate(parsed.entries):
        where = f"{path}#{index}"
        try:
            size = len(_entry_html(entry).encode("utf-8", "surrogatepass"))
            if max_bytes is not None and size > max_bytes:
                raise ArticleError(f"record too large ({size:,} bytes; the limit is {max_bytes:,})")
            yield feed_item(where, entry, feed_outlet, registry)
        except ArticleError as err:
            yield Skipped(where, f"{err} (malformed feed: {malformed})" if malformed else str(err))


def parse_feed(data: bytes, headers: dict[str, str] | None = None) -> feedparser.FeedParserDict:
    """The parsed feed, or `ArticleError` when it has no item to read."""
    # A stream, never a string: feedparser takes a string that looks like a URL or a file name for
    # one, and would fetch or open it.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    if not parsed.entries:
        malformed = _malformation(parsed)
        if malformed:
            raise ArticleError(f"malformed feed: {malformed}")
        if not parsed.get("version"):
            raise ArticleError("not an RSS or Atom feed")
        raise ArticleError("feed has no items")
    return parsed


def _malformation(parsed: feedparser.FeedParserDict) -> str | None:
    """Why feedparser found the XML broken (it still recovers what it can), or None."""
    if not parsed.get("bozo"):
        return None
    error = parsed.get("bozo_exception")
    return error.getMessage() if hasattr(error, "getMessage") else str(error)


def feed_item(where: str, entry: dict, feed_outlet: str | None, registry: OutletRegistry) -> Article:
    """One parsed feed entry as an article (also used for items fetched from live feeds)."""
    title = strip_markup(entry.get("title") or "")
    paragraphs = [strip_markup(p) for p in _html_lines(_entry_html(entry))]
    paragraphs = [p for p in paragraphs if p and p != title]
    if not title and not paragraphs:
        raise ArticleError("feed item has neither a title nor text")
    link = entry.get("link") or ""
    url = link if link.startswith(("http://", "https://")) else None
    published = entry.get("published") or entry.get("updated")
    found = provenance(
        Parts(
            title=title,
            lines=tuple(paragraphs),
            body=tuple(paragraphs),
            url=url,
            site_name=None if registry.from_url(url) else feed_outlet,
            stated_date=iso_date(published),
            author=entry.get("author"),
        ),
        registry,
    )
    source = {"title": title, "link": url, "id": entry.get("id"), "text": paragraphs, "published": published}
    return Article(
        id=content_id(json.dumps(source, sort_keys=True, ensure_ascii=False)),
        path=where,
        title=found.title,
        body="\n".join(paragraphs),
        outlet=found.outlet,
        host=found.host,
        url=url,
        published=found.published,
        author=found.author,
        source_id=(entry.get("id") or "").strip() or None,  # the item's guid / Atom id
    )


def _entry_html(entry: dict) -> str:
    """The fullest text the item carries: `content:encoded`/Atom content, else its summary."""
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    return max(contents, key=len) if contents else (entry.get("summary") or "")


def _html_lines(markup: str) -> list[str]:
    # Block-level tags end a paragraph; strip_markup then removes the remaining inline tags.
    for tag in ("</p>", "<br>", "<br/>", "<br />", "</div>", "</li>", "</h1>", "</h2>", "</h3>"):
        markup = markup.replace(tag, tag + "\n").replace(tag.upper(), tag + "\n")
    return markup.splitlines()
