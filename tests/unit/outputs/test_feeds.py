"""press.outputs.feeds and press.outputs.feed_formats: ids, absolute links, settings and the writers."""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from typing import Any

import feedparser
import pytest
from lxml import etree

from press.outputs import feed_formats as formats
from press.settings import PodcastSettings, SettingsError, load
from press.outputs.feeds import absolute_links, absolute_url, entry_id, file_url, media_type

ZONE = zoneinfo.ZoneInfo("Asia/Bishkek")
SITE = "http://localhost:8000"
PAGE = "http://localhost:8000/ru/news/forum-osh/"


@pytest.mark.parametrize(
    ("created", "bundle", "lang", "expected"),
    [
        (dt.date(2026, 3, 12), "news/2026-03-12-forum-osh", "ru", "tag:press.example.kg,2026-03-12:forum-osh/ru"),
        (dt.date(2026, 3, 12), "press-releases/2026-03-12-forum-osh", "ru", "tag:press.example.kg,2026-03-12:forum-osh/ru"),
        (dt.date(2026, 3, 12), "news/2026-03-12-forum-osh", "ky", "tag:press.example.kg,2026-03-12:forum-osh/ky"),
        (dt.date(2027, 1, 5), "podcasts/2027-01-05-episode-12", "en", "tag:press.example.kg,2027-01-05:episode-12/en"),
    ],
)
def test_entry_id_is_a_tag_uri_of_folder_and_language(created: dt.date, bundle: str, lang: str, expected: str) -> None:
    assert entry_id("press.example.kg", created, bundle, lang) == expected


def test_entry_id_ignores_the_section() -> None:
    moved = entry_id("a.kg", dt.date(2026, 3, 12), "speeches/2026-03-12-forum-osh", "ru")
    assert moved == entry_id("a.kg", dt.date(2026, 3, 12), "news/2026-03-12-forum-osh", "ru")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/media/news/2026-03-12-forum-osh/hall.png", "http://localhost:8000/media/news/2026-03-12-forum-osh/hall.png"),
        ("/ky/news/water/", "http://localhost:8000/ky/news/water/"),
        ("#fn:1", "http://localhost:8000/ru/news/forum-osh/#fn:1"),
        ("photo.jpg", "http://localhost:8000/ru/news/forum-osh/photo.jpg"),
        ("../other/", "http://localhost:8000/ru/news/other/"),
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("//cdn.example.org/x.png", "http://cdn.example.org/x.png"),
        ("mailto:press@example.kg", "mailto:press@example.kg"),
        ("tel:+996312624518", "tel:+996312624518"),
        ("", ""),
    ],
)
def test_absolute_url(url: str, expected: str) -> None:
    assert absolute_url(url, SITE, PAGE) == expected


def test_root_relative_links_keep_the_path_of_the_feed_site() -> None:
    assert absolute_url("/media/a.png", "https://example.org/press", "https://example.org/press/ru/") == (
        "https://example.org/press/media/a.png"
    )


def test_absolute_links_rewrites_every_link_and_image() -> None:
    html = (
        'Text &amp; more <p><a href="/ru/news/x/">x</a> <img src="/media/a.png" alt="a"></p>'
        '<p><a href="#fn:1">1</a></p><picture><source srcset="/a.webp 1x, /b.webp 2x"></picture>'
        '<blockquote cite="/src/">q</blockquote><table><tr><td>1</td></tr></table>'
    )
    out = absolute_links(html, SITE, PAGE)
    assert out.startswith("Text &amp; more <p>")
    assert 'href="http://localhost:8000/ru/news/x/"' in out
    assert 'src="http://localhost:8000/media/a.png"' in out
    assert 'href="http://localhost:8000/ru/news/forum-osh/#fn:1"' in out
    assert 'srcset="http://localhost:8000/a.webp 1x, http://localhost:8000/b.webp 2x"' in out
    assert 'cite="http://localhost:8000/src/"' in out
    assert "<td>1</td>" in out


@pytest.mark.parametrize("html", ["", "   ", "plain words"])
def test_absolute_links_leaves_text_alone(html: str) -> None:
    assert absolute_links(html, SITE, PAGE) == html


@pytest.mark.parametrize(
    ("name", "expected"),
    [("a.JPG", "image/jpeg"), ("b.png", "image/png"), ("c.mp3", "audio/mpeg"), ("d.m4a", "audio/mp4"),
     ("e.wav", "audio/wav"), ("f.unknownext", "application/octet-stream")],
)  # fmt: skip
def test_media_type(name: str, expected: str) -> None:
    assert media_type(name) == expected


def test_file_url_quotes_names() -> None:
    assert file_url(SITE, "news/2026-03-12-forum", "зал 1.png") == (
        "http://localhost:8000/media/news/2026-03-12-forum/%D0%B7%D0%B0%D0%BB%201.png"
    )


@pytest.mark.parametrize(("seconds", "expected"), [(0, "00:00:00"), (59, "00:00:59"), (2060, "00:34:20"), (3725, "01:02:05")])
def test_itunes_duration(seconds: int, expected: str) -> None:
    assert formats.itunes_duration(seconds) == expected


# --- settings ------------------------------------------------------------------------


def test_feed_settings_defaults() -> None:
    press = load({})
    assert press.feed_size == 30
    assert press.feed_siteurl == "http://localhost:8000"
    assert press.feed_id_authority == "localhost"
    assert press.podcast == PodcastSettings()


def test_feed_settings_follow_siteurl() -> None:
    press = load({"SITEURL": "https://press.example.kg/"})
    assert press.feed_siteurl == "https://press.example.kg"
    assert press.feed_id_authority == "press.example.kg"


def test_feed_settings_can_be_set() -> None:
    press = load({
        "SITEURL": "https://press.example.kg", "PRESS_FEED_SIZE": 5,
        "PRESS_FEED_SITEURL": "https://feeds.example.kg", "PRESS_FEED_ID_AUTHORITY": "lgdc.example.kg",
        "PRESS_PODCAST": {"image": "https://cdn.example.kg/art.png", "category": "News", "subcategory": "Politics",
                          "explicit": True, "owner_email": "press@example.kg"},
    })  # fmt: skip
    assert press.feed_size == 5
    assert press.feed_siteurl == "https://feeds.example.kg"
    assert press.feed_id_authority == "lgdc.example.kg"
    assert press.podcast == PodcastSettings("https://cdn.example.kg/art.png", "News", "Politics", True, "press@example.kg")


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"PRESS_FEED_SIZE": -1}, "PRESS_FEED_SIZE"),
        ({"PRESS_FEED_SIZE": "30"}, "PRESS_FEED_SIZE"),
        ({"PRESS_FEED_SITEURL": "press.example.kg"}, "PRESS_FEED_SITEURL"),
        ({"SITEURL": "/press"}, "SITEURL"),
        ({"PRESS_FEED_ID_AUTHORITY": "Press Example"}, "PRESS_FEED_ID_AUTHORITY"),
        ({"PRESS_FEED_ID_AUTHORITY": "https://press.example.kg"}, "PRESS_FEED_ID_AUTHORITY"),
        ({"PRESS_PODCAST": {"artwork": "a.png"}}, "PRESS_PODCAST"),
        ({"PRESS_PODCAST": {"explicit": "no"}}, "PRESS_PODCAST"),
        ({"PRESS_PODCAST": {"category": ""}}, "PRESS_PODCAST"),
        ({"PRESS_PODCAST": ["image"]}, "PRESS_PODCAST"),
    ],
)
def test_wrong_feed_settings_name_the_setting(changes: dict[str, Any], named: str) -> None:
    with pytest.raises(SettingsError) as excinfo:
        load(changes)
    assert str(excinfo.value).startswith(named)


# --- writers -----------------------------------------------------------------------------

INFO = formats.FeedInfo(
    title="Новости — Пресс-центр", description="Центр", lang="ru", page_url=f"{SITE}/ru/news/",
    feed_url=f"{SITE}/ru/news/feed.atom", author="Пресс-центр", author_url=f"{SITE}/ru/",
)  # fmt: skip
PHOTO = formats.Media(f"{SITE}/media/g/1.png", "image/png", 100, 60, 40, "Открытие", "")
ENTRY = formats.FeedEntry(
    id="tag:localhost,2026-03-12:forum/ru", url=f"{SITE}/ru/news/forum/", title="Форум & <отчёт>",
    summary="Итоги < форума", content_html='<p>Текст <a href="https://example.org/">ссылка</a></p>',
    authors=("Айгуль", "Бакыт"), categories=(formats.Category("Новости", f"{SITE}/ru/"),),
    published=dt.datetime(2026, 3, 12, 10, 30, tzinfo=ZONE), updated=dt.datetime(2026, 3, 13, 9, 0, tzinfo=ZONE),
    cover=PHOTO, photos=(PHOTO,), audio=formats.Media(f"{SITE}/media/p/e.mp3", "audio/mpeg", 12345), duration=65,
    event=formats.EventTime(dt.datetime(2026, 4, 1, 10, 0, tzinfo=ZONE), None, "Ош"),
)  # fmt: skip


def test_atom_writer() -> None:
    data = formats.atom(INFO, [ENTRY])
    parsed = feedparser.parse(data)
    assert not parsed.bozo
    [entry] = parsed.entries
    assert entry.id == ENTRY.id
    assert entry.title == "Форум & <отчёт>"
    assert [a.name for a in entry.authors] == ["Айгуль", "Бакыт"]
    assert entry.published == "2026-03-12T10:30:00+06:00"
    assert entry.updated == "2026-03-13T09:00:00+06:00"
    assert entry.summary == "Итоги < форума"
    root = etree.fromstring(data)
    ns = {"a": formats.NS["atom"], "media": formats.NS["media"], "ev": formats.NS["ev"]}
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "ru"
    assert root.xpath("a:entry/a:link[@rel='enclosure']/@href", namespaces=ns) == [PHOTO.url, ENTRY.audio.url]
    assert root.xpath("a:entry/media:group/media:content/media:description/text()", namespaces=ns) == ["Открытие"]
    assert root.xpath("a:entry/ev:startdate/text()", namespaces=ns) == ["2026-04-01T10:00:00+06:00"]


def test_rss_writer_and_podcast() -> None:
    podcast = formats.PodcastInfo(f"{SITE}/theme/img/podcast.png", "News", "Politics", False, "press@example.kg")
    plain = feedparser.parse(formats.rss(INFO, [ENTRY]))
    assert not plain.bozo
    assert plain.entries[0].enclosures[0].href == PHOTO.url  # RSS's one enclosure: the cover
    assert plain.entries[0].content[0].value == ENTRY.content_html
    data = formats.rss(INFO, [ENTRY], podcast)
    parsed = feedparser.parse(data)
    assert not parsed.bozo
    assert parsed.entries[0].enclosures[0].href == ENTRY.audio.url  # the podcast's: the audio
    assert parsed.entries[0].enclosures[0].length == "12345"
    root = etree.fromstring(data)
    ns = {"itunes": formats.NS["itunes"]}
    channel = root.find("channel")
    assert channel.xpath("itunes:category/@text", namespaces=ns) == ["News"]
    assert channel.xpath("itunes:category/itunes:category/@text", namespaces=ns) == ["Politics"]
    assert channel.xpath("itunes:owner/itunes:email/text()", namespaces=ns) == ["press@example.kg"]
    assert channel.xpath("item/itunes:duration/text()", namespaces=ns) == ["00:01:05"]
    assert channel.xpath("item/guid/@isPermaLink") == ["false"]


def test_json_feed_writer() -> None:
    data = json.loads(formats.json_feed(INFO, [ENTRY]))
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    [item] = data["items"]
    assert item["id"] == ENTRY.id
    assert item["date_published"] == "2026-03-12T10:30:00+06:00"
    assert item["attachments"][0] == {"url": ENTRY.audio.url, "mime_type": "audio/mpeg", "size_in_bytes": 12345,
                                      "duration_in_seconds": 65}  # fmt: skip
    assert item["_event"]["start"] == "2026-04-01T10:00:00+06:00"


def test_opml_writer() -> None:
    outlines = [
        formats.Outline("Все", f"{SITE}/ru/feed.atom", f"{SITE}/ru/", "ru"),
        formats.Outline("Теги", children=(formats.Outline("форум", f"{SITE}/ru/tags/forum/feed.atom", f"{SITE}/ru/tags/forum/", "ru"),)),
    ]
    root = etree.fromstring(formats.opml("Пресс-центр", dt.datetime(2026, 3, 12, 10, 30, tzinfo=ZONE), outlines))
    assert root.get("version") == "2.0"
    assert root.findtext("head/title") == "Пресс-центр"
    assert root.xpath("//outline[@type='rss']/@xmlUrl") == [f"{SITE}/ru/feed.atom", f"{SITE}/ru/tags/forum/feed.atom"]
    assert root.xpath("body/outline[2]/@text") == ["Теги"]


def test_two_folders_with_one_id_are_reported(caplog: pytest.LogCaptureFixture) -> None:
    from types import SimpleNamespace

    from press.outputs.feeds import warn_shared_ids
    from press.site.listings import View, ViewRegistry

    def item(bundle: str) -> SimpleNamespace:
        return SimpleNamespace(lang="ru", bundle=bundle, created=dt.date(2026, 3, 12))

    views = ViewRegistry()
    views.add(View("home", "", "ru", "ru/", [item("news/2026-03-12-forum"), item("speeches/2026-03-12-forum")]))
    with caplog.at_level("WARNING", logger="pressroom"):
        warn_shared_ids(views, load({}))
    assert "speeches/2026-03-12-forum: feed id tag:localhost,2026-03-12:forum/ru is also the id of news/2026-03-12-forum" in caplog.text



def test_two_folders_with_one_id_are_reported_in_the_press_officers_language(
        caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    from types import SimpleNamespace

    from press.outputs.feeds import warn_shared_ids
    from press.site.listings import View, ViewRegistry

    monkeypatch.setenv("PRESSROOM_LANG", "ky")
    items = [SimpleNamespace(lang="ru", bundle=b, created=dt.date(2026, 3, 12))
             for b in ("news/2026-03-12-forum", "speeches/2026-03-12-forum")]  # fmt: skip
    views = ViewRegistry()
    views.add(View("home", "", "ru", "ru/", items))
    with caplog.at_level("WARNING", logger="pressroom"):
        warn_shared_ids(views, load({}))
    assert caplog.messages == [
        "speeches/2026-03-12-forum: жаңылык тасмаларындагы tag:localhost,2026-03-12:forum/ru белгиси"
        " news/2026-03-12-forum материалынын белгиси менен дал келет; папкалардын биринин атын өзгөртүңүз,"
        " антпесе тасмаларды окуган программалар бир материалды экинчиси деп кабыл алат"
    ]
