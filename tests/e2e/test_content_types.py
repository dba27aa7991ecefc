"""Projects, regions and the press content types on a fixture site."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar

from tests.conftest import BUILD_TIME, SITES, age, build, copy_site
from tests.e2e.html import json_ld, page, text


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("types") / "output"
    return build(SITES / "types", out, PRESS_BUILD_TIME=BUILD_TIME, SITEURL="https://press.example.kg")


def test_event_page_shows_localized_range_place_and_status(site: Path) -> None:
    tg = page(site, "/tg/announcements/water-forum/")
    section = tg.xpath("//section[contains(@class, 'event')]")[0]
    # Khujand is in Sughd, whose time zone (data/regions.yml) is Dushanbe's, an hour behind the site's
    assert section.xpath(".//time/@datetime") == ["2027-03-15T10:00+05:00", "2027-03-15T16:00+05:00"]
    assert text(tg, "//p[@class='event-when']") == ["Кай: 15 Мар 2027 10:00 – 16:00 (вақти Душанбе, UTC+5)"]
    ru = page(site, "/ru/announcements/water-forum/")
    assert text(ru, "//p[@class='event-when']") == ["Когда: 15 мар. 2027 г., 10:00–16:00 (время Душанбе, UTC+5)"]
    assert "Қасри фарҳанг" in section.text_content()
    assert section.xpath(".//span[@lang='ru']/text()") == ["Худжанд, ул. Ленина, 5"]
    assert section.xpath(".//a[@type='text/calendar']/@href") == ["https://press.example.kg/tg/announcements/water-forum/event.ics"]
    cancelled = page(site, "/ru/announcements/cancelled-meeting/")
    assert text(cancelled, "//p[@class='event-status']") == ["Отменено"]
    assert text(cancelled, "//p[@class='event-passed']") == ["Мероприятие состоялось."]
    # a past event in the site's own zone: no zone named, nothing to add to a calendar
    assert text(cancelled, "//p[@class='event-when']") == ["Когда: 5 мар. 2026 г., 10:00–12:00"]
    assert not cancelled.xpath("//a[@type='text/calendar']")
    assert not tg.xpath("//p[@class='event-passed']")


def test_icalendar_per_event_is_valid_and_stable(site: Path, tmp_path: Path) -> None:
    raw = (site / "ru/announcements/water-forum/event.ics").read_bytes()
    cal = Calendar.from_ical(raw)
    assert str(cal["PRODID"]).startswith("-//Pressroom//")
    assert str(cal["VERSION"]) == "2.0"
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Dushanbe"]
    [event] = cal.walk("VEVENT")
    assert str(event["UID"]) == "2026-10-01-water-forum.ru@press.example.kg"
    assert event["DTSTART"].params["TZID"] == "Asia/Dushanbe"
    assert event["DTEND"].params["TZID"] == "Asia/Dushanbe"
    assert event.decoded("DTSTART").isoformat() == "2027-03-15T10:00:00+05:00"
    assert event.decoded("DTEND").isoformat() == "2027-03-15T16:00:00+05:00"
    assert str(event["SUMMARY"]) == "Форум водных комитетов"
    assert str(event["LOCATION"]) == "Дворец культуры, Худжанд, ул. Ленина, 5"
    assert str(event["URL"]) == "https://press.example.kg/ru/announcements/water-forum/"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert event.decoded("DTSTAMP").isoformat() == "2026-10-02T06:00:00+00:00"
    assert int(event["SEQUENCE"]) == 1440  # one day between date and modified
    again = build(SITES / "types", tmp_path / "again", PRESS_BUILD_TIME=BUILD_TIME, SITEURL="https://press.example.kg")
    assert (again / "ru/announcements/water-forum/event.ics").read_bytes() == raw


def test_sequence_grows_when_the_event_changes(tmp_path: Path) -> None:
    import shutil

    content = tmp_path / "content"
    shutil.copytree(SITES / "types", content)
    first = build(content, tmp_path / "one", PRESS_BUILD_TIME=BUILD_TIME)
    source = content / "announcements/2026-10-01-water-forum/index.ru.md"
    source.write_text(source.read_text(encoding="utf-8").replace('modified: "2026-10-02 12:00"', 'modified: "2026-10-05 12:00"').replace("10:00\"\n  end", "11:00\"\n  end"), encoding="utf-8")
    second = build(content, tmp_path / "two", PRESS_BUILD_TIME=BUILD_TIME)

    def event(out: Path):
        return Calendar.from_ical((out / "ru/announcements/water-forum/event.ics").read_bytes()).walk("VEVENT")[0]

    assert int(event(second)["SEQUENCE"]) > int(event(first)["SEQUENCE"])
    assert str(event(second)["UID"]) == str(event(first)["UID"])
    assert event(second).decoded("DTSTART").hour == 11


def test_sequence_grows_when_time_place_or_status_change_without_modified(tmp_path: Path) -> None:
    """The build remembers what it published: a moved event is an update for
    calendar apps even when the editor did not touch ``modified``."""
    content = copy_site("types", tmp_path / "content")
    out = tmp_path / "output"
    source = content / "announcements/2026-10-01-water-forum/index.ru.md"
    ics = out / "ru/announcements/water-forum/event.ics"

    def event():
        return Calendar.from_ical(ics.read_bytes()).walk("VEVENT")[0]

    def edit(old: str, new: str) -> None:
        text = source.read_text(encoding="utf-8")
        assert old in text
        source.write_text(text.replace(old, new), encoding="utf-8")
        age(content)

    age(content)
    build(content, out, PRESS_BUILD_TIME=BUILD_TIME)
    first = event()
    assert int(first["SEQUENCE"]) == 1440
    edit('start: "2027-03-15 10:00"', 'start: "2027-03-15 11:00"')
    build(content, out, PRESS_BUILD_TIME=BUILD_TIME)
    moved = event()
    assert moved["DTSTART"].params["TZID"] == "Asia/Dushanbe"
    assert moved.decoded("DTSTART").isoformat() == "2027-03-15T11:00:00+05:00"
    assert int(moved["SEQUENCE"]) == 1441
    assert moved.decoded("DTSTAMP") == first.decoded("DTSTAMP")  # modified is unchanged
    edit("Приглашаем водные комитеты", "Сердечно приглашаем водные комитеты")
    build(content, out, PRESS_BUILD_TIME=BUILD_TIME)
    assert int(event()["SEQUENCE"]) == 1441  # the text is no change of time, place or status
    edit("location: Дворец культуры", "location: Городской дом культуры")
    build(content, out, PRESS_BUILD_TIME=BUILD_TIME)
    assert int(event()["SEQUENCE"]) == 1442
    edit("  address:", "  status: postponed\n  address:")
    build(content, out, PRESS_BUILD_TIME=BUILD_TIME)
    assert (str(event()["STATUS"]), int(event()["SEQUENCE"])) == ("TENTATIVE", 1443)
    calendar = Calendar.from_ical((out / "ru/announcements/calendar.ics").read_bytes())
    assert [int(e["SEQUENCE"]) for e in calendar.walk("VEVENT") if "водных" in str(e["SUMMARY"])] == [1443]


def test_language_calendar_lists_all_announcements(site: Path) -> None:
    cal = Calendar.from_ical((site / "ru/announcements/calendar.ics").read_bytes())
    assert sorted(str(e["SUMMARY"]) for e in cal.walk("VEVENT")) == ["Встреча с жителями отменена", "Форум водных комитетов"]
    assert [str(e["STATUS"]) for e in cal.walk("VEVENT") if "отменена" in str(e["SUMMARY"])] == ["CANCELLED"]
    tg = Calendar.from_ical((site / "tg/announcements/calendar.ics").read_bytes())
    assert [str(e["SUMMARY"]) for e in tg.walk("VEVENT")] == ["Форуми кумитаҳои об"]
    assert not (site / "en/announcements").exists()


def test_home_lists_upcoming_events_only(site: Path) -> None:
    upcoming = page(site, "/ru/").xpath("//section[contains(@class, 'upcoming')]//li")
    assert [li.xpath("./a")[0].text for li in upcoming] == ["Форум водных комитетов"]


def test_event_json_ld(site: Path) -> None:
    data = json_ld(page(site, "/ru/announcements/water-forum/"))
    event = next(d for d in data if d["@type"] == "Event")
    assert event["startDate"] == "2027-03-15T10:00+05:00"
    assert event["endDate"] == "2027-03-15T16:00+05:00"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["location"] == {"@type": "Place", "name": "Дворец культуры", "address": "Худжанд, ул. Ленина, 5"}
    assert event["organizer"]["@type"] == "Organization"
    crumbs = next(d for d in data if d["@type"] == "BreadcrumbList")
    assert [i["name"] for i in crumbs["itemListElement"]] == ["Главная", "Анонсы и объявления", "Форум водных комитетов"]
    assert crumbs["itemListElement"][2]["item"] == "https://press.example.kg/ru/announcements/water-forum/"


def test_news_article_json_ld_and_sharing_meta(site: Path) -> None:
    tree = page(site, "/ru/speeches/minister-report/")
    article = next(d for d in json_ld(tree) if d["@type"] == "NewsArticle")
    assert article["headline"] == "Доклад о водоснабжении"
    assert article["datePublished"] == "2026-07-01T10:00+06:00"
    assert article["inLanguage"] == "ru"
    assert article["publisher"]["name"] == "Пресс-центр ЦРМС"
    meta = {m.get("property") or m.get("name"): m.get("content") for m in tree.xpath("//meta[@content]")}
    assert meta["og:locale"] == "ru_RU"
    assert meta["og:title"] == "Доклад о водоснабжении"
    assert meta["og:url"] == "https://press.example.kg/ru/speeches/minister-report/"
    assert meta["twitter:card"] == "summary_large_image"  # the site card, there being no cover
    assert tree.xpath("//link[@rel='canonical']/@href") == ["https://press.example.kg/ru/speeches/minister-report/"]
    assert page(site, "/tg/announcements/water-forum/").xpath("//meta[@property='og:locale']/@content") == ["tg_TJ"]


def test_attachments_show_type_and_size(site: Path) -> None:
    tree = page(site, "/ru/speeches/minister-report/")
    link = tree.xpath("//section[@class='attachments']//a")[0]
    assert link.get("href") == "https://press.example.kg/media/speeches/2026-07-01-minister-report/report.pdf"
    assert link.text == "Полный текст доклада"
    assert text(tree, "//section[@class='attachments']//span[@class='file-info']") == ["(PDF, 0,2 кБ)"]


def test_video_loads_the_player_only_after_a_click(site: Path) -> None:
    tree = page(site, "/ru/video/water-film/")
    figure = tree.xpath("//figure[@class='video']")[0]
    assert figure.get("data-embed") == "https://www.youtube-nocookie.com/embed/Qm7xLp2Rk9T?autoplay=1"
    assert figure.xpath(".//a[@class='video-poster']/@href") == ["https://www.youtube.com/watch?v=Qm7xLp2Rk9T"]
    assert not tree.xpath("//iframe")
    external = [u for u in tree.xpath("//@src") if not u.startswith("https://press.example.kg/")]
    assert external == []


def test_podcast_page_has_a_player_with_duration(site: Path) -> None:
    tree = page(site, "/ru/podcasts/episode-1/")
    assert tree.xpath("//figure[@class='audio']/audio/@src") == ["https://press.example.kg/media/podcasts/2026-06-01-episode-1/episode.wav"]
    assert tree.xpath("//figure[@class='audio']//time/@datetime") == ["PT3S"]
    assert text(tree, "//p[@class='credits']") == ["Ведущая: Зарина Каримова"]


def test_related_materials_share_keys_in_the_same_language(site: Path) -> None:
    tree = page(site, "/ru/speeches/minister-report/")
    related = text(tree, "//aside[@class='related']//li//a")
    # project + region (3 + 2) outranks project + tag (3 + 1); ties go to the newer item
    assert related[:3] == ["Форум водных комитетов", "Новость про meters", "Новость про pipes"]
    assert "Новость про tariffs" not in related
    assert len(related) <= 5


def test_project_and_region_pages(site: Path) -> None:
    project = page(site, "/ru/projects/water/")
    assert text(project, "//h1") == ["Чистая вода для сёл Согда"]
    assert "Завершённый проект" in text(project, "//section[@class='project-facts']//dd")
    assert text(project, "//section[@class='project-facts']//dd/a") == ["Согдийская область"]
    tg_project = page(site, "/tg/projects/water/")  # no Tajik text: the Russian one
    assert tg_project.xpath("//section[@class='project-facts']/div[@class='item-body']/@lang") == ["ru"]
    regions = page(site, "/ru/regions/")
    assert text(regions, "//ul[@class='region-list']/li") == ["Согдийская область (2 материала)"]
    tg_region = page(site, "/tg/regions/sughd/")
    assert text(tg_region, "//h1") == ["Вилояти Суғд"]
    assert not (site / "ky").exists() and not (site / "en").exists()  # nothing in Kyrgyz or English
    tg_osh = page(site, "/tg/regions/osh/")
    assert tg_osh.xpath("//h1/@lang") == ["ru"]
    assert tg_project.xpath("//h1/@lang") == ["ru"]
