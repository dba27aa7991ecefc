"""What a shared link shows, and the share row: built fixture sites read as a
social network's crawler and a reader do (OpenGraph, JSON-LD, links)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image

from tests.conftest import BUILD_TIME, build, copy_site
from tests.e2e.html import json_ld, page, text

DEV = "http://localhost:8000"
RELEASE = "/ru/press-releases/isfara-water-forum/"
NEWS = "/ru/news/new-wells/"


def with_cover(content: Path) -> Path:
    """The news item gets a cover photo (photos are made by the tests, not kept in fixtures)."""
    folder = content / "news/2026-11-04-new-wells"
    Image.new("RGB", (1600, 1000), (40, 120, 200)).save(folder / "wells.jpg", quality=85)
    source = folder / "index.ru.md"
    front = 'cover: wells.jpg\ngallery:\n  - {file: wells.jpg, alt: "Жители набирают воду из новой скважины"}\n'
    source.write_text(source.read_text(encoding="utf-8").replace("summary:", front + "summary:"), encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return with_cover(copy_site("sharing", tmp_path_factory.mktemp("sharing") / "content"))


@pytest.fixture(scope="module")
def site(content: Path) -> Path:
    """A development build: SITEURL is empty, as in pelicanconf.py."""
    return build(content, content.parent / "output", PRESS_BUILD_TIME=BUILD_TIME)


def metas(tree) -> dict[str, str]:
    return {m.get("property") or m.get("name"): m.get("content") for m in tree.xpath("//head/meta[@content]")}


def local(site: Path, url: str) -> Path:
    assert url.startswith(f"{DEV}/"), url
    return site / url.removeprefix(f"{DEV}/")


def test_every_page_is_shared_with_an_absolute_image_that_exists(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        tree = page(site, "/" + str(path.relative_to(site)))
        if tree.xpath("//meta[@http-equiv='refresh']"):
            continue  # the root's redirect to the default language
        meta = metas(tree)
        assert meta["og:image"] == meta["twitter:image"], path
        assert local(site, meta["og:image"]).is_file(), path
        assert meta["og:image:alt"], path
        assert meta["twitter:card"] == "summary_large_image", path


def test_a_page_without_cover_is_shared_with_the_site_card_of_its_language(site: Path) -> None:
    ru, ky = metas(page(site, RELEASE)), metas(page(site, "/ky/press-releases/isfara-water-forum/"))
    assert ru["og:image"] == f"{DEV}/media/site-card-ru.jpg"
    assert ru["og:image:alt"] == "Пресс-центр ЦРМС"
    assert ky["og:image"] == f"{DEV}/media/site-card-ky.jpg"
    assert ky["og:image:alt"] == "ЖӨБӨБ пресс-борбору"
    assert (ru["og:image:width"], ru["og:image:height"], ru["og:image:type"]) == ("1200", "630", "image/jpeg")
    with Image.open(local(site, ru["og:image"])) as card:
        assert (card.size, card.format) == ((1200, 630), "JPEG")
    assert local(site, ru["og:image"]).read_bytes() != local(site, ky["og:image"]).read_bytes()
    listing = metas(page(site, "/tg/"))  # listings too
    assert listing["og:image"] == f"{DEV}/media/site-card-tg.jpg"


def test_an_item_with_a_cover_is_shared_with_its_cover(site: Path) -> None:
    tree = page(site, NEWS)
    meta = metas(tree)
    assert meta["og:image"] == f"{DEV}/media/news/2026-11-04-new-wells/wells-og.jpg"
    assert meta["og:image:alt"] == "Жители набирают воду из новой скважины"
    with Image.open(local(site, meta["og:image"])) as image:
        assert image.size == (int(meta["og:image:width"]), int(meta["og:image:height"]))
    article = next(d for d in json_ld(tree) if d["@type"] == "NewsArticle")
    assert article["image"] == [meta["og:image"]]


def test_news_article_carries_image_and_publisher_logo(site: Path) -> None:
    article = next(d for d in json_ld(page(site, RELEASE)) if d["@type"] == "NewsArticle")
    assert article["image"] == [f"{DEV}/media/site-card-ru.jpg"]
    logo = article["publisher"]["logo"]
    assert logo["@type"] == "ImageObject"
    with Image.open(local(site, logo["url"])) as image:
        assert image.size == (logo["width"], logo["height"])


def test_a_press_release_with_an_event_is_a_news_article_and_an_event(site: Path) -> None:
    tree = page(site, RELEASE)
    data = json_ld(tree)
    assert sorted(d["@type"] for d in data) == ["BreadcrumbList", "Event", "NewsArticle"]
    event = next(d for d in data if d["@type"] == "Event")
    # Isfara is in Sughd: 9:00 there is UTC+5, not the site's +6
    assert (event["startDate"], event["endDate"]) == ("2026-12-10T09:00+05:00", "2026-12-10T13:00+05:00")
    assert event["location"]["name"] == "Дом культуры"
    assert text(tree, "//p[@class='event-when']") == ["Когда: 10 дек. 2026 г., 09:00–13:00 (время Душанбе, UTC+5)"]
    en = page(site, "/en/press-releases/isfara-water-forum/")
    assert text(en, "//p[@class='event-when']") == ["When: Dec 10, 2026, 9:00 AM – 1:00 PM (Dushanbe time, UTC+5)"]


def test_the_share_row_links_the_page_address_and_title(site: Path) -> None:
    tree = page(site, RELEASE)
    row = tree.xpath("//section[@class='share']")[0]
    assert text(row, "./h2") == ["Поделиться"]
    links = {a.text: a.get("href") for a in row.xpath(".//a")}
    assert list(links) == ["Telegram", "WhatsApp", "Facebook", "X", "VK", "Эл. почта"]
    address = f"{DEV}/ru/press-releases/isfara-water-forum/"
    title = "В Исфаре пройдёт форум водопользователей"

    def query(href: str) -> dict[str, list[str]]:
        return parse_qs(urlsplit(href).query)

    assert urlsplit(links["Telegram"]).netloc == "t.me"
    assert query(links["Telegram"]) == {"url": [address], "text": [title]}
    assert query(links["WhatsApp"]) == {"text": [f"{title} {address}"]}
    assert query(links["Facebook"]) == {"u": [address]}
    assert query(links["X"]) == {"url": [address], "text": [title]}
    assert query(links["VK"]) == {"url": [address], "title": [title]}
    assert links["Эл. почта"].startswith("mailto:?")
    assert query(links["Эл. почта"]) == {"subject": [title], "body": [address]}
    # copy-link: our own script shows the button; no inline script, nothing from another site
    button = row.xpath(".//button[@class='share-copy']")[0]
    assert (button.get("data-url"), button.text, button.getparent().get("hidden")) == (address, "Скопировать ссылку", "")
    scripts = tree.xpath("//script[not(@type='application/ld+json')]")
    assert all((s.get("src") or "").startswith("/theme/js/") and not (s.text or "").strip() for s in scripts)
    [share] = [s.get("src") for s in scripts if s.get("src", "").startswith("/theme/js/share.")]
    assert (site / share.lstrip("/")).is_file()  # theme/js/share.<hash>.js


@pytest.mark.parametrize(
    ("url", "heading", "mail", "copy"),
    [
        ("/ky/press-releases/isfara-water-forum/", "Бөлүшүү", "Эл. почта", "Даректи көчүрүү"),
        ("/tg/press-releases/isfara-water-forum/", "Мубодила кардан", "Почтаи электронӣ", "Нусха бардоштани суроға"),
        ("/en/press-releases/isfara-water-forum/", "Share", "E-mail", "Copy link"),
    ],
)
def test_the_share_row_speaks_the_page_language(site: Path, url: str, heading: str, mail: str, copy: str) -> None:
    row = page(site, url).xpath("//section[@class='share']")[0]
    assert text(row, "./h2") == [heading]
    assert text(row, ".//a")[-1] == mail
    assert text(row, ".//button") == [copy]


def test_a_card_is_drawn_once_and_kept(content: Path, tmp_path: Path) -> None:
    cache = tmp_path / "images"
    first = build(content, tmp_path / "one", PRESS_BUILD_TIME=BUILD_TIME, PRESS_IMAGE_CACHE=str(cache))
    cards = sorted((cache / "cards").iterdir())
    assert len(cards) == 4  # one per language
    stamps = [card.stat().st_mtime_ns for card in cards]
    second = build(content, tmp_path / "two", PRESS_BUILD_TIME=BUILD_TIME, PRESS_IMAGE_CACHE=str(cache))
    assert [card.stat().st_mtime_ns for card in sorted((cache / "cards").iterdir())] == stamps
    assert (second / "media/site-card-ru.jpg").read_bytes() == (first / "media/site-card-ru.jpg").read_bytes()


def test_a_configured_share_image_and_logo_replace_the_cards(content: Path, tmp_path: Path) -> None:
    card, logo = tmp_path / "Card.PNG", tmp_path / "logo.jpeg"
    Image.new("RGB", (1200, 600), (200, 40, 40)).save(card)
    Image.new("RGB", (300, 300), (40, 200, 40)).save(logo)
    out = build(content, tmp_path / "output", PRESS_BUILD_TIME=BUILD_TIME, SITEURL="https://press.example.tj",
                PRESS_SHARE_IMAGE=str(card), PRESS_LOGO=str(logo))  # fmt: skip
    for url in (RELEASE, "/ky/", "/tg/press-releases/isfara-water-forum/"):
        meta = metas(page(out, url))
        assert meta["og:image"] == "https://press.example.tj/media/site-card.png"
        assert (meta["og:image:width"], meta["og:image:height"], meta["og:image:type"]) == ("1200", "600", "image/png")
    assert (out / "media/site-card.png").read_bytes() == card.read_bytes()
    assert not list(out.glob("media/site-card-*.jpg"))
    publisher = next(d for d in json_ld(page(out, RELEASE)) if d["@type"] == "NewsArticle")["publisher"]
    assert publisher["logo"] == {"@type": "ImageObject", "url": "https://press.example.tj/media/site-logo.jpg",
                                 "width": 300, "height": 300}  # fmt: skip
    assert (out / "media/site-logo.jpg").read_bytes() == logo.read_bytes()


def test_a_share_image_that_is_no_image_stops_the_build(content: Path, tmp_path: Path) -> None:
    from press.settings import SettingsError

    bad = tmp_path / "card.png"
    bad.write_text("not a picture", encoding="utf-8")
    with pytest.raises((SettingsError, SystemExit)) as caught:
        build(content, tmp_path / "output", PRESS_SHARE_IMAGE=str(bad))
    assert "PRESS_SHARE_IMAGE" in str(caught.value)
    assert not os.path.exists(tmp_path / "output" / "index.html")


def test_feeds_give_the_event_time_in_its_own_zone(site: Path) -> None:
    feed = json.loads((site / "ru/press-releases/feed.json").read_text(encoding="utf-8"))
    entry = next(i for i in feed["items"] if i["url"].endswith("/isfara-water-forum/"))
    assert '<time datetime="2026-12-10T09:00+05:00">10 дек. 2026\u202fг., 09:00</time>' in entry["content_html"]
    assert "(время Душанбе, UTC+5)" in entry["content_html"]
