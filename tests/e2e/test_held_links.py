"""Links in a text to other items' folders: pages, never files, and nothing of a held item.

A published item of the basic fixture site links, as press officers write
links, to a draft's folder, to an embargoed release's ``index.ru.md``, to a
gallery item's folder and to a Kyrgyz-only item; its folder also holds a
document it links to, one it declares as an attachment and one it names
nowhere. The built site must hold no content source and no original photo,
no trace of the held items (pages, feeds, sitemaps, the search index, file
names), item links that open the item's page in the page's language, and
only the documents that published items declare. ``make check`` and the
build warn with the same words, and the links appear once the items are
published, in an incremental build as in a clean one.
"""

from __future__ import annotations

import gzip
import logging
import shutil
from pathlib import Path

import pytest

from tests.conftest import FORUM, SITES, age, build, copy_site, press_command, pressroom_log
from tests.e2e.html import all_files, page
from tests.photos import SECRETS, camera_jpeg, png_with_alpha

pytestmark = pytest.mark.slow

HELD_MARKERS = ["СЕКРЕТНЫЙ-ЧЕРНОВИК", "SECRET-DRAFT", "ЭМБАРГО-РЕЛИЗ", "draft-item", "embargoed-release", "secret.png",
                "Этот текст не должен", "Итоги года под эмбарго"]  # fmt: skip
LINKS = (
    "\n\nСм. [черновик](../2026-05-05-draft-item/), [релиз](../../press-releases/2030-01-01-embargoed-release/index.ru.md),"
    " [фото](../../galleries/2026-08-20-photo-day/), [воду](../2026-04-02-water-kyzyl-kiya/) и [слушания](../../press-releases/2026-06-01-budget-hearings/index.en.md).\n"
    "\n[Доклад](report.pdf), [заметки](notes.yml) и [папка](../).\n"
)


def readable(path: Path) -> bytes:
    """A file's bytes as a reader of it sees them: Pagefind's files are gzip."""
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


@pytest.fixture
def content(tmp_path: Path) -> Path:
    site = copy_site("basic", tmp_path / "content")
    shutil.copytree(SITES / "gallery" / "galleries", site / "galleries")
    for name in ("p01.jpg", "p02.jpg", "p04.jpg", "unused.jpg"):
        camera_jpeg(site / "galleries/2026-08-20-photo-day" / name, (800, 600))
    png_with_alpha(site / "galleries/2026-08-20-photo-day/p03.png", (800, 600))
    forum = site / FORUM
    index = forum / "index.ru.md"
    index.write_text(index.read_text(encoding="utf-8") + LINKS, encoding="utf-8")
    (forum / "notes.yml").write_text("Внутренние заметки, не для сайта.\n", encoding="utf-8")
    for name in ("report.pdf", "programme.pdf", "undeclared.docx"):
        (forum / name).write_bytes(b"%PDF-1.4 " + name.encode())
    text = index.read_text(encoding="utf-8")
    index.write_text(text.replace("regions: [osh]\n", "regions: [osh]\nattachments:\n  - {file: programme.pdf, title: Программа}\n"),
                     encoding="utf-8")  # fmt: skip
    age(site)
    return site


def test_nothing_held_and_no_source_or_original_reaches_the_site(content: Path, tmp_path: Path) -> None:
    out = build(content, tmp_path / "out")
    originals = {p.read_bytes() for p in content.rglob("*") if p.suffix.lower() in (".png", ".jpg", ".jpeg")}
    for path in all_files(out):
        rel = path.relative_to(out).as_posix()
        assert not path.name.endswith((".md", ".yml", ".yaml")), rel
        assert "secret" not in rel and "draft-item" not in rel and "embargoed-release" not in rel, rel
        data = readable(path)
        assert path.read_bytes() not in originals, f"original photo published as {rel}"
        for marker in HELD_MARKERS:
            assert marker.encode() not in data, f"{marker} leaked into {rel}"
        for secret in SECRETS:
            assert secret not in data, f"photo metadata {secret!r} in {rel}"
        assert b"notes.yml" not in data and b"{static}" not in data and b"{filename}" not in data, rel
    assert any(readable(p).startswith(b"pagefind_dcd") for p in (out / "pagefind").rglob("*.pf_fragment"))
    media = {p.relative_to(out / "media").as_posix() for p in (out / "media").rglob("*") if p.is_file()}
    documents = {m for m in media if not m.endswith((".webp", ".jpg", ".png"))}
    assert documents == {f"{FORUM}/report.pdf", f"{FORUM}/programme.pdf", "galleries/2026-08-20-photo-day/programme.pdf"}
    assert not (out / "media" / FORUM / "undeclared.docx").exists()  # in the folder, named nowhere


def test_item_links_open_the_item_in_the_page_language(content: Path, tmp_path: Path) -> None:
    out = build(content, tmp_path / "out")
    body = page(out, "/ru/news/forum-osh/").xpath("//div[@class='item-body']")[0]
    anchors = {a.text_content(): (a.get("href"), a.get("hreflang")) for a in body.xpath(".//a")}
    assert anchors["фото"] == ("/ru/galleries/photo-day/", None)  # the gallery's page, not its folder
    assert anchors["воду"] == ("/ky/news/water-kyzyl-kiya/", "ky")  # Kyrgyz only: its language, marked
    assert anchors["слушания"] == ("/ru/press-releases/budget-hearings/", None)  # index.en.md from a Russian page
    assert anchors["Доклад"] == ("/media/news/2026-03-12-forum-osh/report.pdf", None)
    for words in ("черновик", "релиз", "заметки", "папка"):  # left as words
        assert words not in anchors
        assert words in body.text_content()


def check_warnings(content: Path, *extra: str) -> list[str]:
    _status, out, _err = press_command(content, *extra, "check")
    return [line.strip() for line in out.splitlines() if ": text: " in line]


def test_check_and_the_build_warn_alike(content: Path, tmp_path: Path) -> None:
    with pressroom_log(logging.WARNING) as records:
        build(content, tmp_path / "out")
    built = sorted(line for line in map(logging.LogRecord.getMessage, records) if ": text: " in line)
    checked = check_warnings(content)
    line = 35
    assert sorted(checked) == built == sorted([
        f"{FORUM}/index.ru.md:{line}: text: the link '../2026-05-05-draft-item/' goes to a held item (draft); the link appears when it is published",
        f"{FORUM}/index.ru.md:{line}: text: the link '../../press-releases/2030-01-01-embargoed-release/index.ru.md' goes to a held item"
        " (embargo until 2030-01-01 09:00 (Asia/Bishkek)); the link appears when it is published",
        f"{FORUM}/index.ru.md:{line + 2}: text: the link 'notes.yml' points to a source file ({FORUM}/notes.yml), which is never published",
        f"{FORUM}/index.ru.md:{line + 2}: text: the link '../' points to a folder or file that is not an item (news);"
        " link to an item's folder or a file in it",
    ])  # fmt: skip


def test_links_appear_when_the_items_are_published(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(content, out, PRESS_BUILD_TIME="2030-01-01T09:30:00+06:00")  # the embargo has lifted
    anchors = {a.text_content(): a.get("href") for a in page(out, "/ru/news/forum-osh/").xpath("//div[@class='item-body']//a")}
    assert anchors["релиз"] == "/ru/press-releases/embargoed-release/"


def test_a_page_is_rendered_again_when_an_item_it_links_is_published_or_held(content: Path, tmp_path: Path) -> None:
    """The linking page's own files do not change, and it shares nothing with
    the linked item (another section, no project, region or tag, so no
    related materials): only the link does."""
    when = {"PRESS_BUILD_TIME": "2026-12-01T12:00:00+06:00"}
    speech = content / "speeches/2026-01-10-greeting/index.ru.md"
    speech.parent.mkdir(parents=True)
    speech.write_text('---\ntitle: Приветствие участникам\ndate: "2026-01-10 10:00"\n---\n'
                      "Уважаемые коллеги! См. [тарифы](../../news/2026-05-05-draft-item/).\n", encoding="utf-8")  # fmt: skip
    draft = content / "news/2026-05-05-draft-item/index.ru.md"
    age(content)
    out = build(content, tmp_path / "out", **when)
    assert b"draft-item" not in (out / "ru/speeches/greeting/index.html").read_bytes()

    draft.write_text(draft.read_text(encoding="utf-8").replace("status: draft\n", ""), encoding="utf-8")
    age(content)
    build(content, out, **when)
    link = page(out, "/ru/speeches/greeting/").xpath("//div[@class='item-body']//a[.='тарифы']/@href")
    assert link == ["/ru/news/draft-item/"]
    fresh = build(content, tmp_path / "fresh", **when)
    assert (out / "ru/speeches/greeting/index.html").read_bytes() == (fresh / "ru/speeches/greeting/index.html").read_bytes()

    draft.write_text(draft.read_text(encoding="utf-8").replace("date:", "status: draft\ndate:"), encoding="utf-8")
    age(content)
    build(content, out, **when)
    assert b"draft-item" not in (out / "ru/speeches/greeting/index.html").read_bytes()
