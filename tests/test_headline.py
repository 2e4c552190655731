"""A story's headline says what happened: a news report's, not an opinion piece's, a list's or a
deals post's; one that says who did what; one that carries what the story's articles share."""

from __future__ import annotations

from briefgen.editor.headline import choose_headline, has_action
from briefgen.model import Article

SIEGE = ("Police besieged hundreds of protesters inside Polytechnic University in Hong Kong on Monday, "
         "and Beijing warned it would not sit on its hands. Protesters trapped on the campus tried to "
         "escape as police fired tear gas, and the siege entered its second day.")


def member(key: str, title: str, url: str | None = None, body: str = SIEGE) -> Article:
    return Article(id=key, path=f"{key}.html", title=title, body=body, outlet=key, url=url)


def test_a_news_reports_headline_leads_over_an_opinion_pieces():
    members = [
        member("a", "The Daily view on Hong Kong: a city on the brink", "https://daily.example/commentisfree/2019/nov/18/hk"),
        member("b", "Why Beijing will bring slaughter to Hong Kong", "https://weekly.example/opinion/why-beijing"),
        member("c", "Hong Kong police besiege protesters at Polytechnic University", "https://wire.example/news/world/hk-siege"),
    ]
    assert choose_headline(members, "english") == "Hong Kong police besiege protesters at Polytechnic University"


def test_among_opinion_pieces_the_one_saying_who_did_what_leads():
    interview = "Prince Andrew told the BBC in an interview that he did not regret his friendship with Jeffrey Epstein."
    members = [
        member("a", "Royal Self-Indicting Arrogance", "https://agency.example/columnists/2019-royal/", interview),
        member("b", "In Prince Andrew's Epstein interview, the truth comes out", "https://weekly.example/opinion/andrew", interview),
    ]
    assert choose_headline(members, "english") == "In Prince Andrew's Epstein interview, the truth comes out"


def test_a_numbered_list_does_not_head_a_story_of_deals_posts():
    prices = "AirPods are $150 at Amazon and the MacBook Air is $700, the lowest prices on Apple devices this month."
    members = [
        member("a", "The 10 best early Black Friday deals on Apple devices", None, prices),
        member("b", "MacBook sale at Amazon from $700, AirPods, more", "https://blog.example/2019/11/18/macbook-deals-airpods-more/", prices),
    ]
    assert choose_headline(members, "english") == "MacBook sale at Amazon from $700, AirPods, more"


def test_the_headline_carrying_what_the_articles_share_wins_among_news_reports():
    talks = ("The White House said new intelligence shows Russia and North Korea are actively advancing "
             "arms negotiations, with Pyongyang offering artillery ammunition.")
    members = [
        member("a", "Kim Jong Un plans to meet Vladimir Putin, U.S. official says", None, talks),
        member("b", "Russia and North Korea arms negotiations actively advancing, White House says", None, talks),
        member("c", "Russia, North Korea advancing arms negotiations, says US", None, talks),
    ]
    assert "negotiations" in choose_headline(members, "english")


def test_an_action_is_a_verb_not_a_noun_phrase():
    assert has_action("Sweden drops Assange rape investigation")
    assert has_action("Hibernating astronauts would need smaller spacecraft")
    assert has_action("Doobie Brothers Unite With Michael McDonald")
    assert not has_action("Royal Self-Indicting Arrogance")
    assert not has_action("Best tech gadgets of 2019")
    assert not has_action("MacBook sale at Amazon from $700, AirPods, more")
