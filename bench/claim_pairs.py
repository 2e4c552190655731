"""Score the citation matcher alone: does this article report this line?

Reads the judged claim–article pairs (../shared/data/citations/pairs.jsonl, plus the project's own
bench/data/citations-extra.jsonl judged the same way) and asks `briefgen.consensus.claims.judge` of each pair,
with the article read as briefgen reads it (ingest, sentences) and the story's words weighted over
all the articles of that story in the pairs. A pair is true when judged SUPPORTED.

Prints precision and recall of "reports" at the configured threshold (`citation_match`), the
precision–recall curve over the threshold, and every pair the matcher gets wrong with why
(`-v` prints every pair). Pages whose id starts 0-7 are the half looked at while designing; the
8-f half is reported apart (`--half`).

Usage: python bench/claim_pairs.py [--shared ../shared] [-v] [--half tune|held-out]
"""

from __future__ import annotations

import argparse
import gzip
import json
import tempfile
from collections import defaultdict
from pathlib import Path

from briefgen.consensus.claims import judge, story_weights
from briefgen.clean.text import article_sentences
from briefgen.config.options import BriefingConfig
from briefgen.ingest import read_paths
from briefgen.consensus.names import matching_terms
from briefgen.provenance import OutletRegistry

REPO = Path(__file__).resolve().parent.parent
EXTRA = REPO / "bench/data/citations-extra.jsonl"


def load_pairs(shared: Path, extra: bool = True) -> list[dict]:
    pairs = [json.loads(line) for line in (shared / "data/citations/pairs.jsonl").open()]
    if extra and EXTRA.exists():
        pairs += [json.loads(line) for line in EXTRA.open() if line.strip()]
    return pairs


def read_articles(shared: Path, names: set[str]) -> dict[str, object]:
    """The named files (seed .txt files and extraction pages) read as briefgen reads them, by file name."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for name in sorted(names):
            seed = REPO / "examples/articles" / name
            if seed.exists():
                paths.append(seed)
                continue
            page = Path(tmp) / name
            page.write_bytes(gzip.decompress((shared / "data/extraction/html" / (name + ".gz")).read_bytes()))
            paths.append(page)
        articles, _ = read_paths(paths, OutletRegistry.load(None))
    return {Path(a.path).name: a for a in articles}


def findings(pairs: list[dict], shared: Path, language: str = "english") -> list:
    """One `Finding` per pair."""
    articles = read_articles(shared, {p["article_file"] for p in pairs} | {p["claim_file"] for p in pairs})
    by_story: dict[str, set[str]] = defaultdict(set)
    for p in pairs:
        by_story[p["story"]] |= {p["claim_file"], p["article_file"]}
    sentences = {name: [s.text for s in article_sentences(a, language)] for name, a in articles.items()}
    out = []
    cache: dict[str, tuple] = {}
    for p in pairs:
        if p["story"] not in cache:
            files = sorted(by_story[p["story"]])
            texts = [t for f in files for t in sentences[f]]
            claims = sorted({q["claim"] for q in pairs if q["story"] == p["story"]})
            terms = matching_terms(texts + claims, language)
            owner = [f for f in files for _ in sentences[f]]
            per_file = {f: [terms[i] for i in range(len(texts)) if owner[i] == f] for f in files}
            claim_terms = dict(zip(claims, terms[len(texts):]))
            cache[p["story"]] = (per_file, claim_terms, story_weights(terms[: len(texts)]))
        per_file, claim_terms, weight = cache[p["story"]]
        f = p["article_file"]
        out.append(judge(p["claim"], claim_terms[p["claim"]], sentences[f], per_file[f], weight))
    return out


def curve(pairs: list[dict], found: list) -> list[tuple[float, float, float, int]]:
    """(threshold, precision, recall, cited) for thresholds 0.50 … 0.95."""
    points = []
    positives = sum(p["verdict"] == "SUPPORTED" for p in pairs)
    for step in range(50, 96, 5):
        threshold = step / 100
        cited = [p for p, f in zip(pairs, found) if f.reports(threshold)]
        true = sum(p["verdict"] == "SUPPORTED" for p in cited)
        points.append((threshold, true / len(cited) if cited else 1.0, true / positives if positives else 0.0, len(cited)))
    return points


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--half", choices=("tune", "held-out"))
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--shared-only", action="store_true",
                        help="only the shared pairs (the project's own were judged on lines the matcher had cited)")
    args = parser.parse_args()
    pairs = load_pairs(args.shared, extra=not args.shared_only)
    if args.half:
        keep = "01234567" if args.half == "tune" else "89abcdef"
        pairs = [p for p in pairs if p["article_file"].endswith(".html") and p["article_file"][0] in keep]
    found = findings(pairs, args.shared)
    threshold = BriefingConfig().citation_match
    print(f"{len(pairs)} judged pairs, {sum(p['verdict'] == 'SUPPORTED' for p in pairs)} SUPPORTED")
    print("threshold  precision  recall  cited")
    for t, precision, recall, cited in curve(pairs, found):
        mark = "  <- briefgen's threshold" if abs(t - threshold) < 1e-9 else ""
        print(f"  {t:.2f}      {precision:.3f}    {recall:.3f}   {cited:3d}{mark}")
    lacking = [p for p, f in zip(pairs, found) if p["verdict"] == "SUPPORTED" and (f.missing or f.conflicts)]
    positives = sum(p["verdict"] == "SUPPORTED" for p in pairs)
    print(f"SUPPORTED pairs whose article lacks a checkable element of the line: {len(lacking)} "
          f"(so recall is at most {(positives - len(lacking)) / max(positives, 1):.3f} at any threshold)")
    for p, f in zip(pairs, found):
        says = f.reports(threshold)
        wrong = says != (p["verdict"] == "SUPPORTED")
        if wrong or args.verbose:
            tag = ("FALSE CITE" if says else "MISSED") if wrong else ("cited" if says else "not cited")
            why = "; ".join(list(f.missing) + [f"{k} {a}≠{b}" for k, a, b in f.conflicts])
            print(f"{tag:10s} {p['verdict'][:3]} cov {f.coverage:.2f} detail {f.detail:.2f} {p['outlet']}: {p['claim'][:90]}")
            if why:
                print(f"           {why}")


if __name__ == "__main__":
    main()
