"""`briefgen` command line: a thin shell over the Python API.

Exit codes: 0 a briefing was written (skipped files and pages are warnings on stderr), 1 no usable
article was found, 2 usage errors (and a store that cannot be used), 3 the run was stopped before a
briefing was written (a stage over `--stage-budget`, or the output folder could not be written); the
previous briefing is untouched.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

import tomllib

from . import __name__ as _package
from . import __version__
from .clean.site_boilerplate import drop_site_boilerplate
from .config.file import ConfigFileError, find_config, read_options
from .config.options import ALGORITHMS, TITLE_ENCODERS, BriefingConfig
from .dedupe.minhash import signature
from .engines import ENGINES, Engine, make_engine
from .clean.text import article_sentences
from .ingest import read_paths
from .ingest.fetch import FetchConfig, fetch_feeds
from .language import language_code
from .links import safe_url
from .model import Briefing, Skipped
from .pipeline import (
    brief_articles,
    build_briefing,
    group_articles,
    in_languages,
    read_articles,
    without_future_date,
)
from .provenance import OutletRegistry, RegistryError, one_outlet_per_site
from .render.briefing import briefing_to_dict, write_briefing
from .runtime.budget import StageOverBudget, StageTime, recorded_timings, timings_table
from .runtime.progress import Progress
from .store import EMPTY_HISTORY, Store, StoreError


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


def _seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = 0.0
    if not 0 < number < float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number of seconds above 0: {value!r}")
    return number


def _web_address(value: str) -> str:
    url = safe_url(value)
    if url is None:
        raise argparse.ArgumentTypeError(f"must be an http(s) address: {value!r}")
    return url


def _language(value: str) -> str:
    try:
        return language_code(value)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def shown(text: str) -> str:
    """A file name or reason fit for one line of a terminal: a newline or an escape sequence in a
    file's name must not forge a line of output or drive the terminal."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def warn(message: str) -> None:
    print(f"briefgen: {message}", file=sys.stderr)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog=_package, description="Turn news articles into a dated, cited briefing.")
    top.add_argument("--version", action="version", version=f"{_package} {__version__}")
    commands = top.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="build a briefing from article files and folders")
    build.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders (read recursively)")
    build.add_argument(
        "--config", type=Path, metavar="FILE",
        help="TOML file of build options under [build] (default: ./briefgen.toml when it exists); flags override it",
    )
    build.add_argument("--out", type=Path, default=Path("output"), help="output folder (default: output/)")
    build.add_argument("--date", type=_iso_date, help="briefing date, YYYY-MM-DD (default: today)")
    build.add_argument("--algorithm", choices=ALGORITHMS, default="lexrank", help="sumy ranking algorithm")
    build.add_argument("--min-sources", type=_positive, default=2, help="independent outlets a fact needs (default 2)")
    build.add_argument(
        "--show-single-source", action="store_true", help="list claims only one outlet makes, marked as such"
    )
    build.add_argument("--sentences", type=_positive, default=6, help="summary sentences per story (default 6)")
    build.add_argument(
        "--language", type=_language, metavar="CODE",
        help="read every article in this language (an ISO 639-1 code: de, fr, zh); default: each article's own, detected",
    )
    build.add_argument(
        "--max-article-bytes", type=_positive, default=10_000_000, help="skip larger input files unread (default 10 MB)"
    )
    build.add_argument(
        "--max-articles", type=_positive, help="keep the first N articles in path order; list the rest as skipped"
    )
    build.add_argument(
        "--stage-budget", type=_seconds, metavar="SECONDS",
        help="stop the run, writing nothing, when one stage takes longer than this",
    )
    build.add_argument(
        "--title-encoder", choices=TITLE_ENCODERS,
        help="group headline-only records by meaning too (needs: pip install 'briefgen[titles]')",
    )
    build.add_argument("--templates", type=Path, help="folder of templates that override the bundled ones")
    build.add_argument(
        "--outlets", type=Path,
        help="TOML file of extra outlets or corrections: names, aliases, domains, country, kind, owner, your own tags",
    )
    build.add_argument(
        "--coverage-by", default="kind", metavar="KEY",
        help="outlet attribute for the coverage bars and blind spots: kind (default), country, owner or a tag of --outlets",
    )
    daily = build.add_argument_group("daily runs")
    daily.add_argument("--feed", action="append", default=[], metavar="URL", help="RSS/Atom feed to fetch (repeatable)")
    daily.add_argument("--feeds", type=Path, metavar="FILE", help="file of feed URLs, one per line (# comments)")
    daily.add_argument("--store", type=Path, help="SQLite history of earlier runs (default: OUT/briefgen.sqlite)")
    daily.add_argument("--no-store", action="store_true", help="keep no history: every story is new")
    daily.add_argument("--timeout", type=float, default=15.0, help="seconds per HTTP request (default 15)")
    daily.add_argument("--retries", type=int, default=2, help="tries again after a timeout or 5xx (default 2)")
    daily.add_argument("--per-host", type=_positive, default=2, help="requests in flight to one host (default 2)")
    daily.add_argument("--base-url", help="address where OUT is published (absolute links in feed.xml)")
    daily.add_argument(
        "--web-url", type=_web_address, metavar="BASE",
        help="address where the dated folders are published: the email links to BASE/YYYY-MM-DD/briefing.html "
             "(default: --base-url when given)",
    )
    build.add_argument(
        "--timings", action="store_true", help="print the seconds each stage took on stderr when the run ends"
    )
    engines = build.add_argument_group("engine")
    engines.add_argument(
        "--engine", choices=ENGINES, default="local", help="where the stages run (same briefing either way; default local)"
    )
    engines.add_argument("--scheduler", metavar="ADDRESS", help="dask engine: address of a running Dask scheduler")
    engines.add_argument(
        "--workers", type=_positive, help="dask engine: start a local cluster of N worker processes (default: one per core)"
    )

    extract = commands.add_parser("extract", help="print what briefgen read from each file, one JSON line each")
    extract.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders (read recursively)")
    extract.add_argument("--outlets", type=Path, help="TOML file of extra outlet names, aliases and domains")
    extract.add_argument("--language", type=_language, metavar="CODE", help="read every article in this language")
    extract.add_argument("--sentences", action="store_true", help="also print each article's sentences as briefgen splits them")

    cluster = commands.add_parser("cluster", help="print how the articles group into stories, one JSON line each")
    cluster.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders (read recursively)")
    cluster.add_argument("--outlets", type=Path, help="TOML file of extra outlet names, aliases and domains")
    cluster.add_argument(
        "--title-encoder", choices=TITLE_ENCODERS,
        help="group headline-only records by meaning too (needs: pip install 'briefgen[titles]')",
    )
    return top


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = parser().parse_args(argv)
    if args.command == "build":
        args = _with_config_file(args, argv)
        args.feed += _feed_list(args.feeds)
    if not args.paths and not getattr(args, "feed", None):
        parser().error(f"{args.command} needs at least one PATH" + (" or --feed" if args.command == "build" else ""))
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        parser().error(f"no such file or folder: {', '.join(missing)}")
    if getattr(args, "outlets", None) is not None and args.outlets.is_file():
        registry = _registry(args.outlets)
        if args.command == "build" and args.coverage_by not in registry.keys():
            parser().error(f"--coverage-by {args.coverage_by}: no outlet has it; choose from {', '.join(registry.keys())}")
    elif args.command == "build" and args.coverage_by not in OutletRegistry.load().keys():
        parser().error(f"--coverage-by {args.coverage_by}: no outlet has it; choose from {', '.join(OutletRegistry.load().keys())} or a tag of --outlets")
    if args.command == "cluster":
        return _cluster(args)
    if args.command == "extract":
        return _extract(args)
    if args.templates is not None and not args.templates.is_dir():
        parser().error(f"--templates is not a folder: {args.templates}")
    if args.outlets is not None and not args.outlets.is_file():
        parser().error(f"--outlets is not a file: {args.outlets}")
    bad_feeds = [u for u in args.feed if not u.startswith(("http://", "https://"))]
    if bad_feeds:
        parser().error(f"a feed must be an http(s) URL: {', '.join(bad_feeds)}")

    config = BriefingConfig(
        algorithm=args.algorithm,
        min_sources=args.min_sources,
        show_single_source=args.show_single_source,
        sentences_per_story=args.sentences,
        templates_dir=args.templates,
        max_article_bytes=args.max_article_bytes,
        base_url=args.base_url,
        web_url=args.web_url or safe_url(args.base_url),  # an http(s) --base-url is where readers find it too
        max_articles=args.max_articles,
        stage_budget=args.stage_budget,
        title_encoder=args.title_encoder,
        coverage_by=args.coverage_by,
        language=args.language,
    )
    if not _title_encoder_ready(config):
        return 2
    engine = _engine(args)
    # The dask engine builds from files in one batch; history, feeds and limits are the local engine's.
    store_path = None if args.no_store or engine else (args.store or args.out / "briefgen.sqlite")
    try:
        # An existing store gives history; a new one is only created once there is a briefing to record.
        store = Store(store_path) if store_path and store_path.exists() else None
        started, cpu_started = time.monotonic(), _cpu_seconds()
        try:
            with recorded_timings() as timings:
                return _build(args, config, store, store_path, engine)
        finally:
            if store is not None:
                store.close()
            if args.timings:
                total = StageTime(time.monotonic() - started, _cpu_seconds() - cpu_started)
                print(timings_table(timings, total), file=sys.stderr)
    except StoreError as err:
        warn(str(err))
        return 2
    except StageOverBudget as err:
        warn(f"stopped: {err} (--stage-budget); no briefing written, the previous one is unchanged")
        return 3
    except OSError as err:
        warn(f"cannot write the briefing: {shown(str(err))}; the previous one is unchanged")
        return 3


def _with_config_file(args: argparse.Namespace, argv: list[str]) -> argparse.Namespace:
    """The build options with those of the config file filled in where no flag was given."""
    path = find_config(args.config)
    if path is None:
        return args
    try:
        options = read_options(path, _subcommand(parser(), "build"))
    except ConfigFileError as err:
        parser().error(shown(str(err)))
    given = _given_on_command_line(argv)
    return argparse.Namespace(**(vars(args) | {k: v for k, v in options.items() if k not in given}))


def _subcommand(top: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    (commands,) = [a for a in top._actions if isinstance(a, argparse._SubParsersAction)]
    return commands.choices[name]


def _given_on_command_line(argv: list[str]) -> set[str]:
    """The options the command line itself sets (not their defaults): parsed with every default
    suppressed, only what was typed is left."""
    top = parser()
    for action in _subcommand(top, "build")._actions:
        action.default = argparse.SUPPRESS
    return set(vars(top.parse_args(argv)))


def _registry(path: Path) -> OutletRegistry:
    """The registry with the user's outlets file, or a usage error saying what in the file is wrong."""
    try:
        return OutletRegistry.load(path)
    except (RegistryError, tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        parser().error(f"--outlets {path}: {err}")
    except (KeyError, TypeError) as err:
        parser().error(f"--outlets {path}: every [[outlet]] needs a name ({err})")


def _cpu_seconds() -> float:
    """CPU seconds of this process and of the worker processes it has finished waiting for."""
    try:
        import resource
    except ImportError:  # not POSIX: this process alone
        return time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _engine(args: argparse.Namespace) -> Engine | None:
    """The dask engine when asked for (None: the stages run here), after checking the flags fit."""
    if args.engine == "local":
        if args.scheduler or args.workers:
            parser().error("--scheduler and --workers need --engine dask")
        return None
    if args.scheduler and args.workers:
        parser().error("give --scheduler or --workers, not both")
    local_only = {"--feed": bool(args.feed), "--store": args.store is not None,
                  "--max-articles": args.max_articles is not None, "--stage-budget": args.stage_budget is not None}
    if any(local_only.values()):
        used = ", ".join(flag for flag, given in local_only.items() if given)
        parser().error(f"{used}: daily runs and limits use the local engine; --engine dask builds from files in one batch")
    try:
        return make_engine(args.engine, scheduler=args.scheduler, workers=args.workers)
    except ImportError as err:
        parser().error(str(err))


def _build(
    args: argparse.Namespace, config: BriefingConfig, store: Store | None, store_path: Path | None, engine: Engine | None
) -> int:
    on = args.date or date.today()
    if engine is not None:
        briefing = build_briefing(args.paths, config, on=on, outlets_file=args.outlets, engine=engine)
        return _publish(briefing, args, config)
    articles, skipped = read_articles(args.paths, config, on=on, outlets_file=args.outlets)
    validators: dict = {}
    unchanged: list[str] = []
    if args.feed:
        fetch_config = FetchConfig(
            timeout=args.timeout, retries=max(0, args.retries), per_host=args.per_host, max_bytes=config.max_article_bytes
        )
        with Progress("fetching") as bar:
            fetched = fetch_feeds(
                args.feed, OutletRegistry.load(args.outlets), fetch_config,
                validators=store.validators if store else lambda url: (None, None),
                known_urls=store.known_urls if store else lambda urls: set(),
                progress=bar.advance, on_total=bar.add_total,
            )
        unchanged = fetched.unchanged
        for url in unchanged:
            warn(f"{shown(url)}: not modified since the last run")
        fresh = [without_future_date(a, on) for a in fetched.articles]
        if config.max_articles is not None:  # fetched pages count against the limit after the files
            room = max(0, config.max_articles - len(articles))
            over = f"over the --max-articles limit of {config.max_articles}"
            skipped = skipped + [Skipped(a.path, over) for a in fresh[room:]]
            fresh = fresh[:room]
        articles, skipped, validators = articles + fresh, skipped + fetched.skipped, fetched.validators

    history = store.history(on, config.story_window_days, [a.id for a in articles]) if store else EMPTY_HISTORY
    with Progress("building") as bar:
        briefing = brief_articles(
            articles, skipped, config, on=on, history=history, progress=bar, outlets=OutletRegistry.load(args.outlets)
        )
    # (unchanged feeds: a "nothing new" briefing is the answer, not an error)
    status = _publish(briefing, args, config, nothing_new_is_news=bool(unchanged))
    if status == 0 and store_path is not None:  # only once the briefing is out: a failed run leaves no trace
        known = history.fingerprints
        fingerprints = {a.id: known.get(a.id) or signature(a) for a in briefing.articles}
        contract = json.dumps(briefing_to_dict(briefing), ensure_ascii=False, sort_keys=True)
        with Store(store_path) as saving:
            saving.save_run(on, list(briefing.articles), [s.story for s in briefing.stories], fingerprints, contract, validators)
    return status


def _publish(briefing: Briefing, args: argparse.Namespace, config: BriefingConfig, *, nothing_new_is_news: bool = False) -> int:
    _report_skipped(briefing.skipped)
    if not briefing.articles and not nothing_new_is_news:
        warn("no usable article found; no briefing written")
        return 1
    for path in write_briefing(briefing, args.out, config):
        print(path)
    return 0


def _feed_list(path: Path | None) -> list[str]:
    if path is None:
        return []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        parser().error(f"--feeds cannot be read: {path}: {err}")
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _report_skipped(skipped) -> None:
    for item in skipped:
        warn(f"skipped {shown(item.path)}: {shown(item.reason)}")


def _extract(args: argparse.Namespace) -> int:
    articles, skipped = read_paths(args.paths, OutletRegistry.load(args.outlets))
    articles = in_languages(articles, BriefingConfig(language=args.language))
    articles = one_outlet_per_site(drop_site_boilerplate(articles))  # what a briefing reads, dates as written
    _report_skipped(skipped)
    for a in sorted(articles, key=lambda a: (a.path, a.id)):
        record = {
            "path": a.path, "title": a.title, "outlet": a.outlet, "host": a.host,
            "published": a.published, "author": a.author, "url": a.url, "source_id": a.source_id,
            "language": a.language, "text": a.body,
        }
        if args.sentences:
            record["sentences"] = [s.text for s in article_sentences(a)]
        print(json.dumps(record, ensure_ascii=False))
    return 0 if articles else 1


def _title_encoder_ready(config: BriefingConfig) -> bool:
    """Loads the chosen title encoder before any article is read: a missing install is said at once."""
    if config.title_encoder is None:
        return True
    from .cluster.title_encoder import TitleEncoderError, load_encoder

    try:
        load_encoder(config.title_encoder)
    except TitleEncoderError as err:
        warn(str(err))
        return False
    return True


def _cluster(args: argparse.Namespace) -> int:
    config = BriefingConfig(title_encoder=args.title_encoder)
    if not _title_encoder_ready(config):
        return 2
    articles, stories, skipped = group_articles(args.paths, config, outlets_file=args.outlets)
    _report_skipped(skipped)
    story_of = {aid: s.id for s in stories for aid in s.article_ids}
    for a in sorted(articles, key=lambda a: (a.path, a.id)):
        record = {
            "id": a.id, "source_id": a.source_id, "path": a.path, "story": story_of[a.id], "duplicate_of": a.duplicate_of,
        }
        print(json.dumps(record, ensure_ascii=False))
    return 0 if articles else 1


if __name__ == "__main__":
    sys.exit(main())
