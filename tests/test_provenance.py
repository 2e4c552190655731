"""Who wrote an article, its title and its date, decided once for every reader (`briefgen.provenance`)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from briefgen import BriefingConfig
from briefgen.dedupe.minhash import mark_duplicates
from briefgen.ingest import read_paths
from briefgen.model import Article
from briefgen.provenance import OutletRegistry
from briefgen.ingest.main_text import parse
from briefgen.provenance.dates import declared_date, page_date
from briefgen.provenance.titles import clean_outlet_name, clean_title

REGISTRY = OutletRegistry.load()
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"

HEADLINE = "White House says top Russian official pitched North Korea on increasing sale of munitions to Moscow"
PARAGRAPHS = [
    "The White House on Thursday said U.S. intelligence officials have determined that Russian Defense Minister "
    "Sergei Shoigu spoke last week to North Korean leader Kim Jong Un about selling munitions to Moscow.",
    "The Biden administration says Shoigu's pitch to tighten cooperation with North Korea underscored that the "
    "Kremlin has become reliant on the country, as well as on Iran, for weapons to fight the war in Ukraine.",
]


def _every_reader(folder: Path, title: str) -> None:
    """The same article, titled `title`, as an HTML page, a plain-text scrape, a JSON record and a feed item."""
    body_html = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    (folder / "page.html").write_text(
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body><article><h1>{HEADLINE}</h1>{body_html}</article></body></html>",
        encoding="utf-8",
    )
    (folder / "scrape.txt").write_text("\n".join(["Home > World", title, *PARAGRAPHS, "Related", "- Another story"]), encoding="utf-8")
    (folder / "record.json").write_text(json.dumps({"title": title, "text": "\n".join(PARAGRAPHS)}), encoding="utf-8")
    (folder / "feed.rss").write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title><item><title>{title}</title>'
        f"<description>{' '.join(PARAGRAPHS)}</description></item></channel></rss>",
        encoding="utf-8",
    )


@pytest.mark.parametrize(
    "title",
    [
        f"{HEADLINE} | DailyPulse Wire",
        f"{HEADLINE} | Editorial",
        f"{HEADLINE} - Streamline Finance",
        f"DailyPulse Wire | {HEADLINE} | World",
    ],
)
def test_the_same_title_is_read_the_same_by_every_reader(tmp_path, title):
    _every_reader(tmp_path, title)
    articles, skipped = read_paths([tmp_path], REGISTRY)
    assert not skipped
    assert {a.path.rsplit("/", 1)[-1]: a.title for a in articles} == {
        name: HEADLINE for name in ("feed.rss#0", "page.html", "record.json", "scrape.txt")
    }


def test_a_call_to_read_on_leaves_a_title():
    assert clean_title(f"{HEADLINE} - Read the original article")[0] == HEADLINE


def test_a_headline_in_two_parts_keeps_both():
    title = "Milan Design Week 2018 | Anastassiades' light installation for FLOS"
    assert clean_title(title, ["Inexhibit magazine"], "www.inexhibit.com")[0] == title


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Futurism. Read the original article", "Futurism"),
        ("Futurism. Read the original article.", "Futurism"),
        ("City A.M.", "City A.M."),
        ("Economia", None),
        ("© 2016 aryanews.com", "aryanews.com"),
        ("Live Science", "Live Science"),
    ],
)
def test_outlet_names_lose_what_is_no_part_of_them(raw, expected):
    assert clean_outlet_name(raw) == expected


def _page(head: str = "", body: str = "") -> str:
    return f"<!DOCTYPE html><html><head><title>T</title>{head}</head><body><article>{body}<p>{PARAGRAPHS[0]}</p></article></body></html>"


def _page_date(html: str, url: str | None = None, feed_date: str | None = None, page_text: str = ""):
    """The page's date as the HTML reader finds it: the declared date read from its one parse."""
    return page_date(declared_date(parse(html)), url, feed_date, page_text, html)


def test_dates_follow_the_written_order():
    declared = '<meta property="article:published_time" content="2023-08-30T14:00:00Z">'
    in_text = "<p>Published August 12, 2023</p>"
    url = "https://news.example.com/2023/08/29/story"
    # 1. the page's declared date beats everything
    found = _page_date(_page(declared, in_text), "https://x.example.com/2023/08/20/s", "2023-09-02")
    assert (found.published, found.evidence) == ("2023-08-30", "declared")
    # …but a UTC timestamp one day past the URL's date is the URL's day
    assert _page_date(_page(declared), url).published == "2023-08-29"
    # 2. the URL's date beats the feed's and the text's
    assert _page_date(_page(body=in_text), url, "2023-09-02").evidence == "url"
    # 3. the feed's date beats a date in the text
    assert _page_date(_page(body=in_text), None, "2023-09-02").published == "2023-09-02"
    # 4. a date in the text, last
    assert _page_date(_page(body=in_text), None, None).published == "2023-08-12"


@pytest.mark.parametrize("label", ["View Date:", "Viewed", "Accessed on", "Printed"])
def test_a_date_labelled_as_a_visit_or_a_print_is_not_the_publication(label):
    page = _page(body=f"<p>{label} 2025-04-21 13:04:12</p>")
    assert _page_date(page, None, None).published is None


def test_a_last_updated_date_is_kept_as_the_update():
    found = _page_date(_page(body="<p>Last updated: 2023-09-01</p>"), None, "2023-08-30", "Last updated: 2023-09-01")
    assert (found.published, found.updated) == ("2023-08-30", "2023-09-01")


def test_a_copyright_year_is_not_a_date():
    assert _page_date(_page(body="<footer>© 2019 Example Media. All rights reserved.</footer>"), None).published is None


def test_a_credited_copy_has_no_date_of_its_own_and_takes_its_originals(tmp_path):
    """A spam page's "View Date: 2025-04-15" above an AP story is the re-post's date: the article's
    date is its original's, here AP's own page."""
    seed = (EXAMPLES / "004_4bfa6219a026e7f3.txt").read_text(encoding="utf-8")
    (tmp_path / "copy.txt").write_text(seed, encoding="utf-8")
    (copy,), _ = read_paths([tmp_path / "copy.txt"], REGISTRY)
    assert (copy.outlet, copy.host, copy.published) == ("Associated Press", "消息", None)
    original = replace(copy, id="original", path="ap.json", host=None, published="2023-08-30")
    marked = {a.id: a for a in mark_duplicates([copy, original], BriefingConfig())}
    assert marked[copy.id].duplicate_of == "original"
    assert marked[copy.id].published == "2023-08-30"


def test_a_site_without_a_name_is_known_by_its_registrable_domain(tmp_path):
    record = {"title": HEADLINE, "text": "\n".join(PARAGRAPHS), "url": "https://news.someplace-gazette.co.uk/world/123"}
    (tmp_path / "r.json").write_text(json.dumps(record), encoding="utf-8")
    (article,), _ = read_paths([tmp_path], REGISTRY)
    assert article.outlet == "someplace-gazette.co.uk"


def test_undated_copies_take_the_earliest_date_of_their_group():
    body = "\n".join(PARAGRAPHS * 3)
    a = Article(id="a", path="a", title=HEADLINE, body=body, outlet="X", published="2023-08-31")
    b = Article(id="b", path="b", title=HEADLINE, body=body, outlet="Y", host="y.example", published=None)
    c = Article(id="c", path="c", title=HEADLINE, body=body, outlet="Z", published="2023-08-30")
    marked = {m.id: m for m in mark_duplicates([a, b, c], BriefingConfig())}
    assert marked["b"].published == "2023-08-30"
    assert (marked["a"].published, marked["c"].published) == ("2023-08-31", "2023-08-30")


def test_a_credited_copy_keeps_the_date_its_credit_line_states(tmp_path):
    """The re-post says when its original ran: that date is the article's, not the page's."""
    credit = "This article originally appeared on The Hill on August 30, 2023."
    page = (
        "<!DOCTYPE html><html><head><title>T</title><meta property='og:site_name' content='Daily Globe Herald'>"
        "<meta property='article:published_time' content='2025-04-21T10:00:00Z'></head><body><article>"
        f"<h1>{HEADLINE}</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + f"<p>{credit}</p></article></body></html>"
    )
    (tmp_path / "copy.html").write_text(page, encoding="utf-8")
    (article,), _ = read_paths([tmp_path], REGISTRY)
    assert (article.outlet, article.host, article.published) == ("The Hill", "Daily Globe Herald", "2023-08-30")
