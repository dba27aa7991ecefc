"""The plugin's one ordered table of hooks is what Pelican connects, and what the README says.

``PLUGINS = ["press"]``: Pelican loads the package and calls
``press.register()``, which connects :data:`press.HOOKS` in order. Receivers
of a signal run in the order they were connected, so the table is the order
of the build; these tests keep it, the connections and the README's table
the same.
"""

from __future__ import annotations

import re
import weakref
from typing import Any

from pelican import signals
from pelican.plugins._utils import load_plugins

import press
from tests.conftest import ROOT, read_conf


def _name(function: Any) -> str:
    return f"{function.__module__}.{function.__name__}"


def _ours(signal: Any) -> list[str]:
    """The receivers of ``signal`` from our package, in the order they run."""
    names = []
    for ref in signal.receivers.values():
        receiver = ref() if isinstance(ref, weakref.ref) else ref
        if receiver is not None and getattr(receiver, "__module__", "").startswith("press."):
            names.append(_name(receiver))
    return names


def _signal_names() -> dict[int, str]:
    return {id(getattr(signals, n)): n for n in dir(signals) if hasattr(getattr(signals, n), "receivers")}


def test_the_settings_load_one_plugin() -> None:
    settings = read_conf()
    assert settings["PLUGINS"] == ["press"]
    assert [p.__name__ for p in load_plugins(settings)] == ["press"]


def test_register_connects_the_table_in_its_order() -> None:
    press.register()
    names = _signal_names()
    table: dict[str, list[str]] = {}
    for hook in press.HOOKS:
        table.setdefault(names[id(hook.signal)], []).append(_name(hook.receiver))
    connected = {name: _ours(getattr(signals, name)) for name in set(names.values())}
    assert {name: found for name, found in connected.items() if found} == table


def test_no_module_connects_a_signal_itself() -> None:
    """Only ``__init__.py`` touches Pelican's signals: every connection is the table's."""
    package = ROOT / "plugins" / "press"
    for path in sorted(package.rglob("*.py")):
        if path != package / "__init__.py":
            assert "signals." not in path.read_text(encoding="utf-8"), f"{path.name} connects a signal itself"


def test_the_readme_table_is_the_table() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(\w+)` \| `(press\.[\w.]+)` \| (.+) \|$", readme, re.M)
    names = _signal_names()
    assert rows == [(names[id(h.signal)], _name(h.receiver), h.why) for h in press.HOOKS]
    inner = re.findall(r"^\| `(press\.[\w.]+)` \| `(press\.[\w.]+)` \| (.+) \|$", readme, re.M)
    assert inner == [(_name(h.connect), _name(h.receiver), h.why) for h in press.INNER_HOOKS]
