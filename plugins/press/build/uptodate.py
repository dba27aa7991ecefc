"""Skip a build when nothing it depends on has changed since the last one.

Press centres rebuild on a schedule (embargoes lift only with a rebuild) and
after every save in ``make serve``; most of those runs find nothing new.
``press.build.render`` already reuses every unchanged page, but reaching that
point means reading and checking the whole content tree and relinking the
whole site: about 9 s at 6,000 documents. This plugin answers the question
first, the way ``make`` does, in well under a second.

Hooks:

* before each run (:mod:`press.build.each_run`; autoreload runs many):
  :func:`unchanged` computes the build's inputs (below) and
  compares them with the stamp of the last successful build into the same
  output folder. When they match, the output folder is as that build left
  it and the build time is still inside the window in which that build's
  output holds, the run only says so and returns.
* ``get_generators`` — adds a probe generator that receives the run's
  shared context, where ``press.site.reader`` keeps the content index.
* ``finalized`` — listed after ``press.build.atomic_output``, so it runs once the
  new site is live: writes the stamp (``<CACHE_PATH>/uptodate-<output
  hash>.json``). The stamp's digest of the output is
  taken before the swap, in a forked process while Pagefind's bundles are
  finished (:meth:`press.state.BuildState.before_swap`, first and last); after
  the swap only what was written since (``pagefind/``) is walked again.
  Had anything else changed since, the next run would find the output
  different and build: never a stale site.

The inputs: every file under the content folder (path, size, mtime), the
settings, the code of every loaded plugin, the theme (templates, catalogs,
static files), the installed Python distributions and Python's version.
The output folder is checked file by file (path, size, mtime), so a page
deleted or edited by hand brings a full build.

Time: what a build publishes depends on its build time (embargoes lift,
events become past, items enter and leave the two-day news sitemap). The
stamp records the earliest future moment at which any of that changes
(:func:`valid_until`); a later run builds. With ``PRESS_BUILD_TIME`` set,
the time is part of the settings.

A file saved within :data:`RACY_SECONDS` of the scan may change again
without its mtime changing (filesystem timestamps are coarse), so such a
build writes no stamp and the next run builds in full (git's "racy clean"
rule). ``PRESS_SKIP_UNCHANGED = False`` (``make html FORCE=1``) always builds.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.metadata
import os
import sys
import time
from collections.abc import Collection
from typing import Any

from pelican.log import console

from . import render
from ..log import logger, voice
from ..outputs.page_facts import load_json, save_json
from ..parallel import start_forked
from ..settings import load
from ..state import of
from ..files import code_fingerprint, digest, hasher
from ..site.reader import CONTEXT_KEY
from ..content import timeline

RACY_SECONDS = 2.0


# --- inputs and output ---------------------------------------------------------------


def _walk(folder: str, files: dict[str, tuple[int, int]] | None = None) -> tuple[str, int]:
    """A digest of every file under ``folder`` (path, size, mtime) and the
    newest mtime; each file's size and mtime also go into ``files``, by path."""
    h = hasher()
    newest = 0
    linked: set[str] = set()

    def visit(path: str, rel: str) -> None:
        nonlocal newest
        try:
            with os.scandir(path) as found:
                entries = sorted(found, key=lambda e: e.name)
        except OSError:
            h.update(f"{rel}\0missing\0".encode())
            return
        for entry in entries:
            if entry.name == "__pycache__":
                continue
            if entry.is_dir():  # Pelican follows symlinked folders, so do we
                if entry.is_symlink():
                    real = os.path.realpath(entry.path)
                    if real in linked:  # a loop
                        continue
                    linked.add(real)
                visit(entry.path, f"{rel}{entry.name}/")
                continue
            stat = _stat(entry)
            newest = max(newest, stat.st_mtime_ns)
            if files is not None:
                files[f"{rel}{entry.name}"] = (stat.st_size, stat.st_mtime_ns)
            h.update(f"{rel}{entry.name}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())

    visit(folder, "")
    return h.hexdigest(), newest


def _stat(entry: os.DirEntry[str]) -> os.stat_result:
    try:
        return entry.stat()
    except OSError:  # a dangling symlink
        return entry.stat(follow_symlinks=False)


def _output_digest(folder: str, known: dict[str, str] | None = None,
                   again: Collection[str] = ()) -> tuple[str, dict[str, str]]:
    """A digest of every file under the output ``folder``, made of one digest
    per top-level name (returned too): ``known`` ones are taken as they are,
    except those in ``again``."""
    parts: dict[str, str] = {}
    with os.scandir(folder) as found:
        entries = sorted(found, key=lambda e: e.name)
    for entry in entries:
        if known is not None and entry.name in known and entry.name not in again:
            parts[entry.name] = known[entry.name]
        elif entry.is_dir():
            parts[entry.name] = "/" + _walk(entry.path)[0]
        else:
            stat = _stat(entry)
            parts[entry.name] = f"{stat.st_size}\0{stat.st_mtime_ns}"
    h = hasher()
    for name, part in parts.items():
        h.update(f"{name}\0{part}\0".encode())
    return h.hexdigest(), parts


def inputs(pelican: Any, files: dict[str, tuple[int, int]] | None = None) -> tuple[str, int]:
    """A digest of everything a build reads, and the newest content mtime;
    each content file's size and mtime go into ``files``."""
    settings = pelican.settings
    content, newest = _walk(settings["PATH"], files)
    parts = [content, sys.version, code_fingerprint()]
    parts += sorted(f"{k}={v!r}" for k, v in settings.items() if k.isupper())
    for folder in (pelican.theme, *settings.get("THEME_TEMPLATES_OVERRIDES", [])):
        parts.append(f"{folder}:{_walk(folder)[0]}")
    parts += sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    return digest(*parts), newest


def _final_output(pelican: Any) -> str:
    return of(pelican).final_output or pelican.output_path


def _stamp_path(pelican: Any) -> str:
    output = os.path.abspath(_final_output(pelican))
    name = f"uptodate-{render.output_hash(output)}.json"  # removed with the folder's other cache files
    return os.path.join(pelican.settings.get("CACHE_PATH") or "cache", name)


# --- time ------------------------------------------------------------------------------


# --- the hooks -----------------------------------------------------------------------


def unchanged(pelican: Any) -> bool:
    """True when this run can end at once: the live site is what its inputs
    build now. Records the inputs for the stamp and the preview."""
    press = load(pelican.settings)
    if not press.incremental:
        # the plain path builds every time; the stamp of an earlier build
        # would describe an output this one replaces
        with contextlib.suppress(FileNotFoundError):
            os.unlink(_stamp_path(pelican))
        return False
    return _unchanged(pelican, check=press.skip_unchanged)


def _unchanged(pelican: Any, check: bool = True) -> bool:
    """Record this run's inputs (and the last stamp); True when the last
    build's output still holds."""
    started = time.monotonic()
    scanned_at = time.time_ns()
    files: dict[str, tuple[int, int]] = {}
    digest, newest = inputs(pelican, files)
    stamp = load_json(_stamp_path(pelican))
    # "files": what make serve's first look compares with the last run's (press.build.preview)
    of(pelican).uptodate = {"inputs": digest, "newest": newest, "scanned": scanned_at, "files": files}
    if not check or stamp.get("inputs") != digest:
        return False
    press = load(pelican.settings)
    now = timeline.now(press)
    try:
        built = dt.datetime.fromisoformat(stamp["built"])
        until = dt.datetime.fromisoformat(stamp["until"]) if stamp.get("until") else None
    except (KeyError, TypeError, ValueError):
        return False
    if not timeline.still_holds(built, until, now):
        return False
    output = _final_output(pelican)
    if not os.path.isdir(output) or _output_digest(output)[0] != stamp.get("output"):
        return False
    say = voice()
    shown = os.path.relpath(output)
    console.print(say("Nothing has changed since the last build; {output} is up to date ({seconds:.1f} s).",
                      output=output if shown.startswith("..") else shown, seconds=time.monotonic() - started),
                  markup=False, highlight=False, emoji=False, soft_wrap=True)  # fmt: skip
    return True


def probe(pelican: Any) -> type:
    """A generator Pelican creates with the run's shared context (it generates nothing)."""
    state = of(pelican).uptodate

    class UptodateProbe:
        def __init__(self, context: dict[str, Any], *args: Any, **kwargs: Any) -> None:
            if state is not None:
                state["context"] = context

    if state is not None and of(pelican).will_swap():
        of(pelican).before_swap(lambda: _start_walk(pelican, state), first=True)
        of(pelican).before_swap(lambda: _end_walk(state), last=True)
    return UptodateProbe


def _start_walk(pelican: Any, state: dict[str, Any]) -> None:
    """The output's digest, taken in the staging folder on another core while
    the work handed to the swap (Pagefind's bundles) is finished in this one."""
    if not _racy(state):
        state["walking"] = start_forked(_output_digest, pelican.output_path)


def _end_walk(state: dict[str, Any]) -> None:
    walking = state.pop("walking", None)
    if walking is not None:
        try:
            state["parts"] = walking()[1]
        except RuntimeError as exc:  # a file went while it was walked: walk it all after the swap
            logger.debug("uptodate: the staging folder is walked after the swap (%s)", exc)


def _racy(state: dict[str, Any]) -> bool:
    return state["newest"] > state["scanned"] - int(RACY_SECONDS * 1e9)


def write_stamp(pelican: Any) -> None:
    state = of(pelican).uptodate
    if state is None:
        return
    of(pelican).uptodate = None
    index = state.get("context", {}).get(CONTEXT_KEY)
    path = _stamp_path(pelican)
    if index is None or _racy(state):
        if os.path.exists(path):
            os.unlink(path)
        return
    until = timeline.valid_until(index)
    stamp = {
        "inputs": state["inputs"],
        "output": _output_digest(_final_output(pelican), state.get("parts"),
                                 of(pelican).written_before_swap)[0],
        "built": index.build_time.isoformat(),
        "until": until.isoformat() if until else None,
    }
    save_json(path, stamp)
    logger.debug("uptodate: stamp written, valid until %s", stamp["until"])
