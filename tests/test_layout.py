"""The package layout of ARCHITECTURE.md, kept by a test: no import cycles,
and no layer imports a higher one.

Imports are read from the source with `ast`, all of them: module level,
inside functions (faqlint imports lazily for start-up time) and under
`TYPE_CHECKING`, since a cycle hidden in any of them still ties the modules
together.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "faqlint"

# Lowest first. A module may import its own layer and the layers below it.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("faqlint", "faqlint.errors", "faqlint.writes"),
    ("faqlint.parse",),
    ("faqlint.language",),
    ("faqlint.config",),
    ("faqlint.findings",),
    ("faqlint.site",),
    ("faqlint.links",),
    ("faqlint.rules",),
    ("faqlint.run",),
    ("faqlint.reporters",),
    ("faqlint.cli", "faqlint.__main__"),
)

# Pairs within a layer that must stay apart: (importer prefix, imported prefix).
FORBIDDEN = (
    # The engine lints; the runner wraps the store around it.
    ("faqlint.run.engine", "faqlint.run.store"),
    ("faqlint.run.parallel", "faqlint.run.store"),
    # The store keeps data; it neither lints nor runs.
    ("faqlint.run.store", "faqlint.run.engine"),
    ("faqlint.run.store", "faqlint.run.runner"),
    ("faqlint.run.store", "faqlint.run.parallel"),
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str, path: Path, known: set[str]) -> Iterator[str]:
    """The faqlint modules `name` imports, wherever in the file."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            # `from faqlint.parse import dialects` imports a module, not a name
            targets = [f"{base}.{alias.name}" for alias in node.names]
            targets = [t if t in known else base for t in targets]
        else:
            continue
        for target in targets:
            if target == "faqlint" or target.startswith("faqlint."):
                yield target


def graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: set(imports_of(name, path, known)) - {name} for name, path in found.items()}


def layer_of(name: str) -> int:
    best, rank = -1, -1
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            matches = name == prefix or name.startswith(prefix + ".")
            if matches and len(prefix) > best:
                best, rank = len(prefix), index
    return rank


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the list of modules around it, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(edges.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)) is not None:
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (cycle := visit(node)) is not None:
            return cycle
    return None


def test_every_module_has_a_layer() -> None:
    assert [name for name in modules() if layer_of(name) < 0] == []


def test_no_import_cycles() -> None:
    cycle = find_cycle(graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_no_layer_imports_a_higher_one() -> None:
    upward = [
        f"{name} (layer {layer_of(name)}) imports {target} (layer {layer_of(target)})"
        for name, targets in graph().items()
        for target in sorted(targets)
        if layer_of(target) > layer_of(name)
    ]
    assert upward == []


@pytest.mark.parametrize(("importer", "imported"), FORBIDDEN)
def test_forbidden_pairs(importer: str, imported: str) -> None:
    found = [
        f"{name} imports {target}"
        for name, targets in graph().items()
        if name == importer or name.startswith(importer + ".")
        for target in targets
        if target == imported or target.startswith(imported + ".")
    ]
    assert found == []


def test_the_checks_find_a_cycle_and_an_upward_import() -> None:
    """The two tests above can fail: a planted cycle and a planted upward edge are seen."""
    edges = graph()
    assert find_cycle({**edges, "faqlint.parse.model": {"faqlint.parse.source"}}) is not None
    planted = {**edges, "faqlint.parse.source": {"faqlint.run.engine"}}
    assert find_cycle(planted) is not None
    assert layer_of("faqlint.parse.source") < layer_of("faqlint.run.engine")


def test_modules_say_what_they_are_for() -> None:
    """Each module starts with a docstring (what it is for)."""
    missing = [
        name
        for name, path in modules().items()
        if path.name != "__main__.py"
        and ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) is None
    ]
    assert missing == []
