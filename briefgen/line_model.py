"""A learned second opinion on each line of a scraped page: article or page furniture.

The rules in clean.py judge a line by its own shape and find the article's region; they miss what
only the neighbourhood shows: a box of headlines inside the region ("Related" over two links) is
kept as subheads, a caption or a call to subscribe between two paragraphs reads like one, a
paragraph just outside the region may or may not be the article's. In the spirit of
Kohlschütter et al., "Boilerplate detection using shallow text features" (WSDM 2010), each line is
described by shallow features of its own text, the same features of the lines around it, and what
the rules made of it; a logistic regression trained on real pages with gold text
(bench/train_lines.py, pages whose id starts 0–7 only) turns them into a probability that the line
belongs to the article. Its weights are plain JSON beside this file (line_model.json): no
scikit-learn at run time, and a reviewer can read which feature pushes which way.
"""

from __future__ import annotations

import json
from bisect import bisect_left
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

WORD = re.compile(r"\w+(?:['’.-]\w+)*")
_SENTENCE_END = re.compile(r"[.!?。！？؟۔][\"'”’」』)\]]*$")
_DIGIT = re.compile(r"\d")
# Function words of the languages most pages are in: prose is full of them, menus and headlines are
# not. (A share, not a language test: a page in another language just scores low on all its lines.)
FUNCTION_WORDS = frozenset(
    """a an and are as at be by for from has have he her his in is it its of on or she that the their
    they this to was were which who will with der die das und ist von zu den mit sich des auf für
    le la les et est un une des du en que qui dans pour pas sur el los las y es por con para del
    il di che non per con della sono o e da na um uma os não com para""".split()
)
# Words that speak to the reader: calls to subscribe, cookie notices, "see more" boxes address "you";
# reporting mostly does not.
_READER = frozenset("you your yours we our us vous votre você seu sua".split())
# "Read more: …", "Image caption …", "SEE MORE: …": a short label before a colon or a caption cue.
_LABEL = re.compile(r"^\W*\w+(?:\s+\w+){0,2}\s*:|^(?:image|media|photo) caption\b", re.I)


@dataclass(frozen=True)
class LineFacts:
    """What the rules in clean.py found out about one line, handed to the model as features."""

    text: str
    n_words: int
    kind: str  # "prose", "other" or "junk", after the section rules
    rule_junk: bool  # junk by its own form (credits, copyright, calls to action, ...)
    repeated: bool  # the same line appears elsewhere on the page
    in_region: bool  # inside the article's main region
    rule_keep: bool  # what the rules alone would keep
    announced: bool = False  # a cell or item of a table or list inside the article, under "…:"


def _own(fact: LineFacts) -> list[float]:
    """Shallow features of one line's text."""
    text = fact.text
    tokens = WORD.findall(text)
    n = max(len(tokens), 1)
    chars = max(len(text.replace(" ", "")), 1)
    return [
        math.log1p(fact.n_words),
        # mean word length, over clean.py's word count (Chinese and Japanese at two characters a word)
        min(sum(len(t) for t in tokens) / max(fact.n_words, 1), 15.0) / 5.0,
        sum(t[0].isupper() for t in tokens) / n,  # share of capitalised words
        float(bool(_SENTENCE_END.search(text))),
        len(_DIGIT.findall(text)) / chars,
        sum(t.lower() in FUNCTION_WORDS for t in tokens) / n,
        min(text.count(",") / n, 1.0),
        sum(t.lower() in _READER for t in tokens) / n,
        sum(c.isupper() for c in text) / chars,
        float(bool(_LABEL.match(text))),
        float(text.endswith(("...", "…"))),
        float(text[:1].islower()),
        float(fact.kind == "prose"),
        float(fact.kind == "junk"),
        float(fact.rule_junk),
        float(fact.repeated),
        float(fact.rule_keep),
    ]


OWN_FEATURES = [
    "log_words", "word_length", "capitalised", "sentence_end", "digits", "stopwords", "commas",
    "reader_words", "upper_case", "label_colon", "ellipsis", "lower_start", "prose", "junk", "rule_junk", "repeated", "rule_keep",
]
_NEIGHBOURS = (-2, -1, 1, 2)


def _runs(facts: list[LineFacts]) -> list[tuple[int, int]]:
    """For every line, the [start, end) of the run of non-prose lines it stands in (a prose line is
    a run of its own): menus and link lists are long runs of short lines; a subhead stands alone
    between paragraphs; a table or a list of ingredients is a long run right under the article."""
    runs = [(i, i + 1) for i in range(len(facts))]
    i = 0
    while i < len(facts):
        j = i
        while j < len(facts) and facts[j].kind != "prose":
            j += 1
        runs[i:j] = [(i, j)] * (j - i)
        i = max(j, i + 1)
    return runs


def _run_profile(facts: list[LineFacts], own: list[list[float]], run: tuple[int, int]) -> list[float]:
    """What the run a line stands in looks like as a whole: a menu is capitalised words without
    digits or function words; a table has digits; a list the article introduces ("…these ten:")
    follows a line ending with a colon."""
    start, end = run
    cells = own[start:end]
    columns = (OWN_FEATURES.index(name) for name in ("capitalised", "digits", "stopwords"))
    capitalised, digits, stopwords = (sum(row[k] for row in cells) / len(cells) for k in columns)
    introduced = start > 0 and facts[start - 1].text.rstrip().endswith(":")
    touches_region = (start > 0 and facts[start - 1].in_region) or (end < len(facts) and facts[end].in_region)
    return [math.log1p(end - start), capitalised, digits, stopwords, float(introduced), float(touches_region)]


def _prose_nearby(facts: list[LineFacts], i: int, radius: int = 5) -> float:
    window = facts[max(0, i - radius) : i + radius + 1]
    return sum(f.kind == "prose" for f in window) / len(window)


def _neighbours(facts: list[LineFacts]) -> list[list[int | None]]:
    """For every line, the lines at _NEIGHBOURS offsets from it (None past the page's ends), counted
    over lines that do not repeat on the page: an ad slot or a share bar repeated between paragraphs
    is furniture already, and a paragraph's context is the paragraphs around it."""
    unique = [i for i, f in enumerate(facts) if not f.repeated]
    result = []
    for i, fact in enumerate(facts):
        before = bisect_left(unique, i)  # unique lines above this one
        after = before + 1 if not fact.repeated else before  # the first unique line below it
        places = [before + offset if offset < 0 else after + offset - 1 for offset in _NEIGHBOURS]
        result.append([unique[p] if 0 <= p < len(unique) else None for p in places])
    return result


def line_features(facts: list[LineFacts]) -> list[list[float]]:
    """One feature vector per line: its own shallow features, its neighbours' (zeros and an 'edge'
    flag past the ends of the page), and where it stands on the page and against the main region."""
    own = [_own(f) for f in facts]
    runs = _runs(facts)
    profiles = {run: _run_profile(facts, own, run) for run in set(runs)}  # once per run: runs can be long
    region = [i for i, f in enumerate(facts) if f.in_region] or [0]
    first, last = region[0], region[-1]
    total = max(len(facts) - 1, 1)
    neighbours = _neighbours(facts)
    rows = []
    for i, fact in enumerate(facts):
        row = list(own[i])
        for j in neighbours[i]:
            row += own[j] + [0.0] if j is not None else [0.0] * len(OWN_FEATURES) + [1.0]
        outside = max(first - i, i - last, 0)
        row += [
            i / total,
            float(fact.in_region),
            float(i < first),
            float(i > last),
            math.log1p(outside),
            _prose_nearby(facts, i),
            *profiles[runs[i]],
        ]
        rows.append(row)
    return rows


def feature_names() -> list[str]:
    names = list(OWN_FEATURES)
    for offset in _NEIGHBOURS:
        names += [f"{name}@{offset:+d}" for name in OWN_FEATURES] + [f"edge@{offset:+d}"]
    return names + ["position", "in_region", "before_region", "after_region", "log_lines_outside", "prose_nearby",
        "log_run", "run_capitalised", "run_digits", "run_stopwords", "run_after_colon", "run_touches_region"]


@lru_cache(maxsize=1)
def _weights() -> dict:
    return json.loads(resources.files("briefgen").joinpath("line_model.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _coefficients() -> tuple[float, list[tuple[float, float, float]]]:
    """The intercept and, in feature order, each feature's (mean, scale, weight)."""
    model = _weights()
    table = model["features (name: [mean, scale, weight of the standardised value])"]
    assert list(table) == feature_names(), "line_model.json was trained on other features: run bench/train_lines.py"
    return model["intercept"], [tuple(table[name]) for name in feature_names()]


def article_probabilities(facts: list[LineFacts]) -> list[float]:
    """For every line, the model's probability that it belongs to the article."""
    intercept, coefficients = _coefficients()
    probabilities = []
    for row in line_features(facts):
        z = intercept + sum(w * (x - mean) / scale for x, (mean, scale, w) in zip(row, coefficients))
        probabilities.append(1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0))))
    return probabilities


def keeps(probability: float, fact: LineFacts) -> bool:
    """The verdict on one line. The rules' verdict is the prior: a line they keep stays unless the
    model finds it unlikely, another line comes in only when the model is sure (the two cut-offs
    are chosen by bench/train_lines.py). A line the rules call junk never comes in: its own words
    mark it (a photo credit, a copyright notice, a call to subscribe), or it repeats on the page (a
    menu, an ad slot), or it stands in a comment section or a list of other stories. The cells of
    a table the article announced ("The standings after 36 races:") stay, repeated values and all."""
    if fact.announced:
        return True
    if fact.kind == "junk" or fact.rule_junk:
        return False
    model = _weights()
    return probability >= (model["cutoff_kept_by_rules"] if fact.rule_keep else model["cutoff_other"])
