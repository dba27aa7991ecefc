"""press.content.inherit.merge: what a language version takes from the bundle's other files."""

from __future__ import annotations

import copy
import datetime as dt
import zoneinfo

from press.content.inherit import ELEMENT_MATCH, FROM_ORIGINAL, NOT_INHERITED, merge, original
from press.content.model import Localized

ZONE = zoneinfo.ZoneInfo("Asia/Bishkek")
MARCH_12 = dt.datetime(2026, 3, 12, 10, 30, tzinfo=ZONE)
MARCH_14 = dt.datetime(2026, 3, 14, 9, 0, tzinfo=ZONE)


def ru(text: str) -> Localized:
    return Localized(text, "ru")


def ky(text: str) -> Localized:
    return Localized(text, "ky")


def en(text: str) -> Localized:
    return Localized(text, "en")


def test_the_words_that_are_never_inherited() -> None:
    assert NOT_INHERITED == {"title", "summary", "tags"}
    assert ELEMENT_MATCH == {"gallery": "file", "contacts": None, "credits": None, "attachments": "file"}


def test_facts_are_inherited() -> None:
    source = {"date": MARCH_12, "projects": ["local-budgets"], "regions": ["osh"], "cover": "hall.png",
              "status": "draft", "dateline": ru("Бишкек")}  # fmt: skip
    merged = merge({"title": "Forum"}, [source], original=source)
    assert merged == {"title": "Forum", **source}
    # an inherited word keeps the language it was written in
    assert merged["dateline"].lang == "ru"


def test_the_status_comes_only_from_the_original() -> None:
    """A translation's ``status: draft`` (make translate writes one) holds back
    that translation alone; the original's draft holds back every file without
    a status of its own."""
    assert FROM_ORIGINAL == {"status"}
    source = {"date": MARCH_12, "status": "published"}
    translation = {"title": "T", "status": "draft"}
    assert merge({"title": "R"}, [translation], original=None) == {"title": "R"}  # the original itself
    assert merge({"title": "E"}, [source, translation], original=source)["status"] == "published"
    assert "status" not in merge({"title": "E"}, [translation, {"date": MARCH_12}], original={"date": MARCH_12})
    assert merge({"title": "E"}, [{}], original={"status": "draft"})["status"] == "draft"
    assert merge({"title": "E", "status": "published"}, [{}], original={"status": "draft"})["status"] == "published"


def test_the_original_is_the_first_file_with_a_date() -> None:
    order = ["ru", "ky", "tg", "en"]
    files = {"ru": {"title": "R"}, "ky": {"title": "K", "date": MARCH_12}, "en": {"title": "E", "date": MARCH_14}}
    assert original(files, order) == "ky"  # the Russian file was made from it by make translate
    files["ru"]["date"] = MARCH_12
    assert original(files, order) == "ru"  # the default language first
    assert original({"ky": {"title": "K"}, "en": {"title": "E"}}, order) == "ky"  # pages: no dates
    assert original({}, order) is None


def test_own_values_win() -> None:
    merged = merge({"title": "T", "date": MARCH_14, "regions": ["batken"]}, [{"date": MARCH_12, "regions": ["osh"]}])
    assert merged["date"] == MARCH_14
    assert merged["regions"] == ["batken"]


def test_default_language_first_then_the_others() -> None:
    default = {"date": MARCH_12}
    other = {"date": MARCH_14, "cover": "panel.png"}
    merged = merge({"title": "T"}, [default, other])
    assert merged["date"] == MARCH_12  # the first source (default language) wins
    assert merged["cover"] == "panel.png"  # what it lacks comes from the next one


def test_title_summary_and_tags_are_never_inherited() -> None:
    source = {"title": "Форум", "summary": "Кратко", "tags": ["форум"], "date": MARCH_12}
    merged = merge({}, [source])
    assert merged == {"date": MARCH_12}
    merged = merge({"title": "Forum"}, [source, {"summary": "Short", "tags": ["forum"]}])
    assert merged == {"title": "Forum", "date": MARCH_12}


def test_mappings_merge_key_by_key() -> None:
    source = {"event": {"start": MARCH_12, "end": MARCH_14, "location": ru("Дом культуры"),
                        "address": ru("ул. Ленина, 1")}}  # fmt: skip
    own = {"title": "Training", "event": {"location": en("House of Culture")}}
    merged = merge(own, [source])
    assert merged["event"] == {
        "start": MARCH_12,
        "end": MARCH_14,
        "location": en("House of Culture"),
        "address": ru("ул. Ленина, 1"),
    }
    assert merged["event"]["location"].lang == "en"
    assert merged["event"]["address"].lang == "ru"


def test_mappings_take_missing_keys_from_every_source_in_order() -> None:
    own = {"source": {"name": en("Osh Press")}}
    merged = merge(own, [{"source": {"name": ru("Ош-Пресс")}}, {"source": {"url": "https://example.org/"}}])
    assert merged["source"] == {"name": en("Osh Press"), "url": "https://example.org/"}


def test_lists_replace_as_a_whole() -> None:
    merged = merge(
        {"projects": ["water"], "regions": ["batken"], "authors": ["Aigul"]},
        [{"projects": ["local-budgets", "water"], "regions": ["osh", "batken"], "authors": ["Айгуль", "Нурлан"]}],
    )
    assert merged == {"projects": ["water"], "regions": ["batken"], "authors": ["Aigul"]}


def test_a_missing_list_is_inherited_whole() -> None:
    gallery = [{"file": "hall.png", "caption": ru("Зал форума")}, {"file": "panel.png"}]
    merged = merge({"title": "T"}, [{"gallery": gallery}])
    assert merged["gallery"] == gallery
    assert merged["gallery"][0]["caption"].lang == "ru"


def test_gallery_elements_match_by_file_and_take_missing_words() -> None:
    source = {
        "gallery": [
            {"file": "hall.png", "caption": ru("Зал форума"), "alt": ru("Участники форума в зале")},
            {"file": "panel.png", "caption": ru("Пленарная сессия")},
            {"file": "extra.png", "caption": ru("Только по-русски")},
        ]
    }
    own = {"gallery": [{"file": "panel.png"}, {"file": "hall.png", "caption": ky("Форумдун залы")}]}
    merged = merge(own, [source])
    # the translation's own list decides which photos and in which order
    assert [g["file"] for g in merged["gallery"]] == ["panel.png", "hall.png"]
    panel, hall = merged["gallery"]
    assert panel == {"file": "panel.png", "caption": ru("Пленарная сессия")}
    assert panel["caption"].lang == "ru"
    assert hall["caption"] == ky("Форумдун залы")
    assert hall["caption"].lang == "ky"
    assert hall["alt"] == ru("Участники форума в зале")
    assert hall["alt"].lang == "ru"


def test_gallery_element_without_a_match_stays_as_written() -> None:
    merged = merge({"gallery": [{"file": "new.png"}]}, [{"gallery": [{"file": "hall.png", "caption": ru("Зал")}]}])
    assert merged["gallery"] == [{"file": "new.png"}]


def test_contacts_match_by_position() -> None:
    source = {
        "contacts": [
            {"name": "Нурлан Асанов", "role": ru("пресс-секретарь"), "phone": "+996 312 62 45 18",
             "email": "press@example.kg"},
            {"name": "Айгуль Маматова", "phone": "+996 555 00 11 22"},
        ]
    }  # fmt: skip
    own = {"contacts": [{"name": "Nurlan Asanov"}, {"name": "Aigul Mamatova", "role": en("editor")}, {"name": "Third"}]}
    merged = merge(own, [source])
    first, second, third = merged["contacts"]
    assert first == {"name": "Nurlan Asanov", "role": ru("пресс-секретарь"), "phone": "+996 312 62 45 18",
                     "email": "press@example.kg"}  # fmt: skip
    assert first["role"].lang == "ru"
    assert second == {"name": "Aigul Mamatova", "role": en("editor"), "phone": "+996 555 00 11 22"}
    assert third == {"name": "Third"}  # no contact at that position in the source


def test_credits_match_by_position_and_attachments_by_file() -> None:
    source = {
        "credits": [{"role": ru("Фото"), "name": "Б. Токтогулов"}],
        "attachments": [{"file": "report.pdf", "title": ru("Отчёт")}, {"file": "plan.pdf", "title": ru("План")}],
    }
    own = {"credits": [{"name": "B. Toktogulov"}], "attachments": [{"file": "plan.pdf"}]}
    merged = merge(own, [source])
    assert merged["credits"] == [{"role": ru("Фото"), "name": "B. Toktogulov"}]
    assert merged["attachments"] == [{"file": "plan.pdf", "title": ru("План")}]


def test_element_source_is_the_first_source_with_that_list() -> None:
    own = {"gallery": [{"file": "hall.png"}]}
    merged = merge(own, [{"date": MARCH_12}, {"gallery": [{"file": "hall.png", "caption": ky("Зал")}]},
                         {"gallery": [{"file": "hall.png", "caption": en("Hall")}]}])  # fmt: skip
    assert merged["gallery"] == [{"file": "hall.png", "caption": ky("Зал")}]


def test_inputs_are_not_changed() -> None:
    own = {"title": "T", "event": {"location": en("Hall")}, "gallery": [{"file": "hall.png"}]}
    source = {"date": MARCH_12, "event": {"start": MARCH_12}, "gallery": [{"file": "hall.png", "caption": ru("Зал")}]}
    before = copy.deepcopy((own, source))
    merge(own, [source])
    assert (own, source) == before


def test_no_sources_returns_a_copy_of_own() -> None:
    own = {"title": "T", "date": MARCH_12}
    merged = merge(own, [])
    assert merged == own
    assert merged is not own
