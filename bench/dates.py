"""Publication dates on 201 real pages dated by hand, briefgen vs htmldate on the same HTML.

Data: ../shared/data/dates/ (htmldate's evaluation pages, Apache-2.0): gzip HTML in `html/<file>.gz`
and `cases.json` `[{"file", "url", "date", "set"}]`; set `eval_mediacloud_2020` is news pages from
many countries, `eval_default` blogs and organisations. A page whose reference is empty has no date:
none is right there, any date wrong.

Rows, each given the page's HTML alone (no URL from outside the page, as for an HTML file on disk):
- htmldate: `htmldate.find_date(html, original_date=True, extensive_search=True)`, the peer;
- briefgen, the page's date: the date briefgen's order of evidence finds on the page
  (`briefgen.provenance.dates.page_date`, from the HTML reader's one parse of the page);
- briefgen, the article's date: what briefgen's HTML reader gives as `published`: none for a page it
  cannot read, and none for a copy credited to another outlet (a wire story on a newspaper's site),
  whose date in a batch is its original's;
- with `--options`, htmldate under other options too (what briefgen's order of evidence was chosen
  against).
Each row: right, wrong (a date that is not the reference) and none, for news pages and others apart,
and for the pages whose file name's SHA-1 starts with 0-7 (looked at while choosing) and 8-f (not).

`--timing`: CPU milliseconds per page of briefgen's metadata path alone (title, site name, author,
credit lines, date and the decision), on a tree parsed beforehand, and of the whole HTML reader, here
and on the 120 pages of ../shared/data/extraction/.

Usage: python bench/dates.py [--shared ../shared] [--options] [--timing]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import htmldate

from briefgen.ingest.decode import ArticleError
from briefgen.ingest.html import read_html
from briefgen.provenance import OutletRegistry
from briefgen.ingest.main_text import parse
from briefgen.provenance.dates import page_date
from briefgen.provenance.page import page_metadata, page_provenance

SETS = {"eval_mediacloud_2020": "news", "eval_default": "others"}


def tuned_half(name: str) -> bool:
    return hashlib.sha1(name.encode()).hexdigest()[0] in "01234567"


def load_cases(data: Path) -> list[tuple[dict, str]]:
    cases = json.loads((data / "cases.json").read_text(encoding="utf-8"))
    pages = []
    for case in cases:
        raw = gzip.decompress((data / "html" / f"{case['file']}.gz").read_bytes())
        pages.append((case, raw.decode("utf-8", "replace")))
    return pages


def briefgen_date(registry: OutletRegistry) -> Callable[[str], str | None]:
    def date_of(html: str) -> str | None:
        try:
            return read_html("page.html", html, registry).published
        except ArticleError:
            return None
    return date_of


def briefgen_page_date(html: str) -> str | None:
    """The date briefgen's reader finds on the page, before the re-post rule (a copy credited to
    another outlet takes its original's date, which one page alone cannot show)."""
    meta = page_metadata(parse(html))
    return page_date(meta.declared_date, meta.url, html=html, declared_local=meta.declared_local).published


def htmldate_with(**options) -> Callable[[str], str | None]:
    def date_of(html: str) -> str | None:
        try:
            return htmldate.find_date(html, **options)
        except Exception:
            return None
    return date_of


def score(pages: list[tuple[dict, str]], date_of: Callable[[str], str | None]) -> dict[tuple[str, str], Counter]:
    counts: dict[tuple[str, str], Counter] = {}
    for case, html in pages:
        reference = case["date"] if isinstance(case["date"], str) else None
        found = date_of(html)
        verdict = "right" if found == reference else ("none" if found is None else "wrong")
        for group in (SETS.get(case["set"], case["set"]), "all"):
            for half in ("all", "0-7" if tuned_half(case["file"]) else "8-f"):
                counts.setdefault((group, half), Counter())[verdict] += 1
    return counts


def report(name: str, counts: dict[tuple[str, str], Counter]) -> None:
    for group in ("news", "others", "all"):
        for half in ("all", "0-7", "8-f"):
            c = counts.get((group, half), Counter())
            total = sum(c.values())
            print(f"{name:44} {group:7} {half:4} {total:5} {c['right']:6} {c['wrong']:6} {c['none']:5}  {c['right'] / max(total, 1):6.1%}")


def timing(pages: list[str], registry: OutletRegistry) -> float:
    """CPU ms per page of the metadata path on trees parsed beforehand (extraction not counted)."""
    trees = [(html, parse(html)) for html in pages]
    start = time.process_time()
    for html, tree in trees:
        lines = [" ".join(p.text().split()) for p in tree.css("p")][:40]  # stand-in for the extracted text
        page_provenance(html, page_metadata(tree), lines, lines, registry)
    return (time.process_time() - start) * 1000 / len(pages)


def reader_timing(pages: list[str], registry: OutletRegistry) -> float:
    """CPU ms per page of the whole HTML reader (parse, main text, metadata)."""
    start = time.process_time()
    for html in pages:
        try:
            read_html("page.html", html, registry)
        except ArticleError:
            pass
    return (time.process_time() - start) * 1000 / len(pages)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--options", action="store_true", help="also score htmldate under other options")
    parser.add_argument("--timing", action="store_true", help="CPU ms/page of briefgen's metadata path")
    args = parser.parse_args()
    registry = OutletRegistry.load()
    pages = load_cases(args.shared / "data/dates")
    print(f"{len(pages)} pages ({args.shared / 'data/dates'}); tuned on file names whose SHA-1 starts 0-7")
    print(f"{'row':44} {'pages':7} {'half':4} {'count':>5} {'right':>6} {'wrong':>6} {'none':>5}  {'right %':>6}")
    rows = {
        "htmldate (original_date, extensive_search)": htmldate_with(original_date=True, extensive_search=True),
        "briefgen: the page's date": briefgen_page_date,
        "briefgen HTML reader: the article's date": briefgen_date(registry),
    }
    if args.options:
        for original in (True, False):
            for extensive in (True, False):
                for deferred in (True, False):
                    name = f"htmldate orig={original:d} ext={extensive:d} deferred_url={deferred:d}"
                    rows[name] = htmldate_with(original_date=original, extensive_search=extensive, deferred_url_extractor=deferred)
    for name, date_of in rows.items():
        report(name, score(pages, date_of))
    if args.timing:
        extraction = args.shared / "data/extraction/html"
        others = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in sorted(extraction.glob("*.html.gz"))]
        dated = [h for _, h in pages]
        print(f"\nmetadata path, CPU ms/page (tree parsed beforehand): dates pages {timing(dated, registry):.1f}; "
              f"extraction pages {timing(others, registry):.1f}")
        print(f"whole HTML reader, CPU ms/page: dates pages {reader_timing(dated, registry):.1f}; "
              f"extraction pages {reader_timing(others, registry):.1f}")


if __name__ == "__main__":
    main()
