"""`briefgen publish EDITED.md`: an editor's changes to briefing.md reach the page and the newsletter,
in their templates, with the citations as working footnotes and any raw HTML shown as text."""

from __future__ import annotations

import re
import tomllib
from html.parser import HTMLParser

import pytest

from briefgen.cli import main

from .conftest import DAY, EXAMPLES, REPO


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _elements(html: str) -> list[tuple[str, dict]]:
    parser = _Elements()
    parser.feed(html)
    return parser.tags


@pytest.fixture
def edited(tmp_path):
    assert main(["build", str(EXAMPLES), "-o", str(tmp_path), "--date", DAY.isoformat(), "--no-store", "-q"]) == 0
    generated = (tmp_path / DAY.isoformat() / "briefing.md").read_text(encoding="utf-8")
    first_fact = next(line for line in generated.splitlines() if line.startswith("- "))
    text = generated.replace(first_fact, "- The editor rewrote this line \\(and kept its citation\\).[^1]", 1)
    text += (
        "\n## Editor's note\n\n"
        "We checked this with <b onclick=\"alert(1)\">our desk</b>. <script>alert('x')</script>\n\n"
        "<div style=\"position:fixed\">a raw block</div>\n"
    )
    path = tmp_path / "edited.md"
    path.write_text(text, encoding="utf-8")
    return path, first_fact


def test_an_edited_briefing_is_published_into_the_page_and_newsletter_templates(edited, tmp_path, capsys):
    path, first_fact = edited
    out = tmp_path / "published"
    assert main(["publish", str(path), "-o", str(out)]) == 0
    assert capsys.readouterr().out.split() == [str(out / "edited.html"), str(out / "edited.email.html")]
    page = (out / "edited.html").read_text(encoding="utf-8")
    email = (out / "edited.email.html").read_text(encoding="utf-8")
    for html in (page, email):
        assert "The editor rewrote this line (and kept its citation)." in html  # escapes read as Markdown's
        assert first_fact[2:60] not in html
        assert "Editor&#39;s note" in html or "Editor's note" in html
        # citations are Python-Markdown footnotes, each reference landing on its note and back
        ids = {attrs.get("id") for _, attrs in _elements(html)}
        refs = [a["href"][1:] for tag, a in _elements(html) if tag == "a" and a.get("href", "").startswith("#")]
        assert any(r.startswith("fn:") for r in refs) and any(r.startswith("fnref:") for r in refs)
        assert all(r in ids for r in refs)
        # raw HTML is shown as text, never run
        assert "&lt;script&gt;" in html and "&lt;b onclick=" in html
        tags = _elements(html)
        assert not [t for t, _ in tags if t == "script"]
        assert not [a for _, a in tags if any(k.startswith("on") for k in a)]
        assert "position:fixed" not in re.sub(r"&lt;.*?&gt;", "", html)
    assert "prefers-color-scheme" in page and '<main class="published">' in page  # the page's frame
    assert 'class="sheet"' in email and "max-width:600px" in email  # the newsletter's frame
    assert "<title>Briefing — Thursday 31 August 2023</title>" in page


def test_published_beside_the_file_by_default_and_a_missing_file_is_a_usage_error(edited, capsys):
    path, _ = edited
    assert main(["publish", str(path), "-q"]) == 0
    assert capsys.readouterr() == ("", "")
    assert (path.parent / "edited.html").is_file() and (path.parent / "edited.email.html").is_file()
    with pytest.raises(SystemExit) as done:
        main(["publish", str(path.parent / "nope.md")])
    assert done.value.code == 2


def _names(requirement: str) -> set[str]:
    """The distribution a requirement names, and those its extras bring (dask[distributed])."""
    name = re.split(r"[<>=!~\[;\s]", requirement, maxsplit=1)[0]
    extras = re.search(r"\[(.*?)\]", requirement)
    found = {name} | (set(extras.group(1).split(",")) if extras else set())
    return {n.strip().lower().replace("_", "-") for n in found}


def _imported_top_modules() -> set[str]:
    import ast
    import sys

    found = set()
    for path in (REPO / "briefgen").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names and m not in ("briefgen", "__future__")}


def test_what_briefgen_imports_is_declared_and_what_it_declares_is_imported():
    from importlib.metadata import packages_distributions

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    required = {n for d in project["dependencies"] for n in _names(d)}
    optional = {n for extra in ("titles", "dask") for d in project["optional-dependencies"][extra] for n in _names(d)}
    owners = packages_distributions()
    imported = {m: {d.lower().replace("_", "-") for d in owners.get(m, [m])} for m in _imported_top_modules()}
    undeclared = sorted(m for m, dists in imported.items() if not dists & (required | optional))
    assert undeclared == [], f"imported but not declared: {undeclared}"
    unused = sorted(required - {d for dists in imported.values() for d in dists})
    assert unused == [], f"declared but never imported: {unused}"
    assert "markdown" in required and "lxml" in required and "pycountry" not in required
