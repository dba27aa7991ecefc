"""Compressed copies: ``.br`` and ``.gz`` beside every text file of the site.

A web server with ``brotli_static``/``gzip_static`` (nginx) or a rewrite
rule (Apache, see ``deploy/``) sends these instead of compressing each
response itself, and an object store behind a CDN has them to serve at all.
They are written into the staging folder before ``press.build.atomic_output``
swaps it in, so the live site never has a page without its copies, or a
copy of an older page.

Hook: ``finalized`` — :func:`compress_site` hands the work to the swap
(:meth:`press.state.BuildState.before_swap`) as its last step, after
Pagefind's index and the sitemap are written, so their files are compressed
too. Only with ``PRESS_PRECOMPRESS`` (``publishconf.py``).

Unchanged files are not compressed again. A page that ``press.build.render``
reused is a hard link to the live site's file; any other text file is
compared by a digest of its bytes with the one recorded in
``CACHE_PATH/press-precompress.sqlite``. Either way the live site's copies
are linked into the staging folder when the record says they were made from
those bytes: the record names the copies' inodes, so copies made for a build
whose swap never happened are never mistaken for the live ones. A recycled
staging folder (press.build.atomic_output) keeps the live copies the record
vouches for (:func:`copies_of_live_site`), so after one edit the 24,000
copies of 6,000 documents need no new link; a kept copy whose file this
build does not write (a deleted or held item) is removed, since a web
server with ``gzip_static`` would serve it without its file.

Brotli quality 5 and gzip level 6 for pages, feeds and data: measured on
the benchmark's 12,123 text files of 6,000 documents (24 KB on average),
per file, Brotli 5 takes 0.39 ms against 0.45 ms at 6 for the same size,
and gzip 6 0.45 ms against 0.89 ms at 9 for the same size (17 % of the
original either way); at 6 and 9 the copies made a cold publish build
1.41 times as long, over the 1.3 of issue #22. Brotli 11 only for the
theme's CSS, JS and SVG: a few small files, each fetched by every reader
(Pagefind's larger scripts are not: 50 ms each).
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from typing import Any

import brotli

from . import atomic_output
from ..log import logger
from ..parallel import map_forked
from ..settings import load
from ..state import of
from ..store import Store
from ..files import bytes_digest, file_digest, remove, remove_from

#: File endings of text: what servers and stores send compressed.
TEXT_SUFFIXES: frozenset[str] = frozenset(
    {".html", ".htm", ".css", ".js", ".mjs", ".json", ".xml", ".atom", ".rss", ".ics", ".opml", ".svg", ".txt",
     ".xsl", ".webmanifest", ".map"}
)  # fmt: skip
#: The theme's: few files, small, fetched by every reader: worth Brotli's
#: slowest, smallest setting.
_ASSET_SUFFIXES = frozenset({".css", ".js", ".mjs", ".svg"})
_PAGE_QUALITY, _ASSET_QUALITY, _GZIP_LEVEL = 5, 11, 6
COPIES = (".br", ".gz")
_TABLE = "precompressed"


def is_text(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in TEXT_SUFFIXES


def _cache(pelican: Any) -> str:
    return os.path.join(pelican.settings.get("CACHE_PATH") or "cache", "press-precompress.sqlite")


def copies_of_live_site(pelican: Any) -> set[str]:
    """What a recycled staging folder may keep for this module: the copies
    of the files the record has (press.build.atomic_output keeps those that
    are still the live site's)."""
    if not load(pelican.settings).precompress or not of(pelican).final_output:
        return set()
    with Store(_cache(pelican), _TABLE) as store:
        return {name + ext for name in store.get_all() for ext in COPIES}


def compress_site(pelican: Any) -> None:
    if not load(pelican.settings).precompress:
        return
    folder = pelican.output_path
    live = of(pelican).final_output if of(pelican).will_swap() else None
    cache = _cache(pelican)
    kept = atomic_output.recycled(pelican, copies_of_live_site) if live else frozenset()
    # the copies go into every folder: press.build.uptodate must digest them
    # after this step, not in its walk that runs beside the steps
    with os.scandir(folder) as entries:
        writes = [entry.name for entry in entries if entry.is_dir(follow_symlinks=False)]
    of(pelican).before_swap(lambda: compress_folder(folder, live or folder, cache, kept), writes=writes)


def compress_folder(folder: str, live: str, cache: str, kept: frozenset[str] = frozenset()) -> tuple[int, int]:
    """Write the copies of every text file of ``folder``, reusing those of
    ``live`` (the site now online; ``folder`` itself without a swap) made
    from the same bytes. ``kept``: copies ``folder`` already holds as links
    to the live ones. Returns (files compressed, files whose copies were
    reused)."""
    with Store(cache, _TABLE) as store:
        known = {name: str(value) for name, value in store.get_all().items()}
        records: dict[str, str] = {}
        todo: list[tuple[str, str]] = []
        for name in _text_files(folder):
            record = _reuse(folder, live, name, known.get(name), kept)
            if record is None:
                todo.append((folder, name))
            else:
                records[name] = record
        reused = len(records)
        records.update(zip((name for _folder, name in todo), map_forked(_compress, todo, per_worker=100)))
        store.update(records, keep=records)
    for name in kept - {name + ext for name in records for ext in COPIES}:
        remove_from(folder, name)  # its file is gone from this build
    logger.info("compressed copies: %d files compressed, %d reused", len(todo), reused)
    return len(todo), reused


def _text_files(folder: str, prefix: str = "") -> Iterator[str]:
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _text_files(entry.path, f"{prefix}{entry.name}/")
            elif is_text(entry.name):
                yield prefix + entry.name


def _reuse(folder: str, live: str, name: str, record: str | None, kept: frozenset[str]) -> str | None:
    """The record of ``name`` when the live site's copies fit its bytes and
    are now in ``folder`` too; None when it must be compressed."""
    if record is None:
        return None
    digest, *inodes = record.split()
    path, live_path = os.path.join(folder, name), os.path.join(live, name)
    try:
        copies = [os.stat(live_path + ext) for ext in COPIES]
        if [str(c.st_ino) for c in copies] != inodes:
            return None  # copies of another build than the one recorded
        # without a swap the file is rewritten in place: only its bytes tell
        same = folder != live and os.path.samestat(os.stat(path), os.stat(live_path))
    except OSError:
        return None
    if not same and file_digest(path) != digest:
        return None
    if folder != live:
        for ext, copy in zip(COPIES, copies):
            # kept by a recycled staging folder, unless a step replaced its folder since
            if name + ext not in kept or not _is(path + ext, copy):
                _link(live_path + ext, path + ext)
    return record


def _is(path: str, live: os.stat_result) -> bool:
    try:
        return os.path.samestat(os.stat(path), live)
    except OSError:
        return False


def _link(source: str, target: str) -> None:
    remove(target)
    os.link(source, target)


def _compress(task: tuple[str, str]) -> str:
    folder, name = task
    path = os.path.join(folder, name)
    with open(path, "rb") as handle:
        data = handle.read()
    theme_asset = name.startswith("theme/") and os.path.splitext(name)[1].lower() in _ASSET_SUFFIXES
    quality = _ASSET_QUALITY if theme_asset else _PAGE_QUALITY
    gzip = zlib.compressobj(_GZIP_LEVEL, zlib.DEFLATED, 31)  # 31: the gzip format, not bare zlib
    inodes = []
    for ext, packed in ((".br", brotli.compress(data, quality=quality)), (".gz", gzip.compress(data) + gzip.flush())):
        remove(path + ext)  # then a new file: never a write through a hard link into the live site
        with open(path + ext, "xb") as out:
            out.write(packed)
            inodes.append(str(os.fstat(out.fileno()).st_ino))
    return " ".join([bytes_digest(data), *inodes])


