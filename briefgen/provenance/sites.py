"""A site's identity: its registrable domain and its own name cleaned.

Independence is counted by outlet, so one site must never appear under two names. Pages name their
site in many ways — "LinkNaija | Nigeria's popular news platform" (a tagline after the name),
"SputnikInt" or "Wday_" (a social-media handle), "Nj" (the domain's first label, capitalised, where
the page gave no name). Here a
site name is cleaned, a domain reduced to the part a registrant owns (via the public-suffix list,
bundled with tldextract: never fetched), and, across a batch, every spelling of one site (the same
registrable domain, or the same letters: "Inexhibit magazine" and "Inexhibitmagazine") given one name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

import tldextract

from ..model import Article
from .registry import OutletRegistry, domain_of

# " | ", " - ", " – ", " — ", " :: ", " · ": what separates a site's name from a tagline or a headline.
_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|·|»)\s+|\s*\|\s*")


@lru_cache(maxsize=1)
def _extractor() -> tldextract.TLDExtract:
    # suffix_list_urls=() and no cache: the public-suffix snapshot inside the package, never a download.
    # Private suffixes too: each blog of a blog host ("someone.blogspot.com") is a site of its own.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)


@lru_cache(maxsize=4096)
def registrable_domain(host: str | None) -> str | None:
    """"news.sky.com" → "sky.com", "www.bbc.co.uk" → "bbc.co.uk"; an IP address or a bare name as is."""
    if not host:
        return None
    parts = _extractor()(host.lower().removeprefix("www."))
    if parts.domain and parts.suffix:
        return f"{parts.domain}.{parts.suffix}"
    return host.lower().removeprefix("www.")


def compact(name: str) -> str:
    """A name's letters and digits only, lower case, without a leading "the": its spelling-free key."""
    return re.sub(r"[\W_]+", "", name.casefold()).removeprefix("the")


def _domain_keys(domain: str | None) -> set[str]:
    """The spellings of a domain a site name may be: each label ("sputniknews"), the registrable
    domain with its suffix ("macrumorscom")."""
    if not domain:
        return set()
    labels = [label for label in domain.split(".") if label]
    keys = {compact(label) for label in labels[:-1]}
    registrable = registrable_domain(domain)
    if registrable:
        keys.add(compact(registrable))
        keys.add(compact(registrable.split(".")[0]))
    return keys - {""}


def names_site(name: str, domain: str | None) -> bool:
    """True when `name` is the domain spelled as words ("HawaiiNewsNow", "MacRumors.com")."""
    return compact(name) in _domain_keys(domain)


def _is_handle(name: str, domain: str | None) -> bool:
    """A social-media handle rather than a name: one word with an underscore or "@", or run together
    in mixed case ("SputnikInt") without being the domain's own spelling."""
    if " " in name:
        return False
    if "_" in name or name.startswith("@"):
        return True
    return not names_site(name, domain) and bool(re.search(r"[a-z][A-Z][a-z]", name))


def _is_domain_label(name: str, domain: str | None) -> bool:
    """"Nj" for nj.com, "Cleveland" for cleveland.com: the domain's first label, capitalised — what
    is left when a page names no site, and too bare to say which outlet it is."""
    if not domain:
        return False
    label = (registrable_domain(domain) or domain).split(".")[0]
    return len(label) <= 3 and name in (label.capitalize(), label.lower())


def clean_site_name(raw: str | None, domain: str | None, registry: OutletRegistry) -> str | None:
    """The outlet a site is, from its own name as the page gives it and its domain.

    The registry's name for the domain first; then the page's name without its tagline; a handle or
    a bare domain label gives way to the domain ("wday.ru"). Without any name, the registrable domain.
    """
    known = registry.from_url(f"https://{domain}/") if domain else None
    if known:
        return known
    registrable = registrable_domain(domain)
    name = " ".join((raw or "").split()).strip(" .,;:-—–|")
    if re.match(r"(?i)^(?:https?://|www\.)", name):  # a site "named" by its address
        name = registrable_domain(domain_of(name if "//" in name else "https://" + name)) or ""
        known = registry.from_url(f"https://{name}/") if name else None
        return known or name or registrable
    if not name:
        return registrable
    parts = [p.strip() for p in _SEPARATOR.split(name) if p.strip()]
    if len(parts) > 1:
        naming = [p for p in parts if names_site(p, domain)]
        name = naming[0] if naming else parts[0]
    known = registry.canonical(name)
    if known:
        return known
    if registrable and (_is_handle(name, domain) or _is_domain_label(name, domain)):
        return registrable
    return registry.normalise(name)


SiteFact = tuple[str | None, str | None, str | None, str | None]  # outlet, own domain, author, host


def one_outlet_per_site(articles: list[Article]) -> list[Article]:
    """The batch's outlets made consistent: a byline naming an outlet the batch knows credits it, and
    every spelling of one outlet gets one name (`outlet_renames` over the whole batch)."""
    return apply_renames(articles, outlet_renames(site_facts(articles)))


def site_facts(articles: Iterable[Article]) -> list[SiteFact]:
    """What `outlet_renames` needs of each article (one partition's share, in a distributed run)."""
    return [(a.outlet, _site_identity(a.url) if a.host is None else None, a.author, a.host) for a in articles]


def _site_identity(url: str | None) -> str | None:
    """The registrable domain that makes two pages one site; none for an address without a public
    suffix (an IP address, localhost, an intranet name), which may serve anyone's pages."""
    host = domain_of(url)
    if not host:
        return None
    parts = _extractor()(host)
    return f"{parts.domain}.{parts.suffix}" if parts.domain and parts.suffix else None


def outlet_renames(facts: Iterable[SiteFact]) -> tuple[dict[str, str], dict[str, str]]:
    """({author: outlet} for bylines naming an outlet of the batch, {name: name kept} for spellings).

    A site's own articles tell the batch which outlets exist; a copy elsewhere whose byline is one of
    them ("By SlashGear" on a re-posting site) is that outlet's. Two names are one outlet when a site
    gives both (one registrable domain: "Inexhibit magazine" and "Inexhibitmagazine" on
    inexhibit.com) or when they are spelled with the same letters. The name kept is the one most
    articles use, then the one with most words (spaced, not run together), then the first in order."""
    facts = list(facts)
    own_outlets = {compact(o): o for o, _, _, host in sorted(facts, key=lambda f: str(f)) if o and host is None}
    bylines: dict[str, str] = {}
    for outlet, _, author, host in facts:
        key = compact(author or "")
        if author and host is None and len(key) >= 3 and key in own_outlets and compact(outlet or "") != key:
            bylines[author] = own_outlets[key]
    pairs: list[tuple[str, str | None]] = []
    for outlet, domain, author, _ in facts:
        name = bylines.get(author, outlet) if author else outlet
        if name:
            pairs.append((name, domain if author not in bylines else None))
    return bylines, name_groups(pairs)


def apply_renames(articles: list[Article], renames: tuple[dict[str, str], dict[str, str]]) -> list[Article]:
    bylines, spellings = renames
    if not bylines and not spellings:
        return articles
    out = []
    for a in articles:
        if a.host is None and a.author in bylines:
            a = replace(a, outlet=bylines[a.author], host=domain_of(a.url) or a.outlet)
        if a.outlet in spellings:
            a = replace(a, outlet=spellings[a.outlet])
        out.append(a)
    return out


def name_groups(pairs: Iterable[tuple[str, str | None]]) -> dict[str, str]:
    """{name: the name kept} for every name that has another spelling in the batch."""
    uses: Counter[str] = Counter()
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_key: dict[str, str] = {}
    for name, domain in pairs:
        uses[name] += 1
        root(name)
        for key in (f"name:{compact(name)}", f"site:{domain}" if domain else None):
            if key is None or key == "name:":
                continue
            if key in by_key:
                a, b = root(by_key[key]), root(name)
                if a != b:
                    parent[max(a, b)] = min(a, b)
            else:
                by_key[key] = name
    groups: dict[str, list[str]] = {}
    for name in uses:
        groups.setdefault(root(name), []).append(name)
    chosen: dict[str, str] = {}
    for names in groups.values():
        if len(names) < 2:
            continue
        keep = min(names, key=lambda n: (-uses[n], -len(n.split()), n))
        chosen.update({n: keep for n in names if n != keep})
    return chosen
