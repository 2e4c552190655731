"""Story clustering in partitions: the TF-IDF rows and neighbour blocks of `briefgen.cluster.story_graph`, the
same floats, computed where the articles are.

`cluster.story_vectors` fits scikit-learn's TfidfVectorizer on all originals at once. Only the
vocabulary and the idf need every article; each row is then a function of its own article's terms.
So:

1. `partition_terms` — each partition's story terms (tokenising and stemming: the costly part), and
   `term_summary` — their document frequencies and each original's day, sent to the driver;
2. `tfidf_columns` — on the driver: the kept columns and the idf, by scikit-learn's own arithmetic
   (float32, smoothed, `log(n / df) + 1`), the same vocabulary order (sorted terms);
3. `partition_rows` — each partition's unit rows (`cluster.unit_rows`), and `stack_rows` — the rows
   in the originals' order (sorted by id), as `cluster_articles` has them;
4. `cluster.block_edges` per block of rows, in parallel; the graph and the seeded Louvain run on
   the driver, on the edges in block order (`cluster.graph_of`, `cluster.stories_of`).
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import scipy.sparse as sp

from ..cluster.story_graph import _day, story_terms, unit_rows
from ..model import Article


def partition_terms(articles: list[Article]) -> tuple[list[str], list[Counter]]:
    """(id, term counts) of the partition's originals; copies follow their original's story."""
    originals = [a for a in articles if a.duplicate_of is None]
    return [a.id for a in originals], [Counter(story_terms(a)) for a in originals]


def term_summary(articles: list[Article], terms: tuple[list[str], list[Counter]]) -> tuple[dict[str, int], Counter]:
    """The originals' days ({id: day number, -1 undated}) and the partition's document frequencies."""
    days = {a.id: (-1 if (day := _day(a)) is None else day) for a in articles if a.duplicate_of is None}
    df: Counter = Counter()
    for counts in terms[1]:
        df.update(counts.keys())
    return days, df


def tfidf_columns(df: dict[str, int], n_documents: int, max_term_df: int) -> tuple[dict[str, int], np.ndarray]:
    """{term: column} for the terms in at most `max_term_df` articles, and their idf (float32)."""
    vocabulary = sorted(df)
    frequencies = np.array([df[t] for t in vocabulary], dtype=np.int64)
    # TfidfTransformer.fit with smooth_idf, in the vectorizer's dtype, step for step
    smoothed = frequencies.astype(np.float32)
    smoothed += 1.0
    idf = np.full_like(smoothed, fill_value=n_documents + 1, dtype=np.float32)
    idf /= smoothed
    np.log(idf, out=idf)
    idf += 1.0
    kept = np.flatnonzero(frequencies <= max_term_df)
    return {vocabulary[i]: column for column, i in enumerate(kept)}, idf[kept]


def partition_rows(
    terms: tuple[list[str], list[Counter]], columns: dict[str, int], idf: np.ndarray
) -> tuple[list[str], sp.csr_matrix]:
    """The partition's originals as unit TF-IDF rows over the kept columns."""
    ids, counts = terms
    indptr, indices, data = [0], [], []
    for document in counts:
        row = sorted((columns[t], n) for t, n in document.items() if t in columns)
        indices += [c for c, _ in row]
        data += [n for _, n in row]
        indptr.append(len(indices))
    matrix = sp.csr_matrix(
        (np.array(data, dtype=np.float32), np.array(indices, dtype=np.int32), np.array(indptr, dtype=np.int32)),
        shape=(len(ids), len(columns)),
    )
    # TfidfTransformer.transform with sublinear_tf: log(tf) + 1, times idf, in float32
    np.log(matrix.data, matrix.data)
    matrix.data += 1.0
    matrix.data *= idf[matrix.indices]
    return ids, unit_rows(matrix)


def stack_rows(order: list[str], *parts: tuple[list[str], sp.csr_matrix]) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """All rows, in `order` (the originals sorted by id), and the transposed matrix."""
    ids = [i for part_ids, _ in parts for i in part_ids]
    position = {article_id: p for p, article_id in enumerate(ids)}
    stacked = sp.vstack([matrix for _, matrix in parts], format="csr")
    vectors = stacked[np.array([position[i] for i in order], dtype=np.int64)].tocsr()
    return vectors, vectors.T.tocsr()
