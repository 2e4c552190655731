"""A job joins briefgen's results back to its own data by the ids its input already had."""

from __future__ import annotations

import json
import sqlite3

from briefgen.cli import main
from briefgen.store import default_store_path, MIGRATIONS, SCHEMA_VERSION, Store

from .conftest import DAY

RECORDS = [
    {"id": "wire-0001", "title": "Kim to meet Putin in Russia", "outlet": "Reuters",
     "text": "North Korean leader Kim Jong Un plans to travel to Russia to meet President Vladimir Putin."},
    {"id": 4711, "title": "Kim will travel to Russia for talks with Putin", "outlet": "The Hill",
     "text": "Kim Jong Un plans to travel to Russia this month to meet Vladimir Putin, officials said."},
    {"title": "A record without an id", "outlet": "CBS News", "text": "Officials said nothing new today at all."},
]

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Reuters</title>
<item><title>Floods close the coastal road</title><guid isPermaLink="false">urn:feed:item:77</guid>
<link>https://www.reuters.com/world/floods</link><description>Floods closed the coastal road on Monday.</description></item>
</channel></rss>
"""


def _inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "batch.jsonl").write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n", encoding="utf-8")
    (folder / "wire.rss").write_text(RSS, encoding="utf-8")
    return folder


def test_record_ids_and_feed_guids_reach_the_briefing_json(tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(_inputs(tmp_path)), "--out", str(out), "--date", DAY.isoformat(), "--no-store"]) == 0
    articles = json.loads((out / DAY.isoformat() / "briefing.json").read_text("utf-8"))["articles"]
    by_title = {a["title"]: a for a in articles}
    assert by_title["Kim to meet Putin in Russia"]["source_id"] == "wire-0001"
    assert by_title["Kim will travel to Russia for talks with Putin"]["source_id"] == "4711"  # a number, as text
    assert by_title["A record without an id"]["source_id"] is None
    assert by_title["Floods close the coastal road"]["source_id"] == "urn:feed:item:77"
    # briefgen's own id is still its content hash, not the input's id
    assert all(a["id"] != a["source_id"] for a in articles)


def test_extract_and_cluster_print_the_source_id(tmp_path, capsys):
    folder = _inputs(tmp_path)
    assert main(["extract", str(folder)]) == 0
    extracted = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sorted(str(r["source_id"]) for r in extracted) == ["4711", "None", "urn:feed:item:77", "wire-0001"]
    assert main(["cluster", str(folder)]) == 0
    grouped = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["source_id"] for r in grouped} == {"wire-0001", "4711", None, "urn:feed:item:77"}


def test_a_store_from_before_source_ids_is_upgraded_and_keeps_its_history(tmp_path):
    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0] + "; PRAGMA user_version = 1;")
    db.execute(
        "INSERT INTO articles (id, path, title, body, first_seen) VALUES ('a1', 'x.txt', 'Old story', 'Body.', ?)",
        (DAY.isoformat(),),
    )
    db.commit()
    db.close()
    with Store(path) as store:
        assert store.version == SCHEMA_VERSION
        (old,) = store.history(DAY, 3).articles
        assert (old.title, old.source_id) == ("Old story", None)


def test_a_source_id_survives_the_store_between_daily_runs(tmp_path):
    folder = _inputs(tmp_path)
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out), "--date", DAY.isoformat()]) == 0
    with Store(default_store_path(out)) as store:
        ids = {a.title: a.source_id for a in store.history(DAY, 3).articles}
    assert ids["Kim to meet Putin in Russia"] == "wire-0001"
    assert ids["Floods close the coastal road"] == "urn:feed:item:77"
