"""A mistake in the content stops the build, names the file and field, and leaves the live site alone.

Each case builds the basic fixture site once (the live site), then introduces
one mistake and builds again: the build must fail with :class:`ContentError`
whose message points at the file (relative to the content folder) and field,
and the output folder must be byte-for-byte what the good build wrote.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from press.log import ContentError
from tests.conftest import FORUM, build, copy_site, edit, press_command, snapshot


def broken_yaml(content: Path) -> None:
    edit(content / f"{FORUM}/index.ru.md", "summary: Главы", "summary: Итоги: главы")


def missing_title(content: Path) -> None:
    edit(content / f"{FORUM}/index.en.md", "title: Local government forum in Osh gathers 200 participants\n", "")


def unparseable_date(content: Path) -> None:
    edit(content / f"{FORUM}/index.ru.md", "date: 2026-03-12 10:30", "date: 12 марта 2026")


def unknown_project(content: Path) -> None:
    edit(content / f"{FORUM}/index.ru.md", "projects: [local-budgets]", "projects: [local-budget]")


def unknown_region(content: Path) -> None:
    edit(content / "news/2026-04-02-water-kyzyl-kiya/index.ky.md", "regions: [batken]", "regions: [chui]")


def unconfigured_language(content: Path) -> None:
    (content / FORUM / "index.de.md").write_text("---\ntitle: Forum in Osch\n---\nText.\n", encoding="utf-8")


def missing_gallery_file(content: Path) -> None:
    edit(content / f"{FORUM}/index.ky.md", "- {file: panel.png}", "- {file: pannel.png}")


def cover_not_an_image(content: Path) -> None:
    (content / "news/2026-05-05-draft-item/secret.png").write_text("not a picture\n", encoding="utf-8")


def duplicate_slug(content: Path) -> None:
    (content / "news/2026-04-02-water-kyzyl-kiya").rename(content / "news/2026-04-02-forum-osh")


def event_ends_before_start(content: Path) -> None:
    edit(content / "announcements/2026-02-01-training/index.ru.md", 'end: "2026-02-10 17:00"', 'end: "2026-02-09 17:00"')


def path_leaves_the_folder(content: Path) -> None:
    edit(content / f"{FORUM}/index.ru.md", "regions: [osh]\n", "regions: [osh]\ncover: ../2026-05-05-draft-item/secret.png\n")


def _append_body(content: Path, line: str) -> None:
    path = content / FORUM / "index.ru.md"
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def body_image_missing(content: Path) -> None:
    _append_body(content, "![Зал](hal.png)")


def body_image_not_an_image(content: Path) -> None:
    (content / FORUM / "agenda.jpg").write_bytes(b"%PDF-1.4 a programme renamed to .jpg\n")
    _append_body(content, "![Программа](agenda.jpg)")


def body_image_of_a_held_item(content: Path) -> None:
    _append_body(content, "![Секрет](../../press-releases/2030-01-01-embargoed-release/secret.png)")


def body_image_bomb(content: Path) -> None:
    from PIL import Image

    Image.new("L", (4000, 4000)).save(content / FORUM / "huge.png")  # 16 million pixels, over the limit set below
    _append_body(content, "![Огромное](huge.png)")


def misspelt_field(content: Path) -> None:
    edit(content / f"{FORUM}/index.ru.md", "regions: [osh]\n", 'regions: [osh]\nembargoo: "2030-01-01 09:00"\n')


def tab_in_front_matter(content: Path) -> None:
    edit(content / f"{FORUM}/index.ru.md", "  - {file: panel.png", "\t- {file: panel.png")


def quote_never_closed(content: Path) -> None:
    edit(content / f"{FORUM}/index.ru.md", "summary: Главы", 'summary: "Главы')


def podcast_without_audio(content: Path) -> None:
    folder = content / "podcasts/2026-06-01-episode-1"
    folder.mkdir(parents=True)
    (folder / "index.ru.md").write_text("---\ntitle: Выпуск 1\ndate: 2026-06-01 10:00\naudio:\n---\nО бюджете.\n", encoding="utf-8")


def featured_not_a_flag(content: Path) -> None:
    edit(content / f"{FORUM}/index.ru.md", "regions: [osh]\n", "regions: [osh]\nfeatured: yes please\n")


CASES: list[tuple[Callable[[Path], None], str, list[str]]] = [
    # (mistake, file or folder named, further words the message must contain)
    (broken_yaml, f"{FORUM}/index.ru.md:5:", ["not valid YAML"]),
    (missing_title, f"{FORUM}/index.en.md: title:", ["missing"]),
    (unparseable_date, f"{FORUM}/index.ru.md:3: date:", ["found '12 марта 2026'"]),
    (unknown_project, f"{FORUM}/index.ru.md:6: projects:", ["unknown project 'local-budget'", "did you mean 'local-budgets'?"]),
    (unknown_region, "news/2026-04-02-water-kyzyl-kiya/index.ky.md:4: regions:", ["unknown region 'chui'"]),
    (unconfigured_language, f"{FORUM}/index.de.md:", ["language 'de' is not configured"]),
    (missing_gallery_file, f"{FORUM}/index.ky.md:7: gallery:", ["'pannel.png' not found"]),
    (cover_not_an_image, "news/2026-05-05-draft-item/index.ru.md:5: cover:", ["'secret.png' is not a readable image"]),
    (duplicate_slug, "news/2026-03-12-forum-osh:", ["news/2026-04-02-forum-osh", "slug 'forum-osh'"]),
    (event_ends_before_start, "announcements/2026-02-01-training/index.ru.md:4: event.end:", ["ends (2026-02-09 17:00) before it starts"]),
    (path_leaves_the_folder, f"{FORUM}/index.ru.md:8: cover:", ["'../2026-05-05-draft-item/secret.png' leaves the item's folder"]),
    (body_image_missing, f"{FORUM}/index.ru.md:", ["body: file 'hal.png' not found in the item's folder"]),
    (body_image_not_an_image, f"{FORUM}/index.ru.md:", ["body: 'agenda.jpg' is not a readable image"]),
    (body_image_of_a_held_item, f"{FORUM}/index.ru.md:", ["body: the image '../../press-releases/2030-01-01-embargoed-release/secret.png' is a photo of a held item (embargo until 2030-01-01 09:00 (Asia/Bishkek))"]),
    (body_image_bomb, f"{FORUM}/index.ru.md:", ["body: 'huge.png' is too large to process safely"]),
    (tab_in_front_matter, f"{FORUM}/index.ru.md:13:", ["a tab character at line 13; indent with spaces"]),
    (quote_never_closed, f"{FORUM}/index.ru.md:5:", ["the quote opened at line 5 is never closed"]),
    (podcast_without_audio, "podcasts/2026-06-01-episode-1/index.ru.md:4: audio:", ["a podcast needs 'audio:'"]),
    (misspelt_field, f"{FORUM}/index.ru.md:8: embargoo:", ["'embargoo' is not a field; did you mean 'embargo'?"]),
    (featured_not_a_flag, f"{FORUM}/index.ru.md:8: featured:", ["found 'yes please'; expected true or false"]),
]  # fmt: skip


@pytest.fixture(autouse=True)
def small_image_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pillow's decompression-bomb limit at 4 million pixels: the bomb case stays small."""
    from PIL import Image

    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 4_000_000)


@pytest.mark.parametrize(("mistake", "place", "words"), CASES, ids=[c[0].__name__ for c in CASES])
def test_bad_input_stops_the_build_and_keeps_the_output(
    tmp_path: Path, mistake: Callable[[Path], None], place: str, words: list[str]
) -> None:
    content = copy_site("basic", tmp_path / "content")
    output = tmp_path / "output"
    build(content, output)
    before = snapshot(output)
    assert "ru/news/forum-osh/index.html" in before  # the good build wrote the site

    mistake(content)
    with pytest.raises(ContentError) as excinfo:
        build(content, output)

    error = excinfo.value
    assert isinstance(error, SystemExit)
    message = str(error)
    assert "the site was not built and the previous output is unchanged" in message
    assert place in message, message
    for word in words:
        assert word in message, message
    assert place.split(":", 1)[0] in {p.path for p in error.problems}
    assert all(p.severity == "error" for p in error.problems)
    # the live output is exactly what the good build wrote
    assert snapshot(output) == before
    assert not (tmp_path / "output.previous").exists()


def test_fixing_the_mistake_builds_again(tmp_path: Path) -> None:
    """After a failed build the next good build replaces the output as usual."""
    content = copy_site("basic", tmp_path / "content")
    output = tmp_path / "output"
    build(content, output)
    unknown_project(content)
    with pytest.raises(ContentError):
        build(content, output)
    edit(content / f"{FORUM}/index.ru.md", "projects: [local-budget]", "projects: [local-budgets]")
    edit(content / f"{FORUM}/index.ru.md", "title: Форум МСУ в Оше собрал 200 участников", "title: Форум в Оше")
    build(content, output)
    page = (output / "ru/news/forum-osh/index.html").read_text(encoding="utf-8")
    assert "Форум в Оше" in page
    assert "Форум МСУ в Оше собрал 200 участников" not in page


def check_errors(content: Path) -> tuple[int, list[str]]:
    """The errors ``make check`` prints, as lines, and its exit status."""
    status, text, _err = press_command(content, "check")
    block = text.split("(the build would stop):\n", 1)[1].split("\n\n", 1)[0] if "would stop" in text else ""
    return status, [line.strip() for line in block.splitlines()]


@pytest.mark.parametrize(("mistake", "place", "words"), CASES, ids=[c[0].__name__ for c in CASES])
def test_check_reports_exactly_what_the_build_stops_on(
    tmp_path: Path, mistake: Callable[[Path], None], place: str, words: list[str]
) -> None:
    content = copy_site("basic", tmp_path / "content")
    mistake(content)
    status, checked = check_errors(content)
    with pytest.raises(ContentError) as excinfo:
        build(content, tmp_path / "output")
    built = [line.strip() for line in str(excinfo.value).splitlines()[1:]]
    assert status == 1
    assert checked == built
