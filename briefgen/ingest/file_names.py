"""A file's name as text every output can hold.

The operating system hands over names as bytes; one that is not valid UTF-8 reaches Python as
"surrogate escapes" (lone surrogates standing for the bad bytes), which no UTF-8 file, terminal or
SQLite column accepts. Each such byte is written `\\xNN` instead, so the name still says which
file it was and the run goes on. Newlines and escape sequences are kept here (JSON escapes them,
Markdown and HTML escape them, the terminal's `briefgen.cli.shown` shows them escaped).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def name_text(path: str | Path) -> str:
    """The path as well-formed text: bytes that are not UTF-8 written `\\xNN`."""
    text = os.fspath(path)
    if not _LONE_SURROGATE.search(text):
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace") if _escaped_bytes_only(text) \
        else well_formed(text)


def well_formed(text: str) -> str:
    """The text with any lone surrogate (which no UTF-8 output can hold) replaced by U+FFFD: a JSON
    record may spell one out as `\\udcff`."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def _escaped_bytes_only(text: str) -> bool:
    """Whether every surrogate in the text stands for one undecodable byte (U+DC80–U+DCFF)."""
    return all("\udc80" <= c <= "\udcff" for c in _LONE_SURROGATE.findall(text))
