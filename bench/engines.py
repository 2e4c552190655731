"""Local engine vs Dask engine on this machine: wall time, peak memory of the driver and of each worker.

The articles are bench/scale.py's (real pages and headlines re-sampled and perturbed), written once
as JSON Lines shards of 1,000 records into a scratch folder, so both engines read the same files.
Two measurements, each engine in its own fresh process:

- `group`: ingest + dedupe + cluster (`pipeline.group_articles` / `DaskEngine.group_articles`), at
  100k articles by default — the stages that need every article at once;
- `briefing`: the whole briefing (adds sentence splitting, summaries, consensus), at a smaller size
  by default: its cost grows with story size, and re-sampling 120 pages makes stories of hundreds of
  articles. The briefing files' SHA-256 is printed: both engines must give the same.

Times exclude starting the Dask cluster (printed apart). Peak memory is each process's maximum
resident set size (ru_maxrss); the driver of the Dask run also hosts the scheduler.
Usage: PYTHONPATH=. python bench/engines.py [--group-articles 100000] [--briefing-articles 5000] [--workers 2]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import SHARED, make_articles  # noqa: E402

SHARD = 1000
REPO = Path(__file__).resolve().parent.parent


def write_corpus(n: int, shared: Path, folder: Path) -> None:
    articles = make_articles(n, shared)
    for start in range(0, n, SHARD):
        with open(folder / f"shard{start // SHARD:05d}.jsonl", "w", encoding="utf-8") as f:
            for a in articles[start : start + SHARD]:
                record = {"title": a.title, "text": a.body, "url": a.url, "published": a.published, "source": a.host}
                f.write(json.dumps({k: v for k, v in record.items() if v}) + "\n")


def peak_mb() -> int:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def run_one(engine_name: str, stage: str, corpus: Path, workers: int) -> dict:
    from briefgen import BriefingConfig, build_briefing
    from briefgen.pipeline import group_articles
    from briefgen.render.briefing import render_briefing

    config = BriefingConfig()
    result: dict = {"engine": engine_name, "stage": stage}
    engine = None
    if engine_name == "dask":
        from briefgen.engines.dask import DaskEngine

        start = time.perf_counter()
        engine = DaskEngine(workers=workers).__enter__()
        result["cluster_start_s"] = round(time.perf_counter() - start, 1)
    start = time.perf_counter()
    if stage == "group":
        articles, stories, _ = (engine.group_articles([corpus], config) if engine else group_articles([corpus], config))
        result.update(articles=len(articles), copies=sum(a.duplicate_of is not None for a in articles), stories=len(stories))
        digest = hashlib.sha256(json.dumps(
            sorted((s.id, s.article_ids) for s in stories) + sorted((a.id, a.duplicate_of or "") for a in articles)
        ).encode()).hexdigest()
    else:
        briefing = build_briefing([corpus], config, on=date(2019, 11, 20), engine=engine)
        files = render_briefing(briefing, config)
        result.update(articles=len(briefing.articles), stories=len(briefing.stories))
        digest = hashlib.sha256("".join(f"{k}\0{files[k]}\0" for k in sorted(files)).encode()).hexdigest()
    result["seconds"] = round(time.perf_counter() - start, 1)
    result["sha256"] = digest[:16]
    result["driver_peak_mb"] = peak_mb()
    if engine is not None:
        result["worker_peak_mb"] = sorted(engine.client.run(peak_mb).values())
        engine.__exit__(None, None, None)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--group-articles", type=int, default=100_000)
    parser.add_argument("--briefing-articles", type=int, default=5_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--one", nargs=3, metavar=("ENGINE", "STAGE", "CORPUS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        engine_name, stage, corpus = args.one
        print(json.dumps(run_one(engine_name, stage, Path(corpus), args.workers)))
        return
    print(f"{'stage':>9} {'articles':>9} {'engine':>12} {'stories':>8} {'wall s':>7} {'driver MB':>10} {'workers MB':>12} {'cluster start s':>16}  output sha256")
    for stage, n in (("group", args.group_articles), ("briefing", args.briefing_articles)):
        if n <= 0:
            continue
        with tempfile.TemporaryDirectory(prefix="briefgen-engines-") as scratch:
            (Path(scratch) / "corpus").mkdir()
            write_corpus(n, args.shared, Path(scratch) / "corpus")
            # Run in the scratch folder on the relative path "corpus": the briefing records each
            # article's path, and a random folder name in it would change the hash from run to run.
            env = os.environ | {"PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
            for engine_name in ("local", "dask"):
                out = subprocess.run(
                    [sys.executable, str(Path(__file__).resolve()), "--one", engine_name, stage, "corpus", "--workers", str(args.workers)],
                    check=True, capture_output=True, text=True, cwd=scratch, env=env,
                ).stdout
                r = json.loads(out.strip().splitlines()[-1])
                label = "local" if engine_name == "local" else f"dask ×{args.workers}"
                workers_mb = "/".join(map(str, r.get("worker_peak_mb", []))) or "-"
                print(f"{stage:>9} {r['articles']:9d} {label:>12} {r['stories']:8d} {r['seconds']:7.1f} {r['driver_peak_mb']:10d} "
                      f"{workers_mb:>12} {r.get('cluster_start_s', '-'):>16}  {r['sha256']}", flush=True)


if __name__ == "__main__":
    main()
