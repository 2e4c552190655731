"""A briefing dated D shows the news of D: each story shows its date, stories whose newest article is
older than the window are set apart under "Earlier", fresher stories lead among equals, and a deals
round-up or a list never leads the briefing."""

from __future__ import annotations

import html
import json
import re
from datetime import date

from briefgen import BriefingConfig, build_briefing
from briefgen.cli import main
from briefgen.editor.ranking import in_reading_order
from briefgen.model import Article, Story, StoryBrief
from briefgen.render import briefing_to_dict, render_briefing
from briefgen.render.briefing import markdown_escape

from .conftest import EXAMPLES, REPO

FIXTURES = REPO / "tests" / "fixtures"
# the seeds (undated), WeWork and Omar (2019-11-18), the impeachment hearing (2019-11-19)
INPUTS = [EXAMPLES, FIXTURES / "two_new_york_stories.jsonl", FIXTURES / "no_shared_fact.json"]
DAY = date(2019, 11, 20)


def headlines(stories) -> list[str]:
    return [s.headline for s in stories]


def test_stories_older_than_the_window_leave_the_main_list_and_are_named_under_earlier():
    briefing = build_briefing(INPUTS, BriefingConfig(max_age_days=1), on=DAY)
    assert all(s.published is None or s.published >= date(2019, 11, 19) for s in briefing.stories)
    old = headlines(briefing.earlier)
    assert len(old) == 2 and any("WeWork" in h for h in old) and any("Omar" in h for h in old)
    assert not any("WeWork" in h or "Omar" in h for h in headlines(briefing.stories))
    data = briefing_to_dict(briefing)
    assert [s["date"] for s in data["earlier"]] == ["2019-11-18", "2019-11-18"] and data["max_age_days"] == 1
    files = render_briefing(briefing)
    for name in ("briefing.md", "briefing.html"):
        earlier = files[name][files[name].index("Earlier"):]
        assert "more than 1 day older than this briefing" in earlier
        assert all(h.split(" ")[-1] in earlier for h in old)
    for name in ("briefing.txt", "briefing.email.html"):
        assert "2 stories whose newest article is more than 1 day older than this briefing are left out" in files[name]


def test_every_story_shows_its_date_in_every_output_and_an_undated_story_says_so():
    briefing = build_briefing(INPUTS, BriefingConfig(), on=DAY)
    assert not briefing.earlier and len(briefing.stories) == 4
    files = render_briefing(briefing)
    for number, story in enumerate(briefing.stories, start=1):
        expected = f"{story.published.day} November 2019" if story.published else "Date not stated"
        headings = {  # where each output opens the story, up to its "Reported by" line (the email numbers its own)
            "briefing.md": rf"## {number}\. {re.escape(markdown_escape(story.headline))}\n\n(.*?)Reported by",
            "briefing.html": rf'<h2 id="story-{number}-title">{re.escape(html.escape(story.headline, quote=False))}</h2>(.*?)Reported by',
            "briefing.email.html": rf"<h2>\d+\. {re.escape(html.escape(story.headline, quote=False))}</h2>(.*?)Reported by",
            "briefing.txt": rf"^\d+\. {re.escape(story.headline)}\n(.*?)Reported by",
        }
        also_today = {  # the newsletter tells a story without a shared fact in one line
            "briefing.email.html": rf"{re.escape(html.escape(story.headline, quote=False))}(?:</a>)? <span class=\"outlet\">(.*?)</span>",
            "briefing.txt": rf"^ - {re.escape(story.headline)} (.*?)$",
        }
        for name, heading in headings.items():
            found = re.search(heading, files[name], re.S | re.M) or re.search(also_today.get(name, "^$x"), files[name], re.M)
            assert found and expected.lower() in found.group(1).lower(), (name, story.headline)
    assert [s["date"] for s in briefing_to_dict(briefing)["stories"]].count(None) == 1  # the undated seeds


def test_fresher_stories_lead_among_stories_with_as_many_outlets():
    briefing = build_briefing(INPUTS, BriefingConfig(), on=DAY)
    order = headlines(briefing.stories)
    assert "Russia" in order[0]  # four outlets, undated: outlets come first
    assert "Sondland" in order[1] or "Impeachment" in order[1]  # two outlets, 19 November, before the 18th's


def test_the_window_is_a_build_option_and_a_config_file_key(tmp_path):
    out = tmp_path / "out"
    common = ["build", *map(str, INPUTS), "--date", DAY.isoformat(), "--no-store", "--out"]
    assert main([*common, str(out / "flag"), "--max-age-days", "1"]) == 0
    assert len(json.loads((out / "flag" / DAY.isoformat() / "briefing.json").read_text("utf-8"))["earlier"]) == 2
    config = tmp_path / "briefgen.toml"
    config.write_text("[build]\nmax-age-days = 0\n", encoding="utf-8")
    assert main([*common, str(out / "file"), "--config", str(config)]) == 0
    data = json.loads((out / "file" / DAY.isoformat() / "briefing.json").read_text("utf-8"))
    assert len(data["earlier"]) == 3 and data["max_age_days"] == 0


def _brief(key: str, articles: list[Article]) -> StoryBrief:
    return StoryBrief(Story(key, tuple(a.id for a in articles)), key, tuple(a.outlet for a in articles), ())


def test_a_deals_round_up_or_a_list_never_leads_the_briefing():
    deals = [
        Article(f"d{i}", f"d{i}", title, "", outlet=outlet, url=url, published="2019-11-20")
        for i, (title, outlet, url) in enumerate([
            ("MacBook sale at Amazon from $700, AirPods, more", "9to5Mac", "https://9to5mac.com/2019/11/18/macbook-deals-airpods-more/"),
            ("The 10 best early Black Friday deals on Apple devices", "BGR", None),
            ("Apple Watch deals: the lowest prices this week", "CNET", None),
        ])
    ]
    news = [
        Article(f"n{i}", f"n{i}", "Sweden drops Assange rape investigation", "", outlet=outlet, published="2019-11-19")
        for i, outlet in enumerate(["BBC News", "Press TV"])
    ]
    by_id = {a.id: a for a in deals + news}
    stories = [_brief("deals", deals), _brief("assange", news)]
    ordered = in_reading_order(stories, by_id, lambda b: len(set(b.outlets)))
    assert [b.story.id for b in ordered] == ["assange", "deals"]
