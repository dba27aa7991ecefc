"""press.build.atomic_output: the work finished before the swap."""

from __future__ import annotations

import os

import pytest

from press.build import atomic_output
from press.parallel import start_forked
from press.state import of


class Run:
    """What the swap needs of a Pelican object: its settings (no staging folder)."""

    settings: dict[str, object] = {}


def children_of_this_process() -> set[int]:
    found: set[int] = set()
    for task in os.listdir("/proc/self/task"):
        with open(f"/proc/self/task/{task}/children", encoding="ascii") as handle:
            found |= {int(pid) for pid in handle.read().split()}
    return found


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs Linux's /proc")
def test_a_failed_step_still_lets_the_last_steps_reap_their_processes() -> None:
    pelican = Run()  # no staging folder: nothing to swap
    before = children_of_this_process()
    walked = start_forked(sum, [1, 2, 3])  # like the stamp's walk, started first
    ran: list[str] = []

    def index() -> None:
        ran.append("index")
        raise RuntimeError("Pagefind failed")

    of(pelican).before_swap(lambda: ran.append(f"walk {walked()}"), last=True)
    of(pelican).before_swap(index)
    of(pelican).before_swap(lambda: ran.append("merge"))
    with pytest.raises(RuntimeError, match="Pagefind failed"):
        atomic_output.swap(pelican)
    # the build fails with the step's error, and the forked walk is collected
    assert ran == ["index", "walk 6"]
    assert children_of_this_process() == before


def test_steps_run_in_order_and_the_last_ones_after() -> None:
    pelican = Run()
    ran: list[str] = []
    of(pelican).before_swap(lambda: ran.append("collect"), last=True)
    of(pelican).before_swap(lambda: ran.append("index"))
    of(pelican).before_swap(lambda: ran.append("start walk"), first=True)
    atomic_output.swap(pelican)
    assert ran == ["start walk", "index", "collect"]
