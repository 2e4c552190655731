"""What kind of article a page is, read from its own address and title: the headline is taken from a
news report, a deals post or a list never leads the briefing, a guide is not an event's story."""

from __future__ import annotations

import pytest

from briefgen.editor.article_kind import article_kind


@pytest.mark.parametrize(
    "title, url, kind",
    [
        ("Sweden drops Assange rape investigation", "https://news.example/world-europe-50473792", "news"),
        ("Jose Mourinho agrees deal to replace Mauricio Pochettino", "https://news.example/story/123", "news"),
        ("Beijing tariff demands may expand US-China trade deal", None, "news"),
        ("Why Beijing will bring slaughter to Hong Kong", "https://paper.example/opinion/why-beijing", "opinion"),
        ("The Guardian view on Hong Kong: a city on the brink", "https://paper.example/commentisfree/2019/nov/18/x", "opinion"),
        ("Royal Self-Indicting Arrogance", "https://agency.example/columnists/201911181077343476-royal/", "opinion"),
        ("Dear Abby: Husband springs for business class", "https://paper.example/advice/2019/11/dear-abby", "opinion"),
        ("Opinion: The senate must act", None, "opinion"),
        ("Tennis Podcast: Davis Cup Finals launch in Madrid", None, "opinion"),
        ("MacBook sale at Amazon from $700, AirPods, more", "https://blog.example/2019/11/18/macbook-deals-airpods-more/", "deals"),
        ("The 10 best early Black Friday deals on Apple devices", None, "deals"),
        ("Best tech gadgets of 2019", "https://site.example/article/best-tech-gadgets/", "list"),
        ("7 key questions heading into the 2020 Democratic debate", None, "list"),
        ("PolitiFact's guide to understanding tariffs and trade", None, "guide"),
        ("How to retire early so you can travel", None, "guide"),
        ("Fact Check: Is an oxygen bar offering fresh air?", None, "explainer"),
        ("Does Marie Yovanovitch Have a Net Worth of $17 Million?", None, "explainer"),
        ("Browns' defensive snap counts, stats, and notes: Week 11", None, "stats"),
        ("2018 Boys State Swim Results", None, "stats"),
        ("Star Wars Jedi: Fallen Order review - shoots for the moon", None, "review"),
    ],
)
def test_the_kind_is_read_from_the_pages_own_address_and_title(title, url, kind):
    assert article_kind(title, url) == kind
