"""Stage 7 — render: takes a `Briefing`; gives the dated files (Markdown, HTML, email, text, JSON),
the archive page and the Atom feed, written atomically through the Jinja2 templates."""

from .briefing import briefing_to_dict, render_briefing, write_briefing

__all__ = ["briefing_to_dict", "render_briefing", "write_briefing"]
