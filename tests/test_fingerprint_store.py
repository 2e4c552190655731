"""A store kept by an older briefgen holds fingerprints hashed another way: they are dropped and made again."""

from __future__ import annotations

import sqlite3

from briefgen.dedupe.minhash import signature
from briefgen.store import MIGRATIONS, Store

from .conftest import DAY, EXAMPLES


def test_fingerprints_of_an_older_store_are_made_again_from_the_bodies(tmp_path):
    path = tmp_path / "briefgen.sqlite"
    body = sorted(EXAMPLES.glob("*.txt"))[0].read_text(encoding="utf-8")
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0] + ";" + MIGRATIONS[1] + "; PRAGMA user_version = 2;")
    old_fingerprint = bytes(range(256)) * 4  # a signature under the old hashing: compares with nothing
    db.execute(
        "INSERT INTO articles (id, path, title, body, fingerprint, first_seen) VALUES ('a1', 'x.txt', 'Old', ?, ?, ?)",
        (body, old_fingerprint, DAY.isoformat()),
    )
    db.commit()
    db.close()
    with Store(path, keep_bodies=True) as store:  # a store that keeps text remakes them from it
        history = store.history(DAY, 3)
        assert history.fingerprints == {}  # not read back as if it were comparable
        (article,) = history.articles
        fresh = signature(article)
        assert fresh is not None and fresh != old_fingerprint
        store.save_run(DAY, [article], [], {article.id: fresh}, "{}")
        assert store.history(DAY, 3).fingerprints == {article.id: fresh}
