"""How many of the briefing's citations does the cited article's own text bear out?

Runs `briefgen.consensus.verify.check_citations` (an independent, stricter test than the matcher's: the cited
article holds a sentence with most of the cited sentence's plain words, and its names and numbers)
on briefings of real clusters, and prints each citation that fails with the closest sentence, for a
person to judge.

Sets: the seeds; and the full-text mix of bench/cluster.py (the 5 seeds, the 120 real pages of
../shared/data/extraction/, 40 re-posts with other junk), whose multi-outlet stories are real
clusters of the same event (see bench/data/extraction_stories.json).

Then the judged score of the real day (seeds + 120 pages): every citation of an outlet for a shown
line quoted from another outlet's article is looked up in the judged claim–article pairs
(../shared/data/citations/pairs.jsonl and bench/data/citations-extra.jsonl): how many are SUPPORTED,
PARTIAL, UNSUPPORTED, or not judged yet (printed, to be judged by reading the article); how many of
the judged SUPPORTED pairs of the shown lines are cited (recall); shown lines that fail the
stand-alone rules (briefgen.editor.fitness.stands_alone_fault); multi-outlet stories without a shared line;
and the disagreements the briefing shows.

Usage: python bench/citations.py [--shared ../shared] [--judged-only] [--half tune|held-out]
"""

from __future__ import annotations

import argparse
import re
from dataclasses import replace
from pathlib import Path

import json

from real_day import real_day_inputs

from briefgen import BriefingConfig, build_briefing
from briefgen.editor.fitness import stands_alone_fault
from briefgen.consensus.verify import check_citations

REPO = Path(__file__).resolve().parent.parent


def report(name: str, paths: list[Path]) -> None:
    briefing = build_briefing(paths, BriefingConfig())
    checks = check_citations(briefing)
    multi = sum(1 for s in briefing.stories if s.sentences)
    ok = sum(c.verified for c in checks)
    print(f"{name}: {multi} stories with a summary, {len(checks)} citations, {ok} verified "
          f"({100 * ok / max(len(checks), 1):.1f} %)")
    for c in checks:
        if not c.verified:
            print(f"  NOT VERIFIED ({c.outlet}; words {c.words_found:.2f}, names {c.names_found:.2f}): {c.sentence[:100]}")
            print(f"    closest: {c.closest[:100]}")


# A plainer second opinion on the stand-alone rules, written apart from briefgen.editor.fitness (not the same
# code run twice): flags for a person to read, deliberately broad.
_PLAIN_FLAGS = {
    "question": re.compile(r"\?[\"'”’)]*$"),
    "first person": re.compile(r"(?:^|\s)(?:I|my|My|we|We|our|Our|I'm|I’m|I've|I’ve)\s"),
    "sales copy": re.compile(r"\b(?:deals?|discount|coupon|promo|lowest price|all-time low|\d+% off|\$\d[\d,.]* off|on sale)\b", re.I),
    "dangling reference": re.compile(
        r"^(?:The (?:report|study|company|firm|agency|statement)\b|Both |Neither |It |They |This |These |Then )|\bthen\b|\bit\.$"
    ),
}


def plain_flags(text: str) -> list[str]:
    outside = re.sub(r'"[^"]*"|“[^”]*”', " ", text)
    flags = [name for name, pattern in _PLAIN_FLAGS.items() if pattern.search(outside if name != "question" else text)]
    if text.count("“") != text.count("”") or text.count('"') % 2:
        flags.append("unclosed quote")
    return flags


def load_judged(shared: Path) -> dict[tuple[str, str], dict]:
    """(line, article file) → the judged pair."""
    files = [shared / "data/citations/pairs.jsonl", REPO / "bench/data/citations-extra.jsonl"]
    judged = {}
    for path in files:
        if path.exists():
            for line in path.open():
                if line.strip():
                    pair = json.loads(line)
                    judged[(pair["claim"], pair["article_file"])] = pair
    return judged


def judged_report(paths: list[Path], shared: Path, half: str | None = None) -> None:
    briefing = build_briefing(paths, BriefingConfig())
    if half:  # only stories with a page whose id starts 0-7 (looked at while tuning) or 8-f
        keep = "01234567" if half == "tune" else "89abcdef"
        paths_of = {a.id: Path(a.path).name for a in briefing.articles}
        briefing = replace(briefing, stories=tuple(
            s for s in briefing.stories
            if any(paths_of[i].endswith(".html") and paths_of[i][0] in keep for i in s.story.article_ids)
        ))
    judged = load_judged(shared)
    files = {a.id: Path(a.path).name for a in briefing.articles}
    verdicts: dict[str, int] = {"SUPPORTED": 0, "PARTIAL": 0, "UNSUPPORTED": 0, "not judged": 0}
    shown_pairs = supported_cited = 0
    faults, unjudged, wrong, second = [], [], [], []
    multi = [s for s in briefing.stories if len(s.outlets) > 1]
    for story in briefing.stories:
        for line in story.sentences + story.by_outlet + story.single_source:
            fault = stands_alone_fault(line.text)
            if fault:
                faults.append((fault, line.text))
            for flag in plain_flags(line.text):
                second.append((flag, line.text))
        for line in story.sentences:
            quoted = files[line.article_id]
            cited = {files[c.article] for c in line.sources}
            for name in sorted(cited - {quoted}):
                pair = judged.get((line.text, name))
                verdict = pair["verdict"] if pair else "not judged"
                verdicts[verdict] += 1
                if pair is None:
                    unjudged.append((line.text, name, story.headline))
                elif verdict != "SUPPORTED":
                    wrong.append((verdict, line.text, pair["outlet"], pair["evidence"]))
            for (claim, name), pair in judged.items():
                if claim == line.text and name != quoted and pair["verdict"] == "SUPPORTED":
                    shown_pairs += 1
                    supported_cited += name in cited
    total = sum(verdicts.values())
    judged_total = total - verdicts["not judged"]
    print(f"\nreal day, judged: {total} cross-outlet citations; " + ", ".join(f"{k} {v}" for k, v in verdicts.items()))
    if judged_total:
        print(f"  SUPPORTED {100 * verdicts['SUPPORTED'] / judged_total:.1f} % of the judged ones")
    print(f"  judged SUPPORTED pairs of shown lines cited: {supported_cited} of {shown_pairs}"
          + (f" ({100 * supported_cited / shown_pairs:.0f} %)" if shown_pairs else ""))
    print(f"  shown lines failing the stand-alone rules: {len(faults)}")
    print(f"  multi-outlet stories {len(multi)}; without a shared line {sum(1 for s in multi if not s.sentences)}")
    print(f"  shown lines a plainer second check flags (to read by hand): {len(second)}")
    for fault, text in faults:
        print(f"  STANDS NOT ALONE ({fault}): {text[:120]}")
    for flag, text in second:
        print(f"  SECOND CHECK FLAGS ({flag}): {text[:140]}")
    for verdict, text, outlet, evidence in wrong:
        print(f"  {verdict} ({outlet}): {text[:100]}\n    evidence: {evidence[:140]}")
    for text, name, headline in unjudged:
        print(f"  NOT JUDGED: [{headline[:50]}] {name}: {text[:140]}")
    for story in briefing.stories:
        for d in story.disagreements:
            sides = "; ".join(f"{c.value} ({', '.join(x.outlet for x in c.sources)})" for c in d.claims)
            print(f"  DISAGREEMENT [{story.headline[:50]}] {d.about}: {sides}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--judged-only", action="store_true", help="only the judged score of the real day")
    parser.add_argument("--half", choices=("tune", "held-out"), help="the judged score of one half of the pages")
    args = parser.parse_args()
    if not args.judged_only:
        report("seeds", [REPO / "examples/articles"])
    with real_day_inputs(args.shared) as inputs:
        if not args.judged_only:
            report("seeds + 120 real pages", inputs)
        judged_report(inputs, args.shared, args.half)


if __name__ == "__main__":
    main()
