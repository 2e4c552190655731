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
import re
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from ..config.options import BriefingConfig
from ..editor.fitness import dangling_opening, refers_back, stands_alone_fault
from ..editor.lede import lede_order
from ..editor.outlet_leads import outlet_leads
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
from .disagree import find_disagreements
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
        where = np.searchsorted(back_columns, columns)
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
    by_term = dict(zip(sorted(vocabulary, key=vocabulary.get), weight.tolist()))
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
    pool = _story_sentences(originals, sentences, config.language)
    index = {(pool.articles[i].id, pool.texts[i]): i for i in range(len(pool.texts))}

    candidates = []
    disputes: dict[int, tuple[list[Article], list[tuple[Article, Finding]]]] = {}
    for rank, sentence in enumerate(ranked):
        i = index.get((sentence.article_id, sentence.text))
        if i is None or len(pool.terms[i]) < 3:
            continue
        sources, differing = _supporting_articles(i, pool, originals, config)
        candidates.append((len({outlet_key(a) for a in sources}), rank, i, sources))
        disputes[i] = (sources, differing)
    # Facts more outlets report first; among equals, the more central (earlier in `ranked`).
    # Among facts as well supported, a line stating one thing before a line joining two ("said that
    # A and that B"): the plainer version, which the next fact's line does not repeat half of.
    candidates.sort(key=lambda c: (-c[0], statements(pool.texts[c[2]]), c[1]) if config.order_by_support else c[1])
    if config.lede_first:  # ... but the story opens with what happened: the fact its outlets lead with
        kept_ones = {c[2]: c[0] >= config.min_sources for c in candidates}
        order = lede_order(
            [c[2] for c in candidates], kept_ones, [a.id for a in pool.articles], pool.texts, pool.shared,
            [outlet_key(a) for a in pool.articles],
        )
        by_sentence = {c[2]: c for c in candidates}
        candidates = [by_sentence[i] for i in order]

    kept: list[tuple[int, SummarySentence]] = []
    alone: list[tuple[int, SummarySentence]] = []
    single_outlet = len({outlet_key(a) for a in originals}) == 1
    for support, _, i, sources in candidates:
        chosen = kept if support >= config.min_sources else alone
        limit = config.sentences_per_story if chosen is kept else SINGLE_SOURCE_LIMIT
        if len(chosen) >= limit:
            continue
        if dangling_opening(pool.texts[i]) or refers_back(pool.texts[i]) or stands_alone_fault(pool.texts[i]):
            continue  # "He said…", "But…", "The report says…": out of its article, the reader cannot tell who or what
        if any(_repeats(pool, i, j, config) for j, _ in kept + alone):
            continue  # this fact, or most of its words, is already in the briefing
        citations = tuple(Citation(a.outlet_label, a.title, a.url, a.id) for a in sources)
        chosen.append((i, SummarySentence(pool.texts[i], pool.articles[i].id, citations)))

    outlets = sorted({a.outlet_label for a in originals})
    show_alone = config.show_single_source or single_outlet  # a one-outlet story must not vanish
    # ... nor one whose outlets share no fact: say what each of them leads with
    by_outlet = outlet_leads(originals, sentences, outlet_key) if not kept and not single_outlet else ()
    return StoryBrief(
        story=story,
        headline=headline,
        outlets=tuple(outlets),
        sentences=tuple(s for _, s in kept),
        single_source=tuple(s for _, s in alone) if show_alone else (),
        disagreements=find_disagreements(
            pool.articles, pool.texts, pool.terms, [outlet_key(a) for a in pool.articles], config
        ) + _line_disagreements(candidates, disputes, pool),
        by_outlet=by_outlet,
    )


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


def _line_disagreements(candidates, disputes, pool: _StorySentences) -> tuple[Disagreement, ...]:
    """Each line another outlet tells with a different month, weekday or age: which outlet says what."""
    found: list[Disagreement] = []
    seen: set[tuple[str, frozenset[str]]] = set()
    for _, _, i, _ in sorted(candidates, key=lambda c: c[1]):
        sources, differing = disputes[i]
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
    """The words around the disputed value in the line, the value itself as "…"."""
    at = line.find(value)
    if at < 0:
        return f"{kind}: " + " ".join(line.split()[:8]) + " …"
    before = line[:at].split()[-4:]
    after = line[at + len(value):].split()[:6]
    return " ".join(before + ["…"] + after).strip()
