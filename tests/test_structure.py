"""The package's shape, checked from its source: no import cycles, no module importing another
module's private names, no module over 500 lines."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "timeline"
MOST_LINES = 500


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path) -> list[tuple[str, list[str]]]:
    """(imported module, names taken from it) for each import of the module, relative ones resolved."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names = [alias.name for alias in node.names]
            found.append((base, names))
            found += [(f"{base}.{n}", []) for n in names if f"{base}.{n}" in MODULES]
    return found


def _graph() -> dict[str, set[str]]:
    return {name: {target for target, _ in _imports(name, path) if target in MODULES and target != name}
            for name, path in MODULES.items()}


def test_no_module_is_longer_than_the_limit():
    long = {name: n for name, path in MODULES.items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MOST_LINES}
    assert long == {}


def test_no_module_imports_private_names_of_another():
    leaks = [(name, target, taken) for name, path in MODULES.items() for target, names in _imports(name, path)
             for taken in names if taken.startswith("_") and not taken.startswith("__") and target != name]
    assert leaks == []


def test_imports_form_no_cycle():
    graph = _graph()
    # a package's __init__ re-exporting its own modules is not a cycle of design
    edges = {name: {t for t in targets if not (name.startswith(t + ".") and MODULES[t].name == "__init__.py")}
             for name, targets in graph.items()}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(edges[node]):
            if state.get(target) == 1:
                cycles.append(trail[trail.index(target):] + [target] if target in trail else [node, target])
            elif target not in state:
                visit(target, [*trail, target])
        state[node] = 2

    for name in sorted(edges):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_the_graph_sees_relative_and_absolute_imports():
    graph = _graph()
    assert {"timeline.doc", "timeline.model", "timeline.lang"} <= graph["timeline.pipeline"]
    assert "timeline.lang.patterns" in graph["timeline.lang.triggers"]
