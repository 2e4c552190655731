"""Main text and titles on Mozilla Readability's test pages, briefgen beside trafilatura.

Data: ../shared/data/readability/ (Readability's test pages, Apache-2.0): `pages/<name>/` holds
`source.html.gz` (the page), `expected.html.gz` (the article Readability extracts from it) and
`expected-metadata.json` (its `title`, among others).

Score, per page, then averaged over pages:
- main text: token F1 (\\w+ tokens, each Chinese or Japanese character a token of its own; case
  kept; counted as a multiset) of the reader's text against
  the text of `expected.html`;
- title: equal to `expected-metadata.json`'s `title`, whitespace collapsed on both sides.

Rows:
- trafilatura: `trafilatura.bare_extraction(html, with_metadata=True)`, its `text` and `title`
  (default settings, comments left out as briefgen leaves them out);
- briefgen HTML: the body and title of briefgen's HTML reader (`briefgen.ingest.html.read_html`).
Both readers get each page's bytes decoded as briefgen decodes a file (`briefgen.ingest.decode`).

Pages with an article: those whose reference text holds at least the characters briefgen takes for an
article (`briefgen.ingest.html.MIN_TEXT_CHARS`). Two of the 59 hold less: tests of one Readability
feature on a page whose whole text is "Test" or "Test Case 1 Test Case 2"; briefgen refuses such a
page as no article (scored 0 on "all" rows), where trafilatura returns the word.

Split: a page's half is the first hex digit of the MD5 of its name (30 and 29 pages): 0–7 is the half the reader's
rules were tuned on, 8–f held out (pages never looked at while changing rules).

The reference is a peer's output, not a human's: use `--show` to list pages by how far briefgen
falls behind trafilatura, and read those pages.

Usage: PYTHONPATH=. python bench/readability.py [--shared ../shared] [--show]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import statistics
from collections import Counter
from pathlib import Path

import lxml.html
import trafilatura

from briefgen.ingest.decode import ArticleError, decode
from briefgen.ingest.html import MIN_TEXT_CHARS, read_html
from briefgen.provenance import OutletRegistry

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
# a Chinese or Japanese character is a word of its own: those scripts put no spaces between words
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def token_f1(gold: str, predicted: str) -> float:
    g, p = Counter(_TOKEN.findall(gold)), Counter(_TOKEN.findall(predicted or ""))
    if not g and not p:
        return 1.0
    overlap = sum((g & p).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def half(name: str) -> str:
    return "tune" if hashlib.md5(name.encode("utf-8")).hexdigest()[0] in "01234567" else "held out"


def flat(text: str | None) -> str:
    return " ".join((text or "").split())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--show", action="store_true", help="print each page's F1, worst for briefgen against trafilatura first")
    args = parser.parse_args()
    data = args.shared / "data/readability/pages"
    registry = OutletRegistry.load()

    def briefgen(name: str, html: str) -> tuple[str, str]:
        try:
            article = read_html(name, html, registry)
        except ArticleError:
            return "", ""
        return article.body, article.title or ""

    def peer(name: str, html: str) -> tuple[str, str]:
        try:
            document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
        except Exception:  # trafilatura raises many kinds on broken markup
            document = None
        if document is None:
            return "", ""
        return document.text or "", document.title or ""

    readers = {"trafilatura": peer, "briefgen HTML": briefgen}
    results: dict[str, dict[str, tuple[float, bool]]] = {name: {} for name in readers}
    articles: set[str] = set()
    for page in sorted(p for p in data.iterdir() if p.is_dir()):
        html = decode(gzip.decompress((page / "source.html.gz").read_bytes()))
        expected = lxml.html.fromstring(gzip.decompress((page / "expected.html.gz").read_bytes()).decode("utf-8")).text_content()
        if len(flat(expected)) >= MIN_TEXT_CHARS:
            articles.add(page.name)
        title = flat(json.loads((page / "expected-metadata.json").read_text(encoding="utf-8")).get("title"))
        for name, read in readers.items():
            text, found_title = read(page.name, html)
            results[name][page.name] = (token_f1(expected, text), flat(found_title) == title)

    pages = sorted(results["trafilatura"])
    print(f"{len(pages)} pages ({data}); halves by the MD5 of the page name (0-7 tune, 8-f held out)")
    print(f"articles: the {len(articles)} pages whose reference text holds at least {MIN_TEXT_CHARS} characters")
    print(f"(the others are Readability's tests of one feature on a page that says 'Test'; briefgen refuses them as no article)")
    print(f"{'reader':16} {'pages':24} {'token F1':>9} {'titles':>8}")
    for name, scores in results.items():
        for subset in ("all", "tune", "held out", "articles, tune", "articles, held out"):
            chosen = [p for p in pages if subset == "all" or half(p) == subset.removeprefix("articles, ")]
            if subset.startswith("articles"):
                chosen = [p for p in chosen if p in articles]
            f1 = statistics.mean(scores[p][0] for p in chosen)
            titles = sum(scores[p][1] for p in chosen)
            print(f"{name:16} {subset + f' ({len(chosen)})':24} {f1:9.3f} {titles:5d}/{len(chosen)}")
    if args.show:
        ours, theirs = results["briefgen HTML"], results["trafilatura"]
        print(f"\n{'page':44} {'half':9} {'briefgen':>8} {'trafil.':>8}")
        for p in sorted(pages, key=lambda p: ours[p][0] - theirs[p][0]):
            print(f"{p:44} {half(p):9} {ours[p][0]:8.3f} {theirs[p][0]:8.3f}")


if __name__ == "__main__":
    main()
