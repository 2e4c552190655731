"""An outlet is cited for a line only when its own article carries the line's checkable elements.

Each rule is tested where a reader sees it: in the briefing built from a few short articles, the
line is cited to the outlets that carry it, and not to the one that differs on a number, a quote,
the speaker or a month. (The real-day disagreements are at the end: they need ../shared.)
"""

from __future__ import annotations

import gzip
import json

import pytest

from briefgen import BriefingConfig, build_briefing
from briefgen.consensus.claims import elements, normalised_words
from briefgen.editor.fitness import stands_alone_fault

from .conftest import DAY, REPO

FILLER = {
    "Daily Courier": "The Ponte Alta council will vote on its budget next week.",
    "Evening Star": "Heavy rain is expected across the Ponte Alta region this weekend.",
    "Morning Post": "Ponte Alta schools reopen on Monday after the summer break.",
}


def _story(tmp_path, texts: dict[str, str]):
    records = [
        {"title": "Ponte Alta bridge collapses", "text": f"{text}\n{FILLER[outlet]}", "outlet": outlet,
         "url": f"https://{outlet.lower().replace(' ', '')}.example/bridge", "published": "2023-08-31"}
        for outlet, text in texts.items()
    ]
    source = tmp_path / "bridge.json"
    source.write_text(json.dumps(records), encoding="utf-8")
    briefing = build_briefing([source], BriefingConfig(), on=DAY)
    assert len(briefing.stories) == 1
    return briefing.stories[0]


def _cited(story, words: str) -> set[str]:
    lines = [s for s in story.sentences if words in s.text]
    return {c.outlet for s in lines for c in s.sources}


def test_a_number_in_words_is_the_same_number_and_a_different_one_is_not_cited(tmp_path):
    story = _story(tmp_path, {
        "Daily Courier": "Six people were injured when the Ponte Alta bridge collapsed on Tuesday, the fire service said.",
        "Evening Star": "6 people were injured when the Ponte Alta bridge collapsed on Tuesday, the fire service said.",
        "Morning Post": "Nine people were injured when the Ponte Alta bridge collapsed on Tuesday, the fire service said.",
    })
    assert _cited(story, "injured") == {"Daily Courier", "Evening Star"}


def test_a_quotation_is_cited_only_to_outlets_that_print_it(tmp_path):
    quote = '"We will rebuild the Ponte Alta bridge within a year," Mayor Lucia Ferri said on Tuesday.'
    story = _story(tmp_path, {
        "Daily Courier": quote,
        "Evening Star": quote.replace("Tuesday", "Tuesday evening"),
        "Morning Post": "Mayor Lucia Ferri said on Tuesday that the Ponte Alta bridge would be rebuilt, without a date.",
    })
    assert _cited(story, "We will rebuild") == {"Daily Courier", "Evening Star"}


def test_a_quotation_attributed_to_someone_else_is_not_cited(tmp_path):
    said = "We will rebuild the Ponte Alta bridge within a year"
    story = _story(tmp_path, {
        "Daily Courier": f'"{said}," Mayor Lucia Ferri said on Tuesday.',
        "Evening Star": f'"{said}," Mayor Lucia Ferri told reporters on Tuesday.',
        "Morning Post": f'"{said}," regional governor Marco Bianchi said on Tuesday.',
    })
    assert _cited(story, "Ferri") == {"Daily Courier", "Evening Star"}
    assert "Morning Post" not in _cited(story, "We will rebuild")


def test_another_month_is_a_disagreement_never_a_citation(tmp_path):
    story = _story(tmp_path, {
        "Daily Courier": "In July, the Ponte Alta council awarded the repair contract to Costa Engineering.",
        "Evening Star": "In July, the Ponte Alta council awarded the repair contract to Costa Engineering, officials said.",
        "Morning Post": "In May, the Ponte Alta council awarded the repair contract to Costa Engineering.",
    })
    assert _cited(story, "Costa Engineering") == {"Daily Courier", "Evening Star"}
    months = [d for d in story.disagreements if {c.value for c in d.claims} == {"July", "May"}]
    assert len(months) == 1
    sides = {c.value: {s.outlet for s in c.sources} for c in months[0].claims}
    assert sides == {"July": {"Daily Courier", "Evening Star"}, "May": {"Morning Post"}}


def test_another_age_is_a_disagreement_never_a_citation(tmp_path):
    story = _story(tmp_path, {
        "Daily Courier": "The bridge's engineer, Paolo Rinaldi, 47, was arrested in Ponte Alta on Tuesday.",
        "Evening Star": "The bridge's engineer, Paolo Rinaldi, 47, was arrested in Ponte Alta on Tuesday, police said.",
        "Morning Post": "Ponte Alta's mayor called for calm on Tuesday evening. The bridge's engineer, Paolo Rinaldi, was arrested in Ponte Alta on Tuesday. The 48-year-old denies wrongdoing.",
    })
    # (the line with the age is the story's lede, shown: disagreements are looked for in shown lines)
    assert "Morning Post" not in _cited(story, "Rinaldi, 47")
    ages = [d for d in story.disagreements if {c.value for c in d.claims} == {"47", "48"}]
    assert len(ages) == 1


def test_numbers_in_words_and_digits_read_alike():
    assert elements("Six people died.").numbers == elements("6 people died.").numbers == frozenset({6.0})
    assert elements("It cost $449,000 this year.").numbers == frozenset({449000.0})
    assert normalised_words("within two days") == normalised_words("within 2 days")


@pytest.mark.parametrize(
    "line, fault",
    [
        ("The report says the Minneapolis ad agency Broadhead Co. came up with the campaign.", "dangling reference"),
        ("Both diseases are associated with the Black Death pandemic.", "dangling reference"),
        ("Mr. Garrett then swung it into the net.", "dangling reference"),
        ("Defenseman Jonas Brodin had scored earlier before Jason Zucker’s empty-net goal sealed it.", "dangling reference"),
        ("The company said it would appeal.", "dangling reference"),
        ("The company was still trying to fix the keyboard when it launched an updated 15-inch MacBook Pro.", "dangling reference"),
        ("Authorities say that the cases appear to be unrelated.", "dangling reference"),
        ("The 23-year-old flew to London yesterday evening to complete the deal.", "dangling reference"),
        ("If these funders had not supported it, this grant would have failed at Oxford.", "dangling reference"),
        ("First it was hard to breathe, then dizzy spells caused by any amount of exertion.", "dangling reference"),
        ("My 15-inch MacBook Pro has a Touch Bar, which I hate.", "first person"),
        ("Score the Apple Watch Series 3 right now for the lowest price ever.", "sales copy"),
        ("AirPods 2 dropped to an all-time low on Amazon at just $139.", "sales copy"),
        ("One of Dell's Black Friday deals takes $200 off the XPS 13.", "sales copy"),
        ("\"The course of steroids continued ultimately for 12 months.", "unclosed quote"),
        ("Liu warned: “They are already there in the Hong Kong garrison.", "unclosed quote"),
        ("Will Apple ever bring back the escape key?", "question"),
        ("The trek will feature members Tom Johnston, Patrick Simmons and John McFee.", "dangling reference"),
        ("The tagline drew a mix of criticism and ridicule across Twitter on Monday.", "dangling reference"),
        ("Dick Clark Productions denies that anything has been definitely sorted, though.", "dangling reference"),
    ],
)
def test_a_line_that_cannot_stand_alone_is_refused_by_its_shape(line, fault):
    assert stands_alone_fault(line) == fault


@pytest.mark.parametrize(
    "line",
    [
        '"We urge the DPRK to cease its arms negotiations with Russia," Kirby said.',
        "The company that runs the AMAs, Dick Clark Productions, denies that anything has been sorted.",
        "The US wants the UK to extradite Assange, 47, over his alleged role in the release of material in 2010.",
        "Carlineo faces a maximum of 10 years in prison and up to a $250,000 fine.",
        "Tickets go on sale Friday, Dec. 6 at LiveNation.com.",
        "The Doobie Brothers will tour North America this summer.",
        "The 14 companies currently in the program can bid on NASA delivery services.",
        "The new 16-inch MacBook Pro is a lot like the old 15-inch MacBook Pro.",
    ],
)
def test_a_line_that_stands_alone_is_kept(line):
    assert stands_alone_fault(line) is None


def test_a_missing_weekday_or_place_does_not_refuse_a_citation_a_missing_number_does(tmp_path):
    story = _story(tmp_path, {
        "Daily Courier": "Six people were injured on Tuesday when the Ponte Alta bridge collapsed, the fire service said.",
        "Evening Star": "Six people were injured when the Ponte Alta bridge collapsed, the fire service said.",
        "Morning Post": "Rinaldi, of Verrano, was arrested after the Ponte Alta bridge collapsed, police said.",
    })
    assert _cited(story, "injured") == {"Daily Courier", "Evening Star"}


def test_a_place_after_in_or_of_is_not_a_name_a_line_rests_on():
    line = elements("Patrick Carlineo, of Addison, a village southwest of Ithaca, pleaded guilty in Buffalo.")
    assert ("patrick", "carlineo") in line.names
    assert not {("addison",), ("ithaca",), ("buffalo",)} & set(line.names)


def test_a_shared_line_that_cannot_stand_alone_is_never_shown(tmp_path):
    dangling = "The report says the Ponte Alta bridge had not been inspected since 2009."
    story = _story(tmp_path, {"Daily Courier": dangling, "Evening Star": dangling, "Morning Post": dangling})
    assert all(s.text != dangling for s in story.sentences + story.by_outlet)


# The real day: the 120 pages of ../shared/data/extraction carry two disagreements that a briefing
# used to show as shared facts (an age, 47 against 48; a month, July against May).
SHARED = REPO.parent / "shared" / "data" / "extraction" / "html"
PAGES = {
    "Assange": ("c7e39ac49fa1235f5d50f83bf2444248bd3aa4e6df044377916c812dd109ba23",
                "dc7ccccc1f34eb2928cb238739aaf18c712d59d8d34b41acfb29178aeba65356"),
    "NASA": ("d1c57d7821e5a5b27fb468c59489601bb2a042b1c05221166e3221d2b5dc217f",
             "c50845a7158af12ee75acea301a3ea0dad1e848d6b9dbdb43ba7f2d825b2528b"),
}


@pytest.mark.skipif(not SHARED.exists(), reason="needs ../shared/data/extraction")
@pytest.mark.parametrize("story, values, outlets", [
    ("Assange", {"47", "48"}, {"47": {"Press TV"}, "48": {"BBC News"}}),
    ("NASA", {"July", "May"}, {"July": {"Space.com"}, "May": {"SpaceNews"}}),
])
def test_the_real_day_disagreements_are_shown_as_disagreements(tmp_path, story, values, outlets):
    for page in PAGES[story]:
        (tmp_path / f"{page}.html").write_bytes(gzip.decompress((SHARED / f"{page}.html.gz").read_bytes()))
    briefing = build_briefing([tmp_path], BriefingConfig(), on=DAY)
    found = [d for s in briefing.stories for d in s.disagreements if {c.value for c in d.claims} == values]
    assert len(found) == 1
    assert {c.value: {s.outlet for s in c.sources} for c in found[0].claims} == outlets
    # ... and the line with the disputed value is not cited to the outlet that says otherwise
    for s in briefing.stories:
        for line in s.sentences:
            for value, sides in outlets.items():
                if f" {value}" in line.text:
                    assert {c.outlet for c in line.sources} <= sides
