"""The preview (``make serve``): open pages reload themselves, and a saved item shows at once.

Hooks:

* ``finalized`` — in a preview build only (``PRESS_PREVIEW``), copies the
  preview's script (``theme/preview-static/``, into the theme's static
  folder: published builds never carry it) and writes ``preview-build.txt``
  with a new build id into the finished site, before ``press.atomic_output``
  swaps it in. ``preview.js``, loaded only by preview pages, polls that
  file twice a second and reloads the page when the id changes. Pelican's
  ``--autoreload`` rebuilds on a saved file but leaves the browser showing
  the old page.
* ``initialized`` — in a preview build, wraps ``run`` (``--autoreload`` calls
  it after each save) with a first look: when the only change since the last
  build is the text of existing items, their pages are rendered again at
  once from the last build's site, which this long-running process still
  holds (:func:`press.render.content_jobs`), into the live preview folder,
  and the build id changes. The open page of the saved item reloads within
  a second, at any size of site, instead of after the whole build, and so
  do the listing pages that show its card (a new title or summary). The
  full build follows straight away and replaces those pages, and the
  feeds and «Related materials» that show the item.

A build that fails with content errors ends only itself.
:class:`press._log.ContentError` is a ``SystemExit``, so that ``make html``
prints the message alone and exits 1; Pelican's autoreload loop catches
exceptions but not that, so it would end the loop's process and leave
``pelican -lr`` waiting on a pipe for good, serving the old preview and
never building again. Inside that loop the error is printed and the run
ends normally, so the next save builds; anywhere else it goes on as raised.
The live preview stays as the last good build left it.

The first look is best effort: a new, deleted or renamed file, a bundle
with a problem, or any error skips it, and the full build reports what it
finds as usual. Only preview builds have it.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from typing import Any

import pelican as pelican_package
from pelican import signals
from pelican.log import console

from . import render
from ._log import ContentError, logger
from ._settings import load
from .content import CONTEXT_KEY, PressReader
from .loader import reload_bundle

STAMP = "preview-build.txt"
#: ``theme/preview-static/``: the preview's script, copied into the theme's
#: static folder of preview builds only.
ASSETS = "preview-static"
_SOURCES = "_press_preview_sources"


def write_stamp(pelican: Any) -> None:
    if not load(pelican.settings).preview:
        return
    _copy_assets(pelican.theme, os.path.join(pelican.output_path, pelican.settings["THEME_STATIC_DIR"]))
    _stamp(pelican.output_path)


def _copy_assets(theme: str, static: str) -> None:
    source = os.path.join(theme, ASSETS)
    if os.path.isdir(source):
        shutil.copytree(source, static, dirs_exist_ok=True)


def _stamp(folder: str) -> None:
    with open(os.path.join(folder, STAMP), "w", encoding="ascii") as handle:
        handle.write(f"{time.time_ns()}\n")


def wrap_run(pelican: Any) -> None:
    if not load(pelican.settings).preview:
        return
    run = pelican.run

    def run_after_first_look() -> None:
        sources = _sources(pelican.settings["PATH"])
        before = getattr(pelican, _SOURCES, None)
        setattr(pelican, _SOURCES, sources)  # what this run's full build reads
        if before is not None:
            try:
                first_look(pelican, before, sources)
            except (Exception, ContentError):  # noqa: BLE001 - a first look never stops the build
                logger.debug("preview: no first look", exc_info=True)
        render.forget_jobs(pelican)
        try:
            run()
        except ContentError as error:
            if not _in_autoreload():
                raise
            # what `make html` prints, as it prints it; the next save builds again
            console.print(str(error), markup=False, highlight=False, emoji=False, soft_wrap=True)

    pelican.run = run_after_first_look


def _in_autoreload() -> bool:
    """Whether this run was called by Pelican's ``--autoreload`` loop (``make serve``)."""
    loop = getattr(getattr(pelican_package, "autoreload", None), "__code__", None)
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code is loop:
            return True
        frame = frame.f_back
    return False


def _sources(root: str) -> dict[str, tuple[int, int]]:
    """Every Markdown file under ``root``: its size and mtime, by path."""
    found = {}
    for folder, _dirs, files in os.walk(root, followlinks=True):
        for name in files:
            if name.endswith(".md"):
                path = os.path.join(folder, name)
                stat = os.stat(path)
                found[os.path.relpath(path, root).replace(os.sep, "/")] = (stat.st_size, stat.st_mtime_ns)
    return found


def first_look(pelican: Any, before: dict[str, tuple[int, int]], now: dict[str, tuple[int, int]]) -> int:
    """Render the pages of the items whose files changed into the live
    preview, from the last build's site; return the number of pages."""
    live = getattr(pelican, "_press_final_output", None)
    jobs = render.content_jobs(pelican)
    if set(before) != set(now) or not live or not jobs:
        return 0
    bundles = sorted({os.path.dirname(path) for path in now if now[path] != before[path]})
    index = jobs[0].args[2].get(CONTEXT_KEY)
    if not bundles or index is None:
        return 0
    started = time.monotonic()
    reader = PressReader(pelican.settings)
    rendered = 0
    replaced: dict[int, Any] = {}  # id of the item in the last build → read again
    for key in bundles:
        loaded = reload_bundle(index, key)
        if loaded is None:
            continue
        reader.index = loaded[0]
        for job in jobs:
            kind = "article" if "article" in job.kwargs else "page"
            old = job.kwargs[kind]
            if getattr(old, "bundle", None) != key:
                continue
            new = _read_again(reader, old)
            if new is None:
                continue
            again = render.Job(job.args, {**job.kwargs, kind: new}, outputs=list(job.outputs))
            render.render_into(pelican, again, live)
            rendered += 1
            replaced[id(old)] = new
    for job in render.listing_pages(pelican) if replaced else []:
        if any(id(item) in replaced for item in job.page_items):
            render.render_into(pelican, render.with_items_replaced(job, replaced), live)
            rendered += 1
    if rendered:
        _stamp(live)
        logger.info("preview: %d page(s) showing the saved item updated in %.2f s; the full build follows",
                    rendered, time.monotonic() - started)  # fmt: skip
    return rendered


def _read_again(reader: PressReader, old: Any) -> Any:
    """The item ``old`` read from its file again, with what other plugins
    attached to it in the last build (translations, related, neighbours)."""
    html, meta = reader.read(old.source_path)
    if meta.get("status") == "skip":
        return None
    new = type(old)(content=html, metadata=meta, settings=old.settings, source_path=old.source_path,
                    context=old._context)  # fmt: skip
    for name, value in vars(old).items():
        if name not in vars(new):
            setattr(new, name, value)
    new.override_url = old.url
    return new


def register() -> None:
    signals.initialized.connect(wrap_run)
    signals.finalized.connect(write_stamp)
