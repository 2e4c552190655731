"""What the real day's briefing says, read against the key facts judged by careful reading.

Builds the briefing of the real day (the bundled examples plus the 120 pages of
../shared/data/extraction/, as bench/citations.py does) and reads it against
../shared/data/key-facts/real-day.json (format: its README). For each judged story:

- whole: every member sits in one story of the briefing and no judged outsider does;
- outsiders kept: judged outsiders sitting in the story that holds most of the members;
- lede: the story's first shown line conveys one of its two top facts;
- headline: the story's headline conveys one of its two top facts;
- key facts conveyed: facts that the headline or one of the first 5 shown lines conveys.

A text conveys a fact when it holds every element group of the fact (any word of a group; matched
from a word's start, case-insensitively, so "hibernat" finds "hibernation"; a figure such as "30"
does not match inside "300"). Shown lines are read in the order a reader sees them: shared facts,
then per-outlet leads, then one outlet's own claims. The story that holds most of the members stands
for the judged story (the first in the briefing on a tie); a judged story split over several entries
is read by that one.

Beside the briefing, in the same run, two anchors on the same stories:
- each member's own headline: lede = the share of members whose headline conveys a top fact (and
  whether any does); key facts = those some member's headline conveys;
- each member's first three sentences: lede = the share of members whose first sentence conveys a
  top fact (and whether any does); key facts = those some member's first three sentences convey.

Split: the judged stories in the file's order, even positions (0, 2, ...) the tune half, odd
positions the held-out half. `--verbose` prints each story's headline and lines with the facts they
convey, for a person to read.

`--show-single-source` reads the briefing built with that option (one outlet's own claims listed,
labelled, after the shared facts).

Usage: python bench/key_facts.py [--shared ../shared] [--verbose] [--show-single-source]
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from real_day import real_day_inputs

from briefgen import BriefingConfig, build_briefing
from briefgen.clean import article_sentences
from briefgen.model import Article, Briefing, StoryBrief

REPO = Path(__file__).resolve().parent.parent
MAX_LINES = 5
TOP = 2


@lru_cache(maxsize=None)
def _element_pattern(word: str) -> re.Pattern[str]:
    tail = r"(?!\d)" if word[-1].isdigit() else ""
    return re.compile(r"(?<![\w])" + re.escape(word) + tail)


def conveys(text: str, fact: dict) -> bool:
    """Does the text hold every element group of the fact?"""
    lower = text.lower().replace("’", "'")
    return all(any(_element_pattern(w).search(lower) for w in group) for group in fact["elements"])


def facts_conveyed(texts: list[str], facts: list[dict]) -> set[int]:
    return {i for i, fact in enumerate(facts) if any(conveys(t, fact) for t in texts)}


def gives_top_fact(text: str, facts: list[dict]) -> bool:
    return any(conveys(text, fact) for fact in facts[:TOP])


def shown_lines(story: StoryBrief) -> list[str]:
    return [x.text for x in (*story.sentences, *story.by_outlet, *story.single_source)]


@dataclass
class Reading:
    """One judged story read three ways: the briefing, and the two anchors."""
    key: str
    whole: bool
    outsiders_kept: int
    lede: bool
    headline: bool
    facts: int
    n_facts: int
    lines: int
    over_cap: bool
    headline_anchor_lede: float
    headline_anchor_lede_any: bool
    headline_anchor_facts: int
    three_anchor_lede: float
    three_anchor_lede_any: bool
    three_anchor_facts: int


def read_story(key: str, judged: dict, briefing: Briefing, by_file: dict[str, Article], verbose: bool) -> Reading:
    facts = judged["key_facts"]
    story_of: dict[str, int] = {}
    for index, s in enumerate(briefing.stories):
        for article_id in s.story.article_ids:
            story_of.setdefault(article_id, index)
    by_id = {a.id: a for a in briefing.articles}

    def where(name: str) -> int | None:
        article = by_file.get(name)
        if article is None:
            return None
        if article.id not in story_of and article.duplicate_of:
            article = by_id.get(article.duplicate_of, article)
        return story_of.get(article.id)

    member_places = [where(m) for m in judged["members"]]
    placed = [p for p in member_places if p is not None]
    main = min(set(placed), key=lambda p: (-placed.count(p), p)) if placed else None
    outsider_places = [where(o["file"]) for o in judged["outsiders"]]
    outsiders_kept = sum(1 for p in outsider_places if p is not None and p == main)
    whole = main is not None and all(p == main for p in member_places) and outsiders_kept == 0

    if main is None:
        headline, lines = "", []
    else:
        story = briefing.stories[main]
        headline, lines = story.headline, shown_lines(story)
    capped = lines[:MAX_LINES]
    conveyed = facts_conveyed([headline, *capped], facts)

    members = [by_file[m] for m in judged["members"] if m in by_file]
    titles = [a.title for a in members]
    firsts = [[s.text for s in article_sentences(a, limit=3)] for a in members]
    title_ledes = [gives_top_fact(t, facts) for t in titles]
    first_ledes = [bool(f) and gives_top_fact(f[0], facts) for f in firsts]

    if verbose:
        print(f"\n== {key}: {judged['what_happened']}")
        for i, fact in enumerate(facts):
            print(f"   fact {i + 1}{' (top)' if i < TOP else ''}: {fact['text'][:110]}")
        print(f"   whole {whole}; members in briefing stories {member_places}; outsiders {outsider_places}")
        print(f"   HEADLINE [{', '.join(str(i + 1) for i in sorted(facts_conveyed([headline], facts)))}] {headline}")
        for n, line in enumerate(lines):
            mark = ", ".join(str(i + 1) for i in sorted(facts_conveyed([line], facts)))
            print(f"   {'line' if n < MAX_LINES else 'CUT '} [{mark}] {line[:170]}")
    return Reading(
        key=key,
        whole=whole,
        outsiders_kept=outsiders_kept,
        lede=bool(capped) and gives_top_fact(capped[0], facts),
        headline=gives_top_fact(headline, facts),
        facts=len(conveyed),
        n_facts=len(facts),
        lines=len(lines),
        over_cap=len(lines) > MAX_LINES,
        headline_anchor_lede=sum(title_ledes) / max(len(title_ledes), 1),
        headline_anchor_lede_any=any(title_ledes),
        headline_anchor_facts=len(facts_conveyed(titles, facts)),
        three_anchor_lede=sum(first_ledes) / max(len(first_ledes), 1),
        three_anchor_lede_any=any(first_ledes),
        three_anchor_facts=len(facts_conveyed([s for f in firsts for s in f], facts)),
    )


def pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "-"


def summary(name: str, readings: list[Reading]) -> None:
    n = len(readings)
    n_facts = sum(r.n_facts for r in readings)
    print(f"\n{name}: {n} stories, {n_facts} key facts")
    print(f"  briefgen: whole {sum(r.whole for r in readings)}/{n} ({pct(sum(r.whole for r in readings), n)}); "
          f"outsiders kept {sum(r.outsiders_kept for r in readings)}; "
          f"lede gives a top fact {sum(r.lede for r in readings)}/{n} ({pct(sum(r.lede for r in readings), n)}); "
          f"headline {sum(r.headline for r in readings)}/{n} ({pct(sum(r.headline for r in readings), n)}); "
          f"key facts {sum(r.facts for r in readings)}/{n_facts} ({pct(sum(r.facts for r in readings), n_facts)}) "
          f"with at most {MAX_LINES} lines a story (stories showing more: {sum(r.over_cap for r in readings)}; "
          f"lines shown {sum(min(r.lines, MAX_LINES) for r in readings)})")
    hl = sum(r.headline_anchor_lede for r in readings)
    print(f"  anchor, each member's headline: lede {hl:.1f}/{n} ({pct(hl, n)}; any member "
          f"{sum(r.headline_anchor_lede_any for r in readings)}/{n}); "
          f"key facts {sum(r.headline_anchor_facts for r in readings)}/{n_facts} "
          f"({pct(sum(r.headline_anchor_facts for r in readings), n_facts)})")
    tl = sum(r.three_anchor_lede for r in readings)
    print(f"  anchor, each member's first three sentences: lede {tl:.1f}/{n} ({pct(tl, n)}; any member "
          f"{sum(r.three_anchor_lede_any for r in readings)}/{n}); "
          f"key facts {sum(r.three_anchor_facts for r in readings)}/{n_facts} "
          f"({pct(sum(r.three_anchor_facts for r in readings), n_facts)})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--verbose", action="store_true", help="print each story's headline and lines")
    parser.add_argument("--show-single-source", action="store_true", help="the briefing lists one outlet's own claims too")
    args = parser.parse_args()
    judged = json.loads((args.shared / "data/key-facts/real-day.json").read_text())
    with real_day_inputs(args.shared) as inputs:
        briefing = build_briefing(inputs, BriefingConfig(show_single_source=args.show_single_source))
    by_file = {Path(a.path).name: a for a in briefing.articles}
    readings = [read_story(key, story, briefing, by_file, args.verbose) for key, story in judged.items()]
    summary("all judged stories", readings)
    summary("tune half (even positions)", readings[0::2])
    summary("held-out half (odd positions)", readings[1::2])
    for r in readings:
        print(f"  {r.key}: whole {r.whole}, outsiders {r.outsiders_kept}, lede {r.lede}, headline {r.headline}, "
              f"facts {r.facts}/{r.n_facts}, lines {r.lines}")


if __name__ == "__main__":
    main()
