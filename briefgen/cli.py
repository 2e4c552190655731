"""`briefgen` command line: a thin shell over the Python API.

Exit codes: 0 a briefing was written (skipped files are warnings on stderr), 1 no usable article
was found, 2 usage errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from . import __name__ as _package
from .config import ALGORITHMS, BriefingConfig
from .engines import ENGINES, make_engine
from .ingest import read_paths
from .outlets import OutletRegistry
from .pipeline import build_briefing, group_articles
from .render import write_briefing


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1: {value!r}")
    return number


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog=_package, description="Turn news articles into a dated, cited briefing.")
    commands = top.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="build a briefing from article files and folders")
    build.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders (read recursively)")
    build.add_argument("--out", type=Path, default=Path("output"), help="output folder (default: output/)")
    build.add_argument("--date", type=_iso_date, help="briefing date, YYYY-MM-DD (default: today)")
    build.add_argument("--algorithm", choices=ALGORITHMS, default="lexrank", help="sumy ranking algorithm")
    build.add_argument("--min-sources", type=_positive, default=2, help="independent outlets a fact needs (default 2)")
    build.add_argument(
        "--show-single-source", action="store_true", help="list claims only one outlet makes, marked as such"
    )
    build.add_argument("--sentences", type=_positive, default=6, help="summary sentences per story (default 6)")
    build.add_argument(
        "--max-article-bytes", type=_positive, default=10_000_000, help="skip larger input files unread (default 10 MB)"
    )
    build.add_argument("--templates", type=Path, help="folder of templates that override the bundled ones")
    build.add_argument("--outlets", type=Path, help="TOML file of extra outlet names, aliases and domains")
    build.add_argument(
        "--engine", choices=ENGINES, default="local", help="where the stages run (same briefing either way; default local)"
    )
    build.add_argument("--scheduler", metavar="ADDRESS", help="dask engine: address of a running Dask scheduler")
    build.add_argument(
        "--workers", type=_positive, help="dask engine: start a local cluster of N worker processes (default: one per core)"
    )

    extract = commands.add_parser("extract", help="print what briefgen read from each file, one JSON line each")
    extract.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders (read recursively)")
    extract.add_argument("--outlets", type=Path, help="TOML file of extra outlet names, aliases and domains")

    cluster = commands.add_parser("cluster", help="print how the articles group into stories, one JSON line each")
    cluster.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders (read recursively)")
    cluster.add_argument("--outlets", type=Path, help="TOML file of extra outlet names, aliases and domains")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not args.paths:
        parser().error(f"{args.command} needs at least one PATH")
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        parser().error(f"no such file or folder: {', '.join(missing)}")
    if args.command == "cluster":
        return _cluster(args)
    if args.command == "extract":
        return _extract(args)
    if args.templates is not None and not args.templates.is_dir():
        parser().error(f"--templates is not a folder: {args.templates}")
    if args.outlets is not None and not args.outlets.is_file():
        parser().error(f"--outlets is not a file: {args.outlets}")

    config = BriefingConfig(
        algorithm=args.algorithm,
        min_sources=args.min_sources,
        show_single_source=args.show_single_source,
        sentences_per_story=args.sentences,
        templates_dir=args.templates,
        max_article_bytes=args.max_article_bytes,
    )
    if args.engine == "local" and (args.scheduler or args.workers):
        parser().error("--scheduler and --workers need --engine dask")
    if args.scheduler and args.workers:
        parser().error("give --scheduler or --workers, not both")
    try:
        engine = make_engine(args.engine, scheduler=args.scheduler, workers=args.workers)
    except ImportError as err:
        parser().error(str(err))
    briefing = build_briefing(args.paths, config, on=args.date, outlets_file=args.outlets, engine=engine)
    for item in briefing.skipped:
        print(f"briefgen: skipped {item.path}: {item.reason}", file=sys.stderr)
    if not briefing.articles:
        print("briefgen: no usable article found; no briefing written", file=sys.stderr)
        return 1
    for path in write_briefing(briefing, args.out, config):
        print(path)
    return 0


def _extract(args: argparse.Namespace) -> int:
    articles, skipped = read_paths(args.paths, OutletRegistry.load(args.outlets))
    for item in skipped:
        print(f"briefgen: skipped {item.path}: {item.reason}", file=sys.stderr)
    for a in sorted(articles, key=lambda a: (a.path, a.id)):
        record = {
            "path": a.path, "title": a.title, "outlet": a.outlet, "host": a.host,
            "published": a.published, "author": a.author, "url": a.url, "text": a.body,
        }
        print(json.dumps(record, ensure_ascii=False))
    return 0 if articles else 1


def _cluster(args: argparse.Namespace) -> int:
    articles, stories, skipped = group_articles(args.paths, BriefingConfig(), outlets_file=args.outlets)
    for item in skipped:
        print(f"briefgen: skipped {item.path}: {item.reason}", file=sys.stderr)
    story_of = {aid: s.id for s in stories for aid in s.article_ids}
    for a in sorted(articles, key=lambda a: (a.path, a.id)):
        record = {"id": a.id, "path": a.path, "story": story_of[a.id], "duplicate_of": a.duplicate_of}
        print(json.dumps(record, ensure_ascii=False))
    return 0 if articles else 1


if __name__ == "__main__":
    sys.exit(main())
