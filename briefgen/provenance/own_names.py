"""The names a site goes by, and whether a credit names the site itself.

A page credits its own site as often as another outlet: its footer's "© 1998-2018 El Día SA" (the
company that owns the paper), its dateline "NEW YORK CITY (WABC) --" (the station's call sign on
abc7ny.com), "© 2019 Science X Network" (the owner of phys.org), "ТАСС" on tass.ru (the name in its
own script). None of these is a re-post. A credit is the site's own when it is one of the names the
site goes by — its name, its brand, its owner, the names its markup declares — written in any
script, with or without a legal form ("SA", "Inc.") or a leading article ("The", "El", "Die"), or
when it is the site's address spelled as words, its initials, the brand its address starts with
("ABC7" on abc7ny.com), or a broadcaster's call sign whose letters the address carries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from anyascii import anyascii

from .registry import OutletRegistry
from .titles import is_section_label

# A company's legal form after its name: "El Día SA", "Advance Local Media LLC", "Axel Springer SE".
_LEGAL_FORM = re.compile(
    r"(?:[\s,]+(?:LLC|L\.L\.C\.?|Inc\.?|Incorporated|Ltd\.?|Limited|Corp\.?|Corporation|Company|Co\.|GmbH|AG|SE|plc"
    r"|LLP|S\.?A\.?(?:S\.?|U\.?|ICYF|IC|C\.?V\.?)?|S\.?L\.?|S\.?p\.?A\.?|S\.?r\.?l\.?|B\.?V\.?|N\.?V\.?|Pty|Holdings?))+$",
    re.I,
)
# Leading articles of the languages outlets are named in: "The Hill", "Die Weltwoche", "El Día".
_ARTICLE = re.compile(r"^(?:the|die|der|das|le|la|les|l['’]|el|los|las|il|lo|gli|o|os|as|de|het|een)\s+", re.I)
# What a copyright notice or a declared name wraps around a name.
_NOTICE = re.compile(r"^(?:©|\(c\)|copyright)[\s,©]*(?:\d{4}(?:\s*[-–,]\s*\d{4})*[\s,.–-]*)?", re.I)
_RIGHTS = re.compile(r"[.,]?\s*(?:all rights reserved|todos los derechos reservados|tous droits réservés|alle rechte vorbehalten).*$", re.I)
_SEPARATORS = re.compile(r"\s+[-–—|·:]\s+|\s*\|\s*")
# A North American broadcaster's call sign: "WABC", "KTLA-TV", "CFTO".
_CALL_SIGN = re.compile(r"^[KWC]([A-Z]{2,3})(?:-(?:TV|DT|FM|AM|CD|LP))?$")
_MIN_KEY = 4  # a shorter key ("abc", "news") matches too much to stand for a site by a prefix
_BRAND_SUFFIX = 4  # what an address adds after its brand: "ny", "news", "tv", "24"


def words_of(name: str) -> list[str]:
    """A name's words in Latin letters, lower case, without a legal form or a leading article."""
    name = _LEGAL_FORM.sub("", " ".join(anyascii(name).split())).strip(" .,;:-")
    name = _ARTICLE.sub("", name)
    return re.findall(r"[a-z0-9]+", name.casefold())


def key(name: str) -> str:
    return "".join(words_of(name))


def declared_names(values: Iterable[str | None]) -> tuple[str, ...]:
    """The names in the site's own declarations (its site name, publisher, copyright, app name),
    each split at its separators and without a copyright notice: "© 1998-2016 - El Día SA - Todos
    los derechos reservados" → "El Día SA"."""
    found: list[str] = []
    for value in values:
        if not value:
            continue
        text = _RIGHTS.sub("", _NOTICE.sub("", " ".join(value.split()))).strip(" -–|")
        for part in [text, *_SEPARATORS.split(text)]:
            part = part.strip(" .,;:-–|@")
            if part and len(part.split()) <= 8 and part not in found:
                found.append(part)
    return tuple(found)


def registry_names(registry: OutletRegistry, outlet: str | None) -> tuple[str, ...]:
    """The registry's names for an outlet it knows: its name, aliases and owner."""
    known = registry.canonical(outlet) if outlet else None
    if not known:
        return ()
    aliases = [alias for alias, name in registry.by_alias.items() if name == known]
    owner = registry.attributes.get(known, {}).get("owner")
    return tuple(n for n in (known, *aliases, owner) if n)


def is_own(credit: str, own_names: Iterable[str | None], domain: str | None) -> bool:
    """Whether a credit names the site itself: one of its own names (one the other's first words, in
    any script, without legal forms and articles), its address spelled as words or as initials, or a
    call sign whose letters its address carries."""
    credit_words = words_of(credit)
    if not credit_words:
        return False
    for name in own_names:
        if name and _same_name(credit_words, words_of(name)):
            return True
    return _names_address(credit, credit_words, domain)


def _same_name(a: list[str], b: list[str]) -> bool:
    if not a or not b:
        return False
    if "".join(a) == "".join(b):
        return True
    shorter, longer = sorted((a, b), key=len)
    return (
        longer[: len(shorter)] == shorter
        and len("".join(shorter)) >= _MIN_KEY
        and not is_section_label(" ".join(shorter))
    )


def _labels(domain: str | None) -> list[str]:
    if not domain:
        return []
    labels = [re.sub(r"[^a-z0-9]", "", label) for label in domain.lower().split(".")]
    return [label for label in labels[:-1] if label and label != "www"]


def _names_address(credit: str, words: list[str], domain: str | None) -> bool:
    labels = _labels(domain)
    if not labels:
        return False
    compact = "".join(words)
    initials = "".join(w[0] for w in words) if len(words) >= 2 else ""
    if any(compact == label or (initials and initials == label) for label in labels):
        return True
    # the brand the address starts with, then a short suffix: "ABC7" on abc7ny.com, "CH5" on ch5news
    if len(compact) >= 3 and any(label.startswith(compact) and len(label) - len(compact) <= _BRAND_SUFFIX for label in labels):
        return True
    call = _CALL_SIGN.match(credit.strip())
    return call is not None and any(call.group(1).lower() in label for label in labels)
