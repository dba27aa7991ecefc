"""The preview (``make serve``): open pages reload themselves, a saved item
shows at once, and a failed build says why on the open page.

Hooks:

* ``finalized`` — in a preview build only (``PRESS_PREVIEW``), copies the
  preview's script and styles (``theme/preview-static/``, into the theme's
  static folder: published builds never carry them) and writes
  ``preview-build.txt`` with a new build id into the finished site, before
  ``press.build.atomic_output`` swaps it in. ``preview.js``, loaded only by
  preview pages, polls that file twice a second and reloads the page when
  the id changes. Pelican's ``--autoreload`` rebuilds on a saved file but
  leaves the browser showing the old page.
* around each run (:func:`run`, from :mod:`press.build.each_run`;
  ``--autoreload`` runs after each save), in a preview build, a first look: when the only change since the last
  build is the text of existing items, their pages are rendered again at
  once from the last build's site, which this long-running process still
  holds (:func:`press.build.render.content_jobs`), into the live preview folder,
  and the build id changes. The open page of the saved item reloads within
  a second, at any size of site, instead of after the whole build, and so
  do the listing pages that show its card (a new title or summary). The
  full build follows straight away and replaces those pages, and the
  feeds and «Related materials» that show the item.

A build that fails ends only itself. :class:`press.log.ContentError` is a
``SystemExit``, so that ``make html`` prints the message alone and exits 1;
Pelican's autoreload loop catches exceptions but not that, so it would end
the loop's process and leave ``pelican -lr`` waiting on a pipe for good,
serving the old preview and never building again. Inside that loop the
error is printed and the run ends normally, so the next save builds;
anywhere else it goes on as raised. The live preview stays as the last
good build left it, and the problems go beside its stamp,
``preview-problems.json`` (the press officer's lines, ``file:line: field:
message``, in the language of ``make check``; for any other exception, its
type and message), and the stamp gets a second word, the failure's id. The
open pages then show them over the page (``preview.js``, in a dialog whose
heading comes from the theme's catalogs in the page's language, from a
``<template>`` of ``base.html``). The next build that succeeds swaps in a
site without them, and the pages reload. When no preview was built yet
(the first build of ``make serve`` failed), a page at the root lists them.

The first look is best effort: a new, deleted or renamed file, a bundle
with a problem, or any error skips it, and the full build reports what it
finds as usual. Only preview builds have any of this.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import sys
import time
from collections.abc import Callable
from typing import Any

import pelican as pelican_package
from pelican.log import console

from . import render
from ..catalogs import Catalogs, N_
from ..log import ContentError, logger
from ..messages import SOURCE_LANG, messages, messages_lang
from ..settings import load
from ..state import of
from ..site.reader import CONTEXT_KEY, PressReader
from ..content.loader import reload_bundle

STAMP = "preview-build.txt"
#: Beside the stamp after a failed build: what open pages show over the page.
PROBLEMS = "preview-problems.json"
#: ``theme/preview-static/``: the preview's script and styles, copied into
#: the theme's static folder of preview builds only.
ASSETS = "preview-static"
#: The build id of a live folder that no build made (the page of a failed first build).
NO_BUILD = "0"
HEADING = N_("The site was not rebuilt: fix these errors and save")


def write_stamp(pelican: Any) -> None:
    if not load(pelican.settings).preview:
        return
    _copy_assets(pelican.theme, os.path.join(pelican.output_path, pelican.settings["THEME_STATIC_DIR"]))
    _stamp(pelican.output_path)


def _copy_assets(theme: str, static: str) -> None:
    source = os.path.join(theme, ASSETS)
    if os.path.isdir(source):
        shutil.copytree(source, static, dirs_exist_ok=True)


def _stamp(folder: str, failure: str = "") -> None:
    """A new build id; with ``failure``, the id the folder already has and the failure's."""
    build = _build_id(folder) if failure else str(time.time_ns())
    _write(folder, STAMP, f"{build} {failure}\n" if failure else f"{build}\n")


def _build_id(folder: str) -> str:
    try:
        with open(os.path.join(folder, STAMP), encoding="ascii") as handle:
            return (handle.read().split() or [NO_BUILD])[0]
    except (OSError, ValueError):
        return NO_BUILD


def _write(folder: str, name: str, text: str) -> None:
    """Replace ``folder/name`` at once: the server never gives half of it."""
    scratch = os.path.join(folder, f".{name}.tmp")
    with open(scratch, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(scratch, os.path.join(folder, name))


def run(pelican: Any, pelican_run: Callable[[], None]) -> None:
    """``pelican_run()``, after a first look in a preview build."""
    if not load(pelican.settings).preview:
        pelican_run()
        return
    scan = of(pelican).uptodate  # press.build.uptodate's, of this run's inputs
    sources = markdown_files(scan["files"]) if scan is not None else None  # none on the plain path
    before = of(pelican).preview_sources
    of(pelican).preview_sources = sources  # what this run's full build reads
    if before is not None and sources is not None:
        try:
            first_look(pelican, before, sources)
        except (Exception, ContentError):  # noqa: BLE001 - a first look never stops the build
            logger.debug("preview: no first look", exc_info=True)
    render.forget_jobs(pelican)
    try:
        pelican_run()
    except ContentError as error:
        show_problems(pelican, *_problem_lines(pelican.settings, error))
        if not _in_autoreload():
            raise
        # what `make html` prints, as it prints it; the next save builds again
        console.print(str(error), markup=False, highlight=False, emoji=False, soft_wrap=True)
    except Exception as error:  # Pelican's autoreload logs it and waits for the next save
        show_problems(pelican, SOURCE_LANG, [f"{type(error).__name__}: {error}"])
        raise


def _in_autoreload() -> bool:
    """Whether this run was called by Pelican's ``--autoreload`` loop (``make serve``)."""
    loop = getattr(getattr(pelican_package, "autoreload", None), "__code__", None)
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code is loop:
            return True
        frame = frame.f_back
    return False


def _problem_lines(settings: dict[str, Any], error: ContentError) -> tuple[str, list[str]]:
    """The language of ``make check`` and the error's lines in it."""
    say = messages(messages_lang(load(settings).messages_lang))
    problems = getattr(error, "problems", None)
    if problems:
        return say.lang, [say.problem(problem) for problem in problems]
    lines = [line.strip() for line in str(error).splitlines()[1:] if line.strip()]
    return SOURCE_LANG, lines or [str(error)]


def show_problems(pelican: Any, lang: str, lines: list[str]) -> None:
    """After a failed build: the problems beside the live preview's stamp,
    and a failure id in the stamp, for the open pages to show."""
    live = of(pelican).final_output or pelican.output_path
    failure = str(time.time_ns())
    try:
        first = _build_id(live) == NO_BUILD  # no preview was built yet: no page to show them on
        os.makedirs(live, exist_ok=True)
        report = {"failure": failure, "lang": lang, "problems": lines}
        _write(live, PROBLEMS, json.dumps(report, ensure_ascii=False, indent=1) + "\n")
        if first:
            _copy_assets(pelican.theme, os.path.join(live, pelican.settings["THEME_STATIC_DIR"]))
            _write(live, "index.html", _problems_page(pelican.settings, failure, lang, lines))
        _stamp(live, failure)
    except OSError:
        logger.warning("preview: the open pages could not be told of the errors", exc_info=True)


def _problems_page(settings: dict[str, Any], failure: str, lang: str, lines: list[str]) -> str:
    """The root page of a live folder that no build made: the problems, and
    the script that reloads it when a build succeeds (or fails again)."""
    page_lang = load(settings).default_lang
    heading = html.escape(Catalogs.load(settings).gettext(page_lang, HEADING))
    site = html.escape(settings.get("SITEURL", ""))
    static = html.escape(settings["THEME_STATIC_DIR"])
    items = "\n".join(f"<li>{html.escape(line)}</li>" for line in lines)
    return f"""<!DOCTYPE html>
<html lang="{page_lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{heading}</title>
<link rel="stylesheet" href="{site}/{static}/css/preview.css">
<script src="{site}/{static}/js/preview.js" data-stamp="{site}/{STAMP}" data-problems="{site}/{PROBLEMS}" data-failure="{failure}" defer></script>
</head>
<body>
<main class="preview-problems preview-problems-page">
<h1>{heading}</h1>
<ul lang="{lang}">
{items}
</ul>
</main>
</body>
</html>
"""


def markdown_files(files: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    """The Markdown files among the content files of a scan (size and mtime by path)."""
    return {path: stat for path, stat in files.items() if path.endswith(".md")}


def first_look(pelican: Any, before: dict[str, tuple[int, int]], now: dict[str, tuple[int, int]]) -> int:
    """Render the pages of the items whose files changed into the live
    preview, from the last build's site; return the number of pages."""
    live = of(pelican).final_output
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
