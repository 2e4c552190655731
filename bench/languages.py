"""Languages on real pages: which language briefgen detects, and how it splits sentences in it.

Data: the real pages of ../shared/data (dates, readability, realworld, extraction), read by briefgen's
HTML reader as a build reads them.

1. Detection. `bench/data/languages.tsv` gives the language of every readable page, judged by reading
   its title and text (lorem-ipsum filler is labelled `la`). Reported: accuracy, overall and for the
   pages whose key's SHA-1 starts 0-7 (looked at while choosing the thresholds) and 8-f (not), and
   every page detected otherwise.
2. Sentences. `bench/data/sentence_splits.json` holds paragraphs of 20 pages in German, Russian,
   Chinese, Japanese and French, each cut into sentences by reading: every place a sentence may end
   (. ! ? … followed by a space; 。！？ anywhere) was judged a sentence end or not ("am 30. März",
   "ч. 1", "M. Caldwell" are not), a few either way (a dateline "МОСКВА, 29 июня. /ТАСС/."). A
   splitter's errors are its cuts that are no sentence end plus the sentence ends it misses, per 100
   sentences of the reference, beside briefgen as it splits English, sentencex and pysbd with the
   page's language, in the same run.

Usage: PYTHONPATH=. python bench/languages.py [--shared ../shared] [--show]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import time
from collections import Counter
from pathlib import Path

import pysbd
from sentencex import segment

from briefgen.clean.text import split_sentences
from briefgen.ingest.decode import ArticleError, decode
from briefgen.ingest.html import read_html
from briefgen.provenance import OutletRegistry

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent.parent / "shared"


def tuned_half(key: str) -> bool:
    return hashlib.sha1(key.encode()).hexdigest()[0] in "01234567"


def real_pages(data: Path):
    """(page key, gzip HTML path) of every real page, in a fixed order."""
    for p in sorted((data / "dates/html").glob("*.gz")):
        yield "dates/" + p.name.removesuffix(".gz"), p
    for p in sorted((data / "readability/pages").iterdir()):
        yield "readability/" + p.name, p / "source.html.gz"
    for p in sorted((data / "realworld/html").glob("*.gz")):
        yield "realworld/" + p.name.removesuffix(".gz"), p
    for p in sorted((data / "extraction/html").glob("*.gz")):
        yield "extraction/" + p.name.removesuffix(".html.gz"), p


def reference_languages() -> dict[str, str]:
    rows = (line.rstrip("\n").split("\t") for line in (HERE / "data/languages.tsv").open(encoding="utf-8"))
    return {row[0]: row[1] for row in rows if row and not row[0].startswith("#")}


def detection(data: Path, show: bool) -> None:
    reference = reference_languages()
    registry = OutletRegistry.load()
    counts: Counter = Counter()
    wrong = []
    cpu = 0.0
    for key, path in real_pages(data):
        if key not in reference:
            continue
        html = decode(gzip.decompress(path.read_bytes()))
        started = time.process_time()
        try:
            article = read_html(key, html, registry)
        except ArticleError:
            continue
        cpu += time.process_time() - started
        right = article.language == reference[key]
        for half in ("all", "0-7" if tuned_half(key) else "8-f"):
            counts[half, "pages"] += 1
            counts[half, "right"] += right
        if not right:
            wrong.append((key, reference[key], article.language))
    print("Detected language against the reference read by hand (bench/data/languages.tsv)")
    print(f"{'half':5} {'pages':>5} {'right':>5} {'accuracy':>8}")
    for half in ("all", "0-7", "8-f"):
        n = counts[half, "pages"]
        print(f"{half:5} {n:5} {counts[half, 'right']:5} {counts[half, 'right'] / max(n, 1):8.1%}")
    for key, expected, found in wrong:
        print(f"  wrong: {key}: read as {found}, is {expected}")
    by_language = Counter(reference.values())
    print("reference languages:", ", ".join(f"{code} {n}" for code, n in by_language.most_common()))
    print(f"(reading the {counts['all', 'pages']} pages, detection included: {cpu:.1f} CPU-s)")


def starts(text: str, sentences: list[str]) -> set[int]:
    """Where each sentence after the first starts in `text` (sentences are verbatim, in order)."""
    found, at = set(), 0
    for sentence in sentences:
        sentence = sentence.strip()
        if not sentence:
            continue
        position = text.find(sentence, at)
        if position < 0:  # a splitter that changed the text: align on its first characters
            position = text.find(sentence[:10], at)
        if position < 0:
            continue
        if position > 0:
            found.add(position)
        at = position + len(sentence)
    return found


def _briefgen_english(text: str, language: str) -> list[str]:
    return split_sentences(text, "english")


def _sentencex(text: str, language: str) -> list[str]:
    return list(segment(language, text))


_PYSBD: dict[str, pysbd.Segmenter] = {}


def _pysbd(text: str, language: str) -> list[str]:
    if language not in _PYSBD:
        _PYSBD[language] = pysbd.Segmenter(language=language, clean=False)
    return _PYSBD[language].segment(text)


SPLITTERS = {
    "briefgen": split_sentences,
    "briefgen read as English": _briefgen_english,
    "sentencex": _sentencex,
    "pysbd": _pysbd,
}


def sentence_errors(show: bool) -> None:
    pages = json.loads((HERE / "data/sentence_splits.json").read_text(encoding="utf-8"))
    errors: Counter = Counter()
    sentences: Counter = Counter()
    for page in pages:
        language = page["language"]
        half = "0-7" if tuned_half(page["page"]) else "8-f"
        for paragraph in page["paragraphs"]:
            text = paragraph["text"]
            ends, either = set(paragraph["ends"]), set(paragraph["either"])
            for group in ((language, "all"), (language, half)):
                sentences[group] += len(ends) + 1
            for name, split in SPLITTERS.items():
                cut = starts(text, split(text, language))
                wrong_cuts, missed = cut - ends - either, ends - cut
                for group in ((language, "all"), (language, half)):
                    errors[(name, *group)] += len(wrong_cuts) + len(missed)
                if show and name == "briefgen" and (wrong_cuts or missed):
                    for at in sorted(wrong_cuts):
                        print(f"  {page['page']} cut: …{text[max(0, at - 30):at]}‖{text[at:at + 20]}…")
                    for at in sorted(missed):
                        print(f"  {page['page']} missed: …{text[max(0, at - 30):at]}‖{text[at:at + 20]}…")
    print()
    print("Sentence split errors per 100 sentences (wrong cuts + missed ends), pages cut by reading")
    names = list(SPLITTERS)
    print(f"{'language':8} {'half':4} {'sentences':>9} " + " ".join(f"{n:>24}" for n in names))
    for language in sorted({p["language"] for p in pages}):
        for half in ("all", "0-7", "8-f"):
            n = sentences[language, half]
            if not n:
                continue
            rates = " ".join(f"{100 * errors[(name, language, half)] / n:24.1f}" for name in names)
            print(f"{language:8} {half:4} {n:9} {rates}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--show", action="store_true", help="print every error of briefgen's splitter")
    args = parser.parse_args()
    detection(args.shared / "data", args.show)
    sentence_errors(args.show)


if __name__ == "__main__":
    main()
