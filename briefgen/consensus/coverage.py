"""Who covers what: each story's and each cited fact's outlets split by what the registry says they
are (kind, country, owner, the user's own tags), and the stories only one kind of outlet covers.

Runs after consensus, on the briefing: it reads the outlets already credited, and changes no fact
and no citation. Counting follows consensus: one outlet's articles and its syndicated copies are
one outlet; outlets the registry gives the same owner count once more, per value ("3 national"
counts owners, not mastheads), and the coverage line says which did. What the registry does not say
is "unknown", never a guess; only the country may come from a country-code domain (`.co.uk`, `.de`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from ..model import (
    Article,
    Blindspot,
    Briefing,
    Coverage,
    StoryBrief,
    SummarySentence,
    ValueCount,
)
from ..provenance import KINDS, UNKNOWN, OutletRegistry, country_of_domain, domain_of
from .facts import outlet_key


def describe_coverage(briefing: Briefing, registry: OutletRegistry, key: str = "kind") -> Briefing:
    """The briefing with every story's and every cited fact's coverage, and its blind spots by `key`."""
    outlets = _Outlets(registry, briefing.articles)
    by_id = {a.id: a for a in briefing.articles}
    stories = tuple(_described(brief, by_id, outlets) for brief in briefing.stories)
    named = sorted({name for s in stories if s.coverage for name in s.coverage.outlets}, key=outlets.order)
    return replace(
        briefing,
        stories=stories,
        coverage_by=key,
        blindspots=find_blindspots(stories, key),
        outlet_attributes=tuple((name, tuple(outlets.attributes(name).items())) for name in named),
        short_names=tuple((name, registry.short_name(name)) for name in named if registry.short_name(name) != name),
    )


def _described(brief: StoryBrief, by_id: dict[str, Article], outlets: _Outlets) -> StoryBrief:
    originals = [by_id[i] for i in brief.story.article_ids if by_id[i].duplicate_of is None]

    def fact(sentence: SummarySentence) -> SummarySentence:
        return replace(sentence, coverage=outlets.coverage([by_id[c.article] for c in sentence.sources]))

    return replace(
        brief,
        coverage=outlets.coverage(originals),
        sentences=tuple(fact(x) for x in brief.sentences),
        single_source=tuple(fact(x) for x in brief.single_source),
    )


def find_blindspots(stories: tuple[StoryBrief, ...], key: str) -> tuple[Blindspot, ...]:
    """Stories two or more outlets cover, every one of them of the same known value of `key`, when
    the day's sources hold another known value too. An "unknown" outlet could be of any value, so a
    story with one is never a blind spot."""
    day_values = {vc.value for s in stories if s.coverage for vc in s.coverage.counts(key)} - {UNKNOWN}
    found = []
    for s in stories:
        if s.coverage is None or len(s.coverage.outlets) < 2:
            continue
        values = s.coverage.counts(key)
        if len(values) == 1 and values[0].value != UNKNOWN and day_values - {values[0].value}:
            found.append(Blindspot(s.story.id, s.headline, key, values[0].value, values[0].outlets))
    return tuple(found)


class _Outlets:
    """What each outlet of one briefing is, from the registry, looked up once per name."""

    def __init__(self, registry: OutletRegistry, articles: tuple[Article, ...]):
        self.registry = registry
        self.keys = registry.keys()
        self._domains: dict[str, set[str]] = defaultdict(set)
        for a in articles:
            domain = domain_of(a.url)
            if domain:
                self._domains[shown_name(a)].add(domain)
        self._known: dict[str, dict[str, str]] = {}

    def order(self, name: str) -> tuple[int, str]:
        """Registry order first (its file's order), then outlets it does not know, by name."""
        unlisted = len(self.registry.order)
        return (self.registry.order.get(self.registry.canonical(name) or "", unlisted), name)

    def attributes(self, name: str) -> dict[str, str]:
        if name not in self._known:
            found = {key: self.registry.attribute(name, key) or UNKNOWN for key in self.keys}
            if found["country"] == UNKNOWN:
                # a country-code domain names the country; every domain the outlet used must agree
                countries = {country_of_domain(d) for d in self._domains.get(name, ())}
                (country,) = countries if len(countries) == 1 else (None,)
                if country is not None:
                    found["country"] = country
            self._known[name] = found
        return self._known[name]

    def coverage(self, articles: list[Article]) -> Coverage:
        """The independent outlets of `articles` and how they split by every registry key."""
        names: dict[str, str] = {}  # outlet key → name shown
        for a in articles:
            names.setdefault(outlet_key(a), shown_name(a))
        # outlets of one owner are one voice; an outlet whose owner is unknown stands alone
        voices: dict[str, list[str]] = defaultdict(list)
        for key, name in sorted(names.items(), key=lambda kv: self.order(kv[1])):
            owner = self.attributes(name)["owner"]
            voices[f"owner:{owner}" if owner != UNKNOWN else f"outlet:{key}"].append(name)
        by_key = tuple((key, self._split(voices, key)) for key in self.keys)
        shared = tuple(
            (voice.removeprefix("owner:"), tuple(members))
            for voice, members in voices.items()
            if voice.startswith("owner:") and len(members) > 1
        )
        ordered = tuple(sorted(names.values(), key=self.order))
        return Coverage(outlets=ordered, by_key=by_key, shared_owners=shared)

    def _split(self, voices: dict[str, list[str]], key: str) -> tuple[ValueCount, ...]:
        counts: dict[str, int] = defaultdict(int)
        members: dict[str, list[str]] = defaultdict(list)
        for names in voices.values():
            values = {self.attributes(n)[key] for n in names}
            for value in values:
                counts[value] += 1
            for n in names:
                members[self.attributes(n)[key]].append(n)
        split = [ValueCount(v, counts[v], tuple(sorted(members[v], key=self.order))) for v in counts]
        return tuple(sorted(split, key=lambda vc: value_order(key, vc)))


def value_order(key: str, vc: ValueCount) -> tuple:
    """Kinds in the vocabulary's order (wire first); other values by count, then name; unknown last."""
    if key == "kind":
        return (vc.value == UNKNOWN, KINDS.index(vc.value) if vc.value in KINDS else len(KINDS), vc.value)
    return (vc.value == UNKNOWN, -vc.count, vc.value)


def shown_name(article: Article) -> str:
    """The outlet's name; an article nothing attributes goes by its site's domain when it has a URL."""
    return article.outlet or domain_of(article.url) or article.outlet_label
