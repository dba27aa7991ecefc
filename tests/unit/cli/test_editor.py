"""press.cli.editor: the browser editor's configuration against the basic fixture site.

The expected fields come from the contract's own tables (``make new``'s
template, ``KNOWN_FIELDS``, the words ``make translate`` copies), so a field
added to the contract and not to the editor fails here.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from press.cli import main
from press.cli.editor import EXTRA_FIELDS, FIELD_WORDS, UnknownField, build_config, slug_rules, widget
from press.cli.scaffold import LIST_WORDS, MAPPING_WORDS, TEXT_FIELDS, WORD_LISTS, item_template
from press.content.fields import KNOWN_FIELDS
from press.content.loader import FRONT_MATTER
from press.messages import messages
from press.settings import SECTIONS
from press.slug import LETTERS, slugify
from tests.conftest import ROOT, SITES, press_settings

PRESS = press_settings()
SITE = SITES / "basic"
SAY = messages("ru")  # the editor's words are in the language it starts in, ru here


@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    return build_config(SITE, SITES, PRESS, theme=str(ROOT / "theme"))


def collection(config: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in config["collections"] if c["name"] == name)


def fields(coll: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in coll["fields"]}


def template(section: str) -> dict[str, Any]:
    """What ``make new`` writes for ``section``, read as YAML (comments dropped)."""
    local = dt.datetime(2026, 3, 12, 9, 0, tzinfo=PRESS.zone)
    text = item_template(SITE, PRESS, section, "ru", "Форум", local, SAY)
    return yaml.safe_load(FRONT_MATTER.match(text)["yaml"])


def template_hints(section: str) -> dict[str, str]:
    local = dt.datetime(2026, 3, 12, 9, 0, tzinfo=PRESS.zone)
    text = item_template(SITE, PRESS, section, "ru", "Форум", local, SAY)
    return {line.split(":")[0]: line.split("  # ", 1)[1] for line in text.splitlines() if not line.startswith(" ") and "  # " in line}


SECTION_FIELDS = [(s, key) for s in SECTIONS for key in template(s)]


@pytest.mark.parametrize("section", SECTIONS)
def test_section_is_a_folder_collection_of_dated_bundles(config: dict[str, Any], section: str) -> None:
    coll = collection(config, section)
    assert coll["folder"] == f"basic/{section}"
    # the folder's day is the item's date's, in the site's time zone, not the browser's clock's
    assert coll["path"] == ("{{fields.date | date('YYYY')}}-{{fields.date | date('MM')}}-"
                            "{{fields.date | date('DD')}}-{{slug}}/index")  # fmt: skip
    assert fields(coll)["date"]["input_timezone"] == "Asia/Bishkek" and fields(coll)["date"]["default"] == "{{now}}"
    assert coll["extension"] == "md" and coll["format"] == "yaml-frontmatter"
    assert coll["i18n"] is True
    assert coll["media_folder"] == "" and coll["public_folder"] == ""  # photos in the item's folder
    assert coll["preview_path"] == f"/{{{{locale}}}}/{section}/{{{{slug}}}}/"


@pytest.mark.parametrize(("section", "key"), SECTION_FIELDS, ids=[f"{s}-{k}" for s, k in SECTION_FIELDS])
def test_every_field_of_make_new_with_its_hint(config: dict[str, Any], section: str, key: str) -> None:
    own = fields(collection(config, section))
    assert key in own
    assert own[key]["hint"] == template_hints(section)[key]


@pytest.mark.parametrize("section", SECTIONS)
def test_fields_in_make_new_order_then_the_optional_ones(config: dict[str, Any], section: str) -> None:
    names = [f["name"] for f in collection(config, section)["fields"]]
    written = list(template(section))
    assert names[: len(written)] == written
    assert names[len(written):] == [k for k in EXTRA_FIELDS if k not in written] + ["body"]


@pytest.mark.parametrize("key", sorted(KNOWN_FIELDS))
def test_every_contract_field_can_be_edited(config: dict[str, Any], key: str) -> None:
    assert any(key in fields(c) for c in config["collections"])


@pytest.mark.parametrize("key", sorted(TEXT_FIELDS + WORD_LISTS + ("tags",)))
def test_words_are_per_language(config: dict[str, Any], key: str) -> None:
    found = [fields(c)[key] for c in config["collections"] if key in fields(c)]
    assert found and all(f["i18n"] is True for f in found)


@pytest.mark.parametrize("key", ["date", "embargo", "projects", "regions", "cover", "video", "audio", "logo", "period"])
def test_facts_are_written_once(config: dict[str, Any], key: str) -> None:
    found = [fields(c)[key] for c in config["collections"] if key in fields(c)]
    assert found and all(f["i18n"] is False for f in found)


SUBFIELDS = [(p, k) for p, keys in {**LIST_WORDS, **MAPPING_WORDS}.items() for k in keys]


@pytest.mark.parametrize(("parent", "key"), SUBFIELDS, ids=[f"{p}.{k}" for p, k in SUBFIELDS])
def test_words_of_lists_per_language_files_shared(config: dict[str, Any], parent: str, key: str) -> None:
    found = [fields(c)[parent] for c in config["collections"] if parent in fields(c)]
    assert found
    for field in found:
        sub = {f["name"]: f for f in field["fields"]}
        # a photo or document is matched by file in every language (press.content.inherit)
        assert sub[key]["i18n"] == ("duplicate" if key == "file" else True)


def test_gallery_is_photo_caption_alt(config: dict[str, Any]) -> None:
    gallery = fields(collection(config, "galleries"))["gallery"]
    assert gallery["widget"] == "list"
    assert [(f["name"], f["widget"]) for f in gallery["fields"]] == [("file", "image"), ("caption", "string"), ("alt", "string")]


def test_languages(config: dict[str, Any]) -> None:
    assert config["i18n"]["structure"] == "multiple_files"
    assert config["i18n"]["locales"] == ["ru", "ky", "tg", "en"]
    assert config["i18n"]["default_locale"] == "ru"
    assert config["i18n"]["initial_locales"] == "default"  # a new item starts in one language


def test_another_starting_language() -> None:
    assert build_config(SITE, SITES, PRESS, "ky")["i18n"]["default_locale"] == "ky"
    with pytest.raises(ValueError):
        build_config(SITE, SITES, PRESS, "de")


def test_projects_are_a_relation_to_the_project_pages(config: dict[str, Any]) -> None:
    keys = sorted(p.name for p in (SITE / "projects").iterdir() if p.is_dir())
    projects = fields(collection(config, "news"))["projects"]
    assert projects["widget"] == "relation" and projects["collection"] == "projects"
    assert projects["value_field"] == "{{slug}}" and projects["multiple"] is True
    pages = collection(config, "projects")
    assert pages["folder"] == "basic/projects" and pages["path"] == "{{slug}}/index"
    assert all(key in projects["hint"] for key in keys)
    assert [o["value"] for o in fields(pages)["status"]["options"]] == ["active", "completed"]


def test_regions_are_a_choice_of_data_regions(config: dict[str, Any]) -> None:
    names = yaml.safe_load((SITE / "data" / "regions.yml").read_text(encoding="utf-8"))
    regions = fields(collection(config, "news"))["regions"]
    assert regions["widget"] == "select" and regions["multiple"] is True
    assert {o["value"]: o["label"] for o in regions["options"]} == {k: v["ru"] for k, v in names.items()}


def test_status_starts_as_draft(config: dict[str, Any]) -> None:
    for section in SECTIONS:
        status = fields(collection(config, section))["status"]
        assert status["default"] == "draft"
        assert {o["value"]: o["label"] for o in status["options"]} == {"draft": "Черновик", "published": "Опубликовано"}


def test_dates_written_as_make_new_writes_them(config: dict[str, Any]) -> None:
    date = fields(collection(config, "news"))["date"]
    assert date["format"] == "YYYY-MM-DD HH:mm" and date["default"] == "{{now}}"
    assert config["output"] == {"omit_empty_optional_fields": True, "yaml": {"quote": "double"}}
    assert fields(collection(config, "press-releases"))["embargo"]["widget"] == "datetime"


def test_event_and_contacts(config: dict[str, Any]) -> None:
    event = fields(collection(config, "announcements"))["event"]
    assert [f["name"] for f in event["fields"]] == list(template("announcements")["event"])
    contacts = fields(collection(config, "press-releases"))["contacts"]
    assert [f["name"] for f in contacts["fields"]] == list(template("press-releases")["contacts"][0])


def test_sections_labelled_in_the_editor_language(config: dict[str, Any]) -> None:
    assert collection(config, "news")["label"] == "Новости"


def every_field(fields: list[dict[str, Any]], parent: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    for field in fields:
        path = f"{parent}.{field['name']}" if parent else field["name"]
        yield path, field
        yield from every_field(field.get("fields", []), path)


COLLECTIONS = [*SECTIONS, "projects", "pages"]
CYRILLIC = re.compile("[а-яё]", re.I)


@pytest.mark.parametrize("name", COLLECTIONS)
def test_every_field_has_a_label_and_a_hint_in_russian(config: dict[str, Any], name: str) -> None:
    """Not the YAML key: a word from the pressroom catalog, and a hint, said in Russian."""
    seen = list(every_field(collection(config, name)["fields"]))
    assert len(seen) >= 4
    for path, field in seen:
        assert field["label"] != field["name"] and CYRILLIC.search(field["label"]), (path, field["label"])
        assert CYRILLIC.search(field.get("hint", "")), (path, field.get("hint"))
        assert field["label"] == SAY.text(FIELD_WORDS[path][0])


def test_labels_and_choices_in_the_starting_language() -> None:
    """make editor CONTENT_LANG=tg: a Tajik press officer reads Tajik words."""
    tg = build_config(SITE, SITES, PRESS, "tg")
    news = fields(collection(tg, "news"))
    assert news["title"]["label"] == "Сарлавҳа" and news["gallery"]["label_singular"] == "акс"
    assert {f["name"]: f["label"] for f in news["gallery"]["fields"]}["caption"] == "Тавзеҳи акс"
    assert news["status"]["options"] == [{"value": "published", "label": "Нашр шуд"}, {"value": "draft", "label": "Сиёҳнавис"}]
    assert news["title"]["hint"] == messages("tg")("the headline in this language (required)")
    en = fields(collection(build_config(SITE, SITES, PRESS, "en"), "news"))
    assert en["title"]["label"] == "Title" and en["projects"]["hint"] == "project keys: local-budgets"


def test_a_field_without_words_is_refused() -> None:
    """A contract field given a widget but no label stops the configuration."""
    with pytest.raises(UnknownField):
        widget("unheard_of", "", {"say": SAY})


def test_pages_collection(config: dict[str, Any]) -> None:
    pages = collection(config, "pages")
    assert pages["folder"] == "basic/pages" and pages["preview_path"] == "/{{locale}}/{{slug}}/"


def test_command_writes_the_admin_folder(tmp_path: Path) -> None:
    admin = tmp_path / "admin"
    code = main(["--settings", str(ROOT / "pelicanconf.py"), "--content", str(SITE), "editor",
                 "--admin", str(admin), "--repo", str(SITES)])  # fmt: skip
    assert code == 0
    written = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert [c["name"] for c in written["collections"]] == [*SECTIONS, "projects", "pages"]
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert 'src="editor.js"' in page and "window.PRESSROOM_SLUG" in page


TITLES = [
    ("Жаңы үй-бүлөлөр Өзгөндө үйлүү болушту", "ky"),
    ("Ысык-Көлдө жергиликтүү бюджет боюнча угуулар", "ky"),
    ("Ҷамоатҳои Суғд қонуни нав оид ба оби нӯшокиро муҳокима карданд", "tg"),
    ("Маҷлиси ҷамъиятӣ дар ноҳияи Ғафуров", "tg"),
    ("Щедрый урожай: «Объединённые» хозяйства — 2026", "ru"),
    ("Très «long» " + "заголовок " * 12, "ru"),
    ("Ёлкa, Ъ и Ь — Æsop’s Straße №5", "en"),
    ("Закон №12 о тарифах: +15 ₽, ½ и Ⅻ век", "ru"),
]


def many_titles() -> list[tuple[str, str]]:
    """The titles above, every title of the sample and fixture content in
    its file's language, and each language's letters one by one."""
    found = list(TITLES)
    for path in sorted([*(ROOT / "content").rglob("index.*.md"), *(ROOT / "tests" / "sites").rglob("index.*.md")]):
        match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
        meta = yaml.safe_load(match["yaml"]) if match else None
        if isinstance(meta, dict) and isinstance(meta.get("title"), str):
            found.append((meta["title"], path.name.split(".")[1]))
    alphabet = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
    for lang, letters in LETTERS.items():
        found += [(f"{ch}{ch.upper()} {alphabet}", lang) for ch in letters]
    return found


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to run the editor's slug hook")
def test_browser_slugs_agree_with_make_new(tmp_path: Path) -> None:
    """editor/src/slug.js with the generated tables gives press.slug.slugify's slug, title by title."""
    titles = many_titles()
    assert len(titles) > 100 and {lang for _, lang in titles} >= {"ru", "ky", "tg", "en"}
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps(slug_rules(PRESS)), encoding="utf-8")
    given = tmp_path / "titles.json"
    given.write_text(json.dumps(titles), encoding="utf-8")
    script = (
        "import { readFileSync } from 'node:fs';"
        f"import {{ slugify }} from {json.dumps((ROOT / 'editor' / 'src' / 'slug.js').as_uri())};"
        "const [rules, titles] = process.argv.slice(1).map((p) => JSON.parse(readFileSync(p, 'utf8')));"
        "process.stdout.write(JSON.stringify(titles.map(([text, lang]) => slugify(text, lang, rules))));"
    )
    done = subprocess.run(["node", "--input-type=module", "-e", script, str(rules), str(given)],
                          capture_output=True, text=True, check=True)  # fmt: skip
    browser = json.loads(done.stdout)
    assert [(t, b) for (t, lang), b in zip(titles, browser) if b != slugify(t, lang)] == []
