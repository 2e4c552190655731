"""Does each story hold only articles of that story? Judged article pairs of a real day.

Builds the briefing of the seeds plus the 120 real pages of ../shared/data/extraction/ (each page as
its HTML file, as bench/citations.py and bench/lines.py do) and scores it against
../shared/data/stories/real-day-pairs.jsonl: pairs of articles an earlier briefing of that day put in
one story, each judged by reading both articles (`same_story` true for one developing story; false
for another story on the same topic: a buying guide beside a launch, another game, another model).

Prints:
- judged same-story pairs still in one story, and judged different-story pairs still grouped;
- the same split by pages: pairs whose pages are all seeds or ids starting 0-7, and pairs with a
  page whose id starts 8-f;
- multi-outlet stories (two or more outlets), how many show no shared fact, and each one's outlets.

`--no-focus` builds the same day with `story_focus=False` (links on TF-IDF similarity alone): the
grouping before the focus check.

Usage: PYTHONPATH=. python bench/stories.py [--shared ../shared] [--no-focus]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from real_day import REAL_DAY, real_day_inputs

from briefgen import BriefingConfig, build_briefing

REPO = Path(__file__).resolve().parent.parent


def first_half(name: str) -> bool:
    """A seed, or a page whose id starts 0-7."""
    return name.endswith(".txt") or name[:1] in "01234567"


def report(paths: list[Path], pairs: list[dict], config: BriefingConfig) -> None:
    briefing = build_briefing(paths, config, on=REAL_DAY)
    articles = {a.id: a for a in briefing.articles}
    story_of = {  # the stories set apart as older than the window are stories too
        Path(articles[i].path).name: s.story.id for s in briefing.stories + briefing.earlier for i in s.story.article_ids
    }
    together = {
        (p["a"], p["b"]): story_of.get(p["a"]) is not None and story_of.get(p["a"]) == story_of.get(p["b"])
        for p in pairs
    }

    def count(same: bool, which=lambda p: True) -> str:
        chosen = [p for p in pairs if p["same_story"] is same and which(p)]
        return f"{sum(together[(p['a'], p['b'])] for p in chosen)} of {len(chosen)}"

    print(f"judged same-story pairs in one story: {count(True)}; judged different-story pairs grouped: {count(False)}")
    for label, which in (
        ("pages 0-7 and seeds", lambda p: first_half(p["a"]) and first_half(p["b"])),
        ("a page 8-f", lambda p: not (first_half(p["a"]) and first_half(p["b"]))),
    ):
        print(f"  {label}: same-story in one story {count(True, which)}; different-story grouped {count(False, which)}")
    multi = [s for s in briefing.stories if len(s.outlets) > 1]
    no_fact = sum(1 for s in multi if not s.sentences)
    no_line = sum(1 for s in multi if not s.sentences and not s.by_outlet)
    print(f"stories {len(briefing.stories)}; multi-outlet {len(multi)}; without a shared fact {no_fact}; "
          f"without any line {no_line}")
    for s in multi:
        print(f"  {len(s.sentences)} facts  {s.headline[:70]}  [{', '.join(s.outlets)}]")
    for p in pairs:
        if not p["same_story"] and together[(p["a"], p["b"])]:
            print(f"  grouped, judged different: {p['a'][:16]} {p['b'][:16]}")
        if p["same_story"] and not together[(p["a"], p["b"])]:
            print(f"  apart, judged same: {p['a'][:16]} {p['b'][:16]}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--no-focus", action="store_true", help="link on TF-IDF similarity alone")
    args = parser.parse_args()
    pairs = [json.loads(line) for line in (args.shared / "data/stories/real-day-pairs.jsonl").open(encoding="utf-8")]
    with real_day_inputs(args.shared) as inputs:
        report(inputs, pairs, BriefingConfig(story_focus=not args.no_focus))


if __name__ == "__main__":
    main()
