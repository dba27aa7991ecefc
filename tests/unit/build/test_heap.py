"""press.build.heap: the collector is paused while the site loads, the loaded site
frozen, and the process left as it was whatever the run does."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest

from press.build import heap


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    was_enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


class _Build:
    """A run inside the collector's pause, as press.build.each_run makes it."""

    def __init__(self, body: Any):
        self.body = body

    def run(self) -> None:
        with heap.paused_collector():
            self.body()


def _pelican(body: Any) -> _Build:
    return _Build(body)


def test_the_collector_is_paused_while_loading_and_on_while_rendering() -> None:
    seen: dict[str, Any] = {}

    def run() -> None:
        seen["loading"] = gc.isenabled()
        site = [[object()] for _ in range(1000)]  # what loading keeps
        heap.freeze_loaded_site([])
        seen["rendering"] = gc.isenabled()
        seen["frozen"] = gc.get_freeze_count()
        seen["site"] = site

    gc.enable()
    _pelican(run).run()
    assert seen["loading"] is False
    assert seen["rendering"] is True
    assert seen["frozen"] >= 2000
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0  # the next build can collect this one's site


def test_a_failed_run_leaves_the_collector_on_and_nothing_frozen() -> None:
    def run() -> None:
        heap.freeze_loaded_site([])
        raise RuntimeError("a template failed")

    gc.enable()
    with pytest.raises(RuntimeError):
        _pelican(run).run()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_a_run_that_fails_while_loading_turns_the_collector_on_again() -> None:
    def run() -> None:
        raise RuntimeError("a file could not be read")

    gc.enable()
    with pytest.raises(RuntimeError):
        _pelican(run).run()
    assert gc.isenabled()


def test_a_collector_turned_off_before_the_run_stays_off_and_nothing_is_frozen() -> None:
    seen: dict[str, Any] = {}

    def run() -> None:
        heap.freeze_loaded_site([])
        seen["frozen"] = gc.get_freeze_count()
        seen["enabled"] = gc.isenabled()

    gc.disable()
    _pelican(run).run()
    assert seen == {"frozen": 0, "enabled": False}
    assert not gc.isenabled()


def test_outside_a_wrapped_run_nothing_is_frozen() -> None:
    gc.enable()
    heap.freeze_loaded_site([])
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()
