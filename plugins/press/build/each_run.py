"""What happens around each ``Pelican.run()``: the one place it is wrapped.

Pelican has no signal that can end a run before it reads the content (the
up-to-date check), nor one that is sent however a run ends (the summary's
console hook, the garbage collector, a preview's error page), and
``make serve`` calls ``run()`` again after every save. So ``run`` is wrapped
once, at ``initialized``, and the steps around it read here in order:

1. ``press.build.heap`` — the collector is paused for the run (outermost,
   so it sees every other step's work) and left as it was, however it ends;
2. ``press.build.uptodate`` — the run returns at once when no input changed
   since the live site's stamp (on the plain path, the stamp is removed);
3. ``press.build.summary`` — Pelican's English closing line is left out
   until the run ends, however it ends;
4. ``press.build.preview`` — in a preview, the items saved since the last
   build are shown at once, and a failed build shows its errors on the open
   page instead of ending ``make serve``;
5. Pelican's own ``run()``.
"""

from __future__ import annotations

from typing import Any

from . import heap
from . import preview
from . import summary
from . import uptodate


def wrap_run(pelican: Any) -> None:
    run = pelican.run

    def press_run() -> None:
        with heap.paused_collector():
            if uptodate.unchanged(pelican):
                return
            with summary.closing(pelican):
                preview.run(pelican, run)

    pelican.run = press_run
