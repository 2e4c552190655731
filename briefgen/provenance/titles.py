"""Titles and outlet names as a reader would write them: one cleaner for every input format.

Page titles carry their site's name ("Best tech gadgets of 2019 | ZDNet", "… - SpaceNews.com",
"LinkNaija | Nigeria's popular news platform: Headline"), a section ("… | Editorial"), or both; an
outlet name read from a credit line can run on into the link after it ("Futurism. Read the original
article"), and a page's own site name is sometimes a section ("Economia") or the headline itself.
Every reader — HTML, plain text, JSON, feeds — passes its title and the names it found through here,
so one headline reads the same whichever file it came in, and a story's headline needs no second pass.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from .name_kinds import never_an_outlet
from .sites import compact, names_site

# " | Site", " – Site", " :: Site": the title's last segment after such a separator.
_SEPARATED_TAIL = re.compile(r"^(?P<head>.+?)\s*(?P<sep>\s\||\|(?=\s)|::|\s-|\s–|\s—|\s·|\s»)\s+(?P<tail>[^|–—·»]+)$")
# "Site | Headline", "Site: Headline": a site's name in front.
_LEADING = r"\s*[:|–—-]\s+(.{8,})$"
# "Site | Headline", "Opinion | Headline": a short label before a bar, a headline after it.
_LEADING_LABEL = re.compile(r"^(?P<label>[^|:]{2,40}?)\s*(?:\||::)\s+(?P<rest>.{8,})$")
# After a bar, a tail this short is a label (a site's or a section's: "| Editorial", "| Al Bawaba");
# after a dash, a tail this short is the site's name when none of its words is the article's.
LABEL_WORDS = 3
SITE_WORDS = 5
# A call to follow a link, run on after a name or a title: "Read the original article", "Read more",
# "Continue reading", "View the full story".
_READ_ON = re.compile(
    r"(?:^|[\s.!:;,|–—-]+)(?:(?:read|view|see)\s+(?:the\s+)?(?:original|full|complete|whole|entire|more)\b"
    r"|(?:continue|keep)\s+reading\b|click\s+here\b).*$",
    re.I,
)
# Section labels pages put where their site's name belongs (og:site_name = "Economia"), in the
# languages of the test pages: a name that is only one of these is no outlet's.
SECTION_WORDS = frozenset(
    """
    news home world politics business economy economics economia economía finance finanzas money markets
    opinion opinions editorial editorials comment commentary analysis sport sports esporte esportes
    deportes football soccer culture cultura entertainment diversao diversão lifestyle life style health
    saude saúde science tech technology travel food local national international nation us uk europe
    asia africa americas brasil brazil mundo internacional nacional noticias notícias nachrichten
    politik wirtschaft kultur welt sport actualites actualités politique economie économie culture
    blog blogs article articles story stories video videos photos gallery live breaking latest top
    """.split()
)
_STOP = frozenset("a an and are as at be by for from has have in is it of on or that the to was were with".split())


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.casefold()) if w not in _STOP}


def without_read_on(text: str) -> str:
    """The text without a trailing call to follow a link ("Futurism. Read the original article")."""
    return _READ_ON.sub("", text).strip()


def is_section_label(name: str) -> bool:
    """A name that is one section word ("Economia", "Opinion"): outlets' names of such words run to
    two or more ("Live Science", "News Nation")."""
    words = re.findall(r"\w+", name.casefold())
    return len(words) == 1 and words[0] in SECTION_WORDS


def _names(site_names: Iterable[str | None]) -> list[str]:
    return sorted({" ".join(n.split()) for n in site_names if n and n.strip()}, key=len, reverse=True)


def _is_site(tail: str, names: list[str], domain: str | None) -> bool:
    key = compact(tail)
    if not key:
        return False
    if names_site(tail, domain):
        return True
    known = [compact(n) for n in names if compact(n)]
    return any(key == n or (len(key) >= 4 and len(n) >= 4 and (key.startswith(n) or n.startswith(key))) for n in known)


def clean_title(
    title: str, site_names: Iterable[str | None] = (), domain: str | None = None, body: str | None = None
) -> tuple[str, str | None]:
    """(the headline, the site name its title carried), from a page or record title.

    Cut: a site's whole name before or after the headline (`site_names` as the page gives them, and
    `domain` spelled as words); a short label before or after a bar ("| Editorial", "| DailyPulse Wire"); a
    trailing call to read on; and, given the article's `body`, a short tail after a dash none of
    whose words the body uses ("… - Streamline Finance"). A headline in two parts ("Milan Design Week
    2018 | Anastassiades' light installation for FLOS") stays whole. The site name returned is the
    outermost tail cut that is not a section label, for a reader that has no other name for the site.
    """
    title = without_read_on(" ".join((title or "").split()))
    names = _names(site_names)
    site: str | None = None
    for name in names:  # the site's whole name, tagline and all, in front: "Site | Headline"
        m = re.match(re.escape(name) + _LEADING, title)
        if m:
            title, site = m.group(1).strip(), name
            break
    m = _LEADING_LABEL.match(title)
    if m and site is None and len(m["label"].split()) <= LABEL_WORDS and len(m["rest"].split()) >= 2 * len(m["label"].split()) + 2:
        title = m["rest"].strip()
        site = None if is_section_label(m["label"]) else m["label"].strip()
    body_words = _content_words(body) if body else None
    while m := _SEPARATED_TAIL.match(title):
        head, sep, tail = m["head"].strip(), m["sep"].strip(), m["tail"].strip()
        if len(head) < 8:
            break
        whole_name = any(tail == n or title.endswith(n) and tail in n for n in names)
        is_site = whole_name or _is_site(tail, names, domain)
        is_label = sep in ("|", "::") and len(tail.split()) <= LABEL_WORDS
        foreign = False
        if body_words is not None and not (is_site or is_label) and len(tail.split()) <= SITE_WORDS:
            tail_words = _content_words(tail)
            foreign = bool(tail_words) and len(tail_words & body_words) / len(tail_words) < 0.5
        if not (is_site or is_label or foreign):
            break
        if site is None and not is_section_label(tail):
            site = tail
        title = head
    for name in names:  # a whole name with a separator inside it ("Site | Tagline") ending the title
        for sep in (" | ", " - ", " – ", " — ", " :: ", " · ", "|"):
            if title.endswith(sep + name) and len(title) > len(sep + name) + 8:
                title, site = title[: -len(sep + name)].strip(), site or name
    return title, site


# "© 2016 ", "Copyright, 2011, 2012 ", "(c) 2019-2020 ": a copyright notice in front of a name.
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright)[\s,©]*(?:\d{4}(?:\s*[-–,]\s*\d{4})*[\s,.]*)?", re.I)


def without_copyright(name: str) -> str:
    """A site name without a copyright notice in front ("© 2016 aryanews.com" → "aryanews.com")."""
    name = " ".join(html.unescape(html.unescape(name)).split())
    return _COPYRIGHT.sub("", name).strip() or name


def clean_outlet_name(name: str | None) -> str | None:
    """An outlet's name without what runs on after it ("Futurism. Read the original article" →
    "Futurism") or a copyright notice before it; None for a name that is no outlet's: empty, a
    section label, a year, a place, a language or a slogan (`name_kinds`)."""
    if not name:
        return None
    name = without_read_on(without_copyright(name)).strip(" ,;:|–—-")
    if name.endswith(".") and not re.search(r"(?:^|[\s.])\w\.$", name):  # "Futurism." but "City A.M."
        name = name[:-1].rstrip()
    if not name or is_section_label(name) or never_an_outlet(name):
        return None  # a section, a year, a place, a language or a slogan
    return name
