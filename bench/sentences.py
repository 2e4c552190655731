"""Offline sentence splitters on real news paragraphs: briefgen's (pysbd) vs NLTK Punkt without data.

NLTK's punkt model cannot be downloaded here, so the alternatives are pysbd's rules or a Punkt
tokenizer with no trained parameters (or one trained on our own text). There is no gold sentence
segmentation for these pages, so two error counts that need none are used:

- false splits: a sentence that ends on an abbreviation that does not end sentences ("Mr.", "Gen.",
  "Feb.") or ends on "U.S."/"Inc."-like abbreviations while the next one starts in lower case;
- missed splits: inside one sentence, a lower-case word ending in . ! or ? followed by a capital —
  a sentence boundary in news prose almost every time.

Usage: python bench/sentences.py [../shared/data/extraction/ground-truth.json]
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

from nltk.tokenize.punkt import PunktSentenceTokenizer, PunktTrainer

from briefgen.clean import split_sentences

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
    texts = [page["articleBody"] for _, page in sorted(json.loads(gold.read_text(encoding="utf-8")).items())]
    paragraphs = [p.strip() for t in texts for p in t.split("\n") if p.strip()]

    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = True
    trainer.train("\n".join(texts), finalize=True)
    splitters = {
        "briefgen (pysbd rules)": lambda p: split_sentences(p),
        "NLTK Punkt, untrained": PunktSentenceTokenizer().tokenize,
        "NLTK Punkt, trained on these pages": PunktSentenceTokenizer(trainer.get_params()).tokenize,
    }
    print(f"{len(paragraphs)} paragraphs from {len(texts)} real pages ({gold})")
    print(f"{'splitter':38} {'sentences':>9} {'false splits':>12} {'missed splits':>13} {'seconds':>8}")
    for name, split in splitters.items():
        start = time.perf_counter()
        result = [split(p) for p in paragraphs]
        seconds = time.perf_counter() - start
        n, false_splits, missed = errors(result)
        print(f"{name:38} {n:9d} {false_splits:12d} {missed:13d} {seconds:8.2f}")
    held_out(texts)


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
    for name, split in (("briefgen (pysbd rules)", split_sentences), ("NLTK Punkt, trained on the other half", punkt)):
        n, false_splits, missed = errors([split(p) for p in paragraphs])
        print(f"{name:38} {n:9d} {false_splits:12d} {missed:13d}")


if __name__ == "__main__":
    main()
