"""Stage 2 — clean: strip site junk from scraped text and split bodies into sentences, offline.

Scraped plain text arrives with the whole page flattened into lines: breadcrumbs, link lists
("Related", "Recommendation"), ads, share counters, tag lists, author blurbs, comment forms, image
credits, stray HTML. No list of site names can keep up with that, so lines are judged by their shape:
article prose is long, ends like a sentence, and sits among other prose; junk is short, headline-shaped,
bulleted, repeated, or sits in a run of such lines.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from ..language import DEFAULT_LANGUAGE, language_code, split_paragraph
from ..language.sentences import rejoined
from ..model import Article, Sentence

_TAG = re.compile(r"<(?:[A-Za-z/!?][^<>]{0,2000})?>")
_CODE = re.compile(r"<(script|style)\b[^<>]{0,2000}>.*?</\1\s*>", re.I | re.S)
_SPACE = re.compile(r"[ \t\u00a0]+")
# Characters with no width that pages put inside words: soft hyphens (U+00AD, where a browser may
# break a long word), zero-width spaces, word joiners and byte-order marks. They are dropped, never
# made spaces: "Bundes\u00adtag" is "Bundestag". The zero-width joiner and non-joiner stay: they shape
# emoji and the letters of Persian and Indic scripts.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff\u180e"))
WORD = re.compile(r"\w+(?:['’.-]\w+)*")

# A line ends like a sentence: terminal punctuation, possibly inside closing quotes or brackets.
# A trailing comma is allowed because scraped paragraphs are sometimes cut mid-sentence.
_SENTENCE_END = re.compile(r"[.!?,:;。！？，；：؟۔][\"'”’」』)\]]*$")
_BULLET = re.compile(r"^\s*(?:[-*•·▪►]|\d{1,2}[.)])\s+")
# "Jane Doe is a politics reporter for X." — an author blurb, not reporting.
_AUTHOR_BLURB = re.compile(
    r"^(?:[A-Z][\w'’.-]+\s+){1,4}(?:is|was)\s+(?:an?|the)\s+[^.]{0,120}?"
    r"\b(?:reporter|correspondent|editor|writer|journalist|columnist|producer|contributor|"
    r"anchor|analyst|intern|fellow)\b"
)
_CONTRIBUTED = re.compile(r"\bcontributed (?:to )?(?:this )?(?:report|reporting|story)\b", re.I)
_CREDIT = re.compile(r"^(?:image|photo|picture|video|graphic)?\s*(?:credits?|courtesy|source)\s*:", re.I)
_CONTACT = re.compile(r"\S+@\S+\.\w+|https?://|\bfollow (?:him|her|them|us) on\b", re.I)
# Lines that speak to the reader about the page rather than report: credits for a reprint, photo
# credits inside captions, calls to sign up. Short lines only: an article may quote such words.
_REPRINT_CREDIT = re.compile(r"\b(?:originally|first)\s+(?:appeared|published|ran)\s+(?:on|in|at|by)\b", re.I)
_PHOTO_CREDIT = re.compile(r"\b(?:photo|image|picture|illustration)s?(?: credit)?\s*:\s*\S|\(\w+ photo\b|\bgetty images\b", re.I)
_CALL_TO_ACTION = re.compile(r"^(?:sign up|subscribe|download our|follow us|click here|get our|join our)\b|\bnewsletter\b.*\binbox\b", re.I)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)|\ball rights reserved\b", re.I)
# The heading of a comment section: readers' posts are prose, but not the article's. (Not a bare
# "Comment", which is also the name of many sites' opinion section in their menus.)
_COMMENTS_HEADING = re.compile(
    r"^\[?\s*(?:\d+\s+)?comments?\s*\]?$|^(?:view|show|read|load)(?: all| more| new)? comments\b"
    r"|^top rated comments$|^(?:leave|post|add)(?: a| your)? (?:reply|comment)\b|^join the conversation$"
    r"|^loading comments\b|^comments are closed\b|^comments powered by\b|^blog comments powered by\b"
    r"|^log in to comment$|^comments & replies$|^commenting rules$|^\[ read all comments \]$",
    re.I,
)
_BREADCRUMB = re.compile(r"\S\s*[>»›]\s*\S.*[>»›]|^\s*(?:current|you are here)\s*:", re.I)


def strip_markup(line: str) -> str:
    """Remove stray HTML tags and entities that scrapers leave in text (a script's or style's code
    with its tags: it is not text anyone wrote for a reader), and characters of no width. Every
    reader's text passes here: HTML pages, feeds, records and plain text."""
    if "<" in line:
        line = _TAG.sub(" ", _CODE.sub(" ", line))
    if "&" in line:
        line = html.unescape(line)
    return _SPACE.sub(" ", line.translate(_INVISIBLE)).strip()


def words(text: str) -> list[str]:
    return WORD.findall(text)


# Chinese and Japanese put no spaces between words, so a whole sentence is one \w+ run; at about
# two characters a word, its length stands in for the word count prose needs.
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]+")


def word_count(line: str) -> int:
    """Words in a line, counting runs of Chinese or Japanese characters at two characters a word."""
    cjk = () if line.isascii() else _CJK_RUN.findall(line)  # isascii is a flag check: most lines skip the scan
    if not cjk:
        return len(words(line))
    return len(words(_CJK_RUN.sub(" ", line))) + sum(max(1, len(run) // 2) for run in cjk)


def _is_junk(line: str, n_words: int, links_are_junk: bool = True) -> bool:
    """Lines whose form marks them as page furniture wherever they stand. `links_are_junk`: a line
    with a link or an address is furniture (in a scraped page; in text an extractor chose, a link is
    as often the article's own)."""
    # Each pattern runs only when the words it needs are in the line: the searches cost tens of
    # microseconds a line, the substring tests well under one, and most lines are prose.
    lower = line.lower()
    return bool(
        _AUTHOR_BLURB.match(line)
        or ("contributed" in lower and _CONTRIBUTED.search(line))
        or _CREDIT.match(line)
        # word count first: a 2 MB line skips the search
        or (links_are_junk and n_words < 40 and ("@" in line or "http" in lower or "follow" in lower) and _CONTACT.search(line))
        or ((">" in line or "»" in line or "›" in line or "current" in lower or "you are here" in lower) and _BREADCRUMB.search(line))
        or (("©" in line or "(c)" in lower or "copyright" in lower or "all rights reserved" in lower) and _COPYRIGHT.search(line))
        or (
            n_words < 30
            and (
                (("originally" in lower or "first" in lower) and _REPRINT_CREDIT.search(line))
                or (any(w in lower for w in _PHOTO_WORDS) and _PHOTO_CREDIT.search(line))
                or (any(w in lower for w in _CALL_WORDS) and _CALL_TO_ACTION.search(line))
            )
        )
    )


_PHOTO_WORDS = ("photo", "image", "picture", "illustration", "getty")
_CALL_WORDS = ("sign up", "subscribe", "download our", "follow us", "click here", "get our", "join our", "newsletter")


# Some writers and some scrapers leave a paragraph without its full stop; a line this long that is
# this full of function words ("the", "of", "di", "que") is a sentence all the same, not a headline.
UNPUNCTUATED_PROSE_WORDS = 20
UNPUNCTUATED_PROSE_FUNCTION_SHARE = 0.2
_FUNCTION_WORDS = frozenset(
    """a an and are as at be by for from has have he her his in is it its of on or she that the their
    they this to was were which who will with der die das und ist von zu den mit sich des auf für
    le la les et est un une des du en que qui dans pour pas sur el los las y es por con para del
    il di che non per con della sono o e da na um uma os não com para""".split()
)


def looks_like_prose(line: str) -> bool:
    """A line shaped like article prose: several words and a sentence ending (or many words, many
    of them function words)."""
    n = word_count(line)
    if n < 6 or not (_SENTENCE_END.search(line) or _long_unpunctuated_sentence(line, n)):
        return False
    if _BULLET.match(line) and n < 25:
        return False
    return not _is_junk(line, n)


def _long_unpunctuated_sentence(line: str, n_words: int) -> bool:
    if n_words < UNPUNCTUATED_PROSE_WORDS:
        return False
    tokens = words(line)
    function_words = sum(token.lower() in _FUNCTION_WORDS for token in tokens)
    return function_words >= UNPUNCTUATED_PROSE_FUNCTION_SHARE * len(tokens)


@dataclass(frozen=True)
class CleanText:
    lines: tuple[str, ...]  # every line of the input, markup stripped (metadata readers use these)
    body: tuple[str, ...]  # the lines judged to be article prose, in order


# Line scores for finding the article's region: prose counts for its length, every other line
# against. A link list or comment block is a long run of short lines and sinks below zero; a
# subhead or a short paragraph between two paragraphs costs little and stays inside.
_PROSE_CAP = 40
_OTHER_COST = 6.0
_JUNK_COST = 12.0


def _mark_announced_lists(lines: list[str], kinds: list[str], repeated: list[bool]) -> None:
    """A paragraph ending in a colon announces what follows ("The standings after 36 races:"): the
    short lines under it, up to the next paragraph, are its table or list, one cell or item a line,
    and do not count against the article's region as a link list would. (A table repeats its
    cells, "1", "0", a name in two columns: a line junk only for being repeated does not end it.)"""
    i = 0
    while i < len(lines):
        if kinds[i] == "prose" and lines[i].rstrip().endswith(":"):
            j = i + 1
            while j < len(lines) and (kinds[j] == "other" or (kinds[j] == "junk" and repeated[j])):
                kinds[j] = "listed"
                j += 1
            i = j
        else:
            i += 1


def _main_region(kinds: list[str], lengths: list[int]) -> tuple[int, int]:
    """[start, end) of the run of lines with the highest total score (Kadane's algorithm)."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, (kind, n) in enumerate(zip(kinds, lengths)):
        if kind == "listed":
            score = 0.0
        else:
            score = min(n, _PROSE_CAP) if kind == "prose" else -(_JUNK_COST if kind == "junk" else _OTHER_COST)
        if total <= 0:
            total, start = 0.0, i
        total += score
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# A line that is only a date or time ("November 19, 2019 at 5:10 pm", "2 days ago"): a stamp over a
# teaser or a comment when it comes after the article has begun.
_DATE_STAMP = re.compile(
    rf"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s*(?:\d{{4}})?"
    rf"|\d{{1,2}}\s+{_MONTH},?\s*\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}"
    rf"|\d+\s+(?:minutes?|hours?|days?|weeks?)\s+ago)"
    rf"(?:\s*(?:at|,|-|·|\|)?\s*\d{{1,2}}:\d{{2}}\s*(?:am|pm|a\.m\.|p\.m\.)?(?:\s*[A-Z]{{2,4}})?)?\s*$",
    re.I,
)


def _drop_stamped_teasers(lines: list[str], kinds: list[str]) -> None:
    """After the article has begun, a date-stamped line and the prose under it are a teaser of another
    story (or a comment): "Headline" / "November 18, 2019 at 2:01 pm" / "Its first paragraph…"."""
    prose_seen = 0
    i = 0
    while i < len(lines):
        if prose_seen >= MIN_PROSE_BEFORE_COMMENTS and _DATE_STAMP.match(lines[i].strip()):
            kinds[i] = "junk"
            j = i + 1
            while j < len(lines) and kinds[j] == "prose":
                kinds[j] = "junk"
                j += 1
            i = j
            continue
        prose_seen += kinds[i] == "prose"
        i += 1


# The heading of a block of links to other stories.
_OTHER_STORIES = re.compile(
    r"^(?:related(?: (?:stories|articles|news|posts|links|content|coverage))?|top stories|more (?:in|from|on) .{1,40}"
    r"|more (?:stories|news|headlines)|(?:most )?(?:popular|read|trending)(?: now| stories| articles)?"
    r"|recommended(?: for you| stories)?|you (?:may|might) also like|latest (?:news|stories|headlines)"
    r"|don't miss|read (?:more|next)|what to read next|around the web)\s*[:»›>]?$",
    re.I,
)


def _drop_teaser_lists(lines: list[str], lengths: list[int], kinds: list[str]) -> None:
    """After the article has begun, a heading such as "Top stories" over headline / first-sentence
    pairs is a list of other stories. (A box of bare headlines inside the article, "Related articles"
    over links, is left to the region scoring: the article may go on after it.)"""
    prose_seen = 0
    for i, line in enumerate(lines):
        if prose_seen >= MIN_PROSE_BEFORE_COMMENTS and lengths[i] <= 8 and _OTHER_STORIES.match(line.strip()):
            j, pairs = i + 1, 0
            while j + 1 < len(lines) and kinds[j] != "prose" and kinds[j + 1] == "prose":
                j, pairs = j + 2, pairs + 1
            if pairs >= 2:
                kinds[i:j] = ["junk"] * (j - i)
        prose_seen += kinds[i] == "prose"


def _drop_link_boxes(lines: list[str], lengths: list[int], kinds: list[str]) -> None:
    """Inside the article, a heading such as "Related" over short lines, with the article's prose
    going on under them, is a box of links to other stories: the box goes, the article stays."""
    prose_seen = False
    i = 0
    while i < len(lines):
        if prose_seen and lengths[i] <= 8 and _OTHER_STORIES.match(lines[i].strip()):
            j = i + 1
            while j < len(lines) and kinds[j] == "other" and lengths[j] <= 15:
                j += 1
            if j > i + 1 and j < len(lines) and kinds[j] == "prose":
                kinds[i:j] = ["junk"] * (j - i)
            i = j  # the lines scanned are not headings of boxes of their own: each is looked at once
            continue
        prose_seen = prose_seen or kinds[i] == "prose"
        i += 1


MIN_PROSE_BEFORE_COMMENTS = 3  # a comment count in the byline, above the article, cuts nothing


def _drop_comment_section(lines: list[str], lengths: list[int], kinds: list[str]) -> None:
    """Everything from the comment section's heading on is junk, once the article has begun."""
    prose_seen = 0
    for i, line in enumerate(lines):
        if prose_seen >= MIN_PROSE_BEFORE_COMMENTS and lengths[i] <= 7 and _COMMENTS_HEADING.search(line.strip()):
            kinds[i:] = ["junk"] * (len(kinds) - i)
            return
        prose_seen += kinds[i] == "prose"


# jusText (the boilerplate remover trafilatura falls back on) gives a second opinion on each line:
# it judges a paragraph by its length and its share of stopwords, then re-judges the middling ones
# by their neighbours (a paragraph between good ones is good, one among bad ones bad). Given the
# page's lines as paragraphs of a plain HTML page (no links, no headings: the text has none), its
# verdict decides the long prose-shaped lines outside the article's region: a cookie notice above
# the menu or the owner's blurb in the footer is prose-shaped, but sits among junk and is not
# written in the stopword-rich way of reporting. (Inside the region the rules alone decide: there
# jusText's smoothing would also take in an "Advertisement" slot between two paragraphs.) Its
# settings were chosen on the pages of bench/extraction.py whose id starts 0-7: no line is
# "short" (each is judged by its own stopwords), and a line of 150 characters or more with half
# its words stopwords is good whatever its neighbours.
JUSTEXT_SETTINGS = {"length_low": 0, "length_high": 150, "stopwords_low": 0.1, "stopwords_high": 0.5}


@lru_cache(maxsize=1)
def all_stopwords() -> frozenset[str]:
    """Every stoplist jusText ships, as one set (what trafilatura gives jusText when a page's
    language is unknown): scraped text comes in any language and the reader is not told which.
    One frozen object, so jusText's own cache of prepared stoplists keeps it after the first page."""
    import justext

    return frozenset(word.lower() for language in justext.get_stoplists() for word in justext.get_stoplist(language))


_XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _justext_good(lines: list[str]) -> list[bool]:
    """jusText's verdict on each line: True where it calls the line a good paragraph. (All True if
    it did not return one paragraph per line, as it skips blank ones: then the rules alone decide.)"""
    import justext

    # escaped, and with the characters an HTML parser refuses replaced (never blanked)
    page = "".join("<p>" + html.escape(_XML_UNSAFE.sub("\ufffd", line)) + "</p>" for line in lines)
    paragraphs = justext.justext(f"<html><body>{page}</body></html>", all_stopwords(), **JUSTEXT_SETTINGS)
    if len(paragraphs) != len(lines):
        return [True] * len(lines)
    return [paragraph.class_type == "good" for paragraph in paragraphs]


def _judge_lines(nonempty: list[str]) -> tuple[list[int], list[str], tuple[int, int], list[bool]]:
    """Each line's word count and kind ("prose", "junk", "listed", "other"), the article's region, and
    which lines are junk by repetition alone."""
    counts: dict[str, int] = {}
    for line in nonempty:
        counts[line] = counts.get(line, 0) + 1

    lengths = [word_count(line) for line in nonempty]
    rule_junk = [_is_junk(line, n) for line, n in zip(nonempty, lengths)]
    kinds = []
    for line, n, junk in zip(nonempty, lengths, rule_junk):
        if counts[line] > 1 or junk:
            kinds.append("junk")  # repeated lines are menus, captions, share bars
        elif looks_like_prose(line):
            kinds.append("prose")
        else:
            kinds.append("other")
    _drop_comment_section(nonempty, lengths, kinds)
    _drop_stamped_teasers(nonempty, kinds)
    _drop_teaser_lists(nonempty, lengths, kinds)
    _drop_link_boxes(nonempty, lengths, kinds)
    _mark_announced_lists(nonempty, kinds, [counts[line] > 1 and not junk for line, junk in zip(nonempty, rule_junk)])
    repeated_only = [counts[line] > 1 and not junk for line, junk in zip(nonempty, rule_junk)]
    return lengths, kinds, _main_region(kinds, lengths), repeated_only


# Around the paragraphs a share bar, a "View" or "Date:" line is a few words; a list the article
# starts or ends on is longer.
_EDGE_JUNK_WORDS = 6
_AD_SLOT = re.compile(r"^\W*(?:advertisement|advertising|sponsored content|ad)\W*$", re.I)
# a tag list's label or a ranking box's heading, alone on its line
_WIDGET_HEADING = re.compile(r"^\W*(?:in|tags?|topics?|filed under|ranking|recommendations?|trending|most read)\s*:?\s*$", re.I)
_WIDGET = re.compile(
    r"^\W*(?:share|shares|facebook|twitter|whatsapp|pinterest|linkedin|reddit|email|e-mail|print|tweet|"
    r"comments?|leave a comment|tags?|advertisement|advertising|sponsored|view|views|date|updated|posted|"
    r"published|related|read more|subscribe|sign in|log in|menu|home|next|previous)\b",
    re.I,
)
_LONGEST_FURNITURE = 30
# "Source: …", "© 2019 …", "… originally appeared on …": a credit closes the article above it
_SIGNS_OFF = re.compile(r"^(?:source|sources|via|courtesy)\s*:|^(?:©|\(c\)|copyright\b)|\b(?:originally|first)\s+(?:appeared|published|ran)\b", re.I)
_TEASER_WORDS = 20  # a teaser under a "Recommendation" heading is a headline; a paragraph is longer


def junk_in_extracted_text(paragraphs: list[str]) -> list[bool]:
    """For text an HTML extractor already took as the article's, which paragraphs the line judgement
    calls scraped-page junk: furniture by its form (breadcrumbs, credits, blurbs, call-to-action lines)
    anywhere; lines of a "Related" box of links, a teaser list or a comment section that are not
    themselves prose; a few words above the first paragraph or below the last ("View", "Date: …",
    "ADVERTISEMENT", "Share this:", "Facebook"). Other short lines
    (subheads, list items, table cells, a list the article ends on) stay: the extractor kept them for
    a reason, and the plain-text judgement of them costs recall on real pages."""
    lengths, kinds, (_, region_end), repeated_only = _judge_lines(paragraphs)
    prose = [i for i, kind in enumerate(kinds) if kind == "prose"]
    if not prose:
        return [False] * len(paragraphs)
    first, last = prose[0], prose[-1]
    # Below the article's region, furniture followed by more furniture (an author blurb, a tag list, a
    # "Related", "Ranking" or "Recommendation" heading) ends the article: what is under the first is
    # the page's, teasers shaped like prose included. One "Related" box alone is a box inside the
    # article, with the article going on under it.
    in_region = [i for i in prose if i < region_end]
    markers = [
        i
        for i in range((in_region[-1] if in_region else last) + 1, len(paragraphs))
        if (_is_junk(paragraphs[i], lengths[i], links_are_junk=False) and not _SIGNS_OFF.search(paragraphs[i]))
        or _OTHER_STORIES.match(paragraphs[i])
        or _WIDGET_HEADING.match(paragraphs[i])
    ]
    article_end = markers[0] if len(markers) >= 2 else len(paragraphs)
    verdicts = []
    for i, (line, n, kind) in enumerate(zip(paragraphs, lengths, kinds)):
        # a long line is the article's whatever its marks (Korean titles in <…> read as a breadcrumb);
        # a link or an address inside extracted text is the article's own (a list of offers, a podcast)
        by_form = n < _LONGEST_FURNITURE and _is_junk(line, n, links_are_junk=False)
        # dropped by the passes over runs of lines: a "Related" box, a teaser list, a comment section
        by_run = kind == "junk" and not repeated_only[i] and not _is_junk(line, n)
        in_junk_run = by_run and n < _LONGEST_FURNITURE and not looks_like_prose(line)
        # a list the article starts or ends on is short lines too: only widget words are dropped there
        few_words = (n <= _EDGE_JUNK_WORDS and bool(_WIDGET.search(line))) or (by_run and n < _LONGEST_FURNITURE)
        above = i < first and kind not in ("prose", "listed") and few_words
        below = (i > last and kind not in ("prose", "listed") and few_words) or (
            i > article_end and i >= region_end and kind != "listed" and (kind != "prose" or n < _TEASER_WORDS)
        )
        # an ad slot between paragraphs; a caption printed twice in a row (an interview's question
        # asked again further down is the article's); a paragraph printed twice keeps its first copy
        slot = (
            bool(_AD_SLOT.match(line))
            or line in paragraphs[max(0, i - 3) : i]
            or (n < _LONGEST_FURNITURE and line in paragraphs[i + 1 : i + 4])
        )
        verdicts.append(by_form or in_junk_run or above or below or slot)
    # a header line that runs on into a paragraph found again below it ("Headline The dek …")
    # (only a paragraph below it: a paragraph that ends on an earlier one's words is the article's own)
    kept_by_last_word: dict[str, list[tuple[int, str]]] = {}  # a line p ends with " " + o only if both end in one word
    for i, (p, junk) in enumerate(zip(paragraphs, verdicts)):
        if not junk:
            kept_by_last_word.setdefault(p.rsplit(" ", 1)[-1], []).append((i, p))
    return [
        junk or any(j > i and o != p and p.endswith(" " + o) for j, o in kept_by_last_word.get(p.rsplit(" ", 1)[-1], ()))
        for i, (p, junk) in enumerate(zip(paragraphs, verdicts))
    ]


def clean_lines(raw_lines: list[str]) -> CleanText:
    lines = [strip_markup(line) for line in raw_lines]
    nonempty = [line for line in lines if line]
    lengths, kinds, (start, end), _ = _judge_lines(nonempty)

    keep = [False] * len(nonempty)
    good: list[bool] | None = None  # jusText's verdicts, asked for when a line outside the region needs them
    for i, kind in enumerate(kinds):
        if kind == "prose":
            # Outside the article's region, a long paragraph is kept unless it stands alone among
            # junk (a teaser in a link list: "Who's the killer? ...") or jusText finds it bad (a
            # cookie notice, a customer-service or company blurb, a caption away from the text).
            before = kinds[max(0, i - 2) : i]
            after = kinds[i + 1 : i + 3]
            island = len(before) == 2 and len(after) == 2 and "prose" not in before + after
            if start <= i < end:
                keep[i] = True
            elif lengths[i] >= 20 and not island:
                good = good or _justext_good(nonempty)
                keep[i] = good[i]
        elif kind == "other" and start < i < end - 1 and lengths[i] >= 2 and not _BULLET.match(nonempty[i]):
            # subheads, short paragraphs, table rows inside the article
            keep[i] = True
        elif kind == "listed" and start < i < end - 1:
            keep[i] = True  # a cell or item of a table or list the article announced
    # A header line that runs on into a paragraph found again below it ("Headline The dek ...")
    # is the page header, not a paragraph of its own.
    kept = [line for line, k in zip(nonempty, keep) if k]
    body = [line for line in kept if not any(o != line and line.endswith(" " + o) for o in kept)]
    return CleanText(lines=tuple(lines), body=tuple(body))


# sentencex (compiled, about 3 µs a paragraph) splits sentences; pysbd's rules in Python took 100 times
# as long. Three fix-ups follow it, each for a cut it makes that a news sentence never has:
# - a cut with no space after it ("the IQ.LIGHT headlamps", "2.1 cu.ft.") is inside a word;
# - a sentence does not start with a lower-case letter: "1 tsp. olive oil", "D-Minn., in March";
# - an opening quotation mark left at the end of a sentence ("he said. “") opens the next one, and so
#   does a list item's number cut off on its own ("2. Never urged ...").
_OPENING_QUOTE = re.compile(r"\s[“‘«\"']$")
_SENTENCEX_LANGUAGES = {"english": "en", "german": "de", "french": "fr", "spanish": "es", "italian": "it",
                        "portuguese": "pt", "dutch": "nl", "russian": "ru"}


def _compiled_split(text: str, language: str) -> list[str]:
    from sentencex import segment

    return rejoined(segment(_SENTENCEX_LANGUAGES.get(language, "en"), text), _inside_a_sentence, _OPENING_QUOTE)


def _inside_a_sentence(previous: str, piece: str) -> bool:
    """A cut with no space after it, or before a lower-case letter, is no sentence end."""
    return not previous[-1:].isspace() or piece[:1].islower()


# pysbd's time grew with the square of a paragraph's length; sentencex is linear, but a "paragraph"
# of more than 5,000 characters is a scrape that lost its line breaks or a dump, and the plain rule
# below is as good a guess there.
LONG_PARAGRAPH = 5_000
_PLAIN_SENTENCE_END = re.compile(r"(?<=[.!?。！？])[\"'”’)\]]*\s+")


def split_sentences(text: str, language: str | None = "english") -> list[str]:
    """Split one paragraph into sentences, verbatim, with no downloaded model. `language`: an ISO
    639-1 code or an English name; English by the rules here, any other language by
    `briefgen.language`'s rules for it."""
    text = text.strip()
    if not text:
        return []
    if len(text) > LONG_PARAGRAPH:
        return [s.strip() for s in _split_plainly(text) if s.strip()]
    code = _code(language)
    if code != "en":
        return split_paragraph(text, code)
    return list(_segmented(text, "english"))


@lru_cache(maxsize=256)
def _code(language: str | None) -> str:
    return language_code(language) if language else DEFAULT_LANGUAGE


# A re-posted article repeats its original's paragraphs word for word (half of all paragraphs in a
# day of wire copy and its re-posts): each distinct paragraph is segmented once.
@lru_cache(maxsize=100_000)
def _segmented(text: str, language: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in _compiled_split(text, language) if s.strip())


def _split_plainly(text: str) -> list[str]:
    """Sentences cut after every . ! ? (and closing quotes) followed by white space."""
    pieces, start = [], 0
    for end in _PLAIN_SENTENCE_END.finditer(text):
        pieces.append(text[start : end.start()] + end.group(0).rstrip())
        start = end.end()
    pieces.append(text[start:])
    return pieces


def article_sentences(article: Article, language: str | None = None, limit: int | None = None) -> list[Sentence]:
    """The sentences of an article's body, paragraph by paragraph, in reading order; the first
    `limit` of them when a limit is given. Split by the rules of `language` (None: the article's own)."""
    language = language or article.language
    out: list[Sentence] = []
    for paragraph in article.body.split("\n"):
        for text in split_sentences(paragraph, language):
            if limit is not None and len(out) >= limit:
                return out
            out.append(Sentence(article_id=article.id, position=len(out), text=text))
    return out
