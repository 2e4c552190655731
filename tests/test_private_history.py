"""The history store stays private and honest about time: it lives outside the published folder,
keeps no article text unless asked, an old store inside the output folder is moved out and
stripped of its text, and a briefing built for a past date knows only what was seen by then."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

from briefgen.cli import main
from briefgen.store import LEAD_WORDS, Store, default_store_path

from .conftest import EXAMPLES

# a paragraph from deep in an example article (far past its opening, which the store keeps for
# grouping stories): only the article's full text holds it
_LONGEST = max(sorted(EXAMPLES.glob("*.txt")), key=lambda p: len(p.read_text(encoding="utf-8").split()))
BODY_SENTENCE = [line.strip() for line in _LONGEST.read_text(encoding="utf-8").splitlines() if len(line.strip()) > 100][-2]


def _all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def _body_stored(path: Path) -> bool:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT count(*) FROM articles WHERE body != ''").fetchone()[0] > 0


def test_the_store_is_kept_outside_the_published_folder_and_holds_no_article_text(tmp_path, private_data_dir):
    out = tmp_path / "www"
    assert main(["build", str(EXAMPLES), "--out", str(out), "--date", "2023-08-31"]) == 0
    published = [p.name for p in out.rglob("*") if p.is_file()]
    assert not [n for n in published if n.endswith((".sqlite", ".sqlite-journal", ".db"))]
    store = default_store_path(out)
    assert BODY_SENTENCE not in (out / "2023-08-31" / "briefing.json").read_text(encoding="utf-8")
    assert store.is_file() and store.is_relative_to(private_data_dir)
    assert not _body_stored(store)
    assert BODY_SENTENCE.encode() not in store.read_bytes()
    with Store(store) as history:  # what telling new from old needs is there: titles and openings
        articles = history.history(date(2023, 8, 31), 3).articles
        assert articles and all(a.title and 0 < len(a.body.split()) <= LEAD_WORDS for a in articles)


def test_two_output_folders_keep_two_histories(tmp_path):
    assert default_store_path(tmp_path / "a") != default_store_path(tmp_path / "b")
    assert default_store_path(tmp_path / "a") == default_store_path(tmp_path / "x" / ".." / "a")


def test_text_is_stored_only_when_asked(tmp_path):
    out, store = tmp_path / "out", tmp_path / "history.sqlite"
    assert main(["build", str(EXAMPLES), "--out", str(out), "--date", "2023-08-31", "--store", str(store), "--store-bodies"]) == 0
    assert _body_stored(store)


def test_a_store_inside_the_output_folder_is_warned_about(tmp_path, capsys):
    out = tmp_path / "www"
    args = ["build", str(EXAMPLES), "--out", str(out), "--date", "2023-08-31"]
    assert main([*args, "--store", str(out / "history.sqlite")]) == 0
    err = capsys.readouterr().err
    assert "history.sqlite is inside --out" in err and "published" in err
    assert main([*args, "--store", str(tmp_path / "history.sqlite")]) == 0
    assert "inside --out" not in capsys.readouterr().err


def test_an_old_store_inside_the_output_folder_is_moved_out_stripped_and_still_remembers(tmp_path, capsys):
    out = tmp_path / "www"
    legacy = out / "briefgen.sqlite"
    # an older briefgen's store: in OUT, with every article's text
    assert main(["build", str(EXAMPLES), "--out", str(out), "--date", "2023-08-31", "--store", str(legacy), "--store-bodies"]) == 0
    assert _body_stored(legacy) and BODY_SENTENCE.encode() in legacy.read_bytes()
    capsys.readouterr()

    assert main(["build", str(EXAMPLES), "--out", str(out), "--date", "2023-09-01"]) == 0
    err = capsys.readouterr().err
    assert "moved the history store out of the published folder" in err
    moved = default_store_path(out)
    assert not legacy.exists() and moved.is_file()
    assert not _body_stored(moved) and BODY_SENTENCE.encode() not in moved.read_bytes()
    # its history was kept: the same articles a day later are nothing new
    second = json.loads((out / "2023-09-01" / "briefing.json").read_text(encoding="utf-8"))
    assert second["stories"] == [] and second["since"] == "2023-08-31"
    assert BODY_SENTENCE.encode() not in b"".join(
        p.read_bytes() for p in out.rglob("*.sqlite*") if p.is_file()
    )


def test_backfilling_the_day_before_gives_no_story_first_seen_after_it(tmp_path):
    out = tmp_path / "out"
    later, earlier = date(2023, 9, 1), date(2023, 8, 31)
    assert main(["build", str(EXAMPLES), "--out", str(out), "--date", later.isoformat()]) == 0
    assert main(["build", str(EXAMPLES), "--out", str(out), "--date", earlier.isoformat()]) == 0
    backfilled = json.loads((out / earlier.isoformat() / "briefing.json").read_text(encoding="utf-8"))
    assert backfilled["stories"], "the earlier day briefs its stories as new"
    for story in backfilled["stories"]:
        assert story["first_seen"] <= earlier.isoformat()
        assert story["new_articles"] == len(story["articles"])  # nothing was seen before that day
    assert backfilled["since"] is None  # no briefing was published before it
