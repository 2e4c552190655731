"""Who covers what: per story and per fact, outlets by kind, country, owner and the user's tags, and
the stories only one kind of outlet covers. Built from the seeds and the real fixture pages."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from briefgen import BriefingConfig, build_briefing
from briefgen.cli import main
from briefgen.render.coverage_text import coverage_line
from briefgen.provenance import KINDS, OutletRegistry, RegistryError, country_of_domain
from briefgen.render.briefing import render_briefing

from .conftest import DAY, EXAMPLES

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_LINE = "4 outlets · 1 wire (AP), 3 national (The New York Times, CBS News, The Hill) · US 4"


@pytest.fixture(scope="module")
def three_stories(tmp_path_factory) -> Path:
    """The seeds (one story, four outlets) and the two New York stories (Reuters and TechCrunch;
    The Hill and NBC News): a day with wire, national and digital-native sources."""
    folder = tmp_path_factory.mktemp("day")
    for f in EXAMPLES.iterdir():
        shutil.copy(f, folder / f.name)
    shutil.copy(FIXTURES / "two_new_york_stories.jsonl", folder)
    return folder


def _toml(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "outlets.toml"
    path.write_text(text, encoding="utf-8")
    return path


LEANING = """
[[outlet]]
name = "Reuters"
leaning = "center"

[[outlet]]
name = "TechCrunch"
leaning = "center"

[[outlet]]
name = "The New York Times"
leaning = "left"
"""


def _story(briefing, *outlets):
    return next(s for s in briefing.stories if set(s.outlets) == set(outlets))


# --- the seeds -------------------------------------------------------------------------------------


def test_the_seed_story_says_who_covers_it_in_every_format(seed_briefing):
    files = render_briefing(seed_briefing)
    assert SEED_LINE in files["briefing.txt"]
    assert SEED_LINE in re.sub(r"<[^>]+>", "", files["briefing.html"])
    assert SEED_LINE in re.sub(r"<[^>]+>", "", files["briefing.email.html"])
    assert SEED_LINE.replace("(", r"\(").replace(")", r"\)") in files["briefing.md"]  # Markdown-escaped
    story = json.loads(files["briefing.json"])["stories"][0]
    assert story["coverage"]["kind"] == {"wire": 1, "national": 3}
    assert story["coverage"]["country"] == {"US": 4}
    assert sum(story["coverage"]["owner"].values()) == 4  # no two seed outlets share an owner


def test_each_consensus_line_carries_its_sources_spread(seed_briefing):
    files = render_briefing(seed_briefing)
    data = json.loads(files["briefing.json"])
    registry = OutletRegistry.load()
    html = files["briefing.html"]
    for sentence in data["stories"][0]["sentences"]:
        outlets = {c["outlet"] for c in sentence["sources"]}
        kinds = {}
        for outlet in outlets:
            kind = registry.attribute(outlet, "kind")
            kinds[kind] = kinds.get(kind, 0) + 1
        assert sentence["coverage"]["kind"] == kinds, sentence["text"]
        assert sum(sentence["coverage"]["country"].values()) == len(outlets)
    # in HTML, every fact of the seed story holds its spread, folded under a summary with a hover title
    facts = re.findall(r"<li>(.*?)</li>", html.split('<ul class="facts">')[1].split("</ul>")[0], re.S)
    assert len(facts) == len(data["stories"][0]["sentences"])
    for fact, sentence in zip(facts, data["stories"][0]["sentences"]):
        spread = re.search(r"<details[^>]*><summary title=\"([^\"]+)\">Sources: ([^<]+)</summary>", fact)
        assert spread, fact
        assert spread.group(1).startswith(f"{len({c['outlet'] for c in sentence['sources']})} outlets · ")


def test_the_text_outputs_draw_the_bar_in_characters(seed_briefing):
    files = render_briefing(seed_briefing)
    bar = next(line for line in files["briefing.txt"].splitlines() if "█" in line).strip()
    # 1 wire of 4 outlets: a quarter of the 20 cells
    assert bar == "kind of outlet: wire " + "█" * 5 + " national " + "█" * 15
    assert bar in files["briefing.md"]


def test_no_blind_spot_on_a_day_with_one_story(seed_briefing):
    assert seed_briefing.blindspots == ()
    assert "Covered only by" not in render_briefing(seed_briefing)["briefing.html"]


# --- blind spots and user tags ------------------------------------------------------------------


def test_a_story_only_national_outlets_cover_is_a_blind_spot(three_stories):
    briefing = build_briefing([three_stories], BriefingConfig(), on=DAY)
    omar = _story(briefing, "The Hill", "NBC News")
    assert [(b.story_id, b.value) for b in briefing.blindspots] == [(omar.story.id, "national")]
    files = render_briefing(briefing)
    assert "Covered only by one kind of outlet" in files["briefing.html"]
    assert f"{omar.headline}: only national outlets (The Hill, NBC News)" in files["briefing.txt"]
    blind = json.loads(files["briefing.json"])["blindspots"]
    assert blind == [{"story": omar.story.id, "headline": omar.headline, "key": "kind", "value": "national",
                      "outlets": ["The Hill", "NBC News"]}]


def test_a_users_leaning_tags_change_the_bars_and_the_blind_spots(three_stories, tmp_path):
    tags = _toml(tmp_path, LEANING)
    by_kind = build_briefing([three_stories], BriefingConfig(), on=DAY, outlets_file=tags)
    by_leaning = build_briefing([three_stories], BriefingConfig(coverage_by="leaning"), on=DAY, outlets_file=tags)
    wework = _story(by_leaning, "Reuters", "TechCrunch")
    # the tag shows up like any attribute, with "unknown" for the outlets the file does not tag
    assert dict(wework.coverage.by_key)["leaning"][0].value == "center"
    seed_story = _story(by_leaning, "Associated Press", "CBS News", "The Hill", "The New York Times")
    assert {vc.value: vc.count for vc in seed_story.coverage.counts("leaning")} == {"left": 1, "unknown": 3}
    # blind spots follow the key: by kind the national-only story, by leaning the center-only one
    assert [b.value for b in by_kind.blindspots] == ["national"]
    assert [(b.story_id, b.key, b.value) for b in by_leaning.blindspots] == [(wework.story.id, "leaning", "center")]
    kind_html, leaning_html = render_briefing(by_kind)["briefing.html"], render_briefing(by_leaning)["briefing.html"]
    assert 'aria-label="Outlets by kind: 1 wire · 1 digital-native"' in kind_html
    assert 'aria-label="Outlets by leaning: 2 center"' in leaning_html
    assert 'aria-label="Outlets by leaning: 1 left · 3 unknown"' in leaning_html
    assert "Covered only by one leaning" in leaning_html
    assert "only outlets whose leaning is center (Reuters, TechCrunch)" in leaning_html
    assert "leaning: 1 left (The New York Times), 3 unknown (AP, CBS News, The Hill)" in leaning_html
    data = json.loads(render_briefing(by_leaning)["briefing.json"])
    assert data["coverage_by"] == "leaning"
    assert data["outlet_attributes"]["The New York Times"]["leaning"] == "left"
    assert data["outlet_attributes"]["CBS News"]["leaning"] == "unknown"


def test_the_cli_takes_coverage_by_and_refuses_a_key_no_outlet_has(three_stories, tmp_path, capsys):
    tags = _toml(tmp_path, LEANING)
    out = tmp_path / "out"
    assert main(["build", str(three_stories), "--out", str(out), "--date", "2023-08-31", "--no-store",
                 "--outlets", str(tags), "--coverage-by", "leaning"]) == 0
    data = json.loads((out / "2023-08-31" / "briefing.json").read_text(encoding="utf-8"))
    assert [b["value"] for b in data["blindspots"]] == ["center"]
    with pytest.raises(SystemExit) as exit_:
        main(["build", str(three_stories), "--out", str(out), "--coverage-by", "leaning"])
    assert exit_.value.code == 2
    assert "--coverage-by leaning" in capsys.readouterr().err


# --- the registry ----------------------------------------------------------------------------------


def test_a_users_file_overrides_a_shipped_attribute_and_keeps_the_rest(three_stories, tmp_path):
    local_hill = _toml(tmp_path, '[[outlet]]\nname = "The Hill"\nkind = "local"\n')
    briefing = build_briefing([three_stories], BriefingConfig(), on=DAY, outlets_file=local_hill)
    omar = _story(briefing, "The Hill", "NBC News")  # still credited to The Hill: aliases and domains kept
    assert {vc.value: vc.count for vc in omar.coverage.counts("kind")} == {"national": 1, "local": 1}
    assert {vc.value: vc.count for vc in omar.coverage.counts("country")} == {"US": 2}  # not overridden
    assert briefing.blindspots == ()  # no longer one kind only


def test_a_user_entry_under_an_alias_tags_the_shipped_outlet(tmp_path):
    registry = OutletRegistry.load(_toml(tmp_path, '[[outlet]]\nname = "AP"\npaywall = false\n'))
    assert registry.canonical("AP") == "Associated Press"
    assert registry.attribute("Associated Press", "paywall") == "no"
    assert registry.attribute("Associated Press", "kind") == "wire"
    assert "paywall" in registry.keys()


def test_outlets_of_one_owner_count_once_and_the_line_says_so(three_stories, tmp_path):
    one_owner = _toml(tmp_path, '[[outlet]]\nname = "The Hill"\nowner = "Example Holdings"\n\n'
                                '[[outlet]]\nname = "NBC News"\nowner = "Example Holdings"\n')
    briefing = build_briefing([three_stories], BriefingConfig(), on=DAY, outlets_file=one_owner)
    omar = _story(briefing, "The Hill", "NBC News")
    assert len(omar.coverage.outlets) == 2
    assert {vc.value: vc.count for vc in omar.coverage.counts("kind")} == {"national": 1}
    assert omar.coverage.shared_owners == (("Example Holdings", ("The Hill", "NBC News")),)
    line = coverage_line(omar.coverage, briefing)
    assert line == "2 outlets · 1 national (The Hill, NBC News) · US 1 · The Hill and NBC News count once (same owner: Example Holdings)"
    story = next(s for s in json.loads(render_briefing(briefing)["briefing.json"])["stories"] if s["id"] == omar.story.id)
    assert story["shared_owners"] == [{"owner": "Example Holdings", "outlets": ["The Hill", "NBC News"]}]


def test_the_shipped_registry_knows_which_outlets_share_an_owner():
    registry = OutletRegistry.load()
    assert registry.attribute("Vox", "owner") == registry.attribute("The Verge", "owner")
    assert registry.attribute("The Wall Street Journal", "owner") == registry.attribute("The Times", "owner")


def test_every_shipped_outlet_has_a_kind_from_the_vocabulary():
    registry = OutletRegistry.load()
    for name in registry.attributes:
        assert registry.attribute(name, "kind") in KINDS, name


def test_unknown_outlets_say_unknown_and_a_country_code_domain_gives_the_country(tmp_path):
    # The Omar story's two real reports, as a regional site and a site without a credit would send them
    records = [json.loads(line) for line in (FIXTURES / "two_new_york_stories.jsonl").read_text().splitlines()][2:]
    records[0] |= {"outlet": "Addison Weekly", "url": "https://addisonweekly.ca/news/omar-threat-plea"}
    records[1].pop("outlet")
    records[1]["url"] = "https://news-digest.io/omar-plea"
    path = tmp_path / "omar.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    briefing = build_briefing([path], BriefingConfig(), on=DAY)
    story = briefing.stories[0]
    attributes = {name: dict(a) for name, a in briefing.outlet_attributes}
    assert attributes["Addison Weekly"] == {"kind": "unknown", "country": "CA", "owner": "unknown"}
    # no credit: the site's domain stands for the outlet; .io is sold worldwide, so no country
    assert attributes["news-digest.io"] == {"kind": "unknown", "country": "unknown", "owner": "unknown"}
    assert coverage_line(story.coverage, briefing) == (
        "2 outlets · 2 unknown (Addison Weekly, news-digest.io) · CA 1, unknown 1"
    )
    assert briefing.blindspots == ()  # "unknown" is no side


def test_country_code_domains():
    assert country_of_domain("bbc.co.uk") == "GB"
    assert country_of_domain("spiegel.de") == "DE"
    assert country_of_domain("lemonde.fr") == "FR"
    assert country_of_domain("techcrunch.com") is None
    assert country_of_domain("example.tv") is None
    assert country_of_domain("example.eu") is None  # a union, not a country


@pytest.mark.parametrize("entry,complaint", [
    ('name = "Example Post"\nkind = "newspaper"', "kind 'newspaper'"),
    ('name = "Example Post"\ncountry = "UK"', "country 'UK'"),
    ('name = "Example Post"\nleaning = ["a", "b"]', "single value"),
])
def test_a_users_file_with_a_wrong_attribute_is_refused_with_the_reason(tmp_path, entry, complaint, capsys):
    bad = _toml(tmp_path, f"[[outlet]]\n{entry}\n")
    with pytest.raises(RegistryError, match=re.escape(complaint)):
        OutletRegistry.load(bad)
    with pytest.raises(SystemExit) as exit_:
        main(["build", str(EXAMPLES), "--out", str(tmp_path / "out"), "--outlets", str(bad)])
    assert exit_.value.code == 2
    assert complaint in capsys.readouterr().err


# --- the newsletter ------------------------------------------------------------------------------


def test_the_newsletter_keeps_the_bar_in_inline_styles(seed_briefing):
    email = render_briefing(seed_briefing)["briefing.email.html"]
    bar = re.search(r'<table class="coverage-bar"[^>]*>(.*?)</table>', email, re.S).group(1)
    cells = re.findall(r'<td width="(\d+)%"[^>]*style="([^"]+)"', bar)
    assert [int(w) for w, _ in cells] == [25, 75]
    assert all("background-color:#" in style and "width:" in style for _, style in cells)


def test_a_tag_value_has_one_colour_in_every_bar(three_stories, tmp_path):
    tags = _toml(tmp_path, LEANING + '\n[[outlet]]\nname = "CBS News"\nleaning = "left"\n\n'
                                    '[[outlet]]\nname = "The Hill"\nleaning = "center"\n')
    briefing = build_briefing([three_stories], BriefingConfig(coverage_by="leaning"), on=DAY, outlets_file=tags)
    html = render_briefing(briefing)["briefing.html"]
    colour_of = {}
    for label, colour in re.findall(r'<td width="\d+%" title="([^:]+): \d+" style="[^"]*background-color:(#\w+)', html):
        colour_of.setdefault(label, set()).add(colour)
    # "center" follows "left" in the seed story's bar and stands alone in the WeWork story's
    assert colour_of["center"] and len(colour_of["center"]) == 1
    assert len({c for cs in colour_of.values() for c in cs}) == len(colour_of)  # no two values share one
