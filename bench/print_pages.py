"""The real day's page printed to A4 in Chromium: how many pages.

The briefing of the real day (the examples plus the 120 shared pages) is rendered twice: with the
bundled templates, and with the page frame (`base.html.j2`, which holds the print style) of an
earlier revision given through `--templates`. Each is printed to PDF by headless Chromium
(Playwright driving the system browser) and its pages counted.

    PYTHONPATH=. python bench/print_pages.py --shared ../shared --before d19b512
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from real_day import REPO, real_day_inputs  # noqa: E402

from briefgen import BriefingConfig, build_briefing  # noqa: E402
from briefgen.render.briefing import render_briefing  # noqa: E402

def printed(browser, html: Path) -> tuple[int, int]:
    page = browser.new_page()
    page.goto(html.as_uri(), wait_until="load")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    details = page.evaluate("document.querySelectorAll('details').length")
    page.close()
    return pages, details


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--before", default="d19b512", help="revision whose base.html.j2 is the 'before' page frame")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with real_day_inputs(args.shared) as inputs:
        briefing = build_briefing(inputs, BriefingConfig(), on=date(2023, 8, 31))
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "old-templates"
        old.mkdir()
        frame = subprocess.run(["git", "-C", str(REPO), "show", f"{args.before}:templates/base.html.j2"],
                               capture_output=True, text=True, check=True).stdout
        (old / "base.html.j2").write_text(frame, encoding="utf-8")
        pages = {}
        for name, templates in (("before", old), ("after", None)):
            html = Path(tmp) / f"{name}.html"
            html.write_text(render_briefing(briefing, BriefingConfig(templates_dir=templates), only=["briefing.html"])["briefing.html"], encoding="utf-8")
            pages[name] = html
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
            print(f"real day: {len(briefing.stories)} stories; page printed to A4 by Chromium")
            print("| page frame | A4 pages | <details> on the page |")
            print("| --- | ---: | ---: |")
            for name, html in pages.items():
                count, details = printed(browser, html)
                print(f"| {name} | {count} | {details} |")
            browser.close()


if __name__ == "__main__":
    main()
