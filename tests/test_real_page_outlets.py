"""Outlet names and headlines on the 120 real pages of the shared extraction benchmark.

Each page is read as HTML with the batch's pass over outlet names, as a briefing reads it: no outlet
may appear under two names, and no name or headline may carry a tagline, a handle or a site suffix.
The pages live outside the repository (`../shared/data/extraction`, beside the checkout): without
them the test is skipped.
"""

from __future__ import annotations

import gzip
import re
from collections import defaultdict
from pathlib import Path

import pytest

from briefgen.ingest import read_paths
from briefgen.provenance import OutletRegistry, domain_of
from briefgen.provenance.sites import compact, one_outlet_per_site, registrable_domain

PAGES = Path(__file__).resolve().parents[2] / "shared" / "data" / "extraction" / "html"

# The pages the names were wrong on, and the outlet each is now read as.
NAMED = {
    "3f65af": "NJ.com",  # was "Nj"
    "35b158": "Cleveland.com",  # was "Cleveland"
    "1f765c": "Sputnik",  # was "SputnikInt"
    "3c6d33": "wday.ru",  # was "Wday_"
    "11ea38": "Autoracing",  # was "Autoracing | F1 | Indy | MotoGP | StockCar"
    "cc03dd": "Autoracing",
    "34a732": "LinkNaija",  # was "LinkNaija | Nigeria's popular news platform"
    "20b2b6": "Remember 80/90",  # was "Remember 80/90 - Memorabilia anni 80/90"
    "33fe24": "Inexhibit magazine",  # one outlet, two spellings: "Inexhibitmagazine" on the other page
    "94fbcc": "Inexhibit magazine",
}


@pytest.fixture(scope="module")
def real_pages(tmp_path_factory):
    if not PAGES.is_dir():
        pytest.skip(f"the shared pages are not beside the checkout ({PAGES})")
    folder = tmp_path_factory.mktemp("pages")
    for gz in sorted(PAGES.glob("*.html.gz")):
        (folder / gz.name.removesuffix(".gz")).write_bytes(gzip.decompress(gz.read_bytes()))
    articles, _ = read_paths([folder], OutletRegistry.load())
    return {Path(a.path).name[:6]: a for a in one_outlet_per_site(articles)}


def test_the_pages_named_wrongly_before_have_their_sites_names(real_pages):
    assert {page: real_pages[page].outlet for page in NAMED} == NAMED


def test_no_outlet_appears_under_two_names(real_pages):
    names_of_site: dict[str, set[str]] = defaultdict(set)
    names_of_letters: dict[str, set[str]] = defaultdict(set)
    for article in real_pages.values():
        if article.outlet and article.host is None and article.url:
            names_of_site[registrable_domain(domain_of(article.url))].add(article.outlet)
        if article.outlet:
            names_of_letters[compact(article.outlet)].add(article.outlet)
    assert {site: names for site, names in names_of_site.items() if len(names) > 1} == {}
    assert {key: names for key, names in names_of_letters.items() if len(names) > 1} == {}


def test_no_outlet_name_is_a_tagline_or_a_handle(real_pages):
    bad = sorted(
        a.outlet
        for a in real_pages.values()
        if a.outlet and (re.search(r"\s[|–—-]\s|\|", a.outlet) or "_" in a.outlet or a.outlet.startswith("@"))
    )
    assert bad == []


def test_no_headline_ends_or_starts_with_its_sites_name(real_pages):
    suffixed = []
    for a in real_pages.values():
        site = a.host or a.outlet
        label = (registrable_domain(domain_of(a.url)) or "").split(".")[0]
        for part in re.split(r"\s+[|–—-]\s+|\s*\|\s*", a.title)[1:] + re.split(r"\s+[|–—-]\s+|\s*\|\s*", a.title)[:-1]:
            if compact(part) in {compact(site or ""), label} - {""} or compact(part).removesuffix("com") == label:
                suffixed.append(a.title)
    assert suffixed == []
