"""A copy much shorter than its original is still a copy: a scrape that kept a few of its paragraphs,
grouped with the article it was cut from; texts that merely share a template or a quoted piece are not."""

from __future__ import annotations

import shutil
from pathlib import Path

from briefgen import BriefingConfig
from briefgen.pipeline import group_articles

from .conftest import EXAMPLES

HILL = EXAMPLES / "003_f85a140a94b8a8bc.txt"
CBS = EXAMPLES / "000_defbf7235cfd8c4e.txt"


def _paragraphs(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if path == HILL:
        text = text[text.index("The Biden administration") : text.index("Source: The Hill")]
    return [p.strip() for p in text.split("\n") if len(p.split()) > 8]


def _scrape(site: str, title: str, paragraphs: list[str]) -> str:
    """A re-posting site's page as a plain-text scrape: its menu and share lines around the text."""
    return "\n".join(["Skip to content", site, "Home World Business", f"{title} | {site}", title, "Share on Facebook",
                      *paragraphs, "Share this:", "Leave a comment", f"© 2026 {site}. All rights reserved."])


def _by_file(folder: Path):
    articles, stories, _ = group_articles([folder], BriefingConfig())
    story_of = {i: s.id for s in stories for i in s.article_ids}
    return {Path(a.path).name: a for a in articles}, story_of


def test_a_scrape_that_kept_three_paragraphs_is_a_copy_of_the_article(tmp_path):
    # Three of the Hill article's paragraphs and nothing else: a fifth of its word 5-grams, far under
    # the 0.8 Jaccard similarity that marks a whole copy, but every one of them is the Hill's.
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES, folder)
    (folder / "excerpt.txt").write_text(
        _scrape("Viral Wire 24", "White House warns on arms talks", _paragraphs(HILL)[:3]), encoding="utf-8"
    )
    by_file, story_of = _by_file(folder)
    hill, excerpt = by_file[HILL.name], by_file["excerpt.txt"]
    assert excerpt.duplicate_of == hill.id or hill.duplicate_of == excerpt.id
    assert story_of[excerpt.id] == story_of[hill.id]
    # the other outlets' reports of the same news are not copies of it
    assert all(by_file[p.name].duplicate_of is None for p in EXAMPLES.glob("*.txt") if p != HILL)


def test_two_reports_quoting_one_short_piece_stay_two_reports(tmp_path):
    # A short piece (three paragraphs of the Hill's) stands whole in two longer texts: the Hill's own
    # article, and a report that quotes it and goes on with other outlets' reporting. The short piece
    # is a copy of one of them; the two longer texts are not made copies of each other through it.
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(HILL, folder / HILL.name)
    piece = _paragraphs(HILL)[:3]
    (folder / "piece.txt").write_text(_scrape("Repost Daily", "White House warns on arms talks", piece), encoding="utf-8")
    (folder / "roundup.txt").write_text(
        _scrape("Trending Buzz Hub", "What we know about the Russia-North Korea arms talks", piece + _paragraphs(CBS)),
        encoding="utf-8",
    )
    by_file, _ = _by_file(folder)
    hill, piece_, roundup = by_file[HILL.name], by_file["piece.txt"], by_file["roundup.txt"]
    assert hill.duplicate_of != roundup.id and roundup.duplicate_of != hill.id
    assert hill.duplicate_of is None or roundup.duplicate_of is None
    assert piece_.duplicate_of in {hill.id, roundup.id} or {hill.duplicate_of, roundup.duplicate_of} & {piece_.id}


# Forecasts and score lines are written to a template: the same phrases, other places and numbers.
FORECASTS = [
    "Today: Mostly sunny, with a high near 75. Northwest wind 5 to 10 mph.\n"
    "Tonight: Partly cloudy, with a low around 52. Light and variable wind.\n"
    "Saturday: A chance of showers after 2pm. Mostly cloudy, with a high near 68.",
    "Today: Mostly sunny, with a high near 61. North wind 10 to 15 mph.\n"
    "Tonight: Mostly clear, with a low around 40. Light and variable wind.\n"
    "Saturday: A chance of showers after 2pm. Partly sunny, with a high near 58.\n"
    "Sunday: Sunny, with a high near 63. Calm wind becoming south around 6 mph in the afternoon.",
]
SCORES = [
    "The Lakers beat the Celtics 102-99 on Sunday night at Staples Center.\n"
    "The Heat beat the Knicks 110-95 on Sunday night at Madison Square Garden.",
    "The Lakers beat the Celtics 97-91 on Sunday night at TD Garden.\n"
    "The Heat beat the Knicks 121-104 on Sunday night at American Airlines Arena.\n"
    "The Bulls beat the Pistons 88-86 on Sunday night at the United Center.",
]


def test_generic_headlines_over_templated_text_are_not_copies(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, title, texts in (("weather", "Weather", FORECASTS), ("scores", "Scores", SCORES)):
        for n, text in enumerate(texts):
            site = ("Springfield Ledger", "Riverside Courier")[n]
            (folder / f"{name}{n}.txt").write_text(_scrape(site, title, text.split("\n")), encoding="utf-8")
    by_file, _ = _by_file(folder)
    assert len(by_file) == 4
    assert all(a.duplicate_of is None for a in by_file.values())


def test_an_item_that_is_one_sentence_of_a_longer_article_is_a_source_of_its_own(tmp_path):
    # Two outlets carrying the same sentence share a fact (the consensus stage counts both); a text
    # of one sentence is too little to call a copy, even when it stands whole in the other's article.
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(HILL, folder / HILL.name)
    sentence = _paragraphs(HILL)[0]  # "The Biden administration said Wednesday …", 22 words
    (folder / "brief.txt").write_text(_scrape("Coast Courier", "Kirby warns Pyongyang", [sentence]), encoding="utf-8")
    by_file, _ = _by_file(folder)
    assert by_file["brief.txt"].duplicate_of is None and by_file[HILL.name].duplicate_of is None
