"""The records passed between pipeline stages.

Each stage takes records and a `BriefingConfig` and returns new records; nothing is mutated in
place, so every record here is a frozen dataclass. The JSON contract (`briefing.json`) is built from
these records by `briefgen.render.briefing.briefing_to_dict`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Article:
    """One input article after ingest: metadata read from the file, and its cleaned body text.

    `outlet` is the organisation that wrote the article (None when nothing in the input says so);
    `host` is the site the copy was taken from when that differs (a re-posting site), else None.
    """

    id: str
    path: str
    title: str
    body: str
    outlet: str | None = None
    host: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) when the input states one
    author: str | None = None
    duplicate_of: str | None = None  # id of the article this one is a copy of
    # the input's own id for the article (a JSON record's "id", a feed item's guid), so a job can
    # join briefgen's results back to its own data; `id` stays briefgen's content hash
    source_id: str | None = None
    # the ISO 639-1 code of the language the article is written in (briefgen.language): detected from
    # its text at ingest, or the one the user forced; None only before ingest has read it
    language: str | None = None

    @property
    def outlet_label(self) -> str:
        return self.outlet or "Unknown outlet"


@dataclass(frozen=True)
class Skipped:
    """An input file (or record inside one) that could not be used, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class Sentence:
    """A sentence exactly as it stands in one article's body."""

    article_id: str
    position: int  # index of the sentence within its article
    text: str


@dataclass(frozen=True)
class Story:
    """Articles that report the same news, in a stable order."""

    id: str
    article_ids: tuple[str, ...]


@dataclass(frozen=True)
class Citation:
    outlet: str
    title: str
    url: str | None
    article: str  # article id


@dataclass(frozen=True)
class ValueCount:
    """One value of an outlet attribute among a set of outlets: "3 national (…)"."""

    value: str  # "national", "US", a user tag's value; "unknown" when the registry does not say
    count: int  # outlets with this value, those of one owner counted once
    outlets: tuple[str, ...]  # their names, in the registry's order


@dataclass(frozen=True)
class Coverage:
    """Who carries a story or a fact: its independent outlets, and how they split by each attribute
    the registry knows (kind, country, owner, the user's tags)."""

    outlets: tuple[str, ...]  # independent outlets, in the registry's order
    by_key: tuple[tuple[str, tuple[ValueCount, ...]], ...] = ()
    # owners with more than one of these outlets: (owner, its outlets); they count once per value
    shared_owners: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def counts(self, key: str) -> tuple[ValueCount, ...]:
        return dict(self.by_key).get(key, ())


@dataclass(frozen=True)
class Blindspot:
    """A story several outlets cover, all of one value of the coverage key, on a day when the
    sources hold other values too: "covered only by national outlets"."""

    story_id: str
    headline: str
    key: str
    value: str
    outlets: tuple[str, ...]


@dataclass(frozen=True)
class SummarySentence:
    """A sentence kept for the briefing, with every independent outlet that reports its fact."""

    text: str
    article_id: str  # the article the text is quoted from
    sources: tuple[Citation, ...]
    coverage: Coverage | None = None  # its sources' spread (briefgen.consensus.coverage), once described

    @property
    def support(self) -> int:
        return len({c.outlet for c in self.sources})


@dataclass(frozen=True)
class Claim:
    """One outlet's (or several outlets') version of a disputed detail, e.g. "70th anniversary"."""

    value: str
    sources: tuple[Citation, ...]


@dataclass(frozen=True)
class Disagreement:
    """Outlets that report the same fact with different figures, dates or names."""

    about: str  # the fact in question, as a short text
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class StoryBrief:
    story: Story
    headline: str
    outlets: tuple[str, ...]  # independent outlets, sorted
    sentences: tuple[SummarySentence, ...]
    # claims only one outlet makes, listed apart (when the config asks) instead of in the summary
    single_source: tuple[SummarySentence, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    # when the story's outlets share no fact: each outlet's own lead, cited to it alone (briefgen.editor.outlet_leads)
    by_outlet: tuple[SummarySentence, ...] = ()
    # across daily runs (see briefgen.store): the date of the first briefing that carried the story,
    # and how many of its articles no earlier briefing had read. Without history every story is new.
    first_seen: date | None = None
    new_articles: int = 0
    coverage: Coverage | None = None  # its outlets' spread (briefgen.consensus.coverage), once described
    # the publication date of its newest dated article (None: no article states one), set when the
    # briefing is assembled (briefgen.editor.ranking)
    published: date | None = None
    # the story's outlets that wrote in another language than its own, as (ISO 639-1 code, outlets):
    # shown as "also covered in German by …", never counted as support for a line
    also_covered: tuple[tuple[str, tuple[str, ...]], ...] = ()
    language: str | None = None  # the ISO 639-1 code its lines are written in (None: not recorded)

    @property
    def status(self) -> str:
        """"new" on the day the story first appears, "developing" when later articles add to it."""
        return "developing" if self.first_seen is not None and self.new_articles < len(self.story.article_ids) else "new"


@dataclass(frozen=True)
class Briefing:
    date: date
    stories: tuple[StoryBrief, ...]
    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...] = field(default_factory=tuple)
    since: datetime.date | None = None  # the previous briefing in the store, when there is one
    # who the outlets are (briefgen.consensus.coverage): the attribute blind spots are found by, the stories
    # covered by one value of it only, and each briefed outlet's attributes as (key, value) pairs
    coverage_by: str = "kind"
    blindspots: tuple[Blindspot, ...] = ()
    outlet_attributes: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    short_names: tuple[tuple[str, str], ...] = ()  # (name, shorter name for coverage lines): ("Associated Press", "AP")
    # stories whose newest article is more than `max_age_days` older than the briefing: not the news
    # of its day, listed apart (briefgen.editor.ranking); None: no such window
    earlier: tuple[StoryBrief, ...] = ()
    max_age_days: int | None = None
    # the options it was built with that shape what it says (`BriefingConfig.recorded_options`),
    # as (name, value) pairs: written into briefing.json so a reader knows how it was made
    options: tuple[tuple[str, object], ...] = ()

    def article(self, article_id: str) -> Article:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)
