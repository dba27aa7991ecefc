"""Running the Pagefind binary: one bundle per language, written where it
costs least, made byte-stable, and merged into the site's ``pagefind/``
(see :mod:`press.outputs.search` for when each runs).

Pagefind ships in the ``pagefind-bin`` wheel (no network). A bundle made
again is written to a scratch folder (in memory where there is room), and
only the files that differ replace the cached ones, so the rest keep their
inode and mtime, here and in the published site. Runs not waited for are
killed when the build ends.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from . import pagefind as _pagefind
from ..log import logger
from ..files import code_fingerprint, digest

BUNDLE_DIR = "pagefind"
#: Pagefind's ready-made interfaces: search.js uses its JS API, so they are not published.
UNUSED_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)  # fmt: skip


class SearchIndexError(RuntimeError):
    """Pagefind could not index the built site."""


def pagefind_binary() -> str:
    try:
        from pagefind_bin import get_executable  # type: ignore[import-untyped]
    except ImportError as exc:  # pragma: no cover - requirements.txt installs it
        raise SearchIndexError("the search index needs pagefind-bin (see requirements.txt)") from exc
    return str(get_executable())


def _pagefind_command(site: Path, bundle: Path, glob: str | None = None) -> list[str]:
    command = [pagefind_binary(), "--site", str(site), "--output-path", str(bundle)]
    return command + (["--glob", glob] if glob else [])


Run = tuple[Path, Path, "subprocess.Popen[str]"]  # the bundle, where Pagefind writes it, the run


def scratch_for(bundle: Path) -> Path:
    """Where Pagefind writes a new version of ``bundle``.

    A new bundle is written in place. An existing one is written to a
    scratch folder, in memory where the system has room for it
    (``/dev/shm``), and then only the files that differ replace the bundle's
    (:func:`replace_changed`): after an edit a few of the 2,000 files of a
    language differ, and writing all of them to disk cost Pagefind a second
    of system time, beside the rest of the build.

    The folder is named after the bundle, so a build that was killed
    leaves at most one behind, which the next build of it reuses.
    """
    if not bundle.is_dir():
        return bundle
    name = "press-search-" + digest(str(bundle.resolve()))[:16]
    base = bundle.parent
    if _room_in_memory(bundle):
        base = Path(MEMORY)
    scratch = base / name
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    return scratch


MEMORY = "/dev/shm"


def _room_in_memory(bundle: Path) -> bool:
    """Whether the memory filesystem has room for twice the bundle and 64 MB
    to spare (Docker gives containers a /dev/shm of 64 MB)."""
    if not (os.path.isdir(MEMORY) and os.access(MEMORY, os.W_OK)):
        return False
    size = sum(os.path.getsize(os.path.join(root, f)) for root, _dirs, files in os.walk(bundle) for f in files)
    try:
        return shutil.disk_usage(MEMORY).free > 2 * size + (64 << 20)
    except OSError:
        return False


def start_pagefind(site: Path, bundle: Path, glob: str | None = None, threads: int | None = None) -> Run:
    """Start Pagefind on ``site`` (the pages matching ``glob``) for ``bundle``,
    on ``threads`` threads (default: one per core)."""
    target = scratch_for(bundle)
    command = _pagefind_command(site, target, glob)
    env = None if threads is None else {**os.environ, "RAYON_NUM_THREADS": str(threads)}
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    unwaited.add(proc)
    return bundle, target, proc


#: Runs not waited for yet. A build that fails, or a guess not taken, must
#: not leave Pagefind writing into a scratch folder the next run reuses.
unwaited: set[subprocess.Popen[str]] = set()


def stop_pagefind(run: Run) -> None:
    """Stop a run and drop what it wrote; its bundle is left as it was."""
    bundle, target, proc = run
    proc.kill()
    proc.communicate()
    unwaited.discard(proc)
    if target != bundle:
        shutil.rmtree(target, ignore_errors=True)


@atexit.register
def _stop_unwaited() -> None:
    for proc in list(unwaited):
        proc.kill()


def wait_pagefind(running: list[Run]) -> None:
    """Wait for every run, then finish each bundle; the first failure is raised."""
    failure = None
    for bundle, target, proc in running:
        log, _ = proc.communicate(timeout=1800)
        unwaited.discard(proc)
        if proc.returncode != 0:
            failure = failure or SearchIndexError(f"{BUNDLE_DIR}: Pagefind failed to index the site:\n{log.strip()}")
        else:
            logger.debug("pagefind: %s", log.strip())
            for name in UNUSED_FILES:
                (target / name).unlink(missing_ok=True)
            _pagefind.stabilize(target)
        if target != bundle:
            if proc.returncode == 0:
                replace_changed(target, bundle)
            shutil.rmtree(target, ignore_errors=True)
    if failure is not None:
        raise failure


def replace_changed(new: Path, bundle: Path) -> None:
    """Make ``bundle`` hold exactly the files of ``new``, writing only those that differ.

    The live site's ``pagefind/`` holds hard links to the bundle's files
    (:func:`merge`), so a file is replaced by a new one, never written through.
    """
    # files by their path inside the folder: the two walks spell the bundle's
    # own path alike only if nothing in it needs normalising ("cache/../x")
    wanted: set[str] = set()
    for root, _dirs, files in os.walk(new):
        inside = os.path.relpath(root, new)
        folder = os.path.join(bundle, inside)
        os.makedirs(folder, exist_ok=True)
        for name in files:
            source, target = os.path.join(root, name), os.path.join(folder, name)
            wanted.add(os.path.normpath(os.path.join(inside, name)))
            if not _same_bytes(source, target):
                shutil.copyfile(source, f"{target}.new")
                os.replace(f"{target}.new", target)
    for root, _dirs, files in os.walk(bundle, topdown=False):
        inside = os.path.relpath(root, bundle)
        for name in files:
            if os.path.normpath(os.path.join(inside, name)) not in wanted:
                os.unlink(os.path.join(root, name))
        if inside != "." and not os.listdir(root):
            os.rmdir(root)


def _same_bytes(one: str, other: str) -> bool:
    try:
        if os.path.getsize(one) != os.path.getsize(other):
            return False
        with open(one, "rb") as a, open(other, "rb") as b:
            return a.read() == b.read()
    except OSError:
        return False


def run_pagefind(site: Path, bundle: Path) -> None:
    wait_pagefind([start_pagefind(site, bundle)])


def bundle_of(cache: Path, lang: str) -> Path:
    """Where the bundle of the pages in language folder ``lang`` is kept ("": the top)."""
    return cache / f"bundle-{lang or 'root'}"


def start_language(site: Path, bundle: Path, lang: str, threads: int | None = None) -> Run:
    """Start Pagefind on the pages of one language folder of ``site``."""
    return start_pagefind(site, bundle, f"{lang}/**/*.html" if lang else "*.html", threads)


def start_languages(site: Path, bundles: dict[str, Path]) -> list[Run]:
    """Start one Pagefind run per language folder of ``site``, side by side."""
    return [start_language(site, bundle, lang) for lang, bundle in bundles.items()]


def language_key(names: list[str], copies: dict[str, str]) -> str:
    """Changes with the copies and the code (ours and Pagefind's release: how a bundle is made)."""
    return digest(code_fingerprint(), [(name, copies[name]) for name in names])


def merge(bundles: list[Path], target: Path) -> None:
    """One bundle of the languages' bundles: their files side by side, one entry file.

    ``target`` is a new folder (see :func:`press.outputs.search.start_index`).

    Pagefind names every index file by language and digest, and writes the
    same scripts and the same ``wasm.unknown`` into each bundle.
    """
    entry: dict[str, Any] = {}
    languages: dict[str, Any] = {}
    placed: set[str] = set()  # 6,000 files at 6,000 documents: no stat for each
    for bundle in bundles:
        own = json.loads((bundle / _pagefind.ENTRY).read_text(encoding="utf-8"))
        clash = set(own["languages"]) & set(languages)
        if clash:
            raise SearchIndexError(f"pages of language {sorted(clash)} sit in more than one language folder")
        languages.update(own["languages"])
        entry = entry or own
        for root, _dirs, files in os.walk(bundle):
            folder = os.path.join(str(target), os.path.relpath(root, bundle))
            os.makedirs(folder, exist_ok=True)
            for name in files:
                out = os.path.join(folder, name)
                if name == _pagefind.ENTRY or out in placed:  # the same scripts are in each bundle
                    continue
                placed.add(out)
                try:
                    os.link(os.path.join(root, name), out)
                except OSError:
                    shutil.copyfile(os.path.join(root, name), out)
    entry["languages"] = {lang: languages[lang] for lang in sorted(languages)}
    (target / _pagefind.ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
