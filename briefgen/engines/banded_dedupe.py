"""Dedupe in partitions, shuffled by LSH band: the copies `briefgen.dedupe.minhash.mark_duplicates` finds.

`mark_duplicates` links two articles when its LSH index proposes them — their MinHash signatures
agree on all values of at least one band — and their estimated Jaccard similarity reaches the
threshold; the copies are the connected groups of those links, and each group's original is its
original by `dedupe.choose_original`. Connected groups do not depend on the order links are found in,
so the same groups come out of:

1. `partition_signatures` — each partition's MinHash signatures (the expensive part: shingling and
   hashing every body), and `band_records` — one (band key, article) record per band, routed to a
   reducer by the key's hash: the shuffle;
2. `candidate_pairs` — each reducer pairs the articles that share a band key, bucketed by the two
   partitions holding their signatures;
3. `verified_links` — one task per pair of partitions checks the pairs' Jaccard estimates and keeps
   a spanning forest of the links that pass (fewer edges, the same groups);
4. `duplicate_map` — on the driver, union-find over the forests; each group's original named.

Nothing here imports dask: these are plain functions a scheduler runs as tasks.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import dataclass, replace

import numpy as np

from ..dedupe.minhash import (
    NUM_PERM,
    _original_first,
    candidate_index,
    choose_original,
    minhash_values,
)
from ..dedupe.shingles import body_shingles
from ..model import Article

Located = tuple[str, int]  # (article id, index of the partition holding its signature)


@dataclass(frozen=True)
class Signatures:
    """One partition's MinHash signatures, and every article's place in the originals' order."""

    part: int
    ids: tuple[str, ...]  # the articles with enough text for a signature
    values: np.ndarray  # (len(ids), NUM_PERM) uint64: MinHash values, one row per id
    order_keys: tuple[tuple[str, tuple], ...]  # (id, _original_first key) of every article


def band_ranges(threshold: float) -> list[tuple[int, int]]:
    """The bands of `mark_duplicates`' index for this threshold (`dedupe.candidate_index`)."""
    return [tuple(r) for r in candidate_index(threshold).hashranges]


def partition_signatures(part: int, articles: list[Article]) -> Signatures:
    ids, rows = [], []
    for article, values in zip(articles, minhash_values(body_shingles([a.body for a in articles]).compared)):
        if values is not None:
            ids.append(article.id)
            rows.append(values)
    values = np.array(rows, dtype=np.uint64).reshape(len(rows), NUM_PERM)
    return Signatures(part, tuple(ids), values, tuple((a.id, _original_first(a)) for a in articles))


def band_records(signatures: Signatures, ranges: list[tuple[int, int]], reducers: int) -> list[list[tuple[bytes, Located]]]:
    """(band key, (id, partition)) per article and band, split into one list per reducer."""
    out: list[list[tuple[bytes, Located]]] = [[] for _ in range(reducers)]
    for row, article_id in enumerate(signatures.ids):
        for band, (start, stop) in enumerate(ranges):
            # the band's number, then its values: equal keys ⇔ the index would put both in one bucket
            key = band.to_bytes(2, "big") + signatures.values[row, start:stop].tobytes()
            out[zlib.crc32(key) % reducers].append((key, (article_id, signatures.part)))
    return out


def candidate_pairs(*record_lists: list[tuple[bytes, Located]]) -> dict[tuple[int, int], set[tuple[Located, Located]]]:
    """Pairs of articles sharing a band key, bucketed by (partition of the first, of the second)."""
    groups: dict[bytes, list[Located]] = {}
    for records in record_lists:
        for key, located in records:
            groups.setdefault(key, []).append(located)
    buckets: dict[tuple[int, int], set[tuple[Located, Located]]] = {}
    for members in groups.values():
        members = sorted(set(members), key=lambda m: (m[1], m[0]))
        for x, a in enumerate(members):
            for b in members[x + 1 :]:
                buckets.setdefault((a[1], b[1]), set()).add((a, b))
    return buckets


def pairs_in_bucket(buckets: dict[tuple[int, int], set[tuple[Located, Located]]], bucket: tuple[int, int]) -> set:
    return buckets.get(bucket, set())


def verified_links(first: Signatures, second: Signatures, threshold: float, *pair_sets: set) -> list[tuple[str, str]]:
    """The pairs whose Jaccard estimate reaches the threshold, reduced to a spanning forest."""
    row_of = {article_id: (first, row) for row, article_id in enumerate(first.ids)}
    row_of.update({article_id: (second, row) for row, article_id in enumerate(second.ids)})
    parent: dict[str, str] = {}
    links = []
    for (a, _), (b, _) in sorted(set().union(*pair_sets)):
        (sa, ra), (sb, rb) = row_of[a], row_of[b]
        # MinHash.jaccard's own expression, so a pair on the threshold is decided the same way
        jaccard = float(np.count_nonzero(sa.values[ra] == sb.values[rb])) / float(NUM_PERM)
        if jaccard >= threshold:
            ra_root, rb_root = _root(parent, a), _root(parent, b)
            if ra_root != rb_root:
                parent[ra_root] = rb_root
                links.append((a, b))
    return links


def duplicate_map(links: Iterable[tuple[str, str]], order_keys: dict[str, tuple]) -> dict[str, str]:
    """{copy id: original id}: each linked group's original by `choose_original`, as `mark_duplicates`."""
    parent: dict[str, str] = {}
    for a, b in links:
        ra, rb = _root(parent, a), _root(parent, b)
        if ra != rb:
            parent[ra] = rb
    groups: dict[str, list[str]] = {}
    for article_id in parent:
        groups.setdefault(_root(parent, article_id), []).append(article_id)
    copies = {}
    for members in groups.values():
        original = choose_original([order_keys[i] for i in members])[3]
        copies.update({i: original for i in members if i != original})
    return copies


def mark_copies(articles: list[Article], copies: dict[str, str], dates: dict[str, str] | None = None) -> list[Article]:
    """The articles with their originals marked, and undated ones given their group's date
    (`briefgen.dedupe.dates_from_groups`, worked out on the driver)."""
    dates = dates or {}
    return [replace(a, duplicate_of=copies.get(a.id), published=a.published or dates.get(a.id)) for a in articles]


def _root(parent: dict[str, str], x: str) -> str:
    parent.setdefault(x, x)
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x
