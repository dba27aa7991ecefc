"""Compressed copies: a publish build leaves ``.br`` and ``.gz`` beside every text file.

press.build.precompress writes them into the staging folder before the swap;
a rebuild links the live site's copies of unchanged files instead of
compressing them again (the same inode), and compresses an edited page anew.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli
import pytest

from press.build.precompress import COPIES, is_text
from tests.conftest import FORUM_PAGE, age, build, built_copy, copy_site


def files(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*") if p.is_file())


def originals(output: Path) -> list[Path]:
    return [p for p in files(output) if p.suffix not in COPIES]


@pytest.fixture
def site(tmp_path: Path) -> tuple[Path, Path]:
    return built_copy(tmp_path, PRESS_PRECOMPRESS=True)


def test_every_text_file_has_copies_that_decompress_to_it(site: tuple[Path, Path]) -> None:
    _content, output = site
    texts = [p for p in originals(output) if is_text(p.name)]
    kinds = {p.suffix for p in texts}
    assert {".html", ".css", ".js", ".xml", ".json", ".atom", ".rss", ".txt"} <= kinds, kinds
    for path in texts:
        data = path.read_bytes()
        assert brotli.decompress(Path(f"{path}.br").read_bytes()) == data, path
        assert gzip.decompress(Path(f"{path}.gz").read_bytes()) == data, path
    images = [p for p in originals(output) if p.suffix in (".png", ".jpg", ".webp")]
    assert images
    for path in images:
        assert not Path(f"{path}.br").exists() and not Path(f"{path}.gz").exists(), path
    # no copy of a copy, and no copy without its file
    for path in files(output):
        if path.suffix in COPIES:
            assert path.with_suffix("").is_file() and is_text(path.with_suffix("").name), path


@pytest.mark.parametrize("staging", ["new", "recycled"])
def test_a_rebuild_reuses_the_copies_of_unchanged_files(site: tuple[Path, Path], staging: str) -> None:
    """The first rebuild links the live copies into a new staging folder; a
    later one recycles the site before the live one, which keeps them."""
    content, output = site
    if staging == "recycled":
        build(content, output, PRESS_PRECOMPRESS=True, PRESS_SKIP_UNCHANGED=False)
    inodes = {p.relative_to(output).as_posix(): p.stat().st_ino for p in files(output) if p.suffix in COPIES}
    page = content / "news" / "2026-03-12-forum-osh" / "index.ru.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Ош", "Оше", 1), encoding="utf-8")
    age(content)
    build(content, output, PRESS_PRECOMPRESS=True, PRESS_SKIP_UNCHANGED=False)
    after = {p.relative_to(output).as_posix(): p.stat().st_ino for p in files(output) if p.suffix in COPIES}
    assert after.keys() == inodes.keys()
    changed = {name for name in after if after[name] != inodes[name]}
    assert f"{FORUM_PAGE}.br" in changed and f"{FORUM_PAGE}.gz" in changed
    assert "ru/about/index.html.br" not in changed
    assert "theme/css/" not in " ".join(changed)
    # most of the site is reused: only the edited item's pages, listings and feeds change
    assert len(changed) < len(after) / 2, sorted(changed)
    text = (output / FORUM_PAGE).read_bytes()
    assert brotli.decompress((output / f"{FORUM_PAGE}.br").read_bytes()) == text
    assert gzip.decompress((output / f"{FORUM_PAGE}.gz").read_bytes()) == text


def test_without_the_setting_there_are_no_copies(tmp_path: Path) -> None:
    output = build(copy_site("basic", tmp_path / "content"), tmp_path / "output")
    assert not [p for p in files(output) if p.suffix in COPIES]


def test_without_the_staging_folder_an_edited_page_gets_new_copies(tmp_path: Path) -> None:
    """PRESS_ATOMIC_OUTPUT = False: files are rewritten in place, so only their bytes tell what changed."""
    content = copy_site("basic", tmp_path / "content")
    age(content)
    output = tmp_path / "output"
    settings = {"PRESS_PRECOMPRESS": True, "PRESS_ATOMIC_OUTPUT": False, "PRESS_SKIP_UNCHANGED": False}
    build(content, output, **settings)
    about = output / "ru" / "about" / "index.html.br"
    kept = about.stat().st_ino
    page = content / "news" / "2026-03-12-forum-osh" / "index.ru.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Ош", "Оше", 1), encoding="utf-8")
    age(content)
    build(content, output, **settings)
    text = (output / FORUM_PAGE).read_bytes()
    assert brotli.decompress((output / f"{FORUM_PAGE}.br").read_bytes()) == text
    assert gzip.decompress((output / f"{FORUM_PAGE}.gz").read_bytes()) == text
    assert about.stat().st_ino == kept


def test_an_unchanged_site_with_copies_is_not_built_again(site: tuple[Path, Path]) -> None:
    """press.build.uptodate's digest of the output includes the copies written before the swap."""
    content, output = site
    before = output.stat().st_ino
    build(content, output, PRESS_PRECOMPRESS=True)
    assert output.stat().st_ino == before  # no new folder swapped in: the build returned at once


def test_the_copies_of_a_withdrawn_item_go_with_its_pages(site: tuple[Path, Path]) -> None:
    """A recycled staging folder keeps the live copies (no new link for each
    of them); those of a page this build no longer writes must not stay, or
    nginx's gzip_static would go on serving a withdrawn item."""
    content, output = site
    build(content, output, PRESS_PRECOMPRESS=True, PRESS_SKIP_UNCHANGED=False)  # now a site before the live one
    page = content / "news" / "2026-03-12-forum-osh" / "index.ru.md"
    page.write_text(page.read_text(encoding="utf-8").replace("---\n", "---\nstatus: draft\n", 1), encoding="utf-8")
    age(content)
    build(content, output, PRESS_PRECOMPRESS=True, PRESS_SKIP_UNCHANGED=False)
    assert not (output / FORUM_PAGE).exists()
    assert not (output / FORUM_PAGE).parent.exists()  # no folder left with nothing in it
    for path in files(output):
        if path.suffix in COPIES:
            assert path.with_suffix("").is_file(), path
    assert not [d for d in output.rglob("*") if d.is_dir() and not any(d.iterdir())]
