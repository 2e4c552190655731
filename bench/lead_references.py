"""Real clusters with stand-in references, for bench/rouge_eval.py while no human set is here.

No set of news clusters with human reference summaries can be had offline (../shared/data/README.md).
What the real clusters do hold is the summary every news article opens with: its headline and lede,
written by a journalist to say what happened. So, leave one out: for every article of a cluster of
three or more, the other articles are the cluster to summarise, and the left-out article's headline
and first two sentences are the reference. A summary that says what the story is about scores well
against a reference that was written without seeing the summarised articles' wording.

It is a stand-in, and weaker than human multi-document summaries: a lede states the main event, not
every fact several outlets agree on, and one article's wording is one outlet's. Use it to compare
systems with each other on real clusters, not as an absolute figure.

Clusters: the 5 seeds (one story, read by briefgen as a user's files are), and the stories of
three or more pages among the 120 real pages of ../shared/data/extraction/ (hand-made labels in
bench/data/extraction_stories.json). A page's text is the benchmark's gold article body (so
extraction errors do not enter the comparison); its title, outlet, date and URL are what briefgen's
HTML reader finds on the page.

Usage:
    python bench/lead_references.py [--shared ../shared] > leads.jsonl
    python bench/rouge_eval.py leads.jsonl --systems "briefgen --min-sources 1" "briefgen centrality only"
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from briefgen.clean.text import split_sentences  # noqa: E402
from briefgen.ingest import read_paths  # noqa: E402
from briefgen.ingest.html import read_html  # noqa: E402
from briefgen.provenance import OutletRegistry  # noqa: E402

LEDE_SENTENCES = 2
SMALLEST_CLUSTER = 3  # leaving one out must leave two articles, so that support can count


def lede(title: str, text: str) -> str:
    """The headline and the first sentences of the body: the article's own summary of itself."""
    first = [s for paragraph in text.split("\n") if paragraph.strip() for s in split_sentences(paragraph.strip())]
    return " ".join([title.strip()] + first[:LEDE_SENTENCES]).strip()


def seed_cluster(registry: OutletRegistry) -> list[dict]:
    articles, _ = read_paths([REPO / "examples" / "articles"], registry)
    return [
        {"title": a.title, "text": a.body, "outlet": a.outlet, "published": a.published, "url": a.url}
        for a in sorted(articles, key=lambda a: a.path)
    ]


def page_clusters(shared: Path, registry: OutletRegistry) -> dict[str, list[dict]]:
    root = shared / "data" / "extraction"
    gold = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    labels = json.loads((REPO / "bench" / "data" / "extraction_stories.json").read_text(encoding="utf-8"))
    clusters = {}
    for story, prefixes in sorted(labels.items()):
        if story.startswith("_") or len(prefixes) < SMALLEST_CLUSTER:
            continue
        members = []
        for prefix in prefixes:
            (page_id,) = [i for i in sorted(gold) if i.startswith(prefix)]
            html = gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8", "replace")
            article = read_html(f"{page_id}.html", html, registry)
            members.append(
                {
                    "title": article.title,
                    "text": gold[page_id]["articleBody"],
                    "outlet": article.outlet,
                    "published": article.published,
                    "url": gold[page_id].get("url") or article.url,
                    "page": page_id,
                }
            )
        clusters[story] = members
    return clusters


def leave_one_out(name: str, articles: list[dict]) -> list[dict]:
    """One record per article: the others to summarise, its own headline and lede as reference."""
    records = []
    for i, held_out in enumerate(articles):
        others = [{k: v for k, v in a.items() if v and k != "page"} for j, a in enumerate(articles) if j != i]
        record = {"id": f"{name}/{i}", "articles": others, "summaries": [lede(held_out["title"], held_out["text"])]}
        records.append(record | {"half": half(held_out.get("page"))})
    return records


def half(page_id: str | None) -> str:
    """The benchmark pages' halves: ids starting 0-7 were looked at while tuning, 8-f were not."""
    if page_id is None:
        return "seeds"
    return "tune" if page_id[0] in "01234567" else "held-out"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--half", choices=("tune", "held-out", "seeds"), help="only the records whose left-out article is in this half")
    args = parser.parse_args(argv)
    registry = OutletRegistry.load()
    clusters = {"seeds": seed_cluster(registry), **page_clusters(args.shared, registry)}
    for name, articles in clusters.items():
        for record in leave_one_out(name, articles):
            if args.half and record["half"] != args.half:
                continue
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(clusters)} clusters, {sum(len(a) for a in clusters.values())} leave-one-out records", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
