"""Which links a briefing may carry: plain http(s) addresses, nothing else.

Article URLs are untrusted input: a `javascript:` or `data:` link in a page or an email runs or
shows what the article's author chose, so every link out of a briefing passes `safe_url`.
"""

from __future__ import annotations

import re

_HTTP = re.compile(r"^https?://[^\s\"'<>`]+$", re.I)


def safe_url(url: object) -> str | None:
    """The URL when it is a plain http(s) link, else None (no javascript:, data:, relative links)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    return url if _HTTP.match(url) else None
