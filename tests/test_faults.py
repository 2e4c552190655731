"""Faults a daily job meets, each driven through the command line as cron or CI would run it: an odd
file name, a store that is locked, full, damaged or foreign, a killed run, a dripping feed, two runs at
once, a crafted link, a write that fails after publishing, a huge record. Nothing lost, nothing
injected, and the exit code tells the truth (docs/usage.md, "What happens when…")."""

from __future__ import annotations

import fcntl
import json
import os
import re
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import markdown
import pytest
from markdown_it import MarkdownIt

from briefgen.store import APPLICATION_ID

from .conftest import EXAMPLES, REPO

DATE = "2023-08-31"


def store_of(out: Path) -> Path:
    """The history store the tests give a run publishing to `out`: beside it, never inside it."""
    return out.parent / "history.sqlite"


def briefgen(*args: str, **kwargs) -> subprocess.CompletedProcess:
    """`python -m briefgen build ARGS` as a user runs it, from the repository (its briefgen); with
    `--out OUT` and no store named, the store is `store_of(OUT)`."""
    args = list(args)
    if "--out" in args and "--store" not in args and "--no-store" not in args:
        args += ["--store", str(store_of(Path(args[args.index("--out") + 1])))]
    return subprocess.run(
        [sys.executable, "-m", "briefgen", "build", *args], cwd=REPO, capture_output=True, text=True,
        errors="backslashreplace", timeout=300, **kwargs,
    )


def _build(inputs: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return briefgen(str(inputs), "--out", str(out), "--date", DATE, *extra)


@pytest.fixture(scope="module")
def first_day(tmp_path_factory) -> Path:
    """An output folder after one day's run (its briefing and its store), built once."""
    out = tmp_path_factory.mktemp("first_day") / "out"
    run = _build(EXAMPLES, out)
    assert run.returncode == 0, run.stderr
    return out


@pytest.fixture
def out(first_day, tmp_path) -> Path:
    """A copy of the first day's output folder for one test to run the next days in."""
    copy = tmp_path / "out"
    shutil.copytree(first_day, copy)
    shutil.copy(store_of(first_day), store_of(copy))
    return copy


# -- 1. a file name that is not UTF-8 ------------------------------------------------------------


def test_a_file_name_that_is_not_utf8_or_holds_a_newline_and_an_escape_is_read_and_shown_escaped(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES, folder)
    first = sorted(folder.iterdir())[0]
    odd = os.fsencode(folder) + b"/caf\xe9 \x1b[31mred\nline.txt"  # Latin-1 "é", an escape sequence, a newline
    os.rename(first, odd)
    run = _build(folder, tmp_path / "out")
    assert run.returncode == 0, run.stderr
    day = tmp_path / "out" / DATE
    data = json.loads((day / "briefing.json").read_text(encoding="utf-8"))
    paths = [a["path"] for a in data["articles"]]
    assert any(p.endswith("caf\\xe9 \x1b[31mred\nline.txt") for p in paths), paths  # the byte spelt out
    assert len(paths) == len(list(EXAMPLES.iterdir())), "the oddly named file is read like the others"
    for name in ("briefing.md", "briefing.html", "briefing.email.html", "briefing.txt", "briefing.json"):
        (day / name).read_text(encoding="utf-8")  # every output is valid UTF-8
    assert "\x1b" not in run.stdout + run.stderr, "no escape sequence reaches the terminal"


# -- 6. a crafted link ---------------------------------------------------------------------------

_FACT = "The Harbor Bridge in Portsmouth will close to all traffic for six weeks starting Monday for emergency repairs, officials said."
CRAFTED = "https://example.org/x)[y](javascript:alert(document.domain))\\"


class _Links(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.hrefs += [value or "" for name, value in attrs if name in ("href", "src")]


def _is_web_or_anchor(href: str) -> bool:
    return href.startswith(("http://", "https://", "#")) and not re.search(r"[\s()\[\]<>\"\\]", href)


def test_a_crafted_url_becomes_no_script_link_in_any_format(tmp_path):
    records = [
        {"title": "Harbor Bridge to close \u202egnp.exe", "text": f"{_FACT}\nInspectors found corrosion in two beams.",
         "outlet": "Outlet One", "url": CRAFTED},
        {"title": "Bridge shut for repairs", "text": f"{_FACT}\nAbout 40,000 vehicles cross it each day.",
         "outlet": "Outlet Two", "url": 'https://example.com/a"><script>alert(1)</script>'},
        {"title": "Bridge closing", "text": f"{_FACT}\nDrivers were urged to use the bypass.", "outlet": "Outlet Three",
         "url": "javascript:alert(3)"},
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    run = _build(source, tmp_path / "out", "--show-single-source", "--web-url", "https://news.example/briefings")
    assert run.returncode == 0, run.stderr
    day = tmp_path / "out" / DATE
    md = (day / "briefing.md").read_text(encoding="utf-8")
    assert "example.org" in md, "the crafted link is still there, made harmless"
    for html in (markdown.markdown(md), MarkdownIt("commonmark").render(md)):
        hrefs = _Links(html).hrefs
        assert hrefs and all(_is_web_or_anchor(h) for h in hrefs), hrefs
    for name in ("briefing.html", "briefing.email.html"):
        hrefs = _Links((day / name).read_text(encoding="utf-8")).hrefs
        assert hrefs and all(_is_web_or_anchor(h) for h in hrefs), (name, hrefs)
    text_links = re.findall(r"<([^>\s]*)>", (day / "briefing.txt").read_text(encoding="utf-8"))
    assert text_links and all(_is_web_or_anchor(u) for u in text_links), text_links
    data = json.loads((day / "briefing.json").read_text(encoding="utf-8"))
    urls = [a["url"] for a in data["articles"]] + [
        c["url"] for s in data["stories"] for x in s["sentences"] + s["single_source"] for c in x["sources"]
    ]
    assert None in urls, "the javascript: address is dropped"
    assert all(_is_web_or_anchor(u) for u in urls if u is not None), urls
    for name in ("briefing.md", "briefing.html", "briefing.email.html", "briefing.txt", "briefing.json"):
        content = (day / name).read_text(encoding="utf-8")
        assert "\u202e" not in content, name  # the reordering character is gone …
    assert "gnp.exe" in md  # … and the text it would have reversed is kept


# -- 2. a store that is locked, full or damaged --------------------------------------------------

NEW_YORK = REPO / "tests" / "fixtures" / "two_new_york_stories.jsonl"


def _store_dates(store: Path) -> list[str]:
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        return [d for (d,) in db.execute("SELECT date FROM briefings ORDER BY date")]
    finally:
        db.close()


def _published_and_recorded_agree(out: Path, day: str) -> None:
    published = json.loads((out / day / "briefing.json").read_text(encoding="utf-8"))
    db = sqlite3.connect(f"file:{store_of(out)}?mode=ro", uri=True)
    try:
        (recorded,) = db.execute("SELECT json FROM briefings WHERE date = ?", (day,)).fetchone()
    finally:
        db.close()
    assert json.loads(recorded) == published


def test_a_store_another_program_holds_past_the_wait_publishes_exits_4_and_the_next_run_records_it(out):
    reader = sqlite3.connect(store_of(out), isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM articles").fetchone()  # a reader in the middle of a long read
    try:
        run = briefgen(str(NEW_YORK), "--out", str(out), "--date", "2023-09-01", "--lock-wait", "1")
    finally:
        reader.execute("COMMIT")
        reader.close()
    assert run.returncode == 4, run.stderr
    assert "Traceback" not in run.stderr
    assert "briefing is published" in run.stderr and "the next run records it" in run.stderr, run.stderr
    assert (out / "2023-09-01" / "briefing.json").exists()
    assert _store_dates(store_of(out)) == [DATE]
    # the next run, with the store free again, records the day it missed before its own
    run = briefgen(str(NEW_YORK), "--out", str(out), "--date", "2023-09-02")
    assert run.returncode == 0, run.stderr
    assert _store_dates(store_of(out)) == [DATE, "2023-09-01", "2023-09-02"]
    _published_and_recorded_agree(out, "2023-09-01")
    assert not any(p.name.endswith(".unrecorded") for p in store_of(out).parent.iterdir())  # nothing left waiting


def _file_size_limit(size: int):
    def limit() -> None:  # in the child: a file may not grow past `size` bytes, as on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    return limit


def test_a_store_on_a_full_disk_publishes_exits_4_without_a_traceback_and_the_next_run_records_it(out):
    store = store_of(out)
    # writes that would make the store larger fail with EFBIG ("database or disk is full"); the
    # briefing's own files are far smaller than the store, so only the store meets the limit
    run = briefgen(str(NEW_YORK), "--out", str(out), "--date", "2023-09-01",
                   preexec_fn=_file_size_limit(store.stat().st_size))
    assert run.returncode == 4, run.stderr
    assert "Traceback" not in run.stderr and "full" in run.stderr, run.stderr
    assert (out / "2023-09-01" / "briefing.json").exists()
    assert _store_dates(store) == [DATE]
    run = briefgen(str(EXAMPLES), "--out", str(out), "--date", "2023-09-02")
    assert run.returncode == 0, run.stderr
    assert "2023-09-01" in _store_dates(store)
    _published_and_recorded_agree(out, "2023-09-01")


@pytest.mark.parametrize("damage", ["DROP TABLE stories", "ALTER TABLE articles DROP COLUMN author"])
def test_a_damaged_store_is_refused_with_exit_2_before_anything_is_published(out, damage):
    store = store_of(out)
    db = sqlite3.connect(store)
    db.execute(damage)
    db.commit()
    db.close()
    before = store.read_bytes()
    run = briefgen(str(NEW_YORK), "--out", str(out), "--date", "2023-09-01")
    assert run.returncode == 2, run.stderr
    assert "damaged" in run.stderr and "Traceback" not in run.stderr, run.stderr
    assert not (out / "2023-09-01").exists()
    assert store.read_bytes() == before


def test_a_damaged_page_in_the_store_is_refused_with_exit_2(out):
    store = store_of(out)
    data = bytearray(store.read_bytes())
    page = 4096
    data[page : len(data)] = os.urandom(len(data) - page)  # every page after the first overwritten
    store.write_bytes(bytes(data))
    run = briefgen(str(NEW_YORK), "--out", str(out), "--date", "2023-09-01")
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    assert not (out / "2023-09-01").exists()


# -- 8. a store that is not briefgen's -----------------------------------------------------------


def _foreign_sqlite(path: Path, application_id: int = 0) -> None:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    db.execute("INSERT INTO notes (text) VALUES ('my own data')")
    db.execute(f"PRAGMA application_id = {application_id}")
    db.commit()
    db.close()


@pytest.mark.parametrize("kind", ["other tables", "other application", "empty file"])
def test_a_store_briefgen_did_not_make_is_refused_and_left_unchanged(first_day, tmp_path, kind):
    store = tmp_path / "mine.sqlite"
    if kind == "other tables":
        _foreign_sqlite(store)
    elif kind == "other application":  # briefgen's tables, but another program's id on the file
        shutil.copy(store_of(first_day), store)
        db = sqlite3.connect(store)
        db.execute("PRAGMA application_id = 1234")
        db.commit()
        db.close()
    else:
        store.write_bytes(b"")
    before, stamp = store.read_bytes(), store.stat().st_mtime_ns
    run = _build(EXAMPLES, tmp_path / "out", "--store", str(store))
    assert run.returncode == 2, run.stderr
    assert "not a briefgen store" in run.stderr or "empty file" in run.stderr, run.stderr
    assert "Traceback" not in run.stderr
    assert (store.read_bytes(), store.stat().st_mtime_ns) == (before, stamp)
    assert not (tmp_path / "out" / DATE).exists()


def test_a_store_briefgen_makes_carries_briefgens_application_id(first_day):
    db = sqlite3.connect(f"file:{store_of(first_day)}?mode=ro", uri=True)
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    db.close()


# -- 7. a write that fails after the swap --------------------------------------------------------


def test_a_write_failure_after_the_swap_says_the_briefing_is_published_and_exits_4(out):
    old = (out / DATE / "briefing.json").read_text(encoding="utf-8")
    (out / "feed.xml").unlink()
    (out / "feed.xml").mkdir()  # the feed cannot be written: a folder is in its place
    run = briefgen(str(EXAMPLES), str(NEW_YORK), "--out", str(out), "--date", DATE)
    assert run.returncode == 4, run.stderr
    assert "is published" in run.stderr and "feed" in run.stderr, run.stderr
    assert "unchanged" not in run.stderr  # the old claim, untrue: the new briefing is out
    new = (out / DATE / "briefing.json").read_text(encoding="utf-8")
    assert new != old, "the new briefing is the one published"
    _published_and_recorded_agree(out, DATE)


# -- 3. a killed run leaves no process behind ----------------------------------------------------


def _big_input(folder: Path) -> Path:
    """Two files of JSON Lines, 30 MB each: read on two worker processes, each busy with its file
    for several seconds (a worker left behind would go on reading after its run is gone)."""
    folder.mkdir()
    sentence = "The harbour authority of Portmouth said on Friday that the north pier would stay closed for repairs. "
    for n in range(2):
        with (folder / f"part{n}.jsonl").open("w", encoding="utf-8") as handle:
            handle.writelines(
                json.dumps({"title": f"Pier report {n}-{i}", "text": f"Report {n}-{i}. {sentence * 2}", "outlet": f"Outlet {i % 7}"}) + "\n"
                for i in range(108_000)
            )
    return folder


def _processes_in_session(session: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[3]) == session and fields[0] != "Z":  # session id; zombies are already dead
                found.append(int(entry.name))
    return found


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in (Path(f"/proc/{pid}/task/{pid}/children").read_text().split())]
    except OSError:
        return []


@pytest.mark.skipif(not Path("/proc/self/task").exists() or (os.cpu_count() or 1) < 2, reason="needs Linux's /proc and two cores")
@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGTERM])
def test_a_run_killed_during_ingest_leaves_no_process_behind(tmp_path, stop):
    inputs = _big_input(tmp_path / "in")
    out = tmp_path / "out"
    run = subprocess.Popen(
        [sys.executable, "-m", "briefgen", "build", str(inputs), "--out", str(out), "--date", DATE],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True, text=True,
    )
    try:
        for _ in range(2400):  # until its workers are reading (at most two minutes)
            if len(_children(run.pid)) >= 2 or run.poll() is not None:
                break
            time.sleep(0.05)
        assert run.poll() is None and _children(run.pid), "the run reads on worker processes"
        os.kill(run.pid, stop)
        status = run.wait(timeout=60)
        left = _processes_in_session(run.pid)
        for _ in range(50):  # the workers have five seconds to go
            if not left:
                break
            time.sleep(0.1)
            left = _processes_in_session(run.pid)
        assert left == [], "a worker outlived the run"
    finally:
        for pid in _processes_in_session(run.pid):
            os.kill(pid, signal.SIGKILL)
        run.wait()
    if stop == signal.SIGTERM:  # a clean stop: said, exit 3, nothing half-written left
        assert status == 3, run.stderr.read()
        assert "SIGTERM" in run.stderr.read()
        assert not (out / DATE).exists()
        assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]


# -- 4. a dripping feed --------------------------------------------------------------------------


class DrippingServer:
    """A server on 127.0.0.1 that answers with headers at once, then one byte every 0.2 s. It
    stops by itself: after 40 bytes (8 s), or as soon as the client hangs up."""

    BYTES = 40

    def __init__(self) -> None:
        server = self
        self.asked = 0  # requests that reached the server
        self.sent: list[int] = []  # bytes each response had sent when it ended

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                server.asked += 1
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(DrippingServer.BYTES))
                self.end_headers()
                sent = 0
                try:
                    for _ in range(DrippingServer.BYTES):
                        self.wfile.write(b" ")
                        self.wfile.flush()
                        sent += 1
                        time.sleep(0.2)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                server.sent.append(sent)

            def log_message(self, *args):
                pass

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.http.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.http.server_address[1]}/feed.rss"
        self.thread = threading.Thread(target=self.http.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.http.shutdown()
        self.http.server_close()


@pytest.fixture
def dripping():
    server = DrippingServer()
    yield server
    server.close()


@pytest.mark.parametrize("limit, reason", [(["--timeout", "1"], "timed out after 1 s"),
                                           (["--timeout", "30", "--fetch-budget", "1"], "fetch budget of 1 s")])
def test_a_dripping_feed_is_cut_at_the_deadline_and_skipped_with_a_reason(tmp_path, dripping, limit, reason):
    run = _build(EXAMPLES, tmp_path / "out", "--feed", dripping.url, "--retries", "0", *limit)
    assert run.returncode == 0, run.stderr
    assert f"skipped {dripping.url}: " in run.stderr and reason in run.stderr, run.stderr
    for _ in range(100):  # the server notices the hang-up at its next bytes
        if len(dripping.sent) == dripping.asked:
            break
        time.sleep(0.1)
    # (a budget may run out before the request is even sent, on a busy machine: then nothing was asked)
    assert dripping.asked or "budget" in reason
    assert len(dripping.sent) == dripping.asked, "the server is still dripping into an open connection"
    assert all(sent < DrippingServer.BYTES for sent in dripping.sent), "briefgen hung up before the drip ended"


# -- 5. two runs at once -------------------------------------------------------------------------


def test_two_runs_for_one_date_both_end_cleanly_and_the_folder_and_the_store_agree(tmp_path):
    out = tmp_path / "out"
    both = tmp_path / "both"
    shutil.copytree(EXAMPLES, both / "examples")
    shutil.copy(NEW_YORK, both / "ny.jsonl")
    runs = [
        subprocess.Popen([sys.executable, "-m", "briefgen", "build", str(inputs), "--out", str(out), "--date", DATE,
                          "--store", str(store_of(out))],
                         cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for inputs in (EXAMPLES, both)
    ]
    for run in runs:
        assert run.wait(timeout=300) == 0, run.stderr.read()
    _published_and_recorded_agree(out, DATE)
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]


def test_a_run_that_waits_past_lock_wait_for_another_says_so_and_exits_5(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".briefgen.lock", "w") as held:  # another run, in the middle of its work
        held.write("4242\n")
        held.flush()
        fcntl.flock(held, fcntl.LOCK_EX)
        run = _build(EXAMPLES, out, "--lock-wait", "0.5")
    assert run.returncode == 5, run.stderr
    assert "another briefgen run (process 4242)" in run.stderr, run.stderr
    assert not (out / DATE).exists()


# -- 9. a huge JSON Lines record -----------------------------------------------------------------

_PEAK_RSS = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)  # KiB: the largest process of the run
"""


def _peak_rss_mib(*args: str) -> float:
    """Peak resident memory of one CLI run, measured by a parent that starts nothing else."""
    command = [sys.executable, "-c", _PEAK_RSS, sys.executable, "-m", "briefgen", "build", *args]
    return int(subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=True).stdout) / 1024


def test_a_300_mb_record_is_skipped_with_under_200_mb_of_extra_memory(tmp_path):
    small = tmp_path / "small.jsonl"
    shutil.copy(NEW_YORK, small)
    huge = tmp_path / "huge.jsonl"
    with huge.open("wb") as handle:
        handle.write(NEW_YORK.read_bytes())
        handle.write(b'{"title": "A dump", "text": "')
        block = b"word " * 200_000  # 1 MB
        for _ in range(300):
            handle.write(block)
        handle.write(b'"}\n')
    baseline = _peak_rss_mib(str(small), "--out", str(tmp_path / "a"), "--date", DATE, "--no-store")
    with_huge = _peak_rss_mib(str(huge), "--out", str(tmp_path / "b"), "--date", DATE, "--no-store")
    huge.unlink()
    assert with_huge - baseline < 200, (baseline, with_huge)
    data = json.loads((tmp_path / "b" / DATE / "briefing.json").read_text(encoding="utf-8"))
    (skipped,) = data["skipped"]
    assert skipped["path"].endswith("huge.jsonl:5") and "record too large" in skipped["reason"]
