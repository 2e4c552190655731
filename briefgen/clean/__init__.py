"""Stage 2 — clean: takes an article's raw text or a batch of `Article`s; gives prose without site
junk (menus, link lists, a site's repeated blurbs) and its sentences, split offline."""

from .site_boilerplate import drop_site_boilerplate
from .text import article_sentences, clean_lines, split_sentences, strip_markup, words

__all__ = ["article_sentences", "clean_lines", "drop_site_boilerplate", "split_sentences", "strip_markup", "words"]
