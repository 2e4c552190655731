"""Consensus on the seeds: shared facts kept with their outlets, no citation an outlet did not earn."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from briefgen import BriefingConfig, Citation, SummarySentence, build_briefing
from briefgen.consensus.verify import check_citations

from .conftest import DAY, EXAMPLES


def _outlets(sentence):
    return sorted({c.outlet for c in sentence.sources})


def test_the_exchange_of_letters_is_kept_with_every_outlet_that_reports_it(seed_briefing):
    letters = [s for s in seed_briefing.stories[0].sentences if "letters" in s.text]
    assert len(letters) == 1  # one fact, one sentence
    # the NYT has the letters but not that they pledged more cooperation: not cited for this line
    # (judged PARTIAL in tests/fixtures/seed_citation_pairs.jsonl)
    assert _outlets(letters[0]) == ["CBS News", "The Hill"]


def test_the_talks_actively_advancing_are_in_the_summary(seed_briefing):
    assert any("actively advancing" in s.text for s in seed_briefing.stories[0].sentences)


def test_a_claim_only_ap_makes_is_not_credited_to_cbs(tmp_path):
    # Real sentences from the seeds: AP alone reports U.S. officials' view on China; CBS mentions
    # China and weapons in another fact. Both report the exchange of letters.
    shared = "Putin and Kim exchanged letters pledging to increase their bilateral cooperation, Kirby said."
    ap = "But U.S. officials have said that, to date, they do not believe China has provided Moscow with weapons."
    cbs = (
        "Both Russia and China sent high-level delegations to North Korea in July, which marked the first visits "
        "by top foreign officials since the start of the COVID-19 pandemic in 2020. The latest warning about "
        "Pyongyang possibly providing weapons to Russia comes nearly a year after U.S. officials warned the "
        "Russian Ministry of Defense was in the process of buying rockets and artillery shells from North Korea."
    )
    records = [
        {"title": "Russia pitched North Korea on munitions", "text": f"{shared}\n{ap}", "outlet": "Associated Press"},
        {"title": "Kim plans to meet Putin in Russia", "text": f"{shared}\n{cbs}", "outlet": "CBS News"},
    ]
    source = tmp_path / "two.json"
    source.write_text(json.dumps(records), encoding="utf-8")
    story = build_briefing([source], BriefingConfig(show_single_source=True), on=DAY).stories[0]
    # the shared fact is in the summary with both outlets; AP's claim is not promoted to it
    assert [s.text for s in story.sentences] == [shared]
    assert _outlets(story.sentences[0]) == ["Associated Press", "CBS News"]
    assert all(_outlets(s) == ["Associated Press"] for s in story.single_source if s.text == ap)


def test_single_source_claims_are_listed_apart_only_when_asked(seed_briefing):
    assert seed_briefing.stories[0].single_source == ()
    shown = build_briefing([EXAMPLES], BriefingConfig(show_single_source=True), on=DAY).stories[0]
    assert shown.single_source
    kept = {s.text for s in shown.sentences}
    for sentence in shown.single_source:
        assert sentence.support == 1 and sentence.text not in kept


def test_a_story_only_one_outlet_covers_still_appears_marked_as_such(tmp_path):
    source = tmp_path / "one.jsonl"
    text = (
        "The county opened a new library branch in Eastfield on Saturday after two years of construction.\n"
        "The branch holds 40,000 books and a children's reading room, the county librarian said."
    )
    source.write_text(json.dumps({"title": "Eastfield library opens", "text": text, "outlet": "Eastfield Gazette"}) + "\n", encoding="utf-8")
    story = build_briefing([source], BriefingConfig(), on=DAY).stories[0]
    assert story.sentences == ()
    assert story.single_source and all(s.sources[0].outlet == "Eastfield Gazette" for s in story.single_source)


def test_the_citation_check_catches_a_citation_the_article_does_not_support(seed_briefing):
    # Forge one: AP's claim about China cited to a CBS article that does not make it.
    cbs = next(a for a in seed_briefing.articles if a.path.endswith("001_e27c09a525c71061.txt"))
    ap_claim = "But U.S. officials have said that, to date, they do not believe China has provided Moscow with weapons."
    forged = SummarySentence(ap_claim, cbs.id, (Citation(cbs.outlet, cbs.title, None, cbs.id),))
    story = replace(seed_briefing.stories[0], sentences=(forged,))
    checks = check_citations(replace(seed_briefing, stories=(story,)))
    assert [c.verified for c in checks] == [False]


# The facts the seeds' summary must keep, each with the outlets whose articles report it (read by
# hand from examples/articles; the AP article is an earlier report and makes none of them).
MUST_SHOW = {
    "exchange of letters": ("letters", ["CBS News", "The Hill", "The New York Times"]),
    "Shoigu's visit and the follow-up delegation": ("Shoigu", ["CBS News", "The Hill"]),
    "UN Security Council resolutions": ("Security Council resolutions", ["CBS News", "The Hill", "The New York Times"]),
    "talks actively advancing": ("actively advancing", ["CBS News", "The Hill", "The New York Times"]),
    "public commitments not to sell arms": ("public commitments", ["CBS News", "The Hill", "The New York Times"]),
}
# Outlets that report the fact but not every checkable element of the line shown for it: the line
# is not cited to them (briefgen.consensus.claims). Kept visible: each fails today and turns this test red
# (strict xfail) the day the briefing finds a line all of them carry.
LINE_MISSES = {
    "exchange of letters": "the NYT has the letters, not that they pledged more cooperation",
    "UN Security Council resolutions": "the NYT paraphrases the quotation the line carries",
    "talks actively advancing": "the line says \"to bolster President Vladimir Putin's invasion\"; The Hill does not",
    "public commitments not to sell arms": "the NYT paraphrases the quotation the line carries",
}


@pytest.mark.parametrize(
    "fact",
    [
        pytest.param(f, marks=pytest.mark.xfail(strict=True, reason=LINE_MISSES[f])) if f in LINE_MISSES else f
        for f in MUST_SHOW
    ],
)
def test_each_must_show_fact_is_in_the_summary_with_every_outlet_that_reports_it(seed_briefing, six_line_briefing, fact):
    words, outlets = MUST_SHOW[fact]
    briefing = six_line_briefing if fact == SIXTH else seed_briefing
    found = [s for s in briefing.stories[0].sentences if words in s.text]
    assert len(found) == 1, [s.text for s in briefing.stories[0].sentences]
    assert _outlets(found[0]) == outlets


# A story shows at most 5 lines by default; this quotation, the story's sixth fact, shows when six
# lines are asked for.
SIXTH = "public commitments not to sell arms"


@pytest.fixture(scope="module")
def six_line_briefing():
    return build_briefing([EXAMPLES], BriefingConfig(sentences_per_story=6), on=DAY)


@pytest.mark.parametrize("fact", list(MUST_SHOW))
def test_each_must_show_fact_is_kept_with_two_outlets_or_more_and_no_other(seed_briefing, six_line_briefing, fact):
    words, outlets = MUST_SHOW[fact]
    briefing = six_line_briefing if fact == SIXTH else seed_briefing
    found = [s for s in briefing.stories[0].sentences if words in s.text]
    assert len(found) == 1 and len(_outlets(found[0])) >= 2 and set(_outlets(found[0])) <= set(outlets)


def test_every_citation_on_the_seeds_is_a_judged_supported_pair(seed_briefing):
    # tests/fixtures/seed_citation_pairs.jsonl: each line of the seeds' briefing against each other
    # seed article, judged by reading the article (verdict and the evidence quoted)
    judged = {}
    for row in (Path(__file__).parent / "fixtures/seed_citation_pairs.jsonl").read_text("utf-8").splitlines():
        pair = json.loads(row)
        judged[(pair["claim"], pair["article_file"])] = pair["verdict"]
    files = {a.id: Path(a.path).name for a in seed_briefing.articles}
    cited = [
        (line.text, files[c.article])
        for line in seed_briefing.stories[0].sentences
        for c in line.sources
        if c.article != line.article_id
    ]
    assert cited and all(judged.get(pair) == "SUPPORTED" for pair in cited), [
        (p, judged.get(p)) for p in cited if judged.get(p) != "SUPPORTED"
    ]


def test_every_spelling_of_a_name_is_one_matching_term():
    from briefgen.consensus.names import matching_terms

    texts = [
        "Any deal would violate several UN Security Council resolutions.",
        "Any deal would violate numerous United Nations Security Council resolutions.",
        "Any deal would violate a number of U.N. Security Council resolutions.",
        "The Democratic People's Republic of Korea (DPRK) denied it.",
    ]
    terms = matching_terms(texts, "english")
    assert all("UN" in t for t in terms[:3])
    assert not {"unit", "nation", "u.n"} & (terms[1] | terms[2])
    assert terms[3] >= {"DPRK"} and not {"democrat", "republ"} & terms[3]


def test_centrality_only_ordering_takes_the_most_central_fact_first(seed_briefing):
    # The seeds' most central sentence (the NYT's lead: new intelligence that the talks are
    # advancing) is the NYT's alone; support-first puts the three-outlet facts before it,
    # centrality-only does not. (Before list items and fragments left the pool, the most central
    # one was the NYT's letters-and-visit sentence.)
    plain = dict(min_sources=1, lede_first=False)
    central = build_briefing([EXAMPLES], BriefingConfig(**plain, order_by_support=False), on=DAY).stories[0]
    supported = build_briefing([EXAMPLES], BriefingConfig(**plain), on=DAY).stories[0]
    assert [s.support for s in supported.sentences] == sorted((s.support for s in supported.sentences), reverse=True)
    assert central.sentences[0].text != supported.sentences[0].text
    assert central.sentences[0].text.startswith("The United States has new intelligence")


def _briefing_of_two_outlets(tmp_path, first: str, second: str):
    filler = {
        "Daily Courier": ["The city council will vote on the budget next week.", "Schools reopen in the district on Monday."],
        "Evening Post": ["Heavy rain is expected across the region this weekend.", "The council meets on Thursday."],
    }
    records = [
        {"title": "Bridge reopens", "text": "\n".join([text] + filler[outlet]), "outlet": outlet}
        for outlet, text in (("Daily Courier", first), ("Evening Post", second))
    ]
    source = tmp_path / "bridge.json"
    source.write_text(json.dumps(records), encoding="utf-8")
    return build_briefing([source], BriefingConfig(show_single_source=True), on=DAY).stories[0]


def test_the_richer_version_is_not_cited_to_an_outlet_lacking_its_details(tmp_path):
    # Both outlets quote the mayor word for word; only the Courier says how long the repairs took.
    story = _briefing_of_two_outlets(
        tmp_path,
        'Mayor Anna Berg said on Tuesday that the Ponte Alta bridge is "safe for traffic" after eight months of repairs.',
        'Mayor Anna Berg said the Ponte Alta bridge was "safe for traffic" again on Tuesday.',
    )
    richer = [s for s in story.sentences + story.single_source if "eight months" in s.text]
    assert all(_outlets(s) == ["Daily Courier"] for s in richer)  # if shown at all, as the Courier's
    plainer = [s for s in story.sentences if "safe for traffic" in s.text]
    assert plainer and all(_outlets(s) == ["Daily Courier", "Evening Post"] and "eight" not in s.text for s in plainer)

