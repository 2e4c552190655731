"""Daily runs against a local web server (127.0.0.1): feeds and pages fetched, bad ones reported,
history kept in the store, and day two saying what is new."""

from __future__ import annotations

import json
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import feedparser
import pytest

from briefgen.cli import main
from briefgen.ingest.fetch import FetchConfig, fetch_feeds
from briefgen.provenance import OutletRegistry
from briefgen.store import SCHEMA_VERSION, Store, StoreError, default_store_path

DAY_ONE, DAY_TWO = date(2024, 3, 4), date(2024, 3, 5)


def article_page(site: str, canonical: str, title: str, paragraphs: list[str], published: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="og:site_name" content="{site}"><link rel="canonical" href="{canonical}">'
        f'<meta property="article:published_time" content="{published}"></head><body>'
        f'<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        f"<article><h1>{title}</h1>{body}</article>"
        f"<footer>Copyright 2024. All rights reserved.</footer></body></html>"
    ).encode()


BRIDGE = {
    "/ap-bridge": article_page(
        "AP News", "https://apnews.com/article/harbor-bridge-closure", "Harbor Bridge to close for six weeks of emergency repairs",
        [
            "The Harbor Bridge in Portsmouth will close to all traffic for six weeks starting Monday for emergency repairs, state transportation officials said.",
            "Inspectors found corrosion in two steel support beams during a routine inspection last month, the officials said.",
            "About 40,000 vehicles cross the bridge each day, and drivers were urged to use the Route 9 bypass instead.",
            "Local business owners said they feared losing customers during the closure.",
        ],
        "2024-03-04",
    ),
    "/reuters-bridge": article_page(
        "Reuters", "https://www.reuters.com/world/us/harbor-bridge-repairs", "Portsmouth's Harbor Bridge shut for repairs after corrosion found",
        [
            "State transportation officials said the Harbor Bridge in Portsmouth will close to all traffic for six weeks starting Monday for emergency repairs.",
            "Corrosion was found in two steel support beams during a routine inspection last month.",
            "The bridge carries about 40,000 vehicles each day; officials urged drivers to use the Route 9 bypass.",
            "The repairs are expected to cost about $12 million, according to a state budget document.",
        ],
        "2024-03-04",
    ),
    "/hill-bridge": article_page(
        "The Hill", "https://thehill.com/policy/transportation/harbor-bridge", "Harbor Bridge closing six weeks for repairs",
        [
            "The Harbor Bridge in Portsmouth will close to all traffic for six weeks starting Monday for emergency repairs, officials said.",
            "Inspectors found corrosion in two steel support beams during a routine inspection last month.",
            "A spokesperson for the governor said federal funds would cover part of the repairs.",
        ],
        "2024-03-04",
    ),
}
DAY_TWO_PAGE = {
    "/cbs-bridge": article_page(
        "CBS News", "https://www.cbsnews.com/news/harbor-bridge-repairs-begin", "Harbor Bridge repairs begin as closure snarls traffic",
        [
            "Repairs began on the Harbor Bridge in Portsmouth, which is closed to all traffic for six weeks for emergency repairs, officials said.",
            "Inspectors found corrosion in two steel support beams during a routine inspection last month.",
            "Traffic on the Route 9 bypass was backed up for miles during the morning rush.",
        ],
        "2024-03-05",
    ),
}


def rss(items: list[tuple[str, str]], title: str = "Bridge news") -> bytes:
    entries = "".join(f"<item><title>{t}</title><link>{link}</link></item>" for t, link in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{entries}</channel></rss>'.encode()


class Site:
    """A tiny web server with routes that misbehave on purpose, recording every request."""

    def __init__(self):
        self.routes: dict[str, object] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.in_flight = 0
        self.most_in_flight = 0
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                with site.lock:
                    site.requests.append((self.path, dict(self.headers)))
                    site.in_flight += 1
                    site.most_in_flight = max(site.most_in_flight, site.in_flight)
                try:
                    status, headers, body = site.respond(self.path, self.headers)
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)
                finally:
                    with site.lock:
                        site.in_flight -= 1

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def respond(self, path: str, headers) -> tuple[int, dict[str, str], bytes]:
        route = self.routes.get(path)
        if route is None:
            return 404, {}, b"not found"
        if callable(route):
            return route(headers)
        return 200, {"Content-Type": "text/html; charset=utf-8"}, route

    def count(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    s = Site()
    yield s
    s.close()


def _slow(seconds: float, body: bytes = b"<html><body><p>late</p></body></html>"):
    def respond(headers):
        time.sleep(seconds)
        return 200, {"Content-Type": "text/html"}, body
    return respond


def _feed_with_etag(body: bytes, etag: str):
    def respond(headers):
        if headers.get("If-None-Match") == etag:
            return 304, {"ETag": etag}, b""
        return 200, {"Content-Type": "application/rss+xml", "ETag": etag}, body
    return respond


def _serve_day_one(site: Site) -> None:
    site.routes.update(BRIDGE)
    site.routes["/moved"] = lambda h: (302, {"Location": "/hill-bridge-final"}, b"")
    site.routes["/hill-bridge-final"] = BRIDGE["/hill-bridge"]
    site.routes["/server-error"] = lambda h: (500, {}, b"oops")
    site.routes["/slow"] = _slow(3.0)
    site.routes["/binary"] = lambda h: (200, {"Content-Type": "text/html"}, b"\x00\x01\x02" * 200)
    site.routes["/no-text"] = b"<html><body><nav><a href='/'>Home</a></nav></body></html>"
    items = [
        ("Harbor Bridge to close", f"{site.url}/ap-bridge"),
        ("Bridge shut for repairs", f"{site.url}/reuters-bridge"),
        ("Harbor Bridge closing", f"{site.url}/moved"),
        ("Gone", f"{site.url}/missing"),
        ("Error", f"{site.url}/server-error"),
        ("Slow", f"{site.url}/slow"),
        ("Garbage", f"{site.url}/binary"),
        ("Empty", f"{site.url}/no-text"),
    ]
    site.routes["/bridge.rss"] = _feed_with_etag(rss(items), '"day-one"')
    site.routes["/broken.rss"] = lambda h: (200, {"Content-Type": "application/rss+xml"}, b"<rss><channel><title>x</title")


def _build(site: Site, out: Path, day: date, *extra: str) -> int:
    feeds = out.parent / "feeds.txt"
    feeds.write_text(f"# the day's feeds\n{site.url}/bridge.rss\n{site.url}/broken.rss\n{site.url}/missing.rss\n", encoding="utf-8")
    return main([
        "build", "--feeds", str(feeds), "--out", str(out), "--date", day.isoformat(),
        "--timeout", "0.5", "--retries", "0", *extra,
    ])


def test_good_pages_are_briefed_and_every_bad_feed_or_page_is_reported(site, tmp_path, capsys):
    _serve_day_one(site)
    out = tmp_path / "out"
    assert _build(site, out, DAY_ONE) == 0
    err = capsys.readouterr().err
    data = json.loads((out / DAY_ONE.isoformat() / "briefing.json").read_text(encoding="utf-8"))

    (story,) = data["stories"]
    assert story["outlets"] == ["Associated Press", "Reuters", "The Hill"]
    assert any("corrosion" in s["text"].lower() and s["support"] == 3 for s in story["sentences"])
    urls = {a["url"] for a in data["articles"]}
    assert "https://thehill.com/policy/transportation/harbor-bridge" in urls  # reached through the redirect

    reasons = {s["path"].removeprefix(site.url): s["reason"] for s in data["skipped"]}
    assert reasons == {
        "/missing": "HTTP 404 Not Found",
        "/server-error": "HTTP 500 Internal Server Error (1 try)",
        "/slow": "timed out after 0.5 s (1 try)",
        "/binary": "binary file (contains NUL bytes)",
        "/no-text": "no article text found in the HTML page",
        "/broken.rss": "malformed feed: unclosed token",
        "/missing.rss": "HTTP 404 Not Found",
    }
    for path in reasons:
        assert f"{site.url}{path}" in err  # each one reported on stderr too
    # politeness: every request named briefgen
    assert all(headers.get("User-Agent", "").startswith("briefgen/") for _, headers in site.requests)


def test_day_two_keeps_the_story_its_first_seen_date_and_counts_only_new_articles(site, tmp_path, capsys):
    _serve_day_one(site)
    out = tmp_path / "out"
    assert _build(site, out, DAY_ONE) == 0
    day_one = json.loads((out / DAY_ONE.isoformat() / "briefing.json").read_text(encoding="utf-8"))
    fetched_on_day_one = site.count("/ap-bridge")

    # Day two: the feed adds one CBS article on the same story.
    site.routes.update(DAY_TWO_PAGE)
    items = [("Bridge", f"{site.url}/{p}") for p in ("ap-bridge", "reuters-bridge", "moved", "cbs-bridge")]
    site.routes["/bridge.rss"] = _feed_with_etag(rss(items), '"day-two"')
    assert _build(site, out, DAY_TWO) == 0
    day_two = json.loads((out / DAY_TWO.isoformat() / "briefing.json").read_text(encoding="utf-8"))

    (story,) = day_two["stories"]
    assert story["id"] == day_one["stories"][0]["id"]
    assert story["first_seen"] == DAY_ONE.isoformat()
    assert story["new_articles"] == 1 and story["status"] == "developing"
    assert "CBS News" in story["outlets"] and len(story["articles"]) == 4
    assert day_two["since"] == DAY_ONE.isoformat()
    # pages read on day one are not fetched again
    assert site.count("/ap-bridge") == fetched_on_day_one
    # the page marks the story as developing
    html = (out / DAY_TWO.isoformat() / "briefing.html").read_text(encoding="utf-8")
    assert "Developing: first seen 2024-03-04; 1 new article" in html

    # both briefings are in the Atom feed for subscribers, newest first
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not feed.bozo
    assert [e.link.rsplit("/", 2)[-2] for e in feed.entries] == [DAY_TWO.isoformat(), DAY_ONE.isoformat()]


def test_an_unchanged_feed_is_asked_with_its_etag_and_costs_a_304(site, tmp_path, capsys):
    _serve_day_one(site)
    out = tmp_path / "out"
    assert _build(site, out, DAY_ONE) == 0
    capsys.readouterr()
    assert _build(site, out, DAY_TWO) == 0
    last_feed_request = [h for p, h in site.requests if p == "/bridge.rss"][-1]
    assert last_feed_request.get("If-None-Match") == '"day-one"'
    assert "bridge.rss: not modified since the last run" in capsys.readouterr().err
    day_two = json.loads((out / DAY_TWO.isoformat() / "briefing.json").read_text(encoding="utf-8"))
    assert day_two["stories"] == []  # nothing new to brief
    assert "Nothing new since the briefing of 2024-03-04" in (out / DAY_TWO.isoformat() / "briefing.md").read_text(encoding="utf-8")


def test_a_failed_run_records_nothing_so_the_next_run_fetches_again(site, tmp_path, monkeypatch):
    _serve_day_one(site)
    out = tmp_path / "out"
    import briefgen.render

    def broken_render(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(briefgen.render, "write_briefing", broken_render)
    with pytest.raises(RuntimeError):
        _build(site, out, DAY_ONE)
    assert not default_store_path(out).exists() and not (out / "briefgen.sqlite").exists()
    monkeypatch.undo()
    assert _build(site, out, DAY_ONE) == 0
    assert [h.get("If-None-Match") for p, h in site.requests if p == "/bridge.rss"] == [None, None]


def test_retries_back_off_and_recover_and_per_host_requests_are_limited(site):
    calls = {"n": 0}

    def flaky(headers):
        calls["n"] += 1
        return (503, {}, b"busy") if calls["n"] == 1 else (200, {"Content-Type": "text/html"}, BRIDGE["/ap-bridge"])

    site.routes["/flaky"] = flaky
    for n in range(6):  # six slow pages on one host
        site.routes[f"/page{n}"] = _slow(0.2, BRIDGE["/reuters-bridge"])
    items = [("flaky", f"{site.url}/flaky")] + [(f"p{n}", f"{site.url}/page{n}") for n in range(6)]
    site.routes["/feed.rss"] = lambda h: (200, {}, rss(items))
    fetched = fetch_feeds([f"{site.url}/feed.rss"], OutletRegistry.load(), FetchConfig(timeout=5, retries=2, backoff=0.05, per_host=2))
    assert site.count("/flaky") == 2  # a 503 is tried again, and the second answer is used
    assert any(a.path.endswith("/flaky") for a in fetched.articles)
    assert fetched.skipped == []
    assert site.most_in_flight <= 2  # never more than per_host requests at once to one host


def test_the_progress_bar_stays_off_stderr_when_it_is_not_a_terminal(site, tmp_path, capsys):
    _serve_day_one(site)
    assert _build(site, tmp_path / "out", DAY_ONE) == 0
    err = capsys.readouterr().err
    assert "fetching" not in err and "building" not in err and "\r" not in err


def test_the_store_has_a_schema_version_and_refuses_a_newer_one(tmp_path):
    path = tmp_path / "history.sqlite"
    with Store(path) as store:
        assert store.version == SCHEMA_VERSION
    with Store(path) as store:  # opening again migrates nothing and keeps the data
        assert store.version == SCHEMA_VERSION
    import sqlite3

    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer|knows up to"):
        Store(path)
    (tmp_path / "junk.sqlite").write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="not a usable briefgen store"):
        Store(tmp_path / "junk.sqlite")


def test_files_read_again_on_a_later_day_are_not_new(tmp_path, examples):
    out = tmp_path / "out"
    assert main(["build", str(examples), "--out", str(out), "--date", "2023-08-31"]) == 0
    assert main(["build", str(examples), "--out", str(out), "--date", "2023-09-01"]) == 0
    first = json.loads((out / "2023-08-31" / "briefing.json").read_text(encoding="utf-8"))
    second = json.loads((out / "2023-09-01" / "briefing.json").read_text(encoding="utf-8"))
    assert len(first["stories"]) == 1 and first["stories"][0]["new_articles"] == len(first["stories"][0]["articles"])
    assert second["stories"] == [] and second["since"] == "2023-08-31"
    # without history every story is new again
    assert main(["build", str(examples), "--out", str(out), "--date", "2023-09-02", "--no-store"]) == 0
    third = json.loads((out / "2023-09-02" / "briefing.json").read_text(encoding="utf-8"))
    assert len(third["stories"]) == 1 and third["since"] is None


def test_fetched_pages_count_against_max_articles(site, tmp_path):
    _serve_day_one(site)
    out = tmp_path / "out"
    assert _build(site, out, DAY_ONE, "--max-articles", "2") == 0
    data = json.loads((out / DAY_ONE.isoformat() / "briefing.json").read_text(encoding="utf-8"))
    assert len(data["articles"]) == 2
    over = [s for s in data["skipped"] if s["reason"] == "over the --max-articles limit of 2"]
    assert len(over) == 1  # three good pages were fetched: the one after the first two in path order
