"""Disagreements: one fact, different figures from different outlets — shown with both values and their sources."""

from __future__ import annotations

import json
import shutil

import pytest

from briefgen import BriefingConfig, build_briefing, write_briefing
from briefgen.consensus.disagree import figures_in

from .conftest import DAY, EXAMPLES

LEAD = "A passenger bus crashed into a river near the town of Ponte Alta on Monday morning, regional officials said."


def _story(tmp_path, texts: dict[str, str]):
    records = [
        {"title": "Bus crashes into river near Ponte Alta", "text": f"{LEAD}\n{text}", "outlet": outlet,
         "url": f"https://{outlet.lower().replace(' ', '')}.example/bus-crash", "published": "2023-08-31"}
        for outlet, text in texts.items()
    ]
    source = tmp_path / "bus.json"
    source.write_text(json.dumps(records), encoding="utf-8")
    briefing = build_briefing([source], BriefingConfig(), on=DAY)
    assert len(briefing.stories) == 1
    return briefing


def _claims(disagreement):
    return [(c.value, sorted(s.outlet for s in c.sources)) for c in disagreement.claims]


def test_conflicting_death_tolls_are_shown_with_both_values_and_their_outlets(tmp_path):
    briefing = _story(tmp_path, {
        "Daily Courier": "The crash killed 12 people and injured dozens more, the fire service said.",
        "Evening Star": "The crash killed 12 people and injured dozens of others, according to the fire service.",
        "Morning Post": "The crash killed 15 people and injured dozens more, the fire service said.",
    })
    [disagreement] = briefing.stories[0].disagreements
    assert _claims(disagreement) == [("12", ["Daily Courier", "Evening Star"]), ("15", ["Morning Post"])]
    assert "people" in disagreement.about and "…" in disagreement.about

    out = tmp_path / "out"
    write_briefing(briefing, out)
    day = out / DAY.isoformat()
    story = json.loads((day / "briefing.json").read_text(encoding="utf-8"))["stories"][0]
    assert [(c["value"], sorted(s["outlet"] for s in c["sources"])) for c in story["disagreements"][0]["claims"]] == [
        ("12", ["Daily Courier", "Evening Star"]), ("15", ["Morning Post"])]
    html = (day / "briefing.html").read_text(encoding="utf-8")
    assert "Outlets disagree" in html and "12" in html and "15" in html
    markdown = (day / "briefing.md").read_text(encoding="utf-8")
    line = next(x for x in markdown.splitlines() if "people" in x and ": 12[^" in x)
    assert "; 15[^" in line  # both values on one line, each with its footnotes


def test_the_issue_example_seventieth_against_sixtieth_anniversary(tmp_path):
    # The seeds with one word changed in the AP article: "60th" where The Hill says "70th".
    folder = tmp_path / "articles"
    shutil.copytree(EXAMPLES, folder)
    ap = folder / "004_4bfa6219a026e7f3.txt"
    ap.write_text(ap.read_text(encoding="utf-8").replace("marking the 70th anniversary", "marking the 60th anniversary"), encoding="utf-8")
    [disagreement] = build_briefing([folder], BriefingConfig(), on=DAY).stories[0].disagreements
    assert _claims(disagreement) == [("70th", ["The Hill"]), ("60th", ["Associated Press"])]
    assert "anniversary of the armistice" in disagreement.about


def test_the_seeds_have_no_disagreement(seed_briefing):
    # The Hill and the AP both say "70th anniversary"; no other figure is contested.
    assert [s.disagreements for s in seed_briefing.stories] == [()]


@pytest.mark.parametrize(
    "first, second",
    [
        ("The crash killed at least 12 people and injured dozens more.", "The crash killed 15 people and injured dozens more."),
        ("The crash injured 12 people, the fire service said.", "The crash killed 15 people, the fire service said."),
        ("The crash killed 1,000 sheep carried on the bus roof, the fire service said.", "The crash killed 1000 sheep carried on the bus roof, the fire service said."),
        ("It was the seventh crash on the river road this year, the fire service said.", "It was the 7th crash on the river road this year, the fire service said."),
        ("A bridge on the same road was opened in 2020, the mayor said.", "The regional bus company was founded in 2023, its director said."),
    ],
    ids=["hedged figure", "injured vs killed", "1,000 = 1000", "seventh = 7th", "years of different events"],
)
def test_no_disagreement_where_none_is_reported(tmp_path, first, second):
    briefing = _story(tmp_path, {"Daily Courier": first, "Morning Post": second})
    assert briefing.stories[0].disagreements == ()


def test_dates_are_compared_by_their_parts():
    [sept6] = figures_in("The bus company will reopen the route on Sept. 6, officials said.", 0, "english")
    [september7] = figures_in("The bus company will reopen the route on September 7, 2023, officials said.", 1, "english")
    assert (sept6.kind, sept6.value[:2], september7.value) == ("date", (9, 6), (9, 7, 2023))
    assert sept6.anchor == september7.anchor  # the word before: "route"


def test_a_conflicting_date_is_a_disagreement(tmp_path):
    briefing = _story(tmp_path, {
        "Daily Courier": "The bus company said it will reopen the river route on Sept. 6 after repairs.",
        "Morning Post": "The bus company said it will reopen the river route on September 9 after repairs.",
    })
    [disagreement] = briefing.stories[0].disagreements
    assert _claims(disagreement) == [("Sept. 6", ["Daily Courier"]), ("September 9", ["Morning Post"])]
