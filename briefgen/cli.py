"""`briefgen` command line: a thin shell over the Python API.

Exit codes: 0 a briefing was written (skipped files and pages are warnings on stderr), 1 no usable
article was found, 2 usage errors (and a store that cannot be used: damaged, foreign, newer), 3 the run
was stopped before a briefing was written (a stage over `--stage-budget`, SIGTERM, or the output folder
could not be written); the previous briefing is untouched. 4 the briefing was published, but what
follows publishing was not all done (the store's history, the archive index or the feed: stderr says
which; the next run catches up). 5 another run held the output folder or the store for longer than
`--lock-wait`; nothing was done.

Only what parsing the command line needs is imported at the top: `--help` and `--version` answer
without loading the pipeline's libraries (scikit-learn, trafilatura, …), which each command imports
when it runs.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import shutil
import signal
import sys
import threading
import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .runtime.budget import StageOverBudget, StageTime, recorded_timings, timings_table
from .config.options import ALGORITHMS, DEFAULT_MAX_AGE_DAYS, TITLE_ENCODERS, BriefingConfig
from .config.file import ConfigFileError, find_config, read_options
from .engines import ENGINES, Engine, make_engine
from .links import safe_url
from .version import __version__

if TYPE_CHECKING:
    from .model import Briefing
    from .provenance import OutletRegistry
    from .store import Store

_package = "briefgen"
log = logging.getLogger("briefgen")

# --format NAME: the files of each output format (json brings its schema along)
FORMATS: dict[str, tuple[str, ...]] = {
    "json": ("briefing.json", "briefing.schema.json"),
    "md": ("briefing.md",),
    "html": ("briefing.html",),
    "email": ("briefing.email.html",),
    "txt": ("briefing.txt",),
}
# Exit codes (see the module's docstring and docs/usage.md, "What happens when…").
NO_ARTICLE, REFUSED, STOPPED, PUBLISHED_INCOMPLETE, BUSY = 1, 2, 3, 4, 5

STDOUT = Path("-")  # -o -: the one format asked for goes to standard output


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


def _days(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"must be a whole number of days, 0 or more: {value!r}")
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
    from .language import language_code  # light: no model is loaded to read a code

    try:
        return language_code(value)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def shown(text: str) -> str:
    """A file name or reason fit for one line of a terminal: a newline or an escape sequence in a
    file's name must not forge a line of output or drive the terminal."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def warn(message: str) -> None:
    log.warning(message)


class _StderrHandler(logging.Handler):
    """Log records as `briefgen: message` lines on whatever `sys.stderr` is when they are written."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            print(f"briefgen: {self.format(record)}", file=sys.stderr)
        except Exception:  # a closed stderr must not turn a warning into a crash
            self.handleError(record)


def set_up_logging(verbosity: int) -> None:
    """-q: errors only; default: warnings (skipped inputs, …); -v: what the run does; -vv: debug."""
    level = {-1: logging.ERROR, 0: logging.WARNING, 1: logging.INFO}.get(max(-1, min(verbosity, 2)), logging.DEBUG)
    for handler in [h for h in log.handlers if isinstance(h, _StderrHandler)]:
        log.removeHandler(handler)
    log.addHandler(_StderrHandler())
    log.setLevel(level)
    log.propagate = False


def _talk_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    common.add_argument(
        "-v", "--verbose", action="count", default=0, help="say what the run does on stderr (-vv: more)"
    )
    return common


def _input_options() -> argparse.ArgumentParser:
    inputs = argparse.ArgumentParser(add_help=False)
    inputs.add_argument(
        "paths", nargs="*", metavar="PATH",
        help="article files or folders (read recursively); - reads one file of articles from standard input",
    )
    inputs.add_argument(
        "--input-file", metavar="FILE",
        help="file of inputs, one a line: a path, or an http(s) feed URL (build); - reads the list from standard input",
    )
    return inputs


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog=_package, description="Turn news articles into a dated, cited briefing.")
    top.add_argument("--version", action="version", version=f"{_package} {__version__}")
    commands = top.add_subparsers(dest="command", required=True)
    talk, inputs = _talk_options(), _input_options()

    build = commands.add_parser("build", help="build a briefing from article files and folders", parents=[inputs, talk])
    build.add_argument(
        "--config", type=Path, metavar="FILE",
        help="TOML file of build options under [build] (default: ./briefgen.toml when it exists); flags override it",
    )
    build.add_argument(
        "-o", "--out", type=Path, default=Path("output"),
        help="output folder (default: output/); - writes the one --format asked for to standard output",
    )
    build.add_argument(
        "--format", action="append", choices=sorted(FORMATS), metavar="FORMAT",
        help="write only this format (repeatable): json, md, html, email, txt (default: all of them)",
    )
    build.add_argument("--date", type=_iso_date, help="briefing date, YYYY-MM-DD (default: today)")
    build.add_argument("--algorithm", choices=ALGORITHMS, default="lexrank", help="sumy ranking algorithm")
    build.add_argument("--min-sources", type=_positive, default=2, help="independent outlets a fact needs (default 2)")
    build.add_argument(
        "--show-single-source", action="store_true", help="list claims only one outlet makes, marked as such"
    )
    build.add_argument("--sentences", type=_positive, default=5, help="summary sentences per story (default 5)")
    build.add_argument(
        "--max-age-days", type=_days, default=DEFAULT_MAX_AGE_DAYS, metavar="N",
        help=f"stories whose newest article is more than N days older than the briefing go to its short "
             f"'Earlier' list (default {DEFAULT_MAX_AGE_DAYS}; undated articles never age a story)",
    )
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
    daily.add_argument(
        "--store", type=Path,
        help="SQLite history of earlier runs (default: one file per OUT in the user's data folder, never inside OUT)",
    )
    daily.add_argument(
        "--store-bodies", action="store_true",
        help="keep the articles' text in the store too (default: ids, fingerprints, titles, outlets, urls, dates)",
    )
    daily.add_argument("--no-store", action="store_true", help="keep no history: every story is new")
    daily.add_argument(
        "--timeout", type=_seconds, default=15.0, help="seconds for one whole HTTP response, however slowly it comes (default 15)"
    )
    daily.add_argument(
        "--fetch-budget", type=_seconds, default=900.0, metavar="SECONDS",
        help="seconds for fetching all feeds and pages; what is not fetched by then is skipped (default 900)",
    )
    daily.add_argument(
        "--lock-wait", type=_seconds, default=600.0, metavar="SECONDS",
        help="how long to wait for another run using the same --out or store before giving up with exit 5 (default 600)",
    )
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
        "--workers", type=_positive,
        help="processes to use: local engine, at most N (default: every core this process may use); "
             "dask engine, a local cluster of N worker processes",
    )

    extract = commands.add_parser(
        "extract", help="print what briefgen read from each file, one JSON line each", parents=[inputs, talk]
    )
    extract.add_argument("--outlets", type=Path, help="TOML file of extra outlet names, aliases and domains")
    extract.add_argument("--language", type=_language, metavar="CODE", help="read every article in this language")
    extract.add_argument("--sentences", action="store_true", help="also print each article's sentences as briefgen splits them")

    cluster = commands.add_parser(
        "cluster", help="print how the articles group into stories, one JSON line each", parents=[inputs, talk]
    )
    cluster.add_argument("--outlets", type=Path, help="TOML file of extra outlet names, aliases and domains")

    publish = commands.add_parser(
        "publish", parents=[talk],
        help="render an edited briefing.md into the page and newsletter templates (NAME.html, NAME.email.html)",
    )
    publish.add_argument("markdown", type=Path, metavar="EDITED.md", help="the briefing.md, as edited")
    publish.add_argument("-o", "--out", type=Path, help="folder to write into (default: beside EDITED.md)")
    publish.add_argument("--templates", type=Path, help="folder of templates that override the bundled ones")
    cluster.add_argument(
        "--title-encoder", choices=TITLE_ENCODERS,
        help="group headline-only records by meaning too (needs: pip install 'briefgen[titles]')",
    )
    return top


def main(argv: list[str] | None = None) -> int:
    try:
        status = _main(sys.argv[1:] if argv is None else list(argv))
        sys.stdout.flush()  # inside the try: a reader that has gone is met here, not at exit
        return status
    except BrokenPipeError:  # `briefgen extract … | head -1`: the reader has what it wanted
        _stdout_to_devnull()
        return 0


def _stdout_to_devnull() -> None:
    """After a closed pipe, what is left in stdout's buffer goes nowhere (not into a traceback at exit)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (a test's capture): nothing will be flushed to a pipe at exit


def _main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    set_up_logging(int(args.verbose or 0) - bool(args.quiet))
    if args.command == "publish":
        return _publish_markdown(args)
    if args.command == "build":
        args = _with_config_file(args, argv)
        set_up_logging(int(args.verbose or 0) - bool(args.quiet))
        args.feed += _feed_list(args.feeds)
    listed, listed_feeds = _input_list(args.input_file)
    if listed_feeds and args.command != "build":
        parser().error(f"{args.command} reads files; a feed URL in --input-file is for build: {listed_feeds[0]}")
    args.paths = [str(p) for p in args.paths] + listed
    if args.command == "build":
        args.feed += listed_feeds
    if not args.paths and not getattr(args, "feed", None):
        parser().error(f"{args.command} needs at least one PATH" + (" or --feed" if args.command == "build" else ""))
    if args.paths.count("-") > 1 or ("-" in args.paths and args.input_file == "-"):
        parser().error("standard input can be read once: give - as a PATH or as --input-file, once")
    missing = [p for p in args.paths if p != "-" and not Path(p).exists()]
    if missing:
        parser().error(f"no such file or folder: {', '.join(missing)}")
    from .provenance import OutletRegistry

    if getattr(args, "outlets", None) is not None and args.outlets.is_file():
        registry = _registry(args.outlets)
        if args.command == "build" and args.coverage_by not in registry.keys():
            parser().error(f"--coverage-by {args.coverage_by}: no outlet has it; choose from {', '.join(registry.keys())}")
    elif args.command == "build" and args.coverage_by not in OutletRegistry.load().keys():
        parser().error(f"--coverage-by {args.coverage_by}: no outlet has it; choose from {', '.join(OutletRegistry.load().keys())} or a tag of --outlets")
    if args.command == "build":
        _check_build_flags(args)
    with _StandardInput(args.paths) as stdin:
        args.paths = stdin.paths
        if args.command == "cluster":
            return _cluster(args, stdin)
        if args.command == "extract":
            return _extract(args, stdin)
        return _build_command(args, stdin)


def _publish_markdown(args: argparse.Namespace) -> int:
    if not args.markdown.is_file():
        parser().error(f"no such file: {args.markdown}")
    if args.templates is not None and not args.templates.is_dir():
        parser().error(f"--templates is not a folder: {args.templates}")
    from .render.publish import publish_markdown

    try:
        written = publish_markdown(args.markdown, args.out, BriefingConfig(templates_dir=args.templates))
    except UnicodeDecodeError:
        log.error(f"{shown(str(args.markdown))}: not UTF-8 text")
        return 1
    except OSError as err:
        log.error(f"cannot publish: {shown(str(err))}")
        return 3
    for path in written:
        if not args.quiet:
            print(path)
    return 0


def _check_build_flags(args: argparse.Namespace) -> None:
    if args.templates is not None and not args.templates.is_dir():
        parser().error(f"--templates is not a folder: {args.templates}")
    if args.outlets is not None and not args.outlets.is_file():
        parser().error(f"--outlets is not a file: {args.outlets}")
    bad_feeds = [u for u in args.feed if not u.startswith(("http://", "https://"))]
    if bad_feeds:
        parser().error(f"a feed must be an http(s) URL: {', '.join(bad_feeds)}")
    if args.out == STDOUT and len(set(args.format or FORMATS)) != 1:
        parser().error("-o - writes one format to standard output: name it with --format (json, md, html, email or txt)")


def _build_command(args: argparse.Namespace, stdin: _StandardInput) -> int:

    config = BriefingConfig(
        algorithm=args.algorithm,
        min_sources=args.min_sources,
        show_single_source=args.show_single_source,
        sentences_per_story=args.sentences,
        max_age_days=args.max_age_days,
        templates_dir=args.templates,
        max_article_bytes=args.max_article_bytes,
        base_url=args.base_url,
        web_url=args.web_url or safe_url(args.base_url),  # an http(s) --base-url is where readers find it too
        max_articles=args.max_articles,
        stage_budget=args.stage_budget,
        title_encoder=args.title_encoder,
        coverage_by=args.coverage_by,
        language=args.language,
        workers=args.workers if args.engine == "local" else None,
    )
    if not _title_encoder_ready(config):
        return 2
    engine = _engine(args)
    # The dask engine builds from files in one batch; history, feeds and limits are the local engine's.
    # Standard output is no published folder to keep a history for: only a --store given is used.
    keeps_history = not (args.no_store or engine or (args.out == STDOUT and args.store is None))
    store_path = _store_path(args) if keeps_history else None
    from .runtime.run_lock import Busy, holding, lock_file_of_folder, lock_file_of_store

    previous_handler = stop_on_sigterm(args.out)
    try:
        # One run at a time per output folder and store: a second waits, then gives up clearly.
        locks = ([lock_file_of_folder(args.out)] if args.out != STDOUT else []) + (
            [lock_file_of_store(store_path)] if store_path else [])
        out_existed = args.out == STDOUT or args.out.exists()
        with holding(locks, args.lock_wait):
            status = _build_alone(args, config, store_path, engine, stdin)
            if not out_existed:
                _remove_if_only(args.out, {p.name for p in locks if p.parent == args.out})
            return status
    except Busy as err:
        log.error(f"{shown(str(err))} after {args.lock_wait:g} s (--lock-wait); nothing done")
        return BUSY
    except BrokenPipeError:
        raise
    except OSError as err:  # the lock file itself cannot be made: the output folder is not writable
        log.error(f"cannot write the briefing: {shown(str(err))}; the previous one is unchanged")
        return STOPPED
    finally:
        if previous_handler is not None:  # main() called from a script: its own handling comes back
            signal.signal(signal.SIGTERM, previous_handler)


def _build_alone(
    args: argparse.Namespace, config: BriefingConfig, store_path: Path | None, engine: Engine | None, stdin: _StandardInput
) -> int:
    """The build, once this run holds the output folder (and the store) alone."""
    from .store import Store, StoreBusy, StoreError

    store = None
    try:
        # An existing store gives history; a new one is only created once there is a briefing to record.
        if store_path and (store_path.exists() or store_path.is_symlink()):
            store = Store(store_path, keep_bodies=args.store_bodies, busy_seconds=_store_wait(args))
            _catch_up(store)
        if store_path:
            log.info("history store: %s%s", store_path, "" if store else " (new)")
        started, cpu_started = time.monotonic(), _cpu_seconds()
        try:
            with recorded_timings() as timings:
                return _build(args, config, store, store_path, engine, stdin)
        finally:
            if args.timings:
                total = StageTime(time.monotonic() - started, _cpu_seconds() - cpu_started)
                print(timings_table(timings, total), file=sys.stderr)
    except StoreError as err:
        log.error(f"{shown(str(err))}; no briefing written")
        return REFUSED
    except StoreBusy as err:
        log.error(f"{shown(str(err))}; nothing done, the previous briefing is unchanged")
        return BUSY
    except StageOverBudget as err:
        log.error(f"stopped: {err} (--stage-budget); no briefing written, the previous one is unchanged")
        return STOPPED
    except BrokenPipeError:
        raise
    except OSError as err:
        log.error(f"cannot write the briefing: {shown(str(err))}; the previous one is unchanged")
        return STOPPED
    finally:
        if store is not None:
            store.close()


def _remove_if_only(folder: Path, names: set[str]) -> None:
    """Remove a folder this run made (for its lock) when the run wrote nothing else into it: a run
    that writes no briefing leaves no trace."""
    try:
        if {p.name for p in folder.iterdir()} <= names:
            for name in names:
                (folder / name).unlink(missing_ok=True)
            folder.rmdir()
    except OSError:
        pass


def _store_wait(args: argparse.Namespace) -> float:
    """Seconds one store statement waits for another program's lock (each of a few tries)."""
    return min(args.lock_wait, 30.0)


def _catch_up(store: Store) -> None:
    """Record the briefings that were published while the store could not be written."""
    from . import unrecorded
    from .store import StoreUnavailable

    for path, record in unrecorded.waiting(store.path):
        try:
            record.save_into(store)
            store.commit()
        except StoreUnavailable as err:
            warn(f"the history of {record.on} is still not recorded: {shown(str(err))}")
            return
        path.unlink(missing_ok=True)
        unrecorded.forget(store.path, record.on)
        warn(f"recorded in the store the briefing of {record.on}, published while the store could not be written")


_publishing = False  # while the new briefing goes in and is recorded, SIGTERM waits for the end


def stop_on_sigterm(out: Path) -> Any:
    """SIGTERM stops the run at once and cleanly: its workers are stopped, its staging folder in
    `out` removed, the previous briefing untouched, exit 3 (the store's unfinished transaction is
    rolled back by SQLite). Between publishing and recording it, the run finishes first."""
    if threading.current_thread() is not threading.main_thread():  # (a script may call main() from a thread)
        return None

    def on_sigterm(signum, frame) -> None:
        if _publishing:
            return  # a second or two from done: the briefing and its record go in together
        for worker in multiprocessing.active_children():
            worker.terminate()
        for staging in out.glob(f".*.{os.getpid()}.*.tmp"):
            shutil.rmtree(staging, ignore_errors=True)
        warn("stopped by SIGTERM; no briefing written, the previous one is unchanged")
        sys.stderr.flush()
        os._exit(STOPPED)  # what is on disk is safe at any moment: no unwinding needed

    return signal.signal(signal.SIGTERM, on_sigterm)  # the handler it replaces


def _input_list(name: str | None) -> tuple[list[str], list[str]]:
    """--input-file: the paths and the feed URLs it lists, one a line (blank lines and # comments
    passed over); - reads the list from standard input."""
    if name is None:
        return [], []
    try:
        text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        parser().error(f"--input-file cannot be read: {name}: {err}")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    feeds = [line for line in lines if line.startswith(("http://", "https://"))]
    return [line for line in lines if line not in feeds], feeds


class _StandardInput:
    """`-` among the paths: standard input read once into a file of a temporary folder (its kind
    told by its first bytes: JSON, JSON Lines, a feed, HTML or text), and the articles read from it
    named `-` again (`-#3` for its third record), so the briefing says where they came from and
    stays the same from run to run."""

    def __init__(self, paths: list[str]):
        self.given = "-" in paths
        self.paths = paths
        self.file: Path | None = None

    def __enter__(self) -> _StandardInput:
        if not self.given:
            return self
        import tempfile

        self._folder = tempfile.TemporaryDirectory(prefix="briefgen-stdin-")
        data = sys.stdin.buffer.read()
        self.file = Path(self._folder.name) / f"stdin{_kind_of(data)}"
        self.file.write_bytes(data)
        self.paths = [str(self.file) if p == "-" else p for p in self.paths]
        return self

    def __exit__(self, *exc: object) -> None:
        if self.given:
            self._folder.cleanup()

    def name(self, path: str) -> str:
        """The path as the user gave it: `-` for what came from standard input."""
        return "-" + path[len(str(self.file)):] if self.file is not None and path.startswith(str(self.file)) else path

    def renamed(self, items: list[Any]) -> list[Any]:
        """Articles or skipped inputs with standard input's file named `-`."""
        if self.file is None:
            return items
        from dataclasses import replace

        return [replace(item, path=self.name(item.path)) for item in items]


def _kind_of(data: bytes) -> str:
    """The file name suffix that reads `data` as what it is."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"["):
        return ".json"
    if head.startswith(b"{"):
        import json

        try:
            json.loads(data)
            return ".json"
        except ValueError:
            return ".jsonl"
    if head.startswith(b"<"):
        feed = (b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head) and b"<html" not in head
        return ".xml" if feed else ".html"
    return ".txt"


LEGACY_STORE_NAME = "briefgen.sqlite"  # where the store used to live by default: inside OUT


def _store_path(args: argparse.Namespace) -> Path:
    """The store this build uses: `--store`, else the default one in the user's data folder. A
    store left inside OUT by an older briefgen is moved to the default place first (it would be
    published with the briefings); any store inside OUT is warned about."""
    import shutil

    from .store import default_store_path, inside

    if args.store is not None:
        path = args.store
    else:
        path = default_store_path(args.out)
        legacy = args.out / LEGACY_STORE_NAME
        if legacy.is_file() and not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(legacy, path)  # a rename on one disk, a copy and delete across two
            warn(f"moved the history store out of the published folder: {shown(str(legacy))} -> {shown(str(path))}")
        elif legacy.is_file():
            warn(f"{shown(str(legacy))} is an old history store inside --out; it is not used (the store is "
                 f"{shown(str(path))}): delete it, it would be published with the briefings")
    if inside(path, args.out):
        warn(f"the history store {shown(str(path))} is inside --out {shown(str(args.out))}: it would be published "
             "with the briefings; give --store a path outside it")
    return path


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
    import tomllib

    from .provenance import OutletRegistry, RegistryError

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
        if args.scheduler:
            parser().error("--scheduler needs --engine dask")
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
    args: argparse.Namespace,
    config: BriefingConfig,
    store: Store | None,
    store_path: Path | None,
    engine: Engine | None,
    stdin: _StandardInput,
) -> int:
    from dataclasses import replace

    from .ingest.fetch import FetchConfig, fetch_feeds
    from .model import Skipped
    from .pipeline import brief_articles, build_briefing, read_articles, without_future_date
    from .runtime.progress import Progress
    from .provenance import OutletRegistry
    from .store import EMPTY_HISTORY

    on = args.date or date.today()
    if engine is not None:
        briefing = build_briefing(args.paths, config, on=on, outlets_file=args.outlets, engine=engine)
        named = stdin.renamed(list(briefing.articles)), stdin.renamed(list(briefing.skipped))
        return _publish(replace(briefing, articles=tuple(named[0]), skipped=tuple(named[1])), args, config)
    articles, skipped = read_articles(args.paths, config, on=on, outlets_file=args.outlets)
    articles, skipped = stdin.renamed(articles), stdin.renamed(skipped)
    log.info("read %d article(s); %d input(s) skipped", len(articles), len(skipped))
    validators: dict = {}
    unchanged: list[str] = []
    if args.feed:
        fetch_config = FetchConfig(
            timeout=args.timeout, retries=max(0, args.retries), per_host=args.per_host, max_bytes=config.max_article_bytes,
            budget=args.fetch_budget,
        )
        with Progress("fetching") as bar:
            fetched = fetch_feeds(
                args.feed, OutletRegistry.load(args.outlets), fetch_config,
                validators=store.validators if store else lambda url: (None, None),
                known_urls=(lambda urls: store.known_urls(urls, on)) if store else lambda urls: set(),
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
        log.info("fetched %d article(s) from %d feed(s)", len(fresh), len(args.feed))
        articles, skipped, validators = articles + fresh, skipped + fetched.skipped, fetched.validators

    history = store.history(on, config.story_window_days, [a.id for a in articles]) if store else EMPTY_HISTORY
    with Progress("building") as bar:
        briefing = brief_articles(
            articles, skipped, config, on=on, history=history, progress=bar, outlets=OutletRegistry.load(args.outlets)
        )
    log.info("%d story(ies) briefed", len(briefing.stories))
    record = None
    if store_path is not None:
        import json

        from .dedupe.minhash import signature
        from .render import briefing_to_dict
        from .unrecorded import RunRecord

        known = history.fingerprints
        record = RunRecord(
            on, briefing.articles, tuple(s.story for s in briefing.stories + briefing.earlier),
            {a.id: f for a in briefing.articles if (f := known.get(a.id) or signature(a)) is not None},
            json.dumps(briefing_to_dict(briefing), ensure_ascii=False, sort_keys=True), validators,
        )
    # (unchanged feeds: a "nothing new" briefing is the answer, not an error)
    return _publish(briefing, args, config, nothing_new_is_news=bool(unchanged), store=store, store_path=store_path,
                    record=record)


def _publish(
    briefing: Briefing,
    args: argparse.Namespace,
    config: BriefingConfig,
    *,
    nothing_new_is_news: bool = False,
    store: Store | None = None,
    store_path: Path | None = None,
    record: Any = None,
) -> int:
    """Publish the briefing and record it in the store as one outcome.

    The files are staged first; the store's record is written in a transaction before the swap and
    committed right after it. A damaged store stops the run before anything is published (exit 2);
    a failed publish rolls the record back (exit 3). A store that cannot take the record just now
    (a lock, a full disk) does not hold the briefing back: it is published, the record is kept in
    the output folder for the next run (`briefgen.unrecorded`), and the exit code is 4."""
    global _publishing
    from . import unrecorded
    from .render import ListingsNotUpdated, render_briefing, stage_briefing, update_listings
    from .store import Store, StoreError, StoreUnavailable

    _report_skipped(briefing.skipped)
    if not briefing.articles and not nothing_new_is_news:
        log.error("no usable article found; no briefing written")
        return NO_ARTICLE
    formats = args.format or sorted(FORMATS)
    if args.out == STDOUT:  # one format (checked with the flags), the file's text as it would be written
        (name, *_) = FORMATS[formats[0]]
        sys.stdout.write(render_briefing(briefing, config, only=(name,))[name])
        if record is None or store_path is None:
            return 0
        try:
            with Store(store_path, keep_bodies=args.store_bodies, busy_seconds=_store_wait(args)) as saving:
                record.save_into(saving)
                saving.commit()
        except StoreUnavailable as err:
            log.error(f"the briefing is written, but its history could not be recorded in the store ({shown(str(err))})")
            return PUBLISHED_INCOMPLETE
        return 0
    files = tuple(name for f in formats for name in FORMATS[f])
    staged = stage_briefing(briefing, args.out, config, only=files)
    new_store = None
    not_recorded: Exception | None = None
    if record is not None and store_path is None:
        raise ValueError("a run's record needs the store's path")
    try:
        if record is not None and store_path is not None:
            if store is None:  # the first run with this store: it is made now
                store = new_store = Store(store_path, keep_bodies=args.store_bodies, busy_seconds=_store_wait(args))
            try:
                record.save_into(store)
            except StoreUnavailable as err:
                not_recorded = err
        _publishing = True
        staged.swap_in()
    except BaseException:
        _publishing = False
        staged.discard()
        if store is not None:
            store.rollback()
        if new_store is not None:
            new_store.close()
        raise
    incomplete = []
    try:
        for path in staged.written:
            if not args.quiet:
                print(path)
        if record is not None and store is not None and store_path is not None:
            if not_recorded is None:
                try:
                    store.commit()
                    unrecorded.forget(store_path, record.on)
                except (StoreUnavailable, StoreError) as err:
                    not_recorded = err
            if not_recorded is not None:
                incomplete.append(_keep_unrecorded(store_path, record, not_recorded))
        try:
            for path in update_listings(args.out, config):
                if not args.quiet:
                    print(path)
        except ListingsNotUpdated as err:
            incomplete.append(f"the archive index and feed were not updated: {shown(str(err))}; the next run rewrites them")
    finally:
        _publishing = False
        if new_store is not None:
            new_store.close()
    day = args.out / briefing.date.isoformat()
    for problem in incomplete:
        log.error(f"the briefing is published in {shown(str(day))}, but {problem}")
    return PUBLISHED_INCOMPLETE if incomplete else 0


def _keep_unrecorded(store_path: Path, record: Any, err: Exception) -> str:
    """Keep the run's record for the next run; the sentence that tells the user what happened."""
    from . import unrecorded

    try:
        unrecorded.keep(store_path, record)
    except OSError as kept:
        return (f"its history could not be recorded in the store ({shown(str(err))}) nor kept for later "
                f"({shown(str(kept))}); the next run counts its articles as new again")
    return (f"its history could not be recorded in the store ({shown(str(err))}); it is kept in "
            f"{shown(str(unrecorded.folder_of(store_path)))} and the next run records it")


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


def _extract(args: argparse.Namespace, stdin: _StandardInput) -> int:
    import json

    from .ingest import read_paths
    from .provenance import OutletRegistry, one_outlet_per_site
    from .clean.site_boilerplate import drop_site_boilerplate
    from .clean.text import article_sentences
    from .pipeline import in_languages

    articles, skipped = read_paths(args.paths, OutletRegistry.load(args.outlets))
    articles = in_languages(articles, BriefingConfig(language=args.language))
    articles = one_outlet_per_site(drop_site_boilerplate(stdin.renamed(articles)))  # what a briefing reads, dates as written
    _report_skipped(stdin.renamed(skipped))
    for a in sorted(articles, key=lambda a: (a.path, a.id)):
        record: dict[str, object] = {
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
        log.error(str(err))
        return False
    return True


def _cluster(args: argparse.Namespace, stdin: _StandardInput) -> int:
    import json

    from .pipeline import group_articles

    config = BriefingConfig(title_encoder=args.title_encoder)
    if not _title_encoder_ready(config):
        return 2
    articles, stories, skipped = group_articles(args.paths, config, outlets_file=args.outlets)
    _report_skipped(stdin.renamed(skipped))
    story_of = {aid: s.id for s in stories for aid in s.article_ids}
    for a in sorted(stdin.renamed(articles), key=lambda a: (a.path, a.id)):
        record = {
            "id": a.id, "source_id": a.source_id, "path": a.path, "story": story_of[a.id], "duplicate_of": a.duplicate_of,
        }
        print(json.dumps(record, ensure_ascii=False))
    return 0 if articles else 1


if __name__ == "__main__":
    sys.exit(main())
