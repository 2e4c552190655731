"""The outlet names briefgen's HTML reader gives real pages, and those that are no outlet's name.

Pages: the 120 of ../shared/data/extraction/ and the news pages (set `eval_mediacloud_2020`) of
../shared/data/dates/. Each page is read as an HTML file (`briefgen.ingest.html.read_html`) and its
outlet (and host, for a credited copy) checked for what a name must not be:
- a tagline: the name runs on after a separator ("LinkNaija | Nigeria's popular news platform");
- a section label: only section words ("Economia", "World News");
- a headline: the page's own title, or a name of more than eight words;
- a call to read on: "Read the original article", "Read more", "Continue reading";
- an address or a handle where the page gives a name: "https://…", "@Site";
- a year, a place, a language, a slogan or a photo's credit ("2014", "West Michigan", "German",
  "Your Trusted Source", "Getty Images"), unless the registry knows an outlet by that name.
Every page's name is listed with `--list`, for reading by eye.

Usage: python bench/outlet_names.py [--shared ../shared] [--list]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from pathlib import Path

from briefgen.ingest.decode import ArticleError
from briefgen.ingest.html import read_html
from briefgen.provenance import OutletRegistry
from briefgen.provenance.name_kinds import is_image_credit, is_language, is_place, is_slogan, is_years
from briefgen.provenance.sites import compact
from briefgen.provenance.titles import is_section_label, without_read_on


def problem(name: str, title: str, registry: OutletRegistry | None = None) -> str | None:
    """What is wrong with `name` as an outlet's name, or None."""
    if re.search(r"\s[|–—·»:]\s|\s-\s|\|", name):
        return "tagline"
    if is_section_label(name):
        return "section label"
    if len(re.findall(r"\w+", name)) > 8 or (len(name.split()) >= 3 and compact(name) == compact(title)):
        return "headline"
    if without_read_on(name) != name:
        return "read on"
    if re.match(r"(?i)(?:https?://|www\.|@)", name):
        return "address or handle"
    if registry is not None and registry.canonical(name):
        return None
    for kind, test in (("year", is_years), ("place", is_place), ("language", is_language), ("slogan", is_slogan), ("photo credit", is_image_credit)):
        if test(name):
            return kind
    return None


def pages(shared: Path) -> list[tuple[str, str]]:
    found = []
    extraction = shared / "data/extraction/html"
    for path in sorted(extraction.glob("*.html.gz")):
        found.append((f"extraction/{path.name[:6]}", gzip.decompress(path.read_bytes()).decode("utf-8", "replace")))
    dates = shared / "data/dates"
    for case in json.loads((dates / "cases.json").read_text(encoding="utf-8")):
        if case["set"] == "eval_mediacloud_2020":
            raw = gzip.decompress((dates / "html" / f"{case['file']}.gz").read_bytes())
            found.append((f"dates/{case['file']}", raw.decode("utf-8", "replace")))
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--list", action="store_true", help="list every page's outlet and host")
    args = parser.parse_args()
    registry = OutletRegistry.load()
    bad, named, read = [], 0, 0
    for page, html in pages(args.shared):
        try:
            article = read_html(page, html, registry)
        except ArticleError:
            continue
        read += 1
        named += bool(article.outlet)
        for role, name in (("outlet", article.outlet), ("host", article.host)):
            why = problem(name, article.title, registry) if name else None
            if why:
                bad.append((page, role, name, why))
        if args.list:
            print(f"{page:22} {article.outlet!s:40} {article.host or '':30} {article.title[:60]}")
    print(f"{read} pages read, {named} with an outlet; names that are no outlet's name: {len(bad)}")
    for page, role, name, why in bad:
        print(f"  {page:22} {role:6} {why:18} {name}")


if __name__ == "__main__":
    main()
