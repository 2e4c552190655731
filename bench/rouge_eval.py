"""ROUGE of briefgen's story summaries against human references, beside sumy's nine algorithms.

    python bench/rouge_eval.py SUMMARIES.jsonl [--sentences 5] [--words 100] [--json report.json]

SUMMARIES.jsonl is the format of ../shared/data/README.md, one cluster a line:
    {"id": "...", "articles": [{"title": "...", "text": "...", ...}], "summaries": ["...", ...]}
(articles may also carry "outlet", "published", "url", "author"; a line that is not such a record is
reported and skipped). For every cluster, in one run:

- briefgen: the full pipeline (`build_briefing`) on the cluster's articles written to a JSON Lines
  file: ingest, clean, dedupe, cluster, summarize, consensus with its default `--min-sources 2`;
  the summary is the briefing's sentences in order (all stories), at most `--sentences`.
  "briefgen --min-sources 1" is the same without the consensus filter (facts still taken
  most-supported first); "briefgen centrality only" is that with facts taken by the summarizer's
  centrality alone — the pair answers whether ordering by support improves ROUGE.
- sumy-<algorithm>: sumy run as a user would, on the articles' text concatenated (each title in
  upper case above its text: sumy's plain-text heading format), with briefgen's OfflineTokenizer,
  stemmer and stop words, asked for `--sentences` sentences (returned in document order).
- human (leave-one-out), when a cluster has several references: each reference scored against
  the others, a ceiling for the systems.

Every summary is cut to its first `--words` words when given (ROUGE's usual length limit), then
scored with Google's rouge-score (ROUGE-1, ROUGE-2, ROUGE-L, Porter stemming) against each
reference; per metric the best-matching reference counts. Reported: mean precision, recall and F1
over clusters, and mean summary length in words.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from rouge_score import rouge_scorer  # noqa: E402
from sumy.parsers.plaintext import PlaintextParser  # noqa: E402

from briefgen import BriefingConfig, build_briefing  # noqa: E402
from briefgen.clean.text import words  # noqa: E402
from briefgen.config.options import ALGORITHMS  # noqa: E402
from briefgen.summarize import OfflineTokenizer, sumy_summarizer  # noqa: E402

METRICS = ("rouge1", "rouge2", "rougeL")
# Articles are dated by the records themselves when they say; the briefing's own date is irrelevant.
BRIEFING_DAY = date(2000, 1, 1)
ARTICLE_FIELDS = ("title", "text", "outlet", "published", "url", "author")


@dataclass(frozen=True)
class Cluster:
    id: str
    articles: tuple[dict, ...]
    summaries: tuple[str, ...]


def read_clusters(path: Path) -> tuple[list[Cluster], list[dict]]:
    """The usable clusters of a summaries JSONL file, and the skipped lines with their reasons."""
    clusters, skipped = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            skipped.append({"line": number, "reason": f"malformed JSON: {err.msg}"})
            continue
        reason = _invalid(record)
        if reason:
            skipped.append({"line": number, "reason": reason})
            continue
        articles = tuple(
            {k: a[k] for k in ARTICLE_FIELDS if isinstance(a.get(k), str)} for a in record["articles"] if _usable(a)
        )
        summaries = tuple(s for s in record["summaries"] if isinstance(s, str) and s.strip())
        clusters.append(Cluster(str(record.get("id", number)), articles, summaries))
    return clusters, skipped


def _usable(article: object) -> bool:
    return isinstance(article, dict) and isinstance(article.get("text"), str) and bool(article["text"].strip())


def _invalid(record: object) -> str | None:
    if not isinstance(record, dict):
        return "not a JSON object"
    if not isinstance(record.get("articles"), list) or not any(_usable(a) for a in record["articles"]):
        return "no article with text"
    if not isinstance(record.get("summaries"), list) or not any(
        isinstance(s, str) and s.strip() for s in record["summaries"]
    ):
        return "no reference summary"
    return None


# ------------------------------------------------------------------------------------------ systems


def briefgen_summary(
    cluster: Cluster, sentences: int, min_sources: int, by_support: bool = True, lede_first: bool = True
) -> list[str]:
    config = BriefingConfig(
        sentences_per_story=sentences, min_sources=min_sources, order_by_support=by_support, lede_first=lede_first
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cluster.jsonl"
        path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in cluster.articles), encoding="utf-8")
        briefing = build_briefing([path], config, on=BRIEFING_DAY)
    return [s.text for story in briefing.stories for s in story.sentences][:sentences]


def sumy_summary(cluster: Cluster, algorithm: str, sentences: int, language: str = "english") -> list[str]:
    text = "\n\n".join(
        (a.get("title", "").strip().upper() + "\n" if a.get("title", "").strip() else "") + a["text"].strip()
        for a in cluster.articles
    )
    document = PlaintextParser.from_string(text, OfflineTokenizer(language)).document
    summarizer = sumy_summarizer(algorithm, language)
    state = random.getstate()
    random.seed(0)  # sumy's Random summarizer: the same draw every run
    try:
        return [str(s) for s in summarizer(document, sentences)]
    finally:
        random.setstate(state)


def systems(names: list[str] | None = None) -> dict:
    """System name → function(cluster, sentences) giving the summary's sentences."""
    table = {
        "briefgen": lambda c, n: briefgen_summary(c, n, min_sources=2),
        # the default ordering (the lede first, then by support and centrality) without the filter
        "briefgen --min-sources 1": lambda c, n: briefgen_summary(c, n, min_sources=1),
        # the same budget and filter, every fact by support then centrality (no lede first)
        "briefgen support first": lambda c, n: briefgen_summary(c, n, min_sources=1, lede_first=False),
        # ... and facts taken by centrality alone (support ignored): with the two above it answers
        # "does ranking by support, or the lede first, improve ROUGE?"
        "briefgen centrality only": lambda c, n: briefgen_summary(c, n, min_sources=1, by_support=False, lede_first=False),
    }
    for algorithm in ALGORITHMS:
        table[f"sumy-{algorithm}"] = lambda c, n, a=algorithm: sumy_summary(c, a, n)
    if names:
        unknown = set(names) - set(table)
        if unknown:
            raise SystemExit(f"unknown system(s): {', '.join(sorted(unknown))}; choose from {', '.join(table)}")
        table = {name: table[name] for name in names}
    return table


# ------------------------------------------------------------------------------------------ scoring

_SCORER = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)


def truncate(text: str, max_words: int | None) -> str:
    """The first `max_words` whitespace-separated words (all of them when None)."""
    return text if max_words is None else " ".join(text.split()[:max_words])


def score_summary(summary: str, references: list[str] | tuple[str, ...]) -> dict[str, dict[str, float]]:
    """ROUGE P/R/F1 of one summary; per metric, the reference it matches best (by F1)."""
    best: dict[str, dict[str, float]] = {m: {"precision": 0.0, "recall": 0.0, "f1": 0.0} for m in METRICS}
    for reference in references:
        scores = _SCORER.score(reference, summary)
        for metric in METRICS:
            s = scores[metric]
            if s.fmeasure > best[metric]["f1"]:
                best[metric] = {"precision": s.precision, "recall": s.recall, "f1": s.fmeasure}
    return best


def _mean(rows: list[dict[str, dict[str, float]]]) -> dict[str, dict[str, float]]:
    return {
        m: {k: (sum(r[m][k] for r in rows) / len(rows) if rows else 0.0) for k in ("precision", "recall", "f1")}
        for m in METRICS
    }


def evaluate(
    clusters: list[Cluster], *, sentences: int = 5, max_words: int | None = None, names: list[str] | None = None
) -> dict:
    table = systems(names)
    per_system: dict[str, list] = {name: [] for name in table}
    lengths: dict[str, list[int]] = {name: [] for name in table}
    errors: list[dict] = []
    human: list = []
    for cluster in clusters:
        for name, summarise in table.items():
            try:
                summary = truncate(" ".join(summarise(cluster, sentences)), max_words)
            except Exception as err:  # one system failing on one cluster must not end the run
                errors.append({"cluster": cluster.id, "system": name, "error": f"{type(err).__name__}: {err}"})
                summary = ""
            per_system[name].append(score_summary(summary, cluster.summaries))
            lengths[name].append(len(words(summary)))
        if len(cluster.summaries) > 1:
            for i, reference in enumerate(cluster.summaries):
                others = cluster.summaries[:i] + cluster.summaries[i + 1 :]
                human.append(score_summary(truncate(reference, max_words), others))
    report_systems = {
        name: {**_mean(rows), "words": sum(lengths[name]) / len(lengths[name]) if lengths[name] else 0.0}
        for name, rows in per_system.items()
    }
    if human:
        report_systems["human (leave-one-out)"] = _mean(human)
    report = {
        "clusters": len(clusters),
        "budget": {"sentences": sentences, "words": max_words},
        "systems": report_systems,
        "errors": errors,
    }
    if CENTRALITY_ONLY in per_system:
        report["vs_centrality"] = {
            name: paired(per_system[name], per_system[CENTRALITY_ONLY]) for name in ORDERINGS if name in per_system
        }
    return report


CENTRALITY_ONLY = "briefgen centrality only"
ORDERINGS = ("briefgen --min-sources 1", "briefgen support first")  # each compared with centrality only


def paired(first: list, second: list, metric: str = "rouge1") -> dict:
    """Cluster by cluster, how often the first system's F1 beats, trails or equals the second's.

    Means over a few clusters hide whether one system is better or two are noisy; the count of
    clusters each way (and how many the two summarise identically) shows it.
    """
    diffs = [a[metric]["f1"] - b[metric]["f1"] for a, b in zip(first, second)]
    return {
        "metric": metric,
        "better": sum(d > 1e-9 for d in diffs),
        "worse": sum(d < -1e-9 for d in diffs),
        "same": sum(abs(d) <= 1e-9 for d in diffs),
        "mean_difference": sum(diffs) / len(diffs) if diffs else 0.0,
    }


def format_report(report: dict) -> str:
    budget = report["budget"]
    lines = [
        f"{report['clusters']} clusters; budget {budget['sentences']} sentences"
        + (f", cut to {budget['words']} words" if budget["words"] else ""),
        f"{'system':<26} {'R-1 F1':>7} {'R-2 F1':>7} {'R-L F1':>7} {'R-1 R':>7} {'words':>6}",
    ]
    for name, s in report["systems"].items():
        words_col = f"{s['words']:>6.1f}" if "words" in s else f"{'':>6}"
        lines.append(
            f"{name:<26} {s['rouge1']['f1']:>7.4f} {s['rouge2']['f1']:>7.4f} {s['rougeL']['f1']:>7.4f}"
            f" {s['rouge1']['recall']:>7.4f} {words_col}"
        )
    for name, p in report.get("vs_centrality", {}).items():
        lines.append(
            f"{name} vs centrality only, R-1 F1 per cluster: better {p['better']}, worse {p['worse']},"
            f" same {p['same']} (mean difference {p['mean_difference']:+.4f})"
        )
    for e in report["errors"]:
        lines.append(f"error: cluster {e['cluster']}, {e['system']}: {e['error']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("summaries", type=Path, help="clusters with reference summaries (JSONL)")
    parser.add_argument("--sentences", type=int, default=5, help="sentences per summary, every system (default 5)")
    parser.add_argument("--words", type=int, default=None, help="cut every summary to this many words")
    parser.add_argument("--systems", nargs="+", help="only these systems (default: all)")
    parser.add_argument("--json", type=Path, help="also write the report here")
    args = parser.parse_args(argv)
    if args.sentences < 1 or (args.words is not None and args.words < 1):
        parser.error("--sentences and --words must be at least 1")
    if not args.summaries.is_file():
        parser.error(f"no such file: {args.summaries}")

    clusters, skipped = read_clusters(args.summaries)
    for s in skipped:
        print(f"{args.summaries}:{s['line']}: skipped: {s['reason']}", file=sys.stderr)
    if not clusters:
        print("no usable cluster", file=sys.stderr)
        return 1
    report = evaluate(clusters, sentences=args.sentences, max_words=args.words, names=args.systems)
    report["skipped"] = skipped
    print(format_report(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
