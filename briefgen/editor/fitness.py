"""Is this sentence worth a line of the briefing? Judged by its shape, not by what it is about.

A summary line must say something on its own: a complete statement with a subject and a predicate.
Scraped articles hold many sentence-sized pieces that are not: list items and schedules ("July 22 --
Blossom Music Center, Cuyahoga Falls, OH"), headings and link teasers in title case, photo captions
and credits, questions, lines that introduce what follows ("Tour dates:"), and fragments a sentence
splitter cut out of a longer sentence or quotation. When a syndicated list is copied word for word
into every outlet's version, its items are "supported" by every outlet, so the consensus stage
would happily quote them: this module keeps them out of the candidates.

Every test here reads the line's form — punctuation, letter case, where the words sit — so it
works the same for any site and any topic. Case-based tests only apply to scripts with letter case.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ..clean.text import words

# A sentence opening on a pronoun or a connective leans on the sentence before it ("He said the
# talks…", "But the deal…"); out of its article that reference is lost, so such a sentence is a
# weaker briefing line than one that names its subject. Lower-cased first words.
DANGLING_OPENERS = frozenset(
    """he she it they him her them his hers its their theirs this these those such also but and
    however meanwhile moreover furthermore nevertheless nonetheless instead still yet so then
    thus hence besides otherwise likewise similarly additionally""".split()
)
_LEADING_QUOTES = re.compile(r"^[\s\"'“”‘’«»(\[—–-]+")


def dangling_opening(sentence: str) -> bool:
    """Whether the sentence's first word (after any opening quote) refers back to unseen text."""
    first = words(_LEADING_QUOTES.sub("", sentence)[:40])
    return bool(first) and first[0].lower() in DANGLING_OPENERS


# A statement ends on a full stop, exclamation mark or ellipsis, possibly inside closing quotes or
# brackets. (A question mark is judged apart: a question reports no fact.)
# (。！？ end Chinese and Japanese statements and questions, 」』） close their quotations and brackets)
_STATEMENT_END = re.compile(r"(?:[.!…。！]|\.\.\.)[\"'”’»)\]」』）]*$")
_QUESTION_END = re.compile(r"[?？][\"'”’»)\]」』）]*$")
_INTRODUCES = re.compile(r"[:;,–—-][\"'”’»)\]]*$")
# A list marker: a bullet, a dash, or "1." / "2)" / "(a)" before the first word.
_LIST_MARKER = re.compile(r"^\s*(?:[-–—*•·▪►▸◦‣+>]|\(?\d{1,2}[.)]|\([a-z]\))\s+")
# A schedule line opens on a date or a clock time, then a separator: "June 9 -- Venue, City",
# "Nov. 18: Hearing", "10:30 a.m. – Keynote".
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?"
_SCHEDULE = re.compile(
    rf"^\s*(?:(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH})"
    rf"(?:,?\s+\d{{4}})?|\d{{1,2}}(?::\d{{2}})?\s*(?:a\.?m\.?|p\.?m\.?)|\d{{1,2}}[:.]\d{{2}}|\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?)"
    r"\s*(?:--|[–—:|-])\s",
    re.I,
)
# Credits and captions name a photographer or agency in a fixed form: "(AP Photo/Evan Vucci)",
# "Photo: Getty Images", "Image credit: NASA".
_CREDIT = re.compile(
    r"\((?:[\w.&' -]{1,30}\s)?(?:photo|image|file photo|pool photo)s?\b[^)]*\)|"
    r"\b(?:photo|image|picture|illustration|video)s?(?:\s+credit)?\s*:\s*\S|^\s*(?:credit|courtesy|source)s?\s*:",
    re.I,
)
# Short words that stay lower case in a title-case heading ("Here's Where Landers Will Land on the Moon").
_TITLE_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into of off on onto or over per the to up upon via vs with nor so yet".split()
)
# Words that are sentences' glue, not their predicate: a line whose lower-case words are only these
# has no verb ("Blossom Music Center, Cuyahoga Falls, OH", "Tickets and Schedule").
_GLUE_WORDS = _TITLE_SMALL_WORDS | frozenset("formerly also plus including featuring presented by".split())
# "a.m.", "U.S.", "Dec.", "No.": a short or dotted word before the final full stop.
_ENDS_ON_ABBREVIATION = re.compile(r"(?:\b\w\.(?:\w\.)+|\b[A-Za-z]{1,3}\.)$")
# What the piece after a wrong cut looks like: no verb of its own, or a lower-case start.
_CONTINUATIONS = frozenset({"no predicate", "fragment"})
_DOUBLE_QUOTE = re.compile(r'[“”"]')
_BEFORE_OPENING = " \t([{—–-:/"
# share of a line's non-small words written capitalised from which it is a heading; higher when it
# ends on a full stop, as a sentence naming many people and places can come close
HEADING_CASE_SHARE, HEADING_CASE_SHARE_WITH_STOP = 0.8, 0.85
CASED_SCRIPT_SHARE = 0.8
MIN_HEADING_WORDS = 4


# The summarizer and the lede both judge each article's sentences, and re-posts repeat their
# original's sentences word for word: each distinct sentence is judged once.
@lru_cache(maxsize=200_000)
def line_fault(text: str) -> str | None:
    """Why `text` is not a briefing line ("list item", "schedule", "heading", …), or None when it is one."""
    line = text.strip()
    if not line:
        return "empty"
    if _QUESTION_END.search(line):
        return "question"
    if _INTRODUCES.search(line):
        return "introduces what follows"
    if _LIST_MARKER.match(line):
        return "list item"
    if _SCHEDULE.match(line):
        return "schedule"
    if _CREDIT.search(line):
        return "caption or credit"
    opening = line.lstrip("\"'“‘«([„»「『（")
    first = opening[:1]
    first_word = opening.split(" ", 1)[0]
    if first.islower() and first_word == first_word.lower():
        return "fragment"  # starts inside a sentence ("and was arrested"); "iPhone", "eBay" are names
    if first and not first.isalnum() and first not in "$£€¥#@":
        return "fragment"  # opens on punctuation left over from a cut
    lettered = [w for w in words(line) if w[:1].isalpha()]
    cased = [w for w in lettered if w[:1].isupper() or w[:1].islower()]
    ends = bool(_STATEMENT_END.search(line))
    # Letter case says something only in a script that has it (not in Korean or Chinese).
    if cased and len(cased) >= CASED_SCRIPT_SHARE * len(lettered):
        if _title_cased(cased, HEADING_CASE_SHARE_WITH_STOP if ends else HEADING_CASE_SHARE):
            return "heading"
        if not any(w[:1].islower() and w.lower() not in _GLUE_WORDS for w in cased[1:]):
            return "no predicate"  # names, places and numbers only: a list entry or a label
    if not ends:
        return "fragment"  # no full stop: a heading, a label, or a sentence cut short
    if _closes_unopened_quote(line):
        return "fragment"  # a quotation's end, cut from the sentence that opened it
    return None


def informative(text: str) -> bool:
    """A complete statement a reader can take on its own."""
    return line_fault(text) is None


def article_line_faults(texts: Sequence[str]) -> list[str | None]:
    """`line_fault` for each sentence of one article, in order, with what the next sentence shows.

    A sentence splitter cuts after an abbreviation ("Tickets go on sale at 10 a.m." | "Friday,
    Dec. 6."): the first piece looks whole, but the piece after it is no sentence at all. A sentence
    ending on an abbreviation and followed by such a piece was cut short.
    """
    faults = [line_fault(t) for t in texts]
    for i in range(len(texts) - 1):
        if faults[i] is None and _ENDS_ON_ABBREVIATION.search(texts[i]) and faults[i + 1] in _CONTINUATIONS:
            faults[i] = "cut short"
    return faults


def _title_cased(cased: list[str], share: float) -> bool:
    """Most words after the first are capitalised, as in a heading or a link teaser."""
    considered = [w for w in cased[1:] if w.lower() not in _TITLE_SMALL_WORDS]
    if len(considered) < MIN_HEADING_WORDS:
        return False
    capitalised = sum(1 for w in considered if w[:1].isupper())
    return capitalised / len(considered) >= share


def _closes_unopened_quote(line: str) -> bool:
    """The line closes a quotation it did not open: it starts in the middle of someone's words.

    (A quotation opened and not closed is usual in news — a quote running on over several
    sentences opens each paragraph — and the line still says something whole.) Only double quotes
    are counted, since single ones double as apostrophes ("Andrew’s"); a straight quote opens at
    the start of a word and closes at its end, and scraped text mixes straight and curly ones.
    """
    return _quote_balance(line)[0]


def _quote_balance(line: str) -> tuple[bool, int]:
    """(whether a double quote closes before any opened, how many stay open at the end)."""
    depth, closes_unopened = 0, False
    for match in _DOUBLE_QUOTE.finditer(line):
        quote, at = match.group(), match.start()
        if quote == "“" or (quote == '"' and (at == 0 or line[at - 1] in _BEFORE_OPENING)):
            depth += 1
        elif depth:
            depth -= 1
        else:
            closes_unopened = True
    return closes_unopened, depth


# "The company said…", "The agency confirmed…": a definite description of something named earlier.
_DEFINITE_OPENING = re.compile(r"^[\"'“‘(]?(?:The|This|That|These|Those)\s+[a-z]")
# Calendar words are capitalised but name no one the sentence could be about.
_CALENDAR = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)


# "Finding water, he said, is…", "…, it says.": words quoted from someone the line does not name.
_PRONOUN_ATTRIBUTION = re.compile(
    r"\b(?:he|she|they|it)\s+(?:said|says|added|adds|told|tells|noted|notes|explained|wrote|continued)\b"
)
# "That's enough to…": a demonstrative standing for the previous sentence.
_DEMONSTRATIVE_OPENING = re.compile(r"^[\"'“‘]?That(?:['’]s|\s+is|\s+was|\s+means|\s+would)\b")
# Discourse markers that continue an argument ("In fact, the man returned…", "At first, …").
_CONTINUING_OPENING = re.compile(
    r"^(?:in fact|at first|as a result|in addition|by contrast|in turn|even so|after all|of course|in other words"
    r"|on the other hand|at the same time|for example|for instance|in the end|by then|since then|until then),",
    re.I,
)


def refers_back(text: str) -> bool:
    """The line stands for earlier text: "That's enough to…", words credited to "he" or "it", or a
    quotation with no speaker at all ("“We have no further comment.”").

    (Pronoun and connective openings, "He said…", "But…", are `summarize.dangling_opening`.)
    """
    line = text.strip()
    return bool(_DEMONSTRATIVE_OPENING.match(line) or _PRONOUN_ATTRIBUTION.search(line) or _unattributed_quote(line))


def _unattributed_quote(line: str) -> bool:
    """The whole line is one quotation: it opens on a double quote that only its last mark closes."""
    if not line or line[0] not in "\"“":
        return False
    body = line.rstrip("\"”’' ").rstrip(".!…")
    closing = line[len(body):]
    return ("\"" in closing or "”" in closing) and not _DOUBLE_QUOTE.search(body[1:])


def leans_on_earlier_text(text: str) -> bool:
    """The line reads as a continuation: "In fact, …", or a "The company…"-style reference while
    naming nothing itself. Fine further down a story; out of its article it cannot open one.
    """
    line = text.strip()
    if _CONTINUING_OPENING.match(line):
        return True
    if not _DEFINITE_OPENING.match(line):
        return False
    names = [w for w in words(line)[1:] if w[:1].isupper() and w.lower() not in _CALENDAR]
    return not names


def stands_alone_fault(text: str) -> str | None:
    """Why the line cannot stand on its own as a briefing line, or None when it can.

    Read by shape, like `line_fault`, for lines that are whole sentences but lean on what their
    article said before, speak for the writer, or sell:

    - "dangling reference": its subject or object points outside it — "The report says…", "Both
      diseases are…", "Mr. Garrett then swung it…", "…sealed it.", or a "The company…" line that
      names nothing;
    - "first person": the writer's own opinion or experience ("My MacBook has a Touch Bar, which I
      hate"), outside any quotation;
    - "sales copy": deals and prices ("Score the watch for the lowest price ever", "an all-time low
      on Amazon", "Black Friday deals");
    - "unclosed quote": a quotation the line opens and never closes (the rest of it, and who said
      it, is in the next sentence);
    - "question".
    """
    line = text.strip()
    if _QUESTION_END.search(line):
        return "question"
    if _opens_unclosed_quote(line):
        return "unclosed quote"
    outside = _QUOTED.sub(" ", line)
    if _SALES.search(line) or _SALES_OPENING.match(line):
        return "sales copy"
    if _FIRST_PERSON.search(outside):
        return "first person"
    if (
        _POINTING_SUBJECT.match(line)
        or _BODY_SUBJECT.match(line)
        or _BARE_SUBJECT.match(line)
        or _LEANING_END.search(line)
        or _GROUP_REFERENCE.match(line)
        or _TEMPORAL_THEN.search(outside)
        or _OBJECT_IT.search(outside)
        or _names_nothing(line)
        or _DEMONSTRATIVE.search(outside)
    ):
        return "dangling reference"
    return None


_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')
# "The report says…", "The study found…": a definite description standing for a document or body
# the line never names.
_POINTING_SUBJECT = re.compile(
    r"^[\"“]?The\s+(?:[a-z]+\s+){0,2}?(?:report|study|statement|document|article|survey|paper|letter|filing|"
    r"complaint|lawsuit|analysis|book|film|video|post|memo|review|company|firm|agency|group|department|ministry|"
    r"court|committee|team|club|band|show|campaign|bill|deal|plan|move|decision|announcement|research|researchers|"
    r"authors|case|patient|man|woman|suspect|victim)s?\s+(?:says|said|say|reports|reported|found|finds|shows|"
    r"showed|states|stated|notes|noted|adds|added|claims|claimed|argues|argued|concludes|concluded|suggests|"
    r"suggested|warns|warned)\b"
)
# "The company was still trying…": an organisation the line never names, as its subject. A relative
# clause or an apposition right after it says which ("The company that runs the AMAs, …").
_BODY_SUBJECT = re.compile(
    r"^[\"“]?The\s+(?:company|firm|agency|group|organi[sz]ation|ministry|department|court|committee|team|club|"
    r"band|startup|retailer|carrier|network|publisher|automaker|airline|bank|government)s?\s+(?!that\b|which\b|who\b|whose\b)[a-z]"
)
# "The trek will feature…", "The tagline drew…": a bare "the" and one common noun as the subject,
# then its verb — the thing was named in an earlier sentence ("The 14 companies…" and "The new
# 16-inch MacBook Pro…" say which; "The city council voted…" is left to the other checks).
_BARE_SUBJECT = re.compile(
    r"^[\"“]?The\s+[a-z]{3,}\s+(?:will|would|could|can|may|might|must|should|is|was|are|were|has|had|have|"
    r"drew|draws|said|says|came|comes|went|goes|got|gets|took|takes|made|makes|began|begins|features|featured|"
    r"includes|included|[a-z]{3,}ed)\b"
)
# "…, though.", "…, however.": the line answers a sentence before it.
_LEANING_END = re.compile(r",\s*(?:though|however|too|as well)[.!]?[\"'”’]?$", re.I)
# "Both diseases are…", "Neither company…", "The two men…", "The latter…": a group introduced earlier.
_GROUP_REFERENCE = re.compile(
    r"^[\"“]?(?:Both|Neither|Either|The\s+(?:two|three|four|latter|former|same|other))\s+[a-z]"
    r"|^[\"“]?The\s+\d+-year-old\b"  # "The 23-year-old flew to London…": who?
)
# "this grant", "these funders": a thing or group the line points at but never names (time words,
# "this year", "this week", point at the calendar, not at an earlier sentence).
_DEMONSTRATIVE = re.compile(
    r"\b(?:[Tt]his|[Tt]hese|[Tt]hose)\s+(?!(?:year|week|month|morning|afternoon|evening|weekend|summer|"
    r"fall|autumn|winter|spring|season|time|past|coming|century|decade|quarter)\b)(?:[a-z]+-)?[a-z]{3,}"
)
# "Mr. Garrett then swung…": "then" after the subject, pointing at the sentence before.
_TEMPORAL_THEN = re.compile(r"\b(?:[A-Z][\w.’'-]+|he|she|they|it|we)\s+then\s+[a-z]+")
# "…sealed it.", "…swung it into the net": "it" as an object, standing for something said before.
_OBJECT_IT = re.compile(
    r"\b[a-z]+(?:ed|ung|ook|ew|ot)\s+it(?=\s*[.,;!]|\s+(?:to|into|onto|on|off|up|down|out|over|in|at|back|away)\b)"
)
# The writer speaking: "I", "my", "we" outside quotation marks ("U.S." and "US" are not "us").
_FIRST_PERSON = re.compile(r"(?:^|[\s(—–-])(?:I|I['’](?:m|ve|d|ll)|[Mm]y|[Mm]e|[Ww]e|[Ww]e['’](?:re|ve|ll|d)|[Oo]ur|us)(?=[\s,.;:!?)—–-])")
# Deals and prices: a shop's copy, not a fact outlets report.
_SALES = re.compile(
    r"\b(?:lowest price|all-time low|best price|price drop|(?:Black Friday|Cyber Monday|Prime Day|holiday)\s+(?:deal|sale)s?|"
    r"promo code|discount code|coupon|\d+%\s+off\b|\$[\d,.]+\s+off\b|on sale for|down to \$|save \$|"
    r"free shipping|limited-time|deal of the day)",
    re.I,
)
_SALES_OPENING = re.compile(r"^(?:Score|Grab|Snag|Save|Shop|Buy|Order|Pick up|Check out|Head over|Don['’]t miss)\b")


def _names_nothing(line: str) -> bool:
    """"Authorities say that the cases appear to be unrelated.": "the cases", "the deal", and no name
    or figure in the line to say which — the line only makes sense after the one before it."""
    rest = words(line)[1:]
    named = any(w[:1].isupper() and w != "I" and w.lower() not in _CALENDAR for w in rest) or any(c.isdigit() for c in line)
    return not named and bool(_DEFINITE_NOUN.search(line) or _PRONOUN.search(line))


# "First it was hard to breathe…": in a line naming nothing, a pronoun stands for someone unseen.
_PRONOUN = re.compile(r"\b(?:it|he|she|they|him|her|them|his|its|their)\b", re.I)


_DEFINITE_NOUN = re.compile(r"\b(?:the|these|those|this|that)\s+[a-z]{3,}", re.I)


def _opens_unclosed_quote(line: str) -> bool:
    """The line opens a double quotation and never closes it."""
    return _quote_balance(line)[1] > 0


def may_show(text: str) -> bool:
    """May this sentence be a briefing line on its own? Not when it opens on a pronoun or
    connective ("He said…", "But…"), points back to what it cannot show, or fails a stand-alone
    rule (`stands_alone_fault`)."""
    return not (dangling_opening(text) or refers_back(text) or stands_alone_fault(text))


# Who speaks, by one capitalised word: "'…,' Johnston said in a statement.", "Kirby noted that…".
_SAYS = r"(?:said|says|added|adds|continued|comments|commented|wrote|writes|tweeted|posted|told|tells|noted|notes|warned|explained)"
_ONE_NAME_SPEAKER = re.compile(
    rf"[,.!?…][\"”’]\s+(?P<after_quote>[A-Z][a-z’'-]+)\s+{_SAYS}\b|^(?P<opening>[A-Z][a-z’'-]+)\s+{_SAYS}\b"
    rf"|\b(?:said|says|added|adds|continued|comments|commented|wrote|writes|noted|explained)\s+"
    rf"(?P<after_verb>[A-Z][a-z’'-]+)(?=[.,]|\s+(?:in|on)\s)"
)


_NOT_A_SPEAKER = frozenset("today yesterday tonight earlier later it he she they we this that there".split())


def unintroduced_speaker(text: str, earlier: Sequence[str]) -> str | None:
    """The one-word name of the line's speaker ("Johnston"), when neither the line nor an `earlier`
    line of the story gives it in full ("Tom Johnston"); else None. A surname is fine once an
    earlier line has introduced the person."""
    match = _ONE_NAME_SPEAKER.search(text)
    if match is None:
        return None
    name = next(g for g in match.groups() if g)
    if name.lower() in _CALENDAR or name.lower() in _NOT_A_SPEAKER:
        return None  # "said Wednesday it…", "said Thursday that…"
    full = re.compile(rf"\b[A-Z][\w.’'-]*\s+(?:[A-Z][\w.’'-]*\s+)*{re.escape(name)}\b")
    return None if any(full.search(line) for line in (text, *earlier)) else name

