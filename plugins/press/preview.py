"""Live reload for the preview (``make serve``): open pages refresh themselves.

Hook: ``finalized`` — in a preview build only (``PRESS_PREVIEW``), writes
``preview-build.txt`` with a new build id into the finished site, before
``press.atomic_output`` swaps it in. ``theme/static/js/preview.js``, loaded
only by preview pages, polls that file once a second and reloads the page
when the id changes. Pelican's ``--autoreload`` rebuilds on a saved file but
leaves the browser showing the old page; published builds never carry any
of this.
"""

from __future__ import annotations

import os
import time
from typing import Any

from pelican import signals

from ._settings import load

STAMP = "preview-build.txt"


def write_stamp(pelican: Any) -> None:
    if not load(pelican.settings).preview:
        return
    with open(os.path.join(pelican.output_path, STAMP), "w", encoding="ascii") as handle:
        handle.write(f"{time.time_ns()}\n")


def register() -> None:
    signals.finalized.connect(write_stamp)
