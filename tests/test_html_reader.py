"""The HTML reader: the article's text out of a whole page, and what the page says about itself."""

from __future__ import annotations

import json
import unicodedata

import pytest

import briefgen.ingest.html as html_reader
from briefgen.ingest.decode import ArticleError
from briefgen.ingest.html import read_html
from briefgen.provenance import OutletRegistry

REGISTRY = OutletRegistry.load()

ARTICLE = [
    "The city council voted 7-2 on Tuesday to close the Harbour Street bridge for eight months of repairs, starting in January.",
    "Engineers found corrosion in two of the bridge's steel supports during an inspection in September, the council said in a statement.",
    "Commuters will be directed to the Mill Road crossing, which the council expects to add about ten minutes to a typical rush-hour trip.",
    "Council member Ana Ruiz, who voted against the plan, said the city should have kept one lane open for buses, at least at rush hour.",
    "Repairs are expected to cost $14 million, most of it paid by a state grant, and the bridge should reopen by the end of August.",
]
STANDFIRST = "The Harbour Street bridge, used by 30,000 vehicles a day, shuts for eight months from January after engineers found rust."


def page(body: str, head: str = "") -> str:
    return f"""<!doctype html><html><head><title>Bridge to close | Coast Courier</title>{head}</head>
<body>
<header class="site-header"><nav class="main-nav"><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
{body}
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Storm knocks out power to thousands</a></li>
<li><a href="/b">Police name suspect in robbery</a></li></ul></aside>
<footer class="site-footer"><p>© 2019 Coast Courier. All rights reserved. Terms and privacy.</p></footer>
</body></html>"""


def article_page(extra: str = "", head: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE[:2])
    paragraphs += '<figure><img src="b.jpg" alt=""><figcaption>The bridge in March. Photo: City of Portsmouth</figcaption></figure>'
    paragraphs += "".join(f"<p>{p}</p>" for p in ARTICLE[2:])
    return page(
        f"""<main><article>
<h1>Harbour Street bridge to close for eight months</h1>
<div class="byline">By Jane Roe</div>
<div class="share-bar"><a href="https://twitter.com/x">Share on Twitter</a> <a href="https://facebook.com/y">Share on Facebook</a></div>
<div class="article-body">{paragraphs}</div>
{extra}
<div class="related-stories"><h3>Related</h3><p><a href="/c">Mill Road crossing to get new traffic lights next spring, council says</a></p></div>
<section class="comments"><h3>3 comments</h3><p>I drive over that bridge every day and this is going to be a nightmare for all of us.</p></section>
</article></main>""",
        head,
    )


def test_an_article_page_gives_the_article_and_none_of_the_page_around_it():
    article = read_html("bridge.html", article_page(), REGISTRY)
    assert article.body.split("\n") == ARTICLE


def test_a_plain_article_page_is_read_without_trafilatura(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("trafilatura asked about a page the first pass reads")

    monkeypatch.setattr(html_reader.trafilatura, "extract", refuse)
    monkeypatch.setattr(html_reader.trafilatura, "bare_extraction", refuse)
    assert read_html("bridge.html", article_page(), REGISTRY).body.split("\n") == ARTICLE


def test_a_standfirst_under_the_headline_is_the_articles_first_paragraph():
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE)
    html = page(f'<div class="story"><h1>Bridge to close</h1><p class="intro">{STANDFIRST}</p><div class="group"><div class="text">{paragraphs}</div></div></div>')
    assert read_html("bridge.html", html, REGISTRY).body.split("\n") == [STANDFIRST, *ARTICLE]


def test_text_set_into_divs_with_line_breaks_is_read():
    html = page('<div class="post">' + "<br><br>".join(ARTICLE) + "</div>")
    assert read_html("bridge.html", html, REGISTRY).body.split("\n") == ARTICLE


def test_hidden_text_and_a_list_of_links_inside_the_article_are_not_its_text():
    hidden = '<span style="display:none">{\\displaystyle N}</span>'
    links = "<ul>" + "".join(f'<li><a href="/{i}">Other story number {i} about the council</a></li>' for i in range(6)) + "</ul>"
    body = f"<p>{ARTICLE[0]}</p><p>Engineers found corrosion in {hidden}two of the bridge's steel supports.</p>{links}"
    body += "".join(f"<p>{p}</p>" for p in ARTICLE[2:])
    article = read_html("bridge.html", page(f'<div class="entry-content">{body}</div>'), REGISTRY)
    assert "Engineers found corrosion in two of the bridge's steel supports." in article.body
    assert "displaystyle" not in article.body and "Other story number" not in article.body


def test_accented_letters_typed_as_two_characters_come_out_as_one():
    decomposed = unicodedata.normalize("NFD", "Die Brücke wird geprüft, sagte der Gemeinderat am Dienstag in einer langen Erklärung.")
    html = page('<div class="article">' + "".join(f"<p>{p}</p>" for p in [decomposed, *ARTICLE]) + "</div>")
    body = read_html("bridge.html", html, REGISTRY).body
    assert "Die Brücke wird geprüft" in body and unicodedata.is_normalized("NFC", body)


def test_a_page_the_first_pass_cannot_read_is_read_by_trafilatura():
    # the article's paragraphs are all links: the first pass drops them and is unsure of what is left
    body = "".join(f'<p><a href="/{i}">{p}</a></p>' for i, p in enumerate(ARTICLE))
    article = read_html("bridge.html", page(f"<div>{body}</div>"), REGISTRY)
    assert ARTICLE[0] in article.body


def test_what_the_page_declares_about_itself():
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Harbour Street bridge to close for eight months",
        "datePublished": "2019-11-19T08:00:00Z",
        "author": {"@type": "Person", "name": "Jane Roe"},
    }
    head = (
        '<meta property="og:title" content="Harbour Street bridge to close for eight months | Coast Courier">'
        '<meta property="og:site_name" content="Coast Courier">'
        '<link rel="canonical" href="https://www.coastcourier.example/news/bridge">'
        f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    )
    article = read_html("bridge.html", article_page(head=head), REGISTRY)
    assert article.title == "Harbour Street bridge to close for eight months"
    assert article.outlet == "Coast Courier"
    assert article.url == "https://www.coastcourier.example/news/bridge"
    assert article.published == "2019-11-19"
    assert article.author == "Jane Roe"


def test_a_publisher_named_in_broken_json_ld_is_still_the_site():
    # an unescaped quote breaks the JSON; the publisher's name is still read from it
    head = (
        '<meta property="og:site_name" content="Courier">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "description": "a "quoted" word",'
        ' "publisher": {"@type": "Organization", "name": "Coast Courier Magazine"}}</script>'
    )
    assert read_html("bridge.html", article_page(head=head), REGISTRY).outlet == "Coast Courier Magazine"


def test_json_ld_that_says_no_date_gives_none():
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "0001-01-01T00:00:00Z"}</script>'
    assert read_html("bridge.html", article_page(head=head), REGISTRY).published is None


def test_the_same_page_is_read_the_same_way_every_time():
    html = article_page(extra=f"<p>{STANDFIRST}</p>")
    first = read_html("bridge.html", html, REGISTRY)
    assert all(read_html("bridge.html", html, REGISTRY) == first for _ in range(3))


def test_a_page_of_navigation_only_is_refused():
    with pytest.raises(ArticleError):
        read_html("menu.html", page("<div class='menu'><a href='/'>Home</a></div>"), REGISTRY)


def test_a_linked_name_inside_a_sentence_stays_in_the_sentence():
    # sites link names to their topic pages, and name the links after what the site calls a tag
    linked = (
        'Council member <a href="/t/ana-ruiz" id="auto-tag_ana-ruiz" class="tag-link" data-tag="ana-ruiz">Ana Ruiz</a>,'
        " who voted against the plan, said the city should have kept one lane open for buses, at least at rush hour."
    )
    body = "".join(f"<p>{p}</p>" for p in ARTICLE[:3]) + f"<p>{linked}</p>" + f"<p>{ARTICLE[4]}</p>"
    article = read_html("bridge.html", page(f'<article><div class="article-body">{body}</div></article>'), REGISTRY)
    assert article.body.split("\n") == ARTICLE
