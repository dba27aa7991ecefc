"""Work spread over the machine's cores in forked processes.

Forked workers share the parent's memory copy-on-write (the whole site in
memory), which is what makes a pool cheap for per-page work. Where ``fork``
does not exist, or the work is too small to pay for starting processes, the
work runs in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")


def cores() -> int:
    """The cores this process may run on (its CPU affinity, not the machine's count)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def workers_for(count: int, per_worker: int) -> int:
    """How many processes ``count`` tasks are worth, at least ``per_worker`` each."""
    if not hasattr(os, "fork"):
        return 1
    return max(1, min(cores(), count // per_worker))


def map_forked(fn: Callable[[Any], T], tasks: Sequence[Any], per_worker: int = 200) -> list[T]:
    """``[fn(t) for t in tasks]``, in forked processes when it is worth it."""
    workers = workers_for(len(tasks), per_worker)
    if workers < 2:
        return [fn(task) for task in tasks]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return pool.map(fn, tasks, chunksize=max(1, min(64, len(tasks) // (workers * 4))))
