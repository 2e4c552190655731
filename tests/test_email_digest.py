"""The newsletter is a digest that arrives whole: the stories with a shared fact in full, every other
story one line under "Also today", the full briefing one link away, and both parts under the size at
which mail clients clip a message, whatever the day's size."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown
import pytest

from briefgen import BriefingConfig, build_briefing
from briefgen.cli import main
from briefgen.model import Article, Briefing, Citation, Story, StoryBrief, SummarySentence
from briefgen.render.briefing import numbered_sources, render_briefing

from .conftest import DAY, EXAMPLES, REPO

FIXTURES = REPO / "tests" / "fixtures"
WEB = "https://news.example.org/briefings"
PAGE = f"{WEB}/{DAY.isoformat()}/briefing.html"
LIMIT = 100_000


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")


def links(page: str) -> list[str]:
    parser = _Links()
    parser.feed(page)
    return parser.hrefs


def visible_text(page: str) -> str:
    body = page[page.index("<body"):]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


# --- a long synthetic day ------------------------------------------------------------------------


def _synthetic_day(stories: int, with_shared_fact: int) -> Briefing:
    """`stories` stories, the first `with_shared_fact` of them told by 2-6 outlets who share three
    facts, the rest by one outlet each; every article has an http(s) address."""
    articles, briefs = [], []
    for i in range(stories):
        outlets = [f"Outlet {chr(65 + k)}{i % 7}" for k in range(2 + i % 5)] if i < with_shared_fact else [f"Blog {i}"]
        ids = []
        for k, outlet in enumerate(outlets):
            aid = f"a{i:05d}{k}"
            ids.append(aid)
            articles.append(Article(aid, f"day/{aid}.html", f"Harbour plan {i} as {outlet} tells it", "body",
                                    outlet=outlet, url=f"https://{outlet.replace(' ', '').lower()}.example.com/{i}/harbour-plan"))
        cites = tuple(Citation(o, f"Harbour plan {i}", f"https://{o.replace(' ', '').lower()}.example.com/{i}/harbour-plan", a)
                      for o, a in zip(outlets, ids))
        facts = tuple(
            SummarySentence(f"The council of town {i} voted {j + 5} to {j + 2} on Tuesday to rebuild the north harbour "
                            f"wall before the winter storms, officials said in a statement.", ids[0], cites)
            for j in range(3)
        ) if len(outlets) > 1 else ()
        lines = () if facts else (SummarySentence(f"Blog {i} says the harbour wall of town {i} will be rebuilt.", ids[0], cites),)
        briefs.append(StoryBrief(Story(f"s{i:05d}", tuple(ids)), f"Town {i} votes to rebuild its north harbour wall",
                                 tuple(sorted(outlets)), facts, single_source=lines))
    # the briefing's own order: more outlets first
    briefs.sort(key=lambda b: (-len(b.outlets), b.story.id))
    return Briefing(DAY, tuple(briefs), tuple(sorted(articles, key=lambda a: a.path)))


@pytest.fixture(scope="module")
def long_day():
    briefing = _synthetic_day(2_000, with_shared_fact=600)
    return briefing, render_briefing(briefing, BriefingConfig(web_url=WEB))


def test_a_day_of_2000_stories_stays_under_100_kb_and_says_how_many_moved(long_day):
    briefing, files = long_day
    email, text = files["briefing.email.html"], files["briefing.txt"]
    assert len(email.encode("utf-8")) <= LIMIT and len(text.encode("utf-8")) <= LIMIT

    in_full = re.findall(r"<h2>\d+\. ([^<]+)</h2>", email)
    confirmed = [s for s in briefing.stories if s.sentences]
    assert 0 < len(in_full) < len(confirmed)
    moved = len(confirmed) - len(in_full)
    said = re.search(r"(\d+) stories with a shared fact moved to “Also today”", email)
    assert said and int(said.group(1)) == moved
    assert f"{moved} stories with a shared fact moved to \"Also today\"" in text
    # the ones kept in full are those with the most outlets
    fewest_kept = min(len(s.outlets) for s in confirmed if s.headline in {html.unescape(h) for h in in_full})
    assert all(len(s.outlets) <= fewest_kept for s in confirmed if s.headline not in {html.unescape(h) for h in in_full})

    # every story is told in full, listed, or counted among those the full briefing adds
    listed = re.search(r'<ul class="also">(.*?)</ul>', email, re.S).group(1).count("<li>")
    more = int(re.search(r"… and (\d+) more stories in the full briefing", email).group(1))
    assert len(in_full) + listed + more == len(briefing.stories)
    assert links(email)[0] == PAGE and links(email)[-1] == PAGE
    assert all(h.startswith(("http://", "https://")) for h in links(email))
    print(f"2,000 stories ({len(confirmed)} with a shared fact): email {len(email.encode()):,} bytes, text "
          f"{len(text.encode()):,} bytes; in full {len(in_full)}, moved {moved}, listed {listed}, more {more}")


def test_the_two_parts_carry_the_same_digest(long_day):
    briefing, files = long_day
    email, text = files["briefing.email.html"], files["briefing.txt"]
    in_full_email = [html.unescape(h) for h in re.findall(r"<h2>\d+\. ([^<]+)</h2>", email)]
    in_full_text = re.findall(r"^\d+\. (.+)$", text, re.M)
    assert in_full_email == in_full_text
    assert re.search(r"… and (\d+) more", email).group(1) == re.search(r"… and (\d+) more", text).group(1)


# --- a real day, small ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_day():
    """The seeds, a story whose two outlets share no fact, and the two New York stories."""
    config = BriefingConfig(web_url=WEB)
    briefing = build_briefing([EXAMPLES, FIXTURES / "no_shared_fact.json", FIXTURES / "two_new_york_stories.jsonl"], config, on=DAY)
    return briefing, render_briefing(briefing, config)


def test_stories_with_a_shared_fact_are_in_full_and_the_rest_one_line_with_a_link(small_day):
    briefing, files = small_day
    email, text = files["briefing.email.html"], files["briefing.txt"]
    assert len(email.encode()) <= LIMIT and len(text.encode()) <= LIMIT
    shared = [s for s in briefing.stories if s.sentences]
    others = [s for s in briefing.stories if not s.sentences]
    assert shared and others
    for story in shared:
        assert html.escape(story.headline, quote=False) in email and story.headline in text
        for sentence in story.sentences:
            assert sentence.text in visible_text(email) and sentence.text in text
    also = re.search(r'<ul class="also">(.*?)</ul>', email, re.S).group(1)
    for story in others:
        item = next(li for li in re.findall(r"<li>(.*?)</li>", also, re.S) if html.escape(story.headline, quote=False) in li)
        assert ", ".join(story.outlets) in item
        assert re.search(r'href="https?://', item)  # its own article, or its place in the full briefing
        assert not any(s.text in email for s in story.by_outlet)  # one line, not its leads
        assert re.search(rf"^ - {re.escape(story.headline)} — .+ <https?://", text, re.M)


def test_one_byte_too_many_moves_a_story_with_the_fewest_outlets_and_says_so(small_day):
    briefing, files = small_day
    whole = len(files["briefing.email.html"].encode())
    config = BriefingConfig(web_url=WEB, email_max_bytes=whole - 1)
    email = render_briefing(briefing, config)["briefing.email.html"]
    assert len(email.encode()) <= whole - 1
    assert "1 story with a shared fact moved to “Also today”" in email
    in_full = [html.unescape(h) for h in re.findall(r"<h2>\d+\. ([^<]+)</h2>", email)]
    (moved,) = [s for s in briefing.stories if s.sentences and s.headline not in in_full]
    assert len(moved.outlets) == min(len(s.outlets) for s in briefing.stories if s.sentences)
    also = re.search(r'<ul class="also">(.*?)</ul>', email, re.S).group(1)
    assert html.escape(moved.headline, quote=False) in also


def test_the_web_link_is_at_the_top_and_the_end_and_every_link_is_http(small_day):
    briefing, files = small_day
    email, text = files["briefing.email.html"], files["briefing.txt"]
    hrefs = links(email)
    assert hrefs[0] == PAGE and hrefs[-1] == PAGE
    articles = {a.url for a in briefing.articles if a.url}
    for href in hrefs:
        assert href.startswith(("http://", "https://")), href
        assert href in articles or href.startswith(PAGE), href  # an article, or the full briefing
    lines = text.strip().splitlines()
    assert PAGE in lines[1] and PAGE in lines[-1]


def test_without_a_web_address_the_email_names_the_archived_file():
    briefing = build_briefing([EXAMPLES], BriefingConfig(), on=DAY)
    files = render_briefing(briefing)
    for name in ("briefing.email.html", "briefing.txt"):
        assert files[name].count(f"{DAY.isoformat()}/briefing.html") == 2
        assert "--web-url" in files[name]
    assert all(h.startswith(("http://", "https://")) for h in links(files["briefing.email.html"]))


def test_the_examples_email_has_the_same_content_as_before_apart_from_the_web_link(seed_briefing):
    email = render_briefing(seed_briefing)["briefing.email.html"]
    story = seed_briefing.stories[0]
    sources = numbered_sources(seed_briefing)
    web_note = "The full briefing, every story and source, is the file 2023-08-31/briefing.html in the briefing folder (it has no web address: --web-url gives it one)."
    shown = visible_text(email)
    assert shown.startswith("Briefing — Thursday 31 August 2023 " + web_note) and shown.endswith(web_note)
    shown = shown.replace(web_note, "")
    # the content as it was: headline, who reported it, each fact with its citations, the sources
    expected = [
        "1 story; each fact is reported by at least 2 independent outlets.",
        f"1. {story.headline}",
        f"Reported by 4 independent outlets: {', '.join(story.outlets)}",
        *[s.text + "".join(f" [{sources[c.article].number}]" for c in s.sources) for s in story.sentences],
        "Sources",
        *[f"[{ref.number}] {ref.outlet}: {ref.title}" for ref in sources.values()],
        "Also covering",
    ]
    at = 0
    for piece in expected:
        found = shown.find(" ".join(piece.split()), at)
        assert found >= at, piece
        at = found
    assert "Also today" not in shown and "moved" not in shown


# --- options -------------------------------------------------------------------------------------


def test_web_url_comes_from_the_flag(tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(EXAMPLES), "--date", DAY.isoformat(), "--no-store", "--out", str(out), "--web-url", WEB]) == 0
    assert PAGE in (out / DAY.isoformat() / "briefing.email.html").read_text("utf-8")


def test_web_url_must_be_an_http_address(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["build", str(EXAMPLES), "--web-url", "javascript:alert(1)"])
    assert exit_.value.code == 2 and "http(s) address" in capsys.readouterr().err


# --- the Markdown briefing -----------------------------------------------------------------------


def test_every_markdown_heading_has_a_blank_line_before_it_and_renders_as_one(small_day):
    briefing, files = small_day
    md = files["briefing.md"]
    lines = md.splitlines()
    headings = [i for i, line in enumerate(lines) if line.startswith("#")]
    assert headings and all(i == 0 or lines[i - 1] == "" for i in headings)
    page = markdown.markdown(md, extensions=["footnotes"])
    rendered = [html.unescape(h) for h in re.findall(r"<h2>(.*?)</h2>", page)]
    for number, story in enumerate(briefing.stories, start=1):
        assert f"{number}. {story.headline}" in rendered
    assert "Sources" in rendered


# --- the web page ---------------------------------------------------------------------------------


def test_the_page_tells_stories_of_several_outlets_first_then_lists_the_rest(tmp_path):
    briefing = build_briefing([EXAMPLES, FIXTURES / "no_shared_fact.json", FIXTURES / "two_new_york_stories.jsonl",
                               FIXTURES / "headline_feed.jsonl"], BriefingConfig(), on=DAY)
    page = render_briefing(briefing)["briefing.html"]
    several = [s for s in briefing.stories if len(s.outlets) > 1 or s.sentences]
    single = [s for s in briefing.stories if s not in several]
    assert several and single
    compact = page[page.index('id="one-outlet"'):]
    articles = [m for m in re.findall(r'<article id="story-(\d+)"', page)]
    assert [int(n) for n in articles] == sorted(int(n) for n in articles) and len(articles) == len(several)
    listed = [int(n) for n in re.findall(r'<li id="story-(\d+)"', compact)]
    assert listed == sorted(listed) and len(listed) == len(single)
    assert page.index("<article") < page.index('id="one-outlet"')


# --- the search ----------------------------------------------------------------------------------


@pytest.mark.parametrize("low, high", [(0, 0), (0, 1), (0, 37), (5, 2_000)])
def test_the_search_finds_the_largest_that_fits_in_few_renders(low, high):
    from briefgen.render.digest import _largest

    for limit in sorted({low, high, (low + high) // 2, low + 1, high - 1} & set(range(low, high + 1))):
        tried = []
        found = _largest(lambda n: tried.append(n) or n <= limit, low, high)
        assert found == limit
        assert len(tried) <= 2 * max(1, (high - low + 1).bit_length()) + 1
        assert all(n - low <= 2 * (limit - low) + 1 for n in tried)  # never far past the answer
