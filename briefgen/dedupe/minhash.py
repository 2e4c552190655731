"""Stage 3 — dedupe: find syndicated copies and near-duplicates, so a copy never counts twice.

Each body becomes a MinHash of its word 5-gram shingles; an LSH index proposes candidate pairs in
about linear time, and a pair is a copy when its estimated Jaccard similarity reaches the threshold.
The index's bands are those of a lower threshold (`CANDIDATE_MARGIN` below), so that it proposes
nearly every pair above the threshold: the bands datasketch picks for the threshold itself propose
a pair of similarity 0.85 only 69 % of the time, and 0.9 only 93 %.
Site junk is already stripped, so a wire story re-posted under another site's header still matches.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH
from datasketch.minhash import _fmix

from ..config.options import BriefingConfig
from ..model import Article
from ..runtime.process_pool import (
    MIN_TEXT_FOR_POOL,
    add_worker_timings,
    map_in_processes,
    pool_size,
)
from .containment import ShortIndex, best_containers, containers, short_texts
from .shingles import Shingles, body_shingles

NUM_PERM = 128
# The hashing a signature was made with: datasketch's "affine32" permutations (MurmurHash3's 32-bit
# pre-mix, then a·h + b wrapping at 32 bits, seed 1) of `briefgen.dedupe.shingles`' 64-bit shingle hashes cut
# to their low 32 bits. Signatures made under another scheme are not comparable: a store keeps those
# of this one only (`briefgen.store` drops older ones, and they are made again from the bodies).
SCHEME = "affine32"
# The bands of similarity 0.7 (14 of 9 rows) propose 87 % of the pairs at exactly 0.8, 97 % at 0.85 and
# 99.9 % at 0.9; those of 0.6 would reach 99 % at 0.8 for 18 bands: more memory, and more records for
# the Dask engine to shuffle, for pairs whose estimate is within its own noise of the threshold.
CANDIDATE_MARGIN = 0.1
# Shingles permuted at once: 128 permutations of 4,096 shingles (2 MB) stay in the processor's cache,
# which makes numpy several times faster than over a whole batch.
_PERMUTED_AT_ONCE = 4096
# Bodies read per piece of work: enough for numpy to work in bulk, few enough to spread over workers.
BODIES_PER_TASK = 64


@lru_cache(maxsize=1)
def _permutations() -> np.ndarray:
    """The hash permutations every fingerprint uses (they follow from the seed), drawn once."""
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).permutations


def minhash_values(shingles: Shingles) -> list[np.ndarray | None]:
    """Each text's MinHash values (None: fewer than 3 distinct shingles, too little to call anything
    a copy of it). datasketch's `update_batch` over the same 32-bit hashes gives the same values
    (tests/test_dedupe_cluster.py); here the permutations run over many texts' shingles at once."""
    counts = shingles.counts()
    enough = [i for i in range(len(counts)) if counts[i] >= 3 and _three_distinct(shingles.of(i))]
    out: list[np.ndarray | None] = [None] * len(counts)
    a, b = (p.reshape(-1, 1) for p in _permutations())
    group: list[int] = []
    in_group: int = 0
    for k, i in enumerate(enough):
        group.append(i)
        in_group += int(counts[i])
        if k + 1 == len(enough) or in_group + counts[enough[k + 1]] > _PERMUTED_AT_ONCE:
            hashed = np.concatenate([shingles.of(j) for j in group]).astype(np.uint32)  # the low 32 bits
            starts = np.cumsum([0] + [counts[j] for j in group[:-1]])
            with np.errstate(over="ignore"):  # the permutation wraps around 2^32 on purpose
                permuted = _fmix(hashed, 32) * a + b  # (NUM_PERM, shingles)
            for j, values in zip(group, np.minimum.reduceat(permuted, starts, axis=1).T):
                out[j] = values.copy()
            group, in_group = [], 0
    return out


def _three_distinct(hashes: np.ndarray) -> bool:
    others = hashes[hashes != hashes[0]]
    return len(others) > 0 and bool((others != others[0]).any())


def as_minhash(values: np.ndarray) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=1, hashvalues=values, permutations=_permutations(), scheme=SCHEME)


def fingerprint(body: str) -> MinHash | None:
    """The MinHash of a body's compared text (`shingles.compared_lines`); None when it is too short."""
    [values] = minhash_values(body_shingles([body]).compared)
    return None if values is None else as_minhash(values)


def fingerprints(bodies: list[str], workers: int = 1) -> list[MinHash | None]:
    """`fingerprint` of each body, in order; on `workers` processes (forked) when more than one."""
    tasks = [(start, min(start + BODIES_PER_TASK, len(bodies))) for start in range(0, len(bodies), BODIES_PER_TASK)]

    def values_of(task: tuple[int, int]) -> list[np.ndarray | None]:
        return minhash_values(body_shingles(bodies[task[0] : task[1]]).compared)

    values: list[np.ndarray | None] = [None] * len(bodies)
    for (start, stop), found in zip(tasks, _map(tasks, values_of, workers)):
        values[start:stop] = found
    return [None if v is None else as_minhash(v) for v in values]


def _map(tasks: list, do, workers: int) -> list:
    """`do` over the tasks, in order; on forked workers when more than one."""
    if workers < 2:
        return [do(task) for task in tasks]
    results: list = [None] * len(tasks)
    for index, result, timings in map_in_processes(tasks, do, workers):
        results[index] = result
        add_worker_timings(timings, "dedupe fingerprints")
    return results


def signature(article: Article) -> bytes | None:
    """The article's fingerprint as bytes, for a store to keep (None: too short to have one)."""
    m = fingerprint(article.body)
    return None if m is None else m.hashvalues.astype("<u8").tobytes()


def _from_signature(data: bytes) -> MinHash:
    return as_minhash(np.frombuffer(data, dtype="<u8").astype(np.uint32))


def candidate_index(threshold: float) -> MinHashLSH:
    """An empty LSH index that proposes nearly all pairs whose similarity reaches `threshold`;
    each proposal is then checked against the threshold itself."""
    return MinHashLSH(threshold=max(0.1, threshold - CANDIDATE_MARGIN), num_perm=NUM_PERM)


def _original_first(article: Article) -> tuple:
    """The order in which copies are looked at, and what `choose_original` judges them by.

    A copy found on a host that credits someone else is never the original while another copy is
    not; then the earliest dated; then a stable order. The outlet rides along for the group rule."""
    return (article.host is not None, article.published is None, article.published or "", article.id, article.outlet or "")


def choose_original(keys: list[tuple]) -> tuple:
    """The original of a group of copies, given their `_original_first` keys.

    The copy on the credited outlet's own site when there is one (no separate host, and its outlet
    is one the other copies credit); else, when copies credit an outlet, the first of the copies
    carrying the outlet most of them credit: an uncredited copy on a re-posting site looks like an
    outlet of its own, and the credits of the other copies say whose article it is; else the first
    by `_original_first` (no separate host, then the earliest dated)."""
    credits: dict[str, int] = {}
    for key in keys:
        if key[0] and key[4]:
            credits[key[4]] = credits.get(key[4], 0) + 1
    own_site = [key for key in keys if not key[0] and key[4] in credits]
    if own_site:
        return min(own_site)
    if credits:
        most = min(credits, key=lambda outlet: (-credits[outlet], outlet))
        return min(key for key in keys if key[4] == most)
    return min(keys)


def mark_duplicates(
    articles: list[Article], config: BriefingConfig, known: Mapping[str, bytes] | None = None
) -> list[Article]:
    """Return the articles with `duplicate_of` set on every copy to the id of its original.

    `known` holds fingerprints kept from earlier runs (article id → `signature`), not recomputed.
    """
    known = known or {}
    lsh = candidate_index(config.duplicate_threshold)
    hashes: dict[str, MinHash] = {}
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    ordered = sorted(articles, key=_original_first)
    computed, contained = _read_bodies(ordered, known, config)
    for article in ordered:
        parent[article.id] = article.id
        m = _from_signature(known[article.id]) if article.id in known else computed[article.id]
        if m is None:
            continue
        for other in sorted(lsh.query(m)):
            if root(other) == root(article.id):
                continue  # already one group (a copy of a copy): checking again would change nothing
            if m.jaccard(hashes[other]) >= config.duplicate_threshold:
                parent[root(article.id)] = root(other)
        lsh.insert(article.id, m)
        hashes[article.id] = m
    for short, container in contained:  # a copy cut short: `briefgen.dedupe.containment`
        if root(short) != root(container):
            parent[root(short)] = root(container)

    groups: dict[str, list[Article]] = {}
    for article in articles:
        groups.setdefault(root(article.id), []).append(article)
    original = {r: choose_original([_original_first(a) for a in members])[3] for r, members in groups.items()}
    copies = {a.id: original[root(a.id)] for a in articles if original[root(a.id)] != a.id}
    dates = dates_from_groups(copies, {a.id: a.published for a in articles})
    return [replace(a, duplicate_of=copies.get(a.id), published=a.published or dates.get(a.id)) for a in articles]


def dates_from_groups(copies: Mapping[str, str], published: Mapping[str, str | None]) -> dict[str, str]:
    """{article id: date} for each undated article of a group of copies that has a dated member: the
    group's earliest date. A re-post carries no date of its own (the host page's date is the
    re-post's, `briefgen.provenance.entry`); its original's is the article's, and the earliest date of
    the group is the one story windows judge it by. `copies`: {copy id: original id}."""
    groups: dict[str, list[str]] = {}
    for copy, original in copies.items():
        groups.setdefault(original, [original]).append(copy)
    found: dict[str, str] = {}
    for members in groups.values():
        dated = [day for m in members if (day := published.get(m))]
        if dated:
            earliest = min(dated)
            found.update({m: earliest for m in members if not published.get(m)})
    return found


def _read_bodies(
    ordered: list[Article], known: Mapping[str, bytes], config: BriefingConfig
) -> tuple[dict[str, MinHash | None], list[tuple[str, str]]]:
    """One reading of every body, shared by both ways copies are found: the MinHash of each article
    without a known signature, and the (short text, container) pairs of `briefgen.dedupe.containment`.

    The short texts' index is built first (short bodies only: little text), so that each body's
    shingles can be looked up in it as soon as they are made, and then dropped: no body's shingles
    are held longer than its piece of work."""
    index = ShortIndex.of(short_texts(ordered))
    tasks = [(start, min(start + BODIES_PER_TASK, len(ordered))) for start in range(0, len(ordered), BODIES_PER_TASK)]

    def read(task: tuple[int, int]) -> tuple[list[np.ndarray | None], list]:
        batch = ordered[task[0] : task[1]]
        shingled = body_shingles([a.body for a in batch])
        values = minhash_values(shingled.compared)
        return [None if a.id in known else v for a, v in zip(batch, values)], containers(index, batch, shingled.whole)

    text = sum(len(a.body) for a in ordered)
    workers = pool_size(config, len(tasks), len(ordered)) if text >= MIN_TEXT_FOR_POOL else 1
    computed: dict[str, MinHash | None] = {}
    found: list = []
    for (start, stop), (values, pairs) in zip(tasks, _map(tasks, read, workers)):
        for article, v in zip(ordered[start:stop], values):
            if article.id not in known:
                computed[article.id] = None if v is None else as_minhash(v)
        found.extend(pairs)
    return computed, best_containers(found)
