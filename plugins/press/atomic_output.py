"""Atomic output: a failed or interrupted build never touches the live site.

Hooks:

* ``initialized`` — points Pelican's output at a sibling staging folder
  (``output.building``), so the writers and the StaticGenerator never write
  into the live folder. Pelican's settings are not changed, so ``--listen``
  keeps serving the live folder.
* ``get_generators`` — at the start of each run (autoreload runs many),
  empties the staging folder, so nothing of an earlier build or of an item
  that became a draft can survive into the new one, and starts removing
  the site before the last one (below).
* ``finalized`` — sent only when the whole run succeeded: first waits for
  the work other plugins handed to :func:`before_swap` (the search index),
  then swaps the staging folder in place of the live one with two renames
  on the same filesystem.

A build that raises (content errors, a template error) or is killed leaves
the previous output whole; the next run clears the staging folder.

The site that the swap replaces stays beside the live one as
``output.previous`` until the next run: removing 12,000 folders takes two
seconds at 6,000 documents, and the next run removes them with ``rm -rf``
in a separate process, on another core, while it reads the content tree.
Until then it is the site as it was before the last build. A swap
interrupted between its two renames leaves no ``output`` but a whole
``output.previous``; the next run puts it back first.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from typing import Any

from pelican import signals

from ._settings import load

_FINAL = "_press_final_output"
_REMOVING = "_press_removing_previous"
_BEFORE_SWAP = "_press_before_swap"
_registered = False


def _staging(final: str) -> str:
    return final.rstrip("/\\") + ".building"


def _previous(final: str) -> str:
    return final.rstrip("/\\") + ".previous"


def redirect(pelican: Any) -> None:
    if not load(pelican.settings).atomic_output:
        return
    final = os.path.abspath(pelican.output_path)
    setattr(pelican, _FINAL, final)
    pelican.output_path = _staging(final)


def prepare(pelican: Any) -> None:
    setattr(pelican, _BEFORE_SWAP, None)  # left by an earlier run that failed
    final = getattr(pelican, _FINAL, None)
    if final is None:
        return
    staging, previous = _staging(final), _previous(final)
    if os.path.isdir(previous) and not os.path.exists(final):
        os.rename(previous, final)  # a swap stopped between its renames
    _wait(pelican)
    if os.path.isdir(previous):
        setattr(pelican, _REMOVING, _remove_in_background(previous))
    shutil.rmtree(staging, ignore_errors=True)
    os.makedirs(staging)


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
    removing = getattr(pelican, _REMOVING, None)
    if removing is not None:
        removing.wait()
        setattr(pelican, _REMOVING, None)
        if removing.returncode != 0:
            shutil.rmtree(removing.args[-1], ignore_errors=True)


def before_swap(pelican: Any, finish: Callable[[], None]) -> None:
    """Run ``finish`` before the new site goes live: for work that a plugin
    started in other processes (Pagefind) and that must be in the site. An
    exception from it fails the build, like any other. Without this plugin
    it runs at once."""
    if not _registered:
        finish()
        return
    pending = getattr(pelican, _BEFORE_SWAP, None) or []
    pending.append(finish)
    setattr(pelican, _BEFORE_SWAP, pending)


def swap(pelican: Any) -> None:
    pending = getattr(pelican, _BEFORE_SWAP, None) or []
    setattr(pelican, _BEFORE_SWAP, None)
    for finish in pending:
        finish()
    final = getattr(pelican, _FINAL, None)
    if final is None:
        return
    staging, previous = _staging(final), _previous(final)
    _wait(pelican)
    shutil.rmtree(previous, ignore_errors=True)
    if os.path.exists(final):
        os.rename(final, previous)
    os.rename(staging, final)


def register() -> None:
    global _registered
    _registered = True
    signals.initialized.connect(redirect)
    signals.get_generators.connect(prepare)
    signals.finalized.connect(swap)

