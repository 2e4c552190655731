"""Does this article report this line? The line's checkable elements, looked for in the article.

Sharing words is not reporting a fact: two articles on one story share most of their words, and a
line can carry a detail (a number, a month, who said it) that another outlet gives differently or
not at all. A line is reported by an article only when

- some passage of the article (one sentence, or two in a row) carries most of the line's content
  words, weighted by how rare each word is in the story (`coverage`, the matcher's threshold), and
- the article carries every checkable element of the line:
  - each number, in digits or words ("six" = 6, "2 days" = "two days", "$449,000" = "$449000");
  - each month and weekday named;
  - each direct quotation: most of its words, in order (its word pairs, `QUOTE_SHARE`);
  - the person or body the line attributes it to ("…, Kirby said");
  - the names the line rests on (runs of capitalised words; an acronym stands for its spelled-out
    name and back).

An article whose matching passage gives another value for an element — another month, another
figure with the same unit, another age for the person — *disagrees* with the line: it is reported as
a disagreement, never cited. An article that only shares the topic does neither.

Everything here reads the line's form (digits, capitals, quotation marks, "said"), so it works the
same for any site and any topic.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..language import lone_capital_is_name, stop_words
from ..summarize.terms import sentence_terms

# One passage (a sentence or two in a row) must tell the fact: a fair share of the line's words
# together, not scattered over the article.
PASSAGE_BAR = 0.5
QUOTE_SHARE = 0.5  # share of a quotation's word pairs the article must hold, in the same order
NAME_SHARE = 0.5  # share of a multi-word name's words the article must hold ("Sierra Nevada Corp.")
MIN_QUOTE_WORDS = 3  # shorter quotations ("actively advancing") are checked as words, not as quotes
WINDOW = 2  # sentences in a row that may carry the line together
NEAR = 1  # sentences either side of that passage where the line's speaker may stand

_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10,
}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
_MONTH = re.compile(
    r"\b(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b(\.?)"
)
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b")
# A figure: digits (with thousands commas or decimals, an ordinal suffix, a currency sign), or a
# number word; a scale word after it multiplies it ("25 million").
_FIGURE = re.compile(
    r"(?<![\w.])(?P<cur>[$£€])?(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:st|nd|rd|th)?(?![\d])"
    r"(?:\s+(?P<scale>thousand|million|billion|trillion)\b)?"
    r"|\b(?P<word>" + "|".join(sorted(set(_NUMBER_WORDS) - {"first", "second"}, key=len, reverse=True)) + r")\b"
    r"(?:\s+(?P<wscale>thousand|million|billion|trillion)\b)?",
    re.I,
)
# An age as outlets write it: "Assange, 47," / "the 48-year-old" / "aged 48".
_AGE = re.compile(r"[A-Z][\w’'-]+, (\d{1,3}),|\b(\d{1,3})-year-old\b|\baged (\d{1,3})\b")
_QUOTATION = re.compile(r'"([^"]+)"|“([^”]+)”')
_WORD = re.compile(r"[\w’'-]+")
# Who the line says said it: "…, Kirby said." / "Johnston said in a statement" / "said Mr. Kirby" /
# "according to Reuters" — a run of capitalised words next to a verb of saying.
_SAYING = r"(?:said|says|wrote|writes|told|tells|added|adds|noted|notes|warned|stated|explained|announced)"
_NAME_RUN = r"(?:[A-Z][\w.’'-]*)(?:\s+(?:of\s+|the\s+)?[A-Z][\w.’'-]*)*"
_SPEAKER = re.compile(
    rf"(?:^|[,;:]\s+|\s)(?:the\s+)?(?P<before>{_NAME_RUN})(?:\s+of\s+the\s+{_NAME_RUN})?,?\s+{_SAYING}\b"
    rf"|\b{_SAYING}\s+(?P<after>{_NAME_RUN})|\b[Aa]ccording to\s+(?:(?:a|an|the)\s+[a-z]+(?:\s+[a-z]+)?\s+(?:in|by|from|of)\s+)?(?:the\s+)?(?P<source>{_NAME_RUN})"
)
_CAPITALISED = re.compile(r"[A-Z][\w’'-]*|[A-Z](?:\.[A-Z])+\.?")
_DOTTED = re.compile(r"\b(?:[A-Z]\.){2,}")  # "U.S.", "U.N."
_DOMAIN = re.compile(r"[A-Za-z][\w-]*\.(?:com|org|net|gov|edu|co\.uk|io)", re.I)
# Capitalised words that are no name: sentence glue, titles and calendar words.
_NOT_NAMES = frozenset(
    """the a an and but or in on at of for to from by with as after before during while when if this that
    these those it its he she they his her their we our i my you your mr mrs ms dr jr sr st
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
    president prime minister secretary spokesman spokeswoman spokesperson director deputy chief senator
    sen rep gov governor judge officer officials defenseman winger""".split()
)


@dataclass(frozen=True)
class Elements:
    """What in a line can be checked against another article."""

    numbers: frozenset[float]
    ages: frozenset[int]
    months: frozenset[int]
    weekdays: frozenset[str]
    quotes: tuple[tuple[str, ...], ...]  # each quotation's normalised words
    speaker: tuple[str, ...]  # lower-cased words of who it is attributed to (empty: no one named)
    names: tuple[tuple[str, ...], ...]  # lower-cased words of each name run (places left out: "in Ithaca")


@dataclass(frozen=True)
class Finding:
    """How one article stands to one line."""

    coverage: float  # weighted share of the line's content words in the article's best passage
    detail: float  # weighted share of the line's content words anywhere in the article
    passage: tuple[int, ...]  # the article's sentences (indexes into its own list) of that passage
    missing: tuple[str, ...]  # checkable elements of the line the article does not carry
    conflicts: tuple[tuple[str, str, str], ...]  # (kind, the line's value, the article's value)

    def reports(self, threshold: float) -> bool:
        """One passage tells the fact, the article carries the line's details and every element."""
        return self.coverage >= PASSAGE_BAR and self.detail >= threshold and not self.missing and not self.conflicts

    def disagrees(self, threshold: float) -> bool:
        """Same passage, another value: the article tells this fact differently."""
        return self.coverage >= PASSAGE_BAR and self.detail >= threshold and bool(self.conflicts)


def normalised_words(text: str) -> tuple[str, ...]:
    """Lower-cased words, number words as digits, thousands commas dropped: "two days" = "2 days"."""
    out = []
    for w in _WORD.findall(text.replace(",000", "000").replace("’", "'")):
        low = w.lower().strip("'-")
        if not low:
            continue
        if low.endswith("'s"):
            low = low[:-2]
        out.append(str(_NUMBER_WORDS[low]) if low in _NUMBER_WORDS else low)
    return tuple(out)


def _figure_values(text: str) -> set[float]:
    values = set()
    for m in _FIGURE.finditer(text):
        if m.group("num"):
            value = float(m.group("num").replace(",", ""))
            scale = m.group("scale")
        else:
            value = float(_NUMBER_WORDS[m.group("word").lower()])
            scale = m.group("wscale")
        values.add(round(value * _SCALES.get((scale or "").lower(), 1), 6))
    return values


def _months(text: str) -> set[int]:
    found = set()
    for m in _MONTH.finditer(text):
        word = m.group(1)
        if word == "May" and not re.match(r"\s*\d", text[m.end():]) and not re.search(r"\b(?:in|of|since|until|by|early|late|mid)\s*$", text[: m.start()], re.I):
            continue  # "May" opening a sentence is as often the verb
        if len(word) == 3 and word != "May" and not m.group(2) and not re.match(r"\s*\d", text[m.end():]):
            continue  # "Mar", "Jun" bare: likely a name
        found.add(_MONTHS[word[:3].lower()])
    return found


def _ages(text: str) -> set[int]:
    return {int(next(g for g in m.groups() if g)) for m in _AGE.finditer(text)}


def _outside_quotes(text: str) -> str:
    return _QUOTATION.sub(" ", text)


def _name_runs(text: str, language: str = "en") -> list[tuple[str, ...]]:
    """Runs of capitalised words outside quotations, sentence-opening glue and calendar words left out."""
    return [run for run, _ in _located_name_runs(text, language)]


# A name right after one of these is where something happened, not who did it: "of Addison", "in
# Aberdeenshire, Scotland", "southwest of Ithaca".
_LOCATIVE = frozenset("in at near from outside inside across throughout".split()) | {"of"}
# A party-and-state tag after a lawmaker's name: "D-Minn.", "R-Texas".
_PARTY_TAG = re.compile(r"^[DRI]-[A-Z][a-z]*\.?$")
# a word with two capitals or more: an acronym or an abbreviated name ("AfD", "DB", "iOS" aside)
_SEVERAL_CAPITALS = re.compile(r"\b\w*[A-ZÄÖÜ]\w*[A-ZÄÖÜ]\w*\b")


def _located_name_runs(text: str, language: str = "en") -> list[tuple[tuple[str, ...], bool]]:
    """Each name run, and whether it names a place. Where a language capitalises every noun (German),
    a lone capitalised word is no name ("Sitz", "Aufsichtsrat"): only runs of two or more words and
    acronyms ("AfD", "DB") are."""
    runs = _capitalised_runs(text, language)
    if lone_capital_is_name(language):
        return runs
    acronyms = {m.group().lower() for m in _SEVERAL_CAPITALS.finditer(text)}
    return [(run, place) for run, place in runs if len(run) > 1 or run[0] in acronyms]


def _capitalised_runs(text: str, language: str) -> list[tuple[tuple[str, ...], bool]]:
    """Each name run, and whether it names a place (it follows a locative preposition, or stands
    alone after a comma right after such a place: "in Aberdeenshire, Scotland")."""
    glue = stop_words(language) if language != "en" else frozenset()
    runs: list[tuple[tuple[str, ...], bool]] = []
    previous_part_place = False
    for part in re.split(r"[,;:()—–\"“”]|\.\s", _outside_quotes(text)):
        tokens = part.split()
        current: list[str] = []
        located = False
        part_runs: list[tuple[tuple[str, ...], bool]] = []
        for position, token in enumerate(tokens):
            word = token.strip(".’'\"“”‘")
            if word.endswith(("’s", "'s")):
                word = word[:-2]
            capital = bool(_CAPITALISED.fullmatch(word) or _DOMAIN.fullmatch(word)) and word.lower() not in _NOT_NAMES
            capital = capital and word.lower() not in glue
            if _PARTY_TAG.match(token.strip(",")):
                capital = False
            opening = position == 0 and _opens_sentence(text, part)
            if opening and capital:  # capitalised by grammar, unless the next word is a name too ("Bloomberg News")
                following = tokens[position + 1].strip(".’'\"“”‘") if position + 1 < len(tokens) else ""
                capital = bool(_CAPITALISED.fullmatch(following)) and following.lower() not in _NOT_NAMES
            if capital:
                if not current:
                    located = position > 0 and tokens[position - 1].lower() in _LOCATIVE
                current.append(word.lower())
            elif current and word.lower() in ("of",) and position + 1 < len(tokens) and tokens[position + 1][:1].isupper():
                continue
            else:
                if current:
                    part_runs.append((tuple(current), located))
                current = []
        if current:
            part_runs.append((tuple(current), located))
        if previous_part_place and len(part_runs) == 1 and len(tokens) == len(part_runs[0][0]):
            part_runs = [(part_runs[0][0], True)]
        runs += part_runs
        previous_part_place = bool(part_runs) and part_runs[-1][1]
    return runs


def _opens_sentence(text: str, part: str) -> bool:
    """Whether `part` starts the line (its first word is capitalised by grammar)."""
    return text.lstrip(" \"“‘'(").startswith(part.strip())


def _speaker(text: str) -> tuple[str, ...]:
    outside = _outside_quotes(text)
    for m in _SPEAKER.finditer(outside):
        name = m.group("before") or m.group("after") or m.group("source")
        words = [w.strip(".’'").lower() for w in name.split()]
        words = [w for w in words if w and w not in _NOT_NAMES]
        if words:
            return tuple(words)
    return ()


@lru_cache(maxsize=50_000)
def elements(text: str, language: str = "en") -> Elements:
    quotes = []
    for m in _QUOTATION.finditer(text):
        quoted = normalised_words(m.group(1) or m.group(2))
        if len(quoted) >= MIN_QUOTE_WORDS:
            quotes.append(quoted)
    outside = _outside_quotes(text)
    return Elements(
        numbers=frozenset(_figure_values(outside)),
        ages=frozenset(_ages(outside)),
        months=frozenset(_months(outside)),
        weekdays=frozenset(m.group(1) for m in _WEEKDAY.finditer(outside)),
        quotes=tuple(quotes),
        speaker=_speaker(text),
        names=tuple(run for run, place in _located_name_runs(text, language) if not place),
    )


@dataclass(frozen=True)
class ArticleFacts:
    """What an article carries, read once: its words, word pairs, figures, months, weekdays, ages."""

    words: frozenset[str]
    sorted_words: tuple[str, ...]  # the same, sorted: a word's longer forms are found by bisection
    pairs: frozenset[tuple[str, str]]
    initials: frozenset[str]  # initials of its capitalised runs ("United Nations" → "un")
    numbers: frozenset[float]
    ages: frozenset[int]
    months: frozenset[int]
    weekdays: frozenset[str]


@lru_cache(maxsize=4096)
def article_facts(text: str) -> ArticleFacts:
    normal = normalised_words(text)
    pairs = {(a, b) for a, b in zip(normal, normal[1:])}
    initials = set()
    for run in re.findall(r"[A-Z][\w’'-]*(?:\s+(?:of\s+|the\s+|and\s+)?[A-Z][\w’'-]*)+", text):
        initials.add("".join(w[0] for w in run.split() if w[:1].isupper()).lower())
    lowered = set(normal) | {m.group().replace(".", "").lower() for m in _DOTTED.finditer(text)}
    return ArticleFacts(
        words=frozenset(lowered),
        sorted_words=tuple(sorted(lowered)),
        pairs=frozenset(pairs),
        initials=frozenset(initials),
        numbers=frozenset(_figure_values(text)),
        ages=frozenset(_ages(text)),
        months=frozenset(_months(text)),
        weekdays=frozenset(m.group(1) for m in _WEEKDAY.finditer(text)),
    )


def _quote_found(quote: tuple[str, ...], facts: ArticleFacts) -> bool:
    pairs = list(zip(quote, quote[1:]))
    return sum(p in facts.pairs for p in pairs) >= QUOTE_SHARE * len(pairs)


def _word_found(word: str, facts: ArticleFacts) -> bool:
    """The word, or a longer or shorter form of it: "Esc" / "escape", "Corp" / "Corporation", "Korean" / "Korea"."""
    word = word.replace(".", "")
    if word in facts.words:
        return True
    if len(word) >= 3:
        at = bisect.bisect_left(facts.sorted_words, word)
        if at < len(facts.sorted_words) and facts.sorted_words[at].startswith(word):
            return True
    # a demonym or plural of a name the article gives: "Korean" / "Korea", "Russian" / "Russia"
    return any(word[:n] in facts.words for n in range(max(4, len(word) - 2), len(word)))


def _name_found(run: tuple[str, ...], facts: ArticleFacts) -> bool:
    joined = "".join(run).replace(".", "")
    if len(run) == 1 and joined in facts.initials:
        return True  # "UN" for "United Nations"
    if len(run) > 1 and "".join(w[0] for w in run) in facts.words:
        return True  # "United Nations" for "UN"
    if len(run) == 1 and _DOMAIN.fullmatch(run[0]):  # "LiveNation.com": the site's name
        return run[0].rsplit(".", 1)[0].replace(".co", "") in facts.words
    if len(run) == 1:  # one word: all of it ("Nano-Satellite" as its parts)
        return _word_found(run[0], facts) or all(_word_found(p, facts) for p in re.split(r"[-.]", run[0]) if p)
    found = sum(_word_found(w, facts) for w in run)
    # two words are one name ("Associated Press"); a longer name may be shortened ("Sierra Nevada Corp.")
    return found == len(run) if len(run) <= 2 else found >= math.ceil(NAME_SHARE * len(run))


def _speaker_found(speaker: tuple[str, ...], facts: ArticleFacts, near: ArticleFacts) -> bool:
    """The speaker is named in the article, and beside the passage by name or surname ("Kirby said"
    after "John Kirby" was introduced further up)."""
    return _name_found(speaker, facts) and (_name_found(speaker, near) or _word_found(speaker[-1], near))


def missing_elements(line: Elements, facts: ArticleFacts, near: ArticleFacts | None = None) -> list[str]:
    """The line's elements the article lacks. Who said it must stand `near` the passage that tells
    the fact (a source the article names for another of its facts is not this fact's source);
    figures, dates, quotations and names may stand anywhere in the article."""
    near = near or facts
    missing = [f"number {v:g}" for v in sorted(line.numbers) if v not in facts.numbers]
    missing += [f"month {m}" for m in sorted(line.months) if m not in facts.months]
    missing += [f"quote {' '.join(q[:6])}…" for q in line.quotes if not _quote_found(q, facts)]
    if line.speaker and not _speaker_found(line.speaker, facts, near):
        missing.append("speaker " + " ".join(line.speaker))
    missing += ["name " + " ".join(run) for run in line.names if not _name_found(run, facts)]
    return missing


def conflicts(line: Elements, line_text: str, passage_text: str, facts: ArticleFacts) -> list[tuple[str, str, str]]:
    """Elements the article's matching passage gives another value for (a disagreement)."""
    found: list[tuple[str, str, str]] = []
    if not (line.months - facts.months or line.weekdays - facts.weekdays or line.ages):
        return found  # nothing the passage could give another value for (an age is read article-wide)
    passage = elements(passage_text)
    for month in sorted(line.months - facts.months):
        for other in sorted(passage.months - line.months):
            found.append(("month", _MONTH_NAMES[month], _MONTH_NAMES[other]))
    for weekday in sorted(line.weekdays - facts.weekdays):
        for other_day in sorted(passage.weekdays - line.weekdays):
            found.append(("weekday", weekday, other_day))
    # An age is the person's, wherever the article gives it: one age there, another in the line.
    if line.ages and not line.ages & facts.ages and len(facts.ages) == 1:
        found.append(("age", str(min(line.ages)), str(min(facts.ages))))
    return found


_MONTH_NAMES = {i: name for i, name in enumerate(
    "January February March April May June July August September October November December".split(), start=1)}


def coverage_of(line_terms: frozenset[str], passage_terms: frozenset[str], weight: dict[str, float]) -> float:
    total = sum(weight.get(t, 1.0) for t in line_terms)
    return sum(weight.get(t, 1.0) for t in line_terms & passage_terms) / total if total else 0.0


def judge(
    line_text: str,
    line_terms: frozenset[str],
    article_texts: Sequence[str],
    article_terms: Sequence[frozenset[str]],
    weight: dict[str, float],
    facts: ArticleFacts | None = None,
    everything: frozenset[str] | None = None,
    hits: Mapping[int, frozenset[str]] | None = None,
    language: str = "en",
) -> Finding:
    """How the article (its sentences and their terms) stands to the line. `facts` and `everything`
    (every term of the article) may be given when the caller has them already: a story's lines are
    judged against each of its articles, so an article is read once, not once per line; so may `hits`
    (the line's terms in each of the article's sentences that holds any)."""
    best, passage = _best_passage(line_terms, article_terms, weight, hits)
    for clause in _clauses(line_text, line_terms):
        # "X said that A, and that B": two statements, each told by the article
        best = min(best, _best_passage(clause, article_terms, weight)[0])
    facts = facts or article_facts("\n".join(article_texts))
    if everything is None:
        everything = frozenset().union(*article_terms) if article_terms else frozenset()
    line = elements(line_text, language)
    first = max(0, passage[0] - NEAR) if passage else 0
    end = min(len(article_texts), passage[-1] + 1 + NEAR) if passage else 0
    # what stands beside the passage matters only for who said it: read only when the line names someone
    near = article_facts(" ".join(article_texts[first:end])) if line.speaker else None
    return Finding(
        coverage=round(best, 6),
        detail=round(coverage_of(line_terms, _carried(line_terms, everything), weight), 6),
        passage=passage,
        missing=tuple(missing_elements(line, facts, near)),
        conflicts=tuple(conflicts(line, line_text, " ".join(article_texts[i] for i in passage), facts)),
    )


def _best_passage(
    line_terms: frozenset[str],
    article_terms: Sequence[frozenset[str]],
    weight: dict[str, float],
    hits: Mapping[int, frozenset[str]] | None = None,
) -> tuple[float, tuple[int, ...]]:
    """The article's sentences (one, or `WINDOW` in a row) holding most of the line's weighted words.
    `hits`: the line's terms in each sentence that holds any (by index into the article), when the
    caller knows them; the other sentences add nothing to a passage."""
    total = sum(weight.get(t, 1.0) for t in line_terms)
    if not total:
        return 0.0, ()
    if hits is None:
        hits = {k: found for k, terms in enumerate(article_terms) if (found := line_terms & terms)}
    # passages in the order a scan from the first sentence meets them, so ties go to the earliest;
    # a passage with no sentence holding the line's words scores nothing and is passed over
    starts = sorted({k - back for k in hits for back in range(WINDOW) if k - back >= 0})
    empty: frozenset[str] = frozenset()
    best, passage = 0.0, tuple[int, ...]()
    for start in starts:
        found = empty
        for end in range(start, min(start + WINDOW, len(article_terms))):
            found = found | hits.get(end, empty)
            if not found:
                continue
            score = sum(weight.get(t, 1.0) for t in found) / total
            if score > best + 1e-9:
                best, passage = score, tuple(range(start, end + 1))
    return best, passage


# Reported speech joining two statements: "Kirby said that Putin and Kim had exchanged letters and
# that the minister's visit included talks on arms deals."
_TWO_STATEMENTS = re.compile(r"^(?P<lead>.*?\b(?:said|says|told \w+|added|noted|warned) that\s)(?P<first>.+?),?\s+and that\s+(?P<second>.+)$")


def statements(line_text: str) -> int:
    """How many statements the line reports: 2 for "X said that A and that B", else 1."""
    return 2 if _TWO_STATEMENTS.match(_outside_quotes(line_text)) else 1


@lru_cache(maxsize=50_000)
def _clauses(line_text: str, line_terms: frozenset[str]) -> tuple[frozenset[str], ...]:
    """The line's terms of each statement, when it reports two (else nothing)."""
    match = _TWO_STATEMENTS.match(_outside_quotes(line_text))
    if not match:
        return ()
    clauses = []
    for part in (match.group("first"), match.group("second")):
        text = match.group("lead") + part
        words = set(sentence_terms(text)) | {w for w in re.findall(r"[A-Z][A-Z.]+", text.replace(".", ""))}
        clauses.append(frozenset(t for t in line_terms if t in words))
    return tuple(clauses)


def _carried(line_terms: frozenset[str], article_terms: frozenset[str]) -> frozenset[str]:
    """The line's terms the article carries, also in another form: "inverted-T" as "inverted",
    "Esc" as "escape" (a longer word the line's word begins)."""
    found = set(line_terms & article_terms)
    missing = line_terms - found
    if not missing:
        return frozenset(found)
    ordered = sorted(article_terms)
    for term in missing:
        parts = [p for p in term.split("-") if len(p) >= 3]
        if len(parts) >= 1 and "-" in term and all(
            any(t in article_terms for t in sentence_terms(p)) or p in article_terms for p in parts
        ):
            found.add(term)
            continue
        if len(term) >= 3 and term.isalpha():
            at = bisect.bisect_left(ordered, term)
            if at < len(ordered) and ordered[at].startswith(term) and ordered[at] != term:
                found.add(term)
    return frozenset(found)


def story_weights(terms: Sequence[frozenset[str]]) -> dict[str, float]:
    """Inverse sentence frequency of each term within the story: the names every sentence carries weigh little."""
    df: dict[str, int] = {}
    for ts in terms:
        for t in ts:
            df[t] = df.get(t, 0) + 1
    n = len(terms)
    return {t: math.log((n + 1) / (d + 0.5)) for t, d in df.items()}
