"""Work spread over the machine's cores in forked processes: the one way
the build runs work on all cores.

Forked workers share the parent's memory copy-on-write (the whole site in
memory), which is what makes them cheap for per-page work: nothing is sent
to a worker, only its results come back. Where ``fork`` does not exist, or
the work is too small to pay for starting processes, the work runs in this
process.

* :func:`map_forked` — ``[fn(t) for t in tasks]``, the tasks dealt out to
  one process per core (this one takes a share too);
* :func:`start_forked` — one call on another core while this one goes on.

(Photos are encoded by ``press.outputs.imaging``'s process pool instead:
it reports each photo as it is done, and spawns its workers where there is
no ``fork``.)
"""

from __future__ import annotations

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
    """``[fn(t) for t in tasks]``, in forked processes when there are at least
    ``per_worker`` tasks for two. Task ``i`` goes to process ``i % workers``
    (neighbouring tasks, often alike in size, are spread). The results come
    back pickled, in the order of ``tasks``. A failure in any process fails
    the call, once every process has ended."""
    workers = workers_for(len(tasks), per_worker)
    if workers < 2:
        return [fn(task) for task in tasks]

    def share(first: int) -> list[T]:
        return [fn(task) for task in tasks[first::workers]]

    waits = [start_forked(share, first) for first in range(1, workers)]
    results: list[Any] = [None] * len(tasks)
    failure: BaseException | None = None
    try:
        results[0::workers] = share(0)
    except BaseException as exc:  # noqa: BLE001 - raised once the others have ended
        failure = exc
    for first, wait in enumerate(waits, start=1):
        try:
            results[first::workers] = wait()
        except RuntimeError as exc:
            failure = failure or exc
    if failure is not None:
        raise failure
    return results


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
