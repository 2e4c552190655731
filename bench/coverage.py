"""What briefgen can say about who covers what, on 120 real pages it was not written for.

Data: ../shared/data/extraction/ (article-extraction-benchmark, MIT): gzip HTML pages and
ground-truth.json `{id: {"articleBody", "url"}}`. Pages whose id starts with 0–7 and 8–f are counted
apart: the registry's facts and the country-code rule were looked at on the first half only.

Per page (briefgen's HTML reader, as a briefing reads it):
- kind: the outlet the page is credited to is in the registry (kind known), is named but unknown to
  it, or is not found at all (both "unknown" in coverage);
- country: from the registry, from a country-code domain (the page's URL), or unknown;
- the country-code rule checked: on pages whose outlet the registry places in a country and whose URL
  is under a country-code domain, how often the domain names the same country.
Per briefing (all 120 pages): stories, stories with 2+ outlets, blind spots by kind and by country,
and the coverage stage's time (fastest of 3) against the whole build.

Usage: python bench/coverage.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import gzip
import json
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

from briefgen import BriefingConfig, build_briefing
from briefgen.consensus.coverage import describe_coverage
from briefgen.ingest.decode import ArticleError
from briefgen.ingest.html import read_html
from briefgen.provenance import OutletRegistry, country_of_domain, domain_of

HALVES = (("ids 0-7", "01234567"), ("ids 8-f", "89abcdef"))


def page_facts(data: Path, gold: dict, registry: OutletRegistry) -> dict[str, Counter]:
    counts = {name: Counter() for name, _ in HALVES}
    for page_id in sorted(gold):
        half = next(name for name, first in HALVES if page_id[0] in first)
        c = counts[half]
        html = gzip.decompress((data / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8", "replace")
        try:
            article = read_html(page_id, html, registry)
        except ArticleError:
            article = None
        c["pages"] += 1
        outlet = article.outlet if article else None
        known = bool(outlet and registry.canonical(outlet))
        c["kind known" if known else "outlet named, not in registry" if outlet else "no outlet"] += 1
        domain = domain_of(gold[page_id].get("url") or (article.url if article else None))
        registry_country = registry.attribute(outlet, "country") if outlet else None
        domain_country = country_of_domain(domain)
        c["country from registry" if registry_country else "country from domain" if domain_country else "country unknown"] += 1
        if registry_country and domain_country:
            c["ccTLD checked"] += 1
            c["ccTLD agrees"] += registry_country == domain_country
    return counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    args = parser.parse_args()
    data = args.shared / "data/extraction"
    gold = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    registry = OutletRegistry.load()

    print(f"{len(gold)} real pages ({data})")
    for half, c in page_facts(data, gold, registry).items():
        print(f"{half}: {c['pages']} pages; kind known {c['kind known']}, outlet named but not in the registry "
              f"{c['outlet named, not in registry']}, no outlet {c['no outlet']}; country from the registry "
              f"{c['country from registry']}, from a country-code domain {c['country from domain']}, unknown "
              f"{c['country unknown']}; country-code domain agrees with the registry {c['ccTLD agrees']}/{c['ccTLD checked']}")

    with tempfile.TemporaryDirectory() as tmp:
        for page_id in gold:
            (Path(tmp) / f"{page_id}.html").write_bytes(gzip.decompress((data / "html" / f"{page_id}.html.gz").read_bytes()))
        start = time.perf_counter()
        briefing = build_briefing([tmp], BriefingConfig(), on=date(2019, 11, 20))
        build_seconds = time.perf_counter() - start
    multi = [s for s in briefing.stories if len(s.coverage.outlets) >= 2]
    print(f"briefing: {len(briefing.stories)} stories, {len(multi)} with 2+ outlets; build {build_seconds:.1f} s")
    for key in ("kind", "country"):
        timings = []
        for _ in range(3):
            start = time.perf_counter()
            described = describe_coverage(briefing, registry, key)
            timings.append(time.perf_counter() - start)
        spots = described.blindspots
        print(f"blind spots by {key}: {len(spots)} — " + "; ".join(f"{b.value} only: {', '.join(b.outlets)}" for b in spots))
        print(f"coverage stage by {key}: {min(timings) * 1000:.1f} ms (fastest of 3)")
    kinds = Counter(dict(a)["kind"] for _, a in briefing.outlet_attributes)
    print("outlets in the briefing by kind: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))


if __name__ == "__main__":
    main()
