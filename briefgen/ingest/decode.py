"""Bytes to text, refusing what is not text rather than guessing."""

from __future__ import annotations

import codecs
import hashlib
import re

from charset_normalizer import from_bytes

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # C0 controls other than tab, newlines and form feed


class ArticleError(ValueError):
    """An input that cannot be used; the message is the reason shown to the user."""


def decode(data: bytes) -> str:
    if not data:
        raise ArticleError("empty file")
    if not data.strip():
        raise ArticleError("empty file (only white space)")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as err:
                raise ArticleError(f"not valid {encoding} text despite its byte-order mark ({err.reason})") from None
            break
    else:
        if b"\x00" in data:
            hint = "; UTF-16 text needs a byte-order mark" if _looks_like_utf16(data) else ""
            raise ArticleError(f"binary file (contains NUL bytes{hint})")
        text = _decode_without_bom(data)
    if not text.strip():
        raise ArticleError("empty file (only white space)")
    if len(_CONTROL.findall(text)) > len(text) * 0.01:
        raise ArticleError("binary file (control characters)")
    return text


def _decode_without_bom(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        first_bad = err.start
    if _holds_utf8_beyond_ascii(data):
        # A file pasted together from a UTF-8 page and a Windows-1252 one: each part is read in its
        # own encoding, where guessing one encoding for the whole file would garble one of them.
        return data.decode("utf-8", errors=_CP1252_FALLBACK)
    # Windows-1252 and Latin-1 files are common in scraped archives; a user expects them read.
    best = from_bytes(data).best()
    if best is None:
        raise ArticleError(f"not text in any known encoding (byte 0x{data[first_bad]:02x} at offset {first_bad})")
    return str(best)


def _looks_like_utf16(data: bytes) -> bool:
    """Every other byte NUL: ASCII text saved as UTF-16 without the mark that says so."""
    return len(data) >= 8 and (data[1::2].count(0) >= len(data) // 2 * 0.9 or data[::2].count(0) >= len(data) // 2 * 0.9)


def _holds_utf8_beyond_ascii(data: bytes) -> bool:
    """True when the bytes hold at least one valid multi-byte UTF-8 character."""
    return any(ord(c) > 127 for c in data.decode("utf-8", errors="ignore"))


def _cp1252_for_invalid_utf8(err: UnicodeError) -> tuple[str, int]:
    # Python's cp1252 leaves five bytes undefined; Latin-1 reads them (as control characters).
    assert isinstance(err, UnicodeDecodeError)  # registered for decoding only
    bad = err.object[err.start : err.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad), err.end


_CP1252_FALLBACK = "briefgen-cp1252-fallback"
codecs.register_error(_CP1252_FALLBACK, _cp1252_for_invalid_utf8)


def content_id(source: str) -> str:
    """An article's id: a hash of its source text, so the same input keeps its id across runs and
    two identical inputs are recognised as one."""
    return hashlib.sha1(source.encode("utf-8", "surrogatepass")).hexdigest()[:12]
