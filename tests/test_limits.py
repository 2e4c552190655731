"""Limits a daily job relies on: --max-articles, --stage-budget, and a dated folder that changes whole."""

from __future__ import annotations

import json
import time

import pytest

from briefgen import BriefingConfig, build_briefing, write_briefing
from briefgen import pipeline
from briefgen.render import briefing as render
from briefgen.cli import main

from .conftest import DAY, EXAMPLES

SEEDS = sorted(p.name for p in EXAMPLES.iterdir())


def _build(corpus, out, *flags):
    return main(["build", str(corpus), "--out", str(out), "--date", "2023-08-31", *flags])


def test_max_articles_keeps_the_first_in_path_order_and_names_the_rest(corpus, tmp_path, capsys):
    assert _build(corpus, tmp_path / "out", "--max-articles", "3") == 0
    data = json.loads((tmp_path / "out/2023-08-31/briefing.json").read_text(encoding="utf-8"))
    assert sorted(a["path"].rsplit("/", 1)[-1] for a in data["articles"]) == SEEDS[:3]
    assert [(s["path"].rsplit("/", 1)[-1], s["reason"]) for s in data["skipped"]] == [
        (name, "over the --max-articles limit of 3 (not read)") for name in SEEDS[3:]
    ]
    assert "over the --max-articles limit of 3" in capsys.readouterr().err


def test_max_articles_counts_records_inside_one_file(tmp_path):
    records = [{"title": f"Item {n}", "text": f"Report number {n} about the harbour."} for n in range(5)]
    (tmp_path / "wire.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    briefing = build_briefing([tmp_path], BriefingConfig(max_articles=2), on=DAY)
    assert [a.title for a in briefing.articles] == ["Item 0", "Item 1"]
    assert [s.path.rsplit("/", 1)[-1] for s in briefing.skipped] == ["wire.jsonl:3", "wire.jsonl:4", "wire.jsonl:5"]
    assert {s.reason for s in briefing.skipped} == {"over the --max-articles limit of 2"}


def _slow_clustering(seconds):
    real = pipeline.cluster_articles

    def cluster_articles(articles, config):
        time.sleep(seconds)  # a stage that never ends in reasonable time
        return real(articles, config)

    return cluster_articles


def test_a_stage_over_its_budget_stops_the_run_and_keeps_the_previous_briefing(corpus, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    assert _build(corpus, out) == 0
    before = {p.name: p.read_bytes() for p in (out / "2023-08-31").iterdir()}
    top = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}  # index, feed, history store
    (corpus / "extra.json").write_text(json.dumps({"title": "Extra", "text": "A new report."}), encoding="utf-8")
    monkeypatch.setattr(pipeline, "cluster_articles", _slow_clustering(60))
    capsys.readouterr()

    assert _build(corpus, out, "--stage-budget", "2") == 3  # the timer stops the sleep: no 60 s wait

    assert "stopped: the cluster stage took longer than its budget of 2 s" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in (out / "2023-08-31").iterdir()} == before
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == top
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["2023-08-31"]


def test_a_stage_over_budget_outside_the_main_thread_is_judged_when_it_ends(corpus, tmp_path, monkeypatch):
    # No timer can interrupt another thread: the stage finishes, then its lateness stops the run.
    from concurrent.futures import ThreadPoolExecutor

    from briefgen.runtime.budget import StageOverBudget

    # (a budget the other stages keep with a wide margin even on a loaded machine)
    monkeypatch.setattr(pipeline, "cluster_articles", _slow_clustering(2.5))
    with ThreadPoolExecutor(1) as pool:
        job = pool.submit(build_briefing, [corpus], BriefingConfig(stage_budget=1.5), on=DAY)
        with pytest.raises(StageOverBudget, match="the cluster stage took longer than its budget of 1.5 s"):
            job.result()


def test_no_budget_given_means_no_limit(corpus, monkeypatch):
    monkeypatch.setattr(pipeline, "cluster_articles", _slow_clustering(0.2))
    assert build_briefing([corpus], BriefingConfig(), on=DAY).stories


def test_the_dated_folder_is_replaced_whole_and_keeps_a_users_own_files(tmp_path, seed_briefing):
    out = tmp_path / "out"
    day = out / "2023-08-31"
    day.mkdir(parents=True)
    (day / "briefing.md").write_text("old", encoding="utf-8")
    (day / "notes.txt").write_text("my notes", encoding="utf-8")
    written = write_briefing(seed_briefing, out)
    assert (day / "notes.txt").read_text(encoding="utf-8") == "my notes"
    assert (day / "briefing.md").read_text(encoding="utf-8") != "old"
    assert all(p.exists() for p in written)
    assert sorted(p.name for p in out.iterdir()) == ["2023-08-31", "feed.xml", "index.html"]


def test_without_an_atomic_exchange_a_swap_killed_half_way_is_undone_by_the_next_run(tmp_path, seed_briefing, monkeypatch):
    out = tmp_path / "out"
    write_briefing(seed_briefing, out)
    day = out / "2023-08-31"
    old = {p.name: p.read_bytes() for p in day.iterdir()}
    # The state a kill between the fallback's two renames leaves: the old folder parked, none in place.
    day.rename(out / ".2023-08-31.old")
    (out / ".2023-08-31.x1.tmp").mkdir()  # and a half-written staging folder
    monkeypatch.setattr(render, "_exchange", lambda a, b: False)
    render.recover_interrupted_swap(day)
    assert {p.name: p.read_bytes() for p in day.iterdir()} == old
    assert sorted(p.name for p in out.iterdir()) == ["2023-08-31", "feed.xml", "index.html"]
    write_briefing(seed_briefing, out)  # the two-rename path itself
    assert {p.name: p.read_bytes() for p in day.iterdir()} == old
    assert sorted(p.name for p in out.iterdir()) == ["2023-08-31", "feed.xml", "index.html"]


def test_a_file_in_the_way_of_the_dated_folder_is_a_clear_error(corpus, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "2023-08-31").write_text("not a folder", encoding="utf-8")
    assert _build(corpus, out) == 3
    assert "cannot write the briefing" in capsys.readouterr().err
    assert (out / "2023-08-31").read_text(encoding="utf-8") == "not a folder"
