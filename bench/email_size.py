"""The newsletter on a real news day: does it arrive whole?

Builds the briefing of the seeds plus the 120 real pages of ../shared/data/extraction/ (each page as
its HTML file, as bench/lines.py does), renders it with a `--web-url`, and reports:

- the size of `briefing.email.html` and `briefing.txt` against the limit (mail clients clip longer
  messages: Gmail at about 102 KB), and how many style attributes and <style> blocks the email has;
- whether every story with a shared fact is in the email in full (its headline and every line), and
  every other story is one line under "Also today" with an http(s) link; how many moved for room;
- whether the first and the last link of the email are the full briefing's address, and every
  link is http(s);
- with `--browser`: the email in the system Chromium at 375 and 600 px, with and without its
  <style> block, and how wide the page is (wider than the window: sideways scrolling).

Usage: python bench/email_size.py [--shared ../shared] [--browser]
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import tempfile
import time
from pathlib import Path

from real_day import real_day_inputs

from briefgen import BriefingConfig, build_briefing
from briefgen.render.briefing import render_briefing

REPO = Path(__file__).resolve().parent.parent
WEB = "https://news.example.org/briefings"


def visible(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page[page.index("<body"):])).split())


def report(paths: list[Path], browser: bool) -> None:
    config = BriefingConfig(web_url=WEB)
    briefing = build_briefing(paths, config)
    started = time.process_time()
    files = render_briefing(briefing, config)
    cpu = time.process_time() - started
    email, text = files["briefing.email.html"], files["briefing.txt"]
    page_address = f"{WEB}/{briefing.date.isoformat()}/briefing.html"

    shared = [s for s in briefing.stories if s.sentences]
    others = [s for s in briefing.stories if not s.sentences]
    in_full = {html.unescape(h) for h in re.findall(r"<h2>\d+\. ([^<]+)</h2>", email)}
    also = re.search(r'<ul class="also">(.*?)</ul>', email, re.S)
    items = re.findall(r"<li>(.*?)</li>", also.group(1), re.S) if also else []
    shown = visible(email)
    full_ok = [s for s in shared if s.headline in in_full and all(" ".join(x.text.split()) in shown for x in s.sentences)]
    lines_ok = [s for s in others if any(html.escape(s.headline, quote=False) in li and re.search(r'href="https?://', li) for li in items)]
    hrefs = re.findall(r'<a [^>]*href="([^"]*)"', email)
    moved = re.search(r"(\d+) stor(?:y|ies) with a shared fact moved", email)

    print(f"stories {len(briefing.stories)}; with a shared fact {len(shared)}; other {len(others)}")
    print(f"briefing.email.html {len(email.encode('utf-8')):,} bytes (limit {config.email_max_bytes:,}); "
          f"style attributes {email.count(' style=')}; <style> blocks {email.count('<style>')}")
    print(f"briefing.txt {len(text.encode('utf-8')):,} bytes (limit {config.email_max_bytes:,})")
    print(f"in full {len(full_ok)} of {len(shared)} with a shared fact; moved to Also today {moved.group(1) if moved else 0}")
    print(f"one line with an http(s) link {len(lines_ok)} of {len(others)} other stories; "
          f"Also today lines {len(items)}")
    print(f"web link first and last: {hrefs[:1] == [page_address] and hrefs[-1:] == [page_address]}; "
          f"links {len(hrefs)}, not http(s) {sum(1 for h in hrefs if not h.startswith(('http://', 'https://')))}")
    print(f"render (page, Markdown, email, text, JSON) CPU {cpu:.2f} s")
    if browser:
        _in_chromium(email)


def _in_chromium(email: str) -> None:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"])
        for stylesheet, content in (("kept", email), ("dropped", re.sub(r"<style>.*?</style>", "", email, flags=re.S))):
            path = Path(tmp) / f"email-{stylesheet}.html"
            path.write_text(content, encoding="utf-8")
            for width in (375, 600):
                page = launched.new_page(viewport={"width": width, "height": 900})
                page.goto(path.as_uri(), wait_until="load")
                wide = page.evaluate("document.scrollingElement.scrollWidth")
                print(f"chromium {width} px, <style> {stylesheet}: page {wide} px wide "
                      f"({'fits' if wide <= width else 'scrolls sideways'})")
                page.close()
        launched.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--browser", action="store_true", help="also open the email in the system Chromium")
    args = parser.parse_args()
    with real_day_inputs(args.shared) as inputs:
        report(inputs, args.browser)


if __name__ == "__main__":
    main()
