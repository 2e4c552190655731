"""The briefing as people read it: newsletter HTML and text parts, the archive page, user templates."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from markdown_it import MarkdownIt

from briefgen import BriefingConfig, build_briefing
from briefgen.cli import main
from briefgen.render.briefing import render_briefing

from .conftest import DAY, EXAMPLES


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_the_email_styles_by_class_and_inlines_only_the_sheet_width_and_the_bars(seed_briefing):
    email = render_briefing(seed_briefing)["briefing.email.html"]
    parser = _Tags()
    parser.feed(email)
    names = [t for t, _ in parser.tags]
    assert names.count("style") == 1 and "link" not in names and "script" not in names
    assert "table" in names  # table layout for mail clients
    styled = [(t, attrs.get("class", "")) for t, attrs in parser.tags if "style" in attrs]
    # what must survive a client that drops <style>: the sheet's width and the coverage bar
    assert ("table", "sheet") in styled
    assert {t for t, _ in styled} <= {"table", "td", "p", "span"}
    assert all("coverage" in c for t, c in styled if t == "p")
    assert len(styled) < 12
    for sentence in seed_briefing.stories[0].sentences:
        assert sentence.text.replace('"', "&quot;") in email or sentence.text in email


def test_the_text_part_numbers_the_same_sources_as_the_page(seed_briefing):
    files = render_briefing(seed_briefing)
    text = files["briefing.txt"]
    assert "<" not in text.replace("<http", "")  # no markup in the text part
    numbers_in_text = set(re.findall(r"^\[(\d+)\] ", text, re.M))
    numbers_in_page = set(re.findall(r'id="src-(\d+)"', files["briefing.html"]))
    assert numbers_in_text == numbers_in_page and numbers_in_text
    for sentence in seed_briefing.stories[0].sentences:
        assert sentence.text in text


def test_markdown_citations_are_footnotes_a_commonmark_parser_reads(seed_briefing):
    markdown = render_briefing(seed_briefing)["briefing.md"]
    tokens = MarkdownIt("commonmark").parse(markdown)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0].startswith("Briefing — Thursday 31 August 2023")
    assert "Sources" in headings
    used = set(re.findall(r"\[\^(\d+)\](?!:)", markdown))
    defined = set(re.findall(r"^\[\^(\d+)\]:", markdown, re.M))
    assert used == defined and used


def test_the_archive_lists_every_briefing_newest_first(tmp_path):
    for day in ("2023-08-30", "2023-08-31", "2023-09-01"):
        assert main(["build", str(EXAMPLES), "--out", str(tmp_path), "--date", day]) == 0
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(\d{4}-\d{2}-\d{2})/briefing.html"', index)
    assert links == ["2023-09-01", "2023-08-31", "2023-08-30"]


def test_a_user_template_overrides_the_bundled_one_by_name(tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "briefing.md.j2").write_text(
        "Our digest for {{ date.isoformat() }}: {{ stories|length }} stories.\n"
        "{% for s in stories %}- {{ s.headline|md }}\n{% endfor %}",
        encoding="utf-8",
    )
    briefing = build_briefing([EXAMPLES], BriefingConfig(templates_dir=mine), on=DAY)
    files = render_briefing(briefing, BriefingConfig(templates_dir=mine))
    assert files["briefing.md"].startswith("Our digest for 2023-08-31: 1 stories.")
    assert "Briefing — " in files["briefing.html"]  # templates not overridden stay bundled
