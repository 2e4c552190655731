"""What an article is about — its focus — and whether two articles share it.

Articles on one topic can tell different stories: a share listing and a police siege, both in Hong
Kong; two hockey recaps of different games on one night; a rumour about one laptop and a review of
its bigger sibling. TF-IDF similarity sees the shared topic words. What tells the stories apart is
whom or what each article is about, and that is what its opening keeps naming:

- its **central names**: the names its opening mentions, each weighed by how often it is named there,
  plus a bonus when the headline names it too; a name named once and not in the headline is
  background;
- its **central model**: a product named with a model number ("the 13-inch MacBook Pro", "iPhone 11"),
  the one named most, if it is named twice or in the headline.

Two similar articles are not one story when one is about something the other does not report: its
headline's subject is not named in the other's text, nor two thirds of its focus (by weight); or it
is about a model the other names only in other numbers. A later development of a story names the
same people, places and things, so it passes; a buying guide, an explainer or another game names
its own. An article too short to judge, or with no central name (a story about an unnamed man),
passes: there is nothing to compare, and TF-IDF similarity decides alone.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from ..model import Article

FOCUS_WORDS = 150  # the opening that says whom an article is about (as the clustering's lead)
TEXT_WORDS = 600  # how far into the other article a name is looked for
MIN_BODY_WORDS = 40  # below this (a headline, a teaser) there is too little text to judge
SHARED_FOCUS = 2 / 3  # the share of an article's focus the other must name to be one story
TITLE_BONUS = 2  # a name in the headline counts as two more mentions
CENTRAL_WEIGHT = 2  # a name counted less than this is background, not focus

_TOKEN = re.compile(r"[^\W_](?:[\w'’&-]|\.(?=\w))*|[.!?;:]")  # a full stop inside "U.S" stays in the word
_POSSESSIVE = re.compile(r"['’]s$")
_QUOTES = "\"“”‘’'"
_CONTRACTION = re.compile(r"['’](?:re|ll|ve|d|m|t)$", re.IGNORECASE)
# Calendar words are capitalised, but a day or month says when, not whom a story is about.
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# A model number: a number with its unit before a name ("13-inch MacBook"), or a plain number after
# a name ("iPhone 11", "Series 3") that is not part of a score, a date or a decimal ("4-1", "3.5").
_PRODUCT = r"(?:[A-Z]|[a-z][A-Z])[\w-]*[A-Za-z]"  # "MacBook", "Series", "iPhone"
_UNIT_MODEL = re.compile(r"\b(\d{1,4})[- ](?i:inch|mm|cm|gb|tb)\b[\s-]+(" + _PRODUCT + ")")
_NUMBERED_MODEL = re.compile(r"\b(" + _PRODUCT + r")\s+(\d{1,3})\b(?![-–.,:/]?\d)(?![- ](?i:inch|mm|cm|gb|tb)\b)")


@dataclass(frozen=True)
class Focus:
    """One article's focus: central names (head word, weight), its central model (name, number) and
    every model its headline and opening name, and the words of its text where another article's
    names are looked for."""

    names: tuple[tuple[str, int], ...]
    headline_names: tuple[str, ...]  # the central names the headline names too: its subject
    model: tuple[str, str] | None
    models: frozenset[tuple[str, str]]
    words: tuple[str, ...]  # sorted, so a name's stem is found by bisection
    judged: bool  # enough text to tell what it is about


@lru_cache(maxsize=200_000)
def normal(word: str) -> str:
    """A word as names are compared: lower case, no possessive, no plural s."""
    word = _POSSESSIVE.sub("", word.lower().strip(".-'’&"))
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


def name_heads(text: str) -> list[str]:
    """The head word (the last word: a surname, "Kong", "Islanders") of each name in `text`, once
    per mention. A run of capitalised words is one name; a capitalised word that only opens a
    sentence is a name only if the text also capitalises it elsewhere."""
    spans: list[tuple[list[str], bool]] = []
    current: list[str] = []
    opens = sentence_start = True
    tokens = _TOKEN.findall(text)
    for token in tokens:
        word = token.strip(_QUOTES)
        if token in ".!?;:":
            if current:
                spans.append((current, opens))
                current = []
            sentence_start = token in ".!?"
            continue
        if word[:1].isupper():
            if not current:
                opens = sentence_start
            current.append(word)
        elif current:
            spans.append((current, opens))
            current = []
        sentence_start = False
    if current:
        spans.append((current, opens))
    heads: list[tuple[str, bool]] = []
    for words, opens in spans:
        while words and words[0].lower() in ENGLISH_STOP_WORDS:
            words, opens = words[1:], False
        while words and (words[-1].lower() in ENGLISH_STOP_WORDS or _CONTRACTION.search(words[-1])):
            words = words[:-1]
        if words:
            heads.append((normal(words[-1]), opens and len(words) == 1))
    named_mid_sentence = {head for head, opens in heads if not opens}
    # a word the text also writes in lower case ("just", "wild") is a word, not a name
    plain = {normal(t) for t in tokens if t.strip(_QUOTES)[:1].islower()}
    return [
        head for head, _ in heads
        if head in named_mid_sentence and head not in plain and len(head) > 1
        and head not in _CALENDAR and head not in ENGLISH_STOP_WORDS
    ]


def models_named(text: str) -> Counter:
    """(name, number) for each product named with a model number in `text`."""
    found: Counter = Counter()
    named = [(m.group(2), m.group(1)) for m in _UNIT_MODEL.finditer(text)]
    named += [(m.group(1), m.group(2)) for m in _NUMBERED_MODEL.finditer(text)]
    for name, number in named:
        if normal(name) not in _CALENDAR and name.lower() not in ENGLISH_STOP_WORDS:
            found[(normal(name), number)] += 1
    return found


def focus_of(article: Article) -> Focus:
    words = article.body.split(None, TEXT_WORDS)[:TEXT_WORDS]
    opening = " ".join(words[:FOCUS_WORDS])
    title_words = {normal(w) for w in _TOKEN.findall(article.title)}
    weights = Counter(name_heads(opening))
    for head in weights:
        weights[head] += TITLE_BONUS if head in title_words else 0
    names = tuple(sorted((head, w) for head, w in weights.items() if w >= CENTRAL_WEIGHT))
    in_title = models_named(article.title)
    models = in_title + in_title + models_named(opening)  # the headline's model counts twice more
    model = min(models, key=lambda m: (-models[m], m)) if models else None
    if model is not None and models[model] < CENTRAL_WEIGHT:  # named once in passing: not what it is about
        model = None
    text = article.title + " " + " ".join(words[:TEXT_WORDS])
    return Focus(
        names=names,
        headline_names=tuple(head for head, _ in names if head in title_words),
        model=model,
        models=frozenset(models),
        # only capitalised words: a name is matched by a name ("Wild" the team, not "wild" rabbits)
        words=tuple(sorted({normal(w) for w in set(_TOKEN.findall(text)) if w[:1].isupper()})),
        judged=len(words) >= MIN_BODY_WORDS,
    )


def names(words: tuple[str, ...], head: str) -> bool:
    """Does a text with these (sorted) words name `head`? A name and its derived forms agree on all
    but their last three letters, and on four at least: Britain and British, China and Chinese."""
    stem = head[: max(4, len(head) - 3)]
    at = bisect_left(words, stem)
    return at < len(words) and words[at].startswith(stem)


def named_share(focus: Focus, other: Focus) -> float:
    """The share of `focus`'s central names (by weight) that `other`'s text names."""
    total = sum(w for _, w in focus.names)
    return sum(w for head, w in focus.names if names(other.words, head)) / total if total else 1.0


def other_model(focus: Focus, other: Focus) -> bool:
    """Is `focus` about a model that `other` names only in other numbers?"""
    if focus.model is None:
        return False
    name, number = focus.model
    numbers = {n for m, n in other.models if m == name}
    return bool(numbers) and number not in numbers


def same_story(a: Focus, b: Focus) -> bool:
    """Can articles with these focuses be one story? Always yes when either is too short to judge or
    names nothing centrally (an article about "a man" and his duvet has no names to compare)."""
    if not (a.judged and b.judged and a.names and b.names):
        return True
    if other_model(a, b) or other_model(b, a):
        return False
    return not (about_another(a, b) or about_another(b, a))


def about_another(focus: Focus, other: Focus) -> bool:
    """Is the article of `focus` about something `other` does not report: its headline's subject is
    not named there, nor most of what its opening keeps naming?"""
    subject_missing = any(not names(other.words, head) for head in focus.headline_names)
    return subject_missing and named_share(focus, other) < SHARED_FOCUS
