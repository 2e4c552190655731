"""Main-text extraction against trafilatura's own real-world tests, briefgen beside trafilatura.

Data: ../shared/data/realworld/ (trafilatura's test pages, Apache-2.0): gzip HTML pages and
cases.json `[{"url", "file", "include": [...], "exclude": [...]}]`, the strings trafilatura's test
suite says the main text must include and must not include.

Rows:
- trafilatura: `trafilatura.extract(html, include_comments=False)`;
- briefgen HTML: the body of briefgen's HTML reader (`briefgen.ingest.html.read_html`).
Both readers get the same text: each page's bytes decoded as briefgen decodes a file
(`briefgen.ingest.decode`: declared or detected charset, so a Latin-1 page reads "Überwachung",
not "�berwachung"). A must-include string counts as missed when the text does not hold it; a must-exclude string as kept
when the text holds it. Whitespace is collapsed on both sides (one reader ends a line where the other
puts a space). The command exits non-zero when briefgen misses more or keeps more than trafilatura.

Usage: PYTHONPATH=. python bench/realworld.py [--shared ../shared] [--show]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

import trafilatura

from briefgen.ingest.decode import ArticleError, decode
from briefgen.ingest.html import read_html
from briefgen.provenance import OutletRegistry

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def flat(text: str) -> str:
    return " ".join(text.split())


def misses(text: str, case: dict) -> tuple[list[str], list[str]]:
    """(must-include strings the text lacks, must-exclude strings it holds)."""
    text = flat(text)
    return [s for s in case["include"] if flat(s) not in text], [s for s in case["exclude"] if flat(s) in text]


def briefgen_text(path: str, html: str, registry: OutletRegistry) -> str:
    try:
        return read_html(path, html, registry).body
    except ArticleError:
        return ""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--show", action="store_true", help="print each string missed or kept")
    args = parser.parse_args()
    data = args.shared / "data/realworld"
    cases = json.loads((data / "cases.json").read_text(encoding="utf-8"))
    registry = OutletRegistry.load()
    readers = {
        "trafilatura": lambda path, html: trafilatura.extract(html, include_comments=False) or "",
        "briefgen HTML": lambda path, html: briefgen_text(path, html, registry),
    }
    totals = {name: [0, 0] for name in readers}
    n_include = sum(len(c["include"]) for c in cases)
    n_exclude = sum(len(c["exclude"]) for c in cases)
    for case in cases:
        html = decode(gzip.decompress((data / "html" / f"{case['file']}.gz").read_bytes()))
        for name, read in readers.items():
            missed, kept = misses(read(case["file"], html), case)
            totals[name][0] += len(missed)
            totals[name][1] += len(kept)
            if args.show:
                for s in missed:
                    print(f"{name}: {case['file']}: missed {s[:70]!r}")
                for s in kept:
                    print(f"{name}: {case['file']}: kept {s[:70]!r}")
    print(f"{len(cases)} pages, {n_include} must-include and {n_exclude} must-exclude strings ({data})")
    print(f"{'reader':16} {'includes missed':>16} {'excludes kept':>14}")
    for name, (missed, kept) in totals.items():
        print(f"{name:16} {missed:16d} {kept:14d}")
    peer_missed, peer_kept = totals["trafilatura"]
    ours_missed, ours_kept = totals["briefgen HTML"]
    holds = ours_missed <= peer_missed and ours_kept <= peer_kept
    print("briefgen misses no more and keeps no more than trafilatura:", "yes" if holds else "NO")
    sys.exit(0 if holds else 1)


if __name__ == "__main__":
    main()
