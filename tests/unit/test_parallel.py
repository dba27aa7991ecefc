"""press.parallel: work in forked processes."""

from __future__ import annotations

import os

import pytest

from press.parallel import map_forked, start_forked


def square(n: int) -> int:
    return n * n


def whose(_: object) -> int:
    return os.getpid()


def fail(message: str) -> None:
    raise ValueError(message)


def test_map_forked_keeps_the_order_of_the_tasks() -> None:
    assert map_forked(square, list(range(500)), per_worker=100) == [n * n for n in range(500)]


def test_start_forked_runs_elsewhere_and_gives_its_result_once_waited_for() -> None:
    wait = start_forked(whose, None)
    child = wait()
    assert child != os.getpid()
    assert wait() == child  # waiting again gives the same result
    assert start_forked(sorted, {"b", "a"})() == ["a", "b"]


def test_start_forked_reports_the_error_of_the_other_process() -> None:
    wait = start_forked(fail, "no such folder")
    with pytest.raises(RuntimeError, match="ValueError: no such folder"):
        wait()
