"""press.content.loader.load_site on small content trees: the index, and every problem found."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PIL import Image

from press.content import loader
from press.log import Problem
from press.content.model import Contact, Event, GalleryImage, Localized
from tests.conftest import ROOT, item_text, press_settings

SETTINGS = press_settings()
ZONE = SETTINGS.zone
NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=ZONE)

REGIONS = """\
osh:
  ru: Ошская область
  ky: Ош облусу
  en: Osh Region
batken:
  ru: Баткенская область
  en: Batken Region
"""


# --- helpers that build content trees -------------------------------------------


def md(front: str, body: str = "Текст новости.") -> str:
    return item_text(front, body)


def write(root: Path, rel: str, content: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def image(root: Path, rel: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (4, 3), (200, 30, 30)).save(path, format="PNG")
    return path


def bundle(root: Path, folder: str, **files: str) -> Path:
    """Write ``folder/index.<lang>.md`` for each ``lang=front_matter`` given."""
    for lang, front in files.items():
        write(root, f"{folder}/index.{lang}.md", md(front))
    return root / folder


def load(root: Path, now: dt.datetime = NOW) -> loader.SiteIndex:
    return loader.load_site(str(root), SETTINGS, now)


def errors(index: loader.SiteIndex) -> list[Problem]:
    return sorted(p for p in index.problems if p.severity == "error")


def only_error(index: loader.SiteIndex) -> Problem:
    found = errors(index)
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A content folder with regions and one project, and nothing wrong in it."""
    content = tmp_path / "content"
    write(content, "data/regions.yml", REGIONS)
    bundle(content, "projects/local-budgets", ru="title: Местные бюджеты для людей\nstatus: active")
    return content


def item(root: Path, front: str, folder: str = "news/2026-03-12-forum", lang: str = "ru") -> Path:
    return write(root, f"{folder}/index.{lang}.md", md(front))


# --- a good tree --------------------------------------------------------------------


def test_bundles_and_entries(root: Path) -> None:
    image(root, "news/2026-03-12-forum-osh/hall.png")
    image(root, "news/2026-03-12-forum-osh/panel.png")
    bundle(
        root,
        "news/2026-03-12-forum-osh",
        en="title: Forum in Osh\ntags: [forum]",
        ru="""
            title: Форум МСУ в Оше
            date: 2026-03-12 10:30
            summary: Главы айылных аймаков обсудили бюджеты.
            projects: [local-budgets]
            regions: [osh]
            tags: [форум, бюджет]
            gallery:
              - {file: hall.png, caption: Зал форума, alt: Участники в зале}
              - {file: panel.png, caption: Пленарная сессия}
        """,
        ky="title: Оштогу форум\ngallery:\n  - {file: hall.png, caption: Форумдун залы}",
    )
    bundle(root, "pages/about", ru="title: О центре", en="title: About")
    bundle(root, "announcements/2026-02-01-training", ru="title: Тренинг\ndate: 2026-02-01 10:00")
    index = load(root)
    assert index.problems == []
    assert index.root == os.path.realpath(root)
    assert sorted(index.bundles) == [
        "announcements/2026-02-01-training",
        "news/2026-03-12-forum-osh",
        "pages/about",
        "projects/local-budgets",
    ]
    news = index.bundles["news/2026-03-12-forum-osh"]
    assert (news.kind, news.section, news.folder, news.slug) == ("item", "news", "2026-03-12-forum-osh", "forum-osh")
    assert news.created == dt.date(2026, 3, 12)
    assert news.abspath == os.path.realpath(root / "news/2026-03-12-forum-osh")
    # languages in the configured order, whatever the order on disk
    assert list(news.files) == ["ru", "ky", "en"]
    assert list(news.entries) == ["ru", "ky", "en"]
    assert news.files["ky"].path == "news/2026-03-12-forum-osh/index.ky.md"
    assert news.files["ru"].body.strip() == "Текст новости."
    assert news.published() == news.entries

    ru = news.entries["ru"].meta
    assert ru["title"] == "Форум МСУ в Оше"
    assert ru["date"] == dt.datetime(2026, 3, 12, 10, 30, tzinfo=ZONE)
    assert ru["projects"] == ["local-budgets"]
    assert ru["regions"] == ["osh"]
    assert ru["tags"] == ["форум", "бюджет"]
    assert ru["gallery"] == [
        GalleryImage("hall.png", Localized("Зал форума", "ru"), Localized("Участники в зале", "ru")),
        GalleryImage("panel.png", Localized("Пленарная сессия", "ru"), None),
    ]
    assert ru["cover"] == "hall.png"  # the first photo of the gallery

    ky = news.entries["ky"].meta
    assert ky["title"] == "Оштогу форум"
    assert "summary" not in ky and "tags" not in ky
    assert ky["projects"] == ["local-budgets"] and ky["regions"] == ["osh"]
    assert ky["gallery"] == [GalleryImage("hall.png", Localized("Форумдун залы", "ky"), Localized("Участники в зале", "ru"))]

    en = news.entries["en"].meta
    assert en["tags"] == ["forum"]
    assert en["gallery"] == ru["gallery"]

    page = index.bundles["pages/about"]
    assert (page.kind, page.slug, page.created) == ("page", "about", None)
    assert index.projects == {"local-budgets": index.bundles["projects/local-budgets"]}
    assert index.projects["local-budgets"].kind == "project"
    assert {k: r.names for k, r in index.regions.items()} == {
        "batken": {"ru": "Баткенская область", "en": "Batken Region"},
        "osh": {"ru": "Ошская область", "ky": "Ош облусу", "en": "Osh Region"},
    }
    assert index.lookup(str(root / "news/2026-03-12-forum-osh/index.en.md")) == (news, "en")
    assert index.lookup(str(root / "news/2026-03-12-forum-osh/hall.png")) is None
    assert index.held() == [] and index.held_dirs() == set() and index.next_embargo_lift() is None


def test_a_translation_without_date_inherits_it(root: Path) -> None:
    bundle(root, "news/2026-04-02-water", ky="title: Таза суу\ndate: 2026-04-02 15:00", ru="title: Чистая вода")
    index = load(root)
    assert index.problems == []
    entries = index.bundles["news/2026-04-02-water"].entries
    # the default language takes the date from the Kyrgyz file
    assert entries["ru"].meta["date"] == dt.datetime(2026, 4, 2, 15, 0, tzinfo=ZONE)
    assert entries["ky"].meta["date"] == entries["ru"].meta["date"]


def test_the_default_language_is_inherited_first(root: Path) -> None:
    bundle(root, "news/2026-04-02-water", ky="title: K\ndate: 2026-04-03", en="title: E\ndate: 2026-04-04",
           ru="title: R\ndate: 2026-04-02", tg="title: T")  # fmt: skip
    entries = load(root).bundles["news/2026-04-02-water"].entries
    assert entries["tg"].meta["date"] == dt.datetime(2026, 4, 2, tzinfo=ZONE)
    assert entries["ky"].meta["date"] == dt.datetime(2026, 4, 3, tzinfo=ZONE)


def test_an_empty_list_is_no_value(root: Path) -> None:
    """``authors: []`` (as make new writes it) must not reach Pelican, which
    takes a present ``authors`` to have a first author; like an empty field,
    an empty list is inherited over."""
    bundle(root, "news/2026-04-02-water", ru="title: R\ndate: 2026-04-02\nauthors: []\nprojects: [local-budgets]\ngallery: []",
           en="title: E\nprojects: []\ncredits: []\ntags: []")  # fmt: skip
    index = load(root)
    assert index.problems == []
    entries = index.bundles["news/2026-04-02-water"].entries
    for key in ("authors", "gallery", "credits", "tags"):
        assert key not in entries["ru"].meta and key not in entries["en"].meta
    assert entries["en"].meta["projects"] == ["local-budgets"]


def test_event_and_contacts_are_typed_and_inherited(root: Path) -> None:
    bundle(
        root,
        "announcements/2026-02-01-training",
        ru="""
            title: Тренинг
            date: 2026-02-01 10:00
            event: {start: "2026-02-10 10:00", end: "2026-02-10 17:00", location: Дом культуры}
            contacts:
              - {name: Нурлан Асанов, role: пресс-секретарь, phone: "+996 (312) 62-45-18", email: press@example.kg}
        """,
        en="title: Training\nevent: {location: House of Culture}\ncontacts:\n  - {name: Nurlan Asanov}",
    )
    index = load(root)
    assert index.problems == []
    en = index.bundles["announcements/2026-02-01-training"].entries["en"].meta
    assert en["event"] == Event(
        start=dt.datetime(2026, 2, 10, 10, 0, tzinfo=ZONE),
        end=dt.datetime(2026, 2, 10, 17, 0, tzinfo=ZONE),
        location=Localized("House of Culture", "en"),
        timezone="Asia/Bishkek",
    )
    assert en["contacts"] == [
        Contact(name="Nurlan Asanov", role=Localized("пресс-секретарь", "ru"), phone="+996 (312) 62-45-18",
                phone_e164="+996312624518", email="press@example.kg")
    ]  # fmt: skip


DUSHANBE = "Asia/Dushanbe"


def test_an_event_takes_the_time_zone_of_its_first_region(root: Path) -> None:
    write(root, "data/regions.yml", "sughd: {ru: Согдийская область, tg: Вилояти Суғд, timezone: Asia/Dushanbe}\n" + REGIONS)
    bundle(
        root,
        "announcements/2026-02-01-forum",
        ru='title: Форум в Исфаре\ndate: 2026-02-01 10:00\nregions: [sughd, osh]\nevent: {start: "2026-03-10 09:00", end: "2026-03-10 13:00"}',
        tg="title: Форум дар Исфара\nevent: {location: Толори шаҳр}",
    )
    index = load(root)
    assert index.problems == []
    for lang in ("ru", "tg"):  # the translation inherits the region and the times, naive until now
        event = index.bundles["announcements/2026-02-01-forum"].entries[lang].meta["event"]
        assert event.timezone == DUSHANBE
        assert event.start.isoformat() == "2026-03-10T09:00:00+05:00"
        assert event.end.isoformat() == "2026-03-10T13:00:00+05:00"
    # the item's date is the site's: only the event happens elsewhere
    assert index.bundles["announcements/2026-02-01-forum"].entries["ru"].meta["date"].utcoffset() == dt.timedelta(hours=6)


def test_an_events_own_time_zone_comes_before_its_regions(root: Path) -> None:
    bundle(root, "announcements/2026-02-01-forum",
           ru='title: Онлайн-семинар\ndate: 2026-02-01 10:00\nregions: [osh]\n'
              'event: {start: "2026-03-10 09:00", end: "2026-03-10 11:00+06:00", timezone: Asia/Dushanbe}')  # fmt: skip
    event = load(root).bundles["announcements/2026-02-01-forum"].entries["ru"].meta["event"]
    assert event.timezone == DUSHANBE
    assert event.start.isoformat() == "2026-03-10T09:00:00+05:00"
    assert event.end.isoformat() == "2026-03-10T11:00:00+06:00"  # a written offset is kept


def test_an_event_without_zone_or_zoned_region_is_in_the_site_zone(root: Path) -> None:
    bundle(root, "announcements/2026-02-01-forum",
           ru='title: Тренинг\ndate: 2026-02-01 10:00\nregions: [osh]\nevent: {start: "2026-03-10 09:00"}')
    event = load(root).bundles["announcements/2026-02-01-forum"].entries["ru"].meta["event"]
    assert (event.timezone, event.start.utcoffset()) == ("Asia/Bishkek", dt.timedelta(hours=6))


def test_an_unknown_event_time_zone_names_file_line_and_field(root: Path) -> None:
    bundle(root, "announcements/2026-02-01-forum",
           ru='title: Форум\ndate: 2026-02-01 10:00\nevent:\n  start: "2026-03-10 09:00"\n  timezone: Asia/Dushanbee')
    problem = only_error(load(root))
    assert (problem.path, problem.line, problem.field) == ("announcements/2026-02-01-forum/index.ru.md", 6, "event.timezone")
    assert "unknown time zone 'Asia/Dushanbee'; did you mean 'Asia/Dushanbe'?" in problem.message


def test_an_unknown_region_time_zone_is_an_error_in_the_regions_file(root: Path) -> None:
    write(root, "data/regions.yml", REGIONS + "sughd:\n  ru: Согдийская область\n  timezone: Asia/Dushambe\n")
    problem = only_error(load(root))
    assert (problem.path, problem.line, problem.field) == ("data/regions.yml", 10, "sughd.timezone")
    assert "did you mean 'Asia/Dushanbe'?" in problem.message


# --- held back: drafts and embargoes -----------------------------------------------------


def test_held_drafts_and_embargoes(root: Path) -> None:
    image(root, "news/2026-05-05-draft/secret.png")
    bundle(root, "news/2026-05-05-draft", ru="title: Черновик\ndate: 2026-05-05\nstatus: draft\ncover: secret.png",
           en="title: Draft")  # fmt: skip
    bundle(root, "press-releases/2026-06-30-future", ru="title: Будущее\ndate: 2026-06-30\nembargo: 2026-07-01 09:00")
    bundle(root, "press-releases/2026-06-20-sooner", ru="title: Раньше\ndate: 2026-06-20\nembargo: 2026-06-20 09:00+05:00")
    bundle(root, "press-releases/2026-05-01-past", ru="title: Прошлое\ndate: 2026-05-01\nembargo: 2026-05-01 09:00")
    bundle(root, "news/2026-05-10-live", ru="title: Опубликовано\ndate: 2026-05-10\nstatus: published")
    index = load(root)
    assert index.problems == []

    draft = index.bundles["news/2026-05-05-draft"]
    assert draft.entries["ru"].held == "draft"
    assert draft.entries["en"].held == "draft"  # the status is inherited
    assert draft.published() == {}
    future = index.bundles["press-releases/2026-06-30-future"].entries["ru"]
    assert future.held == "embargo until 2026-07-01 09:00 +0600"
    sooner = index.bundles["press-releases/2026-06-20-sooner"].entries["ru"]
    assert sooner.held == "embargo until 2026-06-20 10:00 +0600"  # shown in the site's zone
    assert index.bundles["press-releases/2026-05-01-past"].entries["ru"].held == ""
    assert index.bundles["news/2026-05-10-live"].entries["ru"].held == ""

    assert [e.source.path for e in index.held()] == [
        "news/2026-05-05-draft/index.en.md",
        "news/2026-05-05-draft/index.ru.md",
        "press-releases/2026-06-20-sooner/index.ru.md",
        "press-releases/2026-06-30-future/index.ru.md",
    ]
    assert index.held_dirs() == {
        os.path.realpath(root / "news/2026-05-05-draft"),
        os.path.realpath(root / "press-releases/2026-06-30-future"),
        os.path.realpath(root / "press-releases/2026-06-20-sooner"),
    }
    assert index.next_embargo_lift() == dt.datetime(2026, 6, 20, 4, 0, tzinfo=dt.timezone.utc)


def test_a_translations_draft_holds_back_only_that_translation(root: Path) -> None:
    bundle(root, "news/2026-05-05-ru", ru="title: Р\ndate: 2026-05-05", ky="title: К\nstatus: draft", en="title: E")
    # written in Kyrgyz only, then translated into the default language
    bundle(root, "news/2026-05-06-ky", ky="title: К\ndate: 2026-05-06", ru="title: Р\nstatus: draft")
    bundle(root, "news/2026-05-07-draft", ky="title: К\ndate: 2026-05-07\nstatus: draft", ru="title: Р")
    index = load(root)
    assert index.problems == []
    held = {key: {lang: e.held for lang, e in b.entries.items()} for key, b in index.bundles.items() if key.startswith("news/")}
    assert held == {
        "news/2026-05-05-ru": {"ru": "", "ky": "draft", "en": ""},
        "news/2026-05-06-ky": {"ru": "draft", "ky": ""},
        "news/2026-05-07-draft": {"ru": "draft", "ky": "draft"},  # the original's draft holds back its translations
    }
    assert index.held_dirs() == {os.path.realpath(root / "news/2026-05-07-draft")}


def test_embargo_is_decided_by_the_build_time(root: Path) -> None:
    bundle(root, "press-releases/2026-06-30-future", ru="title: Будущее\ndate: 2026-06-30\nembargo: 2026-07-01 09:00")
    before = load(root, dt.datetime(2026, 7, 1, 8, 59, tzinfo=ZONE))
    assert before.bundles["press-releases/2026-06-30-future"].entries["ru"].held.startswith("embargo until")
    at = load(root, dt.datetime(2026, 7, 1, 9, 0, tzinfo=ZONE))
    assert at.bundles["press-releases/2026-06-30-future"].entries["ru"].held == ""
    assert at.held_dirs() == set() and at.next_embargo_lift() is None


def test_an_embargo_is_inherited_by_translations_without_one(root: Path) -> None:
    bundle(root, "news/2026-05-05-release", ru="title: Релиз\ndate: 2026-05-05",
           en="title: Release\nembargo: 2026-06-10 09:00")  # fmt: skip
    index = load(root)
    entries = index.bundles["news/2026-05-05-release"].entries
    assert entries["ru"].held == entries["en"].held == "embargo until 2026-06-10 09:00 +0600"
    assert index.held_dirs() == {os.path.realpath(root / "news/2026-05-05-release")}


def test_a_bundle_with_one_published_language_is_not_a_held_dir(root: Path) -> None:
    bundle(root, "news/2026-05-05-mixed", ru="title: Готово\ndate: 2026-05-05\nembargo: 2026-05-05 09:00",
           en="title: Not yet\nembargo: 2026-06-10 09:00")  # fmt: skip
    index = load(root)
    entries = index.bundles["news/2026-05-05-mixed"].entries
    assert entries["ru"].held == "" and entries["en"].held.startswith("embargo until 2026-06-10")
    assert index.held_dirs() == set()
    assert index.next_embargo_lift() == dt.datetime(2026, 6, 10, 9, 0, tzinfo=ZONE)


def test_a_draft_with_an_embargo_does_not_count_as_an_embargo(root: Path) -> None:
    bundle(root, "news/2026-05-05-draft", ru="title: Ч\ndate: 2026-05-05\nstatus: draft\nembargo: 2026-06-10 09:00")
    index = load(root)
    assert index.bundles["news/2026-05-05-draft"].entries["ru"].held == "draft"
    assert index.next_embargo_lift() is None


# --- problems, one per mistake ----------------------------------------------------------


def test_broken_yaml_points_at_the_bad_line(root: Path) -> None:
    item(root, "title: Форум\ndate: 2026-03-12\nsummary: Итоги: форум прошёл\ntags: [форум]")
    problem = only_error(load(root))
    assert problem.path == "news/2026-03-12-forum/index.ru.md"
    assert problem.line == 4  # line 1 is '---', the summary is the file's 4th line
    assert problem.field == ""
    assert "not valid YAML" in problem.message
    assert "quotes" in problem.message


def test_broken_yaml_line_after_a_longer_front_matter(root: Path) -> None:
    path = item(root, "title: Форум\ndate: 2026-03-12\nregions: [osh]\nprojects: [local-budgets\ntags: [форум]")
    problem = only_error(load(root))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert problem.line is not None
    assert lines[problem.line - 1].startswith(("projects:", "tags:"))


def only_error_without_libyaml(root: Path) -> tuple[int | None, str, str]:
    """:func:`only_error` of ``root`` in a Python whose PyYAML lacks its C
    extension (libyaml), as on a machine without it: the pure-Python parser."""
    script = textwrap.dedent(f"""
        import json, sys
        from pathlib import Path
        sys.modules["yaml._yaml"] = None  # PyYAML's C extension, missing
        sys.path.insert(0, {str(ROOT)!r})
        import tests.conftest  # press on the path
        from tests.unit.content.test_loader import load, only_error
        import yaml
        assert not yaml.__with_libyaml__
        problem = only_error(load(Path({str(root)!r})))
        print(json.dumps([problem.line, problem.field, str(problem.message)]))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120)
    line, field, message = json.loads(done.stdout)
    return line, field, message


@pytest.mark.parametrize("yaml_loader", ["libyaml", "pure Python"])
def test_a_tab_in_the_front_matter_is_named(root: Path, yaml_loader: str) -> None:
    item(root, "title: Форум\ndate: 2026-03-12\nevent:\n  start: 2026-03-14 10:00\n\tend: 2026-03-14 12:00")
    if yaml_loader == "pure Python":
        line, field, message = only_error_without_libyaml(root)
    else:
        problem = only_error(load(root))
        line, field, message = problem.line, problem.field, problem.message
    assert (line, field) == (6, "")
    assert message == "a tab character at line 6; indent with spaces"


@pytest.mark.parametrize(
    ("front", "line"),
    [
        ('title: "Форум в Оше\ndate: 2026-03-12\ntags: [форум]', 2),
        ("title: Форум\ndate: 2026-03-12\nsummary: 'Итоги форума\ntags: [форум]", 4),
        # YAML takes the next quote for the closing one and stumbles further on
        ('title: Форум\ndate: 2026-03-12\nsummary: "Итоги форума\nregions: [osh]\ncover: "hall.png"', 4),
        ('title: Форум\ndate: 2026-03-12\ntags:\n  - "форум\n  - "бюджет"', 5),
    ],
)
def test_a_quote_never_closed_is_reported_where_it_opens(root: Path, front: str, line: int) -> None:
    item(root, front)
    problem = only_error(load(root))
    assert problem.line == line
    assert problem.message == (f"the front matter is not valid YAML: the quote opened at line {line} is never closed;"
                               " end the value with the same quote mark")  # fmt: skip


def test_a_list_never_closed_is_reported_where_it_opens(root: Path) -> None:
    item(root, "title: Форум\ntags: [форум, бюджет\ndate: 2026-03-12")
    assert only_error(load(root)).line == 3


def test_broken_regions_file_points_at_the_bad_line(root: Path) -> None:
    write(root, "data/regions.yml", "osh:\n  ru: Ош\nbatken: {ru: Баткен\n")
    problem = only_error(load(root))
    assert problem.path == "data/regions.yml"
    assert problem.line in (3, 4)
    assert "not valid YAML" in problem.message


def test_missing_title(root: Path) -> None:
    item(root, "date: 2026-03-12\nregions: [osh]")
    problem = only_error(load(root))
    assert (problem.path, problem.field) == ("news/2026-03-12-forum/index.ru.md", "title")
    assert "missing" in problem.message


def test_empty_title(root: Path) -> None:
    item(root, "title: '  '\ndate: 2026-03-12")
    problem = only_error(load(root))
    assert problem.field == "title" and "missing" in problem.message


def test_unparseable_date(root: Path) -> None:
    item(root, "title: Форум\ndate: next Tuesday")
    index = load(root)
    problems = [p for p in errors(index) if "next Tuesday" in p.message]
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.path, problem.line, problem.field) == ("news/2026-03-12-forum/index.ru.md", 3, "date")
    assert "found 'next Tuesday'; expected a date like 2026-03-12" in problem.message


def test_an_unparseable_date_is_not_also_reported_missing(root: Path) -> None:
    item(root, "title: Форум\ndate: next Tuesday")
    assert "missing" not in only_error(load(root)).message


def test_unparseable_event_start(root: Path) -> None:
    item(root, "title: Форум\ndate: 2026-03-12\nevent:\n  start: tomorrow morning")
    problems = errors(load(root))
    assert any(p.field == "event.start" and "found 'tomorrow morning'" in p.message for p in problems)


def test_date_missing_in_every_language(root: Path) -> None:
    bundle(root, "news/2026-03-12-forum", ru="title: Форум", en="title: Forum")
    problem = only_error(load(root))
    assert problem.path == "news/2026-03-12-forum/index.ru.md"
    assert problem.line == 2
    assert problem.field == "date"
    assert "missing in every language" in problem.message


def test_pages_need_no_date(root: Path) -> None:
    bundle(root, "pages/about", ru="title: О центре")
    assert load(root).problems == []


def test_unknown_project_key_with_suggestion(root: Path) -> None:
    item(root, "title: Форум\ndate: 2026-03-12\nprojects: [local-budget]")
    problem = only_error(load(root))
    assert (problem.path, problem.line, problem.field) == ("news/2026-03-12-forum/index.ru.md", 4, "projects")
    assert "unknown project 'local-budget'" in problem.message
    assert "did you mean 'local-budgets'?" in problem.message


def test_unknown_region_key(root: Path) -> None:
    item(root, "title: Форум\ndate: 2026-03-12\nregions:\n  - osh\n  - chui")
    problem = only_error(load(root))
    assert (problem.path, problem.line, problem.field) == ("news/2026-03-12-forum/index.ru.md", 6, "regions")
    assert "unknown region 'chui'" in problem.message
    assert "known: batken, osh" in problem.message


def test_region_typo_gets_a_suggestion(root: Path) -> None:
    item(root, "title: Форум\ndate: 2026-03-12\nregions: [osj]")
    assert "did you mean 'osh'?" in only_error(load(root)).message


def test_file_in_an_unconfigured_language(root: Path) -> None:
    bundle(root, "news/2026-03-12-forum", ru="title: Форум\ndate: 2026-03-12", fr="title: Forum")
    index = load(root)
    problem = only_error(index)
    assert problem.path == "news/2026-03-12-forum/index.fr.md"
    assert "'fr' is not configured" in problem.message
    assert "ru, ky, tg, en" in problem.message
    assert list(index.bundles["news/2026-03-12-forum"].files) == ["ru"]


def test_gallery_file_missing(root: Path) -> None:
    image(root, "news/2026-03-12-forum/hall.png")
    item(root, "title: Форум\ndate: 2026-03-12\ngallery:\n  - {file: hall.png}\n  - {file: panel.png, caption: Сессия}")
    problem = only_error(load(root))
    assert (problem.path, problem.line, problem.field) == ("news/2026-03-12-forum/index.ru.md", 6, "gallery")
    assert "'panel.png' not found" in problem.message


def test_cover_that_is_not_an_image(root: Path) -> None:
    write(root, "news/2026-03-12-forum/photo.jpg", "this is a text file, not a photo\n")
    item(root, "title: Форум\ndate: 2026-03-12\ncover: photo.jpg")
    problem = only_error(load(root))
    assert (problem.path, problem.line, problem.field) == ("news/2026-03-12-forum/index.ru.md", 4, "cover")
    assert "'photo.jpg' is not a readable image" in problem.message


def test_truncated_image_is_not_readable(root: Path) -> None:
    path = image(root, "news/2026-03-12-forum/photo.png")
    path.write_bytes(path.read_bytes()[:20])
    item(root, "title: Форум\ndate: 2026-03-12\ncover: photo.png")
    problem = only_error(load(root))
    assert problem.field == "cover" and "not a readable image" in problem.message


def test_event_that_ends_before_it_starts(root: Path) -> None:
    item(root, "title: Форум\ndate: 2026-03-12\nevent:\n  start: 2026-03-20 10:00\n  end: 2026-03-19 17:00")
    index = load(root)
    problem = only_error(index)
    assert (problem.path, problem.line, problem.field) == ("news/2026-03-12-forum/index.ru.md", 6, "event.end")
    assert "ends (2026-03-19 17:00) before it starts (2026-03-20 10:00)" in problem.message
    assert "event" not in index.bundles["news/2026-03-12-forum"].entries["ru"].meta


def test_event_end_before_start_is_reported_once_not_in_translations(root: Path) -> None:
    bundle(root, "news/2026-03-12-forum", ru="title: Ф\ndate: 2026-03-12\nevent: {start: 2026-03-20, end: 2026-03-19}",
           en="title: F\nevent: {location: Hall}")  # fmt: skip
    problem = only_error(load(root))
    assert (problem.path, problem.field) == ("news/2026-03-12-forum/index.ru.md", "event.end")


def test_cover_path_leaving_the_folder(root: Path) -> None:
    image(root, "news/2026-03-01-other/photo.jpg")
    bundle(root, "news/2026-03-01-other", ru="title: Другое\ndate: 2026-03-01\ncover: photo.jpg")
    item(root, "title: Форум\ndate: 2026-03-12\ncover: ../2026-03-01-other/photo.jpg")
    problem = only_error(load(root))
    assert (problem.path, problem.line, problem.field) == ("news/2026-03-12-forum/index.ru.md", 4, "cover")
    assert "'../2026-03-01-other/photo.jpg' leaves the item's folder" in problem.message


def test_absolute_cover_path(root: Path) -> None:
    outside = image(root.parent, "elsewhere/photo.png")
    item(root, f"title: Форум\ndate: 2026-03-12\ncover: {outside}")
    problem = only_error(load(root))
    assert problem.field == "cover" and "leaves the item's folder" in problem.message


def test_symlinked_cover_pointing_outside_the_folder(root: Path) -> None:
    outside = image(root.parent, "elsewhere/photo.png")
    folder = root / "news/2026-03-12-forum"
    folder.mkdir(parents=True)
    os.symlink(outside, folder / "photo.png")
    item(root, "title: Форум\ndate: 2026-03-12\ncover: photo.png")
    problem = only_error(load(root))
    assert (problem.path, problem.line, problem.field) == ("news/2026-03-12-forum/index.ru.md", 4, "cover")
    assert "'photo.png' leaves the item's folder" in problem.message


def test_symlink_inside_the_folder_is_fine(root: Path) -> None:
    image(root, "news/2026-03-12-forum/original.png")
    os.symlink("original.png", root / "news/2026-03-12-forum/photo.png")
    item(root, "title: Форум\ndate: 2026-03-12\ncover: photo.png")
    assert load(root).problems == []


def test_two_items_with_the_same_section_and_slug(root: Path) -> None:
    item(root, "title: Форум\ndate: 2026-03-12", folder="news/2026-03-12-forum")
    item(root, "title: Другой форум\ndate: 2026-04-01", folder="news/2026-04-01-forum")
    found = errors(load(root))
    assert [p.path for p in found] == ["news/2026-03-12-forum", "news/2026-04-01-forum"]
    for problem in found:
        assert "two items in 'news' have the slug 'forum'" in problem.message
        assert "news/2026-03-12-forum, news/2026-04-01-forum" in problem.message


def test_the_same_slug_in_different_sections_is_fine(root: Path) -> None:
    item(root, "title: Форум\ndate: 2026-03-12", folder="news/2026-03-12-forum")
    item(root, "title: Форум\ndate: 2026-03-12", folder="announcements/2026-03-01-forum")
    assert load(root).problems == []


def test_item_folder_without_a_date_prefix(root: Path) -> None:
    item(root, "title: Форум\ndate: 2026-03-12", folder="news/forum-osh")
    index = load(root)
    problem = only_error(index)
    assert (problem.path, problem.line, problem.field) == ("news/forum-osh", None, "")
    assert "YYYY-MM-DD-slug" in problem.message
    assert "news/forum-osh" not in index.bundles


def test_item_folder_with_an_impossible_date(root: Path) -> None:
    item(root, "title: Форум\ndate: 2026-03-12", folder="news/2026-02-30-forum")
    problem = only_error(load(root))
    assert problem.path == "news/2026-02-30-forum"
    assert "'2026-02-30'" in problem.message and "not a real date" in problem.message


def test_unknown_top_level_folder(root: Path) -> None:
    item(root, "title: Блог\ndate: 2026-03-12", folder="blog/2026-03-12-post")
    index = load(root)
    problem = only_error(index)
    assert problem.path == "blog"
    assert "'blog' is not a section" in problem.message
    assert "news" in problem.message
    assert not any(key.startswith("blog/") for key in index.bundles)


def test_stray_markdown_file_in_a_bundle(root: Path) -> None:
    item(root, "title: Форум\ndate: 2026-03-12")
    write(root, "news/2026-03-12-forum/notes.md", "заметки для себя\n")
    problem = only_error(load(root))
    assert problem.path == "news/2026-03-12-forum/notes.md"
    assert "index.<language>.md" in problem.message and "index.ru.md" in problem.message


def test_folder_without_index_files(root: Path) -> None:
    image(root, "news/2026-03-12-forum/hall.png")
    problem = only_error(load(root))
    assert problem.path == "news/2026-03-12-forum"
    assert "no index.<language>.md file" in problem.message


def test_file_that_is_not_utf8(root: Path) -> None:
    write(root, "news/2026-03-12-forum/index.ru.md", "---\ntitle: Форум\ndate: 2026-03-12\n---\nТекст\n".encode("cp1251"))
    problem = only_error(load(root))
    assert (problem.path, problem.line, problem.field) == ("news/2026-03-12-forum/index.ru.md", None, "")
    assert "not UTF-8" in problem.message


def test_utf8_with_bom_is_fine(root: Path) -> None:
    write(root, "news/2026-03-12-forum/index.ru.md", "\ufeff" + md("title: Форум\ndate: 2026-03-12"))
    index = load(root)
    assert index.problems == []
    assert index.bundles["news/2026-03-12-forum"].entries["ru"].meta["title"] == "Форум"


def test_file_without_front_matter(root: Path) -> None:
    write(root, "news/2026-03-12-forum/index.ru.md", "title: Форум\n\nТекст\n")
    problem = only_error(load(root))
    assert (problem.path, problem.line) == ("news/2026-03-12-forum/index.ru.md", 1)
    assert "no front matter" in problem.message


def test_phone_not_in_international_form(root: Path) -> None:
    item(root, """
        title: Слушания
        date: 2026-06-01
        contacts:
          - name: Нурлан Асанов
            phone: 0312 62 45 18
            email: press@example.kg
    """, folder="press-releases/2026-06-01-hearings")  # fmt: skip
    problem = only_error(load(root))
    assert problem.path == "press-releases/2026-06-01-hearings/index.ru.md"
    assert (problem.line, problem.field) == (6, "contacts.phone")
    assert "'0312 62 45 18' is not an international number" in problem.message
    assert "+996" in problem.message


def test_international_phone_is_normalised(root: Path) -> None:
    item(root, 'title: С\ndate: 2026-06-01\ncontacts:\n  - {name: Н, phone: "+996 (312) 62-45-18", email: a@b.kg}')
    index = load(root)
    assert index.problems == []
    contact = index.bundles["news/2026-03-12-forum"].entries["ru"].meta["contacts"][0]
    assert contact.phone_e164 == "+996312624518"


def test_bad_email(root: Path) -> None:
    item(root, 'title: С\ndate: 2026-06-01\ncontacts:\n  - {name: Н, phone: "+996 312 62 45 18", email: press-at-example}')
    problem = only_error(load(root))
    assert (problem.line, problem.field) == (5, "contacts.email")
    assert "'press-at-example' is not an e-mail address" in problem.message


def test_contact_without_email_is_fine(root: Path) -> None:
    item(root, 'title: С\ndate: 2026-06-01\ncontacts:\n  - {name: Нурлан Асанов, phone: "+996 312 62 45 18"}')
    assert errors(load(root)) == []


PODCAST = "podcasts/2026-06-01-episode"


@pytest.mark.parametrize(
    ("ru", "en", "line"),
    [
        ("title: Выпуск\ndate: 2026-06-01", "title: Episode", 2),  # at the title: no 'audio:' line
        ("title: Выпуск\ndate: 2026-06-01\naudio:", "title: Episode", 4),  # as make new leaves it
        ('title: Выпуск\ndate: 2026-06-01\naudio: ""\nembargo: 2026-06-10 09:00', "title: Episode", 4),  # an embargo lifts by itself
    ],
)
def test_a_podcast_needs_audio(root: Path, ru: str, en: str, line: int) -> None:
    bundle(root, PODCAST, ru=ru, en=en)
    problem = only_error(load(root))
    assert (problem.path, problem.line, problem.field) == (f"{PODCAST}/index.ru.md", line, "audio")
    assert problem.message == "a podcast needs 'audio:', an audio file of the item folder, e.g. 'audio: episode.mp3'"


def test_a_podcast_draft_may_wait_for_its_audio(root: Path) -> None:
    bundle(root, PODCAST, ru="title: Выпуск\ndate: 2026-06-01\naudio:\nstatus: draft", en="title: Episode")
    bundle(root, "podcasts/2026-06-02-translated", ru="title: Выпуск\ndate: 2026-06-02\naudio:", en="title: E\nstatus: draft")
    index = load(root)
    assert [(p.path, p.field) for p in errors(index)] == [("podcasts/2026-06-02-translated/index.ru.md", "audio")]


def test_a_podcast_translation_inherits_the_audio(root: Path) -> None:
    write(root, f"{PODCAST}/episode.mp3", b"ID3")
    bundle(root, PODCAST, ru="title: Выпуск\ndate: 2026-06-01\naudio: episode.mp3", en="title: Episode")
    bundle(root, "podcasts/2026-06-02-missing", ru="title: Выпуск\ndate: 2026-06-02\naudio: missing.mp3")
    index = load(root)
    assert index.bundles[PODCAST].entries["en"].meta["audio"] == "episode.mp3"
    problem = only_error(index)  # a file that is not there is said once, as for any file
    assert (problem.field, problem.message) == ("audio", "file 'missing.mp3' not found in the item's folder")


def test_unknown_field_is_a_warning_with_suggestion(root: Path) -> None:
    item(root, "title: Форум\ndate: 2026-03-12\nregionlist: [osh]")
    index = load(root)
    assert errors(index) == []
    (warning,) = index.problems
    assert (warning.severity, warning.field, warning.line) == ("warning", "regionlist", 4)
    assert "did you mean 'regions'?" in warning.message


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("embargoo", "embargo"),  # a letter added
        ("embrgo", "embargo"),  # left out
        ("embergo", "embargo"),  # changed
        ("embrago", "embargo"),  # two swapped
        ("Embargo", "embargo"),  # letter case
        ("EMBARGO", "embargo"),
        ("Statsu", "status"),  # both
        ("tag", "tags"),
        ("author", "authors"),
    ],
)
def test_a_misspelt_field_is_an_error(root: Path, written: str, meant: str) -> None:
    """``embargoo:`` would publish an embargoed item at once: a field one edit
    (or letter case) away from a known one stops the build."""
    item(root, f'title: Форум\ndate: 2026-03-12\n{written}: "2030-01-01 09:00"')
    problem = only_error(load(root))
    assert (problem.field, problem.line) == (written, 4)
    assert problem.message == f"{written!r} is not a field; did you mean {meant!r}?"


@pytest.mark.parametrize("written", ["subtitle", "lang", "slug", "embargo_note", "x"])
def test_a_field_further_from_any_known_one_stays_a_warning(root: Path, written: str) -> None:
    item(root, f"title: Форум\ndate: 2026-03-12\n{written}: 1")
    index = load(root)
    assert errors(index) == []
    assert [(p.severity, p.field) for p in index.problems] == [("warning", written)]


def test_a_misspelt_key_inside_a_field_is_an_error(root: Path) -> None:
    image(root, "news/2026-03-12-forum/hall.png")
    item(root, textwrap.dedent("""\
        title: Форум
        date: 2026-03-12
        event:
          strat: "2026-03-14 10:00"
          location: Дом культуры
          Venue: x
        contacts:
          - {nmae: Нурлан Асанов, role: пресс-секретарь}
        gallery:
          - {file: hall.png, captoin: Зал}"""))
    index = load(root)
    found = sorted((p.severity, p.field, p.line, p.message) for p in index.problems)
    assert found == [
        ("error", "contacts.nmae", 9, "'nmae' is not a key of 'contacts'; did you mean 'name'?"),
        ("error", "event.start", 4, "missing; an event needs a start such as 2026-05-14 10:00"),
        ("error", "event.strat", 5, "'strat' is not a key of 'event'; did you mean 'start'?"),
        ("error", "gallery.captoin", 11, "'captoin' is not a key of 'gallery'; did you mean 'caption'?"),
        ("warning", "event.Venue", 7, "unknown key; expected one of: start, end, location, address, online_url, status, timezone"),
    ]


def test_every_mistake_in_a_tree_is_collected(root: Path) -> None:
    item(root, "date: 2026-03-12", folder="news/2026-03-12-forum")
    item(root, "title: В\ndate: 2026-03-13\nregions: [chui]", folder="news/2026-03-13-water")
    item(root, "title: Блог", folder="blog/2026-03-12-post")
    problems = errors(load(root))
    assert [(p.path, p.field) for p in problems] == [
        ("blog", ""),
        ("news/2026-03-12-forum/index.ru.md", "title"),
        ("news/2026-03-13-water/index.ru.md", "regions"),
    ]


def test_problem_text_names_file_line_and_field(root: Path) -> None:
    item(root, "title: Форум\ndate: 2026-03-12\nprojects: [local-budget]")
    text = str(only_error(load(root)))
    assert text.startswith("news/2026-03-12-forum/index.ru.md:4: projects: unknown project 'local-budget'")


# --- front matter parsed by an earlier build -----------------------------------------


def test_front_matter_is_parsed_again_only_where_it_changed(root: Path) -> None:
    bundle(root, "news/2026-05-02-water", ru="title: Вода в Баткене\ndate: 2026-05-02 09:00\ntags: [вода, село]\nregions: [batken]")
    first = loader.ParsedFrontMatter()
    before = loader.load_site(str(root), SETTINGS, NOW, first)
    assert not before.problems and first.new and first.used == set(first.new)

    again = loader.ParsedFrontMatter(known=dict(first.new))
    same = loader.load_site(str(root), SETTINGS, NOW, again)
    assert not again.new  # nothing parsed twice
    news = same.bundles["news/2026-05-02-water"].entries["ru"]
    assert news.meta == before.bundles["news/2026-05-02-water"].entries["ru"].meta
    # each build gets objects of its own, not the ones an earlier build changed
    assert news.source.raw is not before.bundles["news/2026-05-02-water"].entries["ru"].source.raw

    bundle(root, "news/2026-05-02-water", ru="title: Вода пришла в Баткен\ndate: 2026-05-02 09:00\ntags: [вода]\nregions: [batken]")
    edited = loader.ParsedFrontMatter(known={**first.new})
    after = loader.load_site(str(root), SETTINGS, NOW, edited)
    assert len(edited.new) == 1
    assert str(after.bundles["news/2026-05-02-water"].entries["ru"].meta["title"]) == "Вода пришла в Баткен"
    assert set(first.new) - edited.used  # the old text's entry is no longer used: the caller drops it


def test_a_cached_parse_does_not_hide_a_yaml_error(root: Path) -> None:
    parsed = loader.ParsedFrontMatter()
    bundle(root, "news/2026-05-03-broken", ru="title: Ошибка: двоеточие\ntags: [a")
    index = loader.load_site(str(root), SETTINGS, NOW, parsed)
    assert any("not valid YAML" in str(p.message) for p in index.problems)
    again = loader.load_site(str(root), SETTINGS, NOW, loader.ParsedFrontMatter(known=dict(parsed.new)))
    assert [str(p.message) for p in again.problems] == [str(p.message) for p in index.problems]
