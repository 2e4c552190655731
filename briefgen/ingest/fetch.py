"""Daily runs' input: fetch RSS/Atom feeds, then the article pages they link to.

Politeness first — a newsletter job runs every morning against the same sites:
- a User-Agent that names briefgen, and a timeout on every request;
- at most `per_host` requests in flight to one host (and `max_connections` overall);
- retries with exponential back-off, only for what may pass (timeouts, connection errors, 429 and
  5xx), never for a 404;
- conditional GET of feeds (ETag / Last-Modified kept in the store): an unchanged feed costs a 304;
- a page already in the store is not fetched again.
A feed or page that fails is reported with its URL and reason and skipped, never the run. The main
text and metadata of a page come from the same reader as an HTML file (`ingest.html.read_html`).
"""

from __future__ import annotations

import asyncio
from typing import TypeGuard
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

import httpx

from .. import __name__ as _package
from ..model import Article, Skipped
from ..provenance import OutletRegistry, iso_date
from .decode import ArticleError, decode
from .feeds import feed_item, parse_feed
from .html import read_html

USER_AGENT = f"{_package}/0.1 (news briefing generator; polite fetcher)"


@dataclass(frozen=True)
class FetchConfig:
    timeout: float = 15.0  # seconds per request (connect, read, write, pool each)
    retries: int = 2  # extra tries after a failure that may pass
    backoff: float = 1.0  # seconds before the first retry; doubled for each next one
    per_host: int = 2  # requests in flight to one host
    max_connections: int = 8
    max_bytes: int = 10_000_000  # a response larger than this is refused, like a file
    user_agent: str = USER_AGENT


@dataclass
class Fetched:
    """What fetching gave: articles, what was skipped and why, and the feeds' new validators."""

    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    validators: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)  # feeds that answered 304 Not Modified


class FetchError(Exception):
    """A feed or page could not be fetched; the message is the reason shown to the user."""


class _NotModified(Exception):
    pass


def fetch_feeds(
    feed_urls: Iterable[str],
    registry: OutletRegistry,
    config: FetchConfig = FetchConfig(),
    *,
    validators: Callable[[str], tuple[str | None, str | None]] = lambda url: (None, None),
    known_urls: Callable[[list[str]], set[str]] = lambda urls: set(),
    progress: Callable[[int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> Fetched:
    """Fetch every feed, then every new page its items link to.

    `validators(url)` gives the ETag/Last-Modified kept for a feed; `known_urls(urls)` the pages
    already read by earlier runs; `on_total` / `progress` report the number of requests to make and
    each one done (for a progress bar).
    """
    return asyncio.run(_Fetcher(registry, config, validators, known_urls, progress, on_total).run(sorted(set(feed_urls))))


class _Fetcher:
    def __init__(self, registry, config, validators, known_urls, progress, on_total):
        self.registry = registry
        self.config = config
        self.validators = validators
        self.known_urls = known_urls
        self.progress = progress or (lambda n: None)
        self.on_total = on_total or (lambda n: None)
        self.hosts: dict[str, asyncio.Semaphore] = {}
        self.result = Fetched()

    async def run(self, feed_urls: list[str]) -> Fetched:
        limits = httpx.Limits(max_connections=self.config.max_connections)
        headers = {"User-Agent": self.config.user_agent}
        async with httpx.AsyncClient(
            timeout=self.config.timeout, limits=limits, headers=headers, follow_redirects=True, max_redirects=5
        ) as self.client:
            self.on_total(len(feed_urls))
            feeds = await asyncio.gather(*(self._feed(url) for url in feed_urls))
            items = [(feed_url, item) for feed_url, parsed in zip(feed_urls, feeds) if parsed for item in parsed]
            pages = await self._pages(items)
        self.result.articles = sorted(pages, key=lambda a: (a.path, a.id))
        self.result.skipped.sort(key=lambda s: s.path)
        return self.result

    async def _feed(self, url: str) -> list[tuple[int, dict, str | None]] | None:
        """The feed's items (index, entry, feed title), or None when it failed or did not change."""
        etag, modified = self.validators(url)
        conditional = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", modified)) if v}
        try:
            response = await self._get(url, conditional)
        except _NotModified:
            self.result.unchanged.append(url)
            return None
        except FetchError as err:
            self.result.skipped.append(Skipped(url, str(err)))
            return None
        finally:
            self.progress(1)
        try:
            parsed = parse_feed(response.content, response.headers)
        except ArticleError as err:
            self.result.skipped.append(Skipped(url, str(err)))
            return None
        self.result.validators[url] = (response.headers.get("etag"), response.headers.get("last-modified"))
        title = parsed.feed.get("title") or None
        return [(index, entry, title) for index, entry in enumerate(parsed.entries)]

    async def _pages(self, items: list[tuple[str, tuple[int, dict, str | None]]]) -> list[Article]:
        links = sorted({link for _, (_, entry, _) in items if _is_web(link := entry.get("link"))})
        seen_before = self.known_urls(links)
        jobs, articles = [], []
        for feed_url, (index, entry, feed_title) in items:
            link = entry.get("link")
            if _is_web(link):
                if link in seen_before:
                    continue  # read by an earlier run: in the store's history already
                seen_before.add(link)  # two feeds listing one page fetch it once
                jobs.append(self._page(link, entry, feed_title))
            else:  # an item without a web page: what the feed carries is the article
                try:
                    articles.append(feed_item(f"{feed_url}#{index}", entry, feed_title, self.registry))
                except ArticleError as err:
                    self.result.skipped.append(Skipped(f"{feed_url}#{index}", str(err)))
        self.on_total(len(jobs))
        articles += [a for a in await asyncio.gather(*jobs) if a is not None]
        return articles

    async def _page(self, url: str, entry: dict, feed_title: str | None) -> Article | None:
        try:
            response = await self._get(url, {})
            article = read_html(url, decode(response.content), self.registry, feed_date=_entry_date(entry))
        except (FetchError, ArticleError) as err:
            self.result.skipped.append(Skipped(url, str(err)))
            return None
        finally:
            self.progress(1)
        # What the page does not say, its feed item does: the feed is the outlet's own statement (its
        # date is weighed with the page's own by `briefgen.provenance.dates`).
        final_url = response.url
        return replace(
            article,
            title=article.title or (entry.get("title") or "").strip(),
            url=article.url or final_url,
            outlet=article.outlet or self.registry.from_url(final_url) or (self.registry.normalise(feed_title) if feed_title else None),
            source_id=(entry.get("id") or "").strip() or None,  # the item's guid, for joining back
        )

    async def _get(self, url: str, headers: dict[str, str]) -> _Response:
        host = urlsplit(url).hostname or ""
        limit = self.hosts.setdefault(host, asyncio.Semaphore(self.config.per_host))
        reason = ""
        for attempt in range(self.config.retries + 1):
            if attempt:
                await asyncio.sleep(self.config.backoff * 2 ** (attempt - 1))
            async with limit:
                try:
                    return await self._get_once(url, headers)
                except _Retry as err:
                    reason = str(err)
        tries = self.config.retries + 1
        raise FetchError(f"{reason} ({tries} tr{'y' if tries == 1 else 'ies'})")

    async def _get_once(self, url: str, headers: dict[str, str]) -> _Response:
        try:
            async with self.client.stream("GET", url, headers=headers) as response:
                status = f"HTTP {response.status_code} {response.reason_phrase}".strip()
                if response.status_code == 304:
                    raise _NotModified()
                if response.status_code == 429 or response.status_code >= 500:
                    raise _Retry(status)
                if response.status_code != 200:
                    raise FetchError(status)
                body = bytearray()
                async for chunk in response.aiter_bytes():
                    body += chunk
                    if len(body) > self.config.max_bytes:  # stop reading: a dump, not a page
                        raise FetchError(f"response larger than {self.config.max_bytes:,} bytes")
                return _Response(str(response.url), dict(response.headers), bytes(body))
        except httpx.TimeoutException:
            raise _Retry(f"timed out after {self.config.timeout:g} s") from None
        except httpx.TooManyRedirects:
            raise FetchError("too many redirects") from None
        except httpx.HTTPError as err:
            raise _Retry(f"cannot fetch: {err.__class__.__name__}") from None


@dataclass(frozen=True)
class _Response:
    url: str  # after redirects
    headers: dict[str, str]  # names lower-cased
    content: bytes


class _Retry(Exception):
    """A failure that may pass: tried again after a pause."""


def _is_web(link: object) -> TypeGuard[str]:
    return isinstance(link, str) and link.startswith(("http://", "https://"))


def _entry_date(entry: dict) -> str | None:
    return iso_date(entry.get("published") or entry.get("updated"))
