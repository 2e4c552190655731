"""Re-posts on spam sites: are copies grouped with their original and credited to its outlet?

Data: the 120 real pages of ../shared/data/extraction/ (the originals, read as HTML as they are), and
for each of them copies on invented spam sites, made here (`make_copies`, seeded):
- two formats: an HTML page (the spam site's name in `og:site_name` and in the title, its own menu,
  footer and copyright line around an `<article>`) and the same page as a plain-text scrape;
- junk inside the article, as spam sites serve it: breadcrumbs, "View", "Date:", share widgets, ad
  lines, a run of related links in the middle;
- the article text: what briefgen reads from the original page (a re-post copies the article);
- six credit forms: a byline naming the outlet ("By X", a `<p class="byline">` in HTML), "Source: X",
  "This article originally appeared on X.", a copyright line "© 2019 X. All rights reserved.", a
  wire-style dateline "NEW YORK (X) —", and no credit at all. X is the name briefgen gives the
  original's outlet.

Everything (originals and copies) is read as one batch through briefgen's readers and pass over the
batch, then deduplicated and clustered (`pipeline.group_articles`). Per form and format:
- grouped: copies marked as copies of their original (same dedupe group, %);
- credited: copies whose outlet is the original's (%; "no credit" copies cannot be, and are shown);
- spam outlets: spam sites that are an outlet of some story (an original, not a copy, whose outlet is
  a spam name), counted once per site;
- junk left: junk lines put inside the article that are still in the copy's body (%).
Pages whose id starts 0–7 (where rules were looked at) and 8–f (held out) are also reported apart.
Originals too short to fingerprint (under 3 word 5-grams) cannot be grouped and are left out.

Usage: python bench/reposts.py [--shared ../shared] [--keep DIR]
"""

from __future__ import annotations

import argparse
import gzip
import html as html_lib
import random
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from briefgen import BriefingConfig
from briefgen.dedupe.minhash import fingerprint
from briefgen.pipeline import group_articles

FORMS = ("byline", "source", "originally", "copyright", "dateline", "none")
FORMATS = ("html", "txt")
SPAM_SITES = [
    ("World News Daily", "worldnewsdaily.net"), ("Repost Daily", "repostdaily.com"),
    ("Trending Buzz Hub", "trendingbuzzhub.com"), ("Global Headlines Now", "globalheadlinesnow.info"),
    ("Viral Wire 24", "viralwire24.net"), ("Streamline Finance", "streamlinefinance.biz"),
    ("NewsFeed Central", "newsfeedcentral.org"), ("Daily Scoop Express", "dailyscoopexpress.com"),
]
JUNK_BEFORE = ["Home > News > World", "View", "Date:2019-11-25 08:14:02", "Share on Facebook", "Share on Twitter",
               "ADVERTISEMENT"]
JUNK_MIDDLE = ["Related Articles", "Ten ways to save on groceries this winter", "You won't believe these celebrity homes",
               "Stocks to watch before the bell", "Advertisement"]
JUNK_AFTER = ["Share this:", "Facebook", "Twitter", "WhatsApp", "Tags: news, world, trending", "Leave a comment"]


def credit_line(form: str, outlet: str) -> str | None:
    return {
        "byline": f"By {outlet}",
        "source": f"Source: {outlet}",
        "originally": f"This article originally appeared on {outlet}.",
        "copyright": f"© 2019 {outlet}. All rights reserved.",
    }.get(form)


def article_lines(form: str, outlet: str, title: str, paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """(the lines inside the copy's article, the junk among them)."""
    paragraphs = list(paragraphs)
    if form == "dateline" and paragraphs:
        paragraphs[0] = f"NEW YORK ({outlet}) — {paragraphs[0]}"
    middle = max(1, len(paragraphs) // 2)
    lines = [*JUNK_BEFORE, *paragraphs[:middle], *JUNK_MIDDLE, *paragraphs[middle:], *JUNK_AFTER]
    if form == "byline":
        lines.insert(len(JUNK_BEFORE), credit_line(form, outlet))
    elif credit_line(form, outlet):
        lines.insert(len(lines) - len(JUNK_AFTER), credit_line(form, outlet))
    return lines, JUNK_BEFORE + JUNK_MIDDLE + JUNK_AFTER


def html_copy(form: str, outlet: str, title: str, paragraphs: list[str], spam: tuple[str, str], slug: str) -> str:
    name, domain = spam
    lines, _ = article_lines(form, outlet, title, paragraphs)
    e = html_lib.escape
    body = "\n".join(
        f'<p class="byline">{e(line)}</p>' if form == "byline" and line == credit_line(form, outlet) else f"<p>{e(line)}</p>"
        for line in lines
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{e(title)} | {e(name)}</title>
<meta property="og:site_name" content="{e(name)}">
<meta property="og:title" content="{e(title)}">
<meta property="og:url" content="https://www.{domain}/{slug}.html">
<meta property="article:published_time" content="2019-11-25T08:14:02Z">
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a> <a href="/viral">Viral</a></nav>
<div class="logo">{e(name)}</div></header>
<main><article><h1>{e(title)}</h1>
{body}
</article></main>
<aside><h3>Trending now</h3><ul><li><a href="/a">Celebrity homes you must see</a></li><li><a href="/b">Ten tricks to save money</a></li></ul></aside>
<footer><p>© 2026 {e(name)}. All rights reserved.</p><p><a href="/privacy">Privacy</a> | <a href="/terms">Terms</a></p></footer>
</body></html>
"""


def text_copy(form: str, outlet: str, title: str, paragraphs: list[str], spam: tuple[str, str]) -> str:
    name, _ = spam
    lines, _ = article_lines(form, outlet, title, paragraphs)
    return "\n".join(["Skip to content", f"{name}", "Home World Business Viral", f"{title} | {name}", title,
                      *lines, "Trending now", "Celebrity homes you must see", "Ten tricks to save money",
                      f"© 2026 {name}. All rights reserved.", "Privacy | Terms"])


def make_copies(pages: Path, originals: dict, out: Path, seed: int = 16) -> dict[str, tuple[str, str, str, list[str]]]:
    """Write every copy under `out`; {copy file name: (page id, form, format, junk lines)}."""
    rng = random.Random(seed)
    made = {}
    for page_id, original in sorted(originals.items()):
        paragraphs = original["body"].split("\n")
        for form in FORMS:
            for fmt in FORMATS:
                spam = rng.choice(SPAM_SITES)
                name = f"{page_id[:12]}-{form}.{fmt}"
                if fmt == "html":
                    page = html_copy(form, original["outlet"], original["title"], paragraphs, spam, f"{page_id[:12]}-{form}")
                else:
                    page = text_copy(form, original["outlet"], original["title"], paragraphs, spam)
                (out / name).write_text(page, encoding="utf-8")
                made[name] = (page_id, form, fmt, article_lines(form, original["outlet"], "", paragraphs)[1])
    return made


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--keep", type=Path, help="write the generated pages here (kept) instead of a temporary folder")
    args = parser.parse_args()
    data = args.shared / "data/extraction"
    work = args.keep or Path(tempfile.mkdtemp(prefix="reposts-"))
    (work / "pages").mkdir(parents=True, exist_ok=True)
    (work / "copies").mkdir(exist_ok=True)
    for gz in sorted((data / "html").glob("*.html.gz")):
        (work / "pages" / gz.name.removesuffix(".gz")).write_bytes(gzip.decompress(gz.read_bytes()))

    config = BriefingConfig()
    alone, _, _ = group_articles([work / "pages"], config)  # the originals as briefgen reads them
    originals = {
        Path(a.path).name.split(".")[0]: {"outlet": a.outlet, "title": a.title, "body": a.body, "id": a.id}
        for a in alone
        if a.outlet and fingerprint(a.body) is not None
    }
    made = make_copies(work / "pages", originals, work / "copies")
    articles, stories, skipped = group_articles([work / "pages", work / "copies"], config)
    by_path = {Path(a.path).name: a for a in articles}
    by_page = {Path(a.path).name.split(".")[0]: a for a in articles if "/pages/" in a.path}
    root = {a.id: a.duplicate_of or a.id for a in articles}
    spam_names = {name for name, _ in SPAM_SITES}
    listed_spam = sorted({a.outlet for a in articles if a.duplicate_of is None and a.outlet in spam_names})

    rows: dict[tuple, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for name, (page_id, form, fmt, junk) in made.items():
        copy, original = by_path.get(name), by_page.get(page_id)
        half = "0-7" if page_id[0] in "01234567" else "8-f"
        keys = [(form, fmt, "all"), (form, fmt, half), ("all", fmt, "all"), ("all", "all", half), ("all", "all", "all")]
        if form != "none":  # the copies that carry a credit, where "credited" is the goal
            keys += [("any credit", fmt, "all"), ("any credit", "all", half), ("any credit", "all", "all")]
        for key in keys:
            row = rows[key]
            if copy is None or original is None:
                row["grouped"].append(False)
                continue
            row["grouped"].append(root[copy.id] == root[original.id])
            row["credited"].append(copy.outlet == originals[page_id]["outlet"])
            row["spam"].append(copy.outlet if copy.duplicate_of is None and copy.outlet in spam_names else None)
            body = set(copy.body.split("\n"))
            row["junk"].append(sum(line in body for line in junk) / len(junk))

    print(f"originals: {len(originals)} of 120 pages (with an outlet and enough text to fingerprint); "
          f"copies: {len(made)}; read: {len(articles)}, skipped: {len(skipped)}")
    print("| form | format | pages | copies | grouped % | credited % | spam outlets | junk left % |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |")
    order = [(f, fmt, h) for f in (*FORMS, "any credit", "all") for fmt in (*FORMATS, "all") for h in ("all", "0-7", "8-f")]
    for key in order:
        if key not in rows:
            continue
        row = rows[key]
        n = len(row["grouped"])
        pct = lambda xs: 100.0 * sum(xs) / len(xs) if xs else float("nan")  # noqa: E731
        spam = len({s for s in row["spam"] if s})
        print(f"| {key[0]} | {key[1]} | {key[2]} | {n} | {pct(row['grouped']):.1f} | {pct(row['credited']):.1f} | "
              f"{spam} | {pct(row['junk']):.1f} |")
    print(f"spam sites listed as an outlet of some story: {len(listed_spam)} {listed_spam}")
    if args.keep is None:
        import shutil

        shutil.rmtree(work)


if __name__ == "__main__":
    sys.exit(main())
