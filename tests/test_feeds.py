"""RSS and Atom feed files: each item an article, bad items and broken feeds reported, never the run."""

from __future__ import annotations

import json

from briefgen import BriefingConfig, build_briefing
from briefgen.cli import main
from briefgen.ingest import read_paths
from briefgen.provenance import OutletRegistry

from .conftest import DAY

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Some Aggregator</title><link>https://aggregator.example</link>
<item><title>Kim to meet Putin in Russia</title><link>https://thehill.com/policy/kim-putin</link>
<pubDate>Tue, 05 Sep 2023 10:00:00 GMT</pubDate><description>Short teaser.</description>
<content:encoded><![CDATA[<p>North Korean leader Kim Jong Un plans to travel to Russia.</p>
<p>He will meet Putin, officials said.<script>alert(1)</script></p>]]></content:encoded></item>
<item><title>A headline and nothing else</title><link>javascript:alert(1)</link></item>
<item><description>   </description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Reuters</title>
<entry><title>Atom item</title><link href="https://www.example.org/world/x"/>
<updated>2023-09-05T12:00:00Z</updated><author><name>Jane Doe</name></author>
<summary type="html">&lt;p&gt;A paragraph here.&lt;/p&gt;</summary></entry></feed>
"""


def _read(folder):
    return read_paths([folder], OutletRegistry.load())


def test_rss_items_become_articles_with_their_metadata_and_clean_text(tmp_path):
    (tmp_path / "news.rss").write_text(RSS, encoding="utf-8")
    articles, skipped = _read(tmp_path)
    first = next(a for a in articles if a.title.startswith("Kim"))
    # the outlet is the one the item's link belongs to, not the aggregator that carried the feed
    assert (first.outlet, first.url, first.published) == ("The Hill", "https://thehill.com/policy/kim-putin", "2023-09-05")
    assert first.body.splitlines() == ["North Korean leader Kim Jong Un plans to travel to Russia.", "He will meet Putin, officials said."]
    headline_only = next(a for a in articles if a.title == "A headline and nothing else")
    assert headline_only.body == "" and headline_only.url is None  # a javascript: link is not a link
    assert [s.reason for s in skipped] == ["feed item has neither a title nor text"]
    assert skipped[0].path.endswith("news.rss#2")


def test_atom_entries_keep_author_date_and_the_feed_title_as_outlet(tmp_path):
    (tmp_path / "wire.atom").write_text(ATOM, encoding="utf-8")
    (article,), skipped = _read(tmp_path)
    assert (article.outlet, article.author, article.published, article.body) == ("Reuters", "Jane Doe", "2023-09-05", "A paragraph here.")
    assert skipped == []


def test_a_broken_feed_or_an_xml_file_that_is_no_feed_is_reported_by_name(tmp_path):
    (tmp_path / "good.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "truncated.rss").write_text("<rss><channel><item><title>cut off", encoding="utf-8")
    (tmp_path / "page.xml").write_text("<html><body>not a feed</body></html>", encoding="utf-8")
    articles, skipped = _read(tmp_path)
    reasons = {s.path.rsplit("/", 1)[-1]: s.reason for s in skipped}
    assert reasons["page.xml"] == "not an RSS or Atom feed"
    assert "malformed feed" in reasons["truncated.rss#0"]
    assert len(articles) == 2  # the good feed's items are still read


def test_feed_headlines_join_a_story_but_add_no_summary_sentence(corpus, tmp_path):
    # A headline-only item about the seeds' story, from an outlet none of the seeds is from.
    (corpus / "headlines.rss").write_text(
        '<rss version="2.0"><channel><title>Headlines</title><item>'
        "<title>North Korea's Kim Jong Un plans to meet Putin in Russia to discuss weapons</title>"
        "<link>https://www.bbc.co.uk/news/world-asia-1</link></item></channel></rss>",
        encoding="utf-8",
    )
    briefing = build_briefing([corpus], BriefingConfig(), on=DAY)
    headline = next(a for a in briefing.articles if a.path.endswith("headlines.rss#0"))
    story = next(s for s in briefing.stories if headline.id in s.story.article_ids)
    assert len(story.story.article_ids) > 1  # grouped with the seeds on its title alone
    assert all(s.article_id != headline.id for s in story.sentences)


def test_extract_prints_one_line_per_feed_item(tmp_path, capsys):
    (tmp_path / "wire.atom").write_text(ATOM, encoding="utf-8")
    assert main(["extract", str(tmp_path)]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert json.loads(line)["title"] == "Atom item"
