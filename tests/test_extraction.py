"""Junk shapes beyond the seeds' sites: what briefgen keeps of a scraped page, and who it credits."""

from __future__ import annotations

import json

from briefgen.cli import main
from briefgen.ingest.text import read_text
from briefgen.provenance import OutletRegistry

REGISTRY = OutletRegistry.load()

ARTICLE = [
    "The city council voted 7-2 on Tuesday to close the Harbour Street bridge for eight months of repairs starting in January.",
    "Engineers found corrosion in two of the bridge's steel supports during an inspection in September, the council said in a statement.",
    "Commuters will be directed to the Mill Road crossing, which the council expects to add about ten minutes to a typical rush-hour trip.",
    "Council member Ana Ruiz, who voted against the plan, said the city should have kept one lane open for buses.",
]

WORDPRESS = [
    "Skip to content", "Menu", "Home", "About", "Contact", "Search for:",
    "Harbour Street bridge to close for eight months",
    "Posted on November 19, 2019 by admin", "Leave a comment",
    *ARTICLE,
    "Share this:", "Click to share on Twitter (Opens in new window)", "Click to share on Facebook (Opens in new window)",
    "Like this:", "Like Loading...", "Related",
    "Posted in Local News | Tagged bridge, council, traffic",
    "Leave a Reply Cancel reply", "Your email address will not be published. Required fields are marked *",
    "Comment", "Name *", "Email *", "Website", "Save my name, email, and website in this browser for the next time I comment.",
    "Recent Posts", "Farmers market moves indoors for winter", "School board approves new calendar",
    "Proudly powered by WordPress | Theme: Twenty Nineteen",
]

NEWS_CMS = [
    "Subscribe now | Sign in", "Advertisement",
    "Harbour Street bridge to close for eight months",
    "By Jane Roe", "Updated 3:04 PM EST, Tue November 19, 2019",
    ARTICLE[0],
    "The Harbour Street bridge in March. Photo: City of Portsmouth",
    ARTICLE[1], "Advertisement", ARTICLE[2],
    "Sign up for our morning newsletter. Get the day's top stories in your inbox.",
    ARTICLE[3],
    "Most read", "1. Storm knocks out power to thousands", "2. Police name suspect in robbery", "3. Weekend weather: sun at last",
    "© 2019 Coast Courier. All rights reserved.",
]

REPRINT = [
    "Harbour Street bridge to close for eight months – Daily Digest",
    *ARTICLE,
    "This article originally appeared on Coast Courier.",
    "You may also like", "Ten recipes for a lazy Sunday", "Local team wins again",
]


def _read(lines):
    return read_text("page.txt", "\n".join(lines), REGISTRY)


def test_wordpress_page_keeps_the_article_and_nothing_of_the_theme():
    article = _read(WORDPRESS)
    assert article.body.split("\n") == ARTICLE
    assert article.title == "Harbour Street bridge to close for eight months"


def test_news_cms_page_drops_ads_captions_promos_and_most_read():
    article = _read(NEWS_CMS)
    assert article.body.split("\n") == ARTICLE
    assert article.author == "Jane Roe"
    assert article.published == "2019-11-19"


def test_reprint_is_credited_to_the_outlet_that_wrote_it():
    article = _read(REPRINT)
    assert article.body.split("\n") == ARTICLE
    assert article.outlet == "Coast Courier"
    assert article.host == "Daily Digest"
    assert article.title == "Harbour Street bridge to close for eight months"


def test_a_wire_dateline_without_a_city_credits_the_agency():
    article = _read(["Bridge to close", "(Reuters) — " + ARTICLE[0], *ARTICLE[1:]])
    assert article.outlet == "Reuters"


def test_extract_command_prints_what_was_read(tmp_path, capsys):
    (tmp_path / "wp.txt").write_text("\n".join(WORDPRESS), encoding="utf-8")
    assert main(["extract", str(tmp_path)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert set(record) == {"path", "title", "outlet", "host", "published", "author", "url", "source_id", "language", "text"}
    assert record["language"] == "en"
    assert record["text"].split("\n") == ARTICLE


def _page(domain: str, first_line: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in [first_line, *ARTICLE[1:]])
    return (
        f'<html><head><title>Bridge to close</title><link rel="canonical" href="https://www.{domain}/2019/11/19/bridge/">'
        f'<meta property="article:published_time" content="2019-11-19"></head><body><article>{body}</article></body></html>'
    )


def test_a_dateline_naming_the_site_itself_is_no_sign_of_a_copy():
    from briefgen.ingest.html import read_html

    own = read_html("own.html", _page("hawaiinewsnow.com", f"HONOLULU (HawaiiNewsNow) - {ARTICLE[0]}"), REGISTRY)
    assert (own.host, own.published) == (None, "2019-11-19")
    # the same dateline on another site is a copy: credited to the writer, the site kept as host,
    # and the date the page declares kept (a re-post runs on its original's day) until the original
    # is in the batch
    copy = read_html("copy.html", _page("newsaggregator.example", f"HONOLULU (HawaiiNewsNow) - {ARTICLE[0]}"), REGISTRY)
    assert (copy.outlet, copy.host, copy.published) == ("Hawaii News Now", "newsaggregator.example", "2019-11-19")


READER_COMMENTS = [
    "This is exactly why the council should have listened to engineers five years ago, when the first report came out.",
    "Ten minutes? Try twenty on a Monday morning. Whoever planned the detour has never driven Mill Road at rush hour.",
    "Finally some sensible spending from the council. Fix it properly once rather than patching it every spring.",
]


def test_a_comment_section_after_the_article_is_not_article_text():
    page = ["Harbour Street bridge to close for eight months", "By Jane Doe", *ARTICLE,
            "[ 3 comments ]", "Top Rated Comments", "2 days ago at 07:52 am", READER_COMMENTS[0],
            "Rating: 36 Votes", "2 days ago at 08:12 am", READER_COMMENTS[1], READER_COMMENTS[2]]
    assert _read(page).body.splitlines() == ARTICLE


def test_a_comment_count_above_the_article_cuts_nothing():
    page = ["Harbour Street bridge to close for eight months", "By Jane Doe", "12 comments", *ARTICLE]
    assert _read(page).body.splitlines() == ARTICLE


def test_a_japanese_article_is_read_as_prose():
    paragraphs = [
        "先日、不正に改造したスマートフォンを販売したとして、商標法違反の疑いで男性が逮捕されたというニュースがありました。",
        "報道によると、販売されたのは機能制限を解除した端末で、非公式のアプリを利用できるようになっていたとのことです。",
        "メーカーはこのような改造を認めておらず、専門家は購入しないよう呼びかけています。",
    ]
    page = ["ホーム", "ニュース", "スマートフォン改造で逮捕", *paragraphs, "シェア", "ツイート"]
    assert _read(page).body.splitlines() == paragraphs


def test_date_stamped_teasers_after_the_article_are_dropped_and_the_articles_own_date_is_not():
    teasers = [
        "More in Local News",
        "Farmers market moves indoors for winter", "November 18, 2019 at 2:01 pm",
        "The downtown farmers market will move into the old library building from December, organisers said on Monday, after a vote by stallholders.",
        "School board approves new calendar", "November 17, 2019 at 7:21 pm",
        "The school board approved a calendar that starts the year a week earlier and adds two days off in February, despite objections from parents.",
    ]
    page = ["Harbour Street bridge to close for eight months", "November 19, 2019 at 5:10 pm", *ARTICLE, *teasers]
    assert _read(page).body.splitlines() == ARTICLE


def test_a_list_of_other_stories_under_top_stories_is_dropped():
    others = [
        "Top stories",
        "Farmers market moves indoors for winter",
        "The downtown farmers market will move into the old library building from December, organisers said.",
        "School board approves new calendar",
        "The school board approved a calendar that starts the year a week earlier, despite objections from parents.",
    ]
    page = ["Harbour Street bridge to close for eight months", *ARTICLE, *others]
    assert _read(page).body.splitlines() == ARTICLE


# A news site's text dump: section menu, header, the article with a table of figures it announces
# (one cell a line, as scrapers flatten tables), then a link list, a newsletter call and the footer.
SECTION_MENU = ["Skip to main content", "News", "Politics", "Business", "Sport", "Culture", "Opinion", "Weather", "Search"]
TABLE_INTRO = "The council published the estimated cost of each stage of the repairs:"
COST_TABLE = ["Stage", "Months", "Cost", "Steel supports", "3", "£4.1m", "Deck", "4", "£2.6m", "Painting", "1", "£0.4m"]
SITE_DUMP = [
    *SECTION_MENU,
    "Harbour Street bridge to close for eight months", "By Jane Roe", "November 19, 2019",
    ARTICLE[0], ARTICLE[1], TABLE_INTRO, *COST_TABLE, ARTICLE[2], ARTICLE[3],
    "Related", "Farmers market moves indoors for winter", "School board approves new calendar",
    "Police name suspect in robbery",
    "Get the morning briefing delivered to your inbox every weekday. Sign up now, it's free.",
    "About us", "Contact", "Advertise", "Privacy policy", "Terms of use", "© 2019 Coast Courier",
]


def test_a_table_the_article_announces_is_kept_cell_by_cell_and_the_page_around_it_dropped():
    article = _read(SITE_DUMP)
    assert article.body.split("\n") == [ARTICLE[0], ARTICLE[1], TABLE_INTRO, *COST_TABLE, ARTICLE[2], ARTICLE[3]]
    assert article.title == "Harbour Street bridge to close for eight months"


def test_an_inline_related_box_is_dropped_and_the_article_goes_on_after_it():
    page = [
        *SECTION_MENU, "Harbour Street bridge to close for eight months", "Jane Roe", "Nov. 19, 2019",
        ARTICLE[0], ARTICLE[1],
        "Related", "Bridge repairs: what you need to know", "Mill Road to get new traffic lights",
        ARTICLE[2], ARTICLE[3],
        "Share", "Tweet", "Email",
    ]
    assert _read(page).body.split("\n") == ARTICLE


# Prose-shaped lines far from the article: a cookie notice above the menu, the owner's blurb in the
# footer. Long and ending like sentences, they passed for stray paragraphs of the article; jusText
# (stopword share, judged with the neighbouring lines) calls them boilerplate.
COOKIE_NOTICE = (
    "We use cookies and other tracking technologies to improve your browsing experience on our site, show "
    "personalized content and targeted ads, analyze site traffic, and understand where our audience is coming "
    "from. To find out more or to opt-out, please read our Cookie Policy."
)
OWNER_BLURB = (
    "Coast Courier is part of Harbour Media Group, an international media group and leading digital publisher. "
    "Visit our corporate site."
)


def test_a_cookie_notice_and_the_owners_blurb_away_from_the_article_are_dropped():
    page = [
        COOKIE_NOTICE, "Accept", *SECTION_MENU,
        "Harbour Street bridge to close for eight months", "By Jane Roe", "November 19, 2019", *ARTICLE,
        "Share", "Tweet", "Email", "About us", "Contact", "Privacy policy", OWNER_BLURB, "Terms of use",
    ]
    assert _read(page).body.split("\n") == ARTICLE
