"""Bytes to text, refusing what is not text rather than guessing."""

from __future__ import annotations

import codecs
import hashlib

from charset_normalizer import from_bytes


class ArticleError(ValueError):
    """An input that cannot be used; the message is the reason shown to the user."""


def decode(data: bytes) -> str:
    if not data.strip():
        raise ArticleError("empty file")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as err:
                raise ArticleError(f"not valid {encoding} text despite its byte-order mark ({err.reason})") from None
            break
    else:
        if b"\x00" in data:
            raise ArticleError("binary file (contains NUL bytes)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            # Windows-1252 and Latin-1 files are common in scraped archives; a user expects them read.
            best = from_bytes(data).best()
            if best is None:
                raise ArticleError(f"not text in any known encoding (byte 0x{data[err.start]:02x} at offset {err.start})") from None
            text = str(best)
    if not text.strip():
        raise ArticleError("empty file (only white space)")
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > len(text) * 0.01:
        raise ArticleError("binary file (control characters)")
    return text


def content_id(source: str) -> str:
    """An article's id: a hash of its source text, so the same input keeps its id across runs and
    two identical inputs are recognised as one."""
    return hashlib.sha1(source.encode("utf-8", "surrogatepass")).hexdigest()[:12]
