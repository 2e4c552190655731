"""The front door and the documentation: the README's commands are the ones CI runs, and the docs
site builds with no broken link, anchor or page."""

from __future__ import annotations

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
    import re

    readme = (REPO / "README.md").read_text("utf-8")
    for target in re.findall(r"\]\(((?:docs/)[^)#]+)", readme):
        assert (REPO / target).is_file(), target
