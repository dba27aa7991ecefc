"""The one way the caches name and handle files: digests, the code's own
fingerprint, removal, and hard links from the live site.

Every cache of the build (Markdown bodies, photos, pages, search copies,
compressed copies, the up-to-date stamp) decides "same as before?" with a
digest from here: BLAKE2b of 16 bytes, which is fast and long enough that
two different inputs never meet in practice. None of these digests is in
the site's output; they only name cache entries, so changing them costs
one full build. Pagefind's own file names are Pagefind's (SHA-1) and stay
in :mod:`press.outputs.pagefind`.

:func:`code_fingerprint` is the one fingerprint of the plugin's code: a cache
entry made by other code is not reused, whichever module changed.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
from collections.abc import Iterable
from importlib.metadata import version
from typing import Any

_SIZE = 16

#: The libraries whose versions change what the plugin makes of the same input
#: (all in requirements.txt).
_LIBRARIES = ("pelican", "markdown", "nh3", "jinja2", "babel", "pillow", "feedgenerator", "pagefind-bin", "brotli")


def digest(*parts: Any) -> str:
    """The digest of ``parts``: bytes as they are, anything else by ``repr``."""
    h = hashlib.blake2b(digest_size=_SIZE)
    for part in parts:
        h.update(part if isinstance(part, bytes) else repr(part).encode())
        h.update(b"\0")
    return h.hexdigest()


def hasher() -> Any:
    """A new hash object for a digest fed piece by piece (a walk of a folder)."""
    return hashlib.blake2b(digest_size=_SIZE)


def bytes_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=_SIZE).hexdigest()


def text_digest(text: str) -> str:
    return bytes_digest(text.encode("utf-8"))


def file_digest(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, lambda: hashlib.blake2b(digest_size=_SIZE)).hexdigest()


def tree_digest(folder: str) -> str:
    """Every file under ``folder``, its path and its bytes (``__pycache__`` and
    hidden folders left out)."""
    h = hashlib.blake2b(digest_size=_SIZE)
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        for name in sorted(files):
            path = os.path.join(root, name)
            h.update(os.path.relpath(path, folder).encode())
            with open(path, "rb") as handle:
                h.update(handle.read())
    return h.hexdigest()


@functools.cache
def code_fingerprint() -> str:
    """The ``press`` package's code and the versions of the libraries it
    drives. Computed once per process: the code a process runs does not
    change while it runs, even when its files are edited under it."""
    package = os.path.dirname(os.path.abspath(__file__))
    return digest(tree_digest(package), [(name, version(name)) for name in _LIBRARIES])


def remove(path: str) -> None:
    """Remove the file at ``path``; one that is gone already is fine."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def remove_from(root: str, name: str) -> None:
    """Remove the file ``name`` of the folder ``root``, and the folders it
    leaves empty (never ``root`` itself)."""
    path = os.path.join(root, name)
    if os.path.lexists(path):
        os.unlink(path)
    folder = os.path.dirname(path)
    while folder != root and os.path.isdir(folder) and not os.listdir(folder):
        os.rmdir(folder)
        folder = os.path.dirname(folder)


def link_files(source: str, target: str, names: Iterable[str], kept: frozenset[str] = frozenset()) -> bool:
    """Hard-link (or copy) the files ``names`` of folder ``source`` (the live
    site) into folder ``target`` (the staging one). False, and nothing
    linked, when one of them is missing.

    ``kept``: names ``target`` already holds as links to the live files (the
    files a recycled staging folder kept).
    """
    names = list(names)
    for name in names:
        if name not in kept and not os.path.isfile(os.path.join(source, name)):
            return False
    for name in names:
        if name in kept:
            continue
        old, new = os.path.join(source, name), os.path.join(target, name)
        os.makedirs(os.path.dirname(new), exist_ok=True)
        try:
            os.link(old, new)
        except FileExistsError:
            os.unlink(new)
            os.link(old, new)
        except OSError:  # another file system, or no hard links there
            shutil.copy2(old, new)
    return True
