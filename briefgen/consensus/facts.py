"""Stage 6 — consensus: keep the facts that several independent outlets report, and cite them all.

A candidate sentence's fact is "reported" by another article when one of that article's sentences
carries most of the candidate's content words (stemmed, stop words dropped), weighted by how rare
each word is in the story — every article of a story names "Russia" and "Kirby", so those words say
little about which fact a sentence reports; "letters" or "resolutions" say a lot — and the
candidate carries a fair share of that sentence's words in turn. A quotation both sentences carry
word for word lowers the first bar (`fact_match_quoted`): outlets copy a quote verbatim, so it says
more about the fact than shared topic words do. Support is counted in independent
outlets: two articles of one outlet, or a syndicated copy, count once. Facts are chosen by support
first, then by how central the summarizer ranked them; a fact already in the briefing in other
words is not taken again. Claims only one outlet makes are held apart (`single_source`).
"""

from __future__ import annotations

import bisect
import heapq
import re
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from ..config.options import BriefingConfig
from ..editor.fitness import may_show, unintroduced_speaker
from ..editor.lede import lede_order, lede_scores, story_leads
from ..editor.outlet_leads import first_sentence, outlet_leads, without_dateline
from ..model import (
    Article,
    Citation,
    Claim,
    Disagreement,
    Sentence,
    Story,
    StoryBrief,
    SummarySentence,
)
from ..summarize.select import word_overlap as overlap
from .claims import PASSAGE_BAR, ArticleFacts, Finding, article_facts, judge, statements
from ..language import DEFAULT_LANGUAGE, language_code
from .disagree import find_disagreements, what_differs
from .names import matching_terms


def outlet_key(article: Article) -> str:
    """Articles with the same key are not independent of each other."""
    return article.outlet or article.host or f"unknown:{article.id}"


@dataclass(frozen=True)
class _StorySentences:
    """Every sentence of a story's original articles, with what is needed to match facts."""

    articles: tuple[Article, ...]  # owner of each sentence
    texts: tuple[str, ...]
    terms: tuple[frozenset[str], ...]
    # shared[a, b]: weight of a's terms found in b, over a's total weight (sparse: most pairs share
    # nothing, and a busy story has tens of thousands of sentences)
    shared: sp.csr_matrix
    shared_back: sp.csr_matrix  # its transpose: shared_back[a, b] == shared[b, a]
    quotes: tuple[tuple[str, ...], ...]  # each sentence's quotations of 2+ words, as " w1 w2 … "
    spaced_words: tuple[str, ...]  # each sentence's lower-case words, " w1 w2 … ", to find them in
    weight: dict[str, float]  # each term's weight in the story (inverse sentence frequency)
    language: str = "en"  # the story's (ISO 639-1): whose rules say which capitalised words are names
    _reported: dict = field(default_factory=dict, compare=False, repr=False)  # `reporting`, once asked
    _spans: dict = field(default_factory=dict, compare=False, repr=False)  # article id → (first, end)
    _facts: dict = field(default_factory=dict, compare=False, repr=False)  # article id → what it carries
    _hits: dict = field(default_factory=dict, compare=False, repr=False)  # sentence → `sharing`

    def span(self, article_id: str) -> tuple[int, int]:
        """The article's sentences: pool indexes first..end-1 (an article's sentences are in a row)."""
        if not self._spans:
            for i, article in enumerate(self.articles):
                first, _ = self._spans.get(article.id, (i, i))
                self._spans[article.id] = (first, i + 1)
        return self._spans.get(article_id, (0, 0))

    def facts(self, article_id: str) -> tuple[ArticleFacts, frozenset[str]]:
        """What the article carries (briefgen.consensus.claims), and every content term of it."""
        found = self._facts.get(article_id)
        if found is None:
            first, end = self.span(article_id)
            found = self._facts[article_id] = (
                article_facts("\n".join(self.texts[first:end])),
                frozenset().union(*self.terms[first:end]),
            )
        return found

    def finding(self, i: int, article_id: str) -> Finding:
        """How the article stands to sentence i's line (briefgen.consensus.claims.judge)."""
        first, end = self.span(article_id)
        facts, everything = self.facts(article_id)
        columns = self.sharing(i)
        line = self.terms[i]
        in_article = {
            k - first: line & self.terms[k]
            for k in columns[bisect.bisect_left(columns, first) : bisect.bisect_left(columns, end)]
        }
        return judge(
            self.texts[i], line, self.texts[first:end], self.terms[first:end], self.weight, facts, everything, in_article,
            language=self.language,
        )

    def sharing(self, i: int) -> list[int]:
        """The sentences sharing a term with sentence i (row i of `shared`), in order: the only
        sentences a passage telling i's fact can be made of."""
        found = self._hits.get(i)
        if found is None:
            found = self._hits[i] = self.shared.indices[self.shared.indptr[i] : self.shared.indptr[i + 1]].tolist()
        return found

    def reporting(self, a: int, config: BriefingConfig) -> dict[int, float]:
        """The sentences that report sentence a's fact, with how much of it each carries."""
        key = (a, config.fact_match, config.fact_match_quoted, config.fact_match_back)
        found = self._reported.get(key)
        if found is None:  # asked again and again while facts are chosen: worked out once per sentence
            found = self._reported[key] = self._reporting(a, config)
        return found

    def _reporting(self, a: int, config: BriefingConfig) -> dict[int, float]:
        # Row a of `shared` and of `shared_back` read straight from their CSR arrays (indexing a
        # sparse row builds a new matrix each time), the back scores looked up by column.
        start, end = self.shared.indptr[a], self.shared.indptr[a + 1]
        columns, scores = self.shared.indices[start:end], self.shared.data[start:end]
        back_start, back_end = self.shared_back.indptr[a], self.shared_back.indptr[a + 1]
        back_columns = self.shared_back.indices[back_start:back_end]
        back_scores = self.shared_back.data[back_start:back_end]
        where = np.asarray(np.searchsorted(back_columns, columns))
        inside = where < len(back_columns)
        found_back = np.zeros(len(columns))
        hit = inside.copy()
        hit[inside] = back_columns[where[inside]] == columns[inside]
        found_back[hit] = back_scores[where[hit]]
        lowest = min(config.fact_match, config.fact_match_quoted)
        candidate = (found_back >= config.fact_match_back) & (scores >= lowest)
        return {
            b: score
            for b, score in zip(columns[candidate].tolist(), scores[candidate].tolist())
            if score >= config.fact_match or (score >= config.fact_match_quoted and self.shares_quote(a, b))
        }

    def shares_quote(self, a: int, b: int) -> bool:
        """Sentence b holds, word for word, a quotation that sentence a makes."""
        return any(quote in self.spaced_words[b] for quote in self.quotes[a])


# A quotation between double quotes (straight or curly) or curly single quotes; a straight single
# quote is left out, since it is far more often an apostrophe.
_QUOTATION = re.compile(r'"([^"]+)"|“([^”]+)”|‘([^’]+)’')
_WORD = re.compile(r"\w+")


def _spaced(words: list[str]) -> str:
    return " " + " ".join(words) + " "


def quotations(text: str) -> tuple[str, ...]:
    """The sentence's quotations of two words or more, lower-cased, as " w1 w2 … "."""
    found = []
    for match in _QUOTATION.finditer(text):
        quoted = _WORD.findall(next(g for g in match.groups() if g is not None).lower())
        if len(quoted) >= 2:
            found.append(_spaced(quoted))
    return tuple(found)


def _story_sentences(originals: list[Article], sentences: dict[str, list[Sentence]], language: str) -> _StorySentences:
    owners, texts = [], []
    for article in sorted(originals, key=lambda a: (a.published or "9999", a.id)):
        for sentence in sentences.get(article.id, []):
            owners.append(article)
            texts.append(sentence.text)
    terms = matching_terms(texts, language)  # "U.N.", "UN" and "United Nations" are one term
    vocabulary = {t: i for i, t in enumerate(sorted({t for ts in terms for t in ts}))}
    rows = [i for i, ts in enumerate(terms) for _ in ts]
    cols = [vocabulary[t] for ts in terms for t in ts]
    present = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(terms), len(vocabulary)))
    # Inverse sentence frequency within the story: the names every sentence carries weigh little.
    df = np.asarray(present.sum(axis=0)).ravel()
    weight = np.log((len(terms) + 1) / (df + 0.5))
    by_term = dict(zip(sorted(vocabulary, key=vocabulary.__getitem__), weight.tolist()))
    weighted = present.multiply(weight).tocsr()
    total = np.asarray(weighted.sum(axis=1)).ravel()
    total[total == 0] = 1.0
    shared = sp.diags(1.0 / total) @ (weighted @ present.T).tocsr()
    shared = shared.tocsr()
    shared.sort_indices()
    shared_back = shared.T.tocsr()
    shared_back.sort_indices()  # `reporting` looks columns up by binary search
    return _StorySentences(
        tuple(owners),
        tuple(texts),
        tuple(terms),
        shared,
        shared_back,
        quotes=tuple(quotations(text) for text in texts),
        spaced_words=tuple(_spaced(_WORD.findall(text.lower())) for text in texts),
        weight=by_term,
        language=_code(language),
    )


def _code(language: str | None) -> str:
    return language_code(language) if language else DEFAULT_LANGUAGE


def same_fact(pool: _StorySentences, a: int, b: int, config: BriefingConfig) -> bool:
    """Sentence b reports sentence a's fact: it carries most of a's weight, and a enough of b's.

    The second condition keeps a long sentence that touches many of the story's words from
    "supporting" a short one it does not say.
    """
    return b in pool.reporting(a, config)


def _repeats(pool: _StorySentences, i: int, j: int, config: BriefingConfig) -> bool:
    """Candidate i says again what kept sentence j says.

    Either most of its words are there, or one reports the other's fact, or — two outlets' wordings
    of a fact too different for the word match ("any weapons agreement … would violate numerous
    United Nations Security Council resolutions" / "any arms deal … would directly violate a number
    of U.N. Security Council resolutions") — every other sentence that reports i also reports j,
    and i and j share a fair part of their words each way: i would add no new support, only a
    second quote of the same fact.
    """
    if overlap(pool.terms[i], pool.terms[j]) >= config.max_overlap or same_fact(pool, i, j, config):
        return True
    reporting_i = set(pool.reporting(i, config)) - {i}
    reporting_j = set(pool.reporting(j, config)) | {j}
    close = min(pool.shared[i, j], pool.shared[j, i]) >= config.fact_match_back
    return bool(reporting_i) and reporting_i <= reporting_j and close


def brief_story(
    story: Story,
    articles: dict[str, Article],
    sentences: dict[str, list[Sentence]],
    ranked: list[Sentence],
    headline: str,
    config: BriefingConfig,
) -> StoryBrief:
    originals = [articles[i] for i in story.article_ids if articles[i].duplicate_of is None]
    pool = _story_sentences(originals, sentences, config.language or "en")
    index = {(pool.articles[i].id, pool.texts[i]): i for i in range(len(pool.texts))}
    order = []  # usable candidates, most central first
    for sentence in ranked:
        i = index.get((sentence.article_id, sentence.text))
        if i is not None and len(pool.terms[i]) >= 3:
            order.append(i)
    support = _Support(pool, originals, config)

    single_outlet = len({outlet_key(a) for a in originals}) == 1
    show_alone = config.show_single_source or single_outlet  # a one-outlet story must not vanish
    kept: list[int] = []
    alone: list[int] = []
    waiting: list[int] = []  # lines whose speaker no earlier line has named in full yet
    # The story opens with what happened: the members' own ledes are its first candidates, the one
    # most other outlets carry first (briefgen.lede.member_ledes).
    ledes = _member_ledes(originals, sentences, index, pool) if config.lede_first else []
    lede = _shared_lede(ledes, pool, support, config)
    if lede is not None:
        kept.append(lede)
    elif ledes and show_alone:  # no outlet shares any: the first lede of the list, as its outlet's own
        alone.append(min(ledes, key=lambda i: (order.index(i) if i in order else len(order), i)))
    for i in _by_support(order, pool, support, config):
        shared = support.count(i) >= config.min_sources
        if not shared and not show_alone:
            break  # support only falls from here: nothing more the briefing shows
        chosen = kept if shared else alone
        limit = config.sentences_per_story if shared else SINGLE_SOURCE_LIMIT
        if len(chosen) >= limit:
            if len(alone) >= SINGLE_SOURCE_LIMIT or not show_alone:
                break
            continue
        if not may_show(pool.texts[i]):
            continue  # "He said…", "But…", "The report says…": out of its article, the reader cannot tell who or what
        if any(_repeats(pool, i, j, config) for j in kept + alone):
            continue  # this fact, or most of its words, is already in the briefing
        if unintroduced_speaker(pool.texts[i], [pool.texts[j] for j in chosen]):
            waiting.append(i)  # "…," Johnston said: shown once a line before it names Tom Johnston
            continue
        chosen.append(i)
        for w in [w for w in waiting if w not in kept + alone]:
            place = kept if support.count(w) >= config.min_sources else alone
            if place is chosen and len(chosen) < limit and not unintroduced_speaker(
                pool.texts[w], [pool.texts[j] for j in chosen]
            ) and not any(_repeats(pool, w, j, config) for j in kept + alone):
                chosen.append(w)
    if config.lede_first and lede is None and kept:
        # no member's lede is shared: among the facts kept, the one the outlets' leads carry best
        kept = lede_order(
            kept, {i: unintroduced_speaker(pool.texts[i], []) is None for i in kept}, [a.id for a in pool.articles],
            pool.texts, pool.shared,
            [outlet_key(a) for a in pool.articles],
        )

    def line(i: int) -> SummarySentence:
        sources = support.sources(i)
        citations = tuple(Citation(a.outlet_label, a.title, a.url, a.id) for a in sources)
        return SummarySentence(without_dateline(pool.texts[i]), pool.articles[i].id, citations)

    outlets = sorted({a.outlet_label for a in originals})
    # ... nor one whose outlets share no fact: say what each of them leads with
    by_outlet = outlet_leads(originals, sentences, outlet_key) if not kept and not single_outlet else ()
    return StoryBrief(
        story=story,
        headline=headline,
        outlets=tuple(outlets),
        sentences=tuple(line(i) for i in kept),
        single_source=tuple(line(i) for i in alone) if show_alone else (),
        disagreements=find_disagreements(
            pool.articles, pool.texts, pool.terms, [outlet_key(a) for a in pool.articles], config
        ) + _line_disagreements([i for i in order if support.was_judged(i)], support, pool),
        by_outlet=by_outlet,
    )


_QUOTE_OPENING = re.compile(r"^\s*[\"“‘]")


def quote_led(text: str) -> bool:
    """The line opens with a quotation: someone's words, not the outlet's account of what happened."""
    return bool(_QUOTE_OPENING.match(text))


class _Support:
    """Which outlets carry each candidate line, judged only when the selection asks (judging a line
    against every article of its story is the consensus stage's main cost)."""

    def __init__(self, pool: _StorySentences, originals: list[Article], config: BriefingConfig) -> None:
        self.pool, self.originals, self.config = pool, originals, config
        self._judged: dict[int, tuple[list[Article], list[tuple[Article, Finding]]]] = {}

    def judged(self, i: int) -> tuple[list[Article], list[tuple[Article, Finding]]]:
        found = self._judged.get(i)
        if found is None:
            found = self._judged[i] = _supporting_articles(i, self.pool, self.originals, self.config)
        return found

    def was_judged(self, i: int) -> bool:
        return i in self._judged

    def sources(self, i: int) -> list[Article]:
        return self.judged(i)[0]

    def differing(self, i: int) -> list[tuple[Article, Finding]]:
        return self.judged(i)[1]

    def count(self, i: int) -> int:
        """Independent outlets that carry line i (its own included)."""
        return len({outlet_key(a) for a in self.sources(i)})

    def bound(self, i: int) -> int:
        """At most this many outlets can carry line i: those with a sentence near it (cheap)."""
        near = _articles_near(i, self.pool)
        return len({outlet_key(a) for a in self.originals if a.id in near} | {outlet_key(self.pool.articles[i])})


def _by_support(order: list[int], pool: _StorySentences, support: _Support, config: BriefingConfig):
    """The candidates (`order`: most central first) in the briefing's order — facts more outlets
    report first; among equals, a line that tells the fact before one that quotes someone (a
    quotation leads a line when the quote itself is the news, which a reported line rarely is), a
    line stating one thing before a line joining two ("said that A and that B": the plainer
    version, which the next line does not repeat half of); then the more central — each line judged only when it can come next: a candidate waits under the number of
    outlets that could at most carry it, and is judged when that bound reaches the top."""
    if not config.order_by_support:
        yield from order
        return
    heap = [
        (-support.bound(i), quote_led(pool.texts[i]), statements(pool.texts[i]), rank, False, i)
        for rank, i in enumerate(order)
    ]
    heapq.heapify(heap)
    while heap:
        negative, quoted, plain, rank, exact, i = heapq.heappop(heap)
        if exact:
            yield i
        else:  # its real place is at or below its bound's: judge it, and let it wait there
            heapq.heappush(heap, (-support.count(i), quoted, plain, rank, True, i))


def _member_ledes(
    originals: list[Article], sentences: dict[str, list[Sentence]], index: dict[tuple[str, str], int], pool: _StorySentences
) -> list[int]:
    """The story's articles' own first sentences that can be shown (an article whose first sentence
    cannot stand alone offers none): the candidates for the story's first line."""
    ledes = []
    for article in originals:
        lead = first_sentence(sentences.get(article.id, []))
        i = index.get((article.id, lead.text)) if lead is not None else None
        if (
            i is not None
            and len(pool.terms[i]) >= 3
            and may_show(pool.texts[i])
            and unintroduced_speaker(pool.texts[i], []) is None  # nothing comes before a lede
            and i not in ledes
        ):
            ledes.append(i)
    return ledes


def _shared_lede(ledes: list[int], pool: _StorySentences, support: _Support, config: BriefingConfig) -> int | None:
    """The story's lede: among its members' ledes, the one most other outlets carry (ties: the one
    the outlets' leads carry best, then the earliest); None when no outlet shares any of them."""
    counts = {i: support.count(i) for i in ledes}
    shared = [i for i in ledes if counts[i] >= config.min_sources]
    if not shared:
        return None
    best = max(counts[i] for i in shared)
    tied = sorted(i for i in shared if counts[i] == best)
    if len(tied) == 1:
        return tied[0]
    leads, places = story_leads([a.id for a in pool.articles], pool.texts)
    scores = lede_scores(pool.shared, [outlet_key(a) for a in pool.articles], leads, places)
    return max(tied, key=lambda i: (scores[i], -i))


SINGLE_SOURCE_LIMIT = 3


def _supporting_articles(
    i: int, pool: _StorySentences, originals: list[Article], config: BriefingConfig
) -> tuple[list[Article], list[tuple[Article, Finding]]]:
    """The quoted article first, then one article per other outlet whose own text carries the line
    (briefgen.consensus.claims: one passage tells the fact, every checkable element is there); and the
    articles that tell the same fact with another value (a month, an age), with what they say.

    Every article of the story is looked at, not only the one with the closest sentence: an
    outlet's second article may carry the line its first one does not.
    """
    quoted = pool.articles[i]
    near = _articles_near(i, pool)
    best: dict[str, tuple[float, Article]] = {}
    differing: list[tuple[Article, Finding]] = []
    for article in originals:
        key = outlet_key(article)
        if key == outlet_key(quoted) or article.id not in near:
            continue
        finding = pool.finding(i, article.id)
        if finding.reports(config.citation_match):
            if key not in best or finding.detail > best[key][0]:
                best[key] = (finding.detail, article)
        elif finding.disagrees(config.citation_match):
            differing.append((article, finding))
    cited = [quoted] + [article for _, article in sorted(best.values(), key=lambda x: (-x[0], x[1].id))]
    cited_outlets = {outlet_key(a) for a in cited}
    return cited, [(a, f) for a, f in differing if outlet_key(a) not in cited_outlets]


def _articles_near(i: int, pool: _StorySentences) -> set[str]:
    """Articles with a sentence holding enough of sentence i's weighted words that it, with its
    neighbour, could make a passage telling the fact (`PASSAGE_BAR`): the others cannot report it."""
    start, end = pool.shared.indptr[i], pool.shared.indptr[i + 1]
    columns, scores = pool.shared.indices[start:end], pool.shared.data[start:end]
    return {pool.articles[j].id for j in columns[scores >= PASSAGE_BAR / 2].tolist()}


def _line_disagreements(lines: list[int], support: _Support, pool: _StorySentences) -> tuple[Disagreement, ...]:
    """Each judged line (`lines`: those the selection reached, not every sentence of the story)
    another outlet tells with a different month, weekday or age: which outlet says what."""
    found: list[Disagreement] = []
    seen: set[tuple[str, frozenset[str]]] = set()
    for i in lines:
        sources, differing = support.judged(i)
        by_value: dict[tuple[str, str, str], list[Article]] = {}
        for article, finding in differing:
            for kind, ours, theirs in finding.conflicts:
                by_value.setdefault((kind, ours, theirs), []).append(article)
        for (kind, ours, theirs), articles in sorted(by_value.items()):
            if (kind, frozenset((ours, theirs))) in seen:
                continue  # the other side's line, seen from this side: the same disagreement
            seen.add((kind, frozenset((ours, theirs))))
            found.append(Disagreement(
                about=_about(pool.texts[i], ours, kind),
                claims=(Claim(ours, _cite(sources)), Claim(theirs, _cite(articles))),
            ))
    return tuple(found)


def _cite(articles: list[Article]) -> tuple[Citation, ...]:
    """One citation per outlet."""
    seen, cited = set(), []
    for a in articles:
        if outlet_key(a) not in seen:
            seen.add(outlet_key(a))
            cited.append(Citation(a.outlet_label, a.title, a.url, a.id))
    return tuple(cited)


def _about(line: str, value: str, kind: str) -> str:
    """What differs, as a reader asks it: "Assange's age", "When NASA awarded the first three
    contracts under the program" (briefgen.disagree.what_differs)."""
    return what_differs(line, value, kind)
