"""Who wrote an article: outlet names, their aliases and domains, and attribution from the text.

A wire story re-posted on a spam site must count as the wire's, not as one more outlet, so the
credit the text itself carries (a "(AP)" dateline, "Source: …", "originally appeared on …", an
author blurb "… reporter for CBS News") outranks the site the copy was found on.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import pycountry


def _key(name: str) -> str:
    name = re.sub(r"[^\w ]+", " ", name.casefold())
    name = re.sub(r"^the ", "", " ".join(name.split()))
    return name


# Registry keys that say how to recognise an outlet; every other key says what the outlet is.
NAMING_KEYS = ("name", "aliases", "domains")
# What an outlet is, in the order coverage lines show them; any further key is the user's own tag.
KINDS = ("wire", "national", "local", "magazine", "digital", "trade", "blog", "broadcaster")
FACT_KEYS = ("kind", "country", "owner")
UNKNOWN = "unknown"


class RegistryError(ValueError):
    """An outlets file that says something briefgen cannot use (a kind outside the vocabulary, …)."""


@dataclass(frozen=True)
class OutletRegistry:
    """Canonical outlet names, looked up by any alias or by web domain, and what each outlet is.

    `attributes` holds, per canonical name, its facts (kind, country, owner) and the user's tags as
    text; `order` is each name's place in the files (the order coverage lines list outlets in).
    """

    by_alias: dict[str, str] = field(default_factory=dict)
    by_domain: dict[str, str] = field(default_factory=dict)
    attributes: dict[str, dict[str, str]] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls, extra: Path | None = None) -> OutletRegistry:
        entries = tomllib.loads(resources.files("briefgen").joinpath("outlets.toml").read_text("utf-8"))["outlet"]
        if extra is not None:
            # the user's entries come last so they override the bundled ones
            entries = entries + tomllib.loads(Path(extra).read_text("utf-8")).get("outlet", [])
        by_alias: dict[str, str] = {}
        by_domain: dict[str, str] = {}
        attributes: dict[str, dict[str, str]] = {}
        for entry in entries:
            # An entry under a name already known (its name or an alias) is the same outlet: its
            # attributes are laid over the known ones key by key, so a user tags or corrects a
            # shipped outlet in one line without repeating its aliases and domains.
            name = by_alias.get(_key(entry["name"]), entry["name"])
            for alias in [name, *entry.get("aliases", [])]:
                by_alias[_key(alias)] = name
            for domain in entry.get("domains", []):
                by_domain[domain.lower().removeprefix("www.")] = name
            attributes.setdefault(name, {}).update(_attributes(entry))
        order = {name: i for i, name in enumerate(attributes)}
        return cls(by_alias, by_domain, attributes, order)

    def keys(self) -> tuple[str, ...]:
        """Every attribute the registry knows: the facts first, then the users' tags, sorted."""
        tags = sorted({k for a in self.attributes.values() for k in a} - set(FACT_KEYS))
        return (*FACT_KEYS, *tags)

    def attribute(self, name: str, key: str) -> str | None:
        """What the registry says `name`'s `key` is, or None when it does not say."""
        known = self.canonical(name)
        return self.attributes.get(known, {}).get(key) if known else None

    def short_name(self, name: str) -> str:
        """The name for a tight line: a wire agency goes by the initials its datelines credit ("AP",
        "AFP") when the registry lists them; every other outlet by its full name ("CBS" alone is a
        network, not its news division)."""
        known = self.canonical(name)
        if known is None or self.attributes.get(known, {}).get("kind") != "wire":
            return name
        initials = [a for a, n in self.by_alias.items() if n == known and re.fullmatch(r"[a-z]{2,5}", a)]
        shortest = min(initials, key=lambda a: (len(a), a), default=None)
        return shortest.upper() if shortest else name

    def canonical(self, name: str) -> str | None:
        """The registry's name for `name`, or None when it is not a known outlet."""
        return self.by_alias.get(_key(name))

    def normalise(self, name: str) -> str:
        """The registry's name when known; the longest known prefix ("CBS News Digital" → CBS News);
        else the name as written, tidied."""
        name = " ".join(name.split()).strip(" .,;:-—–")
        known = self.canonical(name)
        if known:
            return known
        parts = name.split()
        for n in range(len(parts) - 1, 0, -1):
            known = self.canonical(" ".join(parts[:n]))
            if known:
                return known
        return name

    def from_url(self, url: str | None) -> str | None:
        host = domain_of(url)
        while host:
            if host in self.by_domain:
                return self.by_domain[host]
            host = host.partition(".")[2] if host.count(".") > 1 else ""
        return None


def _attributes(entry: dict) -> dict[str, str]:
    """An entry's attributes as text, checked: kind from the vocabulary, country an ISO 3166 code."""
    found: dict[str, str] = {}
    for key, value in entry.items():
        if key in NAMING_KEYS:
            continue
        if isinstance(value, bool):
            text = "yes" if value else "no"
        elif isinstance(value, (str, int, float)):
            text = " ".join(str(value).split())
        else:
            raise RegistryError(f"outlet {entry['name']!r}: {key} must be a single value, not {type(value).__name__}")
        if key == "kind" and text not in KINDS:
            raise RegistryError(f"outlet {entry['name']!r}: kind {text!r} is not one of {', '.join(KINDS)}")
        if key == "country":
            text = text.upper()
            if pycountry.countries.get(alpha_2=text) is None:
                raise RegistryError(f"outlet {entry['name']!r}: country {text!r} is not an ISO 3166-1 alpha-2 code")
        if text:
            found[key] = text
    return found


# Country-code domains sold to anyone, worldwide (Google Search Central's list of generic ccTLDs,
# plus .ai, .gg): a site under them says nothing about its country.
_GENERIC_CCTLDS = frozenset(
    "ad ai as bz cc cd co dj fm gg io la me ms nu sc sr su tk tv ws".split()
)


def country_of_domain(domain: str | None) -> str | None:
    """The country a country-code domain names ("bbc.co.uk" → GB, "spiegel.de" → DE), else None."""
    if not domain:
        return None
    tld = domain.rstrip(".").rpartition(".")[2].lower()
    if len(tld) != 2 or tld in _GENERIC_CCTLDS:
        return None
    code = "GB" if tld == "uk" else tld.upper()  # .uk is the one ccTLD that is not its ISO code
    return code if pycountry.countries.get(alpha_2=code) else None


def domain_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.lower().removeprefix("www.") if host else None


def attribute(credit: Credit, site: str | None, found_on: str | None) -> tuple[str | None, str | None]:
    """(outlet, host) of a copy: the outlet that wrote it — its credit line in the text, else the site
    — and, when the credit names another outlet than the site, where the copy was found (`found_on`:
    its domain, or the site's name as the record gives it)."""
    copied = bool(credit.outlet) and credit.outlet != site and not names_domain(credit.outlet, found_on)
    return credit.outlet or site, found_on if copied else None


def names_domain(name: str, domain: str | None) -> bool:
    """An outlet name that is its site's domain spelled as words ("HawaiiNewsNow", "Hawaii News Now"
    on hawaiinewsnow.com): a credit naming the site itself, not another outlet."""
    if not domain:
        return False
    compact = re.sub(r"[^a-z0-9]", "", name.lower()).removeprefix("the")
    labels = domain.split(".")[:-1]  # without the top-level domain
    return bool(compact) and any(compact == re.sub(r"[^a-z0-9]", "", label).removeprefix("the") for label in labels)


_NAME = r"((?:the )?[A-Z][\w&'’./-]*(?:\s+(?:of |and |&\s)?[A-Z][\w&'’./-]*){0,5})"
# "WASHINGTON (AP) —", "LONDON (Reuters) -", "(Reuters) —": the wire agency's own dateline.
_DATELINE = re.compile(r"^(?:[A-Z][A-Za-z .,'’-]{1,40})?\(([A-Za-z][\w .-]{0,30})\)\s*[—–-]")
# "Source: The Hill", "This article originally appeared on X", "first published by X".
_CREDIT_LINE = re.compile(r"^(?:source|sources|via|courtesy(?: of)?)\s*:\s*" + _NAME + r"\s*\.?$", re.I)
_ORIGINALLY = re.compile(
    r"\b(?:originally|first)\s+(?:appeared|published|ran)\s+(?:on|in|at|by)\s+" + _NAME
)
# "… is a politics reporter for CBS News Digital." / "… correspondent for CBS News based in …"
_BLURB = re.compile(
    r"\b(?:reporter|correspondent|editor|writer|journalist|columnist|producer|contributor|anchor)"
    r"\s+(?:for|at|with)\s+" + _NAME
)
_BLURB_AUTHOR = re.compile(r"^((?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’.-]+)\s+(?:is|was)\s+(?:an?|the)\s")
_BYLINE = re.compile(r"^By\s+((?:[A-Z][\w'’.-]+\s*){2,4}(?:(?:,| and)\s+(?:[A-Z][\w'’.-]+\s*){2,4})*)$")


@dataclass(frozen=True)
class Credit:
    outlet: str | None
    author: str | None


def credit_from_lines(lines: list[str], body_start: list[str], registry: OutletRegistry) -> Credit:
    """The outlet (and author) the text credits, strongest signal first.

    `lines` are all lines of the page (markup stripped), `body_start` the first paragraphs of the
    article body, where a dateline stands.
    """
    outlet = None
    for line in lines:
        m = _CREDIT_LINE.match(line) or _ORIGINALLY.search(line)
        if m:
            outlet = registry.normalise(m.group(1))
            break
    if outlet is None:
        for paragraph in body_start[:3]:
            m = _DATELINE.match(paragraph)
            if m:
                outlet = registry.normalise(m.group(1))
                break
    author = None
    for line in lines:
        m = _BLURB.search(line)
        if m and len(line.split()) < 60:
            outlet = outlet or registry.normalise(m.group(1))
            a = _BLURB_AUTHOR.match(line)
            author = author or (a.group(1) if a else None)
        b = _BYLINE.match(line)
        if b:
            author = author or b.group(1).strip()
    if outlet is None:
        # A line that is nothing but a known outlet's name ("International New York Times").
        for line in lines:
            if 0 < len(line.split()) <= 6 and registry.canonical(line):
                outlet = registry.canonical(line)
                break
    return Credit(outlet=outlet, author=author)
