"""Site boilerplate across files: a paragraph one site prints under many of its articles.

The cleaner (`briefgen.clean.text`) judges one file at a time, by each line's shape. A site's own
prose-shaped furniture passes that test: "The Springfield Ledger is an independent, reader-funded
newsroom. Support our journalism…", a standard disclaimer, a newsletter call written as a sentence,
a recurring "Related" teaser. Only repetition gives it away: a paragraph (a line of the cleaned
body) found verbatim, after white space and case are normalised, in at least `MIN_ARTICLES` of one
site's *different* articles is that site's boilerplate and is dropped from their bodies.

Three steps, plain functions, so both engines run the same code:

1. `line_pairs` — for a list of articles (all of them locally, one partition on a Dask worker),
   the distinct (site, paragraph, story) keys, hashed to integers;
2. `boilerplate_of` — given those of every partition, the (site, paragraph) keys whose paragraph
   stands in enough different stories of its site (on the Dask client);
3. `without_boilerplate` — the articles with those paragraphs dropped, under the guard.

`drop_site_boilerplate` runs the three over one list. Only bodies change: ids (a hash of the source
text), titles, outlets and dates stay. The result does not depend on the order of the articles
(sets of keys decide, each article is judged alone), so partitions of any shape give the same.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import replace
from pathlib import PurePath
from urllib.parse import urlsplit

import numpy as np

from ..model import Article
from .text import word_count

# Three different articles: two could share a paragraph by chance (a follow-up quoting its first
# report), and a site's furniture is under most of its pages, so a batch with several of its
# articles shows it many times.
MIN_ARTICLES = 3
# A paragraph, not a cell: the cleaner keeps a table's cells ("1", "Final score") and a recipe's
# ingredient lines, which recur across a site's articles without being furniture; the blurbs this
# pass is for are sentences. (The same minimum the cleaner asks of prose, `clean.looks_like_prose`.)
MIN_WORDS = 6
# The guard: the pass never takes more than this share of an article's words. A paragraph shared
# that widely is the article's own text shared with others — a series that repeats its background
# paragraphs, copies of one wire story under different headlines — not the site's furniture, and
# an article must never come out empty.
MAX_SHARE = 0.5

_KEY_BYTES = 8  # 64-bit keys: 100k articles × ~30 paragraphs collide with odds near 1e-7
_KEY_DTYPE = np.dtype("<u8")  # the same 8 bytes read as one number, on any machine

# What `boilerplate_of` decides: for each site (by key), the digests of its boilerplate paragraphs.
Boilerplate = dict[int, frozenset[bytes]]


def _digest(text: str) -> bytes:
    # blake2b, not hash(): Python's str hash differs between processes (the Dask workers)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=_KEY_BYTES).digest()


def _key(text: str) -> int:
    return int.from_bytes(_digest(text), "little")


def _normal_lines(text: str) -> list[str]:
    """The text's lines, lower-cased, white space collapsed and stripped."""
    return [" ".join(line.split()) for line in text.lower().split("\n")]


def site_of(article: Article) -> str:
    """The site an article was taken from: its URL's host without "www.", else the folder its file
    is in — a scraper's dump is usually one folder per site — together with the outlet the text
    credits. (A record in a JSON Lines file or a feed, path "folder/file.jsonl:3", belongs to the
    folder.) The outlet keeps apart a user's folder of several outlets' articles: three of them
    printing the same wire paragraph under their own headlines is shared reporting, not one site's
    furniture. A site's own pages credit it, or nobody, the same way every time."""
    if article.url:
        host = urlsplit(article.url).hostname
        if host:
            return "host:" + host.removeprefix("www.")
    return f"folder:{PurePath(article.path).parent}|outlet:{article.outlet or ''}"


def _story_key(article: Article) -> int:
    """Which story an article tells, for counting "different articles": its title, so re-posts and
    copies of one story on a site count once and do not make its own paragraphs look like the
    site's furniture. Untitled, its first paragraph stands in: copies share it, stories do not."""
    text = article.title or next((line for line in article.body.split("\n") if line.strip()), "")
    return _key(_normal_lines(text)[0])


def _paragraphs(body: str) -> list[tuple[bytes, str]]:
    """(digest, line) for each line of the body long enough to count as a paragraph. Words are
    counted by spaces; a line of Chinese or Japanese has few and is counted the cleaner's way
    (two characters a word). (Lower-casing never adds or removes a line break: the lines pair up.)"""
    return [
        (_digest(normal), line)
        for line, normal in zip(body.split("\n"), _normal_lines(body))
        if normal.count(" ") + 1 >= MIN_WORDS or (not normal.isascii() and word_count(normal) >= MIN_WORDS)
    ]


def line_pairs(articles: Iterable[Article]) -> np.ndarray:
    """The (site, paragraph, story) keys of these articles: an (n, 3) uint64 array, one row per
    paragraph and story of a site, sorted. Hashes rather than text, so a client combining 100k
    articles' keeps 24 bytes a paragraph."""
    digests, sites, stories, counts = [], [], [], []
    for article in articles:
        found = [digest for digest, _ in _paragraphs(article.body)]
        if found:
            digests += found
            sites.append(_key(site_of(article)))
            stories.append(_story_key(article))
            counts.append(len(found))
    rows: np.ndarray = np.empty((len(digests), 3), dtype=_KEY_DTYPE)
    rows[:, 0] = np.repeat(np.array(sites, dtype=_KEY_DTYPE), counts)
    rows[:, 1] = np.frombuffer(b"".join(digests), dtype=_KEY_DTYPE)
    rows[:, 2] = np.repeat(np.array(stories, dtype=_KEY_DTYPE), counts)
    return _distinct_rows(rows)


def _distinct_rows(rows: np.ndarray) -> np.ndarray:
    """The rows sorted (by site, paragraph, story), each once."""
    rows = rows[np.lexsort((rows[:, 2], rows[:, 1], rows[:, 0]))]
    first: np.ndarray = np.ones(len(rows), dtype=bool)
    first[1:] = (rows[1:] != rows[:-1]).any(axis=1)
    return rows[first]


def boilerplate_of(*parts: np.ndarray) -> Boilerplate:
    """The paragraphs found in `MIN_ARTICLES` or more different stories of their site, from the
    `line_pairs` of every partition (a story's paragraph counted once however many partitions hold
    a copy of it). Sites in key order, so the same input gives the same object."""
    rows = _distinct_rows(np.concatenate([np.empty((0, 3), dtype=_KEY_DTYPE), *parts]))
    if not len(rows):
        return {}
    # the rows of one (site, paragraph) are adjacent, one per story: count each run
    starts = np.flatnonzero(np.r_[True, (rows[1:, :2] != rows[:-1, :2]).any(axis=1)])
    runs = np.diff(np.r_[starts, len(rows)])
    found: dict[int, set[bytes]] = {}
    for site, line in rows[starts[runs >= MIN_ARTICLES], :2].tolist():
        found.setdefault(site, set()).add(int(line).to_bytes(_KEY_BYTES, "little"))
    return {site: frozenset(lines) for site, lines in found.items()}


def without_boilerplate(articles: Iterable[Article], boilerplate: Boilerplate) -> list[Article]:
    """The articles with their site's boilerplate paragraphs dropped, each article left whole when
    that would take more than `MAX_SHARE` of its words."""
    out = []
    for article in articles:
        site_lines = boilerplate.get(_key(site_of(article))) if boilerplate else None
        dropped = {line for digest, line in _paragraphs(article.body) if digest in site_lines} if site_lines else None
        if not dropped:
            out.append(article)
            continue
        lines = article.body.split("\n")
        kept = [line for line in lines if line not in dropped]
        removed = sum(word_count(line) for line in lines if line in dropped)
        if removed > MAX_SHARE * word_count(article.body) or not any(line.strip() for line in kept):
            out.append(article)
        else:
            out.append(replace(article, body="\n".join(kept)))
    return out


def drop_site_boilerplate(articles: list[Article]) -> list[Article]:
    """Every article's body without the paragraphs its site repeats across its different articles."""
    return without_boilerplate(articles, boilerplate_of(line_pairs(articles)))
