"""Work spread over the machine's cores in forked processes.

Forked workers share the parent's memory copy-on-write (the whole site in
memory), which is what makes a pool cheap for per-page work. Where ``fork``
does not exist, or the work is too small to pay for starting processes, the
work runs in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
import traceback
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


def start_forked(fn: Callable[..., T], *args: Any) -> Callable[[], T]:
    """Start ``fn(*args)`` in a forked process, on another core while this
    one goes on; the function returned waits for it and returns its result,
    or raises if it failed. Without ``fork``, ``fn`` runs at once."""
    if not hasattr(os, "fork"):
        result = fn(*args)
        return lambda: result
    read, write = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # child: send the result or the error through the pipe
        os.close(read)
        status = 0
        try:
            data = pickle.dumps((True, fn(*args)))
        except BaseException:  # noqa: BLE001 - reported to the parent
            data, status = pickle.dumps((False, traceback.format_exc())), 1
        try:
            with os.fdopen(write, "wb") as pipe:
                pipe.write(data)
        finally:
            os._exit(status)
    os.close(write)
    outcome: list[tuple[bool, Any]] = []

    def wait() -> T:
        if not outcome:
            with os.fdopen(read, "rb") as pipe:
                data = pipe.read()
            os.waitpid(pid, 0)
            outcome.append(pickle.loads(data) if data else (False, "the process ended without a result"))
        ok, value = outcome[0]
        if not ok:
            raise RuntimeError(f"{getattr(fn, '__name__', fn)} failed in its process:\n{value}")
        return value

    return wait
