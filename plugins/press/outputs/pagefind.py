"""Pagefind's bundle made byte-stable: the same pages give the same files.

Pagefind (1.5) writes its filter indexes and the filter list of each
language's meta index in hash-map order, so two runs over the same pages
give different bytes and different file names (upstream's own TODO: "Change
filter indexes to BTree to give them a stable hash"; its word indexes and
fragments are already stable). A deploy would then upload a new index after
every build, and "the same content builds the same bytes" would not hold.

:func:`stabilize` rewrites just those files: filter values sorted by value,
filters sorted by name, each file named by a digest of its content, and
``pagefind-entry.json`` with its languages sorted. The files are gzip
containers of ``pagefind_dcd`` + CBOR; the small CBOR codec below covers the
types Pagefind writes (integers, strings, arrays, maps). Anything it does not
recognise is left as Pagefind wrote it, with a warning.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

from ..log import logger

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"


class FormatError(ValueError):
    """A Pagefind file is not in the shape this module knows."""


# --- CBOR (RFC 8949), the subset Pagefind writes ---------------------------------


def cbor_decode(data: bytes) -> Any:
    value, end = _decode(data, 0)
    if end != len(data):
        raise FormatError("trailing bytes after the CBOR value")
    return value


def _decode(data: bytes, at: int) -> tuple[Any, int]:
    try:
        head = data[at]
    except IndexError as exc:
        raise FormatError("truncated CBOR") from exc
    major, info = head >> 5, head & 31
    at += 1
    if info < 24:
        arg = info
    elif info <= 27:
        size = 1 << (info - 24)
        arg = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        raise FormatError(f"unsupported CBOR length {info}")
    if major == 0:
        return arg, at
    if major == 1:
        return -1 - arg, at
    if major in (2, 3):
        chunk = data[at : at + arg]
        return (chunk if major == 2 else chunk.decode("utf-8")), at + arg
    if major == 4:
        items = []
        for _ in range(arg):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        mapping = {}
        for _ in range(arg):
            key, at = _decode(data, at)
            mapping[key], at = _decode(data, at)
        return mapping, at
    if major == 7 and info in (20, 21, 22):
        return {20: False, 21: True, 22: None}[info], at
    raise FormatError(f"unsupported CBOR type {major}")


def cbor_encode(value: Any) -> bytes:
    if value is False or value is True or value is None:
        return bytes([0xF4 if value is False else 0xF5 if value is True else 0xF6])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(cbor_encode(v) for v in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(cbor_encode(k) + cbor_encode(v) for k, v in value.items())
    raise FormatError(f"cannot encode {type(value).__name__}")


def _head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if arg < 1 << (8 * size):
            return bytes([major << 5 | info]) + arg.to_bytes(size, "big")
    raise FormatError("integer too large for CBOR")


# --- Pagefind files ------------------------------------------------------------------


def read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise FormatError(f"{path.name}: no Pagefind signature")
    return cbor_decode(data[len(SIGNATURE) :])


def _packed(value: Any) -> bytes:
    return gzip.compress(SIGNATURE + cbor_encode(value), compresslevel=9, mtime=0)


def _name(lang: str, data: bytes, length: int, taken: set[str]) -> str:
    """``<lang>_<digest>``, as long as needed to differ from ``taken``."""
    digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()
    while f"{lang}_{digest[:length]}" in taken and length < len(digest):
        length += 1
    name = f"{lang}_{digest[:length]}"
    taken.add(name)
    return name


def _plan(bundle: Path, lang: str, meta_hash: str) -> tuple[list[Path], dict[Path, bytes], str]:
    """Old files to remove, new files to write, and the new meta hash of one language."""
    meta_path = bundle / f"pagefind.{meta_hash}.pf_meta"
    meta = read(meta_path)
    if not (isinstance(meta, list) and len(meta) == 6 and isinstance(meta[3], list)):
        raise FormatError(f"{meta_path.name}: not the meta index of Pagefind 1.5")
    remove, write = [meta_path], {}
    taken: set[str] = set()  # every old file of the language is replaced
    filters = []
    for name, old in meta[3]:
        old_path = bundle / "filter" / f"{old}.pf_filter"
        index = read(old_path)
        if not (isinstance(index, list) and len(index) == 2 and index[0] == name):
            raise FormatError(f"{old_path.name}: not a filter index of Pagefind 1.5")
        index[1] = sorted(index[1], key=lambda entry: entry[0])
        data = _packed(index)
        new = _name(lang, data, 7, taken)
        remove.append(old_path)
        write[bundle / "filter" / f"{new}.pf_filter"] = data
        filters.append([name, new])
    meta[3] = sorted(filters)
    data = _packed(meta)
    new_meta = _name(lang, data, 10, set())
    write[bundle / f"pagefind.{new_meta}.pf_meta"] = data
    return remove, write, new_meta


def stabilize(bundle: Path) -> None:
    """Rewrite the hash-map-ordered files of a Pagefind bundle in a stable order.

    Every file is read and checked before any is changed, so a bundle of an
    unknown format is left whole.
    """
    entry_path = bundle / ENTRY
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        languages = entry["languages"]
        plans = {lang: _plan(bundle, lang, languages[lang]["hash"]) for lang in sorted(languages)}
    except (OSError, KeyError, TypeError, ValueError) as exc:
        logger.warning("%s: left in Pagefind's own order (%s)", bundle.name, exc)
        return
    for lang, (remove, write, meta_hash) in plans.items():
        for path in remove:
            path.unlink()
        for path, data in write.items():
            path.write_bytes(data)
        languages[lang]["hash"] = meta_hash
    entry["languages"] = {lang: languages[lang] for lang in sorted(languages)}
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
