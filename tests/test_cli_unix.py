"""The command line in a pipe and a cron job: one format to stdout, chosen formats to files, stdin
and input lists, -q and -v, a closed pipe, --workers on the local engine, quick --help."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.cli import main

from .conftest import DAY, EXAMPLES, REPO

BUILD = ["build", str(EXAMPLES), "--date", DAY.isoformat(), "--no-store"]


def _run(args: list[str], stdin: bytes = b"", **kwargs) -> subprocess.CompletedProcess:
    env = os.environ | {"PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "briefgen", *args], input=stdin, capture_output=True, env=env, **kwargs)


def test_one_format_goes_to_stdout_and_nothing_to_disk(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main([*BUILD, "--format", "json", "-o", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["date"] == DAY.isoformat() and data["stories"]
    assert main([*BUILD, "--format", "md", "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith("# ")
    assert list(tmp_path.iterdir()) == []  # no output folder, no store


def test_stdout_takes_exactly_one_format(capsys):
    for extra in ([], ["--format", "json", "--format", "md"]):
        with pytest.raises(SystemExit) as done:
            main([*BUILD, "-o", "-", *extra])
        assert done.value.code == 2
        assert "-o - writes one format" in capsys.readouterr().err


def test_the_formats_asked_for_are_the_files_written_and_older_ones_go(tmp_path, capsys):
    assert main([*BUILD, "-o", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main([*BUILD, "-o", str(tmp_path), "--format", "md", "--format", "json"]) == 0
    day = tmp_path / DAY.isoformat()
    assert sorted(p.name for p in day.iterdir()) == ["briefing.json", "briefing.md", "briefing.schema.json"]
    printed = capsys.readouterr().out.split()
    assert str(day / "briefing.md") in printed and str(day / "briefing.html") not in printed


def test_quiet_prints_nothing_on_success_and_verbose_says_what_it_does(corpus, tmp_path, capsys):
    (corpus / "empty.txt").write_text("", encoding="utf-8")  # a skipped input: a warning, not an error
    assert main(["build", str(corpus), "-o", str(tmp_path / "a"), "--date", DAY.isoformat(), "-q"]) == 0
    assert capsys.readouterr() == ("", "")
    assert main(["build", str(corpus), "-o", str(tmp_path / "b"), "--date", DAY.isoformat()]) == 0
    assert "skipped" in capsys.readouterr().err
    assert main(["build", str(corpus), "-o", str(tmp_path / "c"), "--date", DAY.isoformat(), "-v"]) == 0
    err = capsys.readouterr().err
    assert "history store:" in err and "read 5 article(s)" in err and "1 story(ies) briefed" in err
    # an error still speaks under -q
    assert main(["build", str(corpus / "empty.txt"), "-o", str(tmp_path / "d"), "-q"]) == 1
    assert "no usable article found" in capsys.readouterr().err


def test_articles_from_standard_input_are_named_dash():
    records = b"".join(
        json.dumps({"title": f"Story {n}", "text": f"A report of event number {n} that happened in the city on Monday.",
                    "url": f"https://site{n}.example/a"}).encode() + b"\n"
        for n in range(3)
    )
    done = _run(["extract", "-"], stdin=records)
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["path"] for line in done.stdout.splitlines()] == ["-:1", "-:2", "-:3"]
    page = (EXAMPLES / sorted(os.listdir(EXAMPLES))[0]).read_bytes()
    done = _run(["build", "-", "--format", "json", "-o", "-", "--date", DAY.isoformat()], stdin=page)
    assert done.returncode == 0, done.stderr
    assert [a["path"] for a in json.loads(done.stdout)["articles"]] == ["-"]


def test_an_input_file_lists_paths_and_a_missing_one_is_a_usage_error(tmp_path, capsys):
    listing = tmp_path / "inputs.txt"
    listing.write_text(f"# today's folders\n{EXAMPLES}\n\n", encoding="utf-8")
    assert main(["build", "--input-file", str(listing), "-o", str(tmp_path / "out"), "--date", DAY.isoformat(), "-q"]) == 0
    assert (tmp_path / "out" / DAY.isoformat() / "briefing.json").is_file()
    listing.write_text(f"{EXAMPLES}\n{tmp_path / 'nope'}\n", encoding="utf-8")
    with pytest.raises(SystemExit) as done:
        main(["extract", "--input-file", str(listing)])
    assert done.value.code == 2 and "no such file or folder" in capsys.readouterr().err
    from_stdin = _run(["extract", "--input-file", "-"], stdin=f"{EXAMPLES}\n".encode())
    assert from_stdin.returncode == 0 and len(from_stdin.stdout.splitlines()) == 5


def test_a_reader_that_stops_early_ends_the_run_quietly(tmp_path):
    for n in range(60):  # enough lines to fill the pipe after the reader has gone
        (tmp_path / f"{n:03}.txt").write_text(f"Headline {n}\n\n" + f"Sentence {n} of a long article body. " * 200, encoding="utf-8")
    env = os.environ | {"PYTHONPATH": str(REPO)}
    shell = f"{sys.executable} -m briefgen extract {tmp_path} | head -1; echo \"status=${{PIPESTATUS[0]}}\" >&2"
    done = subprocess.run(["bash", "-c", shell], capture_output=True, env=env, text=True)
    assert len(done.stdout.splitlines()) == 1
    assert "status=0" in done.stderr and "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr


def test_workers_limits_the_local_engine_and_changes_nothing(tmp_path):
    assert main([*BUILD, "-o", str(tmp_path / "one"), "--workers", "1", "-q"]) == 0
    assert main([*BUILD, "-o", str(tmp_path / "two"), "--workers", "2", "-q"]) == 0
    one, two = (tmp_path / w / DAY.isoformat() / "briefing.json" for w in ("one", "two"))
    assert one.read_bytes() == two.read_bytes()


def test_help_and_version_answer_without_loading_the_pipeline():
    code = (
        "import sys, contextlib, io\n"
        "from briefgen.cli import main\n"
        "for argv in (['--help'], ['--version'], ['build', '--help']):\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        try: main(argv)\n"
        "        except SystemExit: pass\n"
        "heavy = sorted(m for m in ('sklearn', 'scipy', 'trafilatura', 'numpy', 'nltk', 'sumy', 'httpx', 'jinja2') if m in sys.modules)\n"
        "print(','.join(heavy))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ | {"PYTHONPATH": str(REPO)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
