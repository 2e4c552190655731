"""The bad-input catalogue: one row per kind of broken, hostile or odd input file.

Each row puts one bad entry beside the five seed articles and builds the briefing. A file that
cannot be used must be listed in `skipped` under its own name with a reason that says what is wrong
with it; a file that can be read (another encoding, another language, no date) must be read
correctly. Either way the seeds still make their story.
"""

from __future__ import annotations

import json
import os
import pathlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from briefgen import BriefingConfig, build_briefing
from briefgen.cli import main
from briefgen.render.briefing import render_briefing

from .conftest import DAY, EXAMPLES

PIER = (
    "The harbour authority closed the north pier on Friday after a storm damaged its deck, officials said. "
    "Repairs are expected to take several weeks, according to the port's director."
)
PIER_RECORD = {"title": "North pier closed after storm damage", "text": PIER, "url": "https://port.example/pier"}


@dataclass(frozen=True)
class Case:
    make: Callable[[Path], str]  # writes the bad entry into the folder, returns its name there
    reason: str | None = None  # a bad entry: regex its `skipped` reason must match
    check: Callable[[list], None] | None = None  # a readable entry: checks the articles read from it


def write(name: str, data: bytes | str) -> Callable[[Path], str]:
    def make(folder: Path) -> str:
        path = folder / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        return name

    return make


def record(name: str, **fields) -> Callable[[Path], str]:
    return write(name, json.dumps({**PIER_RECORD, **fields}, ensure_ascii=False))


def body_has(*phrases: str) -> Callable[[list], None]:
    def check(articles: list) -> None:
        (article,) = articles
        for phrase in phrases:
            assert phrase in article.title + "\n" + article.body, phrase

    return check


def has(**expected) -> Callable[[list], None]:
    def check(articles: list) -> None:
        (article,) = articles
        assert {k: getattr(article, k) for k in expected} == expected

    return check


def symlink(name: str, target: str) -> Callable[[Path], str]:
    def make(folder: Path) -> str:
        (folder / name).symlink_to(target)
        return name

    return make


def _fifo(folder: Path) -> str:
    os.mkfifo(folder / "stream.txt")  # reading it would wait for a writer forever
    return "stream.txt"


def _folder_named_like_a_file(folder: Path) -> str:
    (folder / "story.txt").mkdir()
    (folder / "story.txt" / "inside.json").write_text(json.dumps(PIER_RECORD), encoding="utf-8")
    return "story.txt/inside.json"


def _loop_to_parent(folder: Path) -> str:
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to("..")
    return "sub/up"


def _sparse_50_mb(folder: Path) -> str:
    with open(folder / "dump.txt", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: no disk used, and read by nobody
    return "dump.txt"


def _one_2_mb_line(folder: Path) -> str:
    sentences = [f"Inspectors counted {n} cracked planks on section {n % 97} of the old ferry dock, the council said." for n in range(25_000)]
    line = " ".join(sentences)[:2_000_000].rsplit(". ", 1)[0] + "."
    (folder / "one-line.txt").write_text(line, encoding="utf-8")
    return "one-line.txt"


def _copy_of_a_seed(folder: Path) -> str:
    seed = sorted(EXAMPLES.iterdir())[0]
    (folder / "zz-copy.txt").write_bytes(seed.read_bytes())
    return "zz-copy.txt"


def _utf8_then_cp1252(folder: Path) -> str:
    data = f"Café owners at the port said “prices rose” this week. {PIER}\n".encode()
    data += "Le café du port était fermé — encore, a déclaré le gérant du café.\n".encode("cp1252")
    (folder / "mixed.txt").write_bytes(data)
    return "mixed.txt"


def _unreadable(folder: Path) -> str:
    path = folder / "locked.json"
    path.write_text(json.dumps(PIER_RECORD), encoding="utf-8")
    path.chmod(0o000)
    return "locked.json"


TEXT_ARTICLE = f"Home > World\nNorth pier closed after storm damage\n{PIER}\nThe port reopens the south quay on Monday to fishing boats, the director said.\n"
FEED_ITEM = "<item><title>Pier closed</title><description>{}</description></item>"

CASES: dict[str, Case] = {
    # nothing to read
    "empty": Case(write("empty.txt", b""), r"^empty file$"),
    "whitespace-only": Case(write("blank.txt", " \n\t\r\n  "), r"^empty file \(only white space\)$"),
    "binary-png": Case(write("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), r"^binary file \(contains NUL bytes\)$"),
    "nul-bytes-in-text": Case(write("nul.txt", PIER.encode() + b"\x00" + PIER.encode()), r"^binary file \(contains NUL bytes\)$"),
    "control-characters": Case(write("ctrl.txt", bytes(range(1, 9)) * 300 + PIER.encode()), r"^binary file \(control characters\)$"),
    "utf16-without-bom": Case(write("wide.txt", TEXT_ARTICLE.encode("utf-16-le")), r"UTF-16 text needs a byte-order mark"),
    # other encodings: read, not refused
    "utf16-with-bom": Case(write("utf16.txt", TEXT_ARTICLE.encode("utf-16")), check=body_has("North pier closed", "several weeks")),
    "utf8-with-bom": Case(write("bom.txt", TEXT_ARTICLE.encode("utf-8-sig")), check=has(title="North pier closed after storm damage")),
    "cp1252": Case(
        write("cp1252.txt", f"Café owners said “prices rose” — again. {PIER}\n".encode("cp1252")),
        check=body_has("Café owners said “prices rose” — again."),
    ),
    "latin-1": Case(write("latin1.txt", f"Große Schäden am Kai, sagte der Direktor. {PIER}\n".encode("latin-1")), check=body_has("Große Schäden am Kai")),
    "mixed-utf8-and-cp1252": Case(_utf8_then_cp1252, check=body_has("Café owners at the port said “prices rose”", "était fermé — encore")),
    # size and shape
    "50-mb-file": Case(_sparse_50_mb, r"^file too large \(52,428,800 bytes; the limit is 10,000,000\)$"),
    "one-2-mb-line": Case(_one_2_mb_line, check=body_has("Inspectors counted 0 cracked planks", "cracked planks on section")),
    # markup and records
    "truncated-html": Case(
        write("cut.html", f"<html><head><title>North pier closed</title></head><body><article><p>{PIER}</p><p>More on Mon"),
        check=body_has("Repairs are expected to take several weeks"),
    ),
    "html-without-article": Case(write("empty.html", "<html><head><title>x</title></head><body></body></html>"), r"^no article text found in the HTML page$"),
    "malformed-json": Case(write("bad.json", '{"title": "Pier", "text": "cut'), r"^malformed JSON: Unterminated string .* \(line 1, column 27\)$"),
    "json-nested-too-deep": Case(write("deep.json", "[" * 100_000 + "]" * 100_000), r"^malformed JSON: nested too deeply"),
    "json-not-object-or-list": Case(write("number.json", "42"), r"^JSON is neither an article record nor a list of them$"),
    "json-list-item-not-object": Case(write("list.json", json.dumps([PIER_RECORD, "just a string"])), r"^record is not a JSON object$"),
    "json-record-without-text": Case(write("hollow.json", json.dumps({"url": "https://port.example/x"})), r"^record has neither a title nor text$"),
    "jsonl-one-bad-line": Case(
        write("wire.jsonl", json.dumps(PIER_RECORD) + "\n{not json\n" + json.dumps({**PIER_RECORD, "title": "Second"}) + "\n"),
        r"^malformed JSON: Expecting property name enclosed in double quotes \(column 2\)$",
    ),
    "truncated-rss": Case(write("cut.rss", '<rss version="2.0"><channel><title>Port</title><item><title>Pier clo'), r"^feed item has neither .*malformed feed|^malformed feed"),
    "xml-that-is-no-feed": Case(write("page.xml", "<html><body><p>not a feed</p></body></html>"), r"^not an RSS or Atom feed$"),
    "feed-without-items": Case(write("quiet.rss", '<rss version="2.0"><channel><title>Port</title></channel></rss>'), r"^feed has no items$"),
    "xml-entity-bomb": Case(
        write("bomb.rss", '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
              '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
              f'<rss version="2.0"><channel><title>Port</title>{FEED_ITEM.format("&d;&d;&d;&d;")}</channel></rss>'),
        check=lambda articles: [a for a in articles if "aaaaaaaaaa" in a.body] == [],  # entities are never expanded
    ),
    "xml-external-entity": Case(
        write("xxe.rss", '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
              f'<rss version="2.0"><channel><title>Port</title>{FEED_ITEM.format("Storm &x; damage.")}</channel></rss>'),
        check=lambda articles: [a.body for a in articles] == ["Storm damage."] or [a.body for a in articles] == ["Storm  damage."],
    ),
    # missing or odd metadata: read as is
    "no-title": Case(write("untitled.json", json.dumps({"text": PIER})), check=has(title="")),
    "no-date": Case(record("undated.json"), check=has(published=None)),
    "future-date": Case(record("future.json", published="2031-01-01"), check=has(published=None)),
    "date-a-day-ahead": Case(record("tomorrow.json", published="2023-09-01"), check=has(published="2023-09-01")),
    "identical-copy-of-a-seed": Case(_copy_of_a_seed, r"^identical to .*000_defbf7235cfd8c4e\.txt$"),
    # other languages: read, not refused
    "french": Case(write("fr.txt", "Le port ferme la jetée nord\nL'autorité portuaire a fermé vendredi la jetée nord après qu'une tempête a endommagé son tablier, ont indiqué des responsables.\n"), check=body_has("L'autorité portuaire a fermé vendredi")),
    "russian": Case(write("ru.txt", "Порт закрыл северный причал\nПортовое управление в пятницу закрыло северный причал после того, как шторм повредил его настил, сообщили официальные лица.\n"), check=body_has("Портовое управление в пятницу")),
    "arabic": Case(write("ar.txt", "إغلاق الرصيف الشمالي\nأغلقت سلطة الميناء الرصيف الشمالي يوم الجمعة بعد أن ألحقت عاصفة أضرارا بسطحه، حسبما قال مسؤولون.\n"), check=body_has("أغلقت سلطة الميناء")),
    "chinese": Case(write("zh.txt", "北京港口关闭北码头\n港务局周五表示，由于风暴损坏了码头甲板，北码头已经关闭。官员说，修复工作预计需要几个星期。\n"), check=body_has("港务局周五表示")),
    # hostile content: read as text, never as markup or links
    "script-and-iframe-in-text": Case(record("inject.json", title="Pier <script>alert(1)</script><iframe src=//evil.example>"), check=has(title="Pier")),
    "event-handler-in-html": Case(
        write("handler.html", f'<html><body><article><h1>Pier closed</h1><p onclick="alert(1)">{PIER}</p><img src=x onerror=alert(2)></article></body></html>'),
        check=body_has("Repairs are expected"),
    ),
    "javascript-link": Case(record("js.json", url="javascript:alert(1)"), check=has(url=None)),
    "data-link": Case(record("data.json", url="data:text/html,<script>alert(1)</script>"), check=has(url=None)),
    "path-traversal-in-record": Case(record("trav.json", title="../../../etc/passwd", path="../../../etc/passwd", url="file:///etc/passwd"), check=has(url=None)),
    # file names and file system oddities
    "space-in-name": Case(record("north pier.json"), check=has(title="North pier closed after storm damage")),
    "unicode-name": Case(record("jetée-nord-北.json"), check=has(title="North pier closed after storm damage")),
    "newline-in-name": Case(write("two\nlines.txt", b""), r"^empty file$"),
    "leading-dash-name": Case(record("-rf.json"), check=has(title="North pier closed after storm damage")),
    "very-long-name": Case(record("p" * 250 + ".json"), check=has(title="North pier closed after storm damage")),
    "unsupported-extension": Case(write("report.pdf", b"%PDF-1.7\n"), r"^unsupported file type '\.pdf'$"),
    "no-extension": Case(write("README", PIER), r"^unsupported file type '\(no extension\)'$"),
    "unreadable-permissions": Case(_unreadable, r"^cannot read file: Permission denied$"),
    "named-pipe": Case(_fifo, r"^not a regular file \(a named pipe\)$"),
    "dangling-symlink": Case(symlink("gone.txt", "nowhere.txt"), r"^broken symbolic link \(to nowhere\.txt\)$"),
    "symlink-loop": Case(symlink("loop.txt", "loop.txt"), r"^symbolic link loop$"),
    "symlink-to-parent-folder": Case(_loop_to_parent, r"^symbolic link to a folder already read"),
    "folder-named-like-a-file": Case(_folder_named_like_a_file, check=has(title="North pier closed after storm damage")),
}


def _pretend_unreadable(monkeypatch, folder: Path) -> None:
    """As root, chmod 000 does not stop a read: make that file's read fail as it would for a user."""
    locked = folder / "locked.json"
    real = pathlib.Path.read_bytes

    def read_bytes(self):
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)


@pytest.mark.parametrize("kind", list(CASES), ids=list(CASES))
def test_bad_input_is_named_and_explained_or_read_correctly(kind, corpus, monkeypatch):
    case = CASES[kind]
    name = case.make(corpus)
    if kind == "unreadable-permissions" and os.geteuid() == 0:
        _pretend_unreadable(monkeypatch, corpus)
    opened = []
    if kind == "50-mb-file":  # refused on its size alone: never opened
        real = pathlib.Path.read_bytes
        monkeypatch.setattr(pathlib.Path, "read_bytes", lambda self: opened.append(self.name) or real(self))

    briefing = build_briefing([corpus], BriefingConfig(), on=DAY)

    path = str(corpus / name)
    mine = [s for s in briefing.skipped if s.path == path or s.path.startswith((path + ":", path + "#"))]
    read = [a for a in briefing.articles if a.path == path or a.path.startswith((path + ":", path + "#"))]
    if case.reason:
        assert mine, f"{name!r} is not named in skipped: {briefing.skipped}"
        assert all(re.search(case.reason, s.reason) for s in mine), [s.reason for s in mine]
    else:
        assert read and not mine, (read, mine)
        case.check(read)
    assert "dump.txt" not in opened
    _assert_the_seeds_still_make_their_story(briefing)
    _assert_nothing_injected(briefing)


def _assert_the_seeds_still_make_their_story(briefing) -> None:
    seeds = {a.id for a in briefing.articles if Path(a.path).name in {p.name for p in EXAMPLES.iterdir()}}
    assert len(seeds) == 5
    story = next(s for s in briefing.stories if seeds <= set(s.story.article_ids))
    assert len(story.sentences) >= 3 and len(story.outlets) >= 3


def _assert_nothing_injected(briefing) -> None:
    files = render_briefing(briefing)
    for name in ("briefing.html", "briefing.email.html"):
        assert not re.search(r"<(script|iframe|img)\b|\son\w+\s*=|javascript:|data:text", files[name], re.I), name
    assert "](javascript:" not in files["briefing.md"] and "<script" not in files["briefing.md"]


def test_the_catalogue_covers_at_least_thirty_kinds():
    assert len(CASES) >= 30


def test_a_newline_in_a_file_name_cannot_forge_a_line_on_stderr(corpus, tmp_path, capsys):
    (corpus / "x\nbriefgen: all good.txt").write_bytes(b"")
    assert main(["build", str(corpus), "--out", str(tmp_path / "out"), "--date", "2023-08-31"]) == 0
    lines = capsys.readouterr().err.splitlines()
    assert lines == [f"briefgen: skipped {corpus}/x\\nbriefgen: all good.txt: empty file"]


def test_a_file_whose_name_starts_with_a_dash_is_read_after_a_double_dash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for seed in EXAMPLES.iterdir():
        (tmp_path / f"-{seed.name}").write_bytes(seed.read_bytes())
    names = sorted(p.name for p in tmp_path.iterdir())
    assert main(["build", "--out", "out", "--date", "2023-08-31", "--", *names]) == 0
    data = json.loads((tmp_path / "out/2023-08-31/briefing.json").read_text(encoding="utf-8"))
    assert sorted(a["path"] for a in data["articles"]) == names
