"""briefing.json against its JSON Schema (2020-12) with a standard validator: the examples' files and
a real day's, the schema written beside each file, display names kept apart from data, and
docs/json.md's field reference generated from the schema."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

import briefgen
from briefgen import BriefingConfig, build_briefing
from briefgen.cli import main
from briefgen.render.briefing import CONTRACT_VERSION, render_briefing
from briefgen.render.schema import BEGIN_MARK, END_MARK, field_reference, schema

from .conftest import DAY, EXAMPLES, REPO

SHARED = Path(os.environ.get("BRIEFGEN_SHARED", REPO.parent / "shared"))


def validator(schema_json: dict) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema_json)
    return jsonschema.Draft202012Validator(schema_json, format_checker=jsonschema.FormatChecker())


def errors(data: dict, schema_json: dict | None = None) -> list[str]:
    return [f"{e.json_path}: {e.message}" for e in validator(schema_json or schema()).iter_errors(data)]


@pytest.mark.parametrize("flags", [[], ["--show-single-source", "--min-sources", "3", "--algorithm", "textrank"]])
def test_the_examples_briefing_validates_against_the_schema_written_beside_it(tmp_path, flags):
    assert main(["build", str(EXAMPLES), "--out", str(tmp_path), "--date", DAY.isoformat(), "--no-store", *flags]) == 0
    folder = tmp_path / DAY.isoformat()
    data = json.loads((folder / "briefing.json").read_text(encoding="utf-8"))
    beside = json.loads((folder / data["$schema"]).read_text(encoding="utf-8"))
    assert beside == schema()
    assert errors(data, beside) == []
    assert data["contract"] == CONTRACT_VERSION == 3
    assert data["generator"] == {"name": "briefgen", "version": briefgen.__version__}
    if flags:
        assert (data["options"]["min_sources"], data["options"]["algorithm"], data["options"]["show_single_source"]) == (3, "textrank", True)
    else:
        assert (data["options"]["min_sources"], data["options"]["algorithm"]) == (2, "lexrank")


def test_a_wrong_type_or_a_missing_field_is_caught(seed_briefing):
    data = json.loads(render_briefing(seed_briefing)["briefing.json"])
    assert errors(data) == []
    broken = json.loads(json.dumps(data))
    broken["articles"][0]["published"] = 20230831
    del broken["stories"][0]["first_seen"]
    broken["stories"][0]["sentences"][0]["support"] = "2"
    found = "\n".join(errors(broken))
    assert "published" in found and "first_seen" in found and "support" in found


def test_an_unknown_outlet_is_null_beside_its_display_name(corpus):
    (corpus / "unsigned.txt").write_text(
        "Russia and North Korea talks on weapons advancing, White House says\n\n"
        "The White House said Wednesday it has new intelligence that shows Russia and North Korea are actively "
        "advancing high-level talks for more weapons to bolster President Vladimir Putin's invasion of Ukraine.\n\n"
        "National Security Council spokesman John Kirby said Russian Defense Minister Sergei Shoigu tried to "
        "convince Pyongyang to sell artillery ammunition to Russia during a recent visit.\n",
        encoding="utf-8",
    )
    data = json.loads(render_briefing(build_briefing([corpus], BriefingConfig(), on=DAY))["briefing.json"])
    assert errors(data) == []
    unsigned = next(a for a in data["articles"] if a["path"].endswith("unsigned.txt"))
    assert unsigned["outlet"] is None
    story = next(s for s in data["stories"] if unsigned["id"] in s["articles"])
    assert "Unknown outlet" in story["outlets"]  # the display string, as before
    (detail,) = [d for d in story["outlet_details"] if unsigned["id"] in d["articles"]]
    assert detail == {"name": None, "display": "Unknown outlet", "articles": [unsigned["id"]]}
    assert [d["display"] for d in story["outlet_details"]] == story["outlets"]
    cited = [c for x in story["sentences"] + story["single_source"] for c in x["sources"] if c["article"] == unsigned["id"]]
    assert all(c["outlet"] == "Unknown outlet" and c["outlet_name"] is None for c in cited)
    known = [c for x in story["sentences"] for c in x["sources"] if c["article"] != unsigned["id"]]
    assert known and all(c["outlet_name"] == c["outlet"] for c in known)


def test_the_docs_field_reference_is_the_one_the_schema_gives():
    docs = (REPO / "docs" / "json.md").read_text(encoding="utf-8")
    start, end = docs.index(BEGIN_MARK) + len(BEGIN_MARK) + 1, docs.index(END_MARK)
    assert docs[start:end] == field_reference(), "run `python bench/json_fields.py` to rewrite it"
    for path in ("options.min_sources", "stories[].outlet_details[].name", "articles[].published"):
        assert f"`{path}`" in docs


@pytest.mark.skipif(not (SHARED / "data" / "extraction" / "html").is_dir(), reason="needs ../shared/data/extraction")
def test_a_real_days_briefing_validates(tmp_path):
    import sys

    sys.path.insert(0, str(REPO / "bench"))
    from real_day import real_day_inputs

    with real_day_inputs(SHARED) as inputs:
        briefing = build_briefing(inputs, BriefingConfig(), on=DAY)
    data = json.loads(render_briefing(briefing)["briefing.json"])
    assert len(data["stories"]) > 20 and len(data["articles"]) > 100
    assert errors(data) == []
