"""Stage 7 — render: takes a `Briefing`; gives the dated files (Markdown, HTML, email, text, JSON),
the archive page and the Atom feed, written atomically through the Jinja2 templates."""

from .briefing import (
    ListingsNotUpdated,
    StagedBriefing,
    briefing_to_dict,
    render_briefing,
    stage_briefing,
    update_listings,
    write_briefing,
)

__all__ = [
    "ListingsNotUpdated", "StagedBriefing", "briefing_to_dict", "render_briefing", "stage_briefing",
    "update_listings", "write_briefing",
]
