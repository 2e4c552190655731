"""The seeds served as HTML pages, their scraped junk inside `<article>` as spam sites serve them, read
as the .txt files are: the same one story from the same four outlets, one-off and in daily runs.

Each page is built from a seed file line for line: every line of the scrape (breadcrumbs, "View",
"Date:", the tag list, the author blurb, the "Related", "Ranking" and "Recommendation" boxes) a
paragraph inside `<article>`, the site's name (the title's suffix in the scrape) in `og:site_name`.
"""

from __future__ import annotations

import html
import json
from datetime import date
from pathlib import Path

from briefgen import BriefingConfig, build_briefing
from briefgen.cli import main
from briefgen.ingest.text import read_text
from briefgen.provenance import OutletRegistry

from .test_daily import DAY_ONE, DAY_TWO, Site, rss, site  # noqa: F401 (the fixture)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
SEED_OUTLETS = ["Associated Press", "CBS News", "The Hill", "The New York Times"]


def seed_page(path: Path) -> bytes:
    text = path.read_text(encoding="utf-8")
    scraped = read_text(str(path), text, OutletRegistry.load())
    e = html.escape
    site_name = f'<meta property="og:site_name" content="{e(scraped.host)}">' if scraped.host else ""
    body = "\n".join(f"<p>{e(line)}</p>" for line in text.splitlines() if line.strip())
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{e(scraped.title)}</title>{site_name}</head>"
        f"<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>{body}</article>"
        f"<footer><p>Privacy | Terms</p></footer></body></html>"
    ).encode("utf-8")


def _as_html(folder: Path) -> Path:
    folder.mkdir()
    for path in sorted(EXAMPLES.glob("*.txt")):
        (folder / f"{path.stem}.html").write_bytes(seed_page(path))
    return folder


def test_seeds_as_html_pages_make_the_stories_of_the_text_files(tmp_path):
    pages = _as_html(tmp_path / "pages")
    as_text = build_briefing([EXAMPLES], BriefingConfig(), on=DAY_ONE)
    as_html = build_briefing([pages], BriefingConfig(), on=DAY_ONE)

    assert [list(s.outlets) for s in as_html.stories] == [SEED_OUTLETS] == [list(s.outlets) for s in as_text.stories]
    words_of = {Path(a.path).stem: len(a.body.split()) for a in as_text.articles}
    for article in as_html.articles:
        # the junk inside <article> is gone: about the words of the same text read as .txt (639 → 270 before)
        assert abs(len(article.body.split()) - words_of[Path(article.path).stem]) <= 0.1 * words_of[Path(article.path).stem]
        assert "Recommendation" not in article.body and "Date:" not in article.body


def test_seeds_as_html_pages_across_two_daily_feed_runs_with_a_store(site, tmp_path):  # noqa: F811
    seeds = sorted(EXAMPLES.glob("*.txt"))
    for path in seeds:
        site.routes[f"/{path.stem}"] = seed_page(path)
    day_one = [p for p in seeds if p.name[:3] in ("000", "002", "003")]  # CBS, the Times' reprint, The Hill
    out = tmp_path / "out"
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{site.url}/seeds.rss\n", encoding="utf-8")

    def run(day, pages) -> dict:
        site.routes["/seeds.rss"] = rss([(p.stem, f"{site.url}/{p.stem}") for p in pages], title="Seeds")
        argv = ["build", "--feeds", str(feeds), "--out", str(out), "--date", day.isoformat(), "--timeout", "5", "--retries", "0"]
        assert main(argv) == 0
        return json.loads((out / day.isoformat() / "briefing.json").read_text(encoding="utf-8"))

    first = run(DAY_ONE, day_one)
    (story,) = first["stories"]
    assert story["outlets"] == ["CBS News", "The Hill", "The New York Times"]

    second = run(DAY_TWO, seeds)
    (later,) = second["stories"]
    assert later["id"] == story["id"] and later["status"] == "developing"
    assert later["outlets"] == SEED_OUTLETS
    assert later["new_articles"] == 2


# The day the seeds' stories ran: what their feed items say, whatever the spam pages print above them.
SEEDS_PUBLISHED = "Wed, 30 Aug 2023 16:00:00 GMT"


def dated_rss(items: list[tuple[str, str]], published: str, title: str = "Seeds") -> bytes:
    entries = "".join(f"<item><title>{t}</title><link>{link}</link><pubDate>{published}</pubDate></item>" for t, link in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{entries}</channel></rss>'.encode()


def test_seeds_as_html_through_a_dated_feed_on_two_days_make_one_story(site, tmp_path):  # noqa: F811
    """The spam copies print "View Date: 2025-04-…" above a 2023 article; the feed item's date is the
    article's, so the five copies stay one story of four outlets, and day two counts its two new ones."""
    seeds = sorted(EXAMPLES.glob("*.txt"))
    for path in seeds:
        site.routes[f"/{path.stem}"] = seed_page(path)
    day_one = [p for p in seeds if p.name[:3] in ("000", "002", "003")]
    out = tmp_path / "out"
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{site.url}/seeds.rss\n", encoding="utf-8")

    def run(day, pages) -> dict:
        site.routes["/seeds.rss"] = dated_rss([(p.stem, f"{site.url}/{p.stem}") for p in pages], SEEDS_PUBLISHED)
        argv = ["build", "--feeds", str(feeds), "--out", str(out), "--date", day.isoformat(), "--timeout", "5", "--retries", "0"]
        assert main(argv) == 0
        return json.loads((out / day.isoformat() / "briefing.json").read_text(encoding="utf-8"))

    # the briefings of the two days after the items' date: their news (an older story is "Earlier")
    first = run(date(2023, 8, 31), day_one)
    second = run(date(2023, 9, 1), seeds)
    for briefing in (first, second):
        # no article takes the spam pages' "View Date: 2025-…"; the sites' own copies take their feed's
        # date, and a re-post has its original's date or none
        assert {a["published"] for a in briefing["articles"]} <= {"2023-08-30", None}
        assert all(a["published"] == "2023-08-30" for a in briefing["articles"] if not a.get("host"))
    (story,) = first["stories"]
    assert story["outlets"] == ["CBS News", "The Hill", "The New York Times"]
    (later,) = second["stories"]
    assert later["id"] == story["id"] and later["outlets"] == SEED_OUTLETS
    assert later["new_articles"] == 2
