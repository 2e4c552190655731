"""The outlet registry: outlet names, their aliases and web domains, and what each outlet is.

Every name briefgen shows for an outlet passes through here: a credit line, a byline, a site's own
name and a URL's domain are all looked up in one table, so one outlet has one name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import tomllib


def name_key(name: str) -> str:
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
            name = by_alias.get(name_key(entry["name"]), entry["name"])
            for alias in [name, *entry.get("aliases", [])]:
                by_alias[name_key(alias)] = name
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
        return self.by_alias.get(name_key(name))

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

    def known_suffix(self, name: str) -> str | None:
        """The known outlet a name ends with ("LISA MASCARO Associated Press" → Associated Press)."""
        parts = name.split()
        for n in range(1, len(parts)):
            known = self.canonical(" ".join(parts[n:]))
            if known:
                return known
        return None

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
            if text not in ISO_COUNTRIES:
                raise RegistryError(f"outlet {entry['name']!r}: country {text!r} is not an ISO 3166-1 alpha-2 code")
        if text:
            found[key] = text
    return found


# ISO 3166-1 alpha-2: the 249 officially assigned country codes (a table, rather than a 23 MB
# library for two look-ups; the standard changes a code once in years)
ISO_COUNTRIES = frozenset(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
    BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
    DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS
    GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
    KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
    MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
    PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
    SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
    VN VU WF WS YE YT ZA ZM ZW
    """.split()
)


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
    return code if code in ISO_COUNTRIES else None


def domain_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.lower().removeprefix("www.") if host else None
