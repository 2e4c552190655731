"""Stage-level behaviour a user notices: sentences split right offline, every algorithm selectable,
copies recognised, templates shipped in the wheel."""

from __future__ import annotations

import json
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest

from briefgen import BriefingConfig, build_briefing
from briefgen.cli import main
from briefgen.clean.text import split_sentences
from briefgen.config.options import ALGORITHMS
from briefgen.summarize import rank_sentences

from .conftest import DAY, EXAMPLES, REPO

AP_PARAGRAPH = (
    "“This is yet another example of how desperate Mr. Putin has become because his war machine is being "
    "affected by the sanctions and the export controls,” Kirby said. “He is going through a vast amount of "
    "inventory to try to subjugate Ukraine.” The United States long has been concerned that China may provide "
    "weapons to Russia. Secretary of State Antony Blinken warned earlier this year that U.S. intelligence showed "
    "Beijing was weighing it."
)


def test_sentences_split_offline_without_breaking_at_abbreviations():
    sentences = split_sentences(AP_PARAGRAPH)
    assert len(sentences) == 4
    assert sentences[0].startswith("“This is yet another example of how desperate Mr. Putin")
    assert sentences[3].startswith("Secretary of State Antony Blinken warned earlier this year that U.S. intelligence")
    assert all(s in AP_PARAGRAPH for s in sentences)  # verbatim: citations quote the article exactly


def test_sumy_default_tokenizer_needs_punkt_which_briefgen_does_not():
    # The reason briefgen ships its own tokenizer: sumy's default one needs downloaded data.
    from sumy.nlp.tokenizers import Tokenizer

    try:
        Tokenizer("english").to_sentences("One. Two.")
    except LookupError:
        pass  # no punkt here, as on every machine of this project
    scores = rank_sentences(split_sentences(AP_PARAGRAPH))
    assert len(scores) == 4 and max(scores) > 0


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_every_sumy_algorithm_is_selectable(algorithm):
    briefing = build_briefing([EXAMPLES], BriefingConfig(algorithm=algorithm), on=DAY)
    scores = rank_sentences(split_sentences(AP_PARAGRAPH), algorithm)
    assert len(scores) == 4
    assert len(briefing.stories) == 1
    for sentence in briefing.stories[0].sentences:
        assert sentence.support >= 2


def test_a_wire_copy_reposted_with_other_junk_counts_as_a_duplicate(corpus):
    ap = (EXAMPLES / "004_4bfa6219a026e7f3.txt").read_text(encoding="utf-8")
    body = ap[ap.index("WASHINGTON (AP)") : ap.index("veryGood!")]
    repost = "\n".join([
        "Skip to main content", "Menu | Sign in | Subscribe",
        "White House says top Russian official pitched North Korea on increasing sale of munitions to Moscow | Daily Gazette",
        "Posted by admin", body, "Share this:", "Facebook", "Twitter", "Email",
        "You may also like", "Ten recipes for a lazy Sunday", "Local team wins again", "Weather: sunny all week",
        "© 2024 Daily Gazette. All rights reserved.",
    ])
    (corpus / "zz_repost.txt").write_text(repost, encoding="utf-8")
    briefing = build_briefing([corpus], BriefingConfig(), on=DAY)
    by_name = {Path(a.path).name: a for a in briefing.articles}
    copy, first = by_name["zz_repost.txt"], by_name["004_4bfa6219a026e7f3.txt"]
    assert copy.outlet == "Associated Press"  # credited by its dateline, not the re-posting site
    assert copy.host == "Daily Gazette"
    assert "All rights reserved" not in copy.body and "Share this" not in copy.body
    # both are re-posts of one AP story: one is marked a copy of the other
    assert (copy.duplicate_of, first.duplicate_of) in {(first.id, None), (None, copy.id)}
    duplicate = copy if copy.duplicate_of else first
    story = briefing.stories[0]
    assert copy.id in story.story.article_ids and first.id in story.story.article_ids
    assert len(story.outlets) == 4
    for sentence in story.sentences:
        assert duplicate.id not in {c.article for c in sentence.sources}


def test_the_wheel_carries_the_templates(tmp_path):
    # After a plain `pip install .` the package must find its templates without the repository.
    hatchling_wheel = pytest.importorskip("hatchling.builders.wheel")
    builder = hatchling_wheel.WheelBuilder(str(REPO))
    wheel = next(iter(builder.build(directory=str(tmp_path), versions=["standard"])))
    names = zipfile.ZipFile(wheel).namelist()
    for template in (REPO / "templates").rglob("*.j2"):
        assert f"briefgen/templates/{template.relative_to(REPO / 'templates').as_posix()}" in names
    assert "briefgen/outlets.toml" in names
    assert "briefgen/render/briefing.schema.json" in names and "briefgen/py.typed" in names


def test_version_flag_prints_the_version_the_wheel_is_built_with(tmp_path, capsys):
    hatchling_wheel = pytest.importorskip("hatchling.builders.wheel")
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    printed = capsys.readouterr().out.split()
    assert printed[0] == "briefgen" and re.fullmatch(r"\d+\.\d+\.\d+", printed[1])
    wheel = next(iter(hatchling_wheel.WheelBuilder(str(REPO)).build(directory=str(tmp_path), versions=["standard"])))
    assert Path(wheel).name.startswith(f"briefgen-{printed[1]}-")


def test_json_records_keep_their_metadata(tmp_path):
    source = tmp_path / "feed.jsonl"
    source.write_text(
        json.dumps({"title": "Rates held", "text": "The central bank held interest rates steady on Thursday, citing slowing inflation.",
                    "url": "https://www.reuters.com/markets/rates", "published": "2024-03-07T09:30:00Z", "author": "Jane Roe"}) + "\n",
        encoding="utf-8",
    )
    # dated the day of the article: a date after the briefing's is not trusted (tests/test_bad_input.py)
    article = build_briefing([source], BriefingConfig(), on=date(2024, 3, 7)).articles[0]
    assert (article.outlet, article.published, article.author) == ("Reuters", "2024-03-07", "Jane Roe")
