"""Stage 1 — ingest: read every supported file into `Article` records.

One bad file never stops the run: each reader raises `ArticleError` with a reason a person can act
on, and `read_paths` turns it into a `Skipped` record naming the file.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from ..language import detect_language
from ..model import Article, Skipped
from ..provenance import OutletRegistry
from ..runtime.process_pool import add_worker_timings, map_in_processes
from .decode import ArticleError, content_id, decode
from .feeds import read_feed
from .file_names import name_text
from .html import read_html
from .records import LongLine, bounded_lines, read_record_lines, read_records
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

__all__ = [
    "ArticleError", "READERS", "content_id", "iter_files", "iter_inputs", "read_files", "read_paths", "with_language",
    "without_future_date",
]


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and files found recursively in folders named, in a stable (sorted) order."""
    for entry in iter_inputs(paths):
        if isinstance(entry, Path):
            yield entry


def iter_inputs(paths: Iterable[str | Path]) -> Iterator[Path | Skipped]:
    """Every input file in sorted path order, and a `Skipped` for each entry that is no readable file.

    Folders are walked recursively, following symbolic links (a user may link a folder of articles
    in) but never into a folder already visited, so a link loop ends. Hidden entries are passed over.
    A broken link, a link loop, a named pipe or a device is reported rather than silently dropped:
    reading a pipe would block the run forever.
    """
    found: list[Path | Skipped] = []
    visited: set[tuple[int, int]] = set()
    for path in sorted({Path(p) for p in paths}):
        found.extend(_walk(path, visited, named=True))
    return iter(sorted(found, key=lambda e: e if isinstance(e, Path) else Path(e.path)))


def _walk(path: Path, visited: set[tuple[int, int]], named: bool = False) -> Iterator[Path | Skipped]:
    if not named and path.name.startswith("."):
        return
    try:
        info = path.stat()  # follows symbolic links
    except OSError as err:
        yield Skipped(name_text(path), _unreachable(path, err))
        return
    if stat.S_ISDIR(info.st_mode):
        if (info.st_dev, info.st_ino) in visited:
            if path.is_symlink():  # a link back to a folder on the way here, or to one read already
                yield Skipped(name_text(path), "symbolic link to a folder already read (a link loop?)")
            return
        visited.add((info.st_dev, info.st_ino))
        try:
            children = sorted(path.iterdir())
        except OSError as err:
            yield Skipped(name_text(path), f"cannot read folder: {err.strerror or err}")
            return
        for child in children:
            yield from _walk(child, visited)
    elif stat.S_ISREG(info.st_mode):
        yield path
    else:
        yield Skipped(name_text(path), f"not a regular file ({_file_kind(info.st_mode)})")


def _unreachable(path: Path, err: OSError) -> str:
    if err.errno == errno.ELOOP:
        return "symbolic link loop"
    if path.is_symlink():
        return f"broken symbolic link (to {name_text(os.readlink(path))})"
    return f"cannot read file: {err.strerror or err}"


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


MAX_ARTICLE_BYTES = 10_000_000  # a news article is kilobytes; a larger file is a dump, not an article


def read_paths(
    paths: Iterable[str | Path],
    registry: OutletRegistry,
    max_bytes: int = MAX_ARTICLE_BYTES,
    max_articles: int | None = None,
    workers: int = 1,
) -> tuple[list[Article], list[Skipped]]:
    """Every article under `paths`, and every file or record that could not be used, with why.

    With `max_articles`, the first that many articles in path order are kept; each later one is
    listed as skipped, and files after the limit is reached are not read at all (a daily job fed a
    runaway folder still finishes, with the same articles every time). With `workers` > 1 and no
    limit, several megabytes of files are read on that many processes; the result is the same.
    """
    articles: list[Article] = []
    skipped: list[Skipped] = []
    seen: dict[str, str] = {}
    over_limit = f"over the --max-articles limit of {max_articles}"
    entries = list(iter_inputs(paths))
    read_ahead = _read_in_processes(entries, registry, max_bytes, workers) if max_articles is None else {}
    for index, entry in enumerate(entries):
        if isinstance(entry, Skipped):
            skipped.append(entry)
            continue
        if max_articles is not None and len(articles) >= max_articles:
            skipped.append(Skipped(name_text(entry), f"{over_limit} (not read)"))
            continue
        found, file_skipped, error = read_ahead.get(index) or _read_whole_file(entry, registry, max_bytes)
        skipped += file_skipped
        if error is not None:
            skipped.append(Skipped(name_text(entry), error))
            continue
        for article in found:
            if article.id in seen:
                skipped.append(Skipped(article.path, f"identical to {seen[article.id]}"))
            elif max_articles is not None and len(articles) >= max_articles:
                skipped.append(Skipped(article.path, over_limit))
            else:
                seen[article.id] = article.path
                articles.append(article)
    return articles, skipped


# Below this many bytes of input, starting worker processes costs more than reading takes.
MIN_BYTES_FOR_POOL = 2_000_000

FileRead = tuple[list[Article], list[Skipped], str | None]  # articles, records skipped, why the file was not used


def _read_whole_file(path: Path, registry: OutletRegistry, max_bytes: int) -> FileRead:
    skipped: list[Skipped] = []
    try:
        return list(_read_file(path, registry, skipped, max_bytes)), skipped, None
    except ArticleError as err:
        return [], skipped, str(err)


def _read_in_processes(entries: list, registry: OutletRegistry, max_bytes: int, workers: int) -> dict[int, FileRead]:
    """Each file among `entries` read on `workers` forked processes, by its index: or {} when the
    input is too small for that to pay."""
    files = [(i, e) for i, e in enumerate(entries) if not isinstance(e, Skipped)]
    if workers < 2 or len(files) < 2:
        return {}
    try:
        size = sum(min(path.stat().st_size, max_bytes) for _, path in files)
    except OSError:
        return {}  # let each file's own read report what is wrong with it
    if size < MIN_BYTES_FOR_POOL:
        return {}
    paths = [path for _, path in files]
    read = {}
    for position, result, timings in map_in_processes(paths, lambda path: _read_whole_file(path, registry, max_bytes), workers):
        read[files[position][0]] = result
        add_worker_timings(timings, "ingest files")
    return read


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
            skipped.append(Skipped(name_text(path), str(err)))
            continue
        articles += found
    return articles, skipped


# A file of records (JSON, a feed) is parsed whole: it may hold this many articles of the largest size.
# JSON Lines is read a line at a time and has no limit of its own.
RECORDS_PER_FILE = 100
_SNIFF_BYTES = 65_536  # enough of a JSON Lines file to refuse a binary or empty one as a whole


def _read_file(path: Path, registry: OutletRegistry, skipped: list[Skipped], max_bytes: int) -> Iterator[Article]:
    """The articles of one file. `max_bytes` is the limit of one article: of a whole file of one
    article (text, HTML), of each record of a file of many (JSON, JSON Lines, a feed)."""
    label = name_text(path)  # what the file is called in the briefing and the store
    kind = READERS.get(path.suffix.lower())
    if kind is None:
        raise ArticleError(f"unsupported file type {path.suffix or '(no extension)'!r}")
    lines = kind == "records" and path.suffix.lower() in (".jsonl", ".ndjson")
    limit = max_bytes * RECORDS_PER_FILE if kind in ("records", "feed") else max_bytes
    try:
        size = path.stat().st_size
        if size > limit and not lines:  # checked before reading: a 50 MB dump is refused, not loaded
            raise ArticleError(f"file too large ({size:,} bytes; the limit is {limit:,})")
        if lines:
            with path.open("rb") as handle:
                decode(handle.read(_SNIFF_BYTES))  # refuses an empty or binary file as a whole
            items: Iterable[Article | Skipped] = read_record_lines(label, _binary_lines(path, max_bytes), registry, max_bytes)
        else:
            data = path.read_bytes()
    except OSError as err:
        raise ArticleError(f"cannot read file: {err.strerror or err}") from None
    if not lines:
        text = decode(data)  # refuses empty, binary and undecodable files, feeds included
        if kind == "feed":
            items = read_feed(label, data, registry, max_bytes)
        elif kind == "records":
            items = read_records(label, text, registry, max_bytes)
        elif kind == "text":
            items = [read_text(label, text, registry)]
        else:
            items = [read_html(label, text, registry)]
    for item in items:  # a file of many records (JSON list, JSONL, feed) skips its bad records one by one
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            yield with_language(item)


def with_language(article: Article) -> Article:
    """The article with its language (`briefgen.language`): the reader's, else detected from its text."""
    if article.language is not None:
        return article
    return replace(article, language=detect_language(f"{article.title}\n{article.body}"))


def _binary_lines(path: Path, max_bytes: int) -> Iterator[bytes | LongLine]:
    """The file's lines as bytes, read as they are used: a large JSON Lines file is never held
    whole, nor a line longer than a record may be (`records.bounded_lines`)."""
    try:
        with path.open("rb") as handle:
            yield from bounded_lines(handle, max_bytes)
    except OSError as err:
        raise ArticleError(f"cannot read file: {err.strerror or err}") from None


# A date one day past the briefing's can be a time zone ahead; later than that, it is a wrong clock
# or a typo, and trusting it would make the copy look like the original (dedupe keeps the earliest
# dated copy) or hold the article out of its story (the clustering window is a few days).
FUTURE_DATE_GRACE = timedelta(days=1)


def without_future_date(article: Article, day: date) -> Article:
    """The article, with its published date dropped when that date is after the briefing's."""
    if article.published and article.published > (day + FUTURE_DATE_GRACE).isoformat():
        return replace(article, published=None)
    return article
