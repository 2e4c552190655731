"""Faults a daily job meets, each driven through the command line as cron or CI would run it: an odd
file name, a store that is locked, full, damaged or foreign, a killed run, a dripping feed, two runs at
once, a crafted link, a write that fails after publishing, a huge record. Nothing lost, nothing
injected, and the exit code tells the truth (docs/usage.md, "What happens when…")."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from markdown_it import MarkdownIt

from .conftest import EXAMPLES, REPO

DATE = "2023-08-31"


def briefgen(*args: str, **kwargs) -> subprocess.CompletedProcess:
    """`python -m briefgen build ARGS` as a user runs it, from the repository (its briefgen)."""
    return subprocess.run(
        [sys.executable, "-m", "briefgen", "build", *args], cwd=REPO, capture_output=True, text=True,
        errors="backslashreplace", timeout=300, **kwargs,
    )


def _build(inputs: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return briefgen(str(inputs), "--out", str(out), "--date", DATE, *extra)


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
