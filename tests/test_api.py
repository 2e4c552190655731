"""The Python API fails early and clearly: one path given as a string is one path, a missing path
raises, dates are parsed once, the options object checks its fields, articles held in memory can be
briefed, and the package type-checks clean for the scripts that use it."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from briefgen import Article, BriefingConfig, build_briefing, build_briefing_from_articles, make_article, write_briefing
from briefgen.pipeline import read_articles
from briefgen.render import render_briefing

from .conftest import DAY, EXAMPLES, REPO


def _json(briefing) -> dict:
    return json.loads(render_briefing(briefing)["briefing.json"])


def test_a_string_path_is_one_path(seed_briefing):
    from_string = build_briefing(str(EXAMPLES), on=DAY)
    from_path = build_briefing(EXAMPLES, on=DAY)
    assert _json(from_string) == _json(from_path) == _json(seed_briefing)
    assert len(from_string.articles) == 5


def test_a_missing_path_raises_and_nothing_is_published(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope"):
        build_briefing(["nope"], on=DAY)
    with pytest.raises(FileNotFoundError, match="missing.txt"):
        build_briefing([EXAMPLES, tmp_path / "missing.txt"], on=DAY)
    with pytest.raises(TypeError, match="str or a Path"):
        build_briefing([42], on=DAY)
    assert list(tmp_path.iterdir()) == []


def test_a_date_is_a_date_or_an_iso_string_parsed_once(tmp_path, seed_briefing):
    from_string = build_briefing([EXAMPLES], on="2023-08-31")
    assert from_string.date == date(2023, 8, 31)
    assert _json(from_string) == _json(seed_briefing)
    assert build_briefing([EXAMPLES], on=datetime(2023, 8, 31, 9, 30)).date == DAY
    written = write_briefing(from_string, tmp_path)  # the templates get a real date
    assert "Thursday 31 August 2023" in (tmp_path / "2023-08-31" / "briefing.md").read_text(encoding="utf-8")
    assert written
    with pytest.raises(ValueError, match="not a date in YYYY-MM-DD form: '31/08/2023'"):
        build_briefing([EXAMPLES], on="31/08/2023")
    with pytest.raises(TypeError, match="on must be a datetime.date or an ISO date string"):
        build_briefing([EXAMPLES], on=20230831)


@pytest.mark.parametrize("options, message", [
    ({"min_sources": "2"}, "BriefingConfig.min_sources must be int, not str '2'"),
    ({"min_sources": True}, "min_sources must be int, not bool"),
    ({"show_single_source": "yes"}, "show_single_source must be bool"),
    ({"sentences_per_story": 2.5}, "sentences_per_story must be int"),
    ({"max_articles": "10"}, "max_articles must be int or None"),
    ({"base_url": 7}, "base_url must be str or None"),
])
def test_the_options_object_checks_the_type_of_each_field(options, message):
    with pytest.raises(TypeError, match=message):
        BriefingConfig(**options)


def test_the_options_object_takes_what_fits():
    config = BriefingConfig(redundancy_weight=0, templates_dir=str(REPO / "templates"), stage_budget=5)
    assert config.templates_dir == REPO / "templates" and config.redundancy_weight == 0
    with pytest.raises(TypeError, match="config must be a briefgen.BriefingConfig"):
        build_briefing([EXAMPLES], {"min_sources": 2}, on=DAY)


def test_articles_held_in_memory_make_the_same_briefing_as_their_files(seed_briefing):
    articles, _ = read_articles([EXAMPLES], BriefingConfig(), on=DAY)
    in_memory = [Article(a.id, a.path, a.title, a.body, a.outlet, a.host, a.url, a.published, a.author) for a in articles]
    briefing = build_briefing_from_articles(in_memory, on="2023-08-31")
    assert _json(briefing) == _json(seed_briefing)


def test_made_articles_are_briefed_and_bad_records_refused():
    body = (
        "The city council voted on Tuesday to close the Harbor Bridge for six weeks of emergency repairs. "
        "Inspectors found corrosion in two steel beams during a routine inspection last month. "
        "About 40,000 vehicles cross the bridge each day."
    )
    first = make_article("Harbor Bridge to close for repairs", body, outlet="Daily Courier",
                         url="https://courier.example/bridge", published=date(2024, 3, 4))
    second = make_article("Harbor Bridge shut for six weeks", body.replace("Tuesday", "Tuesday evening"),
                          outlet="Evening Star", url="https://star.example/bridge", published="2024-03-04")
    assert first.id != second.id and first.published == "2024-03-04" and first.path == "https://courier.example/bridge"
    assert make_article(first.title, first.body, url=first.url).id == first.id  # same article, same id
    briefing = build_briefing_from_articles([first, second], on="2024-03-04")
    assert {a.id for a in briefing.articles} == {first.id, second.id}
    assert len(briefing.stories) == 1
    with pytest.raises(TypeError, match="briefgen.Article records, not dict"):
        build_briefing_from_articles([{"title": "x", "body": "y"}])
    with pytest.raises(ValueError, match="two articles have the id"):
        build_briefing_from_articles([first, first])
    with pytest.raises(ValueError, match="published: not a date"):
        make_article("t", "b", published="March 4")


def test_the_package_ships_its_types_and_type_checks_clean():
    assert (REPO / "briefgen" / "py.typed").is_file()
    api = pytest.importorskip("mypy.api")
    out, err, status = api.run(["--config-file", str(REPO / "pyproject.toml"), "--no-incremental", str(REPO / "briefgen")])
    assert status == 0, out + err
    assert "Success: no issues found" in out
