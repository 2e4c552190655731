"""Plain text scraped from a web page: the whole page flattened into lines, junk included."""

from __future__ import annotations

import re

from ..clean.text import clean_lines, word_count, words
from ..model import Article
from ..provenance import OutletRegistry, PageDate, iso_date
from ..provenance.entry import Parts, provenance
from .decode import ArticleError, content_id

_DATE_LINE = re.compile(r"^(?:date|published|posted|updated|last updated)\b\s*(?:on)?\s*:?\s*(.*\d.*)$", re.I)
_STOP = frozenset("a an and are as at be by for from has have in is it of on or that the to was were with".split())


def read_text(path: str, text: str, registry: OutletRegistry) -> Article:
    cleaned = clean_lines(text.splitlines())
    body = list(cleaned.body)
    if not body:
        raise ArticleError("no article text found (no line reads like prose)")
    lines = [line for line in cleaned.lines if line]
    header = lines[: lines.index(body[0])] if body[0] in lines else []
    title = _title(header, body)
    published = _published(header)
    parts = Parts(
        title=title,
        lines=tuple(lines),
        body=tuple(body),
        site_name=_site_name(lines, title),
        site_date=PageDate(published, "text" if published else None),
    )
    found = provenance(parts, registry)
    return Article(
        id=content_id(text),
        path=path,
        title=found.title,
        body="\n".join(body),
        outlet=found.outlet,
        host=found.host,
        published=found.published,
        author=found.author,
    )


def _content_words(text: str) -> set[str]:
    return {w.lower() for w in words(text) if w.lower() not in _STOP}


def _title(header: list[str], body: list[str]) -> str:
    """The header line that best matches what the body is about.

    Scrapes put skip links, ads and breadcrumbs before the headline; the headline is the short line
    whose words the body repeats. A headline that runs on into the standfirst ("Headline The dek…",
    the dek repeated in the body) is cut where the repeated paragraph begins.
    """
    body_words = _content_words(" ".join(body[:6]))
    best, best_score = "", 0.0
    for line in header:
        for paragraph in body:
            if line.endswith(" " + paragraph):
                line = line[: -len(paragraph)].strip()
                break
        n = word_count(line)
        if not 3 <= n <= 30 or re.search(r"[>»›]|^\s*current\s*:", line, re.I):
            continue
        content = _content_words(line)
        score = len(content & body_words) / max(len(content), 1)
        if score > best_score:
            best, best_score = line, score
    return best if best_score >= 0.3 else ""


def _site_name(lines: list[str], title: str) -> str | None:
    """The site's own name, where a line repeats the title with a site suffix ("Title - Site")."""
    if not title:
        return None
    for line in lines:
        if line != title and title in line:
            m = re.match(r"\s*[-|–—:]\s*(\S.{0,40})$", line[line.index(title) + len(title) :])
            if m:
                return m.group(1).strip()
    return None


def _published(header: list[str]) -> str | None:
    for line in header:
        m = _DATE_LINE.match(line)
        if m:
            return iso_date(m.group(1))
    return None
