"""Stage 1 — ingest: read every supported file into `Article` records.

One bad file never stops the run: each reader raises `ArticleError` with a reason a person can act
on, and `read_paths` turns it into a `Skipped` record naming the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..model import Article, Skipped
from ..outlets import OutletRegistry
from .decode import ArticleError, content_id, decode
from .feeds import read_feed
from .html import read_html
from .records import read_records
from .text import read_text

READERS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".json": "records",
    ".jsonl": "records",
    ".ndjson": "records",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}

__all__ = ["ArticleError", "READERS", "content_id", "iter_files", "read_files", "read_paths"]


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and files found recursively in folders named, in a stable (sorted) order."""
    for path in sorted({Path(p) for p in paths}):
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts):
                    yield child
        else:
            yield path


MAX_ARTICLE_BYTES = 10_000_000  # a news article is kilobytes; a larger file is a dump, not an article


def read_paths(
    paths: Iterable[str | Path], registry: OutletRegistry, max_bytes: int = MAX_ARTICLE_BYTES
) -> tuple[list[Article], list[Skipped]]:
    articles: list[Article] = []
    skipped: list[Skipped] = []
    seen: dict[str, str] = {}
    for path in iter_files(paths):
        try:
            found = list(_read_file(path, registry, skipped, max_bytes))
        except ArticleError as err:
            skipped.append(Skipped(str(path), str(err)))
            continue
        for article in found:
            if article.id in seen:
                skipped.append(Skipped(article.path, f"identical to {seen[article.id]}"))
                continue
            seen[article.id] = article.path
            articles.append(article)
    return articles, skipped


def read_files(
    files: Iterable[Path], registry: OutletRegistry, max_bytes: int = MAX_ARTICLE_BYTES
) -> tuple[list[Article], list[Skipped]]:
    """The articles of these files, in order, identical ones included: one partition of a
    distributed run, which applies `read_paths`' "identical to" rule over all partitions after."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for path in files:
        try:
            found = list(_read_file(path, registry, skipped, max_bytes))  # a file is used whole or not at all
        except ArticleError as err:
            skipped.append(Skipped(str(path), str(err)))
            continue
        articles += found
    return articles, skipped


def _read_file(path: Path, registry: OutletRegistry, skipped: list[Skipped], max_bytes: int) -> Iterator[Article]:
    kind = READERS.get(path.suffix.lower())
    if kind is None:
        raise ArticleError(f"unsupported file type {path.suffix or '(no extension)'!r}")
    try:
        size = path.stat().st_size
        if size > max_bytes:  # checked before reading: a 50 MB dump is refused, not loaded
            raise ArticleError(f"file too large ({size:,} bytes; the limit is {max_bytes:,})")
        data = path.read_bytes()
    except OSError as err:
        raise ArticleError(f"cannot read file: {err.strerror or err}") from None
    text = decode(data)  # refuses empty, binary and undecodable files, feeds included
    if kind == "feed":
        items: Iterable[Article | Skipped] = read_feed(str(path), data, registry)
    elif kind == "records":
        items = read_records(str(path), text, registry)
    elif kind == "text":
        items = [read_text(str(path), text, registry)]
    else:
        items = [read_html(str(path), text, registry)]
    for item in items:  # a file of many records (JSON list, JSONL, feed) skips its bad records one by one
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            yield item

