"""press.cli ``new`` and ``translate``.

The commands run in-process through :func:`press.cli.main` on copies of the
basic fixture site; one test goes through ``make`` to check the wiring.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from press import cli
from press.settings import SECTIONS
from press.content.loader import FRONT_MATTER, load_site
from tests.conftest import ROOT, copy_site, press_command, press_settings

PRESS = press_settings()
# 23:30 UTC on 4 May is already 5 May in Bishkek (UTC+6): the folder takes the site's date.
NOW = "2026-05-04 23:30+00:00"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_site("basic", tmp_path / "content")


def run(content: Path, *args: str) -> tuple[int, str, str]:
    return press_command(content, "--now", NOW, *args)


def front(path: Path) -> dict:
    match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    assert match, path
    return yaml.safe_load(match["yaml"]) or {}


def problems_of(content: Path, rel: str) -> list[str]:
    index = load_site(str(content), PRESS, dt.datetime(2026, 5, 5, 12, 0, tzinfo=PRESS.zone))
    return [str(p) for p in index.problems if p.path.startswith(rel) and p.severity == "error"]


# --- make new ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "title", "folder"),
    [
        ("ky", "Жаңы өңүт: үй-бүлө", "2026-05-05-jangy-ongut-uy-bulo"),
        ("tg", "Ҷаласаи ҳуқуқӣ дар Қӯрғонтеппа", "2026-05-05-jalasai-huquqi-dar-qurghonteppa"),
        ("ru", "Форум в Оше: итоги", "2026-05-05-forum-v-oshe-itogi"),
        ("en", "Budget hearings in Naryn", "2026-05-05-budget-hearings-in-naryn"),
    ],
)
def test_new_names_the_folder_by_the_site_date_and_the_title_in_its_language(
    site: Path, lang: str, title: str, folder: str
) -> None:
    status, out, err = run(site, "new", "--section", "news", "--lang", lang, "--title", title)
    assert (status, err) == (0, "")
    path = site / "news" / folder / f"index.{lang}.md"
    assert path.is_file()
    assert "Created " in out and path.name in out
    meta = front(path)
    assert meta["title"] == title
    assert meta["date"] == "2026-05-05 05:30"
    assert meta["status"] == "draft"


SECTION_FIELDS = {
    "news": ["authors"],
    "press-releases": ["dateline", "contacts", "embargo"],
    "announcements": ["event"],
    "speeches": ["attachments"],
    "galleries": ["gallery", "credits"],
    "video": ["video"],
    "podcasts": ["audio"],
}


@pytest.mark.parametrize("section", SECTIONS)
def test_new_writes_the_template_of_the_section_with_a_comment_on_each_field(site: Path, section: str) -> None:
    status, _, err = run(site, "new", "--section", section, "--lang", "ru", "--title", "Новый материал")
    assert status == 0, err
    path = next((site / section).glob("2026-05-05-novyy-material/index.ru.md"))
    text = path.read_text(encoding="utf-8")
    meta = front(path)
    for key in ["title", "date", "summary", "projects", "regions", "tags", "status", *SECTION_FIELDS[section]]:
        assert key in meta, f"{section}: {key} missing"
    lines = text.split("---\n")[1].splitlines()
    assert lines and all(re.search(r"\S\s+# \S", line) for line in lines), lines
    assert "local-budgets" in text  # the project keys the site knows, in the comment
    assert "osh" in text  # the region keys
    # as created, the file is valid: a half-written draft never stops a scheduled build
    assert problems_of(site, f"{section}/2026-05-05-novyy-material") == []


@pytest.mark.parametrize(
    ("lang", "created", "headline", "contacts"),
    [
        ("ru", "Создан файл ", "# заголовок на языке этого файла (обязательно)", "# контакты для СМИ; телефоны с кодом страны"),
        ("ky", "Файл түзүлдү: ", "# ушул файлдын тилиндеги аталыш (милдеттүү)", "# ЖМК үчүн байланыш; телефондор өлкөнүн коду менен"),
        ("tg", "Файл эҷод шуд: ", "# сарлавҳа бо забони ҳамин файл (ҳатмӣ)", "# тамос барои ВАО; телефонҳо бо рамзи кишвар"),
    ],
)
def test_new_comments_are_in_the_press_officers_language(site: Path, monkeypatch: pytest.MonkeyPatch, lang: str,
                                                         created: str, headline: str, contacts: str) -> None:  # fmt: skip
    monkeypatch.setenv("PRESSROOM_LANG", lang)
    status, out, _ = run(site, "new", "--section", "press-releases", "--lang", "ky", "--title", "Жаңы долбоор")
    assert status == 0
    assert out.startswith(created)
    text = (site / "press-releases/2026-05-05-jangy-dolboor/index.ky.md").read_text(encoding="utf-8")
    assert headline in text
    assert contacts in text
    # the file made with comments in any language is still valid front matter
    assert problems_of(site, "press-releases/2026-05-05-jangy-dolboor") == []


def test_new_keeps_quotes_and_colons_of_a_title(site: Path) -> None:
    title = 'Say "yes": budget #2 — 100%'
    assert run(site, "new", "--section", "news", "--lang", "en", "--title", title)[0] == 0
    assert front(next(site.glob("news/2026-05-05-say-yes-budget-2-100/index.en.md")))["title"] == title


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--section", "blog", "--lang", "ru", "--title", "X"], "unknown section 'blog'; sections are: news, press-releases"),
        (["--section", "news", "--lang", "de", "--title", "X"], "unknown language 'de'; configured languages: ru, ky, tg, en"),
        (["--section", "news", "--lang", "ru", "--title", "  "], "the title is empty"),
    ],
)
def test_new_refuses_unknown_sections_and_languages(site: Path, args: list[str], message: str) -> None:
    before = sorted(site.rglob("*"))
    status, out, err = run(site, "new", *args)
    assert (status, out) == (2, "")
    assert err.startswith("Refused: ") and message in err
    assert sorted(site.rglob("*")) == before


def test_new_refuses_an_existing_folder_and_an_existing_slug(site: Path) -> None:
    assert run(site, "new", "--section", "news", "--lang", "ru", "--title", "Форум в Таласе")[0] == 0
    path = site / "news/2026-05-05-forum-v-talase/index.ru.md"
    path.write_text(path.read_text(encoding="utf-8") + "Текст.\n", encoding="utf-8")
    written = path.read_bytes()
    status, _, err = run(site, "new", "--section", "news", "--lang", "ky", "--title", "Форум в Таласе")
    assert status == 2 and "2026-05-05-forum-v-talase exists already" in err
    assert path.read_bytes() == written
    assert not (path.parent / "index.ky.md").exists()
    # the same slug under another date would give two items one address
    status, _, err = run(site, "new", "--section", "news", "--lang", "en", "--title", "Forum: Osh")
    assert status == 2 and "2026-03-12-forum-osh has the same address (forum-osh)" in err
    assert not (site / "news/2026-05-05-forum-osh").exists()


def test_a_missing_content_folder_or_settings_file_is_refused(tmp_path: Path) -> None:
    status, _, err = run(tmp_path / "nowhere", "check")
    assert status == 2 and "content folder" in err and "not found" in err
    out, err_io = io.StringIO(), io.StringIO()
    assert cli.main(["--settings", str(tmp_path / "none.py"), "check"], out=out, err=err_io) == 2
    assert "settings file" in err_io.getvalue()


# --- make translate ------------------------------------------------------------


def test_translate_copies_only_the_words_to_translate(site: Path) -> None:
    status, out, err = run(site, "translate", "--item", "news/2026-03-12-forum-osh", "--lang", "tg")
    assert (status, err) == (0, ""), err
    path = site / "news/2026-03-12-forum-osh/index.tg.md"
    assert "Created " in out
    meta = front(path)
    assert meta["title"] == "Форум МСУ в Оше собрал 200 участников"
    assert meta["summary"].startswith("Главы айылных аймаков")
    assert meta["tags"] == ["форум", "бюджет"]
    assert meta["source"] == {"name": "Агентство «Ош-Пресс»"}
    assert meta["gallery"] == [
        {"file": "hall.png", "caption": "Зал форума", "alt": "Участники форума в зале"},
        {"file": "panel.png", "caption": "Пленарная сессия"},
    ]
    for inherited in ("date", "modified", "projects", "regions", "cover", "embargo", "authors"):
        assert inherited not in meta
    assert meta["status"] == "draft"  # held back until translated
    text = path.read_text(encoding="utf-8")
    assert "В Оше прошёл форум местного самоуправления." in text  # the body, to translate
    # the translation loads, and inherits the facts it does not repeat
    index = load_site(str(site), PRESS, dt.datetime(2026, 5, 5, tzinfo=PRESS.zone))
    assert [p for p in index.problems if p.path.endswith("index.tg.md") and p.severity == "error"] == []
    entry = index.bundles["news/2026-03-12-forum-osh"].entries["tg"]
    assert entry.meta["date"] == dt.datetime(2026, 3, 12, 10, 30, tzinfo=PRESS.zone)
    assert entry.meta["projects"] == ["local-budgets"]
    assert [g.file for g in entry.meta["gallery"]] == ["hall.png", "panel.png"]


def test_a_translation_starts_as_a_draft_that_holds_back_only_itself(site: Path) -> None:
    """A copy of the source is no translation: it waits as a draft until the
    translator deletes the line, and only that language waits."""
    item = "press-releases/2026-06-01-budget-hearings"
    status, out, _ = run(site, "translate", "--item", item, "--lang", "ky")
    assert status == 0
    assert "delete the line 'status: draft' when the translation is ready" in out
    path = site / item / "index.ky.md"
    assert re.search(r"^status: draft  # delete this line when the translation is ready$", path.read_text(encoding="utf-8"), re.M)

    def held() -> dict[str, str]:
        index = load_site(str(site), PRESS, dt.datetime(2026, 6, 5, tzinfo=PRESS.zone))
        assert [str(p) for p in index.problems if p.severity == "error"] == []
        return {lang: e.held for lang, e in index.bundles[item].entries.items()}

    assert held() == {"ru": "", "ky": "draft", "en": ""}
    path.write_text(re.sub(r"^status: draft.*\n", "", path.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    assert held() == {"ru": "", "ky": "", "en": ""}


def test_the_translation_of_a_draft_waits_for_the_original(site: Path) -> None:
    item = "news/2026-05-05-draft-item"
    assert run(site, "translate", "--item", item, "--lang", "ky")[0] == 0
    path = site / item / "index.ky.md"
    path.write_text(path.read_text(encoding="utf-8").replace("status: draft", ""), encoding="utf-8")
    index = load_site(str(site), PRESS, dt.datetime(2026, 6, 5, tzinfo=PRESS.zone))
    assert index.bundles[item].entries["ky"].held == "draft"  # the original is still a draft


def test_a_project_translation_has_no_draft_status(site: Path) -> None:
    """A project's status is active or completed; its translation inherits it."""
    assert run(site, "translate", "--item", "projects/local-budgets", "--lang", "en")[0] == 0
    assert "status" not in front(site / "projects/local-budgets/index.en.md")
    assert problems_of(site, "projects/") == []


def test_translate_keeps_contacts_names_and_roles_but_no_phones(site: Path) -> None:
    assert run(site, "translate", "--item", "press-releases/2026-06-01-budget-hearings", "--lang", "ky")[0] == 0
    meta = front(site / "press-releases/2026-06-01-budget-hearings/index.ky.md")
    source = front(site / "press-releases/2026-06-01-budget-hearings/index.ru.md")
    assert meta["contacts"] == [{k: c[k] for k in ("name", "role") if k in c} for c in source["contacts"]]
    assert meta["contacts"] == [{"name": "Нурлан Асанов", "role": "пресс-секретарь"}]
    assert meta["dateline"] == "Бишкек"
    for inherited in ("date", "projects", "regions"):
        assert inherited not in meta


def test_translate_from_another_language(site: Path) -> None:
    status, _, err = run(site, "translate", "--item", "news/2026-03-12-forum-osh", "--lang", "tg", "--from", "en")
    assert status == 0, err
    meta = front(site / "news/2026-03-12-forum-osh/index.tg.md")
    assert meta["title"] == "Local government forum in Osh gathers 200 participants"


@pytest.mark.parametrize(
    ("item", "lang", "message"),
    [
        ("news/2026-03-12-forum-osh", "ky", "index.ky.md exists already; edit it instead"),
        ("news/2026-03-12-forum-osh", "de", "unknown language 'de'"),
        ("news/2026-01-01-nothing", "en", "2026-01-01-nothing not found"),
        ("forum-osh", "en", "ITEM must be <section>/<folder>"),
        ("news/../pages", "en", "ITEM must be <section>/<folder>"),
    ],
)
def test_translate_refuses(site: Path, item: str, lang: str, message: str) -> None:
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    status, out, err = run(site, "translate", "--item", item, "--lang", lang)
    assert (status, out) == (2, "")
    assert message in err
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


# --- through make ----------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_targets_pass_their_variables(site: Path) -> None:
    title = 'Форум "Ош" `date`'
    env_make = ["make", "-s", "-C", str(ROOT), f"INPUTDIR={site}"]
    made = subprocess.run([*env_make, "new", "SECTION=news", "CONTENT_LANG=ru", f"TITLE={title}"],
                          capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "PRESSROOM_LANG": "en"})  # fmt: skip
    assert made.returncode == 0, made.stderr
    path = next(site.glob("news/*-forum-osh-date/index.ru.md"))
    assert front(path)["title"] == title
    translated = subprocess.run([*env_make, "translate", f"ITEM=news/{path.parent.name}", "CONTENT_LANG=en"],
                                capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "PRESSROOM_LANG": "en"})  # fmt: skip
    assert translated.returncode == 0, translated.stderr
    assert (path.parent / "index.en.md").is_file()
    again = subprocess.run([*env_make, "translate", f"ITEM=news/{path.parent.name}", "CONTENT_LANG=en"],
                           capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "PRESSROOM_LANG": "en"})  # fmt: skip
    assert again.returncode != 0 and "exists already" in again.stderr
    checked = subprocess.run([*env_make, "check"], capture_output=True, text=True,
                             env={"PATH": "/usr/bin:/bin", "PRESSROOM_LANG": "en"})  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Result: no errors" in checked.stdout


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_check_exits_1_on_errors_without_makes_own_line(site: Path) -> None:
    """The README promises exit status 1 on errors: make alone would exit 2 and
    add «make: *** [Makefile:…: check] Error 1» below the report."""
    env = {"PATH": "/usr/bin:/bin", "PRESSROOM_LANG": "en"}
    make = ["make", f"INPUTDIR={site}", "check"]  # as a press officer types it, in the project's folder
    clean = subprocess.run(make, capture_output=True, text=True, env=env, cwd=ROOT)
    assert clean.returncode == 0, clean.stderr
    assert "***" not in clean.stderr
    assert clean.stdout.rstrip().splitlines()[-1].startswith("Result: no errors")
    path = site / "news/2026-03-12-forum-osh/index.ru.md"
    path.write_text(path.read_text(encoding="utf-8").replace("regions: [osh]", "regions: [oshh]"), encoding="utf-8")
    failed = subprocess.run(make, capture_output=True, text=True, env=env, cwd=ROOT)
    assert failed.returncode == 1, failed.stderr
    assert "***" not in failed.stderr and "Error" not in failed.stderr  # (make may still warn of a clock skew)
    assert "regions: unknown region 'oshh'" in failed.stdout
    assert failed.stdout.rstrip().splitlines()[-1].startswith("Result: 1 error, ")
    # a refused command is status 2, said by the checker, and make says so too
    refused = subprocess.run([*make, "NOW=someday"], capture_output=True, text=True, env=env, cwd=ROOT)
    assert refused.returncode == 2 and "Refused: found 'someday'" in refused.stderr
