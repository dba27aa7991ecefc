"""Build summary: what a build published, what it held back, how long it took.

Hooks, in the order ``Pelican.run()`` calls them:

* around each run (:func:`closing`, from :mod:`press.build.each_run`):
  Pelican ends each run with a line of its own, in English («Done: Processed 8 articles, 0 drafts, …», counting held
  items as published); the summary says all of it in the press officer's
  language, so that line is left out (:class:`_PelicansLastLine`) between
  the summary and the end of the run.
* ``get_generators`` — at the start of each run (autoreload runs many):
  starts the clock, starts counting the warnings logged during the run, and
  adds a probe that Pelican creates with the real generators, so it receives
  the run's shared context (Pelican gives the context only to generators; the
  probe generates nothing).
* ``finalized`` — sent only when the whole run succeeded: prints, in the
  press officer's language (:mod:`press.messages`), the published items per
  language and section, the held items with their release times, the next
  embargo lift, the number of warnings and the seconds taken. It reads the
  content index from the context key ``PRESS_INDEX`` (:mod:`press.site.reader`).
  It also leaves the list of held items (:func:`held_record_path`, in the
  cache folder) that ``make deploy`` checks the site against.

Printed with Pelican's console, which shows without ``-v`` (the log shows
only warnings and errors by default). A failed build prints no summary: its
errors are the last thing in the log.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pelican.log import LimitFilter, console
from rich.console import RenderableType
from rich.text import Text

from ..log import voice
from .report import embargo_line, held_lines, held_record, held_record_path, section_table
from ..settings import SECTIONS
from ..state import of
from ..site.reader import CONTEXT_KEY
from ..content.loader import SiteIndex



class _WarningCounter(logging.Handler):
    """Counts the warnings and errors logged while a build runs."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass
class _Run:
    started: float
    counter: _WarningCounter
    context: dict[str, Any] = field(default_factory=dict)
    hook: _PelicansLastLine | None = None


class _PelicansLastLine:
    """A render hook of Pelican's console that drops Pelican's own closing line."""

    def process_renderables(self, renderables: list[RenderableType]) -> list[RenderableType]:
        return [r for r in renderables if not (isinstance(r, Text) and r.plain.startswith("Done: Processed "))]


class _ContextProbe:
    """Created by Pelican alongside the generators; hands the shared context to the run."""

    run: _Run

    def __init__(self, context: dict[str, Any], *args: Any, **kwargs: Any) -> None:
        self.context = context
        self.run.context = context


def start(pelican: Any) -> type:
    """Start the clock and the warning count; return the probe for this run."""
    # Pelican's log filter says a warning once per process and drops it
    # after that; make serve builds many times in one process, and each
    # build must say (and count) its own warnings.
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _WarningCounter)]:
        root.removeHandler(handler)  # left by an earlier run that failed
    run = _Run(started=time.monotonic(), counter=_WarningCounter())
    root.addHandler(run.counter)
    of(pelican).summary_run = run
    return type("PressSummaryProbe", (_ContextProbe,), {"run": run})


def finish(pelican: Any) -> None:
    run: _Run | None = of(pelican).summary_run
    if run is None:
        return
    logging.getLogger().removeHandler(run.counter)
    index = run.context.get(CONTEXT_KEY)
    if index is None:
        return
    seconds = time.monotonic() - run.started
    _write_held_record(pelican, index)
    for line in summary_lines(index, run.counter.count, seconds):
        console.print(line, markup=False, highlight=False, emoji=False, soft_wrap=True)
    run.hook = _PelicansLastLine()
    console.push_render_hook(run.hook)


def _write_held_record(pelican: Any, index: SiteIndex) -> None:
    live = of(pelican).final_output or pelican.output_path
    path = held_record_path(pelican.settings.get("CACHE_PATH") or "cache", live)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".new", "w", encoding="utf-8") as handle:
        json.dump(held_record(index), handle, ensure_ascii=False, indent=1)
    os.replace(path + ".new", path)


@contextlib.contextmanager
def closing(pelican: Any) -> Iterator[None]:
    """Take the summary's render hook off the console when the run ends, however it ends."""
    try:
        yield
    finally:
        state: _Run | None = of(pelican).summary_run
        if state is not None and state.hook is not None:
            console.pop_render_hook()  # pushed last: nothing shows between the summary and here
            state.hook = None


def summary_lines(index: SiteIndex, warnings: int, seconds: float) -> list[str]:
    """The summary as printed (also what the tests read)."""
    press = index.settings
    say = voice()
    counts: dict[str, dict[str, int]] = {row: defaultdict(int) for row in (*SECTIONS, "pages")}
    published = 0
    for bundle in index.bundles.values():
        if bundle.section not in counts:
            continue
        for lang, entry in bundle.entries.items():
            if not entry.held or press.preview:
                counts[bundle.section][lang] += 1
                published += bundle.kind == "item"
    lines = [say.plural("Pressroom: {n} item page published (all languages):",
                        "Pressroom: {n} item pages published (all languages):", published)]  # fmt: skip
    if press.preview:
        lines.append(say("Preview build: drafts and embargoed items are included, under a banner. Do not publish it."))
    lines += section_table(say, counts, press.languages)
    lines += held_lines(index, say)
    embargo = embargo_line(index, say)
    if embargo:
        lines.append(embargo)
    if warnings:
        lines.append(say.plural("{n} warning; see the log above, or run make check.",
                                "{n} warnings; see the log above, or run make check.", warnings))  # fmt: skip
    else:
        lines.append(say("No warnings."))
    lines.append(say("Done in {seconds:.1f} s.", seconds=seconds))
    return lines
