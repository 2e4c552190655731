"""Which links a briefing may carry, and how they are written: one rule for every output.

Article URLs are untrusted input: a `javascript:` or `data:` link in a page or an email runs or
shows what the article's author chose, and a URL holding `)`, `]`, `>` or `\\` can end a Markdown
link early and start another (`https://x.example/a)[y](javascript:…)`). So every link out of a
briefing (HTML, email, text, Markdown, the JSON's `url` fields, the feed) passes `safe_url`:

- it must parse as an absolute http(s) URL with a host; anything else is dropped (None);
- it is written anew from its parts, with every character that can end or open markup in any of
  the formats — spaces, `( ) [ ] < > " ' \\` ` { } | ^`, controls and non-ASCII — percent-encoded,
  so the result is one unbroken token that no Markdown parser (CommonMark or Python-Markdown) and
  no HTML attribute can split.

`without_bidi_controls` removes the Unicode characters that reorder the text around them (the
"Trojan Source" trick: U+202E makes `evil.exe` display as something else); the text itself is kept.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit, urlunsplit

# Kept as they are in a path, query or fragment: RFC 3986's unreserved and the reserved characters
# that are inert in Markdown and HTML, and "%" so an address already encoded is not encoded twice.
_SAFE_IN_PATH = "-._~!$&*+,;=:@/%"
_SAFE_IN_QUERY = _SAFE_IN_PATH + "?"
_HOST = re.compile(r"^(?:[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?\.)*[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?\.?$|^\[[0-9a-f:.]+\]$")
_PERCENT_NOT_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def safe_url(url: object) -> str | None:
    """The URL re-serialised when it is an absolute http(s) link, else None (no javascript:,
    data:, relative or credential-carrying links)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")):
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:  # a bad port or a malformed bracketed host
        return None
    if parts.scheme.lower() not in ("http", "https") or parts.username is not None or parts.password is not None:
        return None
    host = _host(parts.hostname)
    if host is None:
        return None
    netloc = host if port is None else f"{host}:{port}"
    return urlunsplit((
        parts.scheme.lower(),
        netloc,
        _encoded(parts.path, _SAFE_IN_PATH),
        _encoded(parts.query, _SAFE_IN_QUERY),
        _encoded(parts.fragment, _SAFE_IN_QUERY),
    ))


def _host(hostname: str | None) -> str | None:
    """The host in ASCII (an international name in its IDNA form), or None when it is no host."""
    if not hostname:
        return None
    if ":" in hostname:  # urlsplit strips an IPv6 literal's brackets
        hostname = f"[{hostname}]"
    try:
        ascii_host = hostname.encode("idna").decode("ascii").lower() if not hostname.isascii() else hostname.lower()
    except UnicodeError:
        return None
    return ascii_host if _HOST.match(ascii_host) else None


def _encoded(part: str, safe: str) -> str:
    """One part of a URL with every character outside `safe` percent-encoded (UTF-8); a "%" that
    does not start an escape is encoded too, so the result always decodes as it was given."""
    return quote(_PERCENT_NOT_ESCAPE.sub("%25", part), safe=safe)


# Embeddings, overrides and isolates: each opens a run of reordered text that the characters after
# it fall into. The single-character marks (U+200E, U+200F, U+061C) only steer their neighbours'
# direction, as Arabic and Hebrew text needs, and are kept.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def without_bidi_controls(text: str) -> str:
    """The text without characters that reverse or embed the direction of what follows them."""
    return _BIDI_CONTROLS.sub("", text)
