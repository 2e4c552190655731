"""Dedupe + story clustering time and peak memory from 12.5k to 100k articles.

The articles are real ones re-sampled and perturbed to grow the set: bodies of the 120 real pages in
../shared/data/extraction/ and the 3,968 real headlines of ../shared/data/stories/ (a third of the
set are title-only records, as feeds give). Each re-sample keeps a random 60–90 % of the base's
paragraphs in shuffled order, swaps 10 % of its words for words of other articles, and gets a random
date in a 3-day span — so some re-samples are near-copies (dedupe's work) and most are new articles
on the same stories (clustering's work).

Each size runs in its own process; peak memory is that process's maximum resident set size
(interpreter and libraries included). Each size is timed `--repeat` times on the same articles and
the fastest run is reported (as timeit does): on a shared virtual machine another tenant's load
only ever adds time, and single runs of the same code were seen to differ by a fifth.
Usage: python bench/scale.py [--sizes 12500 25000 50000 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def load_bases(shared: Path) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    gold = json.loads((shared / "data/extraction/ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id, page in sorted(gold.items()):
        html = gzip.decompress((shared / f"data/extraction/html/{page_id}.html.gz").read_bytes()).decode("utf-8", "replace")
        start = html.lower().find("<title")
        title = html[html.find(">", start) + 1 : html.lower().find("</title>")].strip()[:200] if start >= 0 else ""
        pages.append((title, page["articleBody"], page.get("url") or ""))
    headlines = [
        (row["title"], row.get("url") or "")
        for row in map(json.loads, (shared / "data/stories/uci-news-headlines.jsonl").open(encoding="utf-8"))
    ]
    return pages, headlines


def make_articles(n: int, shared: Path, seed: int = 0):
    from briefgen.model import Article

    pages, headlines = load_bases(shared)
    rng = random.Random(seed)
    vocabulary = [w for _, body, _ in pages for w in body.split()[:200]]
    articles = []
    for i in range(n):
        day = f"2019-11-{18 + rng.randrange(3)}"
        if i % 3 == 2:
            title, url = rng.choice(headlines)
            articles.append(Article(id=f"a{i}", path=f"a{i}", title=title, body="", url=url, published=day))
            continue
        title, body, url = rng.choice(pages)
        paragraphs = [p for p in body.split("\n") if p.strip()]
        if i % 6 == 0:  # a re-post: the whole article under another site's junk
            junk = ["Skip to content", f"{title} | Site {rng.randrange(1000)}", "Share this:", "Related posts"]
            articles.append(Article(id=f"a{i}", path=f"a{i}", title=title, body="\n".join([*junk[:2], *paragraphs, *junk[2:]]),
                                    url=None, published=day, host=f"site{rng.randrange(1000)}.example"))
            continue
        kept = rng.sample(paragraphs, max(1, int(len(paragraphs) * rng.uniform(0.6, 0.9))))
        words = "\n".join(kept).split(" ")
        for j in rng.sample(range(len(words)), len(words) // 10):
            words[j] = rng.choice(vocabulary)
        articles.append(Article(id=f"a{i}", path=f"a{i}", title=title, body=" ".join(words), url=url or None, published=day))
    return articles


def run_one(n: int, shared: Path, repeat: int) -> dict:
    from briefgen import BriefingConfig
    from briefgen.cluster.story_graph import cluster_articles
    from briefgen.dedupe.minhash import mark_duplicates

    articles = make_articles(n, shared)
    config = BriefingConfig()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        marked = mark_duplicates(articles, config)
        dedupe_seconds = time.perf_counter() - start
        stories = cluster_articles(marked, config)
        seconds = time.perf_counter() - start
        runs.append((seconds, dedupe_seconds, sum(a.duplicate_of is not None for a in marked), len(stories)))
        del marked, stories  # a run's results must not add to the next run's peak memory
    total, dedupe_seconds, copies, n_stories = min(runs)
    return {
        "articles": n,
        "copies": copies,
        "stories": n_stories,
        "dedupe_s": round(dedupe_seconds, 1),
        "cluster_s": round(total - dedupe_seconds, 1),
        "total_s": round(total, 1),
        "slowest_total_s": round(max(run[0] for run in runs), 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[12500, 25000, 50000, 100000])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the fastest is reported")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: one size in this process
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.shared, args.repeat)))
        return
    print(f"{'articles':>9} {'copies':>7} {'stories':>8} {'dedupe s':>9} {'cluster s':>10} {'total s':>8} {'× prev':>7} {'slowest s':>10} {'peak RSS MB':>12}")
    previous = None
    for n in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(n), "--shared", str(args.shared), "--repeat", str(args.repeat)],
            check=True, capture_output=True, text=True,
        ).stdout
        r = json.loads(out.strip().splitlines()[-1])
        ratio = f"{r['total_s'] / previous:.2f}" if previous else "-"
        print(f"{r['articles']:9d} {r['copies']:7d} {r['stories']:8d} {r['dedupe_s']:9.1f} {r['cluster_s']:10.1f} {r['total_s']:8.1f} {ratio:>7} {r['slowest_total_s']:10.1f} {r['peak_rss_mb']:12d}")
        previous = r["total_s"]


if __name__ == "__main__":
    main()
