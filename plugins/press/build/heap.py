"""Python's cyclic garbage collector during a build.

Loading the site allocates a few million objects that live until the build
ends (the site index, 6,000 articles at 2,000 items, their contexts), and
almost no cyclic garbage: about a thousand unreachable objects at that size.
Yet the collector runs its full collection on all of them whenever enough new
objects pile up; after one edit at 6,000 documents that was 0.4–0.6 s of the
build, spent before Pagefind could start. The rendering that follows makes
short-lived cyclic garbage (Jinja contexts), so the collector is needed there.

Measured alone (``bench/run.py --heap-only``, docs/performance.md, 6,000
documents): a cold build 0.85 s faster (1.7 s of CPU), one edit 0.11 s
(0.4 s of CPU), the same peak memory.

Hooks:

* around each run (:mod:`press.build.each_run`, outermost, so it sees every
  other step's work): the collector is paused for the run
  (:func:`paused_collector`), and whatever happens, the run ends with it as
  it was before and nothing frozen. ``make serve``
  builds again and again in one process, and the site of the last build
  must be collectable once the next one replaces it.
* ``all_generators_finalized`` (last) — the site is loaded: it is frozen
  (``gc.freeze()``, moved out of the generations the collector walks) and
  the collector runs again. The pages' workers are forked after this, so
  they share the frozen site without their collections touching it, which
  also keeps its memory pages shared copy-on-write (the use the Python
  documentation gives for ``gc.freeze``).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from typing import Any



class _Run:
    """The collector's state in the run under way. The collector is the
    process's, not a build's, and a process runs one build at a time, so
    this is the module's, not a :class:`press.state.BuildState` field."""

    paused = False  # by this run: the collector was on when it started
    frozen = False


@contextlib.contextmanager
def paused_collector() -> Iterator[None]:
    """The collector off for a run, until :func:`freeze_loaded_site`."""
    _Run.paused, _Run.frozen = gc.isenabled(), False
    gc.disable()
    try:
        yield
    finally:
        if _Run.frozen:
            gc.unfreeze()
        if _Run.paused:
            gc.enable()
        _Run.paused = _Run.frozen = False


def freeze_loaded_site(_generators: list[Any]) -> None:
    """Freeze what loading made, then let the collector run for the rendering."""
    if not _Run.paused or _Run.frozen:
        return  # the collector was off before the run: it stays off
    gc.freeze()
    _Run.frozen = True
    gc.enable()
