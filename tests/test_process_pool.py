"""The local engine on several processes gives the briefing it gives on one, byte for byte."""

from __future__ import annotations

import shutil

import pytest

from briefgen import BriefingConfig, build_briefing
from briefgen.runtime import process_pool
from briefgen.cli import main
from briefgen.ingest import read_paths
from briefgen.provenance import OutletRegistry
from briefgen.render.briefing import render_briefing

from .conftest import DAY, EXAMPLES, REPO

FIXTURES = REPO / "tests" / "fixtures"


@pytest.fixture
def pool_even_for_a_small_batch(monkeypatch):
    """The seeds are far below the sizes where a pool pays; take it anyway, to test it."""
    monkeypatch.setattr(process_pool, "MIN_ARTICLES_FOR_POOL", 0)
    monkeypatch.setattr("briefgen.ingest.MIN_BYTES_FOR_POOL", 0)
    monkeypatch.setattr("briefgen.dedupe.minhash.MIN_TEXT_FOR_POOL", 0)


@pytest.fixture
def two_stories_and_seeds(tmp_path):
    """The seeds, four real pages on two other stories, and a headline feed: several files, several stories."""
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES, folder)
    shutil.copy(FIXTURES / "two_new_york_stories.jsonl", folder)
    shutil.copy(FIXTURES / "headline_feed.jsonl", folder)
    return folder


@pytest.mark.skipif(not process_pool.can_fork(), reason="worker processes are forked")
def test_two_processes_write_the_same_files_as_one(pool_even_for_a_small_batch, two_stories_and_seeds):
    one = build_briefing([two_stories_and_seeds], BriefingConfig(workers=1), on=DAY)
    two = build_briefing([two_stories_and_seeds], BriefingConfig(workers=2), on=DAY)
    assert len(one.stories) >= 3
    assert render_briefing(two) == render_briefing(one)


@pytest.mark.skipif(not process_pool.can_fork(), reason="worker processes are forked")
def test_files_read_on_two_processes_come_in_path_order(pool_even_for_a_small_batch, two_stories_and_seeds):
    registry = OutletRegistry.load(None)
    assert read_paths([two_stories_and_seeds], registry, workers=2) == read_paths([two_stories_and_seeds], registry, workers=1)


def test_timings_are_printed_on_stderr_and_change_no_file(tmp_path, capsys):
    plain, timed = tmp_path / "plain", tmp_path / "timed"
    assert main(["build", str(EXAMPLES), "--date", DAY.isoformat(), "--no-store", "--out", str(plain)]) == 0
    assert "total" not in capsys.readouterr().err
    assert main(["build", str(EXAMPLES), "--date", DAY.isoformat(), "--no-store", "--out", str(timed), "--timings"]) == 0
    lines = capsys.readouterr().err.splitlines()
    header = next(i for i, line in enumerate(lines) if line.split() == ["stage", "wall", "s", "CPU", "s", "wall", "%"])
    rows = {line.split()[0]: [float(x) for x in line.split()[1:]] for line in lines[header + 1 :]}
    assert list(rows) == ["ingest", "dedupe", "cluster", "clean", "summarize", "consensus", "coverage", "render", "total"]
    assert all(len(figures) == 3 and min(figures) >= 0 for figures in rows.values())
    assert rows["total"][0] >= sum(wall for name, (wall, _, _) in rows.items() if name != "total") * 0.99
    for name in ("briefing.json", "briefing.md", "briefing.html", "briefing.email.html", "briefing.txt"):
        assert (timed / DAY.isoformat() / name).read_bytes() == (plain / DAY.isoformat() / name).read_bytes()


def test_workers_must_be_at_least_one():
    with pytest.raises(ValueError):
        BriefingConfig(workers=0)
