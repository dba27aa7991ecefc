"""press.outputs.feed_formats: Atom, RSS (with the podcast's iTunes tags), JSON Feed and OPML, as feed readers parse them."""

from __future__ import annotations

import datetime as dt
import json

import feedparser
import pytest
from lxml import etree

from press.outputs import feed_formats as formats
from tests.unit.outputs.test_feeds import SITE, ZONE


@pytest.mark.parametrize(("seconds", "expected"), [(0, "00:00:00"), (59, "00:00:59"), (2060, "00:34:20"), (3725, "01:02:05")])
def test_itunes_duration(seconds: int, expected: str) -> None:
    assert formats.itunes_duration(seconds) == expected


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
