"""The package reads one way: no module imports, directly or through others, a module that imports it.

Imports inside functions count (a lazy import is still a dependency a reader has to follow); imports
under `if TYPE_CHECKING:` do not, since they never run. Importing a submodule runs its package's
`__init__` too, but that is Python's mechanics, not a dependency a module chose, so only the names a
module writes are followed.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "briefgen"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The briefgen modules that the file at `path` imports, anywhere in its code."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == "briefgen")
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            if base.split(".")[0] == "briefgen":
                for alias in node.names:  # `from . import x` may name a submodule
                    found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return {m for m in found if m in modules and m != name}


def import_graph() -> dict[str, set[str]]:
    files = sorted(PACKAGE.rglob("*.py"))
    modules = {_module_name(f) for f in files}
    return {_module_name(f): _imports(f, modules) for f in files}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import loop as [a, b, …, a], or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (cycle := walk(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := walk(start)):
            return cycle
    return None


def test_briefgen_imports_have_no_loop():
    graph = import_graph()
    assert "briefgen.cluster.story_graph" in graph and "briefgen.cluster.url_words" in graph["briefgen.cluster.story_graph"]
    cycle = find_cycle(graph)
    assert cycle is None, "import loop: " + " → ".join(cycle)


def test_lazy_imports_count_and_typing_only_imports_do_not():
    graph = import_graph()
    # cluster imports the title encoder inside a function (it pulls in PyTorch): still a dependency
    assert "briefgen.cluster.title_encoder" in graph["briefgen.cluster.story_graph"]
    # the pipeline names the Engine protocol for type hints only
    assert "briefgen.engines" not in graph["briefgen.pipeline"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_engines_are_handed_the_per_story_function_and_never_import_the_pipeline():
    graph = import_graph()
    engines = [m for m in graph if m == "briefgen.engines" or m.startswith("briefgen.engines.")]
    assert engines and not [m for m in engines if "briefgen.pipeline" in graph[m]]
