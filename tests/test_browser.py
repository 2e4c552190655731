"""The HTML briefing in a real headless Chromium (Debian `chromium`), driven by Playwright.

Never `playwright install`: we launch the system browser. Screenshots at 375 px and 1440 px are kept
under tests/artifacts/ (gitignored) and their paths printed. Without Chromium these tests fail when
CI=true (CI must install it, see README) and skip locally.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from briefgen import BriefingConfig, build_briefing
from briefgen.render.briefing import render_briefing

from .conftest import DAY, EXAMPLES, REPO

FIXTURES = REPO / "tests" / "fixtures"

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        message = "Chromium not found: install the Debian package `chromium` (apt-get install -y chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def page_file(tmp_path_factory) -> Path:
    # The seeds, and a story whose two outlets share no fact (shown as each outlet's labelled lead)
    briefing = build_briefing([EXAMPLES, FIXTURES / "no_shared_fact.json"], BriefingConfig(), on=DAY)
    path = tmp_path_factory.mktemp("page") / "briefing.html"
    path.write_text(render_briefing(briefing)["briefing.html"], encoding="utf-8")
    return path


@pytest.mark.parametrize("width,height", [(375, 812), (1440, 900)])
def test_the_page_loads_offline_cleanly_and_fits_the_screen(browser, page_file, width, height):
    page = browser.new_page(viewport={"width": width, "height": height})
    outside, errors = [], []
    page.on("request", lambda r: None if r.url.startswith(("file:", "data:", "about:")) else outside.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(page_file.as_uri(), wait_until="load")

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"briefing-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"screenshot: {shot}")

    assert outside == [], f"the page asked the network for {outside}"
    assert errors == [], f"console errors: {errors}"
    scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
    assert scroll_width <= width, f"horizontal scrolling at {width}px: {scroll_width}px wide"
    assert page.evaluate("document.documentElement.lang")
    assert page.evaluate("document.scripts.length") == 0
    # the story without a shared fact shows each outlet's lead, labelled as that outlet's only
    labels = page.evaluate("[...document.querySelectorAll('ul.by-outlet .only')].map(e => e.innerText)")
    assert labels == ["Associated Press only:", "CBS News only:"]
    page.close()


def test_every_citation_link_lands_on_an_anchor(browser, page_file):
    page = browser.new_page(viewport={"width": 375, "height": 812})
    page.goto(page_file.as_uri(), wait_until="load")
    targets = page.evaluate(
        "[...document.querySelectorAll('a[href^=\"#\"]')].map(a => a.getAttribute('href').slice(1))")
    assert targets, "no in-page citation links"
    missing = page.evaluate("ids => ids.filter(id => !document.getElementById(decodeURIComponent(id)))", targets)
    assert missing == [], f"links to anchors that do not exist: {missing}"
    page.close()


def without_stylesheet(html: str) -> str:
    """The email as a mail client that drops <style> shows it."""
    return re.sub(r"<style>.*?</style>", "", html, flags=re.S)


@pytest.fixture(scope="module")
def email_html() -> str:
    """The newsletter of the seeds, a story without a shared fact ("Also today") and two more, with
    its links into the published full briefing."""
    day = [EXAMPLES, FIXTURES / "no_shared_fact.json", FIXTURES / "two_new_york_stories.jsonl"]
    config = BriefingConfig(web_url="https://news.example.org/briefings")
    return render_briefing(build_briefing(day, config, on=DAY), config)["briefing.email.html"]


@pytest.mark.parametrize("width", [375, 600])
@pytest.mark.parametrize("stylesheet", ["kept", "dropped"])
def test_the_newsletter_fits_a_phone_and_its_sheet_with_or_without_its_stylesheet(browser, email_html, tmp_path, width, stylesheet):
    path = tmp_path / "briefing.email.html"
    path.write_text(email_html if stylesheet == "kept" else without_stylesheet(email_html), encoding="utf-8")
    page = browser.new_page(viewport={"width": width, "height": 812})
    outside = []
    page.on("request", lambda r: None if r.url.startswith(("file:", "data:", "about:")) else outside.append(r.url))
    page.goto(path.as_uri(), wait_until="load")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"briefing-email-{width}-{stylesheet}.png"), full_page=True)
    assert outside == []
    assert page.evaluate("document.styleSheets.length") == (1 if stylesheet == "kept" else 0)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    # nothing sticks out of the sheet either (a long link or headline would, without wrapping)
    widest = page.evaluate("Math.max(...[...document.querySelectorAll('td.pad *')].map(e => e.getBoundingClientRect().right))")
    assert widest <= width
    assert page.locator("h2", has_text="Also today").count() == 1
    page.close()


@pytest.fixture(scope="module")
def reading_page(tmp_path_factory) -> Path:
    """The seeds, two stories several outlets carry, and two one-outlet stories (their lines folded
    under <details>), one of them with a Korean headline and lines."""
    folder = tmp_path_factory.mktemp("reading")
    records = [
        {"title": "서울시, 지하철 요금 150원 인상 확정", "outlet": "Yonhap", "url": "https://en.yna.co.kr/view/1",
         "published": "2023-08-31",
         "text": "서울시는 다음 달 7일부터 지하철 기본요금을 150원 인상한다고 31일 밝혔다.\n"
                 "시는 누적된 적자와 물가 상승을 인상 이유로 들었다.\n"
                 "버스 요금은 이미 지난 12일 300원 올랐다."},
        {"title": "Harbor council approves new ferry terminal", "outlet": "Coastal Courier",
         "url": "https://courier.example/ferry", "published": "2023-08-31",
         "text": "The harbor council approved a new ferry terminal on Thursday after a two-year review.\n"
                 "Construction is expected to start next spring and take about eighteen months.\n"
                 "The terminal will serve three island routes and replace a dock built in 1962."},
    ]
    extra = folder / "extra.json"
    extra.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    day = [EXAMPLES, FIXTURES / "no_shared_fact.json", FIXTURES / "two_new_york_stories.jsonl", extra]
    briefing = build_briefing(day, BriefingConfig(), on=DAY)
    path = folder / "briefing.html"
    path.write_text(render_briefing(briefing)["briefing.html"], encoding="utf-8")
    return path


def _luminance(css_colour: str) -> float:
    r, g, b = (int(v) for v in re.findall(r"\d+", css_colour)[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_page_follows_the_readers_colour_scheme(browser, reading_page, scheme):
    page = browser.new_page(viewport={"width": 1024, "height": 900}, color_scheme=scheme)
    page.goto(reading_page.as_uri(), wait_until="load")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"briefing-{scheme}.png"), full_page=True)
    background = _luminance(page.evaluate("getComputedStyle(document.body).backgroundColor"))
    text = _luminance(page.evaluate("getComputedStyle(document.body).color"))
    chip = _luminance(page.evaluate("getComputedStyle(document.querySelector('a.cite')).backgroundColor"))
    if scheme == "dark":
        assert background < 0.15 and text > 0.8 and chip < 0.3
    else:
        assert background > 0.9 and text < 0.2 and chip > 0.8
    assert abs(text - background) > 0.6  # readable either way
    page.close()


def test_the_printed_page_unfolds_lines_shows_addresses_keeps_bars_and_stories_whole(browser, reading_page):
    page = browser.new_page(viewport={"width": 800, "height": 1100})
    page.goto(reading_page.as_uri(), wait_until="load")
    folded = "document.querySelector('details.lines li')"
    assert page.locator("details.lines").count() >= 2
    assert page.evaluate(f"{folded}.checkVisibility()") is False  # folded on screen
    page.emulate_media(media="print")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "briefing-print.png"), full_page=True)
    assert page.evaluate(f"{folded}.checkVisibility()") is True  # unfolded on paper
    after = page.evaluate("getComputedStyle(document.querySelector('ol.sources a[href^=\"http\"]'), '::after').content")
    href = page.evaluate("document.querySelector('ol.sources a[href^=\"http\"]').href")
    assert href.rstrip("/") in after
    cell = "getComputedStyle(document.querySelector('table.coverage-bar td'))"
    assert page.evaluate(f"{cell}.printColorAdjust") == "exact"
    assert page.evaluate("getComputedStyle(document.querySelector('article')).breakInside") == "avoid"
    assert page.evaluate("getComputedStyle(document.querySelector('nav')).display") == "none"
    pdf = page.pdf(format="A4", print_background=False)
    (ARTIFACTS / "briefing.pdf").write_bytes(pdf)
    page.close()


def test_each_source_links_back_to_the_stories_that_cite_it(browser, reading_page):
    page = browser.new_page(viewport={"width": 375, "height": 812})
    page.goto(reading_page.as_uri(), wait_until="load")
    pairs = page.evaluate(
        "[...document.querySelectorAll('ol.sources > li')].map(li => [li.id,"
        " [...li.querySelectorAll('a.back')].map(a => a.getAttribute('href').slice(1))])"
    )
    assert pairs and all(backs for _, backs in pairs), "a cited source without a way back"
    for source, backs in pairs:
        for story in backs:  # the story a back link names cites that source
            cites = page.evaluate(
                "([s, src]) => [...document.getElementById(s).querySelectorAll('a')].some(a => a.getAttribute('href') === '#' + src)"
                " || [...document.querySelectorAll('#' + s + ' a')].length === 0",
                [story, source],
            )
            assert cites, f"{source} links back to {story}, which does not cite it"
    page.close()


def test_text_in_another_language_carries_its_lang(browser, reading_page):
    page = browser.new_page(viewport={"width": 375, "height": 812})
    page.goto(reading_page.as_uri(), wait_until="load")
    korean = page.evaluate("[...document.querySelectorAll('[lang=\"ko\"]')].map(e => e.textContent.trim())")
    assert "서울시, 지하철 요금 150원 인상 확정" in korean
    assert any(text.startswith("서울시는 다음 달") for text in korean)  # its lines too
    assert page.evaluate("document.documentElement.lang") == "en"
    english = page.evaluate("[...document.querySelectorAll('h2[lang]')].map(e => e.innerText)")
    assert not [h for h in english if "WeWork" in h or "Omar" in h]  # English headlines inherit the page's
    page.close()
