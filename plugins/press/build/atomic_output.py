"""Atomic output: a failed or interrupted build never touches the live site.

Hooks:

* ``initialized`` — points Pelican's output at a sibling staging folder
  (``output.building``), so the writers and the StaticGenerator never write
  into the live folder. Pelican's settings are not changed, so ``--listen``
  keeps serving the live folder.
* ``get_generators`` — at the start of each run (autoreload runs many),
  makes the staging folder from the site before the last one, emptied of
  all but the files a plugin will check (below), so nothing of an earlier
  build or of an item that became a draft can survive into the new one.
  The emptying runs in a forked process while the content is read.
* ``all_generators_finalized`` — before any generator writes, waits for the
  staging folder to be ready.
* ``finalized`` — sent only when the whole run succeeded: first waits for
  the work other plugins handed to :func:`before_swap` (the search index),
  then swaps the staging folder in place of the live one with two renames
  on the same filesystem.

A build that raises (content errors, a template error) or is killed leaves
the previous output whole; the next run clears the staging folder.

The site that the swap replaces stays beside the live one as
``output.previous`` until the next run, which recycles it as its staging
folder instead of building 12,000 folders anew (at 6,000 documents,
creating them took 1–3 s and removing the old ones as long again). Until
then it is the site as it was before the last build. Recycling keeps only
the files that a plugin brings up to date itself (:func:`keep_when_recycling`:
``press.build.render``'s pages and feeds) and that are still the very file of the
live site, hard links to the same inode, so they show what the live site
shows; every other file goes, and so does every folder left empty. The
plugin then replaces or removes each kept file (see ``press.build.render``), and
nothing else can write through a link into the live site. A swap
interrupted between its two renames leaves no ``output`` but a whole
``output.previous``; the next run puts it back first.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import subprocess
import time
from collections.abc import Callable, Collection
from typing import Any


from ..log import logger
from ..parallel import start_forked
from ..settings import load
from ..state import BuildState, of, pelican_of

_keepers: list[Callable[[Any], Collection[str]]] = []


def _staging(final: str) -> str:
    return final.rstrip("/\\") + ".building"


def _previous(final: str) -> str:
    return final.rstrip("/\\") + ".previous"


def redirect(pelican: Any) -> None:
    if not load(pelican.settings).atomic_output:
        return
    final = os.path.abspath(pelican.output_path)
    of(pelican).final_output = final
    pelican.output_path = _staging(final)


def prepare(pelican: Any) -> None:
    state = of(pelican)
    state.swap_work = []  # left by an earlier run that failed
    state.written_before_swap = frozenset()
    final = state.final_output
    if final is None:
        return
    staging, previous = _staging(final), _previous(final)
    if os.path.isdir(previous) and not os.path.exists(final):
        os.rename(previous, final)  # a swap stopped between its renames
    _wait(pelican)
    with contextlib.suppress(RuntimeError):  # the last run's, if it stopped before waiting
        _wait_for_pruning(state)
    state.recycled = frozenset()
    # A failed build's staging folder, else the site before the last one.
    recycle = staging if os.path.isdir(staging) else previous
    # the plain path (PRESS_INCREMENTAL = False) keeps nothing of an earlier build
    reuse = os.path.isdir(final) and load(pelican.settings).incremental
    state.recycled_wanted = {keeper: frozenset(keeper(pelican)) for keeper in _keepers} if reuse else {}
    wanted = frozenset().union(*state.recycled_wanted.values())
    if os.path.isdir(previous) and (recycle != previous or not wanted):
        state.removing_previous = _remove_in_background(previous)
    if os.path.isdir(recycle) and wanted:
        if recycle != staging:
            os.rename(recycle, staging)
        # on the other core, while the content is read; no generator writes
        # before all_generators_finalized, where it is waited for
        state.pruning = (os.path.basename(recycle), time.perf_counter(), start_forked(_prune, staging, final, wanted))
        return
    # Nothing to keep: emptying a folder file by file would take longer
    # than making a new one while the old one is removed on another core.
    if os.path.isdir(staging):
        if state.removing_previous is None:
            state.removing_previous = _remove_in_background(staging)
        else:
            shutil.rmtree(staging)
    os.makedirs(staging)


def keep_when_recycling(keeper: Callable[[Any], Collection[str]]) -> None:
    """Register ``keeper(pelican)``: the output names (``ru/index.html``) that
    a plugin replaces or removes itself, each of them, in a recycled staging
    folder. Of those, the files that are still the live site's stay."""
    if keeper not in _keepers:
        _keepers.append(keeper)


def recycled(pelican: Any, keeper: Callable[[Any], Collection[str]] | None = None) -> frozenset[str]:
    """The output names this run's staging folder kept from an earlier build
    (of those ``keeper`` asked for, if given): each is a hard link to the
    live site's file of that name."""
    state = of(pelican)
    _wait_for_pruning(state)
    if keeper is None:
        return state.recycled
    return state.recycled & state.recycled_wanted.get(keeper, frozenset())


def forget_recycled(pelican: Any, names: Collection[str]) -> None:
    """``names`` were removed from the staging folder (see :func:`recycled`)."""
    of(pelican).recycled = recycled(pelican) - frozenset(names)


def pruned(generators: list[Any]) -> None:
    """Before any generator writes: the recycled staging folder is ready."""
    pelican = pelican_of(generators[0].settings) if generators else None
    if pelican is not None:
        _wait_for_pruning(of(pelican))


def _wait_for_pruning(state: BuildState) -> None:
    pending, state.pruning = state.pruning, None
    if pending is None:
        return
    source, started, wait = pending
    kept = frozenset(wait())
    state.recycled = kept
    # the time also keeps Pelican's log filter from dropping a repeated line
    logger.info("staging folder made from %s: %d files kept, in %.3f s", source, len(kept),
                time.perf_counter() - started)  # fmt: skip


def _prune(staging: str, live: str, wanted: Collection[str]) -> list[str]:
    """Empty a recycled staging folder of all but the ``wanted`` files that
    are the live site's own (same inode); remove the folders left empty.
    Returns the names kept."""
    kept: list[str] = []

    def visit(folder: str, prefix: str) -> bool:  # True when the folder is left empty
        empty = True
        with os.scandir(folder) as entries:
            for entry in entries:
                name = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    if visit(entry.path, name + "/"):
                        os.rmdir(entry.path)
                    else:
                        empty = False
                elif name in wanted and _same_file(entry, os.path.join(live, name)):
                    kept.append(name)
                    empty = False
                else:
                    os.unlink(entry.path)
        return empty

    visit(staging, "")
    return kept


def _same_file(entry: os.DirEntry[str], live_path: str) -> bool:
    try:
        mine, theirs = entry.stat(follow_symlinks=False), os.stat(live_path, follow_symlinks=False)
    except OSError:
        return False
    return stat.S_ISREG(mine.st_mode) and (mine.st_ino, mine.st_dev) == (theirs.st_ino, theirs.st_dev)


def _remove_in_background(folder: str) -> subprocess.Popen[bytes] | None:
    """Start removing ``folder`` in another process; None if that is not possible."""
    aside = f"{folder}.removing"
    shutil.rmtree(aside, ignore_errors=True)
    os.rename(folder, aside)  # the name is free for this run's swap at once
    try:
        return subprocess.Popen(["rm", "-rf", "--", aside], stdin=subprocess.DEVNULL)
    except OSError:  # no rm (Windows): remove it here
        shutil.rmtree(aside, ignore_errors=True)
        return None


def _wait(pelican: Any) -> None:
    state = of(pelican)
    removing, state.removing_previous = state.removing_previous, None
    if removing is not None:
        removing.wait()
        if removing.returncode != 0:
            shutil.rmtree(removing.args[-1], ignore_errors=True)


def swap(pelican: Any) -> None:
    state = of(pelican)
    pending, state.swap_work = state.swap_work, []
    state.written_before_swap = frozenset(name for _finish, writes, _last in pending for name in writes)
    steps = [finish for finish, _writes, last in pending if not last]
    _finish_all(steps, [finish for finish, _writes, last in pending if last])
    final = state.final_output
    if final is None:
        return
    staging, previous = _staging(final), _previous(final)
    _wait(pelican)
    shutil.rmtree(previous, ignore_errors=True)
    if os.path.exists(final):
        os.rename(final, previous)
    os.rename(staging, final)


def _finish_all(steps: list[Callable[[], None]], last: list[Callable[[], None]]) -> None:
    """Run ``steps``, then ``last``. If a step fails, the build fails with
    its error, but the ``last`` steps still run: they collect processes the
    others' work ran beside (the stamp's walk), which would otherwise be
    left unreaped in a long-lived ``make serve``."""
    try:
        for finish in steps:
            finish()
    except BaseException:
        for finish in last:
            with contextlib.suppress(Exception):
                finish()
        raise
    for finish in last:
        finish()
