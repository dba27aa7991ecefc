"""press.build.precompress: which copies a build reuses from the live site and which it writes anew."""

from __future__ import annotations

import gzip
import os
import shutil
from pathlib import Path

import brotli

from press.build.precompress import compress_folder


def write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


def ino(path: Path) -> int:
    return path.stat().st_ino


def test_first_build_compresses_every_text_file_and_nothing_else(tmp_path: Path) -> None:
    live = tmp_path / "output"
    write(live, {"index.html": "<p>Главная</p>" * 50, "ru/feed.atom": "<feed/>", "media/photo.webp": "RIFF"})
    assert compress_folder(str(live), str(live), str(tmp_path / "cache.sqlite")) == (2, 0)
    assert brotli.decompress((live / "index.html.br").read_bytes()) == (live / "index.html").read_bytes()
    assert gzip.decompress((live / "ru/feed.atom.gz").read_bytes()) == b"<feed/>"
    assert not (live / "media/photo.webp.br").exists()


def test_a_staging_folder_links_the_copies_of_what_did_not_change(tmp_path: Path) -> None:
    live, staging, cache = tmp_path / "output", tmp_path / "output.building", str(tmp_path / "cache.sqlite")
    write(live, {"a.html": "<p>one</p>", "b.html": "<p>two</p>", "c.html": "<p>three</p>"})
    compress_folder(str(live), str(live), cache)
    staging.mkdir()
    os.link(live / "a.html", staging / "a.html")  # reused by render: the live file itself
    shutil.copyfile(live / "b.html", staging / "b.html")  # written again, the same bytes
    write(staging, {"c.html": "<p>three, edited</p>"})
    assert compress_folder(str(staging), str(live), cache) == (1, 2)
    for name in ("a.html.br", "a.html.gz", "b.html.br", "b.html.gz"):
        assert ino(staging / name) == ino(live / name)
    assert ino(staging / "c.html.br") != ino(live / "c.html.br")
    assert brotli.decompress((staging / "c.html.br").read_bytes()) == b"<p>three, edited</p>"


def test_copies_of_a_build_that_never_went_live_are_not_taken_for_the_live_ones(tmp_path: Path) -> None:
    live, staging, cache = tmp_path / "output", tmp_path / "output.building", str(tmp_path / "cache.sqlite")
    write(live, {"a.html": "<p>old</p>"})
    compress_folder(str(live), str(live), cache)
    staging.mkdir()
    write(staging, {"a.html": "<p>new</p>"})
    compress_folder(str(staging), str(live), cache)  # its swap fails: the record now names staging's copies
    shutil.rmtree(staging)
    staging.mkdir()
    write(staging, {"a.html": "<p>new</p>"})
    assert compress_folder(str(staging), str(live), cache) == (1, 0)
    assert brotli.decompress((staging / "a.html.br").read_bytes()) == b"<p>new</p>"
