"""A day of HTML pages for the end-to-end bench: the 120 real pages of ../shared/data/extraction/,
re-posted on other hosts.

Each story is one real page posted by 8 hosts, as `bench/e2e.py` does for JSON Lines records: the
page itself (moved to its first host), six edited copies (a random 70–95 % of its paragraphs, the
first kept, in order; 3 % of the words in the kept paragraphs swapped for other words of the page)
and one verbatim re-post (a copy for dedupe). Every copy keeps the page's own markup, furniture,
scripts, bylines and credits; what changes is where it is posted: a canonical link, `og:url` and
`og:site_name` naming the host and an `article:published_time` are put first in its `<head>`
(the first of each is the one a reader takes), and the address carries the date as /YYYY/MM/DD/.
A page's k-th story is dated 4k days before the briefing, so editions stay separate stories. About
2 % of files are junk: an empty page, a navigation menu, a page of script only.
"""

from __future__ import annotations

import gzip
import html
import json
import random
import re
from datetime import date, timedelta
from pathlib import Path

PER_STORY = 8
PER_FOLDER = 1000
EDITION_DAYS = 4  # more than BriefingConfig.story_window_days: a page's editions never join
HOSTS = [
    "Daily Ledger", "Morning Wire", "City Courier", "Evening Post", "Valley Times", "Harbor News", "Metro Report",
    "Northern Star", "Coastal Herald", "Capital Digest", "Prairie Press", "River Journal", "Summit Tribune",
    "Lakeside Gazette", "Union Observer", "Frontier Dispatch", "Central Bulletin", "Bay Chronicle",
    "Highland Record", "Harbour Register",
]
_PARAGRAPH = re.compile(r"<p[\s>].*?</p\s*>", re.I | re.S)
_TEXT = re.compile(r">([^<]+)<")
_HEAD = re.compile(r"<head[^>]*>", re.I)
JUNK = [
    "",
    "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a> | <a href='/news'>News</a> | "
    "<a href='/sport'>Sport</a></nav></body></html>",
    "<html><head><script>var a = 1;</script></head><body><script>document.write('x')</script></body></html>",
]


def load_pages(shared: Path) -> list[tuple[str, str]]:
    """(page id, HTML) of each benchmark page, in id order."""
    folder = shared / "data/extraction/html"
    return [
        (path.name.split(".")[0], gzip.decompress(path.read_bytes()).decode("utf-8", "replace"))
        for path in sorted(folder.glob("*.html.gz"))
    ]


def edited(page: str, rng: random.Random) -> str:
    """The page with a random 70–95 % of its paragraphs after the first, and 3 % of the words in
    those swapped for other words of the page."""
    paragraphs = list(_PARAGRAPH.finditer(page))
    if len(paragraphs) < 2:
        return page
    vocabulary = [w for m in paragraphs for t in _TEXT.findall(m.group(0)) for w in t.split()] or ["news"]
    keep_share = rng.uniform(0.7, 0.95)
    pieces, at = [], 0
    for i, m in enumerate(paragraphs):
        pieces.append(page[at : m.start()])
        at = m.end()
        if i > 0 and rng.random() > keep_share:
            continue

        def swap(text: re.Match) -> str:
            words = text.group(1).split(" ")
            return ">" + " ".join(rng.choice(vocabulary) if w and rng.random() < 0.03 else w for w in words) + "<"

        pieces.append(_TEXT.sub(swap, m.group(0)))
    pieces.append(page[at:])
    return "".join(pieces)


def posted(page: str, host: str, url: str, published: str) -> str:
    """The page as `host` posts it at `url`: its address, site name and date first in the head."""
    head = (
        f'<link rel="canonical" href="{html.escape(url)}"><meta property="og:url" content="{html.escape(url)}">'
        f'<meta property="og:site_name" content="{html.escape(host)}">'
        f'<meta property="article:published_time" content="{published}T08:00:00+00:00">'
    )
    m = _HEAD.search(page)
    if m:
        return page[: m.end()] + head + page[m.end() :]
    return f"<head>{head}</head>" + page


def page_file(spec: tuple, pages: list[tuple[str, str]], n: int, day: date) -> str:
    """The HTML of one file: copy `j` of story `story`, or a junk page. Each file has its own seeded
    random source, so files are made one at a time, in any order, the same every time."""
    kind, story, j = spec
    rng = random.Random(f"{n}-{story}-{j}")
    if kind == "junk":
        return JUNK[j]
    page_id, source = pages[story % len(pages)]
    edition = story // len(pages)
    published = (day - timedelta(days=EDITION_DAYS * edition)).isoformat()
    host = random.Random(f"{n}-{story}").sample(HOSTS, PER_STORY)[j]
    body = source if j in (0, PER_STORY - 1) else edited(source, rng)
    slug = re.sub(r"[^a-z]", "", host.lower())
    url = f"https://www.{slug}.example/{published.replace('-', '/')}/story-{page_id[:8]}-{story}"
    return posted(body, host, url, published)


def make_html_day(n: int, shared: Path, folder: Path, day: date) -> Path:
    """`n` HTML files (stories of 8 plus ~2 % junk) in folders of 1,000 under `folder`/corpus; cached."""
    done = folder / "corpus.done"
    corpus = folder / "corpus"
    if done.exists():
        return corpus
    pages = load_pages(shared)
    rng = random.Random(n)
    specs: list[tuple] = []
    story = 0
    while len(specs) < n:
        specs += [("copy", story, j) for j in range(PER_STORY)]
        if rng.random() < 0.16:  # one junk file per ~6 stories: ~2 % of files
            specs.append(("junk", story, rng.randrange(len(JUNK))))
        story += 1
    specs = specs[:n]
    rng.shuffle(specs)
    for i, spec in enumerate(specs):  # written as made: a day of pages is gigabytes
        part = corpus / f"part-{i // PER_FOLDER:03d}"
        part.mkdir(parents=True, exist_ok=True)
        (part / f"page-{i:06d}.html").write_text(page_file(spec, pages, n, day), encoding="utf-8")
    (folder / "corpus.json").write_text(json.dumps({"files": n, "stories": story}), encoding="utf-8")
    done.touch()
    return corpus
