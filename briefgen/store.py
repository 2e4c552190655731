"""History across daily runs, in one SQLite file: articles, their fingerprints, stories, briefings.

A daily job needs to know what it has seen: which articles are new since the last briefing, which
story a new article continues (so the story keeps its id and its `first_seen` date), and which
feed responses have not changed (conditional GET). SQLite is in the standard library and one file
is easy to back up, copy, or delete to start afresh.

The schema has a version (`PRAGMA user_version`); `MIGRATIONS[n]` takes a store from version n to
n + 1, and opening a store runs the ones it lacks, in one transaction. A store written by a newer
briefgen is refused rather than misread.

The store is private: it keeps what telling the new from the old needs (ids, fingerprints, titles,
outlets, urls, dates, and each article's opening of `LEAD_WORDS` words, which grouping it into a
story reads), not the articles' text, unless asked (`keep_bodies`). A store opened without
`keep_bodies` that holds text, as stores written before did, has it cut to the opening on opening
and the file compacted, so the rest is gone from the disk too. Its default home is the user's data folder
(`default_store_path`), never the published output folder.

History is backfill-safe: the history for a date holds only what runs dated on or before it
recorded, so building yesterday's briefing after today's says what yesterday's reader would have seen.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from .model import Article, Story

MIGRATIONS: tuple[str, ...] = (
    # 0 → 1
    """
    CREATE TABLE articles (
        id           TEXT PRIMARY KEY,   -- content hash (briefgen.ingest.content_id)
        path         TEXT NOT NULL,      -- file, record or URL it was read from
        title        TEXT NOT NULL,
        body         TEXT NOT NULL,
        outlet       TEXT, host TEXT, url TEXT, published TEXT, author TEXT,
        fingerprint  BLOB,               -- MinHash signature of the body (NULL: too short to have one)
        first_seen   TEXT NOT NULL       -- date of the first briefing that read it
    );
    CREATE INDEX articles_first_seen ON articles (first_seen);
    CREATE INDEX articles_url ON articles (url);
    CREATE TABLE stories (
        id          TEXT PRIMARY KEY,
        first_seen  TEXT NOT NULL,
        last_seen   TEXT NOT NULL
    );
    CREATE TABLE story_articles (        -- the story each article belongs to, as last grouped
        article_id  TEXT PRIMARY KEY REFERENCES articles (id),
        story_id    TEXT NOT NULL REFERENCES stories (id)
    );
    CREATE TABLE briefings (
        date        TEXT PRIMARY KEY,
        json        TEXT NOT NULL        -- the briefing.json that was published
    );
    CREATE TABLE http_validators (       -- for conditional GET of feeds
        url            TEXT PRIMARY KEY,
        etag           TEXT,
        last_modified  TEXT
    );
    """,
    # 1 → 2: the input's own id for an article (a JSON record's "id", a feed item's guid)
    """
    ALTER TABLE articles ADD COLUMN source_id TEXT;
    """,
    # 2 → 3: fingerprints hash their shingles another way (`briefgen.dedupe.shingles`); one made the old way
    # compares with a new one as with a stranger. They are dropped, and made again from the stored
    # bodies when an article is read again (a run saves a fingerprint where the store has none).
    """
    UPDATE articles SET fingerprint = NULL;
    """,
    # 3 → 4: an article's opening (`lead`), what grouping it into a story reads, kept where its
    # text is not: the text of earlier runs is dropped on opening unless the store keeps it
    """
    ALTER TABLE articles ADD COLUMN lead TEXT NOT NULL DEFAULT '';
    """,
)
# Words of an article's opening the store keeps when it keeps no text: as many as grouping an
# article into a story reads of it (briefgen.cluster: its TF-IDF lead and its focus names), so an
# article of an earlier day joins a story as it did on its own day.
LEAD_WORDS = 150


def lead_of(body: str) -> str:
    """The first `LEAD_WORDS` words of a body, spaced by single spaces."""
    return " ".join(body.split(None, LEAD_WORDS)[:LEAD_WORDS])
SCHEMA_VERSION = len(MIGRATIONS)


# The environment variable that moves every default store (tests, containers, a shared data disk).
DATA_DIR_VARIABLE = "BRIEFGEN_DATA_DIR"


def data_dir() -> Path:
    """Where briefgen keeps its own files by the platform's convention: `$BRIEFGEN_DATA_DIR`, else
    the user's data folder (`~/.local/share/briefgen` or `$XDG_DATA_HOME/briefgen` on Linux,
    `~/Library/Application Support/briefgen` on macOS, `%LOCALAPPDATA%\\briefgen` on Windows)."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override)
    from platformdirs import user_data_path  # imported here: only a daily build needs it

    return user_data_path("briefgen", appauthor=False)


def default_store_path(out: str | Path) -> Path:
    """The store of the briefings published under `out`, when no `--store` is given: one file per
    output folder, in the user's data folder, named after the folder and a hash of its absolute
    path (two jobs that publish to two folders keep two histories)."""
    folder = Path(out).expanduser().resolve()
    digest = hashlib.sha256(os.fsencode(folder)).hexdigest()[:12]
    name = "".join(c if c.isalnum() or c in "-_" else "_" for c in folder.name)[:40] or "root"
    return data_dir() / "stores" / f"{name}-{digest}.sqlite"


def inside(path: str | Path, folder: str | Path) -> bool:
    """Whether `path` lies in `folder` (or below it): a store there is published with the folder."""
    return Path(path).expanduser().resolve().is_relative_to(Path(folder).expanduser().resolve())


class StoreError(RuntimeError):
    """The store cannot be used (newer schema, not a briefgen store, damaged, unreadable file)."""


class StoreBusy(RuntimeError):
    """Another program holds the store's lock longer than the run waits for it."""


class StoreUnavailable(RuntimeError):
    """The store cannot be written just now (locked, disk full, an I/O error): what this run would
    record can be recorded by a later one."""


# `PRAGMA application_id` of a briefgen store ("brgf"): SQLite's own way to say what a file is, so a
# database of another program given as --store is refused instead of taken over.
APPLICATION_ID = 0x62726766
# SQLite's own bookkeeping tables, which any database may hold.
_SQLITE_TABLES = re.compile(r"^sqlite_")
# Result codes of a store that may be writable later (another program's lock, a full disk, an
# I/O error); every other error on a briefgen store means it is damaged.
_PASSING = ("SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_FULL", "SQLITE_IOERR", "SQLITE_READONLY", "SQLITE_CANTOPEN",
            "SQLITE_PERM", "SQLITE_NOLFS", "SQLITE_PROTOCOL")


def passing(err: sqlite3.Error) -> bool:
    """Whether the error may pass (a lock, a full disk), rather than say the store is damaged."""
    name = getattr(err, "sqlite_errorname", "") or ""
    if name:
        return name.startswith(_PASSING)
    message = str(err).lower()  # a Python before 3.11 names no result code
    return any(words in message for words in ("locked", "busy", "disk is full", "disk i/o", "readonly", "unable to open"))


def _busy(err: sqlite3.Error) -> bool:
    name = getattr(err, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or (not name and "locked" in str(err).lower())


@lru_cache(maxsize=1)
def briefgen_schema() -> dict[str, frozenset[str]]:
    """Table → columns of a store at `SCHEMA_VERSION`, as the migrations build it."""
    db = sqlite3.connect(":memory:")
    try:
        for step in MIGRATIONS:
            db.executescript(step)
        return _schema(db)
    finally:
        db.close()


def _schema(db: sqlite3.Connection) -> dict[str, frozenset[str]]:
    tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {
        t: frozenset(row[1] for row in db.execute(f'PRAGMA table_info("{t}")'))
        for t in tables if not _SQLITE_TABLES.match(t)
    }


def _reading(method):
    """A read of the store whose SQLite error says the store is busy or damaged, never a traceback."""

    @functools.wraps(method)
    def read(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as err:
            if _busy(err):
                raise StoreBusy(f"{self.path} is locked by another program ({err})") from None
            if passing(err):
                raise StoreError(f"{self.path}: cannot read the store ({err})") from None
            raise StoreError(
                f"{self.path} is damaged ({err}); it was left unchanged. Restore it from a backup, or delete it to start afresh."
            ) from None

    return read


@dataclass(frozen=True)
class History:
    """What earlier runs saw within the story time window before a briefing date."""

    articles: tuple[Article, ...]
    story_of: dict[str, str]  # article id → story id it was given
    first_seen: dict[str, date]  # article id → date of the first briefing that read it
    fingerprints: dict[str, bytes]  # article id → stored MinHash signature
    last_briefing: date | None = None  # the latest briefing before this date


EMPTY_HISTORY = History((), {}, {}, {})


class Store:
    """One history file. `keep_bodies`: keep each article's text too (a continuing story is then
    summarised from its earlier articles' text as well as today's); without it, text is never
    written, and text an older store holds is removed on opening."""

    def __init__(self, path: str | Path, *, keep_bodies: bool = False, busy_seconds: float = 5.0):
        self.path = Path(path)
        self.keep_bodies = keep_bodies
        self.busy_seconds = busy_seconds  # how long a statement waits for another program's lock
        # Opening checks the file is a briefgen store (its application id, its tables and their
        # columns) and refuses anything else unchanged. A new store is made whole under a temporary
        # name and linked into place, so briefgen never leaves an empty file: one at the store's
        # path was made by something else, and is refused too.
        if not self.path.exists() and not self.path.is_symlink():
            self._create()
        elif self.path.is_file() and self.path.stat().st_size == 0:
            raise StoreError(
                f"{self.path} is an empty file, not a briefgen store (briefgen never leaves one); "
                "delete it to start the history afresh, or use another --store"
            )
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=busy_seconds)  # transactions explicit
        except sqlite3.Error as err:
            raise StoreError(f"{self.path}: cannot open the store ({err})") from None
        try:
            self._check_is_ours()
            self._migrate()
            self._check_schema()
            if not keep_bodies:
                self._forget_bodies()
        except sqlite3.Error as err:
            self.db.close()
            if _busy(err):
                raise StoreBusy(f"{self.path} is locked by another program ({err})") from None
            raise StoreError(f"{self.path}: not a usable briefgen store ({err})") from None
        except BaseException:
            self.db.close()
            raise

    def _create(self) -> None:
        """A new, empty store at `self.path`, made under another name and linked into place whole."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fresh = self.path.with_name(f".{self.path.name}.{os.getpid()}.new")
        fresh.unlink(missing_ok=True)
        try:
            db = sqlite3.connect(fresh, isolation_level=None)
            try:
                db.executescript(
                    "BEGIN; " + ";".join(MIGRATIONS)
                    + f"; PRAGMA user_version = {SCHEMA_VERSION}; PRAGMA application_id = {APPLICATION_ID}; COMMIT;"
                )
            finally:
                db.close()
            try:
                os.link(fresh, self.path)  # never over a store another run made meanwhile
            except FileExistsError:
                pass
        except sqlite3.Error as err:
            raise StoreError(f"{self.path}: cannot create the store ({err})") from None
        finally:
            fresh.unlink(missing_ok=True)

    def _check_is_ours(self) -> None:
        """Refuse a database that another program made: its application id is not briefgen's, or
        (a store of a briefgen from before the application id) it holds tables briefgen has none of."""
        application_id = self.db.execute("PRAGMA application_id").fetchone()[0]
        if application_id == APPLICATION_ID:
            return
        tables = set(_schema(self.db))
        ours = set(briefgen_schema())
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if application_id == 0 and version > 0 and tables == ours:
            return  # written by a briefgen from before the application id: it gets one when migrated
        foreign = sorted(tables - ours)
        if foreign:
            what = f"it holds tables briefgen has none of: {', '.join(foreign)}"
        elif application_id:
            what = f"its application id is {application_id:#x}"
        else:
            what = f"it lacks briefgen's tables: {', '.join(sorted(ours - tables))}"
        raise StoreError(f"{self.path} is not a briefgen store ({what}); it was left unchanged. Use another --store.")

    def _forget_bodies(self) -> None:
        """Remove the articles' text a store holds (one written before text was private, or with
        `keep_bodies`), then rewrite the file so the text is not left in its free pages."""
        if self.db.execute("SELECT 1 FROM articles WHERE body != '' LIMIT 1").fetchone() is None:
            return
        with self._transaction():
            rows = self.db.execute("SELECT id, body FROM articles WHERE body != ''").fetchall()
            self.db.executemany("UPDATE articles SET lead = ?, body = '' WHERE id = ?", [(lead_of(b), i) for i, b in rows])
        self.db.execute("VACUUM")

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {version}; this briefgen knows up to {SCHEMA_VERSION}. "
                "Upgrade briefgen, or use another --store."
            )
        for step in range(version, SCHEMA_VERSION):
            # executescript commits first, so the whole step runs inside its own BEGIN … COMMIT
            self.db.executescript(f"BEGIN; {MIGRATIONS[step]}; PRAGMA user_version = {step + 1}; COMMIT;")
        if self.db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:  # a store from before the id
            self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    def _check_schema(self) -> None:
        """Refuse a store whose tables or columns are gone (dropped by hand, or a damaged file)."""
        found = _schema(self.db)
        missing = [
            f"{table}.{column}" if table in found else table
            for table, columns in sorted(briefgen_schema().items())
            for column in (sorted(columns - found[table]) if table in found else [None])
        ]
        if missing:
            raise StoreError(
                f"{self.path} is damaged: {', '.join(m for m in missing if m)} missing; it was left unchanged. "
                "Restore it from a backup, or delete it to start the history afresh."
            )

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    # -- history ---------------------------------------------------------------------------

    @_reading
    def history(self, on: date, window_days: int, read_now: Iterable[str] = ()) -> History:
        """Articles first seen in the `window_days` before `on` (and on it, by an earlier run), and
        when any of the articles read now (`read_now`, ids) was first seen, however long ago, as
        long as that is not after `on`: a briefing for a past date (a backfill) knows only what
        the runs up to that date recorded."""
        since = (on - timedelta(days=window_days)).isoformat()
        rows = self.db.execute(
            "SELECT a.id, a.path, a.title, CASE WHEN a.body != '' THEN a.body ELSE a.lead END, a.outlet, a.host, a.url, a.published, a.author, a.source_id,"
            " a.fingerprint, a.first_seen, s.story_id FROM articles a"
            " LEFT JOIN story_articles s ON s.article_id = a.id"
            " WHERE a.first_seen BETWEEN ? AND ? ORDER BY a.id",
            (since, on.isoformat()),
        ).fetchall()
        articles, story_of, first_seen, fingerprints = [], {}, {}, {}
        for (id_, path, title, body, outlet, host, url, published, author, source_id, fingerprint, seen, story) in rows:
            articles.append(Article(id_, path, title, body, outlet, host, url, published, author, source_id=source_id))
            first_seen[id_] = date.fromisoformat(seen)
            if story:
                story_of[id_] = story
            if fingerprint is not None:
                fingerprints[id_] = fingerprint
        first_seen.update(self._first_seen(list(read_now), on))
        last = self.db.execute("SELECT max(date) FROM briefings WHERE date < ?", (on.isoformat(),)).fetchone()[0]
        return History(tuple(articles), story_of, first_seen, fingerprints, date.fromisoformat(last) if last else None)

    @_reading
    def _first_seen(self, article_ids: list[str], on: date) -> dict[str, date]:
        """When each of these articles was first read, for those read on or before `on`."""
        found: dict[str, date] = {}
        for start in range(0, len(article_ids), 500):  # SQLite caps the number of bound parameters
            chunk = article_ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            query = f"SELECT id, first_seen FROM articles WHERE id IN ({marks}) AND first_seen <= ?"
            for id_, seen in self.db.execute(query, [*chunk, on.isoformat()]):
                found[id_] = date.fromisoformat(seen)
        return found

    @_reading
    def known_urls(self, urls: list[str], on: date | None = None) -> set[str]:
        """Which of these article URLs were read before (their pages need not be fetched again), by
        runs dated on or before `on` when it is given.

        A page is known by the link it was fetched from (its `path`) and by the URL it gives itself.
        """
        known: set[str] = set()
        until = (on or date.max).isoformat()
        for start in range(0, len(urls), 500):
            chunk = urls[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for column in ("path", "url"):
                query = f"SELECT {column} FROM articles WHERE {column} IN ({marks}) AND first_seen <= ?"
                known.update(u for (u,) in self.db.execute(query, [*chunk, until]))
        return known

    def save_run(
        self,
        on: date,
        articles: list[Article],
        stories: list[Story],
        fingerprints: dict[str, bytes],
        briefing_json: str,
        validators: dict[str, tuple[str | None, str | None]] | None = None,
    ) -> None:
        """Record one published briefing (`record_run`) and commit it."""
        self.record_run(on, articles, stories, fingerprints, briefing_json, validators)
        self.commit()

    def record_run(
        self,
        on: date,
        articles: list[Article],
        stories: list[Story],
        fingerprints: dict[str, bytes],
        briefing_json: str,
        validators: dict[str, tuple[str | None, str | None]] | None = None,
    ) -> None:
        """Write one briefing's record inside a transaction that `commit` ends (or `rollback`): its
        articles (first_seen kept from earlier runs), the story each belongs to, the briefing itself
        and the feeds' validators. All of it or none — a run that fails records nothing, so the next
        run fetches and counts its articles anew. The run writes this before it publishes and
        commits after: a damaged store stops the run before anything is published.

        Raises `StoreUnavailable` when the store cannot be written now (a lock held past
        `busy_seconds` on each of a few tries, a full disk), `StoreError` when it is damaged."""
        day = on.isoformat()
        try:
            self._begin()
            self._write_run(day, articles, stories, fingerprints, briefing_json, validators)
        except sqlite3.Error as err:
            self.rollback()
            raise self._failure(err, "cannot record this run") from None

    def commit(self) -> None:
        """End the transaction `record_run` began, trying again while another program's lock holds it."""
        try:
            _with_retries(lambda: self.db.execute("COMMIT"))
        except sqlite3.Error as err:
            self.rollback()
            raise self._failure(err, "cannot record this run") from None

    def rollback(self) -> None:
        if self.db.in_transaction:
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # SQLite rolled it back itself (a full disk, an I/O error)

    def _begin(self) -> None:
        # IMMEDIATE takes the write lock now (waiting `busy_seconds` for it), so a reader that
        # started meanwhile cannot make the commit fail for a lock it would have waited for
        _with_retries(lambda: self.db.execute("BEGIN IMMEDIATE"))

    def _failure(self, err: sqlite3.Error, doing: str) -> Exception:
        if passing(err):
            return StoreUnavailable(f"{self.path}: {doing} ({err})")
        return StoreError(f"{self.path} is damaged: {doing} ({err}). Restore it from a backup, or delete it to start afresh.")

    def _write_run(self, day, articles, stories, fingerprints, briefing_json, validators) -> None:
        self.db.executemany(
            "INSERT INTO http_validators (url, etag, last_modified) VALUES (?, ?, ?) ON CONFLICT (url)"
            " DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified",
            [(url, etag, modified) for url, (etag, modified) in sorted((validators or {}).items())],
        )
        self.db.executemany(
            "INSERT INTO articles"
            " (id, path, title, body, lead, outlet, host, url, published, author, source_id, fingerprint, first_seen)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET first_seen = min(first_seen, excluded.first_seen),"
            " body = CASE WHEN body = '' THEN excluded.body ELSE body END,"
            " lead = CASE WHEN lead = '' THEN excluded.lead ELSE lead END,"
            " fingerprint = coalesce(fingerprint, excluded.fingerprint)",
            [
                (a.id, a.path, a.title, a.body if self.keep_bodies else "", lead_of(a.body), a.outlet, a.host, a.url, a.published, a.author, a.source_id,
                 fingerprints.get(a.id), day)
                for a in articles
            ],
        )
        for story in stories:
            self.db.execute(
                "INSERT INTO stories (id, first_seen, last_seen) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE"
                " SET first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen)",
                (story.id, day, day),
            )
            self.db.executemany(
                "INSERT INTO story_articles (article_id, story_id) VALUES (?, ?)"
                " ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id",
                [(article_id, story.id) for article_id in story.article_ids],
            )
        self.db.execute(
            "INSERT INTO briefings (date, json) VALUES (?, ?) ON CONFLICT (date) DO UPDATE SET json = excluded.json",
            (day, briefing_json),
        )

    # -- conditional GET -------------------------------------------------------------------

    @_reading
    def validators(self, url: str) -> tuple[str | None, str | None]:
        row = self.db.execute("SELECT etag, last_modified FROM http_validators WHERE url = ?", (url,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def _transaction(self):
        return _Transaction(self.db)


class _Transaction:
    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN")

    def __exit__(self, exc_type, *exc: object) -> None:
        self.db.execute("COMMIT" if exc_type is None else "ROLLBACK")


# A lock another program holds may be let go between two tries; each try waits `busy_seconds`.
TRIES = 3


def _with_retries(statement) -> None:
    for attempt in range(TRIES):
        try:
            statement()
            return
        except sqlite3.OperationalError as err:
            if not _busy(err) or attempt == TRIES - 1:
                raise
            time.sleep(0.2 * 2**attempt)
