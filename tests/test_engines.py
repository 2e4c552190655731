"""The Dask engine gives the local engine's briefing, byte for byte, on a local cluster of two
worker processes: the seeds, a mixed corpus spread over many partitions (copies, identical files and
a broken file in other partitions than their originals), and the command line."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from briefgen import BriefingConfig, build_briefing, write_briefing  # noqa: E402
from briefgen.cli import main  # noqa: E402
from briefgen.cluster.story_graph import article_days, block_edges, story_vectors  # noqa: E402
from briefgen.dedupe.minhash import mark_duplicates  # noqa: E402
from briefgen.engines import banded_dedupe, blocked_cluster  # noqa: E402
from briefgen.engines.dask import DaskEngine  # noqa: E402
from briefgen.model import Article  # noqa: E402

from .conftest import DAY, EXAMPLES  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures"
JUNK_HEAD = ["Skip to content", "Home > World > Europe > News", "Subscribe to our newsletter", "Share this:"]
JUNK_TAIL = ["Related posts", "Leave a Reply", "© 2023 Daily Reposts. All rights reserved."]


@pytest.fixture(scope="module")
def dask_engine():
    # Six partitions for a dozen files: most originals and their copies land in different partitions.
    with DaskEngine(workers=2, partitions=6) as engine:
        yield engine


@pytest.fixture(scope="module")
def mixed_corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("mixed")
    shutil.copytree(EXAMPLES, root / "a_seeds")
    shutil.copy(FIXTURES / "two_new_york_stories.jsonl", root / "b_new_york.jsonl")
    reposts = root / "c_reposts"
    reposts.mkdir()
    for n, seed in enumerate(sorted(EXAMPLES.glob("*.txt"))[:3]):  # re-posted under another site's junk
        body = seed.read_text(encoding="utf-8")
        (reposts / f"repost{n}.txt").write_text("\n".join([*JUNK_HEAD, body, *JUNK_TAIL]), encoding="utf-8")
    (root / "d_identical").mkdir()
    shutil.copy(sorted(EXAMPLES.glob("*.txt"))[4], root / "d_identical" / "same_as_ap.txt")
    (root / "e_empty.txt").write_text("   \n", encoding="utf-8")
    headlines = [{"title": "WeWork investigated by New York attorney general", "url": "https://example.com/wework-nyag"}]
    (root / "f_headlines.jsonl").write_text("".join(json.dumps(h) + "\n" for h in headlines), encoding="utf-8")
    return root


def _written(briefing, out: Path, config: BriefingConfig) -> dict[str, bytes]:
    write_briefing(briefing, out, config)
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_seed_briefing_files_are_byte_identical(dask_engine, tmp_path):
    config = BriefingConfig()
    local = _written(build_briefing([EXAMPLES], config, on=DAY), tmp_path / "local", config)
    dask = _written(build_briefing([EXAMPLES], config, on=DAY, engine=dask_engine), tmp_path / "dask", config)
    assert {"2023-08-31/briefing.json", "2023-08-31/briefing.md", "2023-08-31/briefing.html"} <= set(local)
    assert dask == local


@pytest.mark.parametrize(
    "config",
    [BriefingConfig(), BriefingConfig(min_sources=1, show_single_source=True, algorithm="textrank", sentences_per_story=4)],
    ids=["defaults", "textrank-single-source"],
)
def test_mixed_corpus_across_partitions_is_byte_identical(dask_engine, mixed_corpus, tmp_path, config):
    local_briefing = build_briefing([mixed_corpus], config, on=DAY)
    dask_briefing = build_briefing([mixed_corpus], config, on=DAY, engine=dask_engine)
    # the corpus exercises what crosses partitions: copies, an identical file, a skipped file, several stories
    assert sum(a.duplicate_of is not None for a in local_briefing.articles) >= 3
    assert any(s.reason.startswith("identical to") for s in local_briefing.skipped)
    assert any(s.reason.startswith("empty file") for s in local_briefing.skipped)
    assert len(local_briefing.stories) >= 2
    assert dask_briefing == local_briefing
    assert _written(dask_briefing, tmp_path / "dask", config) == _written(local_briefing, tmp_path / "local", config)


def test_site_boilerplate_across_partitions_is_dropped_as_locally(dask_engine, tmp_path):
    # one site's four pages (its blurb on each) spread over the partitions among other sites' files:
    # the counts are combined on the client, so each partition drops what the whole batch shows
    from .test_site_boilerplate import BLURB, NEWSLETTER, write_ledger

    shutil.copytree(EXAMPLES, tmp_path / "a_seeds")
    write_ledger(tmp_path / "b_springfieldledger")
    shutil.copy(FIXTURES / "two_new_york_stories.jsonl", tmp_path / "c_new_york.jsonl")
    config = BriefingConfig(min_sources=1)
    local = build_briefing([tmp_path], config, on=DAY)
    dask = build_briefing([tmp_path], config, on=DAY, engine=dask_engine)
    ledger = [a for a in local.articles if "springfieldledger" in a.path]
    assert len(ledger) == 4 and not any(BLURB in a.body or NEWSLETTER in a.body for a in local.articles)
    assert dask == local
    assert _written(dask, tmp_path / "out-dask", config) == _written(local, tmp_path / "out-local", config)


def test_cli_dask_engine_with_two_local_workers_writes_the_same_files(tmp_path, capsys):
    # (the dask engine keeps no history, so the local run keeps none either: the same files are expected)
    assert main(["build", str(EXAMPLES), "--date", "2023-08-31", "--out", str(tmp_path / "local"), "--no-store"]) == 0
    assert main(["build", str(EXAMPLES), "--date", "2023-08-31", "--out", str(tmp_path / "dask"),
                 "--engine", "dask", "--workers", "2"]) == 0
    local, dask = tmp_path / "local", tmp_path / "dask"
    names = sorted(str(p.relative_to(local)) for p in local.rglob("*") if p.is_file())
    assert "2023-08-31/briefing.json" in names
    assert names == sorted(str(p.relative_to(dask)) for p in dask.rglob("*") if p.is_file())
    for name in names:
        assert (dask / name).read_bytes() == (local / name).read_bytes(), name


def test_cli_dask_engine_on_a_running_scheduler(dask_engine, mixed_corpus, tmp_path, capsys):
    address = dask_engine.client.scheduler.address
    assert main(["build", str(mixed_corpus), "--date", "2023-08-31", "--out", str(tmp_path / "local")]) == 0
    assert main(["build", str(mixed_corpus), "--date", "2023-08-31", "--out", str(tmp_path / "dask"),
                 "--engine", "dask", "--scheduler", address]) == 0
    for name in ("briefing.json", "briefing.md", "briefing.html"):
        assert (tmp_path / "dask/2023-08-31" / name).read_bytes() == (tmp_path / "local/2023-08-31" / name).read_bytes()
    assert "identical to" in capsys.readouterr().err  # the skipped files are reported as locally


@pytest.mark.parametrize(
    "args",
    [["--scheduler", "tcp://127.0.0.1:1"], ["--engine", "dask", "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"],
     ["--engine", "spark"], ["--engine", "dask", "--workers", "0"],
     # daily runs and limits are the local engine's: refused, not silently ignored
     ["--engine", "dask", "--feed", "http://127.0.0.1:1/feed.rss"], ["--engine", "dask", "--max-articles", "3"],
     ["--engine", "dask", "--stage-budget", "60"], ["--engine", "dask", "--store", "history.sqlite"]],
)
def test_cli_refuses_inconsistent_engine_options(args, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["build", str(EXAMPLES), "--out", str(tmp_path), *args])
    assert exit_.value.code == 2
    assert not any(tmp_path.iterdir())


def _near_copies(n: int, seed: int = 0) -> list[Article]:
    """Articles made of the seeds' paragraphs: re-posts, partial copies near the 0.8 threshold, and
    word-swapped variants, so that copies and non-copies both share LSH bands."""
    rng = random.Random(seed)
    bodies = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    articles = []
    for i in range(n):
        paragraphs = [p for p in rng.choice(bodies).split("\n") if len(p.split()) > 5]
        dropped = set(rng.sample(range(len(paragraphs)), int(len(paragraphs) * rng.choice([0.0, 0.05, 0.1, 0.3]))))
        words = "\n".join(p for k, p in enumerate(paragraphs) if k not in dropped).split(" ")
        for j in rng.sample(range(len(words)), int(len(words) * rng.choice([0.0, 0.005, 0.01, 0.05]))):
            words[j] = rng.choice(words)
        day = rng.choice([None, "2023-08-30", "2023-08-31"])
        articles.append(Article(id=f"a{i:03d}", path=f"a{i:03d}", title=f"Story {i % 7}", body=" ".join(words),
                                published=day, host=rng.choice([None, "repost.example"])))
    return articles


def test_banded_dedupe_finds_the_copies_the_local_index_finds():
    articles = _near_copies(120)
    config = BriefingConfig()
    local = {a.id: a.duplicate_of for a in mark_duplicates(articles, config) if a.duplicate_of}
    parts = [articles[k::4] for k in range(4)]  # interleaved: copies sit in other partitions
    signatures = [banded_dedupe.partition_signatures(k, p) for k, p in enumerate(parts)]
    ranges = banded_dedupe.band_ranges(config.duplicate_threshold)
    records = [banded_dedupe.band_records(s, ranges, 3) for s in signatures]
    candidates = [banded_dedupe.candidate_pairs(*[r[reducer] for r in records]) for reducer in range(3)]
    links = []
    for a in range(4):
        for b in range(a, 4):
            pairs = [banded_dedupe.pairs_in_bucket(c, (a, b)) for c in candidates]
            links += banded_dedupe.verified_links(signatures[a], signatures[b], config.duplicate_threshold, *pairs)
    keys = {i: k for s in signatures for i, k in s.order_keys}
    assert 10 <= len(local) < 110  # copies, and articles that are not copies
    assert banded_dedupe.duplicate_map(links, keys) == local


def test_blocked_rows_are_the_local_tfidf_rows_bit_for_bit():
    articles = sorted(_near_copies(90, seed=1), key=lambda a: a.id)
    config = BriefingConfig(max_term_df=40)  # some terms dropped as too common
    parts = [articles[k::3] for k in range(3)]
    terms = [blocked_cluster.partition_terms(p) for p in parts]
    df, days = {}, {}
    for p, t in zip(parts, terms):
        part_days, part_df = blocked_cluster.term_summary(p, t)
        days.update(part_days)
        for term, n in part_df.items():
            df[term] = df.get(term, 0) + n
    columns, idf = blocked_cluster.tfidf_columns(df, len(days), config.max_term_df)
    vectors, transposed = blocked_cluster.stack_rows(
        [a.id for a in articles], *[blocked_cluster.partition_rows(t, columns, idf) for t in terms]
    )
    local = story_vectors(articles, config.max_term_df)
    assert local.shape == vectors.shape and local.shape[1] < len(df)
    assert (local.indptr == vectors.indptr).all() and (local.indices == vectors.indices).all()
    assert local.data.tobytes() == vectors.data.tobytes()
    days_ = article_days(articles)
    assert block_edges(vectors, transposed, days_, 0, 90, config) == block_edges(local, local.T.tocsr(), days_, 0, 90, config)


def test_dask_engine_groups_headlines_by_meaning_as_the_local_engine_does(dask_engine):
    from briefgen.pipeline import group_articles

    config = BriefingConfig(title_encoder="minilm")
    feed = [FIXTURES / "headline_feed.jsonl"]
    local_articles, local_stories, _ = group_articles(feed, config)
    dask_articles, dask_stories, _ = dask_engine.group_articles(feed, config)
    assert len(local_stories) == 2
    assert dask_stories == local_stories
    assert sorted(dask_articles, key=lambda a: a.id) == sorted(local_articles, key=lambda a: a.id)


def test_a_cut_copy_in_another_partition_is_found_as_locally(dask_engine, tmp_path):
    # A scrape that kept three of the Hill article's paragraphs (a copy only containment finds), and a
    # report that quotes the same three and goes on: spread over the partitions among the seeds.
    from .test_containment import CBS, HILL, _paragraphs, _scrape

    shutil.copytree(EXAMPLES, tmp_path / "a_seeds")
    piece = _paragraphs(HILL)[:3]
    (tmp_path / "b_piece.txt").write_text(_scrape("Repost Daily", "White House warns on arms talks", piece), encoding="utf-8")
    shutil.copy(FIXTURES / "two_new_york_stories.jsonl", tmp_path / "c_new_york.jsonl")
    (tmp_path / "d_roundup.txt").write_text(
        _scrape("Trending Buzz Hub", "What we know about the arms talks", piece + _paragraphs(CBS)), encoding="utf-8"
    )
    config = BriefingConfig(min_sources=1)
    local = build_briefing([tmp_path], config, on=DAY)
    dask = build_briefing([tmp_path], config, on=DAY, engine=dask_engine)
    piece_ = next(a for a in local.articles if a.path.endswith("b_piece.txt"))
    assert piece_.duplicate_of is not None
    assert dask == local
    assert _written(dask, tmp_path / "out-dask", config) == _written(local, tmp_path / "out-local", config)


def test_dask_engine_keeps_another_storys_article_apart_as_the_local_engine_does(dask_engine, tmp_path):
    # Two recaps of one game, a round-up of another game, a launch with its buying guide: each
    # article's focus is found in its partition and the links are judged on the client.
    from briefgen.pipeline import group_articles

    from .test_story_focus import BEARS_ROUNDUP, GUIDE, HAWKS_RECAP, HAWKS_RECAP_AGAIN, LAUNCH, LAUNCH_AGAIN

    for n, a in enumerate([HAWKS_RECAP, BEARS_ROUNDUP, LAUNCH, HAWKS_RECAP_AGAIN, GUIDE, LAUNCH_AGAIN]):
        record = {"title": a.title, "text": a.body, "outlet": a.outlet, "published": a.published}
        (tmp_path / f"{n}.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    config = BriefingConfig()
    local_articles, local_stories, _ = group_articles([tmp_path], config)
    dask_articles, dask_stories, _ = dask_engine.group_articles([tmp_path], config)
    title = {a.id: a.title for a in local_articles}
    assert sorted(sorted(title[i][:12] for i in s.article_ids) for s in local_stories) == [
        ["Acme launche", "Acme's Zephy"], ["Best game st"], ["Dalen's two ", "Marko Dalen "], ["Okafor's ove"],
    ]
    assert dask_stories == local_stories
