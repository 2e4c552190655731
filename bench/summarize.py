"""Benchmark: briefgen's vectorised LexRank against sumy's own, on real sentences, in one run.

    python bench/summarize.py                      # 1k / 5k / 20k; sumy up to 5k (minutes)
    python bench/summarize.py --sizes 1000 --sumy-max 1000 --algorithm textrank
    python bench/summarize.py --redundancy examples/articles   # repeats in briefgen's vs sumy's summaries

The pool: every distinct sentence of the 120 real pages in ../shared/data/extraction/ (main text,
comments and tables by trafilatura, split by briefgen.clean.text.split_sentences), shuffled with a fixed
seed; 1k and 5k are its first 1,000 and 5,000. The pages hold ~5,100 distinct sentences, so 20k is
the 5k real sentences plus 15k light edits of them (one word dropped at a seeded position, as an
outlet rewording a wire sentence would): what a busy story re-posted by many outlets looks like.

Each (engine, size) runs in a fresh process: time is wall-clock for `rank_sentences` (tokenising,
stemming and ranking, nothing cached), memory is how far the process's peak RSS rose above its RSS before the call (Linux VmHWM).
The machine has 2 cores shared with other jobs: timings are indicative.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# ../shared/data beside a clone; one level further up from a worktree under wt/.
_CANDIDATES = (REPO.parent / "shared" / "data", REPO.parent.parent / "shared" / "data")
DEFAULT_DATA = next((p for p in _CANDIDATES if p.is_dir()), _CANDIDATES[0])
SEED = 0


def real_sentences(data: Path) -> list[str]:
    import trafilatura

    from briefgen.clean.text import split_sentences, words

    pages = sorted((data / "extraction" / "html").glob("*.html.gz"))
    if not pages:
        raise SystemExit(f"no pages under {data / 'extraction' / 'html'}")
    seen: dict[str, None] = {}
    for page in pages:
        html = gzip.decompress(page.read_bytes()).decode("utf-8", "replace")
        text = trafilatura.extract(html, include_comments=True, include_tables=True, favor_recall=True) or ""
        for paragraph in text.split("\n"):
            for sentence in split_sentences(paragraph):
                if words(sentence):
                    seen.setdefault(sentence.strip(), None)
    sentences = sorted(seen)
    random.Random(SEED).shuffle(sentences)
    return sentences


def light_edits(sentences: list[str], total: int) -> list[str]:
    """`sentences` followed by distinct one-word-dropped variants of them, up to `total`."""
    rng = random.Random(SEED)
    pool = list(dict.fromkeys(sentences))
    seen = set(pool)
    attempts = 0
    while len(pool) < total and attempts < 20 * total:
        attempts += 1
        tokens = rng.choice(sentences).split()
        if len(tokens) < 4:
            continue
        del tokens[rng.randrange(len(tokens))]
        variant = " ".join(tokens)
        if variant not in seen:
            seen.add(variant)
            pool.append(variant)
    return pool


def build_pools(data: Path, sizes: list[int]) -> tuple[dict[int, list[str]], int]:
    real = real_sentences(data)
    pools = {}
    for size in sizes:
        pools[size] = real[:size] if size <= len(real) else light_edits(real[:5000], size)
        if len(pools[size]) < size:
            raise SystemExit(f"could only make {len(pools[size])} distinct sentences for size {size}")
    return pools, len(real)


def _proc_status_kib(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def _reset_peak_rss() -> bool:
    """Linux: writing 5 to clear_refs resets the peak RSS (VmHWM) to the current RSS."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def child(engine: str, algorithm: str, pool_file: str, out_file: str) -> None:
    """One measured run in this fresh process; writes time, memory and the scores to out_file."""
    from briefgen.summarize import rank_sentences

    sentences = json.loads(Path(pool_file).read_text(encoding="utf-8"))
    if _reset_peak_rss():
        before = _proc_status_kib("VmRSS")
    else:  # no /proc: the peak since start (imports included) is the best we have
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    scores = rank_sentences(sentences, algorithm, engine=engine)
    seconds = time.perf_counter() - start
    peak = _proc_status_kib("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    Path(out_file).write_text(
        json.dumps({"seconds": seconds, "peak_mib": peak / 1024, "growth_mib": (peak - before) / 1024, "scores": scores}),
        encoding="utf-8",
    )


def measure(engine: str, algorithm: str, sentences: list[str], workdir: Path) -> dict:
    pool_file = workdir / f"pool-{len(sentences)}.json"
    if not pool_file.exists():
        pool_file.write_text(json.dumps(sentences), encoding="utf-8")
    out_file = workdir / f"{engine}-{algorithm}-{len(sentences)}.json"
    subprocess.run(
        [sys.executable, __file__, "--child", engine, algorithm, str(pool_file), str(out_file)],
        check=True,
        env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONHASHSEED": "0"},
    )
    return json.loads(out_file.read_text(encoding="utf-8"))


def top_k(scores: list[float], k: int) -> list[int]:
    return sorted(range(len(scores)), key=lambda i: (-scores[i], i))[:k]


def same_top_k(ours: list[float], theirs: list[float], k: int) -> str:
    """'identical' when the top-k lists match; else whether the differences are exact ties."""
    a, b = top_k(ours, k), top_k(theirs, k)
    if a == b:
        return "identical"
    tied = all(abs(theirs[i] - theirs[j]) <= 1e-12 * abs(theirs[j]) for i, j in zip(a, b))
    return "same up to floating-point ties" if tied else "DIFFERENT"


def redundancy(paths: list[str], sentences: int = 5) -> None:
    """Repeated facts in briefgen's summary of a story vs each sumy algorithm on the concatenated,
    cleaned article bodies (the same budget): sentence pairs whose word overlap reaches 0.5."""
    from datetime import date

    from sumy.parsers.plaintext import PlaintextParser

    from briefgen import BriefingConfig, build_briefing
    from briefgen.config.options import ALGORITHMS
    from briefgen.summarize import OfflineTokenizer, content_terms, sumy_summarizer, word_overlap

    def repeats(texts: list[str]) -> tuple[int, int, float]:
        terms = [content_terms(t) for t in texts]
        overlaps = [word_overlap(a, b) for i, a in enumerate(terms) for b in terms[i + 1 :]]
        return sum(o >= 0.5 for o in overlaps), len(overlaps), max(overlaps, default=0.0)

    print(f"{'summary of ' + ', '.join(paths):<40} {'pairs ≥ 0.5':>12} {'max overlap':>12}")
    for algorithm in ALGORITHMS:
        briefing = build_briefing(paths, BriefingConfig(algorithm=algorithm, sentences_per_story=sentences), on=date(2000, 1, 1))
        ours = [s.text for story in briefing.stories for s in story.sentences]
        originals = [a for a in briefing.articles if a.duplicate_of is None]
        text = "\n\n".join(a.body for a in originals)
        document = PlaintextParser.from_string(text, OfflineTokenizer()).document
        random.seed(SEED)
        theirs = [str(x) for x in sumy_summarizer(algorithm)(document, sentences)]
        for name, summary in ((f"briefgen ({algorithm})", ours), (f"sumy {algorithm}, concatenated", theirs)):
            n, pairs, worst = repeats(summary)
            print(f"{name:<40} {f'{n} of {pairs}':>12} {worst:>12.2f}")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:6])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--sumy-max", type=int, default=5000, help="largest pool sumy is run on (it is O(n²) Python)")
    parser.add_argument("--algorithm", default="lexrank", choices=["lexrank", "textrank"])
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--redundancy", nargs="+", metavar="PATH", help="instead: repeats in summaries of these articles")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    if args.redundancy:
        redundancy(args.redundancy)
        return

    pools, n_real = build_pools(args.data, sorted(args.sizes))
    print(f"pool: {n_real} distinct real sentences from {args.data / 'extraction'}; algorithm {args.algorithm}")
    print("2 shared cores: timings are indicative\n")
    print(f"{'sentences':>9}  {'briefgen s':>10}  {'MiB':>6}  {'sumy s':>8}  {'MiB':>6}  {'speed-up':>8}  top-10 / top-20")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size, sentences in pools.items():
            ours = measure("auto", args.algorithm, sentences, Path(tmp))
            row = {"sentences": size, "briefgen": {k: v for k, v in ours.items() if k != "scores"}}
            line = f"{size:>9}  {ours['seconds']:>10.3f}  {ours['growth_mib']:>6.0f}"
            if size <= args.sumy_max:
                theirs = measure("sumy", args.algorithm, sentences, Path(tmp))
                row["sumy"] = {k: v for k, v in theirs.items() if k != "scores"}
                row["speedup"] = theirs["seconds"] / ours["seconds"]
                row["max_relative_difference"] = max(
                    abs(a - b) / abs(b) for a, b in zip(ours["scores"], theirs["scores"]) if b != 0
                )
                row["top10"] = same_top_k(ours["scores"], theirs["scores"], 10)
                row["top20"] = same_top_k(ours["scores"], theirs["scores"], 20)
                line += f"  {theirs['seconds']:>8.1f}  {theirs['growth_mib']:>6.0f}  {row['speedup']:>7.0f}×"
                line += f"  {row['top10']} / {row['top20']}"
            else:
                line += f"  {'not run (O(n²) pure Python: too long)':>40}"
            print(line, flush=True)
            rows.append(row)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
