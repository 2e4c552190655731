"""Stage 4 — cluster: takes the marked `Article`s; gives `Story` records, articles about one event
grouped (a TF-IDF neighbour graph, less links between articles about different things, in Louvain communities)."""

from .story_graph import carry_story_ids, cluster_articles

__all__ = ["carry_story_ids", "cluster_articles"]
