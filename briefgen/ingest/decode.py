"""Bytes to text, refusing what is not text rather than guessing."""

from __future__ import annotations

import codecs
import hashlib


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
            raise ArticleError(f"not UTF-8 text (byte 0x{data[err.start]:02x} at offset {err.start})") from None
    if not text.strip():
        raise ArticleError("empty file (only white space)")
    return text


def content_id(source: str) -> str:
    """An article's id: a hash of its source text, so the same input keeps its id across runs and
    two identical inputs are recognised as one."""
    return hashlib.sha1(source.encode("utf-8", "surrogatepass")).hexdigest()[:12]
