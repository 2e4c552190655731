"""Word 5-gram shingles of article bodies, hashed to 64 bits in bulk: what copies are compared on.

Dedupe reads each body twice over: MinHash (`briefgen.dedupe.minhash`) compares the body's prose lines, and
containment (`briefgen.dedupe.containment`) looks the whole body's shingles up among short texts'. Both are
made here from one reading of the body: its words are found once (a compiled regular expression
per line), and every later step is numpy over arrays of hashes — no Python code runs per word or
per shingle:

1. the words of a batch of bodies, lower-cased, are joined into one string and read as an array of
   code points; each word's hash is a polynomial over its characters, taken from prefix sums;
2. a shingle's hash mixes the hashes of its five words (in order), only where all five are in the
   same body — and, for the compared text, where all five are on lines that text keeps (the text
   joins its lines, so a shingle may run across two of them, as it did in the text).

The hashes depend on nothing but the words, so they are the same in every process and every run,
and a signature kept in a store stays comparable (`dedupe.SCHEME` names this hashing).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..clean.text import WORD, looks_like_prose

SHINGLE = 5  # words in a shingle
# Copies are compared on their prose when it holds this many words: a plain-text scrape keeps the
# article's paragraphs and loses its short list and table lines, which an HTML reading of the same
# article keeps; the paragraphs are what a copy copies.
MIN_PROSE_WORDS = 60

_MASK = (1 << 64) - 1
_BASE = 0x100000001B3  # odd, so it has an inverse modulo 2**64: a word's hash does not depend on where it starts
_BASE_INVERSE = pow(_BASE, -1, 1 << 64)
# one odd multiplier per word of a shingle, so that the same words in another order hash differently
_WORD_WEIGHTS = tuple(np.uint64(w) for w in (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD))


@dataclass(frozen=True)
class Shingles:
    """Hashed shingles of a sequence of texts, in order, with repeats: text i's are
    `hashes[offsets[i]:offsets[i + 1]]`."""

    hashes: np.ndarray  # uint64
    offsets: np.ndarray  # int64, one more than there are texts

    def of(self, i: int) -> np.ndarray:
        return self.hashes[self.offsets[i] : self.offsets[i + 1]]

    def counts(self) -> np.ndarray:
        return np.diff(self.offsets)


@dataclass(frozen=True)
class BodyShingles:
    """Each body's shingles twice: over the whole body, and over the text copies are compared on."""

    whole: Shingles
    compared: Shingles


def compared_lines(lines: Sequence[str], words_per_line: Sequence[int]) -> list[bool]:
    """Which lines of a body its copies are compared on: its prose-shaped lines, or all of them
    when those hold fewer than `MIN_PROSE_WORDS` words."""
    prose = [looks_like_prose(line) for line in lines]
    if sum(n for n, p in zip(words_per_line, prose) if p) >= MIN_PROSE_WORDS:
        return prose
    return [True] * len(lines)


def body_shingles(bodies: Sequence[str], *, compared: bool = True) -> BodyShingles:
    """The hashed shingles of each body, whole and compared (see the module's description).
    `compared=False`: the whole bodies' only (`compared` is then the same), without judging lines."""
    tokens: list[str] = []
    line_words: list[int] = []  # words on each line of every body, in turn
    line_kept: list[bool] = []  # whether the compared text keeps the line
    body_words: list[int] = []
    for body in bodies:
        lines = body.split("\n")
        lowered = body.lower().split("\n")
        if len(lowered) != len(lines):  # lower-casing never adds a line break; kept safe all the same
            lowered = [line.lower() for line in lines]
        per_line = [WORD.findall(line) for line in lowered]
        counts = [len(found) for found in per_line]
        for found in per_line:
            tokens.extend(found)
        line_words.extend(counts)
        line_kept.extend(compared_lines(lines, counts) if compared else [True] * len(lines))
        body_words.append(sum(counts))
    word_hashes = _word_hashes(tokens)
    body_of_word: np.ndarray = np.repeat(np.arange(len(bodies), dtype=np.int64), body_words)
    whole = _shingles(word_hashes, body_of_word, len(bodies))
    kept: np.ndarray = np.repeat(np.array(line_kept, dtype=bool), line_words)
    if kept.all():
        return BodyShingles(whole=whole, compared=whole)
    return BodyShingles(whole=whole, compared=_shingles(word_hashes[kept], body_of_word[kept], len(bodies)))


def _fmix64(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's finaliser: every bit of the input moves every bit of the output."""
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> np.uint64(33))


def _word_hashes(tokens: list[str]) -> np.ndarray:
    """A 64-bit hash of each word: the polynomial sum of its code points times powers of `_BASE`,
    read off prefix sums over all the words at once, then mixed."""
    if not tokens:
        return np.zeros(0, dtype=np.uint64)
    lengths = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
    codes = np.frombuffer(" ".join(tokens).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    starts = np.cumsum(lengths + 1) - (lengths + 1)  # the words are joined by one space each
    with np.errstate(over="ignore"):  # all arithmetic here wraps around 2**64 on purpose
        powers = _powers(_BASE, len(codes))
        inverse_powers = _powers(_BASE_INVERSE, len(codes))
        prefix = np.concatenate(([np.uint64(0)], np.cumsum(codes * powers, dtype=np.uint64)))
        polynomial = (prefix[starts + lengths] - prefix[starts]) * inverse_powers[starts]
        return _fmix64(polynomial + lengths.astype(np.uint64))


def _powers(base: int, n: int) -> np.ndarray:
    """base**0 … base**(n-1), modulo 2**64."""
    powers: np.ndarray = np.empty(n, dtype=np.uint64)
    powers[0] = 1
    with np.errstate(over="ignore"):
        np.cumprod(np.full(n - 1, base, dtype=np.uint64), out=powers[1:])
    return powers


def _shingles(word_hashes: np.ndarray, body_of_word: np.ndarray, n_bodies: int) -> Shingles:
    n = len(word_hashes) - SHINGLE + 1
    if n <= 0:
        return Shingles(np.zeros(0, dtype=np.uint64), np.zeros(n_bodies + 1, dtype=np.int64))
    with np.errstate(over="ignore"):
        mixed = word_hashes[:n] * _WORD_WEIGHTS[0]
        for k in range(1, SHINGLE):
            mixed += word_hashes[k : k + n] * _WORD_WEIGHTS[k]
    within = body_of_word[:n] == body_of_word[SHINGLE - 1 :]  # all five words in one body
    body = body_of_word[:n][within]
    offsets: np.ndarray = np.zeros(n_bodies + 1, dtype=np.int64)
    np.cumsum(np.bincount(body, minlength=n_bodies), out=offsets[1:])
    return Shingles(_fmix64(mixed[within]), offsets)
