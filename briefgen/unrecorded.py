"""A published briefing whose history the store could not take, kept until a later run records it.

A run writes its record into the store before it publishes and commits it right after. When the
commit fails (another program held the store's lock past the wait, the disk under the store filled
up), the briefing is out but the store does not know it: tomorrow's run would count today's
articles as new again. So the record is kept as a JSON file in a hidden folder beside the store
(`.STORE.unrecorded/`: private like the store, never in the published folder), and every later run
with the same store records these first, oldest first, then deletes them.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, fields
from datetime import date
from pathlib import Path

from .model import Article, Story



def folder_of(store_path: Path) -> Path:
    """Where the records a store could not take wait: a hidden folder beside it."""
    return store_path.with_name(f".{store_path.name}.unrecorded")


@dataclass(frozen=True)
class RunRecord:
    """What `Store.record_run` takes for one briefing."""

    on: date
    articles: tuple[Article, ...]
    stories: tuple[Story, ...]
    fingerprints: dict[str, bytes]
    briefing_json: str
    validators: dict[str, tuple[str | None, str | None]]

    def save_into(self, store) -> None:
        store.record_run(self.on, list(self.articles), list(self.stories), self.fingerprints, self.briefing_json, self.validators)


def keep(store_path: Path, record: RunRecord) -> Path:
    """Keep the record beside the store for a later run; returns the file written."""
    folder = folder_of(store_path)
    folder.mkdir(exist_ok=True)
    data = {
        "date": record.on.isoformat(),
        "articles": [asdict(a) for a in record.articles],
        "stories": [{"id": s.id, "article_ids": list(s.article_ids)} for s in record.stories],
        "fingerprints": {k: v.hex() for k, v in sorted(record.fingerprints.items()) if v is not None},
        "briefing_json": record.briefing_json,
        "validators": {url: list(pair) for url, pair in sorted(record.validators.items())},
    }
    path = folder / f"{record.on.isoformat()}.json"
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def waiting(store_path: Path) -> list[tuple[Path, RunRecord]]:
    """The records kept for this store, oldest date first (a file that cannot be read is left out)."""
    found = []
    for path in sorted(folder_of(store_path).glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            found.append((path, _record(data)))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return found


def forget(store_path: Path, on: date) -> None:
    """Drop the record kept for `on`: a later run has recorded that date itself."""
    (folder_of(store_path) / f"{on.isoformat()}.json").unlink(missing_ok=True)
    try:
        folder_of(store_path).rmdir()  # only when empty
    except OSError:
        pass


_ARTICLE_FIELDS = {f.name for f in fields(Article)}


def _record(data: dict) -> RunRecord:
    return RunRecord(
        on=date.fromisoformat(data["date"]),
        articles=tuple(Article(**{k: v for k, v in a.items() if k in _ARTICLE_FIELDS}) for a in data["articles"]),
        stories=tuple(Story(s["id"], tuple(s["article_ids"])) for s in data["stories"]),
        fingerprints={k: bytes.fromhex(v) for k, v in data["fingerprints"].items()},
        briefing_json=data["briefing_json"],
        validators={url: (pair[0], pair[1]) for url, pair in data["validators"].items()},
    )
