"""Names that are no outlet's, whatever line they stand in.

A credit is read from a line's shape ("Source: X", "CITY (X) —", "© X", a line that is only a name),
and the same shapes hold names that are not who wrote the article: a year ("Ukraine (2014) — …"), a
place ("Kyiv (Ukraine) — …", "West Michigan"), a language ("first published in German"), a slogan
("Your Trusted Source"), a photo's credit ("© Getty Images", "© REUTERS / John Smith"), a social
network or a data source ("Source: Twitter", "Source: U.S. Census Bureau"). Each is told here by
what it is, never by which site wrote it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

# "2014", "2014-2015", "1998–2018": a year or a span of years.
_YEARS = re.compile(r"^\d{2,4}(?:\s*[-–/]\s*\d{2,4})?$")
# Words that only place a region within a country or a continent: "West Michigan", "Northern Ireland".
_COMPASS = frozenset(
    """
    north south east west northern southern eastern western central upper lower greater inner outer mid
    northeast northwest southeast southwest northeastern northwestern southeastern southwestern
    """.split()
)
# Regions a dateline or a section writes that no country or subdivision list holds.
_REGIONS = frozenset(
    """
    africa asia europe americas oceania antarctica arctic caribbean balkans scandinavia midwest gulf pacific
    atlantic mediterranean baltics levant sahel maghreb eurasia us usa uk uae eu
    """.split()
) | {"middle east", "latin america", "north america", "south america", "central america", "far east", "near east", "u s", "u k"}
# Words that make a name a slogan rather than a name: it speaks to the reader or for the writer.
_SLOGAN_WORDS = frozenset("you your yours we our ours".split())  # not "us", "my": "Us Weekly", "My San Antonio"
# Words of a photo's credit: the image bank or the photo itself ("Getty Images", "AP Photo", "iStock").
_IMAGE_WORDS = re.compile(
    r"\b(?:images?|photos?|photograph(?:y|er|s)?|pictures?|pics|foto|fotos|bild|adobe stock|istock(?:photo)?|shutterstock"
    r"|getty|alamy|pexels|unsplash|pixabay|depositphotos|dreamstime|123rf|imago|picture-alliance)\b",
    re.I,
)
# Social networks and platforms a "Source:" line names for a post it quotes.
_PLATFORMS = frozenset(
    """
    twitter x facebook instagram youtube tiktok reddit linkedin telegram whatsapp weibo wechat vk vkontakte
    pinterest snapchat threads bluesky mastodon flickr tumblr twitch discord truth social google wikipedia
    wikimedia statista
    """.split()
)
# Words of a data source's or an institution's name: a survey, a ministry, a university, a report.
_DATA_SOURCE_WORDS = frozenset(
    """
    university universidad université universität college institute institut instituto bureau department dept
    ministry ministerio ministère office statistics statistical statistik census survey data database dataset
    index report reports study studies research centre center centers centres organization organisation
    bank fund commission council authority administration government police hospital clinic court
    """.split()
)


def _words(name: str) -> list[str]:
    return re.findall(r"\w+", name.casefold())


def is_years(name: str) -> bool:
    """"2014", "1998-2018": a year is never an outlet's name."""
    return bool(_YEARS.match(name.strip(" .,;:()")))


@lru_cache(maxsize=1)
def _tables() -> dict[str, frozenset[str]]:
    """{kind: names} from the bundled table `places.txt`: countries (short, official and common
    names), their top-level subdivisions (states, provinces, regions) and languages, casefolded."""
    tables: dict[str, set[str]] = {}
    kind = ""
    for line in resources.files("briefgen.provenance").joinpath("places.txt").read_text("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            kind = line[1:-1]
            continue
        tables.setdefault(kind, set()).add(line)
    return {k: frozenset(v) for k, v in tables.items()}


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    tables = _tables()
    return frozenset(_REGIONS) | tables.get("country", frozenset()) | tables.get("subdivision", frozenset())


def _languages() -> frozenset[str]:
    """The names of languages with a two-letter code ("German", "Spanish"): the major ones."""
    return _tables().get("language", frozenset())


def is_place(name: str) -> bool:
    """A country, a state or province, a continent or a region of one ("West Michigan", "Northern
    California", "Ukraine", "Middle East"): the place a story is from, not who wrote it."""
    words = _words(name)
    while len(words) > 1 and words[0] in _COMPASS:
        words = words[1:]
    return bool(words) and (" ".join(words) in _places() or (len(words) == 1 and words[0] in _COMPASS))


def is_language(name: str) -> bool:
    return " ".join(_words(name)) in _languages()


def is_slogan(name: str) -> bool:
    """A line that speaks to the reader or for the writer ("Your Trusted Source", "We Report, You
    Decide") or calls out ("… !"): a site's slogan, not its name."""
    return name.rstrip().endswith("!") or any(w in _SLOGAN_WORDS for w in _words(name))


def is_image_credit(name: str) -> bool:
    """A photo's credit: an image bank or a photo ("Getty Images", "AP Photo", "iStock"), or an
    agency and a photographer ("REUTERS / John Smith")."""
    return bool(_IMAGE_WORDS.search(name)) or bool(re.search(r"\S\s/\s[A-Z][\w'’.-]+\s+[A-Z]", name))


def is_non_news_source(name: str) -> bool:
    """What a "Source:" line names when it is not who wrote the article: a social network or a
    platform ("Twitter", "@handle"), a data source or an institution ("U.S. Census Bureau", "Johns
    Hopkins University"), an image bank, or words that are not a name at all ("company reports")."""
    name = name.strip()
    words = _words(name)
    if not words or name.startswith("@"):
        return True
    if name[0].isalpha() and name[0].islower() and not re.search(r"\.\w{2,}$", name):  # "company reports", not "nj.com"
        return True
    if " ".join(words) in _PLATFORMS or words[0] in _PLATFORMS and len(words) <= 2:
        return True
    return is_image_credit(name) or any(w in _DATA_SOURCE_WORDS for w in words)


def never_an_outlet(name: str | None) -> bool:
    """A name no outlet has: a year, a place, a language or a slogan. (A photo's credit is told
    where a credit is read, `is_image_credit`: a site may be named for pictures.)"""
    if not name or not name.strip():
        return True
    return is_years(name) or is_place(name) or is_language(name) or is_slogan(name)
