"""No import cycles: between modules, and between apps.

A cycle between two modules means neither can be understood, tested or moved alone; a cycle
between apps means they are one concept in two places. Both were found once
(budgeting.counting <-> budgeting.pabulib, initiatives <-> marketplace) and this keeps them out.
The graph is read from the source (every `import` in every module, also inside functions,
because a lazy import is still a dependency); tests and migrations are left out.
"""

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "samenspel"


def _modules() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE.parent)
        if {"tests", "migrations"} & set(relative.parts):
            continue
        name = ".".join(relative.with_suffix("").parts)
        modules[name.removesuffix(".__init__")] = path
    return modules


def _imports(path: Path, name: str, known: dict[str, Path], *, top_level_only: bool) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    nodes = tree.body if top_level_only else ast.walk(tree)
    found = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return {module for module in found if module in known and module != name}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one member (Tarjan)."""
    index, low, stack, on_stack, result = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return result


def _app(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and (PACKAGE / parts[1]).is_dir()) else "project"


def test_no_import_cycle_between_modules():
    modules = _modules()
    graph = {name: _imports(path, name, modules, top_level_only=False) for name, path in modules.items()}
    # A package's __init__ importing its own submodule is not a cycle worth reporting.
    graph = {name: {t for t in targets if not t.startswith(name + ".")} for name, targets in graph.items()}
    assert _cycles(graph) == []


def test_no_import_cycle_between_apps():
    modules = _modules()
    graph: dict[str, set[str]] = defaultdict(set)
    edges: dict[tuple[str, str], str] = {}
    for name, path in modules.items():
        for target in _imports(path, name, modules, top_level_only=False):
            source_app, target_app = _app(name), _app(target)
            if source_app != target_app and "project" not in (source_app, target_app):
                graph[source_app].add(target_app)
                edges.setdefault((source_app, target_app), f"{name} -> {target}")
    cycles = _cycles(graph)
    explained = [[edges[(a, b)] for a in cycle for b in cycle if (a, b) in edges] for cycle in cycles]
    assert cycles == [], explained


def test_the_checker_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
