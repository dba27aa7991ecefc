"""Which folder of the plugin may import which (docs/architecture.md), and
what of the plugin the tests may touch.

From the bottom: the top-level modules (settings, messages, log, shared
helpers) → content/ → site/ → outputs/ → build/ → cli/. A module imports its
own folder and those below. The imports that still go upward are listed in
KNOWN_UPWARD with the reason; the list may only shrink.

The unit tests of a module sit where its path says:
``plugins/press/<folder>/<module>.py`` in ``tests/unit/<folder>/test_<module>.py``
(``<folder>/__init__.py`` in ``tests/unit/<folder>/test_<folder>.py``).

Tests use what a module offers (its public names) and real failures, not its
private names or module globals replaced under it: the reaches still left
are listed in KNOWN_REACHES, and that list may only shrink too.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

TESTS = ROOT / "tests"

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


# --- what the tests touch -------------------------------------------------------------

#: "<test file>: <what it touches>" -> why it is still there. A test reads a
#: private name (``module._x``, ``from module import _x``) or replaces a
#: module's name under it (``monkeypatch.setattr(module, "x", ...)``).
KNOWN_REACHES = {
    "tests/unit/outputs/test_search.py: replaces press.outputs.search_copies.map_forked":
        "a build killed between writing the index copies and saving their facts: no real kill lands there"
        " on every run; press.outputs.search_copies should take the work's runner as a parameter",
    "tests/unit/site/test_listings.py: reads vars(press.site.listings)":
        "that no module global keeps the last site: nothing may outlive a run in make serve",
}


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _press_modules(tree: ast.AST) -> dict[str, str]:
    """The names a test file binds to modules of the plugin: {local name: module}."""
    bound = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "press":
                    bound[alias.asname or "press"] = alias.name if alias.asname else "press"
        elif isinstance(node, ast.ImportFrom) and not node.level and (node.module or "").split(".")[0] == "press":
            for alias in node.names:
                if _exists(f"{node.module}.{alias.name}"):
                    bound[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return bound


def _replacing(func: ast.expr) -> bool:
    """``setattr``/``delattr`` of monkeypatch (or its context), mock's ``patch``, ``patch.object``."""
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return name in ("setattr", "delattr", "patch", "object")


def _reaches(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bound = _press_modules(tree)

    def module(node: ast.AST) -> str | None:
        """The plugin's module that ``node`` names (``images``, ``press.outputs.images``), if any."""
        if isinstance(node, ast.Name):
            return bound.get(node.id)
        if isinstance(node, ast.Attribute) and (base := module(node.value)) and _exists(f"{base}.{node.attr}"):
            return f"{base}.{node.attr}"
        return None

    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and not node.level and (node.module or "").split(".")[0] == "press":
            found |= {f"reads {node.module}.{a.name}" for a in node.names if _private(a.name)}
        elif isinstance(node, ast.Attribute) and _private(node.attr) and (of := module(node.value)):
            found.add(f"reads {of}.{node.attr}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "vars" and node.args:
            if of := module(node.args[0]):
                found.add(f"reads vars({of})")
        elif isinstance(node, ast.Call) and _replacing(node.func) and node.args:
            target = node.args[0]
            named = node.args[1] if len(node.args) > 1 else None
            if isinstance(target, ast.Constant) and str(target.value).startswith("press."):
                found.add(f"replaces {target.value}")  # monkeypatch.setattr("press.x.y", ...), mock.patch(...)
            elif of := module(target):
                name = named.value if isinstance(named, ast.Constant) else "?"
                found.add(f"replaces {of}.{name}")
    return found


def test_tests_use_what_the_modules_offer() -> None:
    """No new test reads a private name of the plugin or replaces a name of one of its modules."""
    found = {
        f"{path.relative_to(ROOT).as_posix()}: {reach}"
        for path in sorted(TESTS.rglob("*.py"))
        if "sites" not in path.relative_to(TESTS).parts
        for reach in _reaches(path)
    }
    assert found == set(KNOWN_REACHES)


#: Unit test files that are not the tests of one module, and what they test.
NOT_ONE_MODULE = {
    "tests/unit/test_architecture.py": "the layers of the package, and what the tests touch",
    "tests/unit/test_hooks.py": "press/__init__.py: the ordered table of hooks against README and the connections",
    "tests/unit/test_glossary.py": "docs/glossary.md: the words the catalogs use",
}


def test_unit_tests_sit_where_their_module_does() -> None:
    astray = []
    for path in sorted((TESTS / "unit").rglob("test_*.py")):
        rel = path.relative_to(TESTS / "unit")
        module = PACKAGE.joinpath(*rel.parts[:-1], rel.name.removeprefix("test_"))
        if rel.parts[:-1] and rel.name == f"test_{rel.parts[-2]}.py":  # tests/unit/cli/test_cli.py: press/cli/__init__.py
            module = module.with_name("__init__.py")
        if not module.is_file() and path.relative_to(ROOT).as_posix() not in NOT_ONE_MODULE:
            astray.append(f"{path.relative_to(ROOT)}: no plugins/press/{module.relative_to(PACKAGE)}")
    assert astray == []


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
