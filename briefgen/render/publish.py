"""`briefgen publish EDITED.md`: a briefing.md an editor has changed, rendered into the same page
and newsletter templates as a generated briefing.

A newsletter editor often rewrites a line, drops a story or adds a note to `briefing.md` before
sending. Python-Markdown (with its footnotes extension: briefgen's citations are footnotes) turns
the edited file into HTML. Raw HTML in the file is not passed through: it is shown as text, as
briefgen's own Markdown escapes it, and the result goes through the same allow-list sanitiser as
the generated page, so a pasted `<script>` or `onclick` can do nothing.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

from markupsafe import Markup

from ..config.options import BriefingConfig
from .briefing import atomic_write, environment, sanitise_page

# every ASCII punctuation character can be backslash-escaped, as in CommonMark: briefgen's Markdown
# escapes | ~ & $ < > too, which Python-Markdown's own list leaves out
_ESCAPABLE = list(string.punctuation)


def markdown_to_html(text: str) -> str:
    """The Markdown as HTML, footnotes included, raw HTML shown as text."""
    import markdown  # imported here: only `publish` needs it

    converter = markdown.Markdown(extensions=["footnotes", "sane_lists"], output_format="html")
    converter.preprocessors.deregister("html_block")  # a block of raw HTML is a paragraph of text
    converter.inlinePatterns.deregister("html")  # so is an inline tag
    converter.ESCAPED_CHARS = _ESCAPABLE
    return converter.convert(text)


def title_of(text: str) -> str:
    """The first heading's text, without Markdown's escapes: the page's <title>."""
    for line in text.splitlines():
        if line.startswith("# "):
            return re.sub(r"\\(.)", r"\1", line[2:].strip())
    return "Briefing"


def publish_markdown(path: str | Path, out_dir: str | Path | None = None, config: BriefingConfig | None = None) -> list[Path]:
    """Render the (edited) Markdown briefing at `path` into `<name>.html` and `<name>.email.html`
    in `out_dir` (default: beside it); return the paths written. A briefing.md published in its
    own dated folder replaces that folder's page and newsletter with the edited ones."""
    source = Path(path)
    text = source.read_text(encoding="utf-8")
    config = config or BriefingConfig()
    env = environment(config.templates_dir)
    context = {"title": title_of(text), "body": Markup(markdown_to_html(text))}
    folder = Path(out_dir) if out_dir is not None else source.parent
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for suffix, template in ((".html", "published.html.j2"), (".email.html", "published.email.html.j2")):
        page = sanitise_page(env.get_template(template).render(context))
        written.append(atomic_write(folder / f"{source.stem}{suffix}", page))
    return written
