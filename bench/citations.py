"""How many of the briefing's citations does the cited article's own text bear out?

Runs `briefgen.verify.check_citations` (an independent, stricter test than the matcher's: the cited
article holds a sentence with most of the cited sentence's plain words, and its names and numbers)
on briefings of real clusters, and prints each citation that fails with the closest sentence, for a
person to judge.

Sets: the seeds; and the full-text mix of bench/cluster.py (the 5 seeds, the 120 real pages of
../shared/data/extraction/, 40 re-posts with other junk), whose multi-outlet stories are real
clusters of the same event (see bench/data/extraction_stories.json).

Usage: python bench/citations.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import gzip
import tempfile
from pathlib import Path

from briefgen import BriefingConfig, build_briefing
from briefgen.verify import check_citations

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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    report("seeds", [REPO / "examples/articles"])
    with tempfile.TemporaryDirectory() as tmp:
        pages = Path(tmp) / "pages"
        pages.mkdir()
        for gz in sorted((args.shared / "data/extraction/html").glob("*.html.gz")):
            (pages / gz.name.removesuffix(".gz")).write_bytes(gzip.decompress(gz.read_bytes()))
        report("seeds + 120 real pages", [REPO / "examples/articles", pages])


if __name__ == "__main__":
    main()
