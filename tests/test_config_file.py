"""A daily job keeps its build options in a TOML file; flags still win; a typo is an error, not ignored."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from briefgen.cli import main

from .conftest import EXAMPLES, REPO

DAY = "2023-08-31"


def _supports(out):
    briefing = json.loads((out / DAY / "briefing.json").read_text("utf-8"))
    return [s["support"] for story in briefing["stories"] for s in story["sentences"]]


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_options_come_from_the_file_and_flags_override_them(tmp_path):
    config = _write(tmp_path / "daily.toml", f'[build]\npaths = ["{EXAMPLES.as_posix()}"]\n'
                    f'date = {DAY}\nmin-sources = 2\nno-store = true\nout = "briefings"\nsentences = 8\n')
    assert main(["build", "--config", str(config)]) == 0
    out = tmp_path / "briefings"  # relative to the file's folder, not the working folder
    assert _supports(out) and min(_supports(out)) == 2
    assert main(["build", "--config", str(config), "--min-sources", "1"]) == 0
    assert min(_supports(out)) == 1  # with room for 8 lines, one outlet's own facts come after the shared ones


def test_briefgen_toml_in_the_working_folder_is_read_without_being_named(tmp_path, monkeypatch):
    shutil.copytree(EXAMPLES, tmp_path / "articles")
    _write(tmp_path / "briefgen.toml", f'[build]\npaths = ["articles"]\ndate = "{DAY}"\nno-store = true\nsentences = 2\n')
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 0
    briefing = json.loads((tmp_path / "output" / DAY / "briefing.json").read_text("utf-8"))
    assert max(len(s["sentences"]) for s in briefing["stories"]) == 2


@pytest.mark.parametrize(
    "body, named",
    [
        ("[build]\nmin-source = 3\n", "min-source"),  # a typo
        ("[build]\nmin-sources = \"three\"\n", "min-sources"),  # not a number
        ("[build]\nalgorithm = \"pagerank\"\n", "algorithm"),  # not a choice
        ("[build]\nshow-single-source = \"yes\"\n", "show-single-source"),  # not true/false
        ("[build]\nfeed = \"https://example.org/rss\"\n", "feed"),  # a list is needed
        ("min-sources = 3\n", "min-sources"),  # outside [build]
        ("[build\n", "not valid TOML"),
        ("[build]\nweb-url = \"ftp://example.org/b\"\n", "web-url"),  # not an http(s) address
    ],
)
def test_a_wrong_key_or_value_stops_the_run_with_exit_2_naming_it(tmp_path, capsys, body, named):
    config = _write(tmp_path / "bad.toml", body)
    with pytest.raises(SystemExit) as stopped:
        main(["build", str(EXAMPLES), "--config", str(config), "--out", str(tmp_path / "out")])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "bad.toml" in err and named in err
    assert not (tmp_path / "out").exists()


def test_a_missing_config_file_is_an_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["build", str(EXAMPLES), "--config", str(tmp_path / "nowhere.toml")])
    assert stopped.value.code == 2 and "nowhere.toml" in capsys.readouterr().err


def test_the_example_in_the_docs_runs(tmp_path, monkeypatch):
    usage = (REPO / "docs" / "usage.md").read_text("utf-8")
    example = re.search(r"```toml\n(# briefgen\.toml.*?)```", usage, re.S).group(1)
    shutil.copytree(EXAMPLES, tmp_path / "articles")
    _write(tmp_path / "briefgen.toml", example)
    monkeypatch.chdir(tmp_path)
    assert main(["build", "articles", "--date", DAY]) == 0
    assert (tmp_path / "output" / DAY / "briefing.html").is_file()


def test_the_newsletter_links_to_the_web_url_of_the_file(tmp_path):
    config = _write(tmp_path / "daily.toml", f'[build]\npaths = ["{EXAMPLES.as_posix()}"]\ndate = {DAY}\n'
                    'no-store = true\nweb-url = "https://mail.example.net/b/"\n')
    assert main(["build", "--config", str(config), "--out", str(tmp_path / "out")]) == 0
    page = f"https://mail.example.net/b/{DAY}/briefing.html"
    for name in ("briefing.email.html", "briefing.txt"):
        assert (tmp_path / "out" / DAY / name).read_text("utf-8").count(page) >= 2  # at the top and the end
