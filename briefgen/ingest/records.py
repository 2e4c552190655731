"""JSON and JSON Lines records: `{"title", "text", "url"?, "outlet"?, "published"?, "author"?, "id"?}`.

A JSON file may hold one record, a list of records, or `{"articles": [...]}`. In JSON Lines one bad
line is skipped with its line number; the other lines are used.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from ..clean.text import strip_markup
from ..model import Article, Skipped
from ..provenance import OutletRegistry, iso_date
from ..provenance.entry import Parts, provenance
from .decode import ArticleError, content_id, decode


def too_large(size: int, max_bytes: int | None) -> str | None:
    """The reason a record of `size` bytes is skipped, or None when it is within the limit."""
    if max_bytes is not None and size > max_bytes:
        return f"record too large ({size:,} bytes; the limit is {max_bytes:,})"
    return None


def read_record_lines(
    path: str, lines: Iterable[bytes], registry: OutletRegistry, max_bytes: int | None = None
) -> Iterator[Article | Skipped]:
    """JSON Lines, one record a line, each line within `max_bytes` (a larger one is skipped unparsed)."""
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        where = f"{path}:{number}"
        try:
            reason = too_large(len(raw.rstrip(b"\r\n")), max_bytes)
            if reason:
                raise ArticleError(reason)
            yield _article(where, parse_json(decode(raw), one_line=True), registry)
        except ArticleError as err:
            yield Skipped(where, str(err))


def read_records(path: str, text: str, registry: OutletRegistry, max_bytes: int | None = None) -> Iterator[Article | Skipped]:
    if path.lower().endswith((".jsonl", ".ndjson")):
        yield from read_record_lines(path, (line.encode("utf-8", "surrogatepass") for line in text.splitlines()), registry, max_bytes)
        return
    data = parse_json(text)
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    if isinstance(data, dict):
        yield _article(path, data, registry)
        return
    if not isinstance(data, list):
        raise ArticleError("JSON is neither an article record nor a list of them")
    for index, record in enumerate(data):
        where = f"{path}#{index}"
        try:
            reason = too_large(len(json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass")), max_bytes)
            if reason:
                raise ArticleError(reason)
            yield _article(where, record, registry)
        except ArticleError as err:
            yield Skipped(where, str(err))


def parse_json(text: str, one_line: bool = False) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        where = f"column {err.colno}" if one_line else f"line {err.lineno}, column {err.colno}"
        raise ArticleError(f"malformed JSON: {err.msg} ({where})") from None
    except RecursionError:  # Python's parser recurses once per [ or {: a crafted file exhausts the stack
        raise ArticleError("malformed JSON: nested too deeply to be an article record") from None


def _field(record: dict, *names: str) -> str | None:
    for name in names:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _article(where: str, record: object, registry: OutletRegistry) -> Article:
    if not isinstance(record, dict):
        raise ArticleError("record is not a JSON object")
    title = strip_markup(_field(record, "title", "headline") or "")
    paragraphs = [strip_markup(p) for p in (_field(record, "text", "body", "content") or "").splitlines()]
    paragraphs = [p for p in paragraphs if p]
    if not title and not paragraphs:
        raise ArticleError("record has neither a title nor text")
    found = provenance(
        Parts(
            title=title,
            lines=tuple(paragraphs),
            body=tuple(paragraphs),
            url=_field(record, "url", "link"),
            named_outlet=_field(record, "outlet", "source", "site_name"),
            stated_date=iso_date(_field(record, "published", "date", "published_at")),
            author=_field(record, "author", "byline"),
        ),
        registry,
    )
    return Article(
        id=content_id(json.dumps(record, sort_keys=True, ensure_ascii=False)),
        path=where,
        title=found.title,
        body="\n".join(paragraphs),
        outlet=found.outlet,
        host=found.host,
        url=found.url,
        published=found.published,
        author=found.author,
        source_id=_record_id(record),
    )


def _record_id(record: dict) -> str | None:
    """The record's own "id" (a string or a whole number), as text."""
    value = record.get("id")
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    return str(value).strip() or None
