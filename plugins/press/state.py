"""What the plugins of one Pelican object share from one signal to the next.

Pelican hands each receiver the Pelican object (or a generator) and nothing
else to keep a build's facts in. They used to live as fifteen ``_press_*``
attributes on the Pelican object, some read by bare string in three
modules; now they are the typed fields of one :class:`BuildState`, which
:func:`of` gives every module. A receiver given a generator finds the
Pelican object with :func:`pelican_of` (generators share its settings).

``make serve`` keeps one Pelican object, so one state, for all its builds.
Each field says when it is set and when it is let go: most belong to one
run and are reset by the module that owns them when the next run starts;
``last_jobs`` (the last preview build, for the quick render after a save)
and ``removing_previous`` (a removal the next run waits for) are meant to
outlive their run.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any


@dataclass(eq=False)
class BuildState:
    """One Pelican object's shared facts (see the module's docstring)."""

    # press.build.atomic_output: the live output folder (pelican.output_path is
    # the staging one); set once, at ``initialized``
    final_output: str | None = None
    #: the removal of ``output.previous`` under way in another process; waited
    #: for by the swap or by the next run
    removing_previous: Any = None
    #: work to finish before the swap (:meth:`before_swap`): (finish, names
    #: it writes, last); run and emptied by press.build.atomic_output's swap
    swap_work: list[tuple[Callable[[], None], tuple[str, ...], bool]] = field(default_factory=list)
    #: the top-level names the last swap's work wrote
    written_before_swap: frozenset[str] = frozenset()
    #: the pruning of a recycled staging folder: (what, since when, its wait)
    pruning: tuple[str, float, Callable[[], list[str]]] | None = None
    #: the names the recycled staging folder kept (links to the live files)
    recycled: frozenset[str] = frozenset()
    #: what each keeper asked the recycled staging folder to keep
    recycled_wanted: dict[Any, frozenset[str]] = field(default_factory=dict)

    # press.build.render: this run's writer and what it wrote; read by the
    # outputs made from the finished pages (search, sitemaps)
    writer: Any = None
    #: every page is the live site's, and only those
    site_unchanged: bool = False
    #: the key of each page written or reused, by output name (pages
    #: without a key are absent: what is derived from them is derived again)
    page_keys: dict[str, str] | None = None
    #: every file the writer wrote or reused; None before the pages are written
    outputs: list[str] | None = None
    #: the jobs of the last preview build (press.build.preview renders a saved item from them)
    last_jobs: list[Any] | None = None

    # press.outputs.search: Pagefind started on the item pages, and the early guess
    search_started: Any = None
    search_guess: Any = None

    # press.outputs.theme_assets: this run's theme/assets/, by source name:
    # (published name, bytes); read at ``get_generators``
    theme_assets: dict[str, tuple[str, bytes]] | None = None

    # press.build.uptodate: this run's scan of the inputs (None: no stamp is written)
    uptodate: dict[str, Any] | None = None
    # press.build.preview: the sources the last preview build read
    preview_sources: dict[str, Any] | None = None
    # press.build.summary: this run's clock and counts
    summary_run: Any = None

    def before_swap(self, finish: Callable[[], None], writes: Collection[str] = (),
                    first: bool = False, last: bool = False) -> None:
        """Run ``finish`` before the new site goes live: for work that a plugin
        started in other processes (Pagefind) and that must be in the site. An
        exception from it fails the build, like any other.

        ``writes``: the top-level names of the site that ``finish`` writes
        (:attr:`written_before_swap` tells them after the swap). ``first``:
        run before the others, which may wait for their processes meanwhile;
        ``last``: after them, even when one of them fails (to collect what a
        ``first`` one started)."""
        self.swap_work.insert(0 if first else len(self.swap_work), (finish, tuple(writes), last))

    def will_swap(self) -> bool:
        """Whether this run builds into a staging folder that its end swaps in."""
        return self.final_output is not None


def of(pelican: Any) -> BuildState:
    """The state of ``pelican``, made on first use."""
    state: BuildState | None = pelican.__dict__.get("press_state")
    if state is None:
        state = pelican.press_state = BuildState()
        _pelicans[id(pelican.settings)] = pelican
    return state


def pelican_of(settings: Any) -> Any | None:
    """The Pelican object whose settings a generator shares, once its state was made."""
    return _pelicans.get(id(settings))


#: Each Pelican object with a state, by the id of its settings, while it lives.
_pelicans: weakref.WeakValueDictionary[int, Any] = weakref.WeakValueDictionary()
