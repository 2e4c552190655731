"""The front door and the documentation: the README's commands are the ones CI runs, and the docs
site builds with no broken link, anchor or page."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys

from .conftest import REPO


def test_the_docs_site_builds_without_a_broken_link(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml"), "-d", str(tmp_path / "site")],
        capture_output=True, text=True, cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    for page in ("index", "usage", "json", "pipeline", "benchmarks", "decisions", "scaling"):
        assert (tmp_path / "site" / ("" if page == "index" else page) / "index.html").is_file()


def test_ci_runs_exactly_the_readme_test_command():
    readme = (REPO / "README.md").read_text("utf-8").splitlines()
    fence = readme.index("```sh")
    install_and_run, test_command = readme[fence + 1], readme[fence + 2]
    assert install_and_run.startswith("python -m pip install . && python -m briefgen build examples/articles")
    test_command = test_command.split("  #")[0]
    ci = (REPO / ".ci" / "run").read_text("utf-8").splitlines()
    assert test_command in ci


def test_readme_links_point_at_pages_that_exist():
    readme = (REPO / "README.md").read_text("utf-8")
    for target in re.findall(r"\]\(((?:docs/)[^)#]+)", readme):
        assert (REPO / target).is_file(), target


def test_the_readme_main_job_briefs_the_bundled_examples(tmp_path):
    readme = (REPO / "README.md").read_text("utf-8").splitlines()
    main_job = readme[readme.index("```sh") + 1].split("  #")[0].split(" && ")[1]
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    words = shlex.split(main_job)
    assert words[:3] == ["python", "-m", "briefgen"]
    done = subprocess.run([sys.executable, *words[1:]], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    (dated,) = [p for p in (tmp_path / "output").iterdir() if p.is_dir()]
    (story,) = json.loads((dated / "briefing.json").read_text("utf-8"))["stories"]
    assert len(story["outlets"]) == 4 and story["sentences"]
    assert (dated / "briefing.html").is_file()
