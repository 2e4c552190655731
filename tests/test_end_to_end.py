"""The whole path on the bundled seeds: messy scraped articles in, a cited, dated briefing out."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from briefgen import BriefingConfig, build_briefing
from briefgen.cli import main
from briefgen.consensus.facts import outlet_key
from briefgen.render.briefing import render_briefing

from .conftest import DAY, EXAMPLES

SEED_OUTLETS = ["Associated Press", "CBS News", "The Hill", "The New York Times"]

# Junk that sits around the articles in the seed files; none of it may reach a briefing.
SEED_JUNK = [
    "Related", "Ranking", "Recommendation", "veryGood", "ADVERTISEMENT", "Leave a Reply",
    "Be First to Comment", "Current:Home", "Streamline Finance", "WealthTrack", "Press \"Enter\"",
    "Credit: KCNA", "contributed reporting", "Reach her at", "Follow her on Twitter", "Last Updated",
    "&nbsp;", "<div", "<p>", "Mona Lisa", "Powerball", "Tarte Shape Tape", "Date:2025",
]


def test_seeds_make_one_story_from_four_independent_outlets(seed_briefing):
    assert len(seed_briefing.stories) == 1
    story = seed_briefing.stories[0]
    assert list(story.outlets) == SEED_OUTLETS
    assert len(story.story.article_ids) == 5
    by_path = {Path(a.path).name: a.outlet for a in seed_briefing.articles}
    # both CBS News articles re-posted on other sites are CBS News's
    assert by_path["000_defbf7235cfd8c4e.txt"] == by_path["001_e27c09a525c71061.txt"] == "CBS News"
    assert by_path["002_4492b3c9a7284acc.txt"] == "The New York Times"
    assert by_path["003_f85a140a94b8a8bc.txt"] == "The Hill"
    assert by_path["004_4bfa6219a026e7f3.txt"] == "Associated Press"


def test_every_summary_sentence_is_quoted_verbatim_and_cites_two_independent_outlets(seed_briefing):
    story = seed_briefing.stories[0]
    assert story.sentences, "the seeds share facts; the summary must not be empty"
    for sentence in story.sentences:
        quoted = seed_briefing.article(sentence.article_id)
        assert sentence.text in quoted.body
        assert sentence.text in Path(quoted.path).read_text(encoding="utf-8")
        independent = {outlet_key(seed_briefing.article(c.article)) for c in sentence.sources}
        assert len(independent) >= 2
        assert sentence.article_id in {c.article for c in sentence.sources}


def test_titles_are_the_headlines_without_reposting_sites_names(seed_briefing):
    titles = {Path(a.path).name: a.title for a in seed_briefing.articles}
    assert titles["000_defbf7235cfd8c4e.txt"] == (
        'Russia-North Korea arms negotiations "actively advancing," White House says'
    )
    assert titles["002_4492b3c9a7284acc.txt"] == "Russia and North Korea in 'actively advancing' talks on weapons, says US"
    assert titles["003_f85a140a94b8a8bc.txt"].startswith("White House warns Russia, North Korea")
    hosts = {Path(a.path).name: a.host for a in seed_briefing.articles}
    assert hosts["000_defbf7235cfd8c4e.txt"] == "Streamline Finance"  # kept as the host, not the outlet


def test_reposting_sites_scrape_dates_are_not_published_dates(seed_briefing):
    for article in seed_briefing.articles:
        assert article.published is None or not article.published.startswith("2025")


def test_no_site_junk_in_any_output(seed_briefing):
    files = render_briefing(seed_briefing)
    bodies = " ".join(a.body for a in seed_briefing.articles)
    for junk in SEED_JUNK:
        assert junk not in bodies, junk
        for name in ("briefing.md", "briefing.html"):
            # a re-post names the site it was found on, by design: "CBS News (via WealthTrack)"
            shown = re.sub(r"\(via [^)]*\)", "", files[name])
            assert junk not in shown, (junk, name)


def test_cli_writes_the_three_files_dated_by_date(tmp_path, capsys):
    assert main(["build", str(EXAMPLES), "--out", str(tmp_path), "--date", "2023-08-31"]) == 0
    day = tmp_path / "2023-08-31"
    assert sorted(p.name for p in day.iterdir()) == [
        "briefing.email.html", "briefing.html", "briefing.json", "briefing.md", "briefing.schema.json", "briefing.txt",
    ]
    data = json.loads((day / "briefing.json").read_text(encoding="utf-8"))
    assert data["date"] == "2023-08-31"
    story = data["stories"][0]
    assert story["outlets"] == SEED_OUTLETS
    assert set(story["articles"]) == {a["id"] for a in data["articles"]}
    for sentence in story["sentences"]:
        assert set(sentence["sources"][0]) == {"outlet", "outlet_name", "title", "url", "article"}
    for article in data["articles"]:
        assert set(article) >= {"id", "path", "title", "outlet", "url", "published", "duplicate_of"}
    assert data["skipped"] == []
    assert "Thursday 31 August 2023" in (day / "briefing.md").read_text(encoding="utf-8")


def test_two_identical_runs_give_byte_identical_files(tmp_path):
    for run in ("a", "b"):
        assert main(["build", str(EXAMPLES), "--out", str(tmp_path / run), "--date", "2023-08-31"]) == 0
    for name in ("briefing.md", "briefing.html", "briefing.json", "briefing.email.html", "briefing.txt"):
        first = (tmp_path / "a" / "2023-08-31" / name).read_bytes()
        assert first == (tmp_path / "b" / "2023-08-31" / name).read_bytes(), name


def test_bad_files_beside_the_seeds_are_skipped_with_reasons(corpus, tmp_path, capsys):
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blank.txt").write_bytes(b"  \n\n \t\n")
    (corpus / "broken.json").write_text('{"title": "Half a record", "text": ', encoding="utf-8")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (corpus / "latin1.txt").write_bytes("Caf\xe9 owners said on Monday that prices rose sharply again.".encode("latin-1"))
    (corpus / "huge.txt").write_bytes(b"word " * 2_200_000)  # 11 MB: over the limit, refused unread
    (corpus / "records.jsonl").write_text('{"title": "ok"\nnot json at all\n', encoding="utf-8")
    (corpus / "slides.pdf").write_bytes(b"%PDF-1.4")
    code = main(["build", str(corpus), "--out", str(tmp_path / "out"), "--date", "2023-08-31"])
    assert code == 0
    data = json.loads((tmp_path / "out" / "2023-08-31" / "briefing.json").read_text(encoding="utf-8"))
    reasons = {Path(s["path"]).name: s["reason"] for s in data["skipped"]}
    assert reasons["empty.txt"] == "empty file"
    assert "empty" in reasons["blank.txt"]
    assert "malformed JSON" in reasons["broken.json"]
    assert "binary" in reasons["binary.txt"]
    assert "latin1.txt" not in reasons  # a Latin-1 / Windows-1252 article is read, not refused
    latin1 = [a for a in data["articles"] if a["path"].endswith("latin1.txt")]
    assert latin1 and latin1[0]["title"] == "" and latin1[0]["outlet"] is None
    assert "malformed JSON" in reasons["records.jsonl:1"] and "malformed JSON" in reasons["records.jsonl:2"]
    assert "unsupported file type" in reasons["slides.pdf"]
    assert "file too large" in reasons["huge.txt"]
    assert data["stories"][0]["outlets"] == SEED_OUTLETS  # the seeds still make the briefing
    err = capsys.readouterr().err
    assert "skipped" in err and "empty.txt" in err


def test_no_usable_article_exits_1_and_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    assert main(["build", str(bad), "--out", str(tmp_path / "out")]) == 1
    assert not (tmp_path / "out").exists()
    assert "no usable article" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [["build"], ["build", "examples", "--date", "31/08/2023"], ["build", "/no/such/folder"], ["summarise"]],
)
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2


def test_article_markup_is_shown_as_text_never_run(tmp_path):
    # entity-encoded markup survives tag stripping as literal text: it must still never run
    hostile = "&lt;script&gt;alert('x')&lt;/script&gt; <script>alert(2)</script><img src=x onerror=alert(1)>"
    fact = "The Portmouth city council voted on Tuesday to close the old Harbour Bridge for repairs until next spring."
    records = [
        {"title": f"Bridge closes {hostile}", "text": f"{fact} {hostile}", "outlet": "Harbour Times",
         "url": "javascript:alert(1)"},
        {"title": "Council shuts harbour bridge", "text": fact, "outlet": "Coast Courier",
         "url": "https://courier.example/bridge"},
    ]
    source = tmp_path / "in.json"
    source.write_text(json.dumps(records), encoding="utf-8")
    briefing = build_briefing([source], BriefingConfig(), on=DAY)
    assert briefing.stories[0].sentences, "the shared fact must be in the summary"
    html = render_briefing(briefing)["briefing.html"]
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html  # the headline shows the markup as text
    assert "javascript:" not in html
    assert 'href="https://courier.example/bridge"' in html
    # the Markdown, rendered as a forge would, shows the markup as text too
    markdown = MarkdownIt("commonmark").render(render_briefing(briefing)["briefing.md"])
    assert "<script" not in markdown and "<img" not in markdown and "javascript:" not in markdown
    assert "&lt;script&gt;" in markdown


def test_an_outlet_nobody_names_is_reported_as_unknown(tmp_path):
    source = tmp_path / "anon.jsonl"
    source.write_text(json.dumps({"title": "Storm hits coast", "text": "A storm hit the coast on Monday night, cutting power to thousands of homes."}) + "\n", encoding="utf-8")
    briefing = build_briefing([source], BriefingConfig(), on=DAY)
    assert briefing.articles[0].outlet is None
    assert "Unknown outlet" in render_briefing(briefing)["briefing.md"]
