"""A credit must be the article's: lines shaped like credits that name someone else than who wrote it.

Each page below is a site's own article carrying a line of a credit's shape that is not a credit: a
photo's copyright, a "Source:" naming a social network or a data source, a place or a year in a
dateline's parentheses, the site's own brand, owner, call sign or name in another script, a
section label, a region, a list of other outlets' reviews. Each is read as the site's own article;
beside each, the same shape naming a real outlet still credits it (so each test can fail both ways).
"""

from __future__ import annotations

import pytest

from briefgen.ingest.html import read_html
from briefgen.provenance import OutletRegistry

REGISTRY = OutletRegistry.load()

PARAGRAPHS = [
    "The city council voted on Tuesday to close the Harbour Street bridge for eight months of repairs, "
    "after engineers found corrosion in two of its steel supports during a routine inspection.",
    "Drivers will be sent along Mill Road and the ring road, which the council expects to add ten minutes "
    "to a morning commute; buses will keep a stop at each end of the bridge throughout the works.",
    "Councillors said the repairs would cost 14 million dollars, most of it from a state fund for ageing "
    "bridges, and that the work could not wait for the summer because of the damage found.",
]


def page(
    *,
    site: str = "Harbour Gazette",
    domain: str = "harbourgazette.example",
    path: str = "/2020/05/04/bridge-to-close/",
    head: str = "",
    before: str = "",
    first: str | None = None,
    after: str = "",
) -> str:
    body = [first or PARAGRAPHS[0], *PARAGRAPHS[1:]]
    return (
        "<!DOCTYPE html><html><head><title>Harbour Street bridge to close for eight months</title>"
        f'<link rel="canonical" href="https://www.{domain}{path}">'
        f'<meta property="og:site_name" content="{site}">'
        f'<meta property="article:published_time" content="2020-05-04T09:00:00-04:00">{head}</head><body>'
        f"<article><h1>Harbour Street bridge to close for eight months</h1>{before}"
        + "".join(f"<p>{p}</p>" for p in body)
        + f"{after}</article></body></html>"
    )


def read(html: str):
    return read_html("page.html", html, REGISTRY)


def own_article(html: str, outlet: str = "Harbour Gazette") -> None:
    article = read(html)
    assert (article.outlet, article.host) == (outlet, None)


# --- a photo's copyright is not the article's credit -------------------------------------------

FIGURE = '<figure><img src="/bridge.jpg" alt=""><figcaption>The Harbour Street bridge. {credit}</figcaption></figure>'


@pytest.mark.parametrize(
    "photo",
    [
        "<p>© Getty Images</p>",
        "<p>© iStock</p>",
        "<p>© REUTERS / John Smith</p>",
        "<p>© AP Photo</p>",
        FIGURE.format(credit='<span class="credit">© The Associated Press</span>'),
        FIGURE.format(credit='<span class="photo-credit">Reuters</span>'),
        '<div class="image-credit">© Reuters</div>',
    ],
)
def test_a_photos_copyright_line_or_credit_element_does_not_credit_the_article(photo):
    own_article(page(before=photo))


def test_a_copyright_line_under_the_article_naming_an_agency_still_credits_it():
    article = read(page(after="<p>© 2020 The Associated Press. All rights reserved.</p>"))
    assert (article.outlet, article.host) == ("Associated Press", "harbourgazette.example")


# --- "Source:" naming what the article quotes or draws on ----------------------------------------


@pytest.mark.parametrize(
    "source",
    ["Source: Twitter", "Source: Instagram", "Source: @harbourcouncil", "Source: U.S. Census Bureau",
     "Source: Johns Hopkins University", "Source: company reports", "Source: Getty Images"],
)
def test_a_source_line_naming_a_social_network_or_a_data_source_is_not_a_credit(source):
    own_article(page(after=f"<p>{source}</p>"))


def test_a_source_line_naming_an_outlet_credits_it():
    article = read(page(after="<p>Source: The Hill</p>"))
    assert (article.outlet, article.host) == ("The Hill", "harbourgazette.example")


# --- a dateline's parentheses holding a place or a year ------------------------------------------


@pytest.mark.parametrize(
    "dateline",
    ["KYIV (Ukraine) – ", "Lansing (Michigan) — ", "Springfield (West Michigan) - ", "Kyiv (2014) – "],
)
def test_a_place_or_a_year_in_a_datelines_parentheses_is_not_an_agency(dateline):
    own_article(page(first=dateline + PARAGRAPHS[0]))


def test_an_agency_in_a_datelines_parentheses_credits_it():
    article = read(page(first="KYIV (Reuters) – " + PARAGRAPHS[0]))
    assert (article.outlet, article.host) == ("Reuters", "harbourgazette.example")


# --- the site's own names: brand, owner, call sign, native script --------------------------------


def test_the_owning_company_of_the_brand_in_the_sites_copyright_is_the_site():
    """"© 1998-2018 El Día SA" on eldia's own page, whose markup names the paper "El Dia"."""
    head = '<meta name="application-name" content="El Dia"><meta name="dc.rights" content="© 1998-2016 - El Día SA - Todos los derechos reservados">'
    html = page(site="Diario El Dia", domain="eldia.example", head=head, after="<p>© 1998-2018 El Día SA - Todos los derechos reservados.</p>")
    own_article(html, "Diario El Dia")


def test_the_sites_owner_named_by_the_registry_is_the_site():
    """Phys.org's own copyright names its owner, Science X (the registry's `owner`)."""
    html = page(site="Phys.org", domain="phys.org", path="/news/2019-10-flint-tool.html", after="<p>© 2019 Science X Network</p>")
    own_article(html, "Phys.org")


def test_a_stations_call_sign_in_its_own_dateline_is_the_site():
    head = '<meta name="twitter:app:name:iphone" content="wtvx">'
    html = page(site="TV5 Harbour City", domain="tv5harbour.example", first="HARBOUR CITY (WTVX) -- " + PARAGRAPHS[0], head=head)
    own_article(html, "TV5 Harbour City")
    # the letters of a call sign in the site's address are enough
    html = page(site="ABC9 Harbour", domain="abc9harbour.example", first="HARBOUR CITY (WABC) -- " + PARAGRAPHS[0])
    own_article(html, "ABC9 Harbour")


def test_the_brand_the_sites_address_starts_with_is_the_site():
    html = page(site="Channel Five Harbour City", domain="ch5news.example", first="HARBOUR CITY (CH5) — " + PARAGRAPHS[0])
    own_article(html, "Channel Five Harbour City")


def test_another_stations_call_sign_credits_it():
    html = page(site="ABC9 Harbour", domain="abc9harbour.example", first="HARBOUR CITY (WXYZ) -- " + PARAGRAPHS[0])
    article = read(html)
    assert (article.outlet, article.host) == ("WXYZ", "abc9harbour.example")


def test_the_sites_name_in_its_own_script_is_the_site():
    """A Russian paper credits itself in Cyrillic where its markup names it in Latin letters, and the other
    way round."""
    html = page(site="Vecherka", domain="vecherka-msk.example", first="MOSCOW (Вечерка) — " + PARAGRAPHS[0])
    own_article(html, "Vecherka")
    html = page(site="Вечерка", domain="vecherka-msk.example", first="MOSCOW (Vecherka) — " + PARAGRAPHS[0])
    own_article(html, "Вечерка")
