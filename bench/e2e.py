"""A whole day's briefing through the CLI, as a user runs it: wall time, peak memory, time per stage.

The corpus is generated from the gold text of the 120 real pages in ../shared/data/extraction/:
each story is one page re-posted by 8 outlets — the page itself, six re-samples (a random 70–95 %
of its paragraphs, lead kept, in order, 3 % of the words swapped for others of the same page: each
outlet edits the wire copy a little) and one verbatim re-post wrapped in another site's furniture
(a copy for dedupe). With 120 pages there are more stories than pages, so a page returns as a new
story every 4 days (a page's k-th story is dated 4k days before the briefing: further apart than
the clustering window, so editions stay separate stories, as the same wire story a month later
would). About 2 % of records are junk: an empty record, a line of malformed JSON, a navigation
menu. Records are shuffled and written 1,000 to a JSON Lines file.

Each size runs `python -m briefgen build CORPUS --no-store --timings` in a fresh process (the
briefgen of this checkout: PYTHONPATH names it, whatever copy is installed); peak
memory is the largest sum of proportional resident memory (PSS: a page shared by the parent and
its forked workers counted once) over that process and its children, sampled every 100 ms; CPU
seconds are the command's and its workers' user + system time (on a shared machine, wall time
grows with other people's load, CPU time much less). Next to it, the peer a user would assemble
without briefgen — pysbd sentences and sumy's LexRank over each story, the stories given for
free — on the first `--peer` articles.

With `--html`, the day is HTML pages instead (`bench/html_day.py`): the 120 real pages themselves,
re-posted on other hosts, one file each, run through the same command; what it adds is reading
the pages. The JSON Lines peer is not run then.

Usage: PYTHONPATH=. python bench/e2e.py --shared /work/shared [--sizes 10000 20000] [--peer 1000]
       [--repeat 1] [--scratch /tmp/briefgen-e2e] [--html]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import resource
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
DAY = date(2023, 8, 31)
PER_STORY = 8
PER_FILE = 1000
EDITION_DAYS = 4  # more than BriefingConfig.story_window_days: a page's editions never join
OUTLETS = [
    "Reuters", "Associated Press", "BBC News", "The Guardian", "CNN", "NPR", "Al Jazeera", "Bloomberg",
    "The New York Times", "The Washington Post", "Financial Times", "CBS News", "NBC News", "ABC News",
    "Sky News", "The Independent", "Deutsche Welle", "France 24", "The Hill", "Axios",
]
FURNITURE = ["Skip to content", "Home | News | Sport | Business", "Share this:", "Related posts", "Sign up for our newsletter"]


def load_pages(shared: Path) -> list[tuple[str, list[str], str]]:
    """(title, paragraphs, url) of each benchmark page, in id order."""
    gold = json.loads((shared / "data/extraction/ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id, page in sorted(gold.items()):
        html = gzip.decompress((shared / f"data/extraction/html/{page_id}.html.gz").read_bytes()).decode("utf-8", "replace")
        start = html.lower().find("<title")
        title = html[html.find(">", start) + 1 : html.lower().find("</title>")].strip()[:200] if start >= 0 else ""
        title = re.sub(r"\s+", " ", title) or page["articleBody"].split("\n")[0][:120]
        paragraphs = [p.strip() for p in page["articleBody"].split("\n") if p.strip()]
        if paragraphs:
            pages.append((title, paragraphs, page.get("url") or f"https://example.com/{page_id}"))
    return pages


def story_records(story: int, page: tuple[str, list[str], str], rng: random.Random) -> list[dict]:
    title, paragraphs, url = page
    edition = story // 120
    published = (DAY - timedelta(days=EDITION_DAYS * edition)).isoformat()
    vocabulary = " ".join(paragraphs).split()
    outlets = rng.sample(OUTLETS, PER_STORY)
    slug = url.rstrip("/").rsplit("/", 1)[-1] or "story"
    records = []
    for j, outlet in enumerate(outlets):
        body = paragraphs
        if j == PER_STORY - 1:  # a verbatim re-post under another site's furniture: dedupe's copy
            body = [*FURNITURE[:2], *paragraphs, *FURNITURE[2:]]
        elif j > 0:
            kept = [p for p in paragraphs[1:] if rng.random() < rng.uniform(0.7, 0.95)]
            words = "\n".join([paragraphs[0], *kept]).split(" ")
            for k in rng.sample(range(len(words)), len(words) * 3 // 100):
                words[k] = rng.choice(vocabulary)
            body = " ".join(words).split("\n")
        host = re.sub(r"[^a-z]", "", outlet.lower())
        records.append({
            "title": title, "text": "\n\n".join(body), "outlet": outlet, "published": published,
            "url": f"https://www.{host}.example/{published}/{slug}-{story}", "story": story,
        })
    return records


def junk_line(rng: random.Random) -> str:
    kind = rng.randrange(3)
    if kind == 0:
        return json.dumps({"title": "", "text": ""})
    if kind == 1:
        return '{"title": "Breaking", "text": "unterminated'
    return json.dumps({"title": "Menu", "text": "\n".join(FURNITURE)})


def make_corpus(n: int, shared: Path, folder: Path) -> Path:
    """`n` records (stories of 8 plus ~2 % junk) as JSON Lines files of 1,000 under `folder`; cached."""
    done = folder / "corpus.done"
    corpus = folder / "corpus"
    if done.exists():
        return corpus
    corpus.mkdir(parents=True, exist_ok=True)
    pages = load_pages(shared)
    rng = random.Random(n)
    lines: list[str] = []
    story = 0
    while len(lines) < n:
        for record in story_records(story, pages[story % len(pages)], rng):
            lines.append(json.dumps(record, ensure_ascii=False))
        if rng.random() < 0.16:  # one junk record per ~6 stories: ~2 % of records
            lines.append(junk_line(rng))
        story += 1
    lines = lines[:n]
    rng.shuffle(lines)
    for i in range(0, n, PER_FILE):
        (corpus / f"part-{i // PER_FILE:03d}.jsonl").write_text("\n".join(lines[i : i + PER_FILE]) + "\n", encoding="utf-8")
    done.touch()
    return corpus


def _proportional_memory(process: psutil.Process) -> int:
    """The process's proportional set size: its own pages, plus its share of pages it shares with
    others (forked workers share the parent's), so that a sum over processes counts each page once."""
    try:
        return process.memory_full_info().pss
    except (psutil.Error, AttributeError):
        return process.memory_info().rss


def run_measured(command: list[str], cwd: Path) -> dict:
    """Run `command`; its wall seconds, the peak of its process tree's summed RSS, and its stderr."""
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    # the briefgen of this checkout, not one installed elsewhere (the command runs in another folder)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    watching = True

    def watch() -> None:
        nonlocal peak
        root = psutil.Process(process.pid)
        while watching:
            try:
                tree = [root, *root.children(recursive=True)]
                peak = max(peak, sum(_proportional_memory(p) for p in tree))
            except psutil.Error:
                pass
            time.sleep(0.1)  # reading PSS costs CPU: sampling more often slows what it measures

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    stderr = process.communicate()[1]
    seconds = time.perf_counter() - started
    watching = False
    watcher.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{stderr}")
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command and the workers it waited for
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    return {"seconds": seconds, "cpu": cpu, "peak_mb": peak / 2**20, "stderr": stderr}


def stage_seconds(stderr: str) -> dict[str, tuple[float, float]]:
    """The `--timings` table the CLI prints last on stderr, as {stage: (wall s, CPU s)}."""
    found = re.findall(r"^(\S.*?)\s+([\d.]+)\s+([\d.]+)\s+[\d.]+$", stderr, flags=re.M)
    return {name: (float(wall), float(cpu)) for name, wall, cpu in found}


def briefgen_run(corpus: Path, folder: Path, repeat: int) -> dict:
    out = folder / "out"
    command = [sys.executable, "-m", "briefgen", "build", "corpus", "--date", DAY.isoformat(), "--no-store",
               "--out", str(out), "--timings"]
    runs = [run_measured(command, folder) for _ in range(repeat)]
    best = min(runs, key=lambda r: r["seconds"])
    briefing = json.loads((out / DAY.isoformat() / "briefing.json").read_text(encoding="utf-8"))
    return {**best, "stages": stage_seconds(best["stderr"]), "stories": len(briefing["stories"]),
            "articles": len(briefing["articles"]), "all_seconds": [r["seconds"] for r in runs]}


def peer(corpus: Path, n: int) -> None:
    """What a user would assemble: pysbd + sumy LexRank over each story (stories given), 6 sentences."""
    import pysbd
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    class Words:  # sumy's tokenizer interface; NLTK's punkt data is not installed
        def to_words(self, sentence: str) -> list[str]:
            return re.findall(r"\w+", sentence)

    segmenter = pysbd.Segmenter(language="en", clean=False)
    tokenizer = Words()
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    stories: dict[int, list[str]] = {}
    seen = 0
    for path in sorted(corpus.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            seen += 1
            if seen > n:
                break
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if record.get("text") and "story" in record:
                stories.setdefault(record["story"], []).append(record["text"])
    for story in sorted(stories):
        sentences = [Sentence(s.strip(), tokenizer) for body in stories[story] for p in body.split("\n\n") for s in segmenter.segment(p) if s.strip()]
        summary = summarizer(ObjectDocumentModel([Paragraph(sentences)]), 6)
        print(story, len(summary))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 20000])
    parser.add_argument("--peer", type=int, default=1000, help="articles for the naive peer (0: skip it)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per size; the fastest is reported")
    parser.add_argument("--scratch", type=Path, default=Path("/tmp/briefgen-e2e"))
    parser.add_argument("--peer-run", type=Path, help=argparse.SUPPRESS)  # internal: the peer in this process
    parser.add_argument("--html", action="store_true", help="a day of HTML pages (bench/html_day.py) instead of JSON Lines")
    args = parser.parse_args()
    if args.html:
        html_main(args)
        return
    if args.peer_run:
        peer(args.peer_run, args.peer)
        return

    rows = []
    for n in args.sizes:
        folder = args.scratch / str(n)
        corpus = make_corpus(n, args.shared, folder)
        result = briefgen_run(corpus, folder, args.repeat)
        rows.append((n, result))
        print(f"briefgen, {n:,} records: {result['seconds']:.1f} s wall, {result['cpu']:.1f} s CPU "
              f"(runs: {', '.join(f'{s:.1f}' for s in result['all_seconds'])}), "
              f"peak {result['peak_mb']:,.0f} MB, {result['articles']:,} articles, {result['stories']:,} stories", flush=True)
    if args.peer:
        folder = args.scratch / str(args.peer)
        corpus = make_corpus(args.peer, args.shared, folder)
        small = briefgen_run(corpus, folder, args.repeat)
        naive = run_measured([sys.executable, __file__, "--peer-run", str(corpus), "--peer", str(args.peer)], folder)
        print(f"at {args.peer:,}: briefgen {small['seconds']:.1f} s wall, {small['cpu']:.1f} s CPU, peak {small['peak_mb']:,.0f} MB; "
              f"pysbd + sumy LexRank per given story {naive['seconds']:.1f} s wall, {naive['cpu']:.1f} s CPU, "
              f"peak {naive['peak_mb']:,.0f} MB", flush=True)
        rows.append((args.peer, small))

    print_stage_tables(rows, "records")


def print_stage_tables(rows: list[tuple[int, dict]], unit: str) -> None:
    """The runs' `--timings` stages as two Markdown tables (wall-clock and CPU), then the 20k / 10k ratio."""
    stages = list(dict.fromkeys(name for _, r in rows for name in r["stages"]))
    for what, column in (("wall-clock", 0), ("CPU", 1)):
        print(f"\n{what} seconds per stage (`--timings`)\n")
        print(f"| {unit} | " + " | ".join(stages) + " | wall s | CPU s | peak MB |")
        print("| ---: | " + " | ".join("---:" for _ in stages) + " | ---: | ---: | ---: |")
        for n, r in rows:
            cells = " | ".join(f"{r['stages'][s][column]:.2f}" if s in r["stages"] else "–" for s in stages)
            print(f"| {n:,} | {cells} | {r['seconds']:.1f} | {r['cpu']:.1f} | {r['peak_mb']:,.0f} |")
    sizes = dict(rows)
    if 10000 in sizes and 20000 in sizes:
        print(f"\n20k / 10k wall time: {sizes[20000]['seconds'] / sizes[10000]['seconds']:.2f}x")


def html_main(args: argparse.Namespace) -> None:
    """The whole briefing over a day of HTML pages, at each size."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from html_day import make_html_day

    # the CLI runs in the scratch folder: it must import this checkout's briefgen, not an installed one
    root = str(Path(__file__).resolve().parent.parent)
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p)

    rows = []
    for n in args.sizes:
        folder = args.scratch / f"html-{n}"
        corpus = make_html_day(n, args.shared, folder, DAY)
        result = briefgen_run(corpus, folder, args.repeat)
        rows.append((n, result))
        print(f"briefgen, {n:,} HTML pages: {result['seconds']:.1f} s wall, {result['cpu']:.1f} s CPU "
              f"(runs: {', '.join(f'{s:.1f}' for s in result['all_seconds'])}), "
              f"peak {result['peak_mb']:,.0f} MB, {result['articles']:,} articles, {result['stories']:,} stories", flush=True)
    print_stage_tables(rows, "HTML pages")


if __name__ == "__main__":
    main()
