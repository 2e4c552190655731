r"""pysbd's sentences at a fraction of its cost: the same rules, none of its repeated compiling.

Two things made pysbd slow on news paragraphs, neither part of its rules:

1. It calls the module-level `re.sub(pattern_string, ...)` functions hundreds of times a paragraph,

pysbd calls the module-level `re.sub(pattern_string, ...)` functions hundreds of times a paragraph,
and builds some patterns on the fly from its abbreviation lists. Python's own pattern cache holds
512 entries and evicts the oldest first, so pysbd's working set (well over 512 patterns across its
rules and abbreviations) is compiled again and again: on news paragraphs `re._compile` took about
two thirds of pysbd's time. Every pattern pysbd builds comes from its own rules and word lists,
never from the text, so the set is bounded, and a larger cache in front of `re.compile` holds it all.
2. To hand back each sentence with its original white space, it finds the sentence in the
   paragraph with a new regular expression per sentence (`re.escape(sentence) + r"\s*"`): one
   compile per sentence, a third of its time. `Segmenter` finds it with `str.find` instead, with
   the same left-to-right, non-overlapping scan.

3. For every abbreviation of its list found anywhere in a paragraph as a substring ("is" in
   "this", "man" in "many"), it runs two searches and a substitution per occurrence, although each
   substitution only ever replaces the full stop right after the abbreviation. When the paragraph
   holds no "abbreviation." at all, the work changes nothing; `Segmenter` skips it then. That is
   half of what remained.

`use_compiled_once()` points the `re` name of every loaded pysbd module at `CompiledOnce`, which
answers the same calls with the same compiled patterns `re` would build: the sentences are
identical, only the compiling is saved.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache

import pysbd
from pysbd.abbreviation_replacer import AbbreviationReplacer
from pysbd.processor import Processor
from pysbd.utils import TextSpan

# Room for pysbd's rules and every abbreviation-built pattern of its languages, several times over.
_compiled = lru_cache(maxsize=8192)(re.compile)


class CompiledOnce:
    """The module functions of `re` that pysbd calls, served from a cache of compiled patterns;
    everything else (flags, `escape`, ...) is `re`'s own."""

    def __getattr__(self, name: str):
        return getattr(re, name)

    @staticmethod
    def compile(pattern, flags=0):
        return _compiled(pattern, flags)

    @staticmethod
    def sub(pattern, repl, string, count=0, flags=0):
        return _compiled(pattern, flags).sub(repl, string, count)

    @staticmethod
    def subn(pattern, repl, string, count=0, flags=0):
        return _compiled(pattern, flags).subn(repl, string, count)

    @staticmethod
    def search(pattern, string, flags=0):
        return _compiled(pattern, flags).search(string)

    @staticmethod
    def match(pattern, string, flags=0):
        return _compiled(pattern, flags).match(string)

    @staticmethod
    def fullmatch(pattern, string, flags=0):
        return _compiled(pattern, flags).fullmatch(string)

    @staticmethod
    def findall(pattern, string, flags=0):
        return _compiled(pattern, flags).findall(string)

    @staticmethod
    def finditer(pattern, string, flags=0):
        return _compiled(pattern, flags).finditer(string)

    @staticmethod
    def split(pattern, string, maxsplit=0, flags=0):
        return _compiled(pattern, flags).split(string, maxsplit)


def use_compiled_once() -> None:
    """Point every loaded pysbd module's `re` at `CompiledOnce` (idempotent)."""
    cached = CompiledOnce()
    for name, module in list(sys.modules.items()):
        if (name == "pysbd" or name.startswith("pysbd.")) and getattr(module, "re", None) is re:
            module.re = cached


class Segmenter(pysbd.Segmenter):
    """pysbd's `Segmenter`, finding each sentence's span without a regular expression per sentence."""

    def sentences_with_char_spans(self, sentences):
        # pysbd: for each sentence, the first match of `escape(sentence) + r"\s*"` (matches scanned
        # left to right, each search resuming where the last match ended) that ends after the
        # previous sentence's span. The same scan with str.find; `str.isspace` is `\s` for str.
        text = self.original_text
        spans = []
        prior_end = 0
        for sentence in sentences:
            position = 0
            while (start := text.find(sentence, position)) >= 0:
                end = start + len(sentence)
                while end < len(text) and text[end].isspace():
                    end += 1
                if end > prior_end:
                    spans.append(TextSpan(text[start:end], start, end))
                    prior_end = end
                    break
                position = end
        return spans

    def processor(self, text):
        if hasattr(self.language_module, "Processor"):  # a language with its own processing: as pysbd
            return super().processor(text)
        return _Processor(text, self.language_module, char_span=self.char_span)


class _Processor(Processor):
    def abbreviations_replacer(self):
        replacer = getattr(self.lang, "AbbreviationReplacer", AbbreviationReplacer)
        return _skipping_idle_abbreviations(replacer)(self.text, self.lang)


@lru_cache(maxsize=None)
def _skipping_idle_abbreviations(replacer: type) -> type:
    """`replacer` with its abbreviation search skipping abbreviations no full stop follows; itself
    when the language changed how abbreviations are searched or replaced."""
    own = ("search_for_abbreviations_in_string", "scan_for_replacements", "replace_period_of_abbr")
    if any(getattr(replacer, name) is not getattr(AbbreviationReplacer, name) for name in own):
        return replacer

    class SkippingIdleAbbreviations(replacer):
        def search_for_abbreviations_in_string(self, text):
            # pysbd's method (MIT licence), with one more `continue`: every replacement it can make
            # puts "∯" for the full stop right after the abbreviation as found, so an abbreviation
            # never followed by "." in the paragraph changes nothing. Abbreviations with a dot of
            # their own ("e.g") are searched unescaped by pysbd ("e.g" finds "exg"): always run.
            lowered = text.lower()
            for abbr in self.lang.Abbreviation.ABBREVIATIONS:
                stripped = abbr.strip()
                if stripped not in lowered:
                    continue
                if "." not in stripped and stripped + "." not in lowered:
                    continue
                abbrev_match = re.findall(r"(?:^|\s|\r|\n){}".format(stripped), text, flags=re.IGNORECASE)
                if not abbrev_match:
                    continue
                next_word_start = r"(?<={" + str(re.escape(stripped)) + "} ).{1}"
                char_array = re.findall(next_word_start, text)
                for ind, match in enumerate(abbrev_match):
                    text = self.scan_for_replacements(text, match, ind, char_array)
            return text

    return SkippingIdleAbbreviations
