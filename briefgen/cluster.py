"""Stage 4 — cluster: group articles that report the same story.

Articles are linked when the TF-IDF cosine similarity of their title and body reaches
`story_threshold`; stories are the connected groups. A copy always joins its original's story.
"""

from __future__ import annotations

import hashlib

from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import TfidfVectorizer

from .config import BriefingConfig
from .model import Article, Story


def cluster_articles(articles: list[Article], config: BriefingConfig) -> list[Story]:
    originals = sorted((a for a in articles if a.duplicate_of is None), key=lambda a: a.id)
    if not originals:
        return []
    texts = [f"{a.title}\n{a.title}\n{a.body}" for a in originals]  # the title counts twice
    vectors = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1).fit_transform(texts)
    similarity = (vectors @ vectors.T).tocsr()
    similarity.data = (similarity.data >= config.story_threshold).astype("int8")
    similarity.eliminate_zeros()
    _, labels = connected_components(similarity, directed=False)

    members: dict[int, list[str]] = {}
    for article, label in zip(originals, labels):
        members.setdefault(int(label), []).append(article.id)
    story_of = {aid: label for label, ids in members.items() for aid in ids}
    for article in articles:
        if article.duplicate_of is not None:
            members[story_of[article.duplicate_of]].append(article.id)

    stories = []
    for ids in members.values():
        ids = sorted(ids)
        story_id = "s" + hashlib.sha1(" ".join(ids).encode()).hexdigest()[:10]
        stories.append(Story(id=story_id, article_ids=tuple(ids)))
    return sorted(stories, key=lambda s: s.id)
