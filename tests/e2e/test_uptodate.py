"""A build with nothing new returns at once; anything new, or time passing, builds.

press.build.uptodate compares what a build reads (content, settings, code, theme,
libraries) and the live output with the stamp of the last build. These tests
age the content's mtimes first: a file saved within two seconds of a build
never lets that build stamp the site (coarse filesystem clocks).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import age, build, copy_site

FORUM_PAGE = "ru/news/forum-osh/index.html"


def state(output: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and mtime: a skipped build touches none of them."""
    return {
        p.relative_to(output).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(output.rglob("*"))
        if p.is_file()
    }


def built(output: Path, build_it: Callable[[], object]) -> bool:
    """Whether ``build_it()`` built: a build swaps a new folder in (press.build.atomic_output)."""
    before = output.stat().st_ino
    build_it()
    return output.stat().st_ino != before


def stamps(cache: Path) -> list[Path]:
    return sorted(cache.glob("uptodate-*.json"))


@pytest.fixture
def site(tmp_path: Path) -> tuple[Path, Path]:
    content = copy_site("basic", tmp_path / "content")
    age(content)
    output = tmp_path / "output"
    build(content, output)
    return content, output


def test_an_unchanged_site_is_not_built_again(site: tuple[Path, Path]) -> None:
    content, output = site
    assert stamps(output.parent / "output.cache")
    before = state(output)
    assert not built(output, lambda: build(content, output))
    assert state(output) == before


def test_turned_off_it_builds_and_gives_the_same_bytes(site: tuple[Path, Path]) -> None:
    content, output = site
    before = {name: data for name, (data, _) in state(output).items()}
    assert built(output, lambda: build(content, output, PRESS_SKIP_UNCHANGED=False))
    assert {name: data for name, (data, _) in state(output).items()} == before


def test_an_edit_builds(site: tuple[Path, Path]) -> None:
    content, output = site
    ru = content / "news/2026-03-12-forum-osh/index.ru.md"
    text = ru.read_text(encoding="utf-8")
    ru.write_text(text.replace("В Оше прошёл форум", "В Оше прошёл большой форум"), encoding="utf-8")
    age(content, 1800)  # an old mtime: the size and the mtime both differ from the stamp's
    assert built(output, lambda: build(content, output))
    assert "прошёл большой форум" in (output / FORUM_PAGE).read_text(encoding="utf-8")


def test_a_page_deleted_by_hand_is_built_again(site: tuple[Path, Path]) -> None:
    content, output = site
    before = (output / FORUM_PAGE).read_bytes()
    (output / FORUM_PAGE).unlink()
    build(content, output)
    assert (output / FORUM_PAGE).read_bytes() == before


def test_a_changed_setting_builds(site: tuple[Path, Path]) -> None:
    content, output = site
    assert built(output, lambda: build(content, output, PRESS_FEED_SIZE=5))


def test_a_build_right_after_a_save_leaves_no_stamp(tmp_path: Path) -> None:
    content = copy_site("basic", tmp_path / "content")
    age(content)
    (content / "news/2026-03-12-forum-osh/index.ru.md").touch()  # saved just now
    output = tmp_path / "output"
    build(content, output)
    assert stamps(tmp_path / "output.cache") == []
    assert built(output, lambda: build(content, output))


def test_a_lifting_embargo_ends_the_stamp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from press.content import timeline

    content = copy_site("basic", tmp_path / "content")
    lift = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1)).astimezone(dt.timezone(dt.timedelta(hours=6)))
    bundle = content / "news/2026-11-20-tariff-decision"
    bundle.mkdir()
    (bundle / "index.ru.md").write_text(
        f"---\ntitle: Решение по тарифам\ndate: 2026-11-20 10:00\nembargo: {lift:%Y-%m-%d %H:%M}\n---\n"
        "Кенеш утвердил новые тарифы на воду.\n",
        encoding="utf-8",
    )
    age(content)
    output = tmp_path / "output"
    build(content, output)
    assert not (output / "ru/news/tariff-decision").exists()
    [stamp] = stamps(tmp_path / "output.cache")
    assert stamp.read_text(encoding="utf-8").count(lift.strftime("%Y-%m-%dT%H:%M")) == 1

    assert not built(output, lambda: build(content, output))  # still before the lift
    monkeypatch.setattr(timeline, "now", lambda press: lift.astimezone(press.zone) + dt.timedelta(minutes=1))
    assert built(output, lambda: build(content, output))  # the lift has passed
    assert (output / "ru/news/tariff-decision/index.html").is_file()


def test_an_edit_inside_a_symlinked_folder_builds(tmp_path: Path) -> None:
    content = copy_site("basic", tmp_path / "content")
    elsewhere = tmp_path / "shared" / "2026-11-02-shared-note"
    elsewhere.mkdir(parents=True)
    note = elsewhere / "index.ru.md"
    note.write_text("---\ntitle: Общая заметка\ndate: 2026-11-02 09:00\n---\nПервый вариант.\n", encoding="utf-8")
    (content / "news/2026-11-02-shared-note").symlink_to(elsewhere, target_is_directory=True)
    age(content)
    age(elsewhere)
    output = tmp_path / "output"
    build(content, output)
    assert "Первый вариант" in (output / "ru/news/shared-note/index.html").read_text(encoding="utf-8")
    note.write_text(note.read_text(encoding="utf-8").replace("Первый", "Второй"), encoding="utf-8")
    age(elsewhere, 1800)
    assert built(output, lambda: build(content, output))
    assert "Второй вариант" in (output / "ru/news/shared-note/index.html").read_text(encoding="utf-8")


def test_after_an_edit_the_next_run_is_not_built_again(site: tuple[Path, Path]) -> None:
    """The stamp's digest of the output is taken while Pagefind indexes the edit;
    the search bundle it writes afterwards is walked again after the swap."""
    content, output = site
    ru = content / "news/2026-03-12-forum-osh/index.ru.md"
    ru.write_text(ru.read_text(encoding="utf-8") + "\nДобавлен абзац о форуме.\n", encoding="utf-8")
    age(content, 1800)
    search_before = state(output / "pagefind")
    assert built(output, lambda: build(content, output))
    assert state(output / "pagefind") != search_before  # indexed again, before the swap
    before = state(output)
    assert not built(output, lambda: build(content, output))
    assert state(output) == before


def test_an_edited_template_builds_with_the_new_template(site: tuple[Path, Path], tmp_path: Path) -> None:
    """Compiled templates are cached (Jinja's bytecode cache); an edit is compiled anew."""
    content, output = site
    overrides = tmp_path / "templates"
    overrides.mkdir()
    original = (Path(__file__).parents[2] / "theme/templates/article.html").read_text(encoding="utf-8")
    assert "{% block content %}" in original
    for version in ("first", "second"):
        (overrides / "article.html").write_text(
            original.replace("{% block content %}", f"{{% block content %}}<p>template: {version}</p>", 1),
            encoding="utf-8",
        )
        age(overrides, 1800 if version == "first" else 900)
        assert built(output, lambda: build(content, output, THEME_TEMPLATES_OVERRIDES=[str(overrides)]))
        assert f"template: {version}" in (output / FORUM_PAGE).read_text(encoding="utf-8")
    assert list((output.parent / "output.cache" / "jinja").iterdir())
