"""Stage 4 — cluster: group articles that report the same story.

Each original article (copies follow their original) becomes a TF-IDF vector of its story terms, one
term per word wherever the word stands: the words of its title (counted twice: a headline says what
the story is), of its URL path (twice: a slug is an editor's own summary), and of the opening of its
body, and a capitalised word once more (names carry most of a story's identity). Articles are linked
to their few most similar neighbours above `story_threshold`, within `story_window_days` of each
other when both are dated. A link judged on words alone needs two distinct shared words: two
headlines that share only "review" or "video" are as often two stories as one.

The stories are the communities of that graph (Louvain, by igraph's C implementation, seeded).
Communities, unlike connected components, do not chain two stories together through one ambiguous
article. Louvain starts from a random node order, and on a broad story the order decides whether it
stays one community or splits into sub-events; so it runs several times, the pairs of linked articles
that most runs put together are kept, and the stories are the communities of that agreement.

With `title_encoder` set, a pair in which either article has no body (a headline) is judged on
meaning as well: its score mixes the TF-IDF cosine with the cosine of the two headlines' sentence
embeddings (`briefgen.cluster.title_encoder`), and must reach `title_threshold`; meaning, not the
count of shared words, then decides.

Cost stays near-linear in the number of articles: similarities are computed in row blocks, and
terms in more articles than the batch's cap (`term_df_cap`: words every story uses) are left out of
the similarity, so no block ever meets every other article through a common word.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

import igraph
import numpy as np
import scipy.sparse as sp
from nltk.stem.snowball import SnowballStemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from ..config.options import BriefingConfig
from ..language import CJK, DEFAULT_LANGUAGE, lone_capital_is_name, stem, stop_words, tokens
from ..language.names import NOUNS_CAPITALISED
from ..model import Article, Story
from .story_focus import Focus, focus_of, same_story
from .url_words import url_words

_TOKEN = re.compile(r"[^\W\d_][\w'’&.-]*|\d+(?:[.,]\d+)*", re.UNICODE)
LEAD_WORDS = 150  # the opening of a body says what the story is; the rest adds noise and cost
BLOCK_ROWS = 2048
MIN_SHARED_WORDS = 2  # distinct words two articles must share for a link judged on words alone
CONSENSUS_RUNS = 5  # Louvain runs whose agreement makes the stories (chosen on half the UCI stories)
MIN_TERM_DF_CAP = 100  # the document-frequency cap never falls below this (a small batch of one story)


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return SnowballStemmer("english").stem(word)


def _words(text: str, language: str = DEFAULT_LANGUAGE) -> Iterable[tuple[str, bool]]:
    """(stem, is_name) for each content word, by the rules of the text's language."""
    if language != "en":
        yield from _words_in(text, language)
        return
    for position, token in enumerate(_TOKEN.findall(text)):
        term = _term(token)
        if term is None:
            continue
        stem, capitalised, acronym = term
        # A capitalised word is a name unless it only opens the text (a headline's first word).
        yield stem, (capitalised and position > 0) or acronym


_POSSESSIVE = re.compile(r"['’]s$")


# Each distinct token is read once: articles of one story, and the stories of one day, repeat words.
@lru_cache(maxsize=200_000)
def _term(token: str) -> tuple[str, bool, bool] | None:
    """(stem, capitalised, an acronym) of a content word; None for a stop word or a single letter."""
    word = _POSSESSIVE.sub("", token).strip(".-'’&")
    lower = word.lower()
    if len(lower) < 2 or lower in ENGLISH_STOP_WORDS:
        return None
    return _stem(lower), word[:1].isupper(), word.isupper() and len(word) > 1


def _words_in(text: str, language: str) -> Iterable[tuple[str, bool]]:
    """`_words` for any language but English: its tokens (a segmenter's words for Chinese and
    Japanese), stop words and stemmer (`briefgen.language`); a capitalised word is a name only where
    the language capitalises names alone (not German, which capitalises every noun)."""
    stop = stop_words(language)
    names = lone_capital_is_name(language)
    for position, token in enumerate(tokens(text, language)):
        word = _POSSESSIVE.sub("", token).strip(".-'’&")
        lower = word.lower()
        one_letter = len(lower) < 2 and not (language in CJK and lower and not lower.isascii())  # 国 is a word
        if one_letter or lower in stop:
            continue
        acronym = word.isupper() and len(word) > 1
        yield stem(language, lower), (names and word[:1].isupper() and position > 0) or acronym


def _lead(article: Article) -> str:
    if article.language in CJK:  # no spaces between words: the opening by characters, about two a word
        return article.body[: 2 * LEAD_WORDS]
    return " ".join(article.body.split()[:LEAD_WORDS])


def story_terms(article: Article) -> list[str]:
    """The terms that say which story an article belongs to, in its language: one term per word (its
    stem), repeated by where the word stands. A word is one term wherever it stands, so two articles
    share a word once, whether it is in their titles, their URLs or one's title and the other's URL."""
    language = article.language or DEFAULT_LANGUAGE
    terms: list[str] = []
    for stem, is_name in _words(article.title, language):
        terms += [stem, stem, stem] if is_name else [stem, stem]
    for stem, is_name in _words(_lead(article), language):
        terms += [stem, stem] if is_name else [stem]
    # twice: a URL slug is an editor's own summary of the story (chosen on half the UCI stories)
    terms += 2 * [_stem(w) for w in url_words(article.url) if w not in ENGLISH_STOP_WORDS]
    return terms


def term_df_cap(n_articles: int, config: BriefingConfig) -> int:
    """Terms in more articles than this carry no weight: more than `max_term_share` of the batch (a
    word every story uses, "video", "new"), never fewer than `MIN_TERM_DF_CAP` (in a small batch one
    story can be most of it) and never more than `max_term_df` (the bound on a block's cost)."""
    return min(config.max_term_df, max(MIN_TERM_DF_CAP, int(config.max_term_share * n_articles)))


def story_vectors(articles: list[Article], max_term_df: int) -> sp.csr_matrix:
    """L2-normalised TF-IDF rows; terms in more than `max_term_df` articles carry no weight."""
    vectorizer = TfidfVectorizer(analyzer=lambda terms: terms, sublinear_tf=True, norm=None, dtype=np.float32)
    matrix = vectorizer.fit_transform([story_terms(a) for a in articles]).tocsc()
    df = np.diff(matrix.indptr)
    return unit_rows(matrix[:, np.flatnonzero(df <= max_term_df)].tocsr())


def unit_rows(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """Each row scaled to length 1 (an empty row stays empty). Row by row, so a distributed engine
    that builds the rows in partitions gets the very same floats."""
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.diags(1.0 / norms).dot(matrix).tocsr().astype(np.float32)


def _day(article: Article) -> int | None:
    try:
        return date.fromisoformat(article.published).toordinal() if article.published else None
    except ValueError:
        return None


@dataclass(frozen=True)
class HeadlineMeaning:
    """The title encoder's view of the articles: one unit vector per article (graph node order), and
    which articles are headlines only (no body)."""

    vectors: np.ndarray
    headline_only: np.ndarray  # bool per article


def headline_fields(articles: list[Article]) -> list[tuple[str, str | None, bool]]:
    """What the title encoder needs of each article: (title, url, is a headline only)."""
    return [(a.title, a.url, not a.body.strip()) for a in articles]


def headline_meaning(fields: list[tuple[str, str | None, bool]], config: BriefingConfig) -> HeadlineMeaning | None:
    """None unless a title encoder is chosen and some article is a headline only."""
    headline_only = np.array([only for _, _, only in fields], dtype=bool)
    if config.title_encoder is None or not headline_only.any():
        return None
    from .title_encoder import encode_titles  # imports PyTorch: only when asked for

    vectors = encode_titles([(title, url) for title, url, _ in fields], config.title_encoder)
    return HeadlineMeaning(vectors, headline_only)


def neighbour_graph(articles: list[Article], config: BriefingConfig) -> igraph.Graph:
    """Each article linked to its `story_neighbours` most similar articles above the threshold, less
    the links between articles about different things (`briefgen.cluster.story_focus`)."""
    vectors = story_vectors(articles, term_df_cap(len(articles), config))
    days = article_days(articles)
    meaning = headline_meaning(headline_fields(articles), config)
    transposed = vectors.T.tocsr()
    edges = []
    for start in range(0, len(articles), BLOCK_ROWS):
        edges += block_edges(vectors, transposed, days, start, start + BLOCK_ROWS, config, meaning)
    if config.story_focus:
        edges = focused_edges(edges, [focus_of(a) for a in articles])
    edges = same_language_edges(edges, articles, days, config)
    return graph_of(len(articles), edges)


def focused_edges(edges: list[tuple[int, int, float]], focuses: list[Focus]) -> list[tuple[int, int, float]]:
    """The links whose two articles can be one story by their focus (node i's is `focuses[i]`), in
    their order. Similar words make two articles candidates; a link between a share listing and a
    siege that only share a city, or between recaps of two games, would make one story of two."""
    verdicts: dict[tuple[int, int], bool] = {}
    kept = []
    for i, j, score in edges:
        if (i, j) not in verdicts:  # a pair found from both ends is judged once
            verdicts[(i, j)] = same_story(focuses[i], focuses[j])
        if verdicts[(i, j)]:
            kept.append((i, j, score))
    return kept


# Articles in two languages are one story only when what no translation changes says so: they share
# this many numbers (of two digits or more: a toll, a date, a score) and this many names.
SHARED_NUMBERS_ACROSS_LANGUAGES = 2
SHARED_NAMES_ACROSS_LANGUAGES = 3
_NUMBER = re.compile(r"\d[\d.,]*\d")
_CAPITALISED = re.compile(r"(?<![\w.])[^\W\d_][\w'’-]*")


@dataclass(frozen=True)
class LanguageAnchors:
    """An article's language, and the numbers and names of its title and opening: what two reports
    of one event in two languages still share."""

    language: str
    numbers: frozenset[str]
    names: frozenset[str]


def language_anchors(article: Article) -> LanguageAnchors:
    text = article.title + "\n" + _lead(article)
    language = article.language or DEFAULT_LANGUAGE
    stop = stop_words(language)
    names = frozenset(
        w.lower() for w in _CAPITALISED.findall(text) if w[:1].isupper() and len(w) > 2 and w.lower() not in stop
    ) if lone_capital_is_name(language) or language in NOUNS_CAPITALISED else frozenset()
    numbers = frozenset(n.replace(",", "").replace(".", "") for n in _NUMBER.findall(text))
    return LanguageAnchors(language, numbers, names)


def anchor_copy(article: Article) -> Article:
    """The article cut to what `language_anchors` reads (its title and opening), to ship between processes."""
    return replace(article, body=_lead(article))


def same_language_edges(
    edges: list[tuple[int, int, float]], articles: list[Article], days: np.ndarray | None = None, config: BriefingConfig | None = None
) -> list[tuple[int, int, float]]:
    """The links between articles of one language (node i is `articles[i]`), then the links across
    languages, made on numbers and names alone.

    Words, stems and a headline's focus differ from one language to another, so a link across two
    rests on a few names and URL words: a German report would join an English story on "Berlin" and
    "Scholz", and count as its support. Two articles in different languages are linked only when
    they share `SHARED_NUMBERS_ACROSS_LANGUAGES` numbers and `SHARED_NAMES_ACROSS_LANGUAGES` names
    (in their titles and openings) and are dated within the story window: one event, unmistakably.
    A day in one language reads nothing more."""
    kept = [(i, j, score) for i, j, score in edges if articles[i].language == articles[j].language]
    if len({a.language for a in articles}) < 2:
        return kept
    return kept + _linked_across_languages(articles, days, config or BriefingConfig())


# Such a link is as strong as two copies of one report: its evidence is shared facts, not shared words.
CROSS_LANGUAGE_WEIGHT = 1.0
# A number in more articles than this (a year, "10") names no one event: it is not used to find pairs.
_MOST_ARTICLES_PER_NUMBER = 50


def _linked_across_languages(articles: list[Article], days: np.ndarray | None, config: BriefingConfig) -> list[tuple[int, int, float]]:
    anchors = [language_anchors(a) for a in articles]
    by_number: dict[str, list[int]] = {}
    for i, anchor in enumerate(anchors):
        for number in anchor.numbers:
            by_number.setdefault(number, []).append(i)
    shared: dict[tuple[int, int], int] = {}
    for holders in by_number.values():
        if len(holders) > _MOST_ARTICLES_PER_NUMBER:
            continue
        for x, i in enumerate(holders):
            for j in holders[x + 1 :]:
                if anchors[i].language != anchors[j].language:
                    shared[(i, j)] = shared.get((i, j), 0) + 1
    links = []
    for (i, j), numbers in sorted(shared.items()):
        if numbers < SHARED_NUMBERS_ACROSS_LANGUAGES:
            continue
        if len(anchors[i].names & anchors[j].names) < SHARED_NAMES_ACROSS_LANGUAGES:
            continue
        if days is not None and days[i] >= 0 and days[j] >= 0 and abs(int(days[i]) - int(days[j])) > config.story_window_days:
            continue
        links.append((i, j, CROSS_LANGUAGE_WEIGHT))
    return links


def article_days(articles: list[Article]) -> np.ndarray:
    """Each article's day number, -1 when it is undated."""
    return np.array([_day(a) if _day(a) is not None else -1 for a in articles])


def block_edges(
    vectors: sp.csr_matrix,
    transposed: sp.csr_matrix,
    days: np.ndarray,
    start: int,
    stop: int,
    config: BriefingConfig,
    meaning: HeadlineMeaning | None = None,
) -> list[tuple[int, int, float]]:
    """The links of rows start..stop to their nearest neighbours, in a fixed order.

    Each row's links depend only on that row and the whole (transposed) matrix, so blocks can be
    computed anywhere, in any order, and concatenated in block order.
    """
    k = config.story_neighbours
    block = (vectors[start:stop] @ transposed).tocsr()
    # A pair sharing one word scores the product of that word's two weights, at most the product of
    # the two rows' largest weights; a pair scoring above that shares two words or more, and is
    # not counted. Full texts spread their weight over many words, so only headlines are counted.
    peaks = vectors.max(axis=1).toarray().ravel().astype(np.float64) * (1 + 1e-5)  # float32 rounding
    candidates = []  # (row, its candidate columns, their scores, which could rest on one word)
    on_words: np.ndarray  # which candidates are judged on words alone (not on headline meaning)
    for offset in range(block.shape[0]):
        i = start + offset
        lo, hi = block.indptr[offset], block.indptr[offset + 1]
        columns, scores = block.indices[lo:hi], block.data[lo:hi]
        if meaning is None:
            keep = scores >= config.story_threshold
            on_words = np.ones(len(columns), dtype=bool)
        else:
            scores, threshold, on_words = _with_meaning(i, columns, scores, meaning, config)
            keep = scores >= threshold
        keep &= columns != i
        if days[i] >= 0:
            keep &= (days[columns] < 0) | (np.abs(days[columns] - days[i]) <= config.story_window_days)
        columns, scores, on_words = columns[keep], scores[keep], on_words[keep]
        doubtful = on_words & (scores <= peaks[i] * peaks[columns])
        candidates.append((i, columns, scores, doubtful))
    rows = np.concatenate([np.full(np.count_nonzero(d), i) for i, _, _, d in candidates] + [np.zeros(0, np.int64)])
    others = np.concatenate([c[d] for _, c, _, d in candidates] + [np.zeros(0, np.int64)])
    counts = shared_words(vectors, rows, others)
    counts_by_row = np.split(counts, np.cumsum([np.count_nonzero(d) for *_, d in candidates])[:-1])
    edges: list[tuple[int, int, float]] = []
    for (i, columns, scores, doubtful), row_counts in zip(candidates, counts_by_row):
        keep = np.ones(len(columns), dtype=bool)
        keep[doubtful] = row_counts >= MIN_SHARED_WORDS
        columns, scores = columns[keep], scores[keep]
        best = np.lexsort((columns, -scores))[:k]  # highest first; ties by position: deterministic
        for j, score in zip(columns[best], scores[best]):
            edges.append((int(min(i, j)), int(max(i, j)), float(score)))
    return edges


def shared_words(vectors: sp.csr_matrix, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """How many distinct words article rows[p] shares with article columns[p], for each p (one term
    is one word, `story_terms`)."""
    left, right = vectors[rows], vectors[columns]  # copies: their values may be overwritten
    left.data[:] = 1
    right.data[:] = 1
    return np.asarray(left.multiply(right).sum(axis=1)).ravel().astype(np.int64)


def _with_meaning(
    i: int, columns: np.ndarray, scores: np.ndarray, meaning: HeadlineMeaning, config: BriefingConfig
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row i's scores with headline meaning mixed in where either article is a headline only, the
    threshold each score must reach, and which pairs are judged on words alone (the others on
    meaning: the shared-word rule would undo what the encoder is for, headlines that say one thing
    in other words; measured on half the UCI stories, it costs the encoder 0.005 F1).

    Only pairs that share a TF-IDF term are scored (the sparse product's non-zeros): the encoder
    re-weighs candidates, it does not add an all-pairs search.
    """
    headline_pair = meaning.headline_only[columns] | meaning.headline_only[i]
    cosine = meaning.vectors[columns[headline_pair]] @ meaning.vectors[i]
    weight = config.title_encoder_weight
    mixed = scores.copy()
    mixed[headline_pair] = (1 - weight) * scores[headline_pair] + weight * cosine
    threshold = np.where(headline_pair, config.title_threshold, config.story_threshold)
    return mixed, threshold, ~headline_pair


def graph_of(n: int, edges: list[tuple[int, int, float]]) -> igraph.Graph:
    """The neighbour graph, edges in the given order (Louvain's result depends on it); a pair found
    from both ends is one edge."""
    weights: dict[tuple[int, int], float] = {}  # keeps first-seen order
    for i, j, score in edges:
        weights[(i, j)] = score  # both ends compute the same cosine
    graph = igraph.Graph(n=n, edges=list(weights))
    graph.es["weight"] = list(weights.values())
    return graph


def cluster_articles(articles: list[Article], config: BriefingConfig) -> list[Story]:
    originals = sorted((a for a in articles if a.duplicate_of is None), key=lambda a: a.id)
    if not originals:
        return []
    graph = neighbour_graph(originals, config)
    return stories_of(graph, [a.id for a in originals], [(a.id, a.duplicate_of) for a in articles], config)


def stories_of(
    graph: igraph.Graph, original_ids: list[str], articles: list[tuple[str, str | None]], config: BriefingConfig
) -> list[Story]:
    """The stories are the graph's communities (`consensus_communities`; node i is
    `original_ids[i]`); each article, given as (id, duplicate_of), joins its original's story."""
    communities = consensus_communities(graph, config)
    story_of: dict[str, int] = {}
    for label, members in enumerate(sorted(communities, key=min)):
        for node in members:
            story_of[original_ids[node]] = label
    grouped: dict[int, list[str]] = {}
    for article_id, duplicate_of in articles:
        grouped.setdefault(story_of[duplicate_of or article_id], []).append(article_id)

    stories = []
    for ids in grouped.values():
        ids = sorted(ids)
        story_id = "s" + hashlib.sha1(" ".join(ids).encode()).hexdigest()[:10]
        stories.append(Story(id=story_id, article_ids=tuple(ids)))
    return sorted(stories, key=lambda s: s.id)


def consensus_communities(graph: igraph.Graph, config: BriefingConfig) -> list[set[int]]:
    """The graph's stories: the communities of the links that most of `CONSENSUS_RUNS` Louvain runs
    keep inside one community, each weighed by its share of the runs.

    One Louvain run's result depends on the random order it visits the nodes in: a broad story whose
    sub-events are densely linked to each other is one community under one order and two under
    another. The links the runs agree on do not depend on one order, so the grouping does not flip
    with the seed, nor with an unrelated article that shifts every later node's place in the order.
    """
    # Louvain visits nodes in a random order; igraph draws it from the generator set here, so a
    # seeded one gives the same communities on every run and every engine.
    igraph.set_random_number_generator(random.Random(config.seed))
    try:
        runs = [louvain_labels(graph, config) for _ in range(CONSENSUS_RUNS)]
        edges = np.array(graph.get_edgelist(), dtype=np.int64).reshape(-1, 2)
        together = sum((labels[edges[:, 0]] == labels[edges[:, 1]]).astype(np.float64) for labels in runs)
        agreement = together / CONSENSUS_RUNS
        kept = np.flatnonzero(agreement > 0.5)
        consensus = igraph.Graph(n=graph.vcount(), edges=edges[kept].tolist())
        consensus.es["weight"] = (np.array(graph.es["weight"], dtype=np.float64)[kept] * agreement[kept]).tolist()
        labels = louvain_labels(consensus, config)
    finally:
        igraph.set_random_number_generator(random)
    communities: dict[int, set[int]] = {}
    for node, label in enumerate(labels):
        communities.setdefault(int(label), set()).add(node)
    return list(communities.values())


def louvain_labels(graph: igraph.Graph, config: BriefingConfig) -> np.ndarray:
    """Each node's community in one Louvain run (its node order drawn from igraph's generator)."""
    partition = graph.community_multilevel(weights="weight", resolution=config.story_resolution)
    return np.array(partition.membership, dtype=np.int64)


def carry_story_ids(stories: list[Story], previous: dict[str, str]) -> list[Story]:
    """Stories whose articles were grouped before keep the id they had.

    `previous` maps article id → story id from an earlier run. A story takes the earlier id that
    most of its articles carried (ties: the smaller id); each earlier id goes to one story only, the
    one holding most of its articles; stories of only new articles keep their fresh id.
    """
    claims: list[tuple[int, str, int]] = []  # (-count, earlier id, index of story)
    for index, story in enumerate(stories):
        counts: dict[str, int] = {}
        for article_id in story.article_ids:
            if article_id in previous:
                counts[previous[article_id]] = counts.get(previous[article_id], 0) + 1
        claims += [(-count, earlier, index) for earlier, count in counts.items()]
    taken: set[str] = set()
    renamed: dict[int, str] = {}
    for _, earlier, index in sorted(claims):
        if earlier not in taken and index not in renamed:
            taken.add(earlier)
            renamed[index] = earlier
    out = [Story(id=renamed.get(i, s.id), article_ids=s.article_ids) for i, s in enumerate(stories)]
    return sorted(out, key=lambda s: s.id)
