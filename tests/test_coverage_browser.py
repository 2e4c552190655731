"""The coverage bars in a real headless Chromium (see tests/test_browser.py): they render at phone and
desktop widths without overflow or network requests, each segment as wide as its share; the
newsletter keeps them when a mail client drops its stylesheet; a fact's spread opens on a tap. Screenshots go to
tests/artifacts/."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from briefgen import BriefingConfig, build_briefing
from briefgen.render.briefing import render_briefing

from .conftest import EXAMPLES
from .test_browser import ARTIFACTS, browser, without_stylesheet  # noqa: F401  (the shared Chromium fixture)

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    """The seeds and the two New York stories: three bars, one blind spot."""
    day = tmp_path_factory.mktemp("day")
    for f in EXAMPLES.iterdir():
        shutil.copy(f, day / f.name)
    shutil.copy(FIXTURES / "two_new_york_stories.jsonl", day)
    rendered = render_briefing(build_briefing([day], BriefingConfig(), on=date(2023, 8, 31)))
    out = tmp_path_factory.mktemp("out")
    paths = {}
    for name in ("briefing.html", "briefing.email.html"):
        (out / name).write_text(rendered[name], encoding="utf-8")
        paths[name] = out / name
    return paths


def _open(browser, path: Path, width: int):  # noqa: F811
    page = browser.new_page(viewport={"width": width, "height": 900})
    outside = []
    page.on("request", lambda r: None if r.url.startswith(("file:", "data:", "about:")) else outside.append(r.url))
    page.goto(path.as_uri(), wait_until="load")
    return page, outside


def _bars(page) -> list[dict]:
    return page.evaluate("""[...document.querySelectorAll('table.coverage-bar')].map(t => ({
        width: t.getBoundingClientRect().width,
        right: t.getBoundingClientRect().right,
        cells: [...t.querySelectorAll('td')].map(td => ({
            width: td.getBoundingClientRect().width,
            height: td.getBoundingClientRect().height,
            colour: getComputedStyle(td).backgroundColor,
            share: parseInt(td.getAttribute('width')),
        })),
    }))""")


@pytest.mark.parametrize("width", [375, 1440])
def test_the_bars_render_without_overflow_or_network(browser, files, width):  # noqa: F811
    page, outside = _open(browser, files["briefing.html"], width)
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"coverage-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"screenshot: {shot}")

    assert outside == [], f"the page asked the network for {outside}"
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    bars = _bars(page)
    assert len(bars) == 3
    for bar in bars:
        assert 0 < bar["width"] and bar["right"] <= width
        drawn = sum(c["width"] for c in bar["cells"])
        for cell in bar["cells"]:
            assert cell["height"] > 0 and cell["colour"] not in ("rgba(0, 0, 0, 0)", "transparent")
            # each segment takes its share of the bar, to a pixel or two of rounding
            assert abs(cell["width"] - drawn * cell["share"] / 100) <= 2, bar
    page.close()


def test_the_newsletter_keeps_its_bars_with_no_stylesheet(browser, files, tmp_path):  # noqa: F811
    # as a mail client that drops <style> shows it
    dropped = tmp_path / "briefing.email.html"
    dropped.write_text(without_stylesheet(files["briefing.email.html"].read_text("utf-8")), encoding="utf-8")
    page, outside = _open(browser, dropped, 375)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "coverage-email-375.png"), full_page=True)
    assert outside == []
    assert page.evaluate("document.styleSheets.length") == 0
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 375
    bars = _bars(page)
    assert len(bars) == 3
    assert all(c["height"] > 0 and c["colour"] != "rgba(0, 0, 0, 0)" for b in bars for c in b["cells"])
    page.close()


def test_a_facts_spread_opens_on_a_tap(browser, files):  # noqa: F811
    page, _ = _open(browser, files["briefing.html"], 375)
    spread = page.locator("details.spread").first
    text = spread.evaluate("d => d.textContent")
    assert spread.evaluate("d => d.open") is False
    spread.locator("summary").click()
    assert spread.evaluate("d => d.open") is True
    assert " outlets · " in text and page.locator("details.spread[open]").first.is_visible()
    page.close()
