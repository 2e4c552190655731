"""The Dask engine: the pipeline's stages as partitioned tasks on a Dask cluster.

Same input and options → the same briefing as the local engine, byte for byte. What runs where:

| stage | on the workers | shuffle | on the driver |
| --- | --- | --- | --- |
| 1. ingest + clean | read one partition of the files (a contiguous run of the sorted file list); its (site, paragraph, story) keys; its site boilerplate dropped | – | the "identical to" rule over (id, path) pairs; which paragraphs are a site's boilerplate |
| 3. dedupe | MinHash signatures; band records; short texts' shingles, then the longer articles holding them | by LSH band key; the short texts' index to every partition | union-find over verified and containment links; originals named |
| 4. cluster | story terms; TF-IDF rows; neighbour search per block of rows; each article's focus | rows gathered into one matrix | vocabulary + idf; links kept by focus; seeded Louvain over the edges |
| 2. sentences | sentence splitting (sentencex), per partition | by story (balanced buckets) | – |
| 5–6. summarize + consensus | one task per bucket of stories | – | the briefing's order |

Articles stay on the workers until the end, when the driver gathers them for the `Briefing` record
(it lists every article). dask is imported here only: the local engine never needs it.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Iterable
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

try:
    from distributed import Client, LocalCluster
except ImportError as err:  # pragma: no cover - depends on the installation
    raise ImportError(
        "the dask engine needs dask.distributed: python -m pip install 'briefgen[dask]'"
    ) from err

from ..clean import site_boilerplate
from ..cluster.story_focus import Focus, focus_of
from ..cluster.story_graph import (
    BLOCK_ROWS,
    anchor_copy,
    block_edges,
    focused_edges,
    graph_of,
    headline_fields,
    headline_meaning,
    same_language_edges,
    stories_of,
    term_df_cap,
)
from ..config.options import BriefingConfig
from ..dedupe import containment
from ..dedupe.minhash import dates_from_groups
from ..ingest import iter_inputs, read_files, without_future_date
from ..model import Article, Skipped, Story, StoryBrief
from ..provenance import OutletRegistry, sites
from . import banded_dedupe as dedupe
from . import blocked_cluster as cluster
from . import story_tasks as stories_

if TYPE_CHECKING:
    from . import StoryBriefer

PARTITIONS_PER_WORKER = 4  # a few partitions per worker: a slow partition does not hold up the rest


class DaskEngine:
    """Runs on the cluster at `scheduler` (an address such as tcp://10.0.0.5:8786), else on a new
    local cluster of `workers` worker processes, one thread each (default: one per core).

    Use it in a `with` block to keep one cluster for several briefings; otherwise each
    `build_briefing` starts (and stops) its own.
    """

    def __init__(self, *, scheduler: str | None = None, workers: int | None = None, partitions: int | None = None):
        if scheduler is not None and workers is not None:
            raise ValueError("give either a scheduler address or a number of workers, not both")
        if workers is not None and workers < 1:
            raise ValueError("workers must be at least 1")
        self.scheduler, self.workers, self.partitions = scheduler, workers, partitions
        self._client: Client | None = None
        self._cluster: LocalCluster | None = None

    def __enter__(self) -> DaskEngine:
        if self.scheduler is not None:
            self._client = Client(self.scheduler)
        else:
            self._cluster = LocalCluster(
                n_workers=self.workers, threads_per_worker=1, processes=True, dashboard_address=None
            )
            self._client = Client(self._cluster)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        self._client = self._cluster = None

    @property
    def client(self) -> Client:
        if self._client is None:
            raise RuntimeError("DaskEngine is not connected: use it in a `with` block")
        return self._client

    @contextmanager
    def _connected(self):
        if self._client is not None:
            yield self.client
            return
        with self:
            yield self.client

    def brief(
        self,
        paths: Iterable[str | Path],
        config: BriefingConfig,
        *,
        on: date,
        outlets_file: Path | None,
        brief_one: StoryBriefer,
    ) -> tuple[list[Article], list[StoryBrief], list[Skipped]]:
        """Stages 1–6 on the cluster: the articles (copies marked), each story's brief by
        `brief_one`, and the skipped inputs; the pipeline assembles the briefing from them."""
        with self._connected() as client:
            run = self._run(client, config)
            articles, stories, skipped = run.group(paths, outlets_file, on)  # 1, 3, 4
            briefs = run.summarize(articles, stories, brief_one)  # 2, 5, 6
            return _concat(client.gather(articles)), briefs, skipped

    def group_articles(
        self, paths: Iterable[str | Path], config: BriefingConfig, *, outlets_file: Path | None = None
    ) -> tuple[list[Article], list[Story], list[Skipped]]:
        """`pipeline.group_articles` on the cluster: the articles, copies marked, and their stories."""
        with self._connected() as client:
            articles, stories, skipped = self._run(client, config).group(paths, outlets_file, date.today())
            return _concat(client.gather(articles)), stories, skipped

    def _run(self, client: Client, config: BriefingConfig) -> _Run:
        return _Run(client, config, self.partitions or PARTITIONS_PER_WORKER * max(1, len(client.nthreads())))


class _Run:
    """One briefing's tasks. `articles` below is a list of futures, one list of Article per partition."""

    def __init__(self, client: Client, config: BriefingConfig, partitions: int):
        self.client, self.config, self.partitions = client, config, partitions
        self.ids: list[list[str]] = []  # article ids per partition, in order

    def submit(self, function, *args):
        return self.client.submit(function, *args, pure=False)

    def group(
        self, paths: Iterable[str | Path], outlets_file: Path | None, day: date
    ) -> tuple[list, list[Story], list[Skipped]]:
        inputs = list(iter_inputs(paths))  # files, and what is no readable file (a broken link…)
        files = [entry for entry in inputs if isinstance(entry, Path)]
        articles, skipped = self.ingest(files, OutletRegistry.load(outlets_file), day)  # 1.
        skipped += [entry for entry in inputs if isinstance(entry, Skipped)]
        articles = self.mark_duplicates(articles)  # 3.
        return articles, self.cluster(articles), skipped  # 4.

    def ingest(self, files: list[Path], registry: OutletRegistry, day: date) -> tuple[list, list[Skipped]]:
        n = max(1, min(self.partitions, len(files)))
        chunks = [files[len(files) * k // n : len(files) * (k + 1) // n] for k in range(n)]
        registry_ = self.client.scatter(registry, broadcast=True)
        read = [self.submit(_read_partition, chunk, registry_, self.config.max_article_bytes, day) for chunk in chunks]
        articles = [self.submit(operator.getitem, r, 0) for r in read]
        skipped = _concat(self.client.gather([self.submit(operator.getitem, r, 1) for r in read]))
        del read
        # "identical to": the first file in reading order keeps the id, across partitions as within one
        seen: dict[str, str] = {}
        kept = []
        for part, keys in zip(articles, self.client.gather([self.submit(_ids_and_paths, p) for p in articles])):
            drop = set()
            for index, (article_id, path) in enumerate(keys):
                if article_id in seen:
                    skipped.append(Skipped(path, f"identical to {seen[article_id]}"))
                    drop.add(index)
                else:
                    seen[article_id] = path
            kept.append(self.submit(_without, part, drop) if drop else part)
            self.ids.append([article_id for index, (article_id, _) in enumerate(keys) if index not in drop])
        return self.one_outlet_per_site(self.drop_site_boilerplate(kept)), skipped

    def one_outlet_per_site(self, articles: list) -> list:
        """`sites.one_outlet_per_site` over every partition: the names every partition holds
        decide the renames on the client, each partition applies them."""
        facts = _concat(self.client.gather([self.submit(sites.site_facts, part) for part in articles]))
        renames = sites.outlet_renames(facts)
        if not any(renames):
            return articles
        return [self.submit(sites.apply_renames, part, renames) for part in articles]

    def drop_site_boilerplate(self, articles: list) -> list:
        """`site_boilerplate.drop_site_boilerplate` over every partition: each counts its (site,
        paragraph, story) keys, the client decides which paragraphs are a site's boilerplate (a
        site's articles are spread over partitions: only all the keys together show it), and each
        partition drops them. Only bodies change, so `self.ids` stands."""
        pairs = [self.submit(site_boilerplate.line_pairs, part) for part in articles]
        boilerplate = site_boilerplate.boilerplate_of(*self.client.gather(pairs))
        del pairs
        if not boilerplate:
            return articles
        [boilerplate_] = self.client.scatter([boilerplate], broadcast=True)  # (a dict alone would scatter as named items)
        return [self.submit(site_boilerplate.without_boilerplate, part, boilerplate_) for part in articles]

    def mark_duplicates(self, articles: list) -> list:
        threshold = self.config.duplicate_threshold
        signatures = [self.submit(dedupe.partition_signatures, k, part) for k, part in enumerate(articles)]
        reducers = len(articles)
        ranges = dedupe.band_ranges(threshold)
        records = [self.submit(dedupe.band_records, s, ranges, reducers) for s in signatures]
        candidates = [
            self.submit(dedupe.candidate_pairs, *[self.submit(operator.getitem, r, reducer) for r in records])
            for reducer in range(reducers)
        ]
        del records
        links = []
        for a in range(len(articles)):
            for b in range(a, len(articles)):
                pairs = [self.submit(dedupe.pairs_in_bucket, c, (a, b)) for c in candidates]
                links.append(self.submit(dedupe.verified_links, signatures[a], signatures[b], threshold, *pairs))
        order_keys = dict(kv for keys in self.client.gather([self.submit(_order_keys, s) for s in signatures]) for kv in keys)
        links = _concat(self.client.gather(links)) + self.contained_copies(articles)
        copies = dedupe.duplicate_map(links, order_keys)
        dates = dates_from_groups(copies, {i: key[2] or None for i, key in order_keys.items()})
        del signatures, candidates, links
        return [
            self.submit(dedupe.mark_copies, part, {i: copies[i] for i in ids if i in copies}, {i: dates[i] for i in ids if i in dates})
            for part, ids in zip(articles, self.ids)
        ]

    def contained_copies(self, articles: list) -> list[tuple[str, str]]:
        """`containment.contained_copies` over every partition: each sends its short texts'
        shingles, the client merges them into one index and sends it to every partition, which finds
        the longer articles holding them; the client picks each short text's container."""
        index = containment.ShortIndex.of(*self.client.gather([self.submit(_short_texts, part) for part in articles]))
        if not index.ids:
            return []
        [index_] = self.client.scatter([index], broadcast=True)
        found = self.client.gather([self.submit(_containers, index_, part) for part in articles])
        return containment.best_containers(_concat(found))

    def cluster(self, articles: list) -> list[Story]:
        terms = [self.submit(cluster.partition_terms, part) for part in articles]
        days: dict[str, int] = {}
        df: Counter = Counter()
        for part_days, part_df in self.client.gather([self.submit(cluster.term_summary, p, t) for p, t in zip(articles, terms)]):
            days.update(part_days)
            df.update(part_df)
        if not days:
            return []
        order = sorted(days)  # the originals sorted by id: node i of the graph, as in cluster_articles
        columns, idf = cluster.tfidf_columns(df, len(order), term_df_cap(len(order), self.config))
        columns_, idf_ = self.client.scatter([columns, idf], broadcast=True)
        rows = [self.submit(cluster.partition_rows, t, columns_, idf_) for t in terms]
        del terms
        matrices = self.submit(cluster.stack_rows, order, *rows)
        vectors, transposed = self.submit(operator.getitem, matrices, 0), self.submit(operator.getitem, matrices, 1)
        del rows, matrices
        days_ = self.client.scatter(_days_array(days, order), broadcast=True)
        meaning = None
        if self.config.title_encoder is not None:
            # the encoder runs once, here on the client, on the originals' titles in node order
            fields = dict(_concat(self.client.gather([self.submit(_headline_fields, p) for p in articles])))
            meaning = headline_meaning([fields[i] for i in order], self.config)
            if meaning is not None:
                meaning = self.client.scatter(meaning, broadcast=True)
        blocks = [
            self.submit(block_edges, vectors, transposed, days_, start, start + BLOCK_ROWS, self.config, meaning)
            for start in range(0, len(order), BLOCK_ROWS)
        ]
        edges = _concat(self.client.gather(blocks))  # block order: the graph's edge order, as locally
        del blocks, vectors, transposed
        if self.config.story_focus:
            # each original's focus, found where it is, judged here on the links in node order
            focus = dict(_concat(self.client.gather([self.submit(_focuses, p) for p in articles])))
            edges = focused_edges(edges, [focus[i] for i in order])
        # each original's language, numbers and names, for the links across languages
        anchors = dict(_concat(self.client.gather([self.submit(_language_anchors, p) for p in articles])))
        edges = same_language_edges(edges, [anchors[i] for i in order], _days_array(days, order), self.config)
        copies_of = self.client.gather([self.submit(_id_and_original, p) for p in articles])
        return stories_of(graph_of(len(order), edges), order, _concat(copies_of), self.config)

    def summarize(self, articles: list, stories: list[Story], brief_one: StoryBriefer) -> list:
        if not stories:
            return []
        buckets = stories_.story_buckets(stories, self.partitions * 2)
        bucket_of = {i: b for b, bucket in enumerate(buckets) for story in bucket for i in story.article_ids}
        routed = [
            self.submit(
                stories_.route_to_buckets, part, {i: bucket_of[i] for i in ids}, len(buckets), self.config.language,
                self.config.max_sentences_per_article,
            )
            for part, ids in zip(articles, self.ids)
        ]
        briefs = [
            self.submit(
                stories_.brief_bucket, bucket, self.config, brief_one,
                *[self.submit(stories_.routed_bucket, r, b) for r in routed],
            )
            for b, bucket in enumerate(buckets)
        ]
        return _concat(self.client.gather(briefs))


def _concat(lists: Iterable[list]) -> list:
    return [x for part in lists for x in part]


def _read_partition(files: list[Path], registry: OutletRegistry, max_bytes: int, day: date) -> tuple[list, list]:
    articles, skipped = read_files(files, registry, max_bytes)
    return [without_future_date(a, day) for a in articles], skipped


def _ids_and_paths(articles: list[Article]) -> list[tuple[str, str]]:
    return [(a.id, a.path) for a in articles]


def _without(articles: list[Article], drop: set[int]) -> list[Article]:
    return [a for index, a in enumerate(articles) if index not in drop]


def _short_texts(articles: list[Article]) -> dict:
    return containment.short_texts(articles)


def _containers(index: containment.ShortIndex, articles: list[Article]) -> list:
    return containment.containers(index, articles)


def _order_keys(signatures: dedupe.Signatures) -> tuple:
    return signatures.order_keys


def _id_and_original(articles: list[Article]) -> list[tuple[str, str | None]]:
    return [(a.id, a.duplicate_of) for a in articles]


def _focuses(articles: list[Article]) -> list[tuple[str, Focus]]:
    return [(a.id, focus_of(a)) for a in articles if a.duplicate_of is None]


def _language_anchors(articles: list[Article]) -> list[tuple[str, Article]]:
    # the fields the cross-language check reads, on a light copy (no body past its opening)
    return [(a.id, anchor_copy(a)) for a in articles if a.duplicate_of is None]


def _headline_fields(articles: list[Article]) -> list[tuple[str, tuple]]:
    originals = [a for a in articles if a.duplicate_of is None]
    return list(zip((a.id for a in originals), headline_fields(originals)))


def _days_array(days: dict[str, int], order: list[str]):
    import numpy as np

    return np.array([days[i] for i in order])
