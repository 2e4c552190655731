"""Offline sentence splitters on real news paragraphs: briefgen's (sentencex and its news fix-ups) vs
stock pysbd (the rules briefgen used before) and NLTK Punkt without data.

NLTK's punkt model cannot be downloaded here, so the alternatives are rule-based splitters or a Punkt
tokenizer with no trained parameters (or one trained on our own text). There is no gold sentence
segmentation for these pages, so two error counts that need none are used:

- false splits: a sentence that ends on an abbreviation that does not end sentences ("Mr.", "Gen.",
  "Feb.") or ends on "U.S."/"Inc."-like abbreviations while the next one starts in lower case;
- missed splits: inside one sentence, a lower-case word ending in . ! or ? followed by a capital —
  a sentence boundary in news prose almost every time.

Then briefgen's split against pysbd's, by page half (ids 0-7, 8-f): paragraphs split identically,
and the recall and precision of briefgen's sentence boundaries taking pysbd's as the reference.

Usage: python bench/sentences.py [../shared/data/extraction/ground-truth.json]
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

import pysbd
from nltk.tokenize.punkt import PunktSentenceTokenizer, PunktTrainer

from briefgen.clean.text import _segmented, split_sentences

HONORIFIC = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Prof|St|Jan|Feb|Aug|Sept|Oct|Nov|Dec|No|vs)\.[\"”’]?$"
)
INITIALISM = re.compile(r"\b(?:U\.S|U\.N|U\.K|D\.C|E\.U|Inc|Corp|Co|Ltd|Jr|Sr|a\.m|p\.m)\.$")
MISSED = re.compile(r"\b[a-z]{3,}[.!?][\"”’]?\s+[A-Z]")


def errors(paragraph_sentences: list[list[str]]) -> tuple[int, int, int]:
    n = false_splits = missed = 0
    for sentences in paragraph_sentences:
        n += len(sentences)
        for this, following in zip(sentences, sentences[1:]):
            if HONORIFIC.search(this) or (INITIALISM.search(this) and following[:1].islower()):
                false_splits += 1
        missed += sum(len(MISSED.findall(s)) for s in sentences)
    return n, false_splits, missed


def main() -> None:
    gold = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/extraction/ground-truth.json")
    pages = sorted(json.loads(gold.read_text(encoding="utf-8")).items())
    texts = [page["articleBody"] for _, page in pages]
    paragraphs = [p.strip() for t in texts for p in t.split("\n") if p.strip()]

    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = True
    trainer.train("\n".join(texts), finalize=True)
    segmenter = pysbd.Segmenter(language="en", clean=False)
    splitters = {
        "briefgen (sentencex + fix-ups)": lambda p: split_sentences(p),
        "pysbd 0.3 (stock)": lambda p: [s.strip() for s in segmenter.segment(p) if s.strip()],
        "NLTK Punkt, untrained": PunktSentenceTokenizer().tokenize,
        "NLTK Punkt, trained on these pages": PunktSentenceTokenizer(trainer.get_params()).tokenize,
    }
    print(f"{len(paragraphs)} paragraphs from {len(texts)} real pages ({gold})")
    print(f"{'splitter':38} {'sentences':>9} {'false splits':>12} {'missed splits':>13} {'seconds':>8}")
    for name, split in splitters.items():
        _segmented.cache_clear()
        start = time.perf_counter()
        result = [split(p) for p in paragraphs]
        seconds = time.perf_counter() - start
        n, false_splits, missed = errors(result)
        print(f"{name:38} {n:9d} {false_splits:12d} {missed:13d} {seconds:8.2f}")
    held_out(texts)
    against_pysbd(pages, segmenter)


def _boundaries(paragraph: str, sentences: list[str]) -> set[int]:
    """Where each sentence but the last ends, as an offset in the paragraph with spaces removed."""
    ends, at = set(), 0
    for sentence in sentences[:-1]:
        at += len("".join(sentence.split()))
        ends.add(at)
    return ends


def against_pysbd(pages: list[tuple[str, dict]], segmenter: pysbd.Segmenter) -> None:
    print("\nbriefgen against stock pysbd (pysbd's boundaries as the reference)")
    print(f"{'pages':8} {'paragraphs':>10} {'identical':>10} {'recall':>7} {'precision':>9} {'briefgen s':>10} {'pysbd s':>8}")
    for half, digits in (("0-7", "01234567"), ("8-f", "89abcdef"), ("all", "0123456789abcdef")):
        paragraphs = [p.strip() for page_id, page in pages if page_id[0] in digits for p in page["articleBody"].split("\n") if p.strip()]
        _segmented.cache_clear()  # each paragraph split anew, not read from the cache
        start = time.perf_counter()
        ours = [split_sentences(p) for p in paragraphs]
        ours_seconds = time.perf_counter() - start
        start = time.perf_counter()
        theirs = [[s.strip() for s in segmenter.segment(p) if s.strip()] for p in paragraphs]
        theirs_seconds = time.perf_counter() - start
        same = sum(a == b for a, b in zip(ours, theirs))
        found = reference = agreed = 0
        for paragraph, a, b in zip(paragraphs, ours, theirs):
            mine, gold = _boundaries(paragraph, a), _boundaries(paragraph, b)
            found, reference, agreed = found + len(mine), reference + len(gold), agreed + len(mine & gold)
        print(f"{half:8} {len(paragraphs):10d} {same / len(paragraphs):10.1%} {agreed / reference:7.3f} {agreed / found:9.3f} "
              f"{ours_seconds:10.2f} {theirs_seconds:8.2f}")


def held_out(texts: list[str]) -> None:
    """Punkt trained on the first half of the pages (in id order), both splitters on the other half:
    trained on these very pages, Punkt is judged on text it has seen."""
    train, test = texts[: len(texts) // 2], texts[len(texts) // 2 :]
    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = True
    trainer.train("\n".join(train), finalize=True)
    punkt = PunktSentenceTokenizer(trainer.get_params()).tokenize
    paragraphs = [p.strip() for t in test for p in t.split("\n") if p.strip()]
    print(f"\nheld out: Punkt trained on {len(train)} pages, both run on the other {len(test)} ({len(paragraphs)} paragraphs)")
    for name, split in (("briefgen (sentencex + fix-ups)", split_sentences), ("NLTK Punkt, trained on the other half", punkt)):
        n, false_splits, missed = errors([split(p) for p in paragraphs])
        print(f"{name:38} {n:9d} {false_splits:12d} {missed:13d}")


if __name__ == "__main__":
    main()
