"""Which fact says what happened? The one the articles' own leads say.

News is written most important first: each article's opening sentences (its lead) state the event,
and later sentences add background, reactions and side facts. So the sentence of a story that best
matches what its outlets lead with is its lede, whatever the summarizer's centrality says — a side
fact repeated in every copy (a date list, a boilerplate paragraph about the company) can be both
central and well supported without saying what happened.

`lede_scores` rates every sentence of a story by how much of it each outlet's lead carries,
averaged over the story's outlets; `lede_order` moves the best-rated of the facts the briefing will
keep to the front (the consensus stage calls it when `BriefingConfig.lede_first` is on). Similarity is the consensus stage's own word match (weighted shares of content
words, `briefgen.consensus.facts`), so no new notion of "same fact" is introduced.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import scipy.sparse as sp

from .fitness import (
    article_line_faults,
    dangling_opening,
    leans_on_earlier_text,
    refers_back,
)

# An article's lead: its first informative sentences. News leads are one or two sentences; three
# leaves room for a lead split in two by an abbreviation or a dateline line.
LEAD_SENTENCES = 3


def lead_indices(owners: Sequence[str], informative: Sequence[bool], lead_sentences: int = LEAD_SENTENCES) -> list[int]:
    """Indices of each article's first `lead_sentences` informative sentences.

    `owners[i]` is the article of sentence i; an article's sentences are consecutive and in order.
    """
    leads: list[int] = []
    seen: dict[str, int] = {}
    for i, (owner, ok) in enumerate(zip(owners, informative)):
        if ok and seen.get(owner, 0) < lead_sentences:
            seen[owner] = seen.get(owner, 0) + 1
            leads.append(i)
    return leads


def lede_scores(
    shared: sp.csr_matrix,
    outlets: Sequence[str],
    leads: Sequence[int],
    places: Sequence[int] | None = None,
) -> np.ndarray:
    """For each sentence, how well the story's outlets' leads carry it, in [0, 1].

    `shared[a, b]` is the weighted share of sentence a's content words found in sentence b. For each
    outlet, the best of its lead sentences is taken, the k-th of an article's lead weighted
    1 / (1 + k) (`places`; a lead sentence carries itself fully);
    the score is the mean over the story's outlets, so a fact every outlet leads with scores
    highest, and one only its own article opens with scores 1 / (number of outlets).
    """
    n = shared.shape[0]
    places = [0] * len(leads) if places is None else places
    keys = sorted(set(outlets))
    if not n or not keys or not leads:
        return np.zeros(n)
    # the first sentence of a lead says most plainly what happened; shared[a, a] is 1, so a lead
    # sentence carries itself. Sparse throughout: a busy story has tens of thousands of sentences.
    weights = sp.diags([1.0 / (1 + place) for place in places])
    carried = (shared.tocsc()[:, list(leads)] @ weights).tocsc()
    columns: dict[str, list[int]] = {}
    for j, lead in enumerate(leads):
        columns.setdefault(outlets[lead], []).append(j)
    total = np.zeros(n)
    for key in keys:
        if key in columns:
            total += carried[:, columns[key]].max(axis=1).toarray().ravel()
    return total / len(keys)


def story_leads(owners: Sequence[str], texts: Sequence[str]) -> tuple[list[int], list[int]]:
    """Each article's lead sentences in a story (`owners[i]`: article id of sentence i, an article's
    sentences consecutive and in order), and each one's place in its article's lead (0 = first)."""
    faults: list[str | None] = []
    start = 0
    for end in range(1, len(owners) + 1):
        if end == len(owners) or owners[end] != owners[start]:
            faults += article_line_faults(texts[start:end])
            start = end
    leads = lead_indices(owners, [f is None for f in faults])
    places: list[int] = []
    seen: dict[str, int] = {}
    for lead in leads:
        places.append(seen.get(owners[lead], 0))
        seen[owners[lead]] = places[-1] + 1
    return leads, places


def lede_order(
    order: list[int],
    kept: Mapping[int, bool],
    owners: Sequence[str],
    texts: Sequence[str],
    shared: sp.csr_matrix,
    outlets: Sequence[str],
) -> list[int]:
    """`order` (sentence indices) with the story's lede first: among the sentences the briefing can
    keep (`kept`), the one its outlets' leads carry best.

    A sentence opening on "The company…"-style reference cannot open the story unless it opens its
    own article (where "The city council voted…" names its subject plainly).
    """
    leads, places = story_leads(owners, texts)
    scores = lede_scores(shared, outlets, leads, places)
    first_lines = {lead for lead, place in zip(leads, places) if place == 0}
    eligible = {
        i: kept[i]
        and not (dangling_opening(texts[i]) or refers_back(texts[i]))  # never a line at all (consensus)
        and (i in first_lines or not leans_on_earlier_text(texts[i]))
        for i in order
    }
    return lede_first(order, eligible, scores)


def lede_first(order: list[int], eligible: Mapping[int, bool], scores: np.ndarray) -> list[int]:
    """`order` with the eligible sentence of highest lede score moved to the front.

    Ties keep `order`'s preference. With nothing eligible the order is unchanged.
    """
    best = max((p for p, i in enumerate(order) if eligible[i]), key=lambda p: (scores[order[p]], -p), default=None)
    if best is None:
        return list(order)
    return [order[best]] + order[:best] + order[best + 1 :]
