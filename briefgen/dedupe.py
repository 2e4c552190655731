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

from hashlib import sha1

import numpy as np
from datasketch import MinHash, MinHashLSH
from datasketch.minhash import _fmix

from .clean import looks_like_prose, words
from .config import BriefingConfig
from .containment import contained_copies
from .model import Article
from .process_pool import MIN_TEXT_FOR_POOL, add_worker_timings, map_in_processes, pool_size

NUM_PERM = 128
SCHEME = "affine32"  # named so that signatures kept in a store read back under the same hashing
SHINGLE = 5
# The bands of similarity 0.7 (14 of 9 rows) propose 87 % of the pairs at exactly 0.8, 97 % at 0.85 and
# 99.9 % at 0.9; those of 0.6 would reach 99 % at 0.8 for 18 bands: more memory, and more records for
# the Dask engine to shuffle, for pairs whose estimate is within its own noise of the threshold.
CANDIDATE_MARGIN = 0.1


def _shingles(text: str) -> set[bytes]:
    tokens = [w.lower() for w in words(text)]
    return {" ".join(tokens[i : i + SHINGLE]).encode() for i in range(max(0, len(tokens) - SHINGLE + 1))}


# datasketch's own pre-mix, and the values a MinHash starts from, so that the bulk path cannot drift
_EMPTY_HASHVALUES = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).hashvalues


@lru_cache(maxsize=1)
def _permutations() -> np.ndarray:
    """The hash permutations every fingerprint uses (they follow from the seed). Drawn once and
    shared: each MinHash would otherwise draw its own copy — a fifth of dedupe's time, and 2 KB
    per article kept in memory."""
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).permutations


# Copies are compared on their prose when it holds this many words: a plain-text scrape keeps the
# article's paragraphs and loses its short list and table lines, which an HTML reading of the same
# article keeps; the paragraphs are what a copy copies.
MIN_PROSE_WORDS = 60


def compared_text(body: str) -> str:
    """The part of a body copies are compared on: its prose-shaped lines, or the whole body when
    they are too few."""
    prose = "\n".join(line for line in body.split("\n") if looks_like_prose(line))
    return prose if len(words(prose)) >= MIN_PROSE_WORDS else body


def fingerprint(text: str) -> MinHash | None:
    hashvalues = _hashvalues(text)
    if hashvalues is None:
        return None
    return MinHash(num_perm=NUM_PERM, seed=1, hashvalues=hashvalues, permutations=_permutations(), scheme=SCHEME)


def _hashvalues(text: str) -> np.ndarray | None:
    """The MinHash values datasketch's `update_batch` gives the text's shingles, in bulk.

    datasketch hashes each shingle by calling `sha1_hash32` (SHA-1, first 4 bytes, little-endian)
    into a Python list, then permutes the array. Here the 4-byte prefixes are joined into one
    buffer read as an array, and the same permutation (its MurmurHash3 pre-mix, then a·h + b,
    wrapping at 32 bits) and minimum follow in numpy: the same values
    (tests/test_dedupe_cluster.py compares them with datasketch's own), at a third of the time.
    """
    shingles = _shingles(text)
    if len(shingles) < 3:  # too little text to call anything a copy of it
        return None
    prefixes = b"".join([sha1(s).digest()[:4] for s in shingles])
    hashed = np.frombuffer(prefixes, dtype="<u4").astype(np.uint32).reshape(-1, 1)
    a, b = _permutations()
    with np.errstate(over="ignore"):  # the permutation wraps around 2^32 on purpose
        permuted = _fmix(hashed, 32) * a + b
    return np.minimum(_EMPTY_HASHVALUES, permuted.min(axis=0))


def fingerprints(texts: list[str], workers: int = 1) -> list[MinHash | None]:
    """`fingerprint` of each text, in order; on `workers` processes (forked) when more than one."""
    if workers < 2:
        return [fingerprint(t) for t in texts]
    values: list[np.ndarray | None] = [None] * len(texts)
    for index, hashvalues, timings in map_in_processes(texts, _hashvalues, workers):
        values[index] = hashvalues
        add_worker_timings(timings, "dedupe fingerprints")
    return [
        None if v is None else MinHash(num_perm=NUM_PERM, seed=1, hashvalues=v, permutations=_permutations(), scheme=SCHEME)
        for v in values
    ]


def signature(article: Article) -> bytes | None:
    """The article's fingerprint as bytes, for a store to keep (None: too short to have one)."""
    m = fingerprint(compared_text(article.body))
    return None if m is None else m.hashvalues.astype("<u8").tobytes()


def _from_signature(data: bytes) -> MinHash:
    hashvalues = np.frombuffer(data, dtype="<u8")
    return MinHash(num_perm=NUM_PERM, seed=1, hashvalues=hashvalues, permutations=_permutations(), scheme=SCHEME)


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
    unknown = [a for a in ordered if a.id not in known]
    bodies = [compared_text(a.body) for a in unknown]
    workers = pool_size(config, len(bodies), len(bodies)) if sum(map(len, bodies)) >= MIN_TEXT_FOR_POOL else 1
    computed = dict(zip((a.id for a in unknown), fingerprints(bodies, workers)))
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
    for short, container in contained_copies(articles):  # a copy cut short: `briefgen.containment`
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
        dated = [published[m] for m in members if published.get(m)]
        if dated:
            earliest = min(dated)
            found.update({m: earliest for m in members if not published.get(m)})
    return found
