"""The browser editor (``make editor``): a press officer writes a news item in
Sveltia CMS, then its Kyrgyz translation; the files it writes pass ``make
check`` and build into the right pages.

The editor is the bundle ``editor/`` builds (built here if missing, as
``make editor`` does), with the configuration ``press.cli.editor`` generates
for a copy of the basic fixture site. How the folder is opened without a
person at the picker: ``fsa_shim.js``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import html
from PIL import Image

from press.content.loader import FRONT_MATTER
from tests.browser.conftest import DESKTOP
from tests.browser.editor_server import serve
from tests.conftest import ROOT, SITES, build

BUNDLE = ROOT / "editor" / "dist" / "admin"
SHIM = Path(__file__).with_name("fsa_shim.js")
TITLE_RU = "Жители Оша обсудили бюджет на 2027 год"
TITLE_KY = "Оштун тургундары 2027-жылдын бюджетин талкуулашты"


@pytest.fixture(scope="module")
def bundle() -> Path:
    if not (BUNDLE / "editor.js").is_file():
        subprocess.run(["make", "-s", "editor-bundle"], cwd=ROOT, check=True)
    return BUNDLE


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A site as a press officer's folder: content/ and .git (Sveltia asks for a repository's root)."""
    root = tmp_path / "site"
    shutil.copytree(SITES / "basic", root / "content")
    (root / ".git").mkdir()
    for number, colour in ((1, (176, 64, 40)), (2, (40, 96, 160))):
        Image.new("RGB", (1600, 1067), colour).save(tmp_path / f"hearing-0{number}.jpg", quality=85)
    return root


@pytest.fixture
def editor(bundle: Path, repo: Path, tmp_path: Path) -> Iterator[str]:
    admin = tmp_path / "admin"
    admin.mkdir()
    for name in ("editor.js", "chunks", "assets"):
        (admin / name).symlink_to(bundle / name)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "PRESSROOM_LANG": "ru"}
    subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "-m", "press.cli", "--settings", str(ROOT / "pelicanconf.py"),
                    "--content", str(repo / "content"), "editor", "--admin", str(admin), "--repo", str(repo)],
                   env=env, check=True, capture_output=True)  # fmt: skip
    with serve(repo, admin) as base:
        yield base


@pytest.fixture
def page(browser: Any, editor: str) -> Iterator[Any]:
    context = browser.new_context(base_url=editor, viewport=DESKTOP, locale="ru-RU")
    context.add_init_script(path=str(SHIM))
    page = context.new_page()
    page.requests = []
    page.errors = []
    context.on("request", lambda request: page.requests.append(request.url))  # popups too
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    try:
        yield page
    finally:
        context.close()


def front_matter(path: Path) -> tuple[dict[str, Any], str]:
    text = path.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    assert match, text
    return yaml.safe_load(match["yaml"]), text


def open_folder(page: Any) -> None:
    page.goto("/admin/")
    page.get_by_role("button", name="Работать с локальным репозиторием").click()
    page.get_by_text("Вы просматриваете коллекцию").wait_for()


def save(page: Any, written: Callable[[], bool]) -> None:
    """Save; wait (at most 10 s) until ``written()`` sees Sveltia's files."""
    page.get_by_role("button", name="Сохранить", exact=True).click()
    for _ in range(100):
        if written():
            return
        page.wait_for_timeout(100)
    raise AssertionError("the editor wrote nothing")


def test_write_a_news_item_and_its_translation(page: Any, repo: Path, tmp_path: Path, artifacts: Path) -> None:
    open_folder(page)
    page.goto("/admin/#/collections/news/new")
    page.get_by_role("textbox", name="title").fill(TITLE_RU)
    page.locator('button[role=checkbox][value="local-budgets"]').click()
    page.locator('button[role=checkbox][value="osh"]').click()
    for number, caption in ((1, "Слушания в мэрии Оша"), (2, "Вопросы жителей")):
        page.get_by_role("button", name=re.compile("Добавить.*gallery")).click()
        page.locator("input.file-picker").nth(2 * number).set_input_files(str(tmp_path / f"hearing-0{number}.jpg"))
        page.get_by_role("textbox", name="caption").nth(number - 1).fill(caption)
    body = page.get_by_role("textbox", name="text", exact=True)
    for _ in range(50):  # Sveltia renders a field when it scrolls into view: scroll the form down to it
        if body.count():
            break
        page.mouse.move(300, 500)
        page.mouse.wheel(0, 1500)
        page.wait_for_timeout(100)
    body.click()
    body.type("Более двухсот жителей пришли на открытые слушания.")
    page.screenshot(path=str(artifacts / "editor-new-item.png"), full_page=True)
    news = repo / "content" / "news"
    save(page, lambda: any(news.glob("*-zhiteli-*/index.ru.md")))

    folders = sorted((repo / "content" / "news").glob("*-zhiteli-osha-obsudili-byudzhet-na-2027-god"))
    assert len(folders) == 1, sorted(p.name for p in (repo / "content" / "news").iterdir())
    folder = folders[0]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}-zhiteli-osha-obsudili-byudzhet-na-2027-god", folder.name)
    assert sorted(p.name for p in folder.iterdir()) == ["hearing-01.jpg", "hearing-02.jpg", "index.ru.md"]
    meta, text = front_matter(folder / "index.ru.md")
    assert meta["title"] == TITLE_RU
    assert meta["projects"] == ["local-budgets"] and meta["regions"] == ["osh"]
    assert meta["status"] == "draft"
    assert [(g["file"], g["caption"]) for g in meta["gallery"]] == [
        ("hearing-01.jpg", "Слушания в мэрии Оша"), ("hearing-02.jpg", "Вопросы жителей")]  # fmt: skip
    assert re.search(r'^date: "\d{4}-\d{2}-\d{2} \d{2}:\d{2}"$', text, re.M)  # quoted, as make new writes it
    assert all(value not in ("", [], None, {}) for value in meta.values()), meta
    assert "Более двухсот жителей" in text


    # The preview link of the entry (Sveltia's preview_path) points at the running preview.
    # After the save Sveltia shows the saved entry, or goes back to the list of
    # the collection (which it does depends on timing): open the entry from there.
    preview_link = page.get_by_text("Посмотреть на рабочем сайте")
    for _ in range(150):
        if preview_link.count() and preview_link.first.is_visible():
            break
        if page.get_by_text("Вы просматриваете коллекцию").count():
            page.get_by_text(TITLE_RU).filter(visible=True).first.click()
        page.wait_for_timeout(100)
    slug = folder.name[len("2026-01-01-"):]
    with page.context.expect_page() as opened:
        page.get_by_text("Посмотреть на рабочем сайте").click()
    opened.value.wait_for_load_state()
    assert f"http://localhost:8000/ru/news/{slug}/" in page.requests  # nothing serves it in this test
    opened.value.close()

    # The Kyrgyz translation of the title.
    page.get_by_role("radio", name=re.compile("Киргизский")).first.click()
    page.get_by_role("button", name=re.compile("Включить.*Киргизский")).click()
    page.screenshot(path=str(artifacts / "editor-translation.png"))
    page.locator('input[type=text][lang="ky"]').first.fill(TITLE_KY)
    save(page, lambda: (folder / "index.ky.md").is_file() and TITLE_KY in (folder / "index.ky.md").read_text(encoding="utf-8"))
    meta_ky, _ = front_matter(folder / "index.ky.md")
    assert meta_ky["title"] == TITLE_KY and meta_ky["status"] == "draft"
    # facts are inherited, not repeated: a translation has no date (press.content.inherit.original)
    assert not {"date", "projects", "regions"} & meta_ky.keys()
    assert all(value not in ("", [], None, {}) for value in meta_ky.values()), meta_ky

    # Every request of the editor went to this machine.
    hosts = {re.match(r"^(?:https?|wss?)://([^/:]+)", url) for url in page.requests}
    assert {m[1] for m in hosts if m} == {"localhost"}
    assert [u for u in page.requests if not re.match(r"^(https?://localhost[:/]|blob:http://localhost[:/]|data:)", u)] == []
    # (page.errors is not asserted empty: Sveltia 0.221.1 itself throws "Cannot
    # convert undefined or null to object" when a locale is enabled; the files are right.)

    # make check: no errors; the built pages (drafts published for the look).
    check = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "-m", "press.cli", "--settings", str(ROOT / "pelicanconf.py"),
         "--content", str(repo / "content"), "check"],
        env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")}, capture_output=True, text=True)  # fmt: skip
    assert check.returncode == 0 and "Result: no errors" in check.stdout, check.stdout
    for lang in ("ru", "ky"):
        path = folder / f"index.{lang}.md"
        path.write_text(path.read_text(encoding="utf-8").replace('status: "draft"\n', ""), encoding="utf-8")
    out = build(repo / "content", tmp_path / "output")
    ru = html.parse(str(out / "ru" / "news" / slug / "index.html"))
    ky = html.parse(str(out / "ky" / "news" / slug / "index.html"))
    assert ru.xpath("string(//h1)").strip() == TITLE_RU
    assert ky.xpath("string(//h1)").strip() == TITLE_KY
    captions = [" ".join(c.text_content().split()) for c in ru.xpath("//section[@class='gallery']//figcaption")]
    assert captions == ["Слушания в мэрии Оша", "Вопросы жителей"]
    # the Kyrgyz page shows the Russian captions it inherits, marked as Russian
    ky_captions = ky.xpath("//section[@class='gallery']//figcaption")
    assert [" ".join(c.text_content().split()) for c in ky_captions] == captions
    assert all(c.xpath("descendant-or-self::*[@lang]/@lang") == ["ru"] for c in ky_captions)
