"""Pages a reader recognises as a press centre's, on the fixture site ``tests/sites/front``:
the front page (its lead and its blocks follow the build time), the photo
gallery of every item with photos, photo reports, the item page's standfirst
and related items, the subscribe page."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from tests.conftest import BUILD_TIME, age, build, copy_site
from tests.e2e.html import page, text
from tests.e2e.test_uptodate import stamps
from tests.photos import plain_jpeg

SITE = "https://press.example.kg"
SCHOOL_ROOFS = "news/2026-11-10-school-roofs"


def with_photos(content: Path) -> Path:
    plain_jpeg(content / "news/2026-11-20-water-meters/meter.jpg", (1200, 800))
    for n in range(1, 13):
        plain_jpeg(content / SCHOOL_ROOFS / f"roof-{n:02d}.jpg", (900, 600))
    for n in range(1, 4):
        plain_jpeg(content / f"galleries/2026-09-15-harvest-fair/fair-{n}.jpg", (1200, 800))
    return content


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return with_photos(copy_site("front", tmp_path_factory.mktemp("front") / "content"))


@pytest.fixture(scope="module")
def site(content: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(content, tmp_path_factory.mktemp("front") / "output", PRESS_BUILD_TIME=BUILD_TIME, SITEURL=SITE)


def lead_of(output: Path) -> list[str]:
    return page(output, "/ru/").xpath("//article[contains(@class, 'lead-item')]//h2/a/@href")


def test_a_press_release_of_the_last_30_days_leads_the_front_page(site: Path) -> None:
    tree = page(site, "/ru/")
    [lead] = tree.xpath("//article[contains(@class, 'lead-item')]")
    assert lead.xpath(".//h2/a/@href") == [f"{SITE}/ru/press-releases/budget-hearings/"]
    assert text(lead, ".//p[@class='lead-summary']") == ["С 1 декабря жители сорока айылных аймаков обсудят бюджеты своих сёл на 2027 год."]
    # the lead is not repeated in its section's block
    assert f"{SITE}/ru/press-releases/budget-hearings/" not in tree.xpath("//section[contains(@class, 'front-block')]//a/@href")


def test_without_a_recent_press_release_the_newest_item_leads_with_its_cover_large(content: Path, tmp_path: Path) -> None:
    later = build(content, tmp_path / "later", PRESS_BUILD_TIME="2026-12-06 12:00", SITEURL=SITE)  # 31 days on
    assert lead_of(later) == [f"{SITE}/ru/news/water-meters/"]
    [cover] = page(later, "/ru/").xpath("//article[contains(@class, 'lead-item')]//img[@class='lead-cover']")
    assert cover.get("loading") is None  # above the fold
    assert "meter-1600.jpg 1200w" in cover.get("srcset") or "meter-960.jpg 960w" in cover.get("srcset")
    assert "58vw" in cover.get("sizes")


def test_a_featured_item_leads_whatever_its_age(tmp_path: Path) -> None:
    content = with_photos(copy_site("front", tmp_path / "content"))
    source = content / "news/2026-09-01-new-councillors/index.ru.md"
    source.write_text(source.read_text(encoding="utf-8").replace("---\n", "---\nfeatured: true\n", 1), encoding="utf-8")
    output = build(content, tmp_path / "output", PRESS_BUILD_TIME=BUILD_TIME, SITEURL=SITE)
    assert lead_of(output) == [f"{SITE}/ru/news/new-councillors/"]


def test_front_page_has_a_block_per_section_with_items_and_all_links(site: Path) -> None:
    tree = page(site, "/ru/")
    blocks = tree.xpath("//section[contains(@class, 'front-block')]")
    heads = [text(b, ".//h2")[0] for b in blocks]
    # in the menu's order; no speeches, video or podcasts; the other press release has its block without the lead
    assert heads == ["Новости", "Пресс-релизы", "Ближайшие мероприятия", "Фотогалерея", "Проекты"]
    links = {h: b.xpath(".//a[@class='all-link']/@href") for h, b in zip(heads, blocks)}
    assert links == {
        "Новости": [f"{SITE}/ru/news/"],
        "Пресс-релизы": [f"{SITE}/ru/press-releases/"],
        "Ближайшие мероприятия": [f"{SITE}/ru/announcements/"],
        "Фотогалерея": [f"{SITE}/ru/galleries/"],
        "Проекты": [f"{SITE}/ru/projects/"],
    }
    news, releases, events, galleries, projects = blocks
    assert text(events, ".//a[@class='all-link']") == ["Все анонсы"]
    # upcoming events only: the spring school has taken place
    assert text(events, ".//li/a") == ["Форум сельских комитетов питьевой воды"]
    assert news.xpath(".//h3[@class='card-title']/a/@href") == [
        f"{SITE}/ru/news/{slug}/" for slug in ("water-meters", "school-roofs", "tariff-hearing")
    ]
    assert releases.xpath(".//h3/a/@href") == [f"{SITE}/ru/press-releases/first-phase/"]
    assert galleries.xpath(".//img[@class='card-cover']")  # photo reports with covers
    assert text(projects, ".//li/a") == ["Чистая вода для сёл"]


def test_without_upcoming_events_the_announcements_block_shows_the_latest(content: Path, tmp_path: Path) -> None:
    later = build(content, tmp_path / "later", PRESS_BUILD_TIME="2026-12-20 12:00", SITEURL=SITE)
    [block] = page(later, "/ru/").xpath("//section[contains(@class, 'front-announcements')]")
    assert text(block, ".//h2") == ["Анонсы и объявления"]
    assert block.xpath(".//h3/a/@href") == [
        f"{SITE}/ru/announcements/water-forum/",
        f"{SITE}/ru/announcements/spring-school/",
    ]
    assert not page(later, "/ru/").xpath("//section[contains(@class, 'upcoming')]")


def test_an_upcoming_event_elsewhere_names_its_time_zone(site: Path, tmp_path: Path) -> None:
    [here] = page(site, "/ru/").xpath("//section[contains(@class, 'upcoming')]//li")
    assert not here.xpath(".//*[@class='event-zone']")  # the site's own zone goes unsaid
    elsewhere = with_photos(copy_site("front", tmp_path / "content"))
    forum = elsewhere / "announcements/2026-11-15-water-forum/index.ru.md"
    forum.write_text(forum.read_text(encoding="utf-8").replace(
        "location: Дом культуры", "timezone: Asia/Dushanbe, location: Дом культуры"), encoding="utf-8")  # fmt: skip
    output = build(elsewhere, tmp_path / "output", PRESS_BUILD_TIME=BUILD_TIME, SITEURL=SITE)
    [item] = page(output, "/ru/").xpath("//section[contains(@class, 'upcoming')]//li")
    assert text(item, ".//time") == ["10 дек. 2026 г., 10:00"]  # in Dushanbe's time, as the event page says
    assert text(item, ".//*[@class='event-zone']") == ["(время Душанбе, UTC+5)"]


def test_photo_gallery_lists_every_item_with_photos_with_cover_and_count(site: Path) -> None:
    tree = page(site, "/ru/galleries/")
    cards = tree.xpath("//article[@class='card']")
    assert [c.xpath(".//h2/a/@href")[0] for c in cards] == [
        f"{SITE}/ru/news/school-roofs/",
        f"{SITE}/ru/galleries/harvest-fair/",
    ]
    assert [text(c, ".//p[@class='count']") for c in cards] == [["12 фотографий"], ["3 фотографии"]]
    assert all(c.xpath(".//img[@class='card-cover']") for c in cards)
    assert text(cards[0], ".//p[@class='card-meta']/a") == ["Новости"]  # its own section
    # the item stays in its section: previous/next of a news item are news
    assert page(site, "/ru/news/school-roofs/").xpath("//nav[@class='item-neighbours']/a/@href") == [
        f"{SITE}/ru/news/water-meters/",
        f"{SITE}/ru/news/tariff-hearing/",
    ]


def test_a_photo_report_shows_its_photos_before_its_text(site: Path) -> None:
    tree = page(site, "/ru/galleries/harvest-fair/")
    order = [e.get("class") for e in tree.xpath("//article//*[@class='gallery' or @class='item-body']")]
    assert order == ["gallery", "item-body"]
    news = page(site, "/ru/news/school-roofs/")
    order = [e.get("class") for e in news.xpath("//article//*[@class='gallery' or @class='item-body']")]
    assert order == ["item-body", "gallery"]
    first = tree.xpath("//section[@class='gallery']//img")
    assert [i.get("loading") for i in first[:3]] == [None, None, "lazy"]


def test_the_summary_is_a_standfirst_under_the_title(site: Path) -> None:
    tree = page(site, "/ru/press-releases/budget-hearings/")
    assert tree.xpath("//header[@class='item-header']/h1/following-sibling::*[1]/@class") == ["standfirst"]
    assert text(tree, "//p[@class='standfirst']") == ["С 1 декабря жители сорока айылных аймаков обсудят бюджеты своих сёл на 2027 год."]
    assert not page(site, "/ru/news/tariff-hearing/").xpath("//p[@class='standfirst']")  # no summary given


def test_related_items_show_their_covers(site: Path) -> None:
    tree = page(site, "/ru/news/tariff-hearing/")
    related = tree.xpath("//aside[@class='related']//li")
    with_cover = [li.xpath(".//a/@href")[0] for li in related if li.xpath(".//img[@class='related-cover']")]
    assert f"{SITE}/ru/news/water-meters/" in with_cover
    assert f"{SITE}/ru/galleries/harvest-fair/" in with_cover
    assert all(img.get("alt") == "" for img in tree.xpath("//img[@class='related-cover']"))


def test_subscribe_page_has_a_short_block_per_subject(site: Path) -> None:
    tree = page(site, "/ru/subscribe/")
    groups = tree.xpath("//main/*[contains(@class, 'feed-group')]")
    assert groups[0].xpath(".//h2/@id") == ["feeds-opml"]  # the OPML file first
    assert groups[0].xpath(".//a[@class='feed-button']/@href") == [f"{SITE}/ru/feeds.opml"]
    blocks = {text(li, "p[@class='feed-name']/a")[0]: li for li in tree.xpath("//li[@class='feed']")}
    buttons = {name: text(li, ".//a[@class='feed-button']") for name, li in blocks.items()}
    assert buttons["Новости"] == ["RSS", "Atom", "JSON"]
    assert buttons["Анонсы и объявления"] == ["RSS", "Atom", "JSON", "Календарь"]
    assert buttons["Чистая вода для сёл"] == ["RSS", "Atom"]
    assert buttons["Ошская область"] == ["RSS", "Atom"]
    news = blocks["Новости"]
    assert news.xpath(".//a[@class='feed-button'][.='RSS']/@href") == [f"{SITE}/ru/news/feed.rss"]
    assert text(news, ".//p[@class='feed-address']/code") == [f"{SITE}/ru/news/feed.atom"]
    [copy] = news.xpath(".//p[@class='feed-buttons']/button[@class='copy-button']")
    assert copy.get("data-copy") == f"{SITE}/ru/news/feed.atom"
    assert copy.get("hidden") is not None  # theme/js/copy.js shows it; without script the address is there
    # tags collapsed under a heading
    [tags] = tree.xpath("//details[contains(@class, 'feed-tags')]")
    assert text(tags, "summary/h2") == ["Теги"]
    assert tags.get("open") is None
    assert "вода" in text(tags, ".//p[@class='feed-name']/a")
    # our own script, no inline one
    [script] = tree.xpath("//script/@src")  # the name carries its hash (press.outputs.theme_assets)
    assert re.fullmatch(rf"{re.escape(SITE)}/theme/js/copy\.[0-9a-f]{{8}}\.js", script), script
    assert not [s for s in tree.xpath("//script[not(@src)]") if s.get("type") != "application/ld+json"]


def test_phone_menu_is_a_details_element_with_the_sections(site: Path) -> None:
    tree = page(site, "/ru/news/")
    [menu] = tree.xpath("//header//details[@class='site-menu']")
    assert text(menu, "summary") == ["Меню"]
    assert menu.xpath(".//nav/ul/li/a/@href") == tree.xpath("//nav[contains(@class, 'site-nav')]/ul/li/a/@href")


def test_a_press_release_leaving_the_lead_ends_the_up_to_date_stamp(tmp_path: Path) -> None:
    content = copy_site("front", tmp_path / "content")
    for folder in ("news", "galleries"):  # only the release and the events stay
        for bundle in (content / folder).iterdir():
            for file in bundle.iterdir():
                file.unlink()
            bundle.rmdir()
    now = dt.datetime.now(dt.timezone(dt.timedelta(hours=6)))
    release = content / "press-releases/2026-11-05-budget-hearings/index.ru.md"
    dated = now - dt.timedelta(days=5)
    release.write_text(re.sub(r'date: "[^"]*"', f'date: "{dated:%Y-%m-%d %H:%M}"', release.read_text(encoding="utf-8")), encoding="utf-8")
    for announcement in (content / "announcements").iterdir():
        for file in announcement.iterdir():
            file.unlink()
        announcement.rmdir()
    age(content)
    build(content, tmp_path / "output")
    [stamp] = stamps(tmp_path / "output.cache")
    leaves = dated + dt.timedelta(days=30)
    assert leaves.strftime("%Y-%m-%dT%H:%M") in stamp.read_text(encoding="utf-8")
