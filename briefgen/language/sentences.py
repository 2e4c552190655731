"""Sentences by the rules of each language.

sentencex (compiled, with its own abbreviation lists for many languages) cuts a paragraph; the
fix-ups below mend the cuts it makes that a news sentence of that language never has:

- every language: a cut with no space after it is inside a word ("2.1 cu.ft."), a sentence does not
  start with a lower-case letter, and an opening quotation mark or a list item's number left at the
  end of a piece opens the next one;
- Chinese and Japanese end sentences at 。！？ with no space after them, unambiguously: they are cut
  there by a plain rule, not by sentencex (which misses a cut before a digit: "。1985年"), and a
  quotation closed before a quotative particle (「…。」と述べた) is one sentence;
- German writes ordinals with a full stop: "am 30. März", "der 3. Platz" are not sentence ends;
- Russian (and its neighbours) abbreviate before numbers: "ч. 1 ст. 259 УК", "п. 3";
- an initial or a French title before a name: "M. Macron", "В. В. Путин";
- "[…]" (words left out of a quotation) before a capital ends a sentence, which sentencex misses.

English is split by `briefgen.clean.split_sentences`, whose rules were tuned on English news; this
module serves every other language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from .codes import CJK

_OPENING_QUOTE = re.compile(r"\s[“‘«„\"']$")
_LIST_NUMBER = re.compile(r"\(?\d{1,3}[.)]")
# Chinese and Japanese: a sentence ends after 。！？ and the closing marks that follow them, space or
# not; a Latin sentence inside the text ends at . ! ? and a space
_CJK_CUT = re.compile(r"[。！？]+[”’」』）)\"']*\s*|[.!?]+[”’\"')]*\s+")
_CLOSED_QUOTE = re.compile(r"[」』”）)]\s*$")
_QUOTATIVE = re.compile(r"^(?:と|って|との|など|[、，,])")  # 「…。」と述べた: the quote is the sentence's object
_GERMAN_ORDINAL = re.compile(r"(?:^|[\s(])\d{1,2}\.\s*$")
_ABBREVIATION_BEFORE_NUMBER = re.compile(r"(?:^|[\s(])[^\W\d_A-Z]{1,4}\.\s*$")
_INITIAL = re.compile(r"(?:^|[\s(])[^\W\d_]\.\s*$")
_FRENCH_TITLE = re.compile(r"(?:^|[\s(])(?:M|MM|Mme|Mmes|Mlle|Me|Mgr|Dr|Pr|St|Ste)\.\s*$")
_CYRILLIC_LIKE = frozenset({"ru", "uk", "bg", "sr", "be", "kk", "mk"})


def _glued(previous: str, piece: str, code: str) -> bool:
    """Whether the cut between `previous` and `piece` is no sentence end in language `code`."""
    if code in CJK:
        return bool(_CLOSED_QUOTE.search(previous) and _QUOTATIVE.match(piece))
    if not previous[-1:].isspace() or piece[:1].islower():
        return True
    if code == "de" and _GERMAN_ORDINAL.search(previous):
        return True
    if code in _CYRILLIC_LIKE and piece[:1].isdigit() and _ABBREVIATION_BEFORE_NUMBER.search(previous):
        return True
    if code == "fr" and _FRENCH_TITLE.search(previous):
        return True
    return bool(_INITIAL.search(previous) and previous.rstrip()[-2:-1].isupper() and piece[:1].isupper())


# "[…]" marks words left out of a quotation; sentencex reads it as no sentence end, but a capital after it opens one
_OMISSION = re.compile(r"\[(?:…|\.\.\.)\]\s+(?=[^\W\d_])")


def _sentencex_pieces(text: str, code: str) -> list[str]:
    from sentencex import segment

    pieces = []
    for piece in segment(code, text):
        start = 0
        for omission in _OMISSION.finditer(piece):
            if piece[omission.end()].isupper():
                pieces.append(piece[start : omission.end()])
                start = omission.end()
        pieces.append(piece[start:])
    return pieces


def _cjk_pieces(text: str) -> list[str]:
    pieces, start = [], 0
    for end in _CJK_CUT.finditer(text):
        pieces.append(text[start : end.end()])
        start = end.end()
    if start < len(text):
        pieces.append(text[start:])
    return pieces


def split_paragraph(text: str, code: str) -> list[str]:
    """One paragraph's sentences, verbatim (surrounding white space aside)."""
    return list(_split(text, code))


@lru_cache(maxsize=100_000)
def _split(text: str, code: str) -> tuple[str, ...]:
    pieces = _cjk_pieces(text) if code in CJK else _sentencex_pieces(text, code)
    return tuple(s.strip() for s in rejoined(pieces, lambda previous, piece: _glued(previous, piece, code)) if s.strip())


def rejoined(
    pieces: Iterable[str], glued: Callable[[str, str], bool], opening_quote: re.Pattern[str] = _OPENING_QUOTE
) -> list[str]:
    """A splitter's pieces mended into sentences: a piece `glued` to the one before joins it, and an
    opening quotation mark or a list item's number left at the end of a piece opens the next one."""
    out: list[str] = []
    carried = ""  # an opening quotation mark or a list number moved from the end of the previous piece
    for piece in pieces:
        piece = carried + piece
        carried = ""
        stripped = piece.rstrip()
        if _LIST_NUMBER.fullmatch(stripped):
            carried = piece
            continue
        if opening_quote.search(stripped):
            carried, piece = stripped[-1], stripped[:-1]
        if out and glued(out[-1], piece):
            out[-1] += piece
        else:
            out.append(piece)
    if carried:  # a quotation mark or number that opens nothing: kept, as every character is
        if out:
            out[-1] += carried
        else:
            out.append(carried)
    return out
