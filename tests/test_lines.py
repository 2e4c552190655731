"""Every story says what happened: informative lines, the lede first, no empty story.

Invented stories, each written as two or three outlets' articles in JSON, and the seeds.
"""

from __future__ import annotations

import json

import pytest

from briefgen import BriefingConfig, build_briefing
from briefgen.editor.fitness import article_line_faults, line_fault, unintroduced_speaker
from briefgen.render.briefing import briefing_to_dict, render_briefing

from .conftest import DAY, REPO

FIXTURES = REPO / "tests" / "fixtures"

TOUR_DATES = [
    "June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL",
    "June 14 -- Ameris Bank Amphitheatre, Alpharetta, GA",
    "July 22 -- Blossom Music Center, Cuyahoga Falls, OH",
    "July 30 -- Ruoff Home Mortgage Music Center, Noblesville, IN",
    "Aug. 14: Hollywood Casino Amphitheatre, St. Louis, Mo.",
]


def _write(tmp_path, records):
    source = tmp_path / "story.json"
    source.write_text(json.dumps(records), encoding="utf-8")
    return source


def test_a_schedule_list_every_outlet_copies_never_becomes_summary_lines(tmp_path):
    # The syndicated date list is word for word in all three articles, so each date is "reported"
    # by three outlets; the announcement itself is worded differently by each.
    ledes = {
        "Daily Courier": "The Harbour Band will reunite with its former singer Ana Ruiz for a 40th anniversary tour next summer.",
        "Evening Post": "The Harbour Band announced a 40th anniversary tour with former singer Ana Ruiz rejoining the group next summer.",
        "Music Weekly": "Former singer Ana Ruiz rejoins the Harbour Band for its 40th anniversary tour, the band announced on Monday.",
    }
    records = [
        {"title": "Harbour Band sets anniversary tour", "outlet": outlet,
         "text": "\n".join([lede, "Tickets go on sale on Friday at the band's website.", "Tour dates:", *TOUR_DATES])}
        for outlet, lede in ledes.items()
    ]
    for min_sources in (1, 2):
        story = build_briefing([_write(tmp_path, records)], BriefingConfig(min_sources=min_sources), on=DAY).stories[0]
        lines = [s.text for s in story.sentences]
        assert lines, "the announcement must be told"
        assert not set(lines) & set(TOUR_DATES + ["Tour dates:"]), lines
        assert "40th anniversary tour" in lines[0]


@pytest.mark.parametrize(
    "line, fault",
    [
        ("July 22 -- Blossom Music Center, Cuyahoga Falls, OH", "schedule"),
        ("- Here's Where Commercial Landers Will Land on the Moon for NASA", "list item"),
        ("Post Malone, Ariana Grande & Billie Eilish Lead 2019 American Music Awards Nominations: See Full List", "heading"),
        ("(AP Photo/Evan Vucci) President Trump speaks to reporters on the South Lawn of the White House.", "caption or credit"),
        ("What charges does he face?", "question"),
        ("The Doobie Brothers 50th Anniversary Tour 2020 dates:", "introduces what follows"),
        (", in March, prosecutors said.", "fragment"),
        ("Record label approval is only needed for recordings,” the statement continued.", "fragment"),
        ("Sweden has dropped its investigation into a 2010 rape allegation against Julian Assange.", None),
        ("Tottenham said in a statement: \"Jose is one of the world's most accomplished managers.", None),
    ],
)
def test_a_line_is_judged_by_its_shape(line, fault):
    assert line_fault(line) == fault


def test_a_sentence_cut_after_an_abbreviation_is_no_line():
    faults = article_line_faults(["Tickets for the anniversary tour go on sale at 10 a.m.", "Friday, Dec. 6."])
    assert faults == ["cut short", "no predicate"]


def _no_shared_fact():
    return build_briefing([FIXTURES / "no_shared_fact.json"], BriefingConfig(), on=DAY)


def test_two_outlets_with_no_shared_fact_give_one_labelled_lead_each(tmp_path):
    briefing = _no_shared_fact()
    (story,) = briefing.stories
    assert story.sentences == ()
    assert [(s.sources[0].outlet, s.text[:28]) for s in story.by_outlet] == [
        ("Associated Press", "Ambassador Gordon Sondland i"),  # the dateline is not the news
        ("CBS News", "Kurt Volker and Tim Morrison"),
    ]
    assert all(len(s.sources) == 1 and s.support == 1 for s in story.by_outlet)
    data = briefing_to_dict(briefing)["stories"][0]
    assert data["sentences"] == []
    assert [(x["outlet"], x["sources"][0]["outlet"]) for x in data["by_outlet"]] == [
        ("Associated Press", "Associated Press"), ("CBS News", "CBS News")]
    pages = render_briefing(briefing)
    assert "Associated Press only:" in pages["briefing.html"] and "CBS News only:" in pages["briefing.html"]
    assert "*CBS News only:* Kurt Volker" in pages["briefing.md"]
    # the newsletter, a digest, tells a story without a shared fact in one line: headline and outlets
    assert f"{story.headline} — Associated Press, CBS News" in pages["briefing.txt"]
    assert "Also today" in pages["briefing.email.html"] and "CBS News only:" not in pages["briefing.email.html"]


def test_a_lede_like_fact_opens_the_story(tmp_path):
    # The side fact (the bridge's age) is in all three articles, central and best supported; what
    # happened (the council closed it) opens each article but is worded alike by two of them only.
    # (Each line names its bridge and council: "the bridge" alone would not stand on its own.)
    side = "The Harbour Bridge was built in 1931 and carries about 20,000 cars across the harbour every day."
    records = [
        {"title": "Council closes harbour bridge", "outlet": "Daily Courier",
         "text": "The Portmouth city council voted on Tuesday to close the Harbour Bridge for repairs until next spring.\n" + side},
        {"title": "Harbour bridge to close", "outlet": "Evening Post",
         "text": "The Portmouth city council voted on Tuesday to close the old Harbour Bridge for repairs until spring.\n" + side},
        {"title": "Bridge repairs", "outlet": "Coast Radio",
         "text": "Drivers will need another way across the harbour from next month.\n" + side},
    ]
    source = _write(tmp_path, records)
    lede_first = build_briefing([source], BriefingConfig(), on=DAY).stories[0]
    support_first = build_briefing([source], BriefingConfig(lede_first=False), on=DAY).stories[0]
    assert support_first.sentences[0].text == side  # three outlets beat two
    assert lede_first.sentences[0].text.startswith("The Portmouth city council voted on Tuesday to close")
    # the same facts, in another order (the council's vote in either outlet's words)
    assert len(lede_first.sentences) == len(support_first.sentences) and side in {s.text for s in lede_first.sentences}
    assert lede_first.sentences[1].support == 3


def test_the_seeds_open_with_what_happened_and_keep_every_fact(seed_briefing):
    lines = seed_briefing.stories[0].sentences
    assert "actively advancing" in lines[0].text
    assert len(lines) == 5 and all(s.support >= 2 for s in lines)  # at most 5 lines a story by default
    assert not lines[0].text.startswith("Washington")  # the lede's dateline is cut


def test_a_headline_loses_its_site_suffix_and_a_plain_title_beats_a_teaser(tmp_path):
    fact = "Prosecutors in Sweden have dropped an investigation into a rape allegation against Julian Assange."
    records = [
        {"title": "Why Sweden finally gave up on Assange", "outlet": "Daily Courier", "text": fact},
        {"title": "Sweden drops Assange investigation | Evening Post", "outlet": "Evening Post", "text": fact + " He denies it."},
    ]
    story = build_briefing([_write(tmp_path, records)], BriefingConfig(), on=DAY).stories[0]
    assert story.headline == "Sweden drops Assange investigation"


def test_a_dangling_line_is_never_quoted_its_fact_comes_in_words_that_name_who(tmp_path):
    named = "Mayor Lena Ortiz said the harbour bridge would stay closed for repairs until next spring."
    dangling = "She said the harbour bridge would stay closed for repairs until next spring at the earliest."
    records = [
        {"title": "Harbour bridge stays shut", "outlet": "Daily Courier",
         "text": "Mayor Lena Ortiz spoke to reporters at city hall on Tuesday about the harbour bridge.\n" + dangling},
        {"title": "Harbour bridge shut until spring", "outlet": "Evening Post",
         "text": "The harbour bridge will not reopen this winter, city officials confirmed on Tuesday.\n" + named},
    ]
    story = build_briefing([_write(tmp_path, records)], BriefingConfig(), on=DAY).stories[0]
    texts = [s.text for s in story.sentences]
    assert dangling not in texts
    assert named in texts
    (line,) = [s for s in story.sentences if s.text == named]
    assert {c.outlet for c in line.sources} == {"Daily Courier", "Evening Post"}


@pytest.mark.parametrize(
    "line",
    [
        "“Any final agreement on this matter needs to be made with her management team. We have no further comment.”",
        "Finding water vapor on Europa, he said, is the next best thing to liquid water.",
        "That’s enough to fill an Olympic-size swimming pool within minutes.",
    ],
)
def test_a_line_that_stands_for_earlier_text_is_recognised(line):
    from briefgen.editor.fitness import refers_back

    assert refers_back(line)
    assert not refers_back("Lucas Paganini, a NASA scientist, said the find was the next best thing to liquid water.")


@pytest.mark.parametrize(
    "line, earlier, unintroduced",
    [
        ("“We’re truly excited about our tour,” Johnston said in a statement.", [], "Johnston"),
        ("“We’re truly excited about our tour,” Johnston said in a statement.", ["The tour reunites Tom Johnston and Michael McDonald."], None),
        ("Kirby noted that North Korea had said publicly it would not sell arms.", [], "Kirby"),
        ("After Shoigu's visit, officials traveled to Pyongyang for talks, Kirby said.", ["White House spokesperson John Kirby warned Pyongyang."], None),
        ('"Any arms deal would violate the resolutions," said John Kirby.', [], None),
        ("“We are here to get it out,” Noem tweeted Monday night.", [], "Noem"),
    ],
)
def test_a_speaker_known_by_surname_needs_an_earlier_line_naming_them_in_full(line, earlier, unintroduced):
    assert unintroduced_speaker(line, earlier) == unintroduced


def test_a_surname_quote_follows_the_line_that_names_the_speaker(tmp_path):
    quote = "“We are truly excited to celebrate fifty years of our music with the fans,” Johnston said in a statement."
    full = "The Doobie Brothers will reunite with singer Tom Johnston and Michael McDonald for a summer tour."
    extra = {
        "Daily Courier": "Fans in Nashville cheered when the reunion was revealed at a concert on Monday night. "
                         "The band sold more than 40 million albums across five decades.",
        "Evening Post": "Ticket prices have not yet been announced by the promoter Live Nation. "
                        "Michael McDonald left the group in 1982 to pursue a solo career in Los Angeles.",
    }
    records = [
        {"title": "Doobie Brothers announce tour", "outlet": outlet, "text": f"{quote}\n{full}\n{more}"}
        for outlet, more in extra.items()
    ]
    lines = [s.text for s in build_briefing([_write(tmp_path, records)], BriefingConfig(), on=DAY).stories[0].sentences]
    assert quote in lines and full in lines and lines.index(full) < lines.index(quote)


def test_a_one_outlet_story_opens_with_its_own_lede(tmp_path):
    lede = "The Portmouth city council voted on Tuesday to close the Harbour Bridge for repairs until next spring."
    records = [{"title": "Council closes harbour bridge", "outlet": "Daily Courier",
                "text": f"{lede}\nMayor Anna Berg said the repairs would cost about 4 million euros in all.\n"
                        "Drivers in Portmouth will need to use the ring road while the Harbour Bridge is closed."}]
    (story,) = build_briefing([_write(tmp_path, records)], BriefingConfig(), on=DAY).stories
    assert story.sentences == () and story.single_source[0].text == lede

