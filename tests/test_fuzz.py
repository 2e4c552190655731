"""Property tests: whatever bytes or text a reader is given, it returns records (and `Skipped`
notes) or raises the documented `ArticleError` with a reason; never any other exception.

Example counts are modest so the suite stays fast; each test draws a few dozen inputs, biased
towards the shapes each reader parses (tags, brackets, quotes, feed elements)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.clean.text import clean_lines, split_sentences
from briefgen.ingest.decode import ArticleError, decode
from briefgen.ingest.feeds import read_feed
from briefgen.ingest.html import read_html
from briefgen.ingest.records import read_records
from briefgen.ingest.text import read_text
from briefgen.model import Article, Skipped
from briefgen.provenance import OutletRegistry

REGISTRY = OutletRegistry.load()
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)

# Text made of the pieces the readers react to, so examples reach past the first check.
PIECES = st.sampled_from([
    "<p>", "</p>", "<script>", "</script>", "<a href='javascript:x'>", "&amp;", "&#0;", "&lol;", "{", "}", "[", "]",
    '"', "'", ":", ",", "\n", "\r\n", "\t", " ", ".", "!?", "Mr.", "U.S.", "“", "”", "é", "北京", "Москва", "\x00", "\x1b[31m",
    "\ufeff", "\ud7ff", "<?xml version='1.0'?>", "<rss version='2.0'>", "<channel>", "<item>", "<title>", "</title>",
    "<description>", "</item>", "<![CDATA[", "]]>", "The harbour authority closed the north pier on Friday, officials said.",
])
TEXT = st.one_of(st.text(max_size=300), st.lists(PIECES, max_size=40).map("".join))
DATA = st.one_of(st.binary(max_size=300), TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")))


def _records_or_skips(items) -> None:
    for item in items:
        assert isinstance(item, (Article, Skipped))
        if isinstance(item, Skipped):
            assert item.reason


def _reads_or_refuses(read) -> None:
    try:
        result = read()
    except ArticleError as err:
        assert str(err), "a refusal always says why"
        return
    _records_or_skips(result if isinstance(result, list) else [result])


@FUZZ
@given(DATA)
def test_decode_returns_text_or_refuses_with_a_reason(data):
    try:
        text = decode(data)
    except ArticleError as err:
        assert str(err)
        return
    assert isinstance(text, str) and text.strip()


@FUZZ
@given(TEXT)
def test_text_reader(text):
    _reads_or_refuses(lambda: read_text("a.txt", text, REGISTRY))


@FUZZ
@given(TEXT)
def test_html_reader(text):
    _reads_or_refuses(lambda: read_html("a.html", text, REGISTRY))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(
        ["title", "text", "url", "outlet", "published", "author", "articles", "body", "link"]) | st.text(max_size=5), children, max_size=5),
    max_leaves=12,
)


@FUZZ
@given(st.one_of(TEXT, JSON_VALUES.map(json.dumps)))
def test_json_reader(text):
    _reads_or_refuses(lambda: list(read_records("a.json", text, REGISTRY)))


@FUZZ
@given(st.lists(st.one_of(TEXT, JSON_VALUES.map(json.dumps)), max_size=5).map("\n".join))
def test_json_lines_reader(text):
    _reads_or_refuses(lambda: list(read_records("a.jsonl", text, REGISTRY)))


@FUZZ
@given(DATA)
def test_feed_reader(data):
    _reads_or_refuses(lambda: list(read_feed("a.rss", data, REGISTRY)))


@FUZZ
@given(st.lists(TEXT, max_size=8))
def test_cleaner_keeps_only_lines_it_was_given(lines):
    cleaned = clean_lines(lines)
    assert len(cleaned.lines) == len(lines)
    assert set(cleaned.body) <= set(cleaned.lines)


@FUZZ
@given(TEXT)
def test_sentence_splitter_returns_stripped_non_empty_pieces_of_the_text(text):
    sentences = split_sentences(text)
    assert all(s and s == s.strip() for s in sentences)
    squeezed = "".join(text.split())
    assert "".join("".join(s.split()) for s in sentences) == squeezed
