"""Sentence splitting is pysbd's, sentence for sentence, however it is sped up (briefgen.pysbd_fast)."""

from __future__ import annotations

from pathlib import Path

import pysbd

from briefgen.clean import plain_sentences, split_sentences
from briefgen.pysbd_fast import Segmenter

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def real_paragraphs() -> list[str]:
    """Every paragraph of the seeds and of the real pages' sentences kept as fixtures."""
    paragraphs = [
        line.strip()
        for path in sorted((REPO / "examples" / "articles").iterdir())
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    lines = (FIXTURES / "extraction_sentences.txt").read_text(encoding="utf-8").splitlines()
    sentences = [line for line in lines if line and not line.startswith("#")]
    # joined in threes: boundaries between real sentences, with their abbreviations and quotes
    return paragraphs + [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]


def test_the_fast_segmenter_gives_pysbds_sentences_with_their_spacing():
    stock = pysbd.Segmenter(language="en", clean=False)
    fast = Segmenter(language="en", clean=False)
    paragraphs = real_paragraphs()
    assert len(paragraphs) > 100
    for paragraph in paragraphs:
        assert fast.segment(paragraph) == stock.segment(paragraph), paragraph


def test_a_sentence_repeated_in_its_paragraph_keeps_each_occurrence():
    # the span search must move past an earlier copy of the same sentence, as pysbd's does
    paragraph = "He said no.  He said no. Then he left.\tHe said no."
    assert Segmenter(language="en", clean=False).segment(paragraph) == pysbd.Segmenter(language="en", clean=False).segment(paragraph)
    assert split_sentences(paragraph) == ["He said no.", "He said no.", "Then he left.", "He said no."]


def test_plain_paragraphs_are_cut_where_pysbd_cuts_them():
    stock = pysbd.Segmenter(language="en", clean=False)
    answered = 0
    for paragraph in real_paragraphs():
        plain = plain_sentences(paragraph)
        if plain is not None:
            answered += 1
            assert plain == [s.strip() for s in stock.segment(paragraph) if s.strip()], paragraph
    assert answered >= 20  # the fast path is taken on real text, not only on toy sentences


def test_a_paragraph_with_anything_for_pysbd_to_decide_is_left_to_it():
    for paragraph in [
        "The U.S. Army said so. It left.",  # an initialism
        "Gen. Milley spoke. He left.",  # an abbreviation of pysbd's list
        '"We got her. We got her," she said.',  # quotation marks
        "Prices rose 3.5 percent. Then they fell.",  # a decimal point
        "It rose in 2023. Then it fell.",  # a figure before the full stop
        "He left. and then he came back.",  # no capital after the full stop
    ]:
        assert plain_sentences(paragraph) is None, paragraph
    assert plain_sentences("Rain fell in Paris. Trains stopped.") == ["Rain fell in Paris.", "Trains stopped."]
