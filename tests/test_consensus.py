"""Consensus on the seeds: shared facts kept with their outlets, no citation an outlet did not earn."""

from __future__ import annotations

import json
from dataclasses import replace

from briefgen import BriefingConfig, Citation, SummarySentence, build_briefing
from briefgen.verify import check_citations

from .conftest import DAY, EXAMPLES


def _outlets(sentence):
    return sorted({c.outlet for c in sentence.sources})


def test_the_exchange_of_letters_is_kept_with_every_outlet_that_reports_it(seed_briefing):
    letters = [s for s in seed_briefing.stories[0].sentences if "letters" in s.text]
    assert len(letters) == 1  # one fact, one sentence
    assert _outlets(letters[0]) == ["CBS News", "The Hill", "The New York Times"]


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


def test_every_citation_on_the_seeds_is_found_in_the_cited_article(seed_briefing):
    checks = check_citations(seed_briefing)
    assert checks and all(c.verified for c in checks), [c for c in checks if not c.verified]


def test_the_citation_check_catches_a_citation_the_article_does_not_support(seed_briefing):
    # Forge one: AP's claim about China cited to a CBS article that does not make it.
    cbs = next(a for a in seed_briefing.articles if a.path.endswith("001_e27c09a525c71061.txt"))
    ap_claim = "But U.S. officials have said that, to date, they do not believe China has provided Moscow with weapons."
    forged = SummarySentence(ap_claim, cbs.id, (Citation(cbs.outlet, cbs.title, None, cbs.id),))
    story = replace(seed_briefing.stories[0], sentences=(forged,))
    checks = check_citations(replace(seed_briefing, stories=(story,)))
    assert [c.verified for c in checks] == [False]
