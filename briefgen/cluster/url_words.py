"""What an article's URL says about its story: the words of its path.

A URL slug ("…/gm-hires-law-firms-to-probe-recall/") is an editor's own summary of the story, so
story grouping (`briefgen.cluster.story_graph`) and the headline encoder (`briefgen.cluster.title_encoder`) both read it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# words any URL path has, which say nothing about the story
_URL_NOISE = frozenset(
    "html htm php aspx shtml cms index article articles news story stories www com idus idin amp".split()
)


def url_words(url: str | None) -> list[str]:
    """The words of a URL's path — its slug — without the words any URL has ("html", "news", "story")."""
    return [w for w in re.findall(r"[a-z]{3,}", urlsplit(url or "").path.lower()) if w not in _URL_NOISE]
