"""LexRank and TextRank on sparse matrices: sumy's arithmetic, without its O(n²) Python loops.

sumy (`sumy/summarizers/lex_rank.py`, `text_rank.py`) compares every pair of sentences in pure
Python and runs the power method on a dense n×n matrix: minutes for a 5,000-sentence story. The
same numbers are computed here with scipy.sparse, row block by row block so memory follows the
number of similar pairs rather than n²:

LexRank   tf = count / max count in the sentence; idf = log(n / (1 + sentence frequency));
          idf-modified cosine of the tf·idf vectors; an edge where it exceeds 0.1; each row divided
          by its degree (1 when it has none); power method p ← Mᵀp / ‖Mᵀp‖ from the uniform vector
          until ‖Δp‖ ≤ 0.1 (sumy's epsilon, so the same number of steps).
TextRank  edge weight = Σ shared-word counts / (log len₁ + log len₂) (the count itself when both
          sentences are one word long); rows normalised by their sum + 1e-7; PageRank with damping
          0.85 and teleport (1 − d)/n; power method without normalisation until ‖Δp‖ ≤ 1e-4.

Every constant is read from sumy's classes. Floating-point sums run in another order than sumy's,
so scores agree to ~1e-15 relative, not bit for bit; the one place where that could change a
decision — a LexRank cosine within 1e-9 of the threshold — is settled with sumy's own function.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

# Rows of the similarity matrix computed at once: bounds the temporary product to
# BLOCK_ROWS × n similarities whatever the pool size.
BLOCK_ROWS = 512
# A computed cosine this close to the threshold is recomputed exactly as sumy does.
BORDERLINE = 1e-9
# sumy's power methods loop until convergence with no cap; a cap only guards against a pathology.
MAX_ITERATIONS = 10_000


def term_counts(sentences: Sequence[Sequence[str]]) -> tuple[sparse.csr_matrix, list[str]]:
    """Sentence × term matrix of raw counts, and the terms in column order (order of first use)."""
    vocabulary: dict[str, int] = {}
    indptr, indices, data = [0], [], []
    for terms in sentences:
        for term, count in Counter(terms).items():
            indices.append(vocabulary.setdefault(term, len(vocabulary)))
            data.append(count)
        indptr.append(len(indices))
    matrix = sparse.csr_matrix(
        (np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
        shape=(len(sentences), len(vocabulary)),
    )
    matrix.sort_indices()
    return matrix, list(vocabulary)


def _row_of_each_entry(matrix: sparse.csr_matrix) -> np.ndarray:
    return np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))


def _blocks(n: int):
    for start in range(0, n, BLOCK_ROWS):
        yield start, min(n, start + BLOCK_ROWS)


# ---------------------------------------------------------------------------------------------- LexRank


def lexrank_scores(
    sentences: Sequence[Sequence[str]],
    *,
    threshold: float = LexRankSummarizer.threshold,
    epsilon: float = LexRankSummarizer.epsilon,
) -> np.ndarray:
    """LexRank score of each sentence, given each sentence's terms (`terms.sentence_terms`)."""
    n = len(sentences)
    if n == 0:
        return np.zeros(0)
    counts, vocabulary = term_counts(sentences)
    rows = _row_of_each_entry(counts)

    max_tf = np.ones(n)
    nonempty = np.diff(counts.indptr) > 0
    max_tf[nonempty] = np.maximum.reduceat(counts.data, counts.indptr[:-1][nonempty])
    tf_data = counts.data / max_tf[rows]

    frequency = np.bincount(counts.indices, minlength=counts.shape[1])
    idf_by_frequency = {int(f): math.log(n / (1 + int(f))) for f in np.unique(frequency)}  # math.log, as sumy
    idf = np.array([idf_by_frequency[int(f)] for f in frequency])

    weights = tf_data * idf[counts.indices]
    norms = np.sqrt(np.bincount(rows, weights=weights * weights, minlength=n))
    safe_norms = np.where(norms > 0, norms, 1.0)  # a zero vector stays zero: sumy's cosine is 0 there
    unit = sparse.csr_matrix((weights / safe_norms[rows], counts.indices, counts.indptr), shape=counts.shape)
    unit_t = unit.T.tocsr()

    exact = _ExactCosine(sentences, dict(zip(vocabulary, idf.tolist())))
    edge_rows, edge_cols = [], []
    for start, stop in _blocks(n):
        similarity = (unit[start:stop] @ unit_t).tocoo()
        above = similarity.data > threshold + BORDERLINE
        near = np.abs(similarity.data - threshold) <= BORDERLINE
        for k in np.flatnonzero(near):
            i, j = start + int(similarity.row[k]), int(similarity.col[k])
            above[k] = exact(i, j) > threshold
        edge_rows.append(similarity.row[above] + start)
        edge_cols.append(similarity.col[above])
    edge_rows = np.concatenate(edge_rows)
    edge_cols = np.concatenate(edge_cols)

    degrees = np.bincount(edge_rows, minlength=n).astype(np.float64)
    degrees[degrees == 0] = 1.0
    # Mᵀ as a matrix whose row j holds the edges into j, weighted 1 / degree of their source.
    transition_t = sparse.csr_matrix((1.0 / degrees[edge_rows], (edge_cols, edge_rows)), shape=(n, n))
    return _normalised_power_method(transition_t, epsilon)


class _ExactCosine:
    """sumy's `LexRankSummarizer.cosine_similarity` for one pair, fed the dicts sumy would build."""

    def __init__(self, sentences: Sequence[Sequence[str]], idf: dict[str, float]) -> None:
        self.sentences, self.idf = sentences, idf

    def _tf(self, i: int) -> dict[str, float]:
        counts = Counter(self.sentences[i])
        max_tf = max(counts.values()) if counts else 1
        return {term: count / max_tf for term, count in counts.items()}

    def __call__(self, i: int, j: int) -> float:
        s1, s2 = self.sentences[i], self.sentences[j]
        return LexRankSummarizer.cosine_similarity(s1, s2, self._tf(i), self._tf(j), self.idf)


def _normalised_power_method(transition_t: sparse.csr_matrix, epsilon: float) -> np.ndarray:
    n = transition_t.shape[0]
    p = np.full(n, 1.0 / n)
    change = 1.0
    for _ in range(MAX_ITERATIONS):
        if not change > epsilon:
            break
        step = transition_t @ p
        length = np.linalg.norm(step)
        if length == 0:  # no sentence has any weighted term: nothing is central (sumy gives NaN)
            return np.zeros(n)
        step /= length
        change = float(np.linalg.norm(step - p))
        p = step
    return p


# --------------------------------------------------------------------------------------------- TextRank


def textrank_scores(
    sentences: Sequence[Sequence[str]],
    *,
    damping: float = TextRankSummarizer.damping,
    epsilon: float = TextRankSummarizer.epsilon,
) -> np.ndarray:
    """TextRank score of each sentence, given each sentence's terms (`terms.sentence_terms`)."""
    n = len(sentences)
    if n == 0:
        return np.zeros(0)
    counts, _ = term_counts(sentences)
    counts_t = counts.T.tocsr()
    lengths = np.array([len(terms) for terms in sentences])
    log_by_length = {int(k): math.log(k) for k in np.unique(lengths) if k > 0}  # math.log, as sumy
    log_length = np.array([log_by_length.get(int(k), 0.0) for k in lengths])

    blocks = []
    for start, stop in _blocks(n):
        shared = (counts[start:stop] @ counts_t).tocsr()  # Σ_w count₁(w)·count₂(w): exact integers
        shared.eliminate_zeros()
        rows = _row_of_each_entry(shared) + start
        norm = log_length[rows] + log_length[shared.indices]
        weight = np.where(np.isclose(norm, 0.0), shared.data, shared.data / np.where(norm == 0, 1.0, norm))
        row_sums = np.bincount(rows - start, weights=weight, minlength=stop - start)
        weight = weight / (row_sums[rows - start] + TextRankSummarizer._ZERO_DIVISION_PREVENTION)
        blocks.append(sparse.csr_matrix((weight, shared.indices, shared.indptr), shape=shared.shape))
    weights_t = sparse.vstack(blocks, format="csr").T.tocsr()

    teleport = (1.0 - damping) / n
    p = np.full(n, 1.0 / n)
    change = 1.0
    for _ in range(MAX_ITERATIONS):
        if not change > epsilon:
            break
        step = teleport * p.sum() + damping * (weights_t @ p)
        change = float(np.linalg.norm(step - p))
        p = step
    return p
