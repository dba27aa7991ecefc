"""press.parallel: work in forked processes."""

from __future__ import annotations

import os

import pytest

from press.parallel import cores, map_forked, start_forked
from tests.conftest import child_processes


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


two_cores = pytest.mark.skipif(cores() < 2 or not hasattr(os, "fork"), reason="needs two cores and fork")


@two_cores
def test_map_forked_shares_the_tasks_between_processes_and_this_one() -> None:
    pids = map_forked(whose, list(range(40)), per_worker=10)
    assert len(set(pids)) == min(cores(), 4)
    assert pids[0::len(set(pids))] == [os.getpid()] * len(pids[0::len(set(pids))])  # this process took share 0


def fail_on(n: int) -> int:
    if n == 7:
        raise ValueError(f"task {n} failed")
    return n


@two_cores
def test_a_failure_in_any_process_fails_the_map_after_all_have_ended() -> None:
    before = set(child_processes())
    # task 7 goes to another process (7 % 2 == 1) on two cores, to this one otherwise
    with pytest.raises((RuntimeError, ValueError), match="task 7 failed"):
        map_forked(fail_on, list(range(20)), per_worker=10)
    assert set(child_processes()) == before  # no process is left behind, running or unreaped


@two_cores
def test_a_failure_in_this_process_still_waits_for_the_others() -> None:
    before = set(child_processes())
    with pytest.raises(ValueError, match="task 7 failed"):
        map_forked(fail_on, [7, *range(8, 20)], per_worker=6)  # task 7 is share 0's first
    assert set(child_processes()) == before
