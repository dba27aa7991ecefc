"""Incremental builds: reused pages and cached bodies never go stale.

After edits, deletions, renames and translation changes, a rebuild that
reuses the previous output must give exactly the bytes of a clean build on
the plain path (``PRESS_INCREMENTAL = False``: Pelican's writer, no cache,
no guess; see tests/e2e/test_plain_build.py).
"""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, build, built_copy, child_processes, copy_site, snapshot


def clean_build(content: Path, where: Path, **overrides: object) -> dict[str, bytes]:
    shutil.rmtree(where, ignore_errors=True)
    return snapshot(build(content, where / "output", PRESS_INCREMENTAL=False, **overrides))


def rendered_count(caplog: pytest.LogCaptureFixture) -> tuple[int, int]:
    for record in reversed(caplog.records):
        if record.getMessage().startswith("rendered "):
            words = record.getMessage().split()
            return int(words[1]), int(words[4])
    raise AssertionError("no render summary logged")


def test_no_change_rebuild_renders_nothing_and_changes_nothing(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    content = copy_site("basic", tmp_path / "content")
    output = tmp_path / "output"
    first = snapshot(build(content, output))
    caplog.set_level(logging.INFO, logger="pressroom")
    # a full run, not press.build.uptodate's early return (tests/e2e/test_uptodate.py)
    second = snapshot(build(content, output, PRESS_SKIP_UNCHANGED=False))
    rendered, reused = rendered_count(caplog)
    assert rendered == 0 and reused > 20
    assert second == first


def test_local_edits_reuse_the_rest_and_equal_a_clean_build(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    content = copy_site("basic", tmp_path / "content")
    output = tmp_path / "output"
    build(content, output)
    forum = content / "news/2026-03-12-forum-osh"
    ru = forum / "index.ru.md"
    ru.write_text(ru.read_text(encoding="utf-8").replace("В Оше прошёл форум", "В Оше с успехом прошёл форум"), encoding="utf-8")
    en = forum / "index.en.md"
    en.write_text(en.read_text(encoding="utf-8").replace("gathers 200 participants", "gathered 200 people"), encoding="utf-8")
    caplog.set_level(logging.INFO, logger="pressroom")
    incremental = snapshot(build(content, output))
    rendered, reused = rendered_count(caplog)
    assert rendered > 0 and reused > 0
    expected = clean_build(content, tmp_path / "clean")
    assert sorted(incremental) == sorted(expected)
    assert [name for name in expected if incremental[name] != expected[name]] == []
    assert "gathered 200 people".encode() in incremental["en/index.html"]


def test_deletes_renames_and_new_translations_equal_a_clean_build(tmp_path: Path) -> None:
    content = copy_site("basic", tmp_path / "content")
    output = tmp_path / "output"
    build(content, output)
    forum = content / "news/2026-03-12-forum-osh"
    (forum / "index.tg.md").write_text("---\ntitle: Форуми ҲМ дар Ош\n---\nДар Ош форум баргузор шуд.\n", encoding="utf-8")
    shutil.rmtree(content / "announcements/2026-02-01-training")
    (content / "press-releases/2026-06-01-budget-hearings").rename(content / "press-releases/2026-06-01-hearings-in-40-municipalities")
    project = content / "projects/local-budgets/index.ky.md"
    project.write_text(project.read_text(encoding="utf-8").replace("Жергиликтүү бюджеттер элге", "Элге ачык бюджет"), encoding="utf-8")

    incremental = snapshot(build(content, output))
    expected = clean_build(content, tmp_path / "clean")
    assert sorted(incremental) == sorted(expected)
    assert [name for name in expected if incremental[name] != expected[name]] == []
    assert "Элге ачык бюджет".encode() in incremental["ky/news/forum-osh/index.html"]
    assert "ru/announcements/training/index.html" not in incremental
    assert "ru/press-releases/hearings-in-40-municipalities/index.html" in incremental


def test_a_template_change_renders_everything_again(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    content = copy_site("basic", tmp_path / "content")
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    output = tmp_path / "output"
    build(content, output, THEME=str(theme))
    base = theme / "templates/base.html"
    base.write_text(base.read_text(encoding="utf-8").replace('<main id="main"', '<main data-edited="yes" id="main"'), encoding="utf-8")
    caplog.set_level(logging.INFO, logger="pressroom")
    result = snapshot(build(content, output, THEME=str(theme)))
    rendered, reused = rendered_count(caplog)
    assert reused == 0 and rendered > 20
    assert b'data-edited="yes"' in result["ru/news/forum-osh/index.html"]


def test_markdown_cache_serves_the_edited_body(tmp_path: Path) -> None:
    content = copy_site("basic", tmp_path / "content")
    output = tmp_path / "output"
    build(content, output)
    ru = content / "news/2026-03-12-forum-osh/index.ru.md"
    ru.write_text(ru.read_text(encoding="utf-8").replace("Данные оргкомитета.", "Данные оргкомитета форума."), encoding="utf-8")
    result = snapshot(build(content, output))
    assert "Данные оргкомитета форума.".encode() in result["ru/news/forum-osh/index.html"]


def test_a_preview_rebuild_reuses_pages_and_equals_a_clean_preview(tmp_path: Path) -> None:
    content = copy_site("basic", tmp_path / "content")
    output = tmp_path / "preview"
    build(content, output, PRESS_PREVIEW=True)
    ru = content / "news/2026-03-12-forum-osh/index.ru.md"
    ru.write_text(ru.read_text(encoding="utf-8").replace("В Оше прошёл форум", "В Оше прошёл второй форум"), encoding="utf-8")
    incremental = snapshot(build(content, output, PRESS_PREVIEW=True))
    # a reused page is a hard link to the page of the build before (kept in preview.previous/)
    reused = [p for p in output.rglob("*.html") if p.stat().st_nlink > 1]
    assert len(reused) > 20
    assert (output / "ru/news/forum-osh/index.html").stat().st_nlink == 1
    shutil.rmtree(tmp_path / "clean", ignore_errors=True)
    expected = snapshot(build(content, tmp_path / "clean" / "preview", PRESS_PREVIEW=True, PRESS_INCREMENTAL=False))
    stamp = "preview-build.txt"  # the build's own time, for open pages to reload
    assert sorted(incremental) == sorted(expected)
    assert [name for name in expected if name != stamp and incremental[name] != expected[name]] == []
    assert "второй форум".encode() in incremental["ru/news/forum-osh/index.html"]


def folders(output: Path) -> list[str]:
    return sorted(str(p.relative_to(output)) for p in output.rglob("*") if p.is_dir())


def test_recycled_staging_folders_build_clean_sites_and_leave_the_live_one_alone(tmp_path: Path) -> None:
    """From the third build on, the site before the last one is the staging
    folder (press.build.atomic_output): every build still equals a clean one, file
    for file and folder for folder, and the site it replaces stays as it was."""
    content = copy_site("basic", tmp_path / "content")
    output, previous = tmp_path / "output", tmp_path / "output.previous"
    forum = content / "news/2026-03-12-forum-osh/index.ru.md"

    def retitle(new: str) -> None:
        text = forum.read_text(encoding="utf-8")
        forum.write_text(text.replace("title: ", f"title: {new} ", 1), encoding="utf-8")

    def to_draft(folder: str) -> None:
        for source in (content / folder).glob("index.*.md"):
            source.write_text(source.read_text(encoding="utf-8").replace("---\n", "---\nstatus: draft\n", 1), encoding="utf-8")

    # A change to what every page shows (a section left empty) renders all
    # pages anew, and the build after it starts afresh: two edits follow each.
    steps = [
        lambda: retitle("Первое"),
        lambda: retitle("Второе"),
        lambda: to_draft("press-releases/2026-06-01-budget-hearings"),
        lambda: retitle("Третье"),
        lambda: retitle("Опять"),
        lambda: shutil.rmtree(content / "announcements/2026-02-01-training"),
        lambda: retitle("Снова"),
        lambda: retitle("Четвёртое"),
    ]
    build(content, output)
    recycled = []
    for number, change in enumerate(steps):
        live = snapshot(output)
        change()
        before = None
        if previous.exists():  # a file no build wrote must not survive into the next site
            (previous / "ru" / "stray.html").write_text("left over", encoding="utf-8")
            before = previous.stat().st_ino
        incremental = snapshot(build(content, output))
        # recycled: the folder was renamed into staging, then into place (not
        # told by the log line: Pelican's filter drops a line seen before)
        recycled += [number] if output.stat().st_ino == before else []
        expected = clean_build(content, tmp_path / f"clean-{number}")
        assert sorted(incremental) == sorted(expected), f"step {number}"
        assert [name for name in expected if incremental[name] != expected[name]] == [], f"step {number}"
        assert folders(output) == folders(tmp_path / f"clean-{number}" / "output"), f"step {number}"
        assert snapshot(previous) == live, f"step {number}: the replaced site changed while the new one was built"
    assert recycled == [1, 2, 4, 5, 7]  # the draft and the deletion among them
    assert "ru/press-releases/budget-hearings/index.html" not in incremental
    assert "ru/announcements/training/index.html" not in incremental
    assert "Четвёртое".encode() in incremental["ru/news/forum-osh/index.html"]


def test_a_new_tag_or_month_renders_only_what_shows_it(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A tag or month seen for the first time adds listings and feeds; the
    pages that link them are rendered again, the other pages are reused, and
    the site equals a clean build."""
    content = copy_site("basic", tmp_path / "content")
    output = tmp_path / "output"
    build(content, output)
    folder = content / "news/2026-09-15-new-tag-new-month"
    folder.mkdir()
    (folder / "index.ru.md").write_text(
        "---\ntitle: Новый тег и новый месяц\ndate: 2026-09-15 10:00\nregions: [osh]\n"
        "tags: [водоснабжение-новое]\n---\nВ Оше открыли новый водопровод.\n",
        encoding="utf-8",
    )
    caplog.set_level(logging.INFO, logger="pressroom")
    incremental = snapshot(build(content, output))
    rendered, reused = rendered_count(caplog)
    expected = clean_build(content, tmp_path / "clean")
    assert sorted(incremental) == sorted(expected)
    assert [name for name in expected if incremental[name] != expected[name]] == []
    assert any(name.startswith("ru/tags/") and "/index.html" in name and "vodosnabzhenie" in name for name in incremental)
    assert reused > 0, "every page was rendered again"
    # the English and Kyrgyz item pages show nothing of a Russian item
    assert reused >= sum(1 for name in expected if name.startswith(("en/news/", "ky/news/")))


def guesses(caplog: pytest.LogCaptureFixture) -> list[str]:
    """What press.outputs.search said of its early guesses (right or wrong)."""
    said = (record.getMessage() for record in caplog.records)
    return [m.rsplit(" ", 1)[1] for m in said if m.startswith("search: the early guess for ")]


def guessed_from(caplog: pytest.LogCaptureFixture) -> list[str]:
    """What each guess was made from (the loaded site, the only source left)."""
    said = (record.getMessage() for record in caplog.records)
    return [found[1] for m in said if (found := re.search(r" copies guessed for .* from (the [a-z ]+);", m))]


def built_release(tmp_path: Path, stamped: bool = True) -> tuple[Path, Path, Path]:
    """The basic site, built once; its content, output and Russian press release.
    ``stamped``: the content was saved a while before the build, so the
    build stamps the site and the next build's scan finds what was saved
    since; otherwise it was saved just before, and no stamp is written."""
    content, output = built_copy(tmp_path, saved_ago=3600 if stamped else 0)
    return content, output, content / "press-releases/2026-06-01-budget-hearings/index.ru.md"


def add_a_paragraph(release: Path, text: str | None = None) -> str:
    """Add a paragraph to the body (of ``text`` if given); return the file's text before."""
    before = release.read_text(encoding="utf-8")
    release.write_text((text or before) + "\nСлушания в Жалал-Абаде перенесены на июль.\n", encoding="utf-8")
    return before


def assert_same_files(incremental: dict[str, bytes], expected: dict[str, bytes]) -> None:
    assert sorted(incremental) == sorted(expected)
    assert [name for name in expected if incremental[name] != expected[name]] == []


@pytest.mark.parametrize("stamped", [True, False])
def test_a_body_edit_is_indexed_from_a_guess_and_equals_a_clean_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, stamped: bool
) -> None:
    content, output, release = built_release(tmp_path, stamped)
    add_a_paragraph(release)
    caplog.set_level(logging.DEBUG, logger="pressroom")
    incremental = snapshot(build(content, output))
    # Pagefind started on the guessed copies before a page was rendered, and the guess held
    assert guessed_from(caplog) == ["the loaded site"]
    assert guesses(caplog) == ["right"]
    assert_same_files(incremental, clean_build(content, tmp_path / "clean"))


def test_a_guess_that_misses_a_link_is_dropped(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    content, output, release = built_release(tmp_path)
    # only the body changed, but the link becomes the other item's address
    before = release.read_text(encoding="utf-8")
    release.write_text(before + "\nСм. также [форум в Оше](../../news/2026-03-12-forum-osh/index.ru.md).\n", encoding="utf-8")
    caplog.set_level(logging.DEBUG, logger="pressroom")
    incremental = snapshot(build(content, output))
    assert guessed_from(caplog) == ["the loaded site"]
    assert guesses(caplog) == ["wrong"]
    assert_same_files(incremental, clean_build(content, tmp_path / "clean"))


def test_a_wrong_guess_is_dropped_and_the_index_equals_a_clean_build(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    content, output, release = built_release(tmp_path)
    add_a_paragraph(release)
    # the body alone changed in the item's file, but its region's name is on its page too
    regions = content / "data/regions.yml"
    regions.write_text(regions.read_text(encoding="utf-8").replace("Ошская область", "Ошская обл."), encoding="utf-8")
    caplog.set_level(logging.DEBUG, logger="pressroom")
    incremental = snapshot(build(content, output))
    assert guessed_from(caplog) == ["the loaded site"]
    assert guesses(caplog) == ["wrong"]
    assert_same_files(incremental, clean_build(content, tmp_path / "clean"))


@pytest.mark.parametrize("stamped", [True, False])
def test_a_build_that_fails_after_its_guess_leaves_nothing_stale(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, stamped: bool
) -> None:
    content, output, release = built_release(tmp_path, stamped)
    original = add_a_paragraph(release)
    # the cache goes bad under another page's index copy: a file where its
    # folder was, so the build stops once the guess is made, bringing the copies up to date
    [copies] = (tmp_path / "output.cache").glob("*-search/pages")
    broken = copies / "ky/news/water-kyzyl-kiya"
    shutil.rmtree(broken)
    broken.write_text("not a folder", encoding="utf-8")

    def pagefinds() -> set[int]:
        return {pid for pid, name in child_processes().items() if "pagefind" in name}

    caplog.set_level(logging.DEBUG, logger="pressroom")
    before = pagefinds()
    with pytest.raises(OSError):
        build(content, output)
    assert any(r.getMessage().startswith("search: 1 copies guessed") for r in caplog.records)
    # the guess's Pagefind was stopped (and reaped), not left writing into its scratch folder
    assert pagefinds() <= before
    # the cache is mended and the edit undone: the guessed copy must not be indexed as the page's
    broken.unlink()
    release.write_text(original, encoding="utf-8")
    incremental = snapshot(build(content, output))
    assert_same_files(incremental, clean_build(content, tmp_path / "clean"))


def test_no_guess_when_the_front_matter_changed_too(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    content, output, release = built_release(tmp_path)
    add_a_paragraph(release, release.read_text(encoding="utf-8").replace("пройдут в 40", "пройдут в 42"))
    caplog.set_level(logging.DEBUG, logger="pressroom")
    incremental = snapshot(build(content, output))
    # the title is on the page too: a guess from the body alone would be wrong
    assert not any("copies guessed" in r.getMessage() for r in caplog.records)
    assert guesses(caplog) == []
    assert incremental == clean_build(content, tmp_path / "clean")
