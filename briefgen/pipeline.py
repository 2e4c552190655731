"""The whole path from input files to a `Briefing`, one stage after another.

Read top to bottom, this is the data flow: ingest → clean → dedupe → cluster → summarize →
consensus → coverage. Daily runs add the articles of earlier days from a store (`briefgen.store`) before
dedupe. Rendering to files is separate (`briefgen.render.write_briefing`), so a script can build a
briefing and do what it likes with it.
"""

from __future__ import annotations

import errno
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .clean import article_sentences, drop_site_boilerplate
from .cluster import carry_story_ids, cluster_articles
from .config import BriefingConfig
from .consensus import brief_story, describe_coverage, outlet_key
from .dedupe import mark_duplicates
from .editor.ranking import in_reading_order, split_earlier
from .editor import choose_headline
from .ingest import read_paths, with_language, without_future_date
from .language import DEFAULT_LANGUAGE, language_code
from .model import Article, Briefing, Sentence, Skipped, Story, StoryBrief
from .provenance import OutletRegistry, one_outlet_per_site
from .runtime.budget import stage
from .runtime.process_pool import (
    add_worker_timings,
    allowed_workers,
    map_in_processes,
    pool_size,
)
from .runtime.progress import Progress
from .store import EMPTY_HISTORY, History
from .summarize import rank_pool, sentence_pool

if TYPE_CHECKING:
    from .engines import Engine


PathLike = str | os.PathLike[str]
DateLike = date | str


def input_paths(paths: PathLike | Iterable[PathLike]) -> list[Path]:
    """The input files and folders, checked before anything is read: one `str` or `Path` is one
    path (not a string of one-letter paths), and a path that does not exist raises
    `FileNotFoundError` naming it, rather than giving a briefing of nothing."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    elif isinstance(paths, bytes) or not isinstance(paths, Iterable):
        raise TypeError(f"paths must be a path or a list of paths (str or Path), not {type(paths).__name__}")
    checked, missing = [], []
    for path in paths:
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"each path must be a str or a Path, not {type(path).__name__}: {path!r}")
        checked.append(Path(path))
        if not (checked[-1].exists() or checked[-1].is_symlink()):  # a broken link is reported as skipped
            missing.append(str(path))
    if missing:
        raise FileNotFoundError(errno.ENOENT, "no such file or folder", ", ".join(missing))
    return checked


def as_date(value: DateLike | None, name: str = "on") -> date | None:
    """A briefing date, parsed once: a `date` (a `datetime` gives its date) or an ISO date string
    ("2023-08-31"); None stays None. Anything else raises at once, naming the argument."""
    if value is None or type(value) is date:
        return value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return date(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{name}: not a date in YYYY-MM-DD form: {value!r}") from None
    raise TypeError(f"{name} must be a datetime.date or an ISO date string (YYYY-MM-DD), not {type(value).__name__}")


def build_briefing(
    paths: PathLike | Iterable[PathLike],
    config: BriefingConfig | None = None,
    *,
    on: DateLike | None = None,
    outlets_file: PathLike | None = None,
    history: History = EMPTY_HISTORY,
    engine: Engine | None = None,
) -> Briefing:
    """Read the articles under `paths` (one path, or a list of files and folders) and build the
    briefing dated `on` (a `date` or "YYYY-MM-DD"; default: today).

    Raises `FileNotFoundError` for a path that does not exist, `TypeError`/`ValueError` for a
    date or a config that is not one, and `StageOverBudget` when a stage runs past
    `config.stage_budget`. `engine` runs the same stages elsewhere, e.g.
    `briefgen.engines.dask.DaskEngine` on a Dask cluster, for a batch without history; the
    briefing is the same, byte for byte. None (the default) runs them here.
    """
    config = _checked_config(config)
    day = as_date(on) or date.today()
    paths = input_paths(paths)
    outlets_file = Path(outlets_file) if outlets_file is not None else None
    if engine is not None:
        if history.articles:
            raise ValueError("a build with history runs on the local engine")
        articles, briefs, skipped = engine.brief(
            paths, config, on=day, outlets_file=outlets_file, brief_one=summarize_story
        )  # 1–6 where the engine runs them
        briefing = replace(assemble_briefing(day, briefs, articles, skipped, max_age_days=config.max_age_days), options=config.recorded_options())
        return describe_coverage(briefing, OutletRegistry.load(outlets_file), config.coverage_by)  # after 6.
    articles, skipped = read_articles(paths, config, on=day, outlets_file=outlets_file)  # 1. ingest
    return brief_articles(articles, skipped, config, on=day, history=history, outlets=OutletRegistry.load(outlets_file))


def build_briefing_from_articles(
    articles: Iterable[Article],
    config: BriefingConfig | None = None,
    *,
    on: DateLike | None = None,
    outlets_file: PathLike | None = None,
    skipped: Iterable[Skipped] = (),
) -> Briefing:
    """The briefing of `Article` records a script holds in memory (from a database, an API, its own
    scraper), dated `on` (a `date` or "YYYY-MM-DD"; default: today): the same stages as for files,
    after reading. Each article needs a unique `id` and a `path` saying where it came from;
    `make_article` makes one from a title and a text. `published`, when given, is "YYYY-MM-DD".
    `skipped` lists inputs the script could not use, to be reported in the briefing."""
    config = _checked_config(config)
    day = as_date(on) or date.today()
    records = list(articles)
    seen: set[str] = set()
    for article in records:
        if not isinstance(article, Article):
            raise TypeError(f"articles must be briefgen.Article records, not {type(article).__name__}")
        if article.id in seen:
            raise ValueError(f"two articles have the id {article.id!r}; each needs its own")
        seen.add(article.id)
        if article.published is not None:
            as_date(article.published, f"article {article.id}: published")
    with stage("ingest", config.stage_budget):
        records = drop_site_boilerplate([without_future_date(a, day) for a in records])
    registry = OutletRegistry.load(Path(outlets_file) if outlets_file is not None else None)
    return brief_articles(records, list(skipped), config, on=day, outlets=registry)


def make_article(
    title: str,
    body: str,
    *,
    path: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: DateLike | None = None,
    author: str | None = None,
    source_id: str | None = None,
) -> Article:
    """An `Article` from what a script has: its id is a hash of its title, text and address (the
    same article always gets the same id), its `path` the `url` or `source_id` unless given."""
    from .ingest.decode import content_id

    day = as_date(published, "published")
    return Article(
        id=content_id("\n".join((title, body, url or ""))),
        path=path or url or source_id or "memory",
        title=title,
        body=body,
        outlet=outlet,
        url=url,
        published=day.isoformat() if day else None,
        author=author,
        source_id=source_id,
    )


def _checked_config(config: BriefingConfig | None) -> BriefingConfig:
    if config is None:
        return BriefingConfig()
    if not isinstance(config, BriefingConfig):
        raise TypeError(f"config must be a briefgen.BriefingConfig, not {type(config).__name__}")
    return config


def read_articles(
    paths: Iterable[str | Path], config: BriefingConfig, *, on: date, outlets_file: Path | None = None
) -> tuple[list[Article], list[Skipped]]:
    """Stage 1, ingest: every article file under `paths` read into an `Article`, or skipped with a reason.

    Each file is cleaned on its own as it is read; then the paragraphs a site repeats across
    several of its articles (a blurb, a disclaimer, a newsletter call written as prose) are dropped
    from their bodies, which only the batch as a whole shows (`briefgen.clean.site_boilerplate`). That
    happens before dedupe, so a site's furniture neither joins two of its articles as copies nor
    keeps a re-post apart from its original."""
    with stage("ingest", config.stage_budget):
        registry = OutletRegistry.load(outlets_file)
        articles, skipped = read_paths(
            paths, registry, config.max_article_bytes, config.max_articles, workers=allowed_workers(config)
        )
        articles = in_languages(articles, config)
        return drop_site_boilerplate([without_future_date(a, on) for a in articles]), skipped


def in_languages(articles: list[Article], config: BriefingConfig) -> list[Article]:
    """Each article with its language: the one `config.language` forces, else its own (detected
    from its text where no reader set it: a feed's summary, an article of an earlier run)."""
    if config.language is not None:
        code = language_code(config.language)
        return [a if a.language == code else replace(a, language=code) for a in articles]
    return [with_language(a) for a in articles]


def story_language(members: list[Article]) -> str:
    """The language most of a story's originals are written in (a tie: the first code in order)."""
    counts = Counter(a.language or DEFAULT_LANGUAGE for a in members if a.duplicate_of is None)
    counts = counts or Counter(a.language or DEFAULT_LANGUAGE for a in members)
    return min(counts, key=lambda code: (-counts[code], code)) if counts else DEFAULT_LANGUAGE


OtherLanguages = tuple[tuple[str, tuple[str, ...]], ...]


def in_one_language(story: Story, members: list[Article]) -> tuple[Story, list[Article], OtherLanguages]:
    """The story's articles in its own language (as a story of their own), and the outlets that
    covered it in other languages (a story joins languages only on shared numbers and names:
    `briefgen.cluster.same_language_edges`). Lines are chosen and matched among the first alone: a
    German article is never taken as support for an English line it was not matched on."""
    language = story_language(members)
    code = {a.id: a.language or DEFAULT_LANGUAGE for a in members}
    code |= {a.id: code[a.duplicate_of] for a in members if a.duplicate_of in code}  # a copy goes with its original
    own = [a for a in members if code[a.id] == language]
    if len(own) == len(members):
        return story, members, ()
    own_outlets = {a.outlet_label for a in own}
    others: dict[str, set[str]] = {}
    for a in members:
        if code[a.id] != language and a.outlet_label not in own_outlets:
            others.setdefault(code[a.id], set()).add(a.outlet_label)
    also = tuple((code, tuple(sorted(outlets))) for code, outlets in sorted(others.items()))
    return Story(id=story.id, article_ids=tuple(a.id for a in own)), own, also


def with_other_languages(brief: StoryBrief, whole: Story, also_covered: OtherLanguages, language: str) -> StoryBrief:
    """The brief of a story's own-language part, with the whole story, its language and its
    other-language outlets."""
    return replace(brief, story=whole, also_covered=also_covered, language=language)


def in_story_language(config: BriefingConfig, members: list[Article]) -> BriefingConfig:
    """The options for one story's stages, their `language` the story's own: its summary, its
    facts and its citations are read by that language's rules."""
    return replace(config, language=story_language(members))


def brief_articles(
    articles: list[Article],
    skipped: list[Skipped],
    config: BriefingConfig,
    *,
    on: date | None = None,
    history: History = EMPTY_HISTORY,
    progress: Progress | None = None,
    outlets: OutletRegistry | None = None,
) -> Briefing:
    """The stages after ingest, for articles read from files, fetched from feeds, or both.

    With `history` (a store's record of earlier runs), the articles of the last few days join
    today's so a continuing story keeps its id, and only stories with articles no earlier briefing
    read are briefed: a daily briefing says what is new. `outlets` says what each outlet is, for
    coverage (default: the bundled registry).
    """
    day = as_date(on) or date.today()
    budget = config.stage_budget
    articles = in_languages(articles, config)
    read_now = {a.id: a for a in articles}
    window = {a.id: a for a in in_languages(list(history.articles), config)} | read_now  # today's reading of an article wins
    # one name per outlet across the window: its spellings, and bylines naming an outlet it holds
    window = {a.id: a for a in one_outlet_per_site(list(window.values()))}
    first_seen = {i: history.first_seen.get(i, day) for i in window}
    marked, stories = group_window(list(window.values()), config, history.story_of, history.fingerprints)  # 3, 4.
    by_id = {a.id: a for a in marked}
    new_articles = {s.id: sum(first_seen[i] >= day for i in s.article_ids) for s in stories}
    stories = [s for s in stories if new_articles[s.id]]  # briefed before and nothing added: not again
    members = {s.id: [by_id[i] for i in s.article_ids] for s in stories}
    if progress:
        progress.add_total(len(stories))

    briefs = [
        dated(brief, min(first_seen[i] for i in s.article_ids), new_articles[s.id])
        for s, brief in zip(stories, brief_stories(stories, members, by_id, config, progress))
    ]

    listed = {i for b in briefs for i in b.story.article_ids} | set(read_now)
    briefing = assemble_briefing(day, briefs, [by_id[i] for i in listed], skipped, since=history.last_briefing, max_age_days=config.max_age_days)
    briefing = replace(briefing, options=config.recorded_options())
    with stage("coverage", budget):  # after 6.: who covers each story and fact
        return describe_coverage(briefing, outlets or OutletRegistry.load(), config.coverage_by)


def brief_stories(
    stories: list[Story],
    members: dict[str, list[Article]],
    by_id: dict[str, Article],
    config: BriefingConfig,
    progress: Progress | None = None,
) -> list[StoryBrief]:
    """Stages 2 (sentences), 5 and 6 for every story, in the stories' order: on every usable core
    for a large batch (`briefgen.runtime.process_pool`), else here, stage after stage."""
    workers = pool_size(config, len(stories), sum(len(m) for m in members.values()))
    if workers < 2:
        return _brief_stories_here(stories, members, by_id, config, progress)
    briefs: list[StoryBrief | None] = [None] * len(stories)
    heaviest_first = sorted(range(len(stories)), key=lambda i: (-len(stories[i].article_ids), i))
    with stage(f"stories on {workers} processes", None):
        for index, brief, timings in map_in_processes(
            stories, lambda story: brief_one_story(story, members[story.id], by_id, config), workers,
            heaviest_first=heaviest_first,
        ):
            briefs[index] = brief
            add_worker_timings(timings)
            if progress:
                progress.advance()
    return [b for b in briefs if b is not None]


def brief_one_story(story: Story, members: list[Article], by_id: dict[str, Article], config: BriefingConfig) -> StoryBrief:
    """Stages 2 (its originals' sentences), 5 and 6 for one story, undated: what a worker runs."""
    config = in_story_language(config, members)
    whole, (story, members, also_covered) = story, in_one_language(story, members)
    with stage("clean", None):  # copies add no sentences
        sentences = {
            a.id: article_sentences(a, None, config.max_sentences_per_article)
            for a in members
            if a.duplicate_of is None
        }
    with stage("summarize", None):
        headline, ranking = rank_story(members, sentences, config)
    with stage("consensus", None):
        brief = brief_story(story, by_id, sentences, ranking, headline, config)
        return with_other_languages(brief, whole, also_covered, config.language or DEFAULT_LANGUAGE)


def _brief_stories_here(
    stories: list[Story],
    members: dict[str, list[Article]],
    by_id: dict[str, Article],
    config: BriefingConfig,
    progress: Progress | None,
) -> list[StoryBrief]:
    budget = config.stage_budget
    whole = {s.id: s for s in stories}
    parts = {s.id: in_one_language(s, members[s.id]) for s in stories}
    stories = [parts[s.id][0] for s in stories]
    members = {s.id: parts[s.id][1] for s in stories}
    with stage("clean", budget):  # 2. sentences of every original (copies add none)
        sentences = {
            a.id: article_sentences(a, None, config.max_sentences_per_article)
            for s in stories
            for a in members[s.id]
            if a.duplicate_of is None
        }
    story_config = {s.id: in_story_language(config, members[s.id]) for s in stories}
    with stage("summarize", budget):  # 5.
        ranked = {s.id: rank_story(members[s.id], sentences, story_config[s.id]) for s in stories}
    with stage("consensus", budget):  # 6.
        briefs = []
        for s in stories:
            headline, ranking = ranked[s.id]
            brief = brief_story(s, by_id, sentences, ranking, headline, story_config[s.id])
            briefs.append(with_other_languages(brief, whole[s.id], parts[s.id][2], story_config[s.id].language or DEFAULT_LANGUAGE))
            if progress:
                progress.advance()
    return briefs


def group_window(
    articles: list[Article],
    config: BriefingConfig,
    earlier_story_of: dict[str, str] | None = None,
    fingerprints: dict[str, bytes] | None = None,
) -> tuple[list[Article], list[Story]]:
    """Stages 3 and 4 over the time window: copies marked, then stories grouped, and every story
    that continues an earlier one keeps its id (`earlier_story_of`: article id → the story id an
    earlier run gave it; `fingerprints`: stored MinHash signatures, so they are not computed again).

    Dedupe runs over the whole window, so a copy of yesterday's article is a copy today too; grouping
    the window again, rather than only attaching new articles, lets a new article join two earlier
    stories it bridges. Its cost is that of one batch over the window."""
    with stage("dedupe", config.stage_budget):
        marked = mark_duplicates(articles, config, fingerprints or {})
    with stage("cluster", config.stage_budget):
        stories = carry_story_ids(cluster_articles(marked, config), earlier_story_of or {})
    return marked, stories


def rank_story(members: list[Article], sentences: dict[str, list[Sentence]], config: BriefingConfig) -> tuple[str, list[Sentence]]:
    """Stage 5 for one story: its headline, and its sentences by the summarizer's ranking."""
    ranked = rank_pool(sentence_pool(members, sentences), [a.title for a in members if a.title], config)
    return choose_headline(members, config.language or DEFAULT_LANGUAGE), ranked


def summarize_story(
    story: Story, by_id: dict[str, Article], sentences: dict[str, list[Sentence]], config: BriefingConfig
) -> StoryBrief:
    """Stages 5 and 6 for one story, with no history (every article new): what an engine runs per
    story. Needs only the story's own articles and their sentences."""
    config = in_story_language(config, [by_id[i] for i in story.article_ids])
    whole, (story, members, also_covered) = story, in_one_language(story, [by_id[i] for i in story.article_ids])
    headline, ranked = rank_story(members, sentences, config)
    brief = with_other_languages(brief_story(story, by_id, sentences, ranked, headline, config), whole, also_covered, config.language or DEFAULT_LANGUAGE)
    return dated(brief, None, len(story.article_ids))


def dated(brief: StoryBrief, first_seen: date | None, new_articles: int) -> StoryBrief:
    """The brief with its history: first briefed on `first_seen` (None: on this briefing's date)."""
    return replace(brief, first_seen=first_seen, new_articles=new_articles)


def assemble_briefing(
    on: date,
    briefs: list[StoryBrief],
    articles: list[Article],
    skipped: list[Skipped],
    since: date | None = None,
    max_age_days: int | None = None,
) -> Briefing:
    """The briefing record: stories dated and in reading order (briefgen.editor.ranking), those older
    than `max_age_days` set apart as earlier; articles and skipped inputs sorted."""
    by_id = {a.id: a for a in articles}
    ordered = in_reading_order(briefs, by_id, lambda b: _independent_outlets(b, by_id))
    fresh, earlier = split_earlier([replace(b, first_seen=b.first_seen or on) for b in ordered], on, max_age_days)
    return Briefing(
        date=on,
        stories=tuple(fresh),
        articles=tuple(sorted(articles, key=lambda a: (a.path, a.id))),
        skipped=tuple(sorted(skipped, key=lambda s: s.path)),
        since=since,
        earlier=tuple(earlier),
        max_age_days=max_age_days,
    )


def group_articles(
    paths: PathLike | Iterable[PathLike], config: BriefingConfig, *, on: DateLike | None = None, outlets_file: Path | None = None
) -> tuple[list[Article], list[Story], list[Skipped]]:
    """Read the articles, mark copies and group them into stories: the stages before summarizing."""
    day = as_date(on) or date.today()
    articles, skipped = read_articles(input_paths(paths), config, on=day, outlets_file=outlets_file)  # 1.
    articles = one_outlet_per_site(articles)  # one name per outlet, before copies are judged
    articles, stories = group_window(articles, config)  # 3, 4.
    return articles, stories, skipped


def _independent_outlets(brief: StoryBrief, by_id: dict[str, Article]) -> int:
    return len({outlet_key(by_id[i]) for i in brief.story.article_ids if by_id[i].duplicate_of is None})
