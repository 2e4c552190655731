"""Main-text extraction scored on 120 real pages with gold text, briefgen vs plain trafilatura.

Data: ../shared/data/extraction/ (article-extraction-benchmark, MIT): gzip HTML pages and
ground-truth.json `{id: {"articleBody", "url"}}`.

Score: the benchmark's own method, re-implemented — word 4-gram shingles (\\w+ tokens), per page
true/false positives and negatives normalised to sum 1, precision and recall averaged over pages,
F1 of the two averages.

Rows:
- trafilatura: `trafilatura.extract(html)` with default settings;
- trafilatura fast: `trafilatura.extract(html, fast=True)` (its fallback extractors off);
- briefgen HTML: briefgen's HTML reader (`briefgen.ingest.html.read_html`), body text (its time
  includes what the reader does besides: title, site name, date, author and credit lines);
- briefgen plain text: each page rendered to plain text with its junk kept (scripts and styles
  dropped, the text of every block element on its own line: menus, link lists, footers and all),
  read by briefgen's plain-text reader — what a scraper's text dump gives briefgen.
Pages whose id starts with 0–7 and 8–f are also scored apart: any tuning of briefgen's rules was
looked at on the first half only, so the second half is "pages it has never seen".

Time: CPU milliseconds per page (user + system time of this process, `time.process_time`), each
reader timed page by page in the same run; the whole set is read `--passes` times (default 3) and the
median pass is reported. CPU time, not wall time: on a shared machine other people's load adds to
wall time far more than to CPU time. Pages are decoded once, before timing.

Metadata, where the page itself says the truth: outlet (pages whose URL domain is in briefgen's
outlet registry: the registry's name), date (pages whose URL carries /YYYY/MM/DD/: that date).

Usage: PYTHONPATH=. python bench/extraction.py [--shared ../shared] [--passes 3]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import time
from collections import Counter
from pathlib import Path

import lxml.html
import trafilatura

from briefgen.ingest.decode import ArticleError
from briefgen.ingest.html import read_html
from briefgen.ingest.text import read_text
from briefgen.provenance import OutletRegistry

_TOKEN = re.compile(r"\w+", re.UNICODE)
BLOCKS = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td", "th", "table",
    "section", "article", "header", "footer", "nav", "aside", "blockquote", "figure", "figcaption",
    "form", "label", "button", "option", "dt", "dd", "pre", "title", "main",
}


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def tp_fp_fn(gold: str, predicted: str) -> tuple[float, float, float]:
    g, p = shingles(gold), shingles(predicted)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def score(counts: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    def precision(tp, fp, fn):
        return 1.0 if fp == fn == 0 else (0.0 if tp == fp == 0 else tp / (tp + fp))

    def recall(tp, fp, fn):
        return 1.0 if fp == fn == 0 else (0.0 if tp == fn == 0 else tp / (tp + fn))

    p = statistics.mean(precision(*c) for c in counts if c[0] + c[1] > 0)
    r = statistics.mean(recall(*c) for c in counts if c[0] + c[2] > 0)
    return p, r, 2 * p * r / (p + r)


def page_as_plain_text(html: str) -> str:
    """The page's visible text, one block element per line, junk included."""
    tree = lxml.html.fromstring(html)
    for bad in tree.xpath("//script|//style|//noscript|//template|//svg"):
        bad.drop_tree()
    for element in tree.iter():
        # line breaks in the HTML source are not breaks on the page
        element.text = element.text.replace("\n", " ") if element.text else element.text
        element.tail = element.tail.replace("\n", " ") if element.tail else element.tail
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag.lower() in BLOCKS:
            element.tail = "\n" + (element.tail or "")
            element.text = "\n" + (element.text or "")
    lines = (" ".join(line.split()) for line in tree.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--passes", type=int, default=3, help="passes over the pages; the median pass's CPU time is reported")
    args = parser.parse_args()
    data = args.shared / "data/extraction"
    gold = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    registry = OutletRegistry.load()
    pages = {
        page_id: gzip.decompress((data / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8", "replace")
        for page_id in sorted(gold)
    }
    plain_pages = {page_id: page_as_plain_text(html) for page_id, html in pages.items()}

    def briefgen_html(page_id: str, html: str):
        try:
            return read_html(page_id, html, registry)
        except ArticleError:
            return None

    def briefgen_plain(page_id: str, text: str) -> str:
        try:
            return read_text(page_id, text, registry).body
        except ArticleError:
            return ""

    readers = {
        "trafilatura": (pages, lambda page_id, html: trafilatura.extract(html) or ""),
        "trafilatura fast": (pages, lambda page_id, html: trafilatura.extract(html, fast=True) or ""),
        "briefgen HTML": (pages, briefgen_html),
        "briefgen plain text": (plain_pages, briefgen_plain),
    }
    rows: dict[str, dict[str, tuple]] = {name: {} for name in readers}
    cpu_passes: dict[str, list[float]] = {name: [] for name in readers}
    articles = {}
    for _ in range(args.passes):
        cpu = Counter()
        for page_id in sorted(gold):
            for name, (inputs, read) in readers.items():  # the readers take turns page by page: same load for each
                start = time.process_time()
                result = read(page_id, inputs[page_id])
                cpu[name] += time.process_time() - start
                if name == "briefgen HTML":
                    articles[page_id] = result
                    result = result.body if result else ""
                rows[name][page_id] = tp_fp_fn(gold[page_id]["articleBody"], result)
        for name in readers:
            cpu_passes[name].append(cpu[name] * 1000 / len(gold))

    metadata = Counter()
    for page_id in sorted(gold):
        article = articles[page_id]
        url = gold[page_id].get("url") or ""
        expected_outlet = registry.from_url(url)
        if expected_outlet:
            metadata["outlet pages"] += 1
            metadata["outlet right"] += bool(article and article.outlet == expected_outlet)
        m = re.search(r"/(20\d\d)/(\d\d)/(\d\d)/", url)
        if m:
            metadata["date pages"] += 1
            metadata["date right"] += bool(article and article.published == "-".join(m.groups()))
            metadata["date missing"] += bool(article and article.published is None)
        metadata["title found"] += bool(article and article.title)

    print(f"{len(gold)} real pages ({data}); CPU ms/page: median of {args.passes} passes (all passes)")
    print(f"{'extractor':22} {'pages':10} {'precision':>9} {'recall':>7} {'F1':>6} {'CPU ms/page':>12}")
    for name, counts in rows.items():
        for subset, keep in (("all", lambda k: True), ("ids 0-7", lambda k: k[0] in "01234567"), ("ids 8-f", lambda k: k[0] not in "01234567")):
            p, r, f = score([c for k, c in counts.items() if keep(k)])
            passes = cpu_passes[name]
            timing = f"{statistics.median(passes):12.1f} ({', '.join(f'{t:.1f}' for t in passes)})" if subset == "all" else ""
            print(f"{name:22} {subset:10} {p:9.3f} {r:7.3f} {f:6.3f} {timing}")
    print(
        f"\nmetadata (briefgen HTML): title found {metadata['title found']}/{len(gold)}; "
        f"outlet = registry name of the URL's domain {metadata['outlet right']}/{metadata['outlet pages']}; "
        f"date = the URL's /YYYY/MM/DD/ {metadata['date right']}/{metadata['date pages']} "
        f"({metadata['date missing']} without a date)"
    )


if __name__ == "__main__":
    main()
