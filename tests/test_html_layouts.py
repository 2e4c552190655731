"""The HTML reader on page layouts its rules were not written against: each failure mode of reading
an unfamiliar page, on a small page built the way real sites build them."""

from __future__ import annotations

import lxml.etree
import pytest

import briefgen.ingest.html as html_reader
from briefgen.ingest.html import read_html
from briefgen.ingest.main_text import main_text, parse
from briefgen.ingest.records import read_records
from briefgen.ingest.text import read_text
from briefgen.provenance import OutletRegistry

REGISTRY = OutletRegistry.load()

ARTICLE = [
    "The county board approved a new bus route on Monday that links the hospital, the college and the rail station every fifteen minutes.",
    "The route replaces two older lines that ran once an hour and left riders waiting in the rain, the transit agency said in a statement.",
    "Drivers will be hired over the summer, and the first buses are expected to run in September, a year earlier than first planned.",
    "Board member Lena Ortiz said the route would cost about $3 million a year, paid from the sales tax voters approved last spring.",
]
MORE = [
    "Riders at a public meeting last week asked for shelters at every stop, and the agency said it would build twelve of them by winter.",
    "The agency also plans to print timetables in Spanish and Vietnamese, the two languages most often spoken at home along the route.",
]


def page(body: str) -> str:
    return f"""<!doctype html><html><head><title>New bus route approved | Valley Ledger</title></head>
<body>
<header class="site-header"><nav class="main-nav"><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
{body}
<footer class="site-footer"><p>© 2021 Valley Ledger. All rights reserved. Terms and privacy.</p></footer>
</body></html>"""


def paragraphs(texts: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in texts)


def body_lines(html: str) -> list[str]:
    return read_html("route.html", html, REGISTRY).body.split("\n")


def test_a_teaser_that_repeats_the_articles_paragraphs_does_not_make_the_reader_unsure():
    # the page's prose is the article's, told once more in a box: the article holds all of it
    teaser = f'<div class="teaser-box">{paragraphs(ARTICLE[:3])}</div>'
    html = page(f'<div class="story-body">{paragraphs(ARTICLE)}</div><div class="rail">{teaser}</div>')
    assert main_text(parse(html)).sure


def test_text_written_into_divs_wins_over_a_promo_boxs_paragraphs():
    promo = (
        '<div class="promo"><p>Get unlimited access to every story on our website and app for one dollar a week for the first year.</p>'
        "<p>Our journalists cover the valley's schools, courts and councils every day, and your subscription pays for them.</p>"
        "<p>Already a subscriber? Sign in with the email address you used when you subscribed to read without limits.</p>"
        "<p>Give a subscription as a gift to a friend or a relative, and they will get the same unlimited access you have.</p></div>"
    )
    article = '<div class="entry">' + "".join(f"<div>{p}</div>" for p in ARTICLE) + "</div>"
    lines = body_lines(page(article + promo))
    assert lines == ARTICLE


def test_lines_split_by_br_win_over_a_promo_boxs_paragraphs():
    promo = '<div class="promo">' + paragraphs([p.replace("bus", "train") for p in ARTICLE[:3]]) + "</div>"
    article = '<div class="entry">' + "<br><br>".join(ARTICLE + MORE) + "</div>"
    lines = body_lines(page(article + promo))
    assert lines == ARTICLE + MORE


def test_the_article_goes_on_in_a_block_after_its_first_one():
    related = '<div class="more-stories"><h3>More stories</h3><ul><li><a href="/a">Library reopens after repairs</a></li><li><a href="/b">School board race heats up</a></li></ul></div>'
    html = page(
        f'<article><h1>New bus route approved</h1><div>{paragraphs(ARTICLE)}</div>'
        f"<h2>What riders asked for</h2><div>{paragraphs(MORE)}</div>{related}</article>"
    )
    assert body_lines(html) == ARTICLE + ["What riders asked for"] + MORE


def test_an_about_us_set_apart_by_a_rule_after_the_article_is_not_read():
    about = "Valley Transit is the public bus operator of the county, with 40 routes and 300 buses serving 2 million riders a year across the valley and its towns."
    html = page(f'<div class="text">{paragraphs(ARTICLE)}</div><div class="text"><hr><p>{about}</p></div>')
    assert body_lines(html) == ARTICLE


def test_a_list_of_linked_sources_inside_the_article_is_kept():
    sources = (
        '<ul><li><a href="/plan.pdf">The transit plan adopted by the county board</a>, March 2021</li>'
        '<li><a href="/survey.pdf">The survey of riders along the new route</a>, 2,400 answers</li>'
        '<li><a href="/budget.pdf">The transit agency budget for the coming year</a> (PDF)</li></ul>'
    )
    html = page(f'<div class="story-body">{paragraphs(ARTICLE[:2])}{sources}{paragraphs(ARTICLE[2:])}</div>')
    lines = body_lines(html)
    assert "The survey of riders along the new route, 2,400 answers" in lines
    assert lines[0] == ARTICLE[0] and lines[-1] == ARTICLE[-1]


def test_a_box_of_linked_headlines_inside_the_article_is_still_left_out():
    headlines = "<ul>" + "".join(f'<li><a href="/{i}">Council story number {i} about the new bus lanes</a></li>' for i in range(4)) + "</ul>"
    html = page(f'<div class="story-body">{paragraphs(ARTICLE[:2])}{headlines}{paragraphs(ARTICLE[2:])}</div>')
    assert body_lines(html) == ARTICLE


def test_a_subheading_whose_id_starts_with_a_furniture_word_is_kept():
    html = page(
        f'<div class="story-body">{paragraphs(ARTICLE)}'
        f'<h2 id="share-of-riders-who-drive">Share of riders who drive</h2>{paragraphs(MORE)}</div>'
    )
    assert body_lines(html) == ARTICLE + ["Share of riders who drive"] + MORE


def test_a_section_named_after_its_heading_is_read_even_when_the_name_starts_with_a_furniture_word():
    html = page(
        f'<div class="story-body">{paragraphs(ARTICLE)}'
        f'<div class="section" id="sharing-the-cost-with-the-state"><h2>Sharing the cost with the state</h2>{paragraphs(MORE)}</div>'
        f'<div id="comments"><h3>Comments</h3><p>This route is long overdue and I hope they keep the buses clean and on time this time around.</p></div></div>'
    )
    assert body_lines(html) == ARTICLE + ["Sharing the cost with the state"] + MORE


def test_a_data_table_inside_the_article_is_read():
    table = "<table><tr><th>Stop</th><th>First bus</th></tr><tr><td>Hospital</td><td>5:40 am</td></tr><tr><td>Rail station</td><td>5:55 am</td></tr></table>"
    html = page(f'<div class="story-body">{paragraphs(ARTICLE[:2])}{table}{paragraphs(ARTICLE[2:])}</div>')
    body = read_html("route.html", html, REGISTRY).body
    assert "Rail station" in body and "5:55 am" in body


def test_prose_the_page_hides_is_neither_read_nor_counted():
    hidden = f'<div style="visibility: hidden">{paragraphs([p.replace("bus", "tram") for p in ARTICLE + MORE])}</div>'
    html = page(f"<article>{hidden}<div>{paragraphs(ARTICLE)}</div></article>")
    assert main_text(parse(html)).sure
    assert body_lines(html) == ARTICLE


def test_soft_hyphens_and_zero_width_characters_are_dropped_from_html():
    hyphenated = ARTICLE[0].replace("hospital", "hos&shy;pi\u00adtal").replace("college", "col\u200blege").replace("station", "sta\u2060tion")
    html = page(f'<div class="story-body">{paragraphs([hyphenated, *ARTICLE[1:]])}</div>')
    article = read_html("route.html", html.replace("New bus route", "New bus\u00ad route"), REGISTRY)
    assert article.body.split("\n")[0] == ARTICLE[0]
    assert "\u00ad" not in article.title and "\u00ad" not in article.body


def test_soft_hyphens_and_zero_width_characters_are_dropped_from_plain_text_and_records():
    text = "New bus route approved\n\n" + "\n\n".join(p.replace("county", "coun\u00adty").replace("route", "ro\u200bute") for p in ARTICLE)
    assert read_text("route.txt", text, REGISTRY).body.split("\n") == ARTICLE
    record = '{"title": "New bus ro\\u00adute approved", "text": "' + ARTICLE[0].replace("hospital", "hos\\u00adpital") + '"}'
    articles = [a for a in read_records("route.jsonl", record + "\n", REGISTRY) if hasattr(a, "body")]
    assert articles[0].title == "New bus route approved" and articles[0].body == ARTICLE[0]


def _document_with(lines: list[str]):
    """A stand-in for trafilatura's result: an object with a `body` tree of paragraphs."""
    body = lxml.etree.Element("body")
    for line in lines:
        lxml.etree.SubElement(body, "p").text = line

    class Document:
        pass

    document = Document()
    document.body = body
    return document


MENU = ["News", "Local politics", "Schools and colleges", "Sport", "Business", "Opinion", "Obituaries", "Weather"]


def unsure_page() -> str:
    # one short paragraph under a large menu: the first pass reads it but is unsure
    menu = '<ul class="sections">' + "".join(f'<li><a href="/{i}">{m}</a></li>' for i, m in enumerate(MENU)) + "</ul>"
    return page(f'{menu}<div class="story-body"><p>{ARTICLE[0]}</p><p>{ARTICLE[1]}</p></div>')


def test_an_unsure_page_goes_to_trafilaturas_full_mode(monkeypatch):
    asked = []

    def extraction(html, **options):
        asked.append(options)
        return _document_with(ARTICLE)

    monkeypatch.setattr(html_reader.trafilatura, "bare_extraction", extraction)
    assert body_lines(unsure_page()) == ARTICLE
    assert asked and not asked[0].get("fast")


def test_trafilaturas_text_is_refused_when_it_is_the_sites_menu(monkeypatch):
    monkeypatch.setattr(html_reader.trafilatura, "bare_extraction", lambda html, **options: _document_with(MENU))
    assert body_lines(unsure_page()) == ARTICLE[:2]


@pytest.mark.parametrize("broken", [None, "raise"])
def test_when_trafilatura_gives_nothing_the_first_pass_stands(monkeypatch, broken):
    def extraction(html, **options):
        if broken == "raise":
            raise ValueError("bad markup")
        return None

    monkeypatch.setattr(html_reader.trafilatura, "bare_extraction", extraction)
    assert body_lines(unsure_page()) == ARTICLE[:2]
