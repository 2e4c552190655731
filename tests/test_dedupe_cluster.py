"""Stories grouped as a newsroom would: copies found, different stories kept apart, headlines placed."""

from __future__ import annotations

import json
import random
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from briefgen import BriefingConfig
from briefgen.cli import main
from briefgen.cluster.story_graph import cluster_articles
from briefgen.dedupe.minhash import mark_duplicates
from briefgen.pipeline import group_articles, group_window

from .conftest import EXAMPLES

FIXTURES = Path(__file__).parent / "fixtures"


def _stories_by_title(articles, stories):
    title = {a.id: a.title for a in articles}
    return sorted(sorted(title[i] for i in s.article_ids) for s in stories)


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES, folder / "seeds")
    shutil.copy(FIXTURES / "two_new_york_stories.jsonl", folder / "ny.jsonl")
    return folder


def test_three_real_stories_stay_three_even_when_two_share_new_york(tmp_path):
    articles, stories, skipped = group_articles([_corpus(tmp_path)], BriefingConfig())
    assert not skipped
    groups = _stories_by_title(articles, stories)
    assert len(groups) == 3, groups
    wework = [g for g in groups if any("WeWork" in t for t in g)][0]
    omar = [g for g in groups if any("Omar" in t for t in g)][0]
    assert len(wework) == 2 and all("WeWork" in t for t in wework)
    assert len(omar) == 2 and all("Omar" in t for t in omar)
    assert [len(g) for g in groups if g not in (wework, omar)] == [5]


def test_headline_only_records_join_the_story_they_name(tmp_path):
    folder = _corpus(tmp_path)
    (folder / "headlines.jsonl").write_text(
        "\n".join(json.dumps({"title": t, "outlet": o}) for t, o in [
            ("White House says Russia and North Korea arms talks are actively advancing", "Reuters"),
            ("WeWork under investigation by New York attorney general", "Bloomberg"),
        ]) + "\n",
        encoding="utf-8",
    )
    articles, stories, _ = group_articles([folder], BriefingConfig())
    groups = _stories_by_title(articles, stories)
    assert len(groups) == 3
    for group in groups:
        if "White House says Russia and North Korea arms talks are actively advancing" in group:
            assert len(group) == 6
        if "WeWork under investigation by New York attorney general" in group:
            assert sum("WeWork" in t for t in group) == 3


def test_grouping_does_not_depend_on_input_order(tmp_path):
    articles, stories, _ = group_articles([_corpus(tmp_path)], BriefingConfig())
    shuffled = articles[:]
    random.Random(3).shuffle(shuffled)
    again = cluster_articles(mark_duplicates(shuffled, BriefingConfig()), BriefingConfig())
    assert again == stories


def test_dates_far_apart_keep_similar_articles_in_different_stories(tmp_path):
    articles, _, _ = group_articles([FIXTURES / "two_new_york_stories.jsonl"], BriefingConfig())
    wework = [a for a in articles if "WeWork" in a.title]
    moved = [replace(wework[0], published="2019-12-30"), wework[1]]
    stories = cluster_articles(moved, BriefingConfig())
    assert len(stories) == 2
    assert len(cluster_articles(moved, BriefingConfig(story_window_days=60))) == 1


def test_exact_and_junk_wrapped_copies_point_at_one_original(tmp_path):
    folder = _corpus(tmp_path)
    hill = (EXAMPLES / "003_f85a140a94b8a8bc.txt").read_text(encoding="utf-8")
    body = hill[hill.index("The Biden administration") : hill.index("Source: The Hill")]
    for n, (head, tail) in enumerate([("Menu\nSearch", "Tags: Russia, Korea"), ("Home | News", "Comments (0)")]):
        (folder / f"copy{n}.txt").write_text(f"{head}\nWhite House warns on arms talks - Copy Site {n}\n{body}\nSource: The Hill\n{tail}", encoding="utf-8")
    articles, stories, _ = group_articles([folder], BriefingConfig())
    hill_articles = [a for a in articles if "copy" in a.path or a.path.endswith("003_f85a140a94b8a8bc.txt")]
    assert all(a.outlet == "The Hill" for a in hill_articles)  # the copies keep the credit they carry
    assert len(hill_articles) == 3
    originals = [a for a in hill_articles if a.duplicate_of is None]
    assert len(originals) == 1
    assert all(a.duplicate_of == originals[0].id for a in hill_articles if a is not originals[0])
    story = [s for s in stories if originals[0].id in s.article_ids][0]
    assert {a.id for a in hill_articles} <= set(story.article_ids)


def test_a_copy_that_leaves_out_two_paragraphs_is_still_a_copy(tmp_path):
    # A re-post often trims a wire story. Here the two texts share 87 % of their word 5-grams, well
    # above the 0.8 threshold, yet the LSH bands of 0.8 itself did not propose the pair at all.
    folder = _corpus(tmp_path)
    hill = (EXAMPLES / "003_f85a140a94b8a8bc.txt").read_text(encoding="utf-8")
    body = hill[hill.index("The Biden administration") : hill.index("Source: The Hill")]
    paragraphs = [p for p in body.split("\n") if p.strip()]
    trimmed = "\n".join(p for n, p in enumerate(paragraphs) if n not in (1, 14))
    (folder / "trimmed.txt").write_text(f"Home | News\nWhite House warns on arms talks - Trim Site\n{trimmed}\nComments (0)", encoding="utf-8")
    articles, _, _ = group_articles([folder], BriefingConfig())
    by_file = {Path(a.path).name: a for a in articles}
    pair = {by_file["003_f85a140a94b8a8bc.txt"].id, by_file["trimmed.txt"].id}
    copies = [a for a in by_file.values() if a.id in pair and a.duplicate_of is not None]
    assert len(copies) == 1 and copies[0].duplicate_of in pair  # one of the two is marked a copy of the other


def test_cluster_command_prints_one_json_line_per_article(tmp_path, capsys):
    assert main(["cluster", str(_corpus(tmp_path))]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 9
    assert all(set(line) == {"id", "source_id", "path", "story", "duplicate_of"} for line in lines)
    assert len({line["story"] for line in lines}) == 3


def test_yesterdays_story_keeps_its_id_when_todays_articles_join_it(tmp_path):
    config = BriefingConfig()
    yesterday, y_stories, _ = group_articles([EXAMPLES], config)
    assert len(y_stories) == 1
    earlier_story_of = {aid: s.id for s in y_stories for aid in s.article_ids}

    today_folder = tmp_path / "today"
    today_folder.mkdir()
    shutil.copy(FIXTURES / "two_new_york_stories.jsonl", today_folder / "ny.jsonl")
    (today_folder / "wire.jsonl").write_text(json.dumps({
        "title": "Russia and North Korea arms talks are actively advancing, White House says",
        "text": "The White House said Russia and North Korea are actively advancing talks on an arms deal, "
                "after Russian Defense Minister Sergei Shoigu visited Pyongyang. Kirby said Putin and Kim "
                "exchanged letters pledging to increase their cooperation.",
        "outlet": "Reuters",
    }) + "\n", encoding="utf-8")
    today, _, _ = group_articles([today_folder], config)

    _, stories = group_window(yesterday + today, config, earlier_story_of)
    continuing = [s for s in stories if s.id == y_stories[0].id]
    assert len(continuing) == 1
    wire = next(a for a in today if a.path.endswith("wire.jsonl:1"))
    assert set(continuing[0].article_ids) == set(y_stories[0].article_ids) | {wire.id}
    assert len(stories) == 3  # the two New York stories are new, with fresh ids
    # the same grouping as one batch over both days
    batch = cluster_articles(mark_duplicates(yesterday + today, config), config)
    assert sorted(s.article_ids for s in stories) == sorted(s.article_ids for s in batch)


# --- headlines by meaning (`--title-encoder minilm`) ---------------------------------------------
# tests/fixtures/headline_feed.jsonl: ten invented headline-only feed items of two stories, worded
# as different desks word them ("Fed raises interest rates" / "Central bank hikes rates" / "Powell:
# more rate increases may be needed"), so few words repeat across the headlines of one story.
RATES = {"Fed", "Federal", "Central", "Powell", "Mortgage"}  # first words of the rate story's headlines


def _rate_and_storm(articles, stories) -> list[list[bool]]:
    title = {a.id: a.title for a in articles}
    return sorted(sorted(title[i].split()[0].rstrip(":") in RATES for i in s.article_ids) for s in stories)


def test_title_encoder_groups_differently_worded_headlines_of_one_story(tmp_path):
    feed = FIXTURES / "headline_feed.jsonl"
    articles, stories, skipped = group_articles([feed], BriefingConfig(title_encoder="minilm"))
    assert not skipped and len(articles) == 10
    assert _rate_and_storm(articles, stories) == [[False] * 5, [True] * 5]  # two stories, none mixed
    # TF-IDF alone sees too few shared words: the same feed falls apart into more stories
    _, plain, _ = group_articles([feed], BriefingConfig())
    assert len(plain) > 2


def test_title_encoder_leaves_full_articles_to_their_text(tmp_path):
    # No record here is a headline only, so the grouping must be exactly the TF-IDF one.
    folder = _corpus(tmp_path)
    articles, plain, _ = group_articles([folder], BriefingConfig())
    _, with_encoder, _ = group_articles([folder], BriefingConfig(title_encoder="minilm"))
    assert [s.article_ids for s in with_encoder] == [s.article_ids for s in plain]


def test_cluster_command_takes_the_title_encoder(capsys):
    assert main(["cluster", "--title-encoder", "minilm", str(FIXTURES / "headline_feed.jsonl")]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 10 and len({line["story"] for line in lines}) == 2


def test_title_encoder_refuses_weights_that_are_not_the_published_ones(tmp_path):
    from briefgen.cluster.title_encoder import MINILM_SHA256, TitleEncoderError, verify_weights

    weights = tmp_path / "model.safetensors"
    weights.write_bytes(b"not the model")
    with pytest.raises(TitleEncoderError, match="not the published all-MiniLM-L6-v2 weights") as refused:
        verify_weights(weights, MINILM_SHA256)
    assert str(weights) in str(refused.value)


def test_bulk_fingerprints_equal_datasketchs_own_on_the_seeds(examples):
    """The MinHash values computed in bulk are datasketch's own over the same shingle hashes, value
    for value, in this process and in workers."""
    from datasketch import MinHash

    from briefgen.dedupe.minhash import NUM_PERM, SCHEME, _permutations, fingerprint, fingerprints
    from briefgen.dedupe.shingles import body_shingles

    bodies = [path.read_text(encoding="utf-8") for path in sorted(examples.iterdir())]
    assert len(bodies) >= 5
    for body in bodies:
        reference = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, permutations=_permutations(), hashfunc=int)
        reference.update_batch([int(h) & 0xFFFFFFFF for h in body_shingles([body]).compared.hashes])
        assert (fingerprint(body).hashvalues == reference.hashvalues).all()
    in_processes = fingerprints(bodies * 30, workers=2)
    assert all((a.hashvalues == fingerprint(b).hashvalues).all() for a, b in zip(in_processes, bodies * 30))
    assert fingerprint("too short") is None
    assert fingerprint("the cat " * 50) is None  # two distinct shingles, however long


def _reference_shingle_hashes(text: str) -> list[int]:
    """The shingle hashes of `briefgen.dedupe.shingles`, one word and one shingle at a time in plain Python."""
    from briefgen.clean.text import WORD
    from briefgen.dedupe.shingles import _BASE, _WORD_WEIGHTS

    mask = (1 << 64) - 1

    def fmix(h: int) -> int:
        h ^= h >> 33
        h = (h * 0xFF51AFD7ED558CCD) & mask
        h ^= h >> 33
        h = (h * 0xC4CEB9FE1A85EC53) & mask
        return h ^ (h >> 33)

    hashed = [fmix((sum(ord(c) * pow(_BASE, j, 1 << 64) for j, c in enumerate(w)) + len(w)) & mask) for w in WORD.findall(text.lower())]
    return [fmix(sum(h * int(k) for h, k in zip(hashed[i : i + 5], _WORD_WEIGHTS)) & mask) for i in range(len(hashed) - 4)]


def test_shingle_hashes_are_the_words_own_whatever_else_is_in_the_batch(examples):
    from briefgen.dedupe.shingles import body_shingles

    bodies = [path.read_text(encoding="utf-8") for path in sorted(examples.iterdir())][:3]
    bodies.append("Zürich's “quoted” words — and 3.5 per-cent, naïve café.\nA second line of five words here.")
    together = body_shingles(bodies)
    for i, body in enumerate(bodies):
        expected = _reference_shingle_hashes(body)
        assert together.whole.of(i).tolist() == expected
        assert body_shingles([body]).whole.of(0).tolist() == expected
    # the same words in another order are other shingles
    a, b = body_shingles(["one two three four five", "two one three four five"]).whole.hashes.tolist()
    assert a != b


def test_a_copy_under_another_sites_menu_has_the_originals_fingerprint(examples):
    # copies are compared on their prose lines: the menu and share lines around a re-post do not count
    from briefgen.dedupe.minhash import fingerprint

    body = sorted(examples.iterdir())[0].read_text(encoding="utf-8")
    wrapped = "Skip to content\nHome | News | Sport\n" + body + "\nShare this:\nRelated posts"
    assert (fingerprint(wrapped).hashvalues == fingerprint(body).hashvalues).all()
