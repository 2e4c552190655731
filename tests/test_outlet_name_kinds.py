"""A year, a region, a section label or a slogan is never an outlet's name; a round-up is its own site's.

Four pages of a real news day were credited to names no outlet has, each by a general shape these
small pages reproduce: a fact-check listing "Ukraine (2014) – …" (a year in a dateline's place), a
newspaper's section label "News > Nation" (section words that are also a TV channel's name), a station's
story quoting "a reporter for West Michigan station …" (a region in an author blurb's place), and a
page of reviews listing each outlet under its review (a round-up credited to the first outlet listed).
"""

from __future__ import annotations

from briefgen.ingest.html import read_html
from briefgen.provenance import OutletRegistry
from briefgen.provenance.titles import clean_outlet_name

REGISTRY = OutletRegistry.load()


def article_page(url: str, site: str | None, body: str, head: str = "") -> str:
    site_meta = f'<meta property="og:site_name" content="{site}">' if site else ""
    return (
        f'<!DOCTYPE html><html><head><title>Page</title><link rel="canonical" href="{url}">{site_meta}'
        f'<meta property="article:published_time" content="2024-03-01T12:00:00Z">{head}</head>'
        f"<body><article>{body}</article></body></html>"
    )


def test_a_year_in_a_list_of_datelines_is_not_an_outlet():
    """A fact-check's list of past events, each "Place (year) – what happened"."""
    body = (
        "<h1>Has Russia invaded its neighbours before?</h1>"
        "<p>Claim: Russia has never attacked a neighbouring country in the past three decades.</p>"
        "<p>Verdict: False. Russian forces have crossed into neighbouring states several times.</p>"
        "<p>Georgia (2008) – Russian troops entered South Ossetia and Abkhazia after days of shelling.</p>"
        "<p>Ukraine (2014) – Russia annexed Crimea and backed armed separatists in the Donbas region.</p>"
        "<p>Both interventions were condemned by most members of the United Nations General Assembly.</p>"
    )
    article = read_html("check.html", article_page("https://www.factcheck-desk.example/a/33127.html", "Fact Check Desk", body), REGISTRY)
    assert (article.outlet, article.host) == ("Fact Check Desk", None)


def test_a_breadcrumb_of_section_words_is_not_a_credit_though_a_channel_has_that_name():
    """"News Nation" is a TV channel's name (the registry's) and a newspaper's "News > Nation" section label."""
    body = (
        '<p class="section-label">News &gt; Nation</p>'
        "<h1>Senate passes stopgap spending bill hours before shutdown deadline</h1>"
        "<p>The Senate passed a stopgap spending bill late on Friday, sending it to the president hours "
        "before a partial government shutdown would have begun at midnight.</p>"
        "<p>The measure keeps agencies funded at current levels for another six weeks while negotiators "
        "work on the full-year bills that have stalled since the autumn.</p>"
    )
    url = "https://www.spokane-review.example/stories/2024/mar/01/senate-passes-stopgap/"
    article = read_html("bill.html", article_page(url, "The Spokane Review", body), REGISTRY)
    assert (article.outlet, article.host) == ("The Spokane Review", None)


def test_a_region_named_where_an_author_blurb_names_an_outlet_is_not_one():
    """A station's story quoting "a reporter for West Michigan station WXMI": the region is no outlet."""
    body = (
        "<h1>Lake Michigan shoreline homes at risk as water levels rise</h1>"
        "<p>Homeowners along the Lake Michigan shoreline are bracing for another spring of erosion as "
        "water levels stay well above their long-term average, officials said on Friday.</p>"
        "<p>One couple near Grand Haven said they had already lost ten feet of bluff this winter, as they "
        "told a reporter for West Michigan station WXMI earlier in the week.</p>"
        "<p>The state has set aside emergency funds for shoreline communities, but most of the cost of "
        "protecting private homes will fall on their owners.</p>"
    )
    url = "https://www.cbsnews.com/detroit/news/lake-michigan-shoreline-homes-at-risk/"
    article = read_html("shore.html", article_page(url, "CBS Detroit", body), REGISTRY)
    assert (article.outlet, article.host) == ("CBS News", None)  # the registry's name for the address


def test_a_round_up_of_reviews_is_its_own_sites_page():
    """A page listing reviews from several outlets, each under its outlet's name."""
    items = [
        ("Engadget", "The new handheld is the best portable console yet, with a sharp screen and long battery life."),
        ("The Verge", "A great screen and a comfortable grip make up for a price that is hard to swallow."),
        ("CNET", "Battery life is strong, but the software still feels unfinished at launch for many players."),
    ]
    body = "<h1>What the reviews say about the new handheld console</h1>" + "".join(
        f'<div class="item"><p>{outlet}</p><p>{summary}</p></div>' for outlet, summary in items
    )
    article = read_html("roundup.html", article_page("https://digg.com/technology/link/handheld-reviews", "Digg", body), REGISTRY)
    assert (article.outlet, article.host) == ("Digg", None)


def test_a_page_citing_one_outlet_by_name_alone_is_still_credited_to_it():
    """The round-up rule needs several outlets listed: a copy naming only its writer is its writer's."""
    body = (
        "<h1>The new handheld console reviewed</h1><p>Engadget</p>"
        "<p>The new handheld is the best portable console yet, with a sharp screen and long battery life.</p>"
        "<p>Its controls are comfortable for long sessions, and its dock makes it a home console too.</p>"
    )
    article = read_html("copy.html", article_page("https://gadget-repost.example/handheld", "Gadget Repost", body), REGISTRY)
    assert (article.outlet, article.host) == ("Engadget", "gadget-repost.example")


def test_a_year_a_region_or_a_slogan_is_not_a_sites_name():
    for name in ("2014", "West Michigan", "Your Trusted Source For Local News"):
        assert clean_outlet_name(name) is None
    for name in ("The Spokesman-Review", "Michigan Radio", "News Nation", "Live Science", "City A.M."):
        assert clean_outlet_name(name) == name
