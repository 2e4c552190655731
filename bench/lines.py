"""What a reader sees on a real news day: stories left without a line, and lines that are no sentence.

Builds the briefing of the seeds plus the 120 real pages of ../shared/data/extraction/ (each page
as its HTML file, as bench/citations.py does) and counts:

- stories covered by two or more independent outlets, and how many of them show no line at all
  (no shared fact and no per-outlet lead);
- summary lines (shared facts, per-outlet leads, single-source claims) that a plain check, written
  apart from briefgen.editor.fitness, flags as a list item or a fragment: a bullet or a date-and-dash
  opening, no full stop at the end, a lower-case or punctuation start, or a quotation closed that
  the line did not open;
- first lines that open on a pronoun or connective ("He said…").

Every line is printed with its story's headline, for a person to read; `--half tune|held-out` keeps
only the pages whose id starts 0-7 (looked at while tuning) or 8-f (not looked at).

Then the judged score: every line shown in a multi-outlet story (shared facts, per-outlet leads,
one outlet's own claims when shown) looked up in the lines judged by reading
(../shared/data/lines/judged.json and bench/data/lines-extra.json): how many are OK, DANGLING,
NOT_NEWS, SALES, OPINION, GARBLED, and the lines not judged yet (printed, to be judged by reading
them under their story's headline with the article open).

Usage: python bench/lines.py [--shared ../shared] [--half tune|held-out]
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from real_day import real_day_inputs

from briefgen import BriefingConfig, build_briefing
from briefgen.consensus.verify import check_citations

REPO = Path(__file__).resolve().parent.parent

# Deliberately plainer than briefgen.editor.fitness (a second opinion, not the same code run twice).
_LIST_OR_SCHEDULE = re.compile(r"^\s*(?:[-–—*•·]\s|\d{1,2}[.)]\s|[A-Z][a-z]{2,8}\.? \d{1,2}\s*(?:--|[–—:-])\s)")
_ENDS = re.compile(r"[.!?…][\"'”’)\]]*$")
_PRONOUN_OPENING = re.compile(r"^[\"“‘']?(?:He|She|It|They|His|Her|Its|Their|This|These|Those|But|And)\b")


def flag(text: str) -> str | None:
    t = text.strip()
    if _LIST_OR_SCHEDULE.match(t):
        return "list item"
    if not _ENDS.search(t):
        return "fragment (no full stop)"
    if t[0].islower() or t[0] in ",;:)]":
        return "fragment (starts mid-sentence)"
    if t.count("”") > t.count("“") and '"' not in t:
        return "fragment (closes a quote it did not open)"
    return None


def report(paths: list[Path], half: str | None, shared: Path) -> None:
    briefing = build_briefing(paths, BriefingConfig())
    articles = {a.id: a for a in briefing.articles}
    multi = [s for s in briefing.stories if len(s.outlets) > 1]
    if half:
        def in_half(path: str) -> bool:
            name = Path(path).name
            return name[:1] in ("01234567" if half == "tune" else "89abcdef") and name.endswith(".html")
        multi = [s for s in multi if any(in_half(articles[i].path) for i in s.story.article_ids)]
    empty = [s for s in multi if not s.sentences and not s.by_outlet]
    lines = [(s, kind, x) for s in multi for kind, xs in (("fact", s.sentences), ("lead", s.by_outlet), ("single", s.single_source)) for x in xs]
    flagged = [(s, kind, x, flag(x.text)) for s, kind, x in lines if flag(x.text)]
    dangling = [s for s in multi if (s.sentences or s.by_outlet) and _PRONOUN_OPENING.match((s.sentences or s.by_outlet)[0].text)]
    checks = check_citations(briefing)
    print(f"stories {len(briefing.stories)}; multi-outlet {len(multi)}; without a line {len(empty)}; "
          f"with shared facts {sum(1 for s in multi if s.sentences)}; with per-outlet leads {sum(1 for s in multi if s.by_outlet)}")
    print(f"lines {len(lines)}; flagged list item / fragment {len(flagged)}; first line on a pronoun {len(dangling)}")
    print(f"citations {len(checks)}; verified {sum(c.verified for c in checks)}")
    for s in multi:
        print(f"\n== {s.headline}  [{', '.join(s.outlets)}]")
        for kind, xs in (("fact", s.sentences), ("lead", s.by_outlet)):
            for x in xs:
                mark = flag(x.text)
                label = f"{x.support}" if kind == "fact" else f"{x.sources[0].outlet} only"
                print(f"   {'!! ' + mark + ' ' if mark else ''}({label}) {x.text[:160]}")
    for s in empty:
        print(f"EMPTY: {s.headline}")
    judged_score(multi, articles, shared)


def load_judged_lines(shared: Path) -> dict[tuple[str, str], dict]:
    """(line, article file) → its judgement."""
    judged = {}
    for path in (shared / "data/lines/judged.json", REPO / "bench/data/lines-extra.json"):
        if path.exists():
            for row in json.loads(path.read_text()):
                judged[(row["line"], row["article_file"])] = row
    return judged


def judged_score(multi, articles, shared: Path) -> None:
    judged = load_judged_lines(shared)
    verdicts: dict[str, int] = {}
    unjudged = []
    for s in multi:
        for kind, xs in (("sentences", s.sentences), ("by_outlet", s.by_outlet), ("single_source", s.single_source)):
            for x in xs:
                row = judged.get((x.text, Path(articles[x.article_id].path).name))
                verdict = row["verdict"] if row else "not judged"
                verdicts[verdict] = verdicts.get(verdict, 0) + 1
                if row is None:
                    unjudged.append((s.headline, kind, x, Path(articles[x.article_id].path).name))
                elif verdict != "OK":
                    print(f"  {verdict}: [{s.headline[:50]}] {x.text[:140]}")
    total = sum(verdicts.values())
    done = total - verdicts.get("not judged", 0)
    print(f"\njudged lines: {total} shown in multi-outlet stories; " + ", ".join(f"{k} {v}" for k, v in sorted(verdicts.items())))
    if done:
        print(f"  OK {100 * verdicts.get('OK', 0) / done:.1f} % of the judged ones")
    for headline, kind, x, name in unjudged:
        print(f"  NOT JUDGED: [{headline[:60]}] ({kind}, {x.sources[0].outlet}, {name}) {x.text}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--half", choices=("tune", "held-out"))
    args = parser.parse_args()
    with real_day_inputs(args.shared) as inputs:
        report(inputs, args.half, args.shared)


if __name__ == "__main__":
    main()
