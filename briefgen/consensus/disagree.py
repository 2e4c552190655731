"""Where outlets report one fact with different figures: "70th anniversary" here, "60th" there.

Every figure in a story's sentences is read with its kind (a count, an ordinal, a percentage, a sum
of money, a date, a year), its value normalised ("1,000" = "1000" = "1 thousand", "seventh" =
"7th", "Sept. 6" = "September 6") and its *anchor*: the content word right after it ("70th
anniversary", "12 people"), or right before it when nothing follows ("in the pandemic in 2020").

Two figures from two independent outlets are about the same thing only when all of this holds —
a false "disagreement" misleads a reader more than a missed one:

- same kind and same anchor, and at least `MIN_SHARED_NEARBY` more content words shared within a
  few words of each figure, inside its clause ("marking the 70th anniversary of the armistice" /
  "events marking the 60th anniversary of the armistice": "marking", "armistice"); the content word
  just before each figure, when both have one, is the same ("killed 12" / "injured 15" are two
  counts);
- the two sentences share at least `config.disagreement_match` of each other's weighted content
  words, figures left out (the fact matcher's words and weights, looser than its own threshold
  because a differing figure is itself a differing word);
- neither figure is hedged ("at least 12", "more than 10", "about 60": such figures can both
  be true), and each sentence has only one figure with that anchor.

Linked figures form groups; a group holding two or more values from different outlets is a
disagreement, unless one outlet stands behind two of the values (then the figures are about
different things). Outlets that agree with one side are cited on that side.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache

from ..config.options import BriefingConfig
from ..model import Article, Citation, Claim, Disagreement
from ..summarize.terms import sentence_terms

MIN_SHARED_NEARBY = 2  # content words near both figures, besides the anchor
NEARBY_WORDS = 5  # how far either side of a figure "near" reaches, in words

_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_MONTH = (
    r"(?P<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_DATE = re.compile(_MONTH + r"(?:\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?)?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b")
_UNITS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
          "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
             "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
             "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
             "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
             "eightieth": 80, "ninetieth": 90, "hundredth": 100}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# "one" is left out: "one of the…", "one official said" are rarely a count another outlet contests.
_SPELLED = "|".join(sorted(list(_UNITS) + list(_ORDINALS), key=len, reverse=True))
_FIGURE = re.compile(
    r"(?<![\w.,/:-])(?P<cur>[$£€])?(?:(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?P<ord>st|nd|rd|th)?|"
    r"(?P<word>" + _SPELLED + r"))(?![\w/:-]|[.,]\d)"
    r"(?:\s*(?P<pct>%|percent\b|per cent\b))?(?:\s+(?P<scale>thousand|million|billion|trillion)\b)?",
    re.I,
)
_CLOCK = re.compile(r"^\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock)", re.I)
_HEDGE = re.compile(
    r"\b(?:at least|at most|more than|less than|fewer than|over|under|nearly|almost|about|around|roughly|"
    r"approximately|up to|some|estimated|as many as|as much as|upwards of|close to)\s*$",
    re.I,
)
_WORD = re.compile(r"[A-Za-z][\w'’-]*|\d[\d.,]*|[^\w\s]")


@dataclass(frozen=True)
class Figure:
    sentence: int  # index into the story's sentences
    kind: str  # "count", "ordinal", "percent", "money", "date", "year"
    value: tuple  # normalised, compared by `_same_value`
    shown: str  # as written
    anchor: str  # stemmed content word after the figure, or "<" + the one before it
    nearby: frozenset[str]  # stemmed content words of its clause, within NEARBY_WORDS either side
    lead: str | None  # the content word just before it in its clause ("killed" 12 people)
    about: str  # the words around the figure, the figure itself as "…"
    hedged: bool


def figures_in(text: str, sentence: int, language: str) -> list[Figure]:
    """Every figure of one sentence that has an anchor word (a bare number is about nothing known)."""
    return [replace(f, sentence=sentence) if sentence else f for f in _figures_of(text, language)]


# Outlets repeat each other's sentences word for word: a sentence's figures are read once.
@lru_cache(maxsize=100_000)
def _figures_of(text: str, language: str) -> tuple[Figure, ...]:
    return tuple(_read_figures(text, 0, language))


def _read_figures(text: str, sentence: int, language: str) -> list[Figure]:
    found, taken = [], []
    for match in _DATE.finditer(text):
        if match.group("day") or match.group("year"):
            value = (
                _MONTHS[match.group("month").lower()[:3]],
                int(match.group("day")) if match.group("day") else None,
                int(match.group("year")) if match.group("year") else None,
            )
            taken.append(match.span())
            found.append(_figure(text, match.span(), sentence, "date", value, language))
    for match in _FIGURE.finditer(text):
        if any(s <= match.start() < e for s, e in taken) or _CLOCK.match(text[match.end():]):
            continue
        kind, value = _kind_and_value(match)
        found.append(_figure(text, match.span(), sentence, kind, value, language))
    return [f for f in found if f is not None]


def _kind_and_value(match: re.Match) -> tuple[str, tuple]:
    word = (match.group("word") or "").lower()
    if match.group("ord") or word in _ORDINALS:
        return "ordinal", (int(match.group("num")) if match.group("num") else _ORDINALS[word],)
    number = float(match.group("num").replace(",", "")) if match.group("num") else float(_UNITS[word])
    number *= _SCALES.get((match.group("scale") or "").lower(), 1)
    kind = "percent" if match.group("pct") else "money" if match.group("cur") else "count"
    if kind == "count" and match.group("num") and re.fullmatch(r"(?:19|20)\d\d", match.group("num")):
        kind = "year"
    return kind, (match.group("cur") or "", round(number, 6))


def _figure(text: str, span: tuple[int, int], sentence: int, kind: str, value: tuple, language: str) -> Figure | None:
    before, after = _WORD.findall(text[: span[0]]), _WORD.findall(text[span[1] :])
    anchor = _first_content_word(after, language) or _first_content_word(before[::-1], language, prefix="<")
    if anchor is None and kind == "percent":
        anchor = "percent"  # "up 12% from …": the unit is all that names it
    if anchor is None:
        return None
    # Only the figure's own clause: "injured 12 people, the fire service said" is not near "said".
    clause = _phrase(before[::-1], NEARBY_WORDS) + _phrase(after, NEARBY_WORDS)
    nearby = {t for w in clause for t in sentence_terms(w, language)}
    lead = _first_content_word(_phrase(before[::-1], NEARBY_WORDS), language)
    about = " ".join(_phrase(before[::-1], 3)[::-1] + ["…"] + _phrase(after, 5))
    hedged = bool(_HEDGE.search(text[: span[0]]))
    shown = text[span[0] : span[1]].strip()
    return Figure(sentence, kind, value, shown, anchor, frozenset(nearby), lead, about, hedged)


def _first_content_word(tokens: list[str], language: str, prefix: str = "") -> str | None:
    """The first word that is not a stop word, unless punctuation comes first."""
    for token in tokens:
        if not token[0].isalpha() or token.lower() in _UNITS or token.lower() in _ORDINALS:
            return None  # punctuation or another figure first: this figure's word is not known
        terms = sentence_terms(token, language)
        if terms:
            return prefix + terms[0]
    return None


def _phrase(tokens: list[str], limit: int) -> list[str]:
    """Up to `limit` words, stopping at punctuation."""
    words = []
    for token in tokens[:limit]:
        if not token[0].isalpha():
            break
        words.append(token)
    return words


def _same_value(a: Figure, b: Figure) -> bool:
    if a.kind == "date":  # "Sept. 6" and "Sept. 6, 2023" agree: compare what both state
        return all(x == y for x, y in zip(a.value, b.value) if x is not None and y is not None)
    return a.value == b.value


def find_disagreements(
    articles: tuple[Article, ...],
    texts: tuple[str, ...],
    terms: tuple[frozenset[str], ...],
    outlet_of: list[str],
    config: BriefingConfig,
) -> tuple[Disagreement, ...]:
    """The story's figures that independent outlets report differently, in order of first mention."""
    figures = [f for i, text in enumerate(texts) for f in figures_in(text, i, config.language or "en")]
    by_anchor: dict[tuple[str, str], list[Figure]] = defaultdict(list)
    for f in figures:
        by_anchor[(f.kind, f.anchor)].append(f)
    likeness = _Likeness(terms)
    groups = _linked_groups(by_anchor, outlet_of, likeness, config)
    found = [_disagreement(g, articles, outlet_of) for g in groups]
    return tuple(d for _, d in sorted((d for d in found if d), key=lambda x: x[0]))


class _Likeness:
    """Weighted share of one sentence's content words found in another, figures left out."""

    def __init__(self, terms: tuple[frozenset[str], ...]) -> None:
        figure_free: dict[str, bool] = {}  # per distinct term: a story repeats its words thousands of times
        for ts in terms:
            for t in ts:
                if t not in figure_free:
                    figure_free[t] = not any(c.isdigit() for c in t)
        self.terms = [frozenset(t for t in ts if figure_free[t]) for ts in terms]
        df: dict[str, int] = defaultdict(int)
        for ts in self.terms:
            for t in ts:
                df[t] += 1
        n = len(terms)
        self.weight = {t: math.log((n + 1) / (d + 0.5)) for t, d in df.items()}

    def __call__(self, a: int, b: int) -> float:
        total = sum(self.weight[t] for t in self.terms[a])
        return sum(self.weight[t] for t in self.terms[a] & self.terms[b]) / total if total else 0.0


def _linked_groups(by_anchor, outlet_of, likeness, config) -> list[list[Figure]]:
    groups: list[list[Figure]] = []
    for key in sorted(by_anchor):
        usable = _unambiguous([f for f in by_anchor[key] if not f.hedged])
        parent = list(range(len(usable)))

        def root(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for x in range(len(usable)):
            for y in range(x + 1, len(usable)):
                if _about_the_same(usable[x], usable[y], outlet_of, likeness, config):
                    parent[root(y)] = root(x)
        members: dict[int, list[Figure]] = defaultdict(list)
        for x, f in enumerate(usable):
            members[root(x)].append(f)
        groups.extend(m for m in members.values() if len(m) > 1)
    return groups


def _unambiguous(figures: list[Figure]) -> list[Figure]:
    """Figures whose sentence has no other figure with the same kind and anchor."""
    count: dict[int, int] = defaultdict(int)
    for f in figures:
        count[f.sentence] += 1
    return [f for f in figures if count[f.sentence] == 1]


def _about_the_same(a: Figure, b: Figure, outlet_of, likeness, config: BriefingConfig) -> bool:
    if outlet_of[a.sentence] == outlet_of[b.sentence]:
        return False
    if len((a.nearby & b.nearby) - {a.anchor.lstrip("<")}) < MIN_SHARED_NEARBY:
        return False
    if a.lead and b.lead and a.lead != b.lead:
        return False  # "injured 12 people" / "killed 15 people": two counts, not one
    return min(likeness(a.sentence, b.sentence), likeness(b.sentence, a.sentence)) >= config.disagreement_match


def _disagreement(group: list[Figure], articles, outlet_of) -> tuple[int, Disagreement] | None:
    """The group's values with the outlets behind each, or None when every outlet agrees."""
    group = sorted(group, key=lambda f: f.sentence)
    values: list[list[Figure]] = []
    for f in group:
        side = next((v for v in values if _same_value(v[0], f)), None)
        if side is None:
            values.append([f])
        else:
            side.append(f)
    if len(values) < 2:
        return None
    outlets_per_value = [{outlet_of[f.sentence] for f in side} for side in values]
    if any(a & b for i, a in enumerate(outlets_per_value) for b in outlets_per_value[i + 1 :]):
        return None  # one outlet gives two of the values: the figures are about different things
    values.sort(key=lambda side: (-len({outlet_of[f.sentence] for f in side}), side[0].sentence))
    claims = tuple(Claim(side[0].shown, _citations(side, articles, outlet_of)) for side in values)
    return group[0].sentence, Disagreement(about=group[0].about, claims=claims)


def _citations(side: list[Figure], articles, outlet_of) -> tuple[Citation, ...]:
    """One citation per outlet: its first sentence with this value."""
    seen, cited = set(), []
    for f in side:
        if outlet_of[f.sentence] not in seen:
            seen.add(outlet_of[f.sentence])
            a = articles[f.sentence]
            cited.append(Citation(a.outlet_label, a.title, a.url, a.id))
    return tuple(cited)


# The phrase that dates a line: "In July,", "on Tuesday", "since May 5, 2019", "in early March".
_DATE_PHRASE = r"(?:\b(?:in|on|since|by|until|from|last|this|next|early|late|mid)[\s-]+)*(?:early\s+|late\s+)?{value}\b(?:\s+\d{{1,2}}\b)?(?:,?\s+\d{{4}}\b)?\s*,?\s*"
_NAME_BEFORE = r"((?:[A-Z][\w'’.-]*\s+)*[A-Z][\w'’.-]*),?\s+(?:aged\s+)?{value}\b"
_CLAUSE_END = re.compile(r"\s*(?:[,;:(]|\s[—–-]\s)")
CLAUSE_WORDS = 12  # at most this many of the line's words say what a date is the date of


def what_differs(line: str, value: str, kind: str) -> str:
    """The detail outlets give different values for, worded for a reader from the line that carries
    one value: for an age, whose age ("Assange's age"); for a month or weekday, when what happened
    ("When NASA awarded the first three contracts under the program")."""
    if kind == "age":
        named = re.search(_NAME_BEFORE.format(value=re.escape(value)), line)
        return f"{named.group(1)}'s age" if named else "The age given"
    rest = re.sub(_DATE_PHRASE.format(value=re.escape(value)), " ", line, count=1, flags=re.I)
    clause = _CLAUSE_END.split(" ".join(rest.split()).lstrip(",;:—– "), maxsplit=1)[0].rstrip(".!?\"'”’ ")
    words = clause.split()
    if not words:
        return f"The {kind}"
    if words[0].lower() in ("the", "a", "an", "this", "that", "its", "his", "her", "their", "our"):
        words[0] = words[0].lower()  # the clause's opening capital was the line's
    shown = " ".join(words[:CLAUSE_WORDS]) + (" …" if len(words) > CLAUSE_WORDS else "")
    return "When " + shown
