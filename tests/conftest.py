"""Shared fixtures: the bundled example articles (the seeds, byte for byte) and briefings built from them."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from briefgen import BriefingConfig, build_briefing

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples" / "articles"
DAY = date(2023, 8, 31)


@pytest.fixture(scope="session")
def examples() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def seed_briefing():
    return build_briefing([EXAMPLES], BriefingConfig(), on=DAY)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A writable copy of the example articles, to put other files beside."""
    folder = tmp_path / "articles"
    shutil.copytree(EXAMPLES, folder)
    return folder


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test's default history store goes to a folder of its own, never the user's data folder."""
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("BRIEFGEN_DATA_DIR", str(folder))
    return folder
