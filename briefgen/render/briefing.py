"""Stage 7 — render: the briefing as Markdown, HTML and JSON files in `OUT/YYYY-MM-DD/`.

Article text is hostile until escaped: the HTML environment autoescapes everything, the Markdown
filter backslash-escapes every character Markdown would act on, and links are kept only when they
are http(s). Everything is rendered in memory first, written into a hidden staging folder and
swapped in as a whole, so a failed or killed run never leaves a half-written or mixed briefing.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import re
import shutil
import sys
import tempfile
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import nh3
from markupsafe import Markup
from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    select_autoescape,
)

from ..config.options import BriefingConfig
from ..links import safe_url, without_bidi_controls
from ..model import Article, Briefing, Citation, Coverage, StoryBrief
from ..runtime.budget import stage
from . import coverage_text
from .digest import Digest, fit_digest, several_outlets, story_urls
from ..language import language_display_name
from .languages import text_language
from .schema import schema_text
from ..version import __version__

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
    return Path(__file__).resolve().parents[2] / "templates"


@lru_cache(maxsize=8)
def environment(user_templates: Path | None = None) -> Environment:
    """Jinja environment whose loader tries the user's folder first, then the bundled templates.

    Kept between briefings, so templates are compiled once per process; Jinja still reloads a
    template whose file has changed.
    """
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
    # coverage: filters take the coverage record and the briefing (its coverage key, short names)
    env.filters["coverage_line"] = coverage_text.coverage_line
    env.filters["coverage_summary"] = coverage_text.coverage_summary
    env.filters["coverage_bar"] = coverage_text.bar_segments
    env.filters["coverage_text_bar"] = coverage_text.text_bar
    env.filters["blindspot_note"] = coverage_text.blindspot_note
    env.globals["blindspot_heading"] = coverage_text.blindspot_heading
    env.filters["in_source_order"] = in_source_order
    env.filters["language_name"] = language_display_name
    env.filters["lang"] = lang_attribute
    env.filters["story_date"] = story_date
    env.globals["EARLIER_SHOWN"] = EARLIER_SHOWN
    return env


def lang_attribute(text: object) -> Markup:
    """` lang="ko"` for a text written in another language's script than the page's English, else
    nothing: put inside the element's start tag (`<h2{{ headline|lang }}>`)."""
    language = text_language(str(text))
    return Markup(f' lang="{language}"') if language else Markup("")


def cited_in(briefing: Briefing) -> dict[str, list[int]]:
    """Article id → the places (#story-N) of the stories that cite it, for the source list's links
    back to where each source is cited."""
    places: dict[str, list[int]] = {}
    for number, story in enumerate(briefing.stories, start=1):
        lines = (*story.sentences, *story.by_outlet, *story.single_source)
        cited = [c.article for line in lines for c in line.sources]
        cited += [c.article for d in story.disagreements for claim in d.claims for c in claim.sources]
        for article in dict.fromkeys(cited):
            places.setdefault(article, []).append(number)
    return places


# The "Earlier" list names this many of the stories set aside as older than the window; briefing.json
# has them all. A reader needs to see that old stories were left out and which, not read them.
EARLIER_SHOWN = 10


def story_date(published: date | None, opening: bool = False) -> str:
    """A story's date as a reader reads it: "19 November 2019", or "date not stated" ("Date not
    stated" to open a line)."""
    if published:
        return f"{published.day} {published.strftime('%B %Y')}"
    return "Date not stated" if opening else "date not stated"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&$])")


def markdown_escape(text: object) -> str:
    """Text that Markdown shows literally: no links, emphasis or raw HTML from article text."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def plain_text(text: object) -> str:
    """Text for the plain-text part: one line, no control characters (no terminal escapes)."""
    return " ".join(_CONTROL.sub(" ", str(text)).split())


# What a briefing page may contain. Escaping already keeps article text inert; this allow-list is a
# second wall, also around templates a user overrides: no script, iframe, form, event handler or
# link other than http(s) and the page's own anchors survives.
PAGE_TAGS = {
    "a", "abbr", "article", "aside", "b", "blockquote", "br", "caption", "cite", "code", "div", "em",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "li",
    "main", "mark", "nav", "ol", "p", "q", "section", "small", "span", "strong", "sub", "sup", "table",
    "tbody", "td", "th", "thead", "time", "tr", "ul", "details", "summary",
}
PAGE_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "role", "aria-label", "aria-labelledby", "aria-describedby"},
    "a": {"href", "hreflang"},
    "li": {"value"},
    "ol": {"start"},
    "time": {"datetime"},
    "table": {"width", "cellpadding", "cellspacing", "border", "align", "style"},
    "td": {"colspan", "rowspan", "width", "align", "valign", "style"},
    "span": {"style"},
    "p": {"style"},
    "details": {"style"},
    "summary": {"style"},
    "th": {"colspan", "rowspan", "scope"},
}


# Inline styles are kept only on the tags above and only with these properties: the coverage bars'
# widths and colours, which must survive in mail clients that drop <style>. No position, no url().
PAGE_STYLE_PROPERTIES = {
    "width", "max-width", "height", "line-height", "font-size", "background-color", "color",
    "display", "vertical-align", "border-radius", "margin", "padding", "font-family",
}


def sanitise_page(page: str) -> str:
    """The page with its <body> passed through nh3's allow-list (the <head> is the template's own)."""
    head, marker, rest = page.partition("<body>")
    body, end_marker, tail = rest.rpartition("</body>")
    if not marker or not end_marker:
        return nh3.clean(
            page, tags=PAGE_TAGS, attributes=PAGE_ATTRIBUTES, url_schemes={"http", "https"},
            filter_style_properties=PAGE_STYLE_PROPERTIES,
        )
    clean = nh3.clean(
        body,
        tags=PAGE_TAGS,
        attributes=PAGE_ATTRIBUTES,
        url_schemes={"http", "https"},
        filter_style_properties=PAGE_STYLE_PROPERTIES,
        link_rel="noopener noreferrer nofollow",
    )
    return head + marker + clean + end_marker + tail


@dataclass(frozen=True)
class SourceRef:
    number: int
    outlet: str
    title: str
    url: str | None
    article: str


def numbered_sources(briefing: Briefing, stories: Iterable[StoryBrief] | None = None) -> dict[str, SourceRef]:
    """Article id → citation number, numbered in the order citations first appear (in `stories`, by
    default the briefing's)."""
    refs: dict[str, SourceRef] = {}
    for story in briefing.stories if stories is None else stories:
        cited = [c for x in (*story.sentences, *story.by_outlet, *story.single_source) for c in x.sources]
        cited += [c for d in story.disagreements for claim in d.claims for c in claim.sources]
        for c in cited:
            if c.article not in refs:
                refs[c.article] = SourceRef(len(refs) + 1, c.outlet, c.title, safe_url(c.url), c.article)
    return refs


@dataclass(frozen=True)
class CoveringRef:
    """An article of a briefed story that no sentence cites: listed under Sources all the same, so
    every outlet named in a story's "Reported by" can be found there."""

    outlet: str
    title: str
    url: str | None
    host: str | None  # the site a re-post was found on
    article: str


def also_covering(
    briefing: Briefing, cited: dict[str, SourceRef], stories: Iterable[StoryBrief] | None = None
) -> list[CoveringRef]:
    """Every article of the briefing's stories (or of `stories`) that is not a numbered source, story
    by story in the briefing's order, each story's articles by outlet and title."""
    by_id = {a.id: a for a in briefing.articles}
    listed: dict[str, CoveringRef] = {}
    for story in briefing.stories if stories is None else stories:
        members = [by_id[i] for i in story.story.article_ids if i in by_id and i not in cited]
        for a in sorted(members, key=lambda a: (a.outlet_label, a.title, a.id)):
            listed.setdefault(a.id, CoveringRef(a.outlet_label, a.title, safe_url(a.url), a.host, a.id))
    return list(listed.values())


def in_source_order(articles: list[str], sources: dict[str, SourceRef]) -> list[SourceRef]:
    """The source entries of these cited articles, each once, in the source list's order.

    Looked up per cited article rather than by walking the whole source list for each sentence,
    which made a page of thousands of sources quadratic to render."""
    refs = {a: sources[a] for a in articles if a in sources}
    return sorted(refs.values(), key=lambda ref: ref.number)


def _citation(c: Citation, outlet_of: dict[str, str | None]) -> dict:
    """A source as data: `outlet` is the name shown ("Unknown outlet" when nothing attributes the
    article), `outlet_name` the outlet itself, null when unknown."""
    return {"outlet": c.outlet, "outlet_name": outlet_of.get(c.article), "title": c.title, "url": safe_url(c.url), "article": c.article}


def _outlet_details(brief: StoryBrief, by_id: dict[str, Article]) -> list[dict]:
    """The story's independent outlets as data, in `outlets`' order: each outlet's name (null when
    unknown), the name shown for it, and its original articles in the story."""
    groups: dict[str, list[Article]] = {}
    for article_id in brief.story.article_ids:
        article = by_id.get(article_id)
        if article is not None and article.duplicate_of is None:
            groups.setdefault(article.outlet_label, []).append(article)
    return [
        {"name": members[0].outlet, "display": label, "articles": [a.id for a in members]}
        for label, members in sorted(groups.items())
    ]


# The version of briefing.json's contract (docs/json.md, briefgen/render/briefing.schema.json): raised when
# fields are added; a field once published keeps its name and meaning.
CONTRACT_VERSION = 4
# the contract's JSON Schema, written beside every briefing.json, which names it in `$schema`
SCHEMA_FILE = "briefing.schema.json"


def _coverage(coverage: Coverage | None) -> dict:
    """{key: {value: count}}: outlets by each registry attribute, one owner's outlets counted once."""
    if coverage is None:
        return {}
    return {key: {vc.value: vc.count for vc in counts} for key, counts in coverage.by_key}


def _story(s: StoryBrief, by_id: dict[str, Article], outlet_of: dict[str, str | None]) -> dict:
    """One story of `briefing.json` (in `stories` and in `earlier`)."""
    return {
        "id": s.story.id,
        "headline": s.headline,
        "outlets": list(s.outlets),
        "outlet_details": _outlet_details(s, by_id),
        "articles": list(s.story.article_ids),
        "first_seen": s.first_seen.isoformat() if s.first_seen else None,
        "new_articles": s.new_articles,
        "status": s.status,
        "date": s.published.isoformat() if s.published else None,
        "coverage": _coverage(s.coverage),
        "shared_owners": [
            {"owner": owner, "outlets": list(outlets)} for owner, outlets in (s.coverage.shared_owners if s.coverage else ())
        ],
        "sentences": [
            {
                "text": x.text,
                "article": x.article_id,
                "support": x.support,
                "sources": [_citation(c, outlet_of) for c in x.sources],
                "coverage": _coverage(x.coverage),
            }
            for x in s.sentences
        ],
        # only when no fact is shared: each outlet's lead, reported by that outlet alone
        "by_outlet": [
            {
                "outlet": x.sources[0].outlet,
                "outlet_name": outlet_of.get(x.sources[0].article),
                "text": x.text,
                "article": x.article_id,
                "sources": [_citation(c, outlet_of) for c in x.sources],
            }
            for x in s.by_outlet
        ],
        "single_source": [
            {
                "text": x.text,
                "article": x.article_id,
                "sources": [_citation(c, outlet_of) for c in x.sources],
                "coverage": _coverage(x.coverage),
            }
            for x in s.single_source
        ],
        "disagreements": [
            {
                "about": d.about,
                "claims": [{"value": c.value, "sources": [_citation(x, outlet_of) for x in c.sources]} for c in d.claims],
            }
            for d in s.disagreements
        ],
    }


def briefing_to_dict(briefing: Briefing) -> dict:
    """The JSON contract of `briefing.json` (its schema: `briefgen/render/briefing.schema.json`)."""
    out = _briefing_dict(briefing)
    for story, brief in [*zip(out["stories"], briefing.stories), *zip(out.get("earlier", []), briefing.earlier)]:
        if brief.also_covered:  # only on a story that joined other languages: other stories' objects are unchanged
            story["also_covered"] = [{"language": code, "outlets": list(outlets)} for code, outlets in brief.also_covered]
    return _without_bidi_controls(out)


def _without_bidi_controls(value):
    """Every string in the record without bidi controls (`briefgen.links.without_bidi_controls`)."""
    if isinstance(value, str):
        return without_bidi_controls(value)
    if isinstance(value, list):
        return [_without_bidi_controls(v) for v in value]
    if isinstance(value, dict):
        return {_without_bidi_controls(k): _without_bidi_controls(v) for k, v in value.items()}
    return value


def _briefing_dict(briefing: Briefing) -> dict:
    by_id = {a.id: a for a in briefing.articles}
    outlet_of = {a.id: a.outlet for a in briefing.articles}
    return {
        "$schema": SCHEMA_FILE,
        "contract": CONTRACT_VERSION,
        "generator": {"name": "briefgen", "version": __version__},
        "options": {name: value for name, value in briefing.options},
        "date": briefing.date.isoformat(),
        "since": briefing.since.isoformat() if briefing.since else None,
        "stories": [_story(s, by_id, outlet_of) for s in briefing.stories],
        # stories whose newest article is more than max_age_days older than the briefing (same shape)
        "max_age_days": briefing.max_age_days,
        "earlier": [_story(s, by_id, outlet_of) for s in briefing.earlier],
        "coverage_by": briefing.coverage_by,
        "blindspots": [
            {"story": b.story_id, "headline": b.headline, "key": b.key, "value": b.value, "outlets": list(b.outlets)}
            for b in briefing.blindspots
        ],
        "outlet_attributes": {name: dict(attributes) for name, attributes in briefing.outlet_attributes},
        "articles": [
            {
                "id": a.id,
                "path": a.path,
                "title": a.title,
                "outlet": a.outlet,
                "host": a.host,
                "url": safe_url(a.url),  # the one link rule of every output (briefgen.links)
                "published": a.published,
                "author": a.author,
                "duplicate_of": a.duplicate_of,
                "source_id": a.source_id,
                "language": a.language,
            }
            for a in briefing.articles
        ],
        "skipped": [{"path": s.path, "reason": s.reason} for s in briefing.skipped],
    }


# every file of one briefing's dated folder
BRIEFING_FILES = (*OUTPUTS, "briefing.json", SCHEMA_FILE)
PAGES = {name: template for name, template in OUTPUTS.items() if name not in ("briefing.email.html", "briefing.txt")}


def render_briefing(
    briefing: Briefing, config: BriefingConfig | None = None, only: Iterable[str] | None = None
) -> dict[str, str]:
    """File name → file content, for every output of one briefing (`only`: these file names)."""
    config = config or BriefingConfig()
    wanted = set(BRIEFING_FILES if only is None else only)
    env = environment(config.templates_dir)
    context: dict[str, Any] = {
        "briefing": briefing,
        "date": briefing.date,
        "stories": briefing.stories,
        "sources": numbered_sources(briefing),
        "min_sources": config.min_sources,
        "coverage_colours": coverage_text.colours(briefing),  # one colour per value, across stories
        "email_max_bytes": config.email_max_bytes,
    }
    context["also_covering"] = also_covering(briefing, context["sources"])
    context["cited_in"] = cited_in(briefing)
    # the page's two parts: (place in the briefing, story), each in the briefing's order
    numbered = list(enumerate(briefing.stories, start=1))
    context["confirmed"] = [(n, s) for n, s in numbered if several_outlets(s)]
    context["one_outlet"] = [(n, s) for n, s in numbered if not several_outlets(s)]
    urls = story_urls(briefing)
    context["story_urls"] = {n: urls[s.story.id] for n, s in context["one_outlet"]}
    files = {name: env.get_template(template).render(context) for name, template in PAGES.items() if name in wanted}
    if "briefing.html" in files:
        files["briefing.html"] = sanitise_page(files["briefing.html"])
    if wanted & {"briefing.email.html", "briefing.txt"}:
        files.update(render_email(briefing, config, env, context))
    files["briefing.json"] = json.dumps(briefing_to_dict(briefing), ensure_ascii=False, indent=2) + "\n"
    files[SCHEMA_FILE] = schema_text()
    # Article text may carry characters that reorder what follows them on screen; no output keeps them.
    return {name: without_bidi_controls(text) for name, text in files.items() if name in wanted}


def render_email(briefing: Briefing, config: BriefingConfig, env: Environment, context: dict) -> dict[str, str]:
    """The newsletter's two parts, `briefing.email.html` and `briefing.txt`: the largest digest of
    the briefing (briefgen.render.digest) for which both stay within `config.email_max_bytes`."""
    rendered: dict[tuple, dict[str, str]] = {}

    def parts(d: Digest) -> dict[str, str]:
        key = (tuple(n for n, _ in d.full), len(d.lines))
        if key not in rendered:
            stories = [s for _, s in d.full]
            sources = numbered_sources(briefing, stories)
            shown = {s.story.id for s in stories} | {briefing.stories[line.number - 1].story.id for line in d.lines}
            email_context = context | {
                "digest": d,
                "stories": stories,
                "sources": sources,
                "also_covering": also_covering(briefing, sources, stories),
                "page_sources": context["sources"],  # the full briefing's numbers, for links into it
                "blindspots": [b for b in briefing.blindspots if b.story_id in shown],
            }
            rendered[key] = {
                "briefing.email.html": sanitise_page(env.get_template(OUTPUTS["briefing.email.html"]).render(email_context)),
                "briefing.txt": env.get_template(OUTPUTS["briefing.txt"]).render(email_context),
            }
        return rendered[key]

    def size(d: Digest) -> int:
        return max(len(text.encode("utf-8")) for text in parts(d).values())

    return parts(fit_digest(briefing, config.web_url, size, config.email_max_bytes))


def write_briefing(
    briefing: Briefing, out_dir: str | Path, config: BriefingConfig | None = None, only: Iterable[str] | None = None
) -> list[Path]:
    """Write the briefing into `out_dir/YYYY-MM-DD/`; return the paths written. `only`: these
    files of it (names from `BRIEFING_FILES`); a file of another format left from an earlier run of
    the same date is removed, so the folder never mixes two runs.

    The dated folder changes as a whole: every file is written into a hidden sibling folder, which
    then takes the dated folder's place in one rename. A reader (or a run killed at any moment)
    sees the old briefing or the new one, never files of both. The archive index and the feed are
    updated last; when they cannot be, `ListingsNotUpdated` says so (the briefing is published).
    """
    staged = stage_briefing(briefing, out_dir, config, only)
    staged.swap_in()
    return staged.written + update_listings(Path(out_dir), config or BriefingConfig())


class ListingsNotUpdated(OSError):
    """The briefing is published, but the archive index or the feed could not be rewritten."""


@dataclass
class StagedBriefing:
    """A briefing written whole into a hidden folder beside its dated folder, not yet published."""

    staging: Path
    day: Path
    names: list[str]

    @property
    def written(self) -> list[Path]:
        return [self.day / name for name in self.names]

    def swap_in(self) -> None:
        """Publish: the staged folder takes the dated folder's place in one rename."""
        try:
            _keep_other_files(self.day, self.staging, set(BRIEFING_FILES))
            os.chmod(self.staging, 0o755)
            swap_folder_in(self.staging, self.day)
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def stage_briefing(
    briefing: Briefing, out_dir: str | Path, config: BriefingConfig | None = None, only: Iterable[str] | None = None
) -> StagedBriefing:
    """Render the briefing and write every file into a hidden staging folder in `out_dir`, named
    for this process (`recover_interrupted_swap` removes it once this process is gone)."""
    if not isinstance(briefing, Briefing):
        raise TypeError(f"write_briefing takes a briefgen.Briefing, not {type(briefing).__name__}")
    config = config or BriefingConfig()
    unknown = sorted(set(only or ()) - set(BRIEFING_FILES))
    if unknown:
        raise ValueError(f"not a briefing file: {', '.join(unknown)}; choose from {', '.join(BRIEFING_FILES)}")
    with stage("render", config.stage_budget):
        files = render_briefing(briefing, config, only)  # everything in memory before touching the disk
    out = Path(out_dir)
    day = out / briefing.date.isoformat()
    out.mkdir(parents=True, exist_ok=True)
    recover_interrupted_swap(day)
    if day.exists() and not day.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "in the way of the briefing folder (not a folder)", str(day))
    staging = Path(tempfile.mkdtemp(dir=out, prefix=f".{day.name}.{os.getpid()}.", suffix=".tmp"))
    try:
        for name in sorted(files):
            _write_durably(staging / name, files[name])
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return StagedBriefing(staging, day, sorted(files))


def update_listings(out: Path, config: BriefingConfig) -> list[Path]:
    """Rewrite the archive index and the feed from the briefings in `out` (after a publish)."""
    written = []
    for write in (write_archive_index, write_atom_feed):
        try:
            written.append(write(out, config))
        except OSError as err:
            raise ListingsNotUpdated(err.errno, err.strerror or str(err), err.filename) from err
    return written


def _keep_other_files(day: Path, staging: Path, ours: set[str]) -> None:
    """Copy what else a user keeps in the dated folder into the new one: the swap must not lose it."""
    if not day.is_dir():
        return
    for entry in sorted(day.iterdir()):
        if entry.name in ours:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, staging / entry.name, symlinks=True)
        else:
            shutil.copy2(entry, staging / entry.name, follow_symlinks=False)


def swap_folder_in(new: Path, day: Path) -> None:
    """Put folder `new` where `day` is, atomically; the old folder is removed afterwards."""
    if not day.exists() and not day.is_symlink():
        os.rename(new, day)
    elif _exchange(new, day):  # Linux: one system call swaps the two names
        shutil.rmtree(new)  # now the old briefing
    else:
        # Elsewhere two renames: a run killed between them leaves the old folder under `.day.old`,
        # which the next run puts back first (`recover_interrupted_swap`).
        old = _parked(day)
        shutil.rmtree(old, ignore_errors=True)
        os.rename(day, old)
        os.rename(new, day)
        shutil.rmtree(old)
    _sync_folder(day.parent)


def recover_interrupted_swap(day: Path) -> None:
    """Undo what a killed run left: the old folder parked mid-swap, and the staging folders of runs
    that are gone (a live run's, named with its process id, is left alone)."""
    old = _parked(day)
    if old.is_dir() and not day.exists():
        os.rename(old, day)
    for stale in day.parent.glob(f".{day.name}.*.tmp"):
        if not _owner_alive(stale.name[len(day.name) + 2 :]):
            shutil.rmtree(stale, ignore_errors=True)
    if day.is_dir():
        for stale in day.glob(".briefing*.tmp"):  # per-file temporaries of earlier versions
            stale.unlink(missing_ok=True)


def _owner_alive(rest_of_name: str) -> bool:
    """Whether the process that named a staging folder `.DAY.PID.XXXX.tmp` still runs (a folder
    named by an older briefgen, without a process id, has no owner to wait for)."""
    pid, _, _ = rest_of_name.partition(".")
    if not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's live process
    return True


def _parked(day: Path) -> Path:
    return day.with_name(f".{day.name}.old")


_RENAME_EXCHANGE = 2  # from <linux/fs.h>
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths with renameat2(RENAME_EXCHANGE); False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):  # a C library without renameat2 (glibc < 2.28, musl)
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):  # file system or kernel without it
        return False
    raise OSError(error, os.strerror(error), str(b))


def _sync_folder(folder: Path) -> None:
    """Make a rename inside `folder` survive a power cut, where the system allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the rename itself is still atomic
    finally:
        os.close(fd)


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
    return atomic_write(out_dir / "index.html", without_bidi_controls(sanitise_page(page)))


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
    return atomic_write(out_dir / "feed.xml", without_bidi_controls(feed))


def atomic_write(path: Path, content: str) -> Path:
    """Write `path` under a temporary name and rename it into place: never half a file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        _write_to(fd, content)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _write_durably(path: Path, content: str) -> None:
    _write_to(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644), content)


def _write_to(fd: int, content: str) -> None:
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
