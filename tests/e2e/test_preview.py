"""make serve: a saved item shows in the live preview at once, then the full build follows.

Pelican's --autoreload keeps one Pelican instance and calls its run() after
each save; these tests drive such an instance the same way.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from tests.conftest import FORUM, ROOT, build, copy_site, pelican_for
from tests.e2e.html import all_files


def serving(content: Path, output: Path) -> Any:
    """A Pelican instance as `make serve` makes it (preview settings)."""
    return pelican_for(content, output, PRESS_PREVIEW=True)


def serving_own_theme(tmp_path: Path) -> tuple[Any, Path, Path]:
    """A preview of the basic site with a copy of the theme to save changes
    into, built once: (Pelican, theme folder, output folder)."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    output = tmp_path / "preview"
    pelican = serving(copy_site("basic", tmp_path / "content"), output)
    pelican.settings["THEME"] = pelican.theme = str(theme)
    pelican.run()
    return pelican, theme, output


def saved_now(pelican: Any) -> dict[str, tuple[int, int]]:
    """The content's Markdown files as the next run's scan (press.build.uptodate) finds them."""
    from press.build import preview, uptodate

    files: dict[str, tuple[int, int]] = {}
    uptodate.inputs(pelican, files)
    return preview.markdown_files(files)


def test_a_saved_item_is_shown_before_the_full_build(tmp_path: Path) -> None:
    from press import state
    from press.build import preview

    content = copy_site("basic", tmp_path / "content")
    output = tmp_path / "preview"
    pelican = serving(content, output)
    pelican.run()
    stamp = (output / preview.STAMP).read_text(encoding="ascii")
    feed_before = (output / "ru/news/feed.atom").read_bytes()
    english_before = (output / "en/news/index.html").read_bytes()

    ru = content / FORUM / "index.ru.md"
    text = ru.read_text(encoding="utf-8").replace("В Оше прошёл форум", "В Оше прошёл второй форум")
    ru.write_text(text.replace("собрал 200 участников", "собрал 250 участников"), encoding="utf-8")
    before = state.of(pelican).preview_sources
    assert preview.first_look(pelican, before, saved_now(pelican)) >= 3
    page = (output / "ru/news/forum-osh/index.html").read_text(encoding="utf-8")
    assert "второй форум" in page and "250 участников" in page
    assert (output / preview.STAMP).read_text(encoding="ascii") != stamp  # open pages reload
    # the listings that show the item's card show the new title at once
    for listing in ("ru/index.html", "ru/news/index.html", "ru/regions/osh/index.html"):
        assert "250 участников" in (output / listing).read_text(encoding="utf-8"), listing
    # other languages' pages and the feeds wait for the full build
    assert (output / "en/news/index.html").read_bytes() == english_before
    assert (output / "ru/news/feed.atom").read_bytes() == feed_before

    pelican.run()  # what --autoreload does next: the full build, equal to a clean one
    served = {p.relative_to(output).as_posix(): p.read_bytes() for p in all_files(output)}
    clean = build(content, tmp_path / "clean" / "preview", PRESS_PREVIEW=True)
    expected = {p.relative_to(clean).as_posix(): p.read_bytes() for p in all_files(clean)}
    assert sorted(served) == sorted(expected)
    assert [n for n in expected if n != preview.STAMP and served[n] != expected[n]] == []


def test_a_new_file_waits_for_the_full_build(tmp_path: Path) -> None:
    from press import state
    from press.build import preview

    content = copy_site("basic", tmp_path / "content")
    output = tmp_path / "preview"
    pelican = serving(content, output)
    pelican.run()
    shutil.copy(content / FORUM / "index.ru.md", content / FORUM / "index.tg.md")
    before = state.of(pelican).preview_sources
    assert preview.first_look(pelican, before, saved_now(pelican)) == 0
    assert not (output / "tg/news/forum-osh/index.html").exists()


def test_a_published_build_keeps_no_site_in_memory(tmp_path: Path) -> None:
    from press.build import render

    content = copy_site("basic", tmp_path / "content")
    pelican = pelican_for(content, tmp_path / "output")
    pelican.run()
    assert (tmp_path / "output/ru/news/forum-osh/index.html").is_file()
    assert render.content_jobs(pelican) == []  # only a preview holds the last build's pages
