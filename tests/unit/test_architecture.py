"""Which folder of the plugin may import which (docs/architecture.md).

From the bottom: the top-level modules (settings, messages, log, shared
helpers) → content/ → site/ → outputs/ → build/ → cli/. A module imports its
own folder and those below. The imports that still go upward are listed in
KNOWN_UPWARD with the reason; the list may only shrink.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "plugins" / "press"
LAYERS = {"content": 1, "site": 2, "outputs": 3, "build": 4, "cli": 5}  # top-level modules: 0

#: (importer, imported) -> why it is still there (docs/architecture.md): none
#: is left; a new one must say why here.
KNOWN_UPWARD: dict[tuple[str, str], str] = {}


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> int:
    parts = module.split(".")
    return LAYERS.get(parts[1], 0) if len(parts) > 1 else 0


def _exists(module: str) -> bool:
    path = PACKAGE.parent.joinpath(*module.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def imports() -> set[tuple[str, str]]:
    """Every (module, module it imports) of the package, function-level imports included."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        me = _module(path)
        package = me if path.name == "__init__.py" else me.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                prefix = f"{base}.{node.module}" if node.module else base
                for alias in node.names:  # a submodule when one has that name, else the module
                    sub = f"{prefix}.{alias.name}"
                    found.add((me, sub if _exists(sub) else prefix))
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("press"):
                found.add((me, node.module))
    return found


def test_imports_go_down_the_layers() -> None:
    upward = {(a, b) for a, b in imports() if a != "press" and _layer(b) > _layer(a)}
    assert upward == set(KNOWN_UPWARD)


def test_content_and_the_bottom_know_nothing_of_pelican() -> None:
    for path in PACKAGE.rglob("*.py"):
        module = _module(path)
        if _layer(module) == 1 or (module.count(".") == 1 and _layer(module) == 0 and module != "press.console"):
            text = path.read_text(encoding="utf-8")
            assert "import pelican" not in text and "from pelican" not in text, module


def test_no_module_keeps_build_facts_on_the_pelican_object() -> None:
    """What the plugins share during a build is a field of press.state.BuildState,
    not a ``_press_*`` attribute of the Pelican object (read by a bare string,
    it broke silently when the attribute moved)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("_press_"):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value}")
            if isinstance(node, ast.Attribute) and node.attr.startswith("_press_"):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: .{node.attr}")
    assert found == []


def _mentions_the_build_time(node: ast.AST) -> bool:
    return any(
        (isinstance(n, ast.Name) and n.id in ("now", "build_time"))
        or (isinstance(n, ast.Attribute) and n.attr == "build_time")
        for n in ast.walk(node)
    )


def test_only_the_timeline_compares_dates_with_the_build_time() -> None:
    """press.content.timeline is the one rule for time-dependent output: a
    date compared with the build time anywhere else would be missed by the
    up-to-date stamp's end and by the page keys (a stale page after an
    embargo lifts or an event passes)."""
    ordering = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == PACKAGE / "content" / "timeline.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare) and any(isinstance(op, ordering) for op in node.ops):
                if any(_mentions_the_build_time(side) for side in (node.left, *node.comparators)):
                    found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert found == []
