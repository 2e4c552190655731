"""Broken and hostile input: read what can be read, refuse the rest clearly, never run article markup,
and never leave a half-written briefing behind."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser

import pytest

from briefgen import BriefingConfig, build_briefing
from briefgen.ingest.decode import ArticleError, decode
from briefgen.render.briefing import render_briefing

from .conftest import DAY, EXAMPLES, REPO


def test_windows_1252_text_is_read_with_its_accents_and_quotes():
    text = decode("Café owners said “prices rose” — again, on Monday.".encode("cp1252"))
    assert text == "Café owners said “prices rose” — again, on Monday."


def test_utf16_with_bom_is_read():
    assert decode("Storm hits the coast.".encode("utf-16")) == "Storm hits the coast."


@pytest.mark.parametrize(
    "data, reason",
    [(b"", "empty"), (b" \n\t ", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
     (bytes(range(1, 32)) * 40, "binary")],
)
def test_what_is_not_text_is_refused_with_a_reason(data, reason):
    with pytest.raises(ArticleError, match=reason):
        decode(data)


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.handlers: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        self.hrefs += [value or "" for name, value in attrs if name in ("href", "src")]


HOSTILE = [
    "<script>alert(1)</script>", "&lt;script&gt;alert(2)&lt;/script&gt;", "<iframe src=https://evil.example></iframe>",
    "&lt;iframe src=javascript:alert(3)&gt;", "<img src=x onerror=alert(4)>", "&lt;a href=javascript:alert(5)&gt;x&lt;/a&gt;",
    "<svg onload=alert(6)>", "&lt;body onload=alert(7)&gt;",
]


def test_a_briefing_built_from_hostile_articles_holds_no_script_frame_handler_or_script_link(tmp_path):
    fact = "The Portmouth harbour authority closed the north pier on Friday after storm damage to its deck, officials said."
    records = [
        {"title": f"Pier closed {h}", "text": f"{fact} {h}\n{h} Repairs will take weeks.", "outlet": f"Outlet {n}",
         "url": url}
        for n, (h, url) in enumerate(zip(HOSTILE, ["javascript:alert(1)", "data:text/html,<script>x</script>",
                                                   "https://ok.example/a", "vbscript:x", " javascript:alert(1)",
                                                   "https://ok.example/b\" onmouseover=\"alert(1)", "ftp://x", "//evil.example"]))
    ]
    source = tmp_path / "hostile.json"
    source.write_text(json.dumps(records), encoding="utf-8")
    briefing = build_briefing([source], BriefingConfig(show_single_source=True), on=DAY)
    assert briefing.stories[0].sentences, "the shared fact is in the summary"
    page = _Markup()
    page.feed(render_briefing(briefing)["briefing.html"])
    assert not {"script", "iframe", "img", "svg", "object", "embed", "form"} & set(page.tags)
    assert page.handlers == []
    assert all(h.startswith(("https://", "http://", "#")) for h in page.hrefs), page.hrefs
    assert not any("javascript" in h.lower() or "onmouseover" in h for h in page.hrefs)


def _run(args, **kwargs):
    return subprocess.Popen([sys.executable, "-m", "briefgen", "build", *args], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)


def test_a_run_killed_mid_way_leaves_each_briefing_file_whole(tmp_path):
    out = tmp_path / "out"
    day = out / "2023-08-31"
    assert _run([str(EXAMPLES), "--out", str(out), "--date", "2023-08-31"]).wait() == 0
    before = {p.name: p.read_bytes() for p in day.iterdir()}
    # a second, different input: its complete output is the only other acceptable content
    bigger = tmp_path / "in"
    shutil.copytree(EXAMPLES, bigger / "a")
    shutil.copy(REPO / "tests/fixtures/two_new_york_stories.jsonl", bigger / "ny.jsonl")
    reference = tmp_path / "reference"
    assert _run([str(bigger), "--out", str(reference), "--date", "2023-08-31"]).wait() == 0
    after = {p.name: p.read_bytes() for p in (reference / "2023-08-31").iterdir()}
    for delay in (0.3, 0.8, 1.5, 2.5, 4.0):
        process = _run([str(bigger), "--out", str(out), "--date", "2023-08-31"])
        time.sleep(delay)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        visible = {p.name: p.read_bytes() for p in day.iterdir() if not p.name.startswith(".")}
        assert set(visible) == set(before)
        for name, content in visible.items():
            assert content in (before[name], after[name]), name  # never a partial file
        # the folder is one run's briefing: never the new Markdown beside the old page
        changed = {name for name in visible if before[name] != after[name]}
        assert len({visible[name] == after[name] for name in changed}) <= 1, "files of two runs mixed"
    # the next complete run leaves no temporary file or folder behind, even those a killed run left
    assert _run([str(bigger), "--out", str(out), "--date", "2023-08-31"]).wait() == 0
    assert not [p.name for p in day.iterdir() if p.name.startswith(".")]
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]
    assert {p.name: p.read_bytes() for p in day.iterdir()} == after
