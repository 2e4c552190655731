"""Stage 7 — render: the briefing as Markdown, HTML and JSON files in `OUT/YYYY-MM-DD/`.

Article text is hostile until escaped: the HTML environment autoescapes everything, the Markdown
filter backslash-escapes every character Markdown would act on, and links are kept only when they
are http(s). Everything is rendered in memory first and each file is written under a temporary name
and renamed, so a failed run never leaves a half-written briefing.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import uuid
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import css_inline
import nh3
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .config import BriefingConfig
from .model import Briefing, Citation

OUTPUTS = {
    "briefing.md": "briefing.md.j2",
    "briefing.html": "briefing.html.j2",
    "briefing.email.html": "briefing.email.html.j2",
    "briefing.txt": "briefing.txt.j2",
}


def bundled_templates() -> Path:
    """Templates inside the installed package, or the repository's top-level `templates/`."""
    packaged = resources.files("briefgen").joinpath("templates")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "templates"


def environment(user_templates: Path | None = None) -> Environment:
    """Jinja environment whose loader tries the user's folder first, then the bundled templates."""
    folders = ([user_templates] if user_templates else []) + [bundled_templates()]
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(f)) for f in folders]),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2", "xml", "xml.j2"), default=False),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = markdown_escape
    env.filters["plain"] = plain_text
    env.filters["safe_url"] = safe_url
    return env


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&$])")


def markdown_escape(text: object) -> str:
    """Text that Markdown shows literally: no links, emphasis or raw HTML from article text."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def plain_text(text: object) -> str:
    """Text for the plain-text part: one line, no control characters (no terminal escapes)."""
    return " ".join(_CONTROL.sub(" ", str(text)).split())


def safe_url(url: object) -> str | None:
    """The URL when it is a plain http(s) link, else None (no javascript:, data:, relative links)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not re.match(r"^https?://[^\s\"'<>`]+$", url, re.I):
        return None
    return url


# What a briefing page may contain. Escaping already keeps article text inert; this allow-list is a
# second wall, also around templates a user overrides: no script, iframe, form, event handler or
# link other than http(s) and the page's own anchors survives.
PAGE_TAGS = {
    "a", "abbr", "article", "aside", "b", "blockquote", "br", "caption", "cite", "code", "div", "em",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "li",
    "main", "mark", "nav", "ol", "p", "q", "section", "small", "span", "strong", "sub", "sup", "table",
    "tbody", "td", "th", "thead", "time", "tr", "ul",
}
PAGE_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "role", "aria-label", "aria-labelledby", "aria-describedby"},
    "a": {"href", "hreflang"},
    "li": {"value"},
    "ol": {"start"},
    "time": {"datetime"},
    "table": {"width", "cellpadding", "cellspacing", "border", "align"},
    "td": {"colspan", "rowspan", "width", "align", "valign"},
    "th": {"colspan", "rowspan", "scope"},
}


def sanitise_page(page: str) -> str:
    """The page with its <body> passed through nh3's allow-list (the <head> is the template's own)."""
    head, marker, rest = page.partition("<body>")
    body, end_marker, tail = rest.rpartition("</body>")
    if not marker or not end_marker:
        return nh3.clean(page, tags=PAGE_TAGS, attributes=PAGE_ATTRIBUTES, url_schemes={"http", "https"})
    clean = nh3.clean(
        body,
        tags=PAGE_TAGS,
        attributes=PAGE_ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel="noopener noreferrer nofollow",
    )
    return head + marker + clean + end_marker + tail


_EMAIL_INLINER = css_inline.CSSInliner(keep_style_tags=False, keep_link_tags=False, load_remote_stylesheets=False)


@dataclass(frozen=True)
class SourceRef:
    number: int
    outlet: str
    title: str
    url: str | None
    article: str


def numbered_sources(briefing: Briefing) -> dict[str, SourceRef]:
    """Article id → citation number, numbered in the order citations first appear."""
    refs: dict[str, SourceRef] = {}
    for story in briefing.stories:
        cited = [c for x in (*story.sentences, *story.single_source) for c in x.sources]
        cited += [c for d in story.disagreements for claim in d.claims for c in claim.sources]
        for c in cited:
            if c.article not in refs:
                refs[c.article] = SourceRef(len(refs) + 1, c.outlet, c.title, safe_url(c.url), c.article)
    return refs


def _citation(c: Citation) -> dict:
    return {"outlet": c.outlet, "title": c.title, "url": c.url, "article": c.article}


def briefing_to_dict(briefing: Briefing) -> dict:
    """The JSON contract of `briefing.json`."""
    return {
        "date": briefing.date.isoformat(),
        "since": briefing.since.isoformat() if briefing.since else None,
        "stories": [
            {
                "id": s.story.id,
                "headline": s.headline,
                "outlets": list(s.outlets),
                "articles": list(s.story.article_ids),
                "first_seen": s.first_seen.isoformat() if s.first_seen else None,
                "new_articles": s.new_articles,
                "status": s.status,
                "sentences": [
                    {
                        "text": x.text,
                        "article": x.article_id,
                        "support": x.support,
                        "sources": [_citation(c) for c in x.sources],
                    }
                    for x in s.sentences
                ],
                "single_source": [
                    {"text": x.text, "article": x.article_id, "sources": [_citation(c) for c in x.sources]}
                    for x in s.single_source
                ],
                "disagreements": [
                    {
                        "about": d.about,
                        "claims": [{"value": c.value, "sources": [_citation(x) for x in c.sources]} for c in d.claims],
                    }
                    for d in s.disagreements
                ],
            }
            for s in briefing.stories
        ],
        "articles": [
            {
                "id": a.id,
                "path": a.path,
                "title": a.title,
                "outlet": a.outlet,
                "host": a.host,
                "url": a.url,
                "published": a.published,
                "author": a.author,
                "duplicate_of": a.duplicate_of,
            }
            for a in briefing.articles
        ],
        "skipped": [{"path": s.path, "reason": s.reason} for s in briefing.skipped],
    }


def render_briefing(briefing: Briefing, config: BriefingConfig | None = None) -> dict[str, str]:
    """File name → file content, for every output of one briefing."""
    config = config or BriefingConfig()
    env = environment(config.templates_dir)
    context = {
        "briefing": briefing,
        "date": briefing.date,
        "stories": briefing.stories,
        "sources": numbered_sources(briefing),
        "min_sources": config.min_sources,
    }
    files = {name: env.get_template(template).render(context) for name, template in OUTPUTS.items()}
    files["briefing.html"] = sanitise_page(files["briefing.html"])
    # Mail clients drop <style>: the email's CSS goes into style="" attributes, after sanitising.
    files["briefing.email.html"] = _EMAIL_INLINER.inline(sanitise_page(files["briefing.email.html"]))
    files["briefing.json"] = json.dumps(briefing_to_dict(briefing), ensure_ascii=False, indent=2) + "\n"
    return files


def write_briefing(briefing: Briefing, out_dir: str | Path, config: BriefingConfig | None = None) -> list[Path]:
    """Write the briefing into `out_dir/YYYY-MM-DD/`; return the paths written."""
    files = render_briefing(briefing, config)  # render everything before touching the disk
    day = Path(out_dir) / briefing.date.isoformat()
    day.mkdir(parents=True, exist_ok=True)
    for stale in day.glob(".briefing*.tmp"):  # left by a run that was killed while writing
        stale.unlink(missing_ok=True)
    written = []
    for name in sorted(files):
        written.append(atomic_write(day / name, files[name]))
    written.append(write_archive_index(Path(out_dir), config or BriefingConfig()))
    written.append(write_atom_feed(Path(out_dir), config or BriefingConfig()))
    return written


def published_briefings(out_dir: Path) -> list[dict]:
    """Every briefing in the output folder, newest first: date, story count, headlines."""
    entries = []
    for data_file in sorted(out_dir.glob("*/briefing.json"), reverse=True):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", data_file.parent.name):
            continue
        try:
            data = json.loads(data_file.read_text(encoding="utf-8"))
            stories = [s for s in data.get("stories") or [] if isinstance(s, dict)]
        except (OSError, ValueError, AttributeError):
            continue  # a damaged or foreign file is not a briefing to list
        headlines = [str(s.get("headline", "")) for s in stories]
        entries.append({
            "date": data_file.parent.name,
            "stories": len(stories),
            "headline": headlines[0] if headlines else "",
            "headlines": headlines,
        })
    return entries


def write_archive_index(out_dir: Path, config: BriefingConfig) -> Path:
    """`out_dir/index.html`: every briefing in the folder, newest first, rebuilt on each run."""
    page = environment(config.templates_dir).get_template("index.html.j2").render(entries=published_briefings(out_dir))
    return atomic_write(out_dir / "index.html", sanitise_page(page))


def write_atom_feed(out_dir: Path, config: BriefingConfig) -> Path:
    """`out_dir/feed.xml`: an Atom feed of the briefings, for subscribers' feed readers.

    Links are relative to the feed (`config.base_url` sets `xml:base` when the folder is published
    at a known address). Ids and dates come from the briefing dates, so the feed is reproducible.
    """
    entries = published_briefings(out_dir)
    for entry in entries:
        # A URN that stays the same wherever the folder is published (RFC 4287 wants a permanent id).
        entry["id"] = uuid.uuid5(uuid.NAMESPACE_URL, f"briefgen:briefing:{entry['date']}").urn
    feed = environment(config.templates_dir).get_template("feed.xml.j2").render(
        entries=entries,
        updated=f"{entries[0]['date']}T00:00:00Z" if entries else "1970-01-01T00:00:00Z",
        feed_id=uuid.uuid5(uuid.NAMESPACE_URL, f"briefgen:briefings:{config.base_url or ''}").urn,
        base_url=safe_url(config.base_url),
    )
    return atomic_write(out_dir / "feed.xml", feed)


def atomic_write(path: Path, content: str) -> Path:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
