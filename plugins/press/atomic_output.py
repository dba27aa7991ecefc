"""Atomic output: a failed or interrupted build never touches the live site.

Hooks:

* ``initialized`` — points Pelican's output at a sibling staging folder
  (``output.building``), so the writers and the StaticGenerator never write
  into the live folder. Pelican's settings are not changed, so ``--listen``
  keeps serving the live folder.
* ``get_generators`` — at the start of each run (autoreload runs many),
  empties the staging folder, so nothing of an earlier build or of an item
  that became a draft can survive into the new one.
* ``finalized`` — sent only when the whole run succeeded: swaps the staging
  folder in place of the live one with two renames on the same filesystem.

A build that raises (content errors, a template error) or is killed leaves
the previous output whole; the next run clears the staging folder.
"""

from __future__ import annotations

import os
import shutil
from typing import Any

from pelican import signals

from ._settings import load

_FINAL = "_press_final_output"


def _staging(final: str) -> str:
    return final.rstrip("/\\") + ".building"


def redirect(pelican: Any) -> None:
    if not load(pelican.settings).atomic_output:
        return
    final = os.path.abspath(pelican.output_path)
    setattr(pelican, _FINAL, final)
    pelican.output_path = _staging(final)


def prepare(pelican: Any) -> None:
    final = getattr(pelican, _FINAL, None)
    if final is None:
        return
    staging = _staging(final)
    shutil.rmtree(staging, ignore_errors=True)
    os.makedirs(staging)


def swap(pelican: Any) -> None:
    final = getattr(pelican, _FINAL, None)
    if final is None:
        return
    staging = _staging(final)
    previous = final.rstrip("/\\") + ".previous"
    shutil.rmtree(previous, ignore_errors=True)
    if os.path.exists(final):
        os.rename(final, previous)
    os.rename(staging, final)
    shutil.rmtree(previous, ignore_errors=True)


def register() -> None:
    signals.initialized.connect(redirect)
    signals.get_generators.connect(prepare)
    signals.finalized.connect(swap)

