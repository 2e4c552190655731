"""The credit lines an article carries, read in the forms wires and syndicators really use.

A copy re-posted by another site names the outlet that wrote it somewhere: "Source: The Hill",
"This article originally appeared on X", "Distributed by X", a byline naming an organisation ("By The
Associated Press", "By Reuters"), a copyright line ("© 2019 The Associated Press. All rights
reserved."), a wire's dateline ("WASHINGTON (AP) —"), an author blurb ("… reporter for CBS News"), or
a line that is only a known outlet's name. Each form is read here into candidate names, strongest
first; `attribute` (below) decides between them and the site the copy was found on: a credit naming an
outlet outranks the site the copy was found on.

A byline naming a person is not an outlet: a byline counts as a credit only when its name is a known
outlet (the registry's), carries one after the person ("By Lisa Mascaro, Associated Press"), or is
shaped like an organisation ("By The Anti-June Cleaver"). A copyright line naming a company ("© 2019
Advance Local Media LLC") names an owner, not the outlet, and is passed over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .registry import OutletRegistry, name_key

_WORD = r"[A-Z0-9][\w&'’./-]*"
_NAME = r"((?:the |The )?" + _WORD + r"(?:\s+(?:of |and |&\s|de |di )?" + _WORD + r"){0,5})"
# "WASHINGTON (AP) —", "LONDON (Reuters) -", "(Reuters) —": the wire agency's own dateline.
_DATELINE = re.compile(r"^(?:[A-Z][A-Za-z .,'’-]{1,40})?\(([^\W_][\w .'’/&-]{0,40})\)\s*[—–-]")
# "Source: The Hill", "Via: X", "Courtesy of X".
_CREDIT_LINE = re.compile(r"^(?:source|sources|via|courtesy(?: of)?)\s*:\s*" + _NAME + r"\s*\.?$", re.I)
# The same credits ending a short line, naming the outlet as the line writes it ("Source: nj.com",
# "… originally appeared on Inexhibit magazine.", a name in another script).
_CREDIT_TO_END = re.compile(
    r"(?:^(?:source|sources|via|courtesy(?: of)?)\s*:|\b(?:originally|first)\s+(?:appeared|published|ran|posted)"
    r"\s+(?:on|in|at|by)|\bdistributed\s+by)\s+(\S.{0,60}?)\s*[.!]?$",
    re.I,
)
_SHORT_CREDIT_WORDS = 16
# "This article originally appeared on X", "first published by X", "Distributed by X".
_ORIGINALLY = re.compile(
    r"\b(?:(?:originally|first)\s+(?:appeared|published|ran|posted)\s+(?:on|in|at|by)|distributed\s+by)\s+" + _NAME
)
# "© 2019 The Associated Press. All rights reserved.", "Copyright 2019 Reuters", "Copyright © X 2019".
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\(c\)\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(?:by\s+)?" + _NAME,
    re.I,
)
# A legal form after the name: the company that owns the site, not the outlet readers know.
_LEGAL_ENTITY = re.compile(
    r"\b(?:LLC|L\.L\.C|Inc|Incorporated|Ltd|Limited|Corp|Corporation|Company|Co|GmbH|AG|plc|PLC|LLP|S\.A|Holdings)\.?$"
)
_RIGHTS = re.compile(r"[.,]?\s*\ball rights reserved\b.*$", re.I)
# "… is a politics reporter for CBS News Digital." / "… correspondent for CBS News based in …"
_BLURB = re.compile(
    r"\b(?:reporter|correspondent|editor|writer|journalist|columnist|producer|contributor|anchor)"
    r"\s+(?:for|at|with)\s+" + _NAME
)
_BLURB_AUTHOR = re.compile(r"^((?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’.-]+)\s+(?:is|was)\s+(?:an?|the)\s")
_BYLINE = re.compile(r"^(?:By|BY|by)\s+(.{2,120}?)\s*$")
_PERSON = re.compile(r"^(?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’.-]+$")
_BYLINE_SEPARATORS = re.compile(r"\s*(?:[,;|/]|\s[-–—]\s|\band\b)\s*")


@dataclass(frozen=True)
class Credit:
    """What the text says about who wrote it: the outlets it credits, strongest first, and the author."""

    outlets: tuple[str, ...] = ()
    author: str | None = None

    @property
    def outlet(self) -> str | None:
        return self.outlets[0] if self.outlets else None


def read_credit(
    lines: list[str], body_start: list[str], registry: OutletRegistry, bylines: tuple[str, ...] = ()
) -> Credit:
    """Every outlet the text credits, strongest form first, and the author a byline or blurb names.

    `lines` are the page's lines (markup stripped), `body_start` the first paragraphs of the article
    body, where a dateline stands, `bylines` credit lines the page holds outside its main text
    (byline elements, author metadata, copyright lines of the article element).
    """
    found: list[str] = []
    author: str | None = None

    def add(name: str | None) -> None:
        if name and name not in found:
            found.append(name)

    # Lines outside the main text (a page's byline elements, metadata, the copyright under the
    # article) are the site's furniture as often as a credit: there only a known outlet counts.
    known = registry.canonical
    for line in lines:  # 1. "Source: X", "originally appeared on X", "distributed by X"
        m = (len(line.split()) <= _SHORT_CREDIT_WORDS and _CREDIT_TO_END.search(line)) or _CREDIT_LINE.match(line) or _ORIGINALLY.search(line)
        if m:
            add(registry.normalise(m.group(1)))
    for line in bylines:
        m = _CREDIT_LINE.match(line) or _ORIGINALLY.search(line)
        if m:
            add(known(m.group(1)))
    for line in [*bylines, *lines]:  # 2. a byline naming an outlet
        outlet, person = byline(line, registry, strict=line in bylines)
        add(outlet)
        author = author or person
    for paragraph in body_start[:5]:  # 3. a wire's dateline
        m = _DATELINE.match(paragraph)
        if m:
            add(registry.normalise(m.group(1)))
            break
    for line in lines:  # 4. a dateline further down (under a subtitle or a photo the cleaner kept)
        m = _DATELINE.match(line) if len(line.split()) >= 8 else None
        if m:
            add(registry.normalise(m.group(1)))
            break
    for line in lines:  # 5. an author blurb
        m = _BLURB.search(line)
        if m and len(line.split()) < 60:
            add(registry.normalise(m.group(1)))
            a = _BLURB_AUTHOR.match(line)
            author = author or (a.group(1) if a else None)
    if not found:  # 6. a line that is nothing but a known outlet's name (a teaser list may hold others)
        for line in lines:
            if 0 < len(line.split()) <= 6 and registry.canonical(line):
                add(registry.canonical(line))
                break
    # 7. a copyright line naming an outlet, not a company: last, because a scraped page's own footer
    # carries one too, and a page without its site's name gives no way to tell the two apart
    for line in lines:
        add(copyright_holder(line, registry))
    for line in bylines:
        add(copyright_holder(line, registry, strict=True))
    return Credit(outlets=tuple(found), author=author)


def byline(line: str, registry: OutletRegistry, strict: bool = False) -> tuple[str | None, str | None]:
    """(outlet, person) a byline names: "By The Associated Press" → (Associated Press, None),
    "By Lisa Mascaro, Associated Press" → (Associated Press, Lisa Mascaro), "By Jane Doe" → (None,
    Jane Doe). Any other line → (None, None). `strict`: only a known outlet is one. A one-word name
    ("By SlashGear") is returned as the person: a batch that knows an outlet by that name reads it as
    one (`briefgen.site_names.credited_bylines`)."""
    m = _BYLINE.match(line.strip())
    if not m or len(m.group(1).split()) > 14:
        return None, None
    named = m.group(1).strip(" .")
    outlet = registry.canonical(named) if strict else organisation(named, registry)
    if outlet:
        return outlet, None
    if re.fullmatch(r"[A-Z0-9][\w&'’.-]{2,40}", named):
        return None, named
    parts = [p for p in _BYLINE_SEPARATORS.split(named) if p]
    people = [p for p in parts if _PERSON.match(p) and not registry.canonical(p)]
    for part in reversed(parts):
        outlet = registry.canonical(part) or registry.known_suffix(part)
        if outlet:
            break
    if not people and not outlet:
        # a name that is neither a person's nor a known outlet's ("By Remember 80/90"): kept as the
        # byline's name, which a batch that knows such an outlet reads as its credit
        return None, (named if len(named.split()) <= 6 else None)
    person = people[0] if people else None
    if person and outlet and person.endswith(" " + outlet):
        person = person[: -len(outlet)].strip()
    return outlet, person


def organisation(name: str, registry: OutletRegistry) -> str | None:
    """The outlet a byline's whole name is, when it is one: a known outlet, or a name shaped like an
    organisation rather than a person ("The …", a web address)."""
    known = registry.canonical(name)
    if known:
        return known
    if re.match(r"^The\s+[A-Z0-9]", name) or re.search(r"\.(?:com|net|org|co\.uk|news)$", name, re.I):
        return registry.normalise(name)
    return None


def copyright_holder(line: str, registry: OutletRegistry, strict: bool = False) -> str | None:
    """The outlet a copyright line names, or None for a line that is none or names a company.
    `strict`: only a known outlet, named exactly ("CBS Interactive" is not CBS News)."""
    if len(line.split()) > 25:
        return None
    m = _COPYRIGHT.match(_RIGHTS.sub("", line.strip()))
    if not m:
        return None
    name = m.group(1).strip(" .,")
    name = re.sub(r"\s+\d{4}$", "", name)  # "Copyright © Reuters 2019"
    if not name or not re.search(r"[A-Za-z]", name):
        return None
    known = registry.canonical(name)
    if known or strict:
        return known
    if _LEGAL_ENTITY.search(name):
        return None  # the owner ("Advance Local Media LLC"), not the outlet
    return registry.normalise(name)


def attribute(credit: Credit, site: str | None, found_on: str | None) -> tuple[str | None, str | None]:
    """(outlet, host) of a copy: the outlet that wrote it and, when that is another outlet than the
    site, where the copy was found (`found_on`: its domain, or the site's name as the record gives it).

    The one attribution rule of every reader: a credit naming an outlet outranks the site's own name.
    The strongest credit that names someone other than the site wins; a credit naming the site itself
    (its own copyright line, its own name in a byline) leaves the site as the outlet."""
    for outlet in credit.outlets:
        if same_outlet(outlet, site) or names_domain(outlet, found_on) or (site and names_domain(outlet, site)):
            continue
        return outlet, found_on or site
    return site or credit.outlet, None


def same_outlet(a: str | None, b: str | None) -> bool:
    """Two names of one outlet as pages write them: equal but for case and marks, or one the other's
    first words ("LinkNaija" and "LinkNaija | Nigeria's popular news platform", "Inexhibit" and
    "Inexhibit magazine")."""
    if not a or not b:
        return False
    wa, wb = name_key(a).split(), name_key(b).split()
    if not wa or not wb:
        return False
    shorter, longer = sorted((wa, wb), key=len)
    return longer[: len(shorter)] == shorter or "".join(wa) == "".join(wb)


def names_domain(name: str, domain: str | None) -> bool:
    """An outlet name that is its site's domain spelled as words ("HawaiiNewsNow", "Hawaii News Now"
    on hawaiinewsnow.com): a credit naming the site itself, not another outlet."""
    if not domain:
        return False
    compact = re.sub(r"[^a-z0-9]", "", name.lower()).removeprefix("the")
    labels = domain.split(".")[:-1] if "." in domain and " " not in domain else [domain]  # without the TLD
    return bool(compact) and any(compact == re.sub(r"[^a-z0-9]", "", label).removeprefix("the") for label in labels)


def credit_from_lines(
    lines: list[str], body_start: list[str], registry: OutletRegistry, bylines: tuple[str, ...] = ()
) -> Credit:
    """The outlets (strongest first) and the author the text credits (`read_credit`)."""
    return read_credit(lines, body_start, registry, bylines)
