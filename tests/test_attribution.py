"""Who really wrote it: credits read in every real form and format, the original of a group of copies,
one outlet under any spelling, and the size limit held per article.

The articles are the seeds (examples/articles: real scraped copies of one 2023 story), re-posted here
the way spam sites re-post them: the spam site's name in the page's metadata and title, its menu and
footer around the article, the article's own credit line inside.
"""

from __future__ import annotations

import html
import json
from datetime import date
from pathlib import Path

import pytest

from briefgen import BriefingConfig, build_briefing
from briefgen.dedupe.minhash import choose_original, _original_first
from briefgen.ingest import read_paths
from briefgen.ingest.text import read_text
from briefgen.model import Article
from briefgen.provenance import OutletRegistry
from briefgen.provenance.sites import clean_site_name, one_outlet_per_site
from briefgen.provenance.titles import clean_title

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
DAY = date(2023, 8, 31)
SEED_OUTLETS = ["Associated Press", "CBS News", "The Hill", "The New York Times"]
REGISTRY = OutletRegistry.load()
SPAM = ("World News Daily", "worldnewsdaily.net")


def seed(prefix: str) -> Article:
    path = next(EXAMPLES.glob(f"{prefix}_*.txt"))
    return read_text(str(path), path.read_text(encoding="utf-8"), REGISTRY)


def spam_html(title: str, lines: list[str], byline: str | None = None, published: str | None = None) -> str:
    """A re-post as a spam site serves it: its name in og:site_name and the title, its menu and footer."""
    e = html.escape
    name, domain = SPAM
    credit = f'<p class="byline">{e(byline)}</p>' if byline else ""
    dated = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "\n".join(f"<p>{e(line)}</p>" for line in lines)
    return (
        f'<!DOCTYPE html><html><head><title>{e(title)} | {e(name)}</title>'
        f'<meta property="og:site_name" content="{e(name)}">'
        f'<meta property="og:url" content="https://www.{domain}/{len(title)}.html">{dated}</head>'
        f'<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><main><article><h1>{e(title)}</h1>'
        f"{credit}{body}</article></main><footer><p>© 2026 {e(name)}. All rights reserved.</p></footer></body></html>"
    )


def spam_text(title: str, lines: list[str]) -> str:
    name, _ = SPAM
    return "\n".join(["Skip to content", name, f"{title} | {name}", title, *lines, f"© 2026 {name}. All rights reserved."])


# (form, the credit as the copy carries it): each names The Hill, whose seed article is re-posted
CREDITS = {
    "byline": "By The Hill",
    "byline with a person": "By Alexander Bolton, The Hill",
    "source": "Source: The Hill",
    "originally appeared": "This article originally appeared on The Hill.",
    "distributed by": "Distributed by The Hill",
    "copyright": "© 2023 The Hill. All rights reserved.",
    "dateline": "WASHINGTON (The Hill) —",
}


def _with_credit(form: str, paragraphs: list[str]) -> list[str]:
    credit = CREDITS[form]
    if form == "dateline":
        return [f"{credit} {paragraphs[0]}", *paragraphs[1:]]
    if form.startswith("byline"):
        return [credit, *paragraphs]
    return [*paragraphs, credit]


def _write_copy(folder: Path, form: str, fmt: str) -> Path:
    hill = seed("003")
    lines = _with_credit(form, hill.body.split("\n"))
    name, domain = SPAM
    if fmt == "html":
        path, data = folder / "copy.html", spam_html(hill.title, lines)
    elif fmt == "txt":
        path, data = folder / "copy.txt", spam_text(hill.title, lines)
    elif fmt == "json":
        record = {"title": hill.title, "text": "\n".join(lines), "outlet": name, "url": f"https://{domain}/a.html"}
        path, data = folder / "copy.json", json.dumps(record)
    else:
        items = "".join(f"&lt;p&gt;{html.escape(line)}&lt;/p&gt;" for line in lines)
        data = (
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>{name}</title><item>'
            f"<title>{html.escape(hill.title)}</title><link>https://{domain}/a.html</link>"
            f"<description>{items}</description></item></channel></rss>"
        )
        path = folder / "copy.rss"
    path.write_text(data, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["html", "txt", "json", "rss"])
@pytest.mark.parametrize("form", list(CREDITS))
def test_a_credit_in_any_real_form_outranks_the_site_that_re_posted_it(tmp_path, form, fmt):
    path = _write_copy(tmp_path, form, fmt)
    (article,), skipped = read_paths([path], REGISTRY)
    assert not skipped
    assert article.outlet == "The Hill", f"{form} in {fmt}: credited to {article.outlet!r}"
    assert article.host is not None and "The Hill" not in article.host  # the spam site is kept as the host


@pytest.mark.parametrize("fmt", ["html", "txt"])
def test_a_byline_naming_a_person_is_not_an_outlet(tmp_path, fmt):
    hill = seed("003")
    lines = ["By Alexander Bolton", *hill.body.split("\n")]
    path = tmp_path / f"copy.{fmt}"
    path.write_text(spam_html(hill.title, lines) if fmt == "html" else spam_text(hill.title, lines), encoding="utf-8")
    (article,), _ = read_paths([path], REGISTRY)
    assert article.outlet == "World News Daily" and article.host is None
    assert article.author == "Alexander Bolton"


def test_a_copyright_line_naming_the_owning_company_is_not_an_outlet(tmp_path):
    hill = seed("003")
    lines = [*hill.body.split("\n"), "© 2023 Nexstar Media Inc. All rights reserved."]
    (tmp_path / "copy.html").write_text(spam_html(hill.title, lines), encoding="utf-8")
    (article,), _ = read_paths([tmp_path], REGISTRY)
    assert article.outlet == "World News Daily"


def test_the_new_york_times_keeps_its_own_story_when_a_spam_site_re_posts_it_with_a_byline(tmp_path):
    """The re-post names the Times only in a byline element (which trafilatura leaves out of the
    text) and is dated: it is the Times' article on a host, and the Times' own copy stays the original."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for path in EXAMPLES.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    nyt = seed("002")
    page = spam_html(nyt.title, nyt.body.split("\n"), byline="By The New York Times", published="2023-08-30")
    (folder / "world-news-daily.html").write_text(page, encoding="utf-8")

    briefing = build_briefing([folder], BriefingConfig(), on=DAY)
    (story,) = briefing.stories
    assert list(story.outlets) == SEED_OUTLETS
    by_path = {Path(a.path).name: a for a in briefing.articles}
    copy, times = by_path["world-news-daily.html"], by_path[Path(nyt.path).name]
    assert (copy.outlet, copy.host) == ("The New York Times", "worldnewsdaily.net")
    assert times.duplicate_of is None and copy.duplicate_of == times.id


def test_the_original_is_the_copy_on_the_credited_outlets_own_site_not_the_earliest_dated():
    times = Article(id="times", path="t", title="t", body="b", outlet="The New York Times")
    early_copy = Article(id="copy", path="c", title="t", body="b", outlet="The New York Times", host="spam.example", published="2023-08-29")
    uncredited = Article(id="spam", path="s", title="t", body="b", outlet="World News Daily", published="2023-08-30")
    keys = [_original_first(a) for a in (early_copy, uncredited, times)]
    assert choose_original(keys)[3] == "times"
    # without the outlet's own copy: a credited copy, never the uncredited re-post
    assert choose_original([_original_first(a) for a in (uncredited, early_copy)])[3] == "copy"
    # with no credit anywhere: the earliest dated
    other = Article(id="other", path="o", title="t", body="b", outlet="Repost Daily", published="2023-08-31")
    assert choose_original([_original_first(a) for a in (other, uncredited)])[3] == "spam"


def test_two_spellings_of_one_outlet_are_one_outlet(tmp_path):
    """Records name an outlet the registry does not know "Harbor Ledger" on one page of its site and
    "HarborLedger" on another; a site's pages name it "Inexhibit magazine" and "Inexhibitmagazine"."""
    cbs_one, cbs_two = seed("000"), seed("001")
    records = [
        {"title": cbs_one.title, "text": cbs_one.body, "outlet": "Harbor Ledger", "url": "https://www.harborledger.example/a"},
        {"title": cbs_two.title, "text": cbs_two.body, "outlet": "HarborLedger", "url": "https://news.harborledger.example/b"},
    ]
    (tmp_path / "records.json").write_text(json.dumps(records), encoding="utf-8")
    for prefix in ("002", "003", "004"):
        path = next(EXAMPLES.glob(f"{prefix}_*.txt"))
        (tmp_path / path.name).write_bytes(path.read_bytes())
    briefing = build_briefing([tmp_path], BriefingConfig(), on=DAY)
    (story,) = briefing.stories
    assert list(story.outlets) == ["Associated Press", "Harbor Ledger", "The Hill", "The New York Times"]

    same_letters = [
        Article(id="a", path="a", title="", body="", outlet="Inexhibit magazine", url="https://www.inexhibit.com/x"),
        Article(id="b", path="b", title="", body="", outlet="Inexhibitmagazine", url="https://www.inexhibit.com/y"),
    ]
    assert {a.outlet for a in one_outlet_per_site(same_letters)} == {"Inexhibit magazine"}


@pytest.mark.parametrize(
    "raw, domain, expected",
    [
        ("LinkNaija | Nigeria's popular news platform", "www.linknaija.com", "LinkNaija"),
        ("Autoracing | F1 | Indy | MotoGP | StockCar", "www.autoracing.com.br", "Autoracing"),
        ("Remember 80/90 - Memorabilia anni 80/90", "www.remember8090.it", "Remember 80/90"),
        ("SputnikInt", "sputniknews.com", "Sputnik"),
        ("Wday_", "www.wday.ru", "wday.ru"),
        ("Nj", "www.nj.com", "NJ.com"),
        ("Cleveland", "www.cleveland.com", "Cleveland.com"),
        ("Xyz", "www.xyz.com", "xyz.com"),  # a bare label of an unknown site: its domain
        (None, "www.bgr.com", "bgr.com"),
    ],
)
def test_site_names_are_cleaned(raw, domain, expected):
    assert clean_site_name(raw, domain, REGISTRY) == expected


@pytest.mark.parametrize(
    "title, site, domain, expected",
    [
        ("Best tech gadgets of 2019 | ZDNet", "ZDNet", "www.zdnet.com", "Best tech gadgets of 2019"),
        ("NASA adds five companies to commercial lunar lander program - SpaceNews.com", "SpaceNews", "spacenews.com",
         "NASA adds five companies to commercial lunar lander program"),
        ("LinkNaija | Nigeria's popular news platform: Nollywood Actress Looks Stunning", "LinkNaija | Nigeria's popular news platform",
         "www.linknaija.com", "Nollywood Actress Looks Stunning"),
        ("Milan Design Week 2018 | Anastassiades' light installation for FLOS", "Inexhibit magazine", "www.inexhibit.com",
         "Milan Design Week 2018 | Anastassiades' light installation for FLOS"),  # a headline in two parts stays
    ],
)
def test_headlines_lose_a_site_name_and_nothing_else(title, site, domain, expected):
    assert clean_title(title, [site], domain)[0] == expected


def test_a_json_lines_file_over_the_size_limit_is_read_record_by_record(tmp_path):
    """10,000 normal articles make a file far over the limit of one article: each record is held to the
    limit, not the file."""
    bodies = [seed(p) for p in ("000", "001", "002", "003", "004")]
    limit = 20_000
    path = tmp_path / "wire.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n in range(40):
            a = bodies[n % 5]
            out.write(json.dumps({"title": f"{a.title} ({n})", "text": a.body, "outlet": a.outlet}) + "\n")
        out.write(json.dumps({"title": "A dump", "text": "word " * 10_000}) + "\n")
    assert path.stat().st_size > 5 * limit
    articles, skipped = read_paths([tmp_path], REGISTRY, max_bytes=limit)
    assert len(articles) == 40
    assert [(Path(s.path).name, s.reason.split(" (")[0]) for s in skipped] == [("wire.jsonl:41", "record too large")]

    config = BriefingConfig(max_article_bytes=limit)
    briefing = build_briefing([tmp_path], config, on=DAY)
    assert len(briefing.articles) == 40 and briefing.stories


def test_a_single_article_file_over_the_limit_is_still_refused_unread(tmp_path):
    (tmp_path / "dump.txt").write_text("word " * 10_000, encoding="utf-8")
    articles, skipped = read_paths([tmp_path], REGISTRY, max_bytes=20_000)
    assert not articles and skipped[0].reason.startswith("file too large")


def test_every_article_of_a_story_is_listed_under_sources(tmp_path):
    """Cited articles are numbered; the others (copies included) are listed as "also covering", so an
    outlet named in "Reported by" is always findable under Sources."""
    from briefgen.render.briefing import render_briefing

    folder = tmp_path / "articles"
    folder.mkdir()
    for path in EXAMPLES.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    nyt = seed("002")
    (folder / "world-news-daily.html").write_text(
        spam_html(nyt.title, nyt.body.split("\n"), byline="By The New York Times"), encoding="utf-8"
    )
    briefing = build_briefing([folder], BriefingConfig(), on=DAY)
    files = render_briefing(briefing)
    (story,) = briefing.stories
    for name in ("briefing.md", "briefing.txt", "briefing.html", "briefing.email.html"):
        sources = files[name][files[name].rindex("Sources" if name != "briefing.txt" else "SOURCES") :]
        assert "Also covering" in sources
        for outlet in story.outlets:
            assert outlet in sources, f"{outlet} not under Sources in {name}"
        assert "via worldnewsdaily.net" in sources  # the re-post, with the site it was found on
        assert sources.count(nyt.title.split(" says")[0][:40]) >= 1
