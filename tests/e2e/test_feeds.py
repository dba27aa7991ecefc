"""Feeds as readers get them: feedparser for what it checks, lxml for what it does not.

The fixture site ``tests/sites/feeds`` has a news item in three languages
(two authors, a cover, body links and a footnote, a raw script), a gallery
with a Kyrgyz caption and a Russian fallback caption, a podcast episode (a
3-second WAV file and a cover made with ``wave`` and Pillow), an
announcement with an event, an item only in Kyrgyz, a draft and an embargoed
item. feedparser flags only malformed XML, so ids, dates, links and
namespaced elements are checked with lxml.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import feedparser
import pytest
from lxml import etree
from lxml import html as lxml_html

from tests.conftest import BUILD_TIME, SITES, build
from tests.e2e.html import page

SITE = "http://localhost:8000"
NS = {
    "a": "http://www.w3.org/2005/Atom",
    "media": "http://search.yahoo.com/mrss/",
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ev": "http://purl.org/rss/1.0/modules/event/",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$")

TITLES = {
    "forum": "Форум МСУ в Оше",
    "water": "Вода в Нарыне",
    "release": "Бюджетные слушания пройдут в 40 аймаках",
    "training": "Тренинг для депутатов",
    "fair": "Ярмарка в Оше",
    "podcast": "Голос аймака, выпуск 1",
}
RU_NEWEST_FIRST = [TITLES[k] for k in ("podcast", "fair", "training", "release", "water", "forum")]

# Every feed of the fixture site; tg has no item, so no feed.
SUBJECTS = {
    "ru": ["", "news/", "press-releases/", "announcements/", "galleries/", "podcasts/", "projects/local-budgets/",
           "regions/osh/", "regions/naryn/", "tags/forum/", "tags/byudzhet/", "tags/voda/", "tags/obuchenie/",
           "tags/yarmarka/", "tags/podkast/"],
    "ky": ["", "news/", "galleries/", "projects/local-budgets/", "regions/osh/", "tags/forum/", "tags/jarmanke/"],
    "en": ["", "news/", "press-releases/", "projects/local-budgets/", "regions/osh/", "tags/forum/", "tags/budget/"],
}  # fmt: skip


def expected_files(lang: str) -> set[str]:
    files = set()
    for subject in SUBJECTS[lang]:
        with_json = subject == "" or subject.count("/") == 1
        for name in ("feed.atom", "feed.rss", *(["feed.json"] if with_json else [])):
            files.add(f"{lang}/{subject}{name}")
    return files


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(SITES / "feeds", tmp_path_factory.mktemp("feeds") / "output", PRESS_BUILD_TIME=BUILD_TIME)


def feed_files(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("feed.*") if p.suffix in (".atom", ".rss", ".json"))


def xml(path: Path) -> etree._Element:
    return etree.parse(str(path)).getroot()


def rel(output: Path, path: Path) -> str:
    return path.relative_to(output).as_posix()


# --- what exists ---------------------------------------------------------------------------


def test_every_expected_feed_is_written_and_nothing_else(site: Path) -> None:
    expected = expected_files("ru") | expected_files("ky") | expected_files("en")
    assert {rel(site, p) for p in feed_files(site)} == expected
    assert not (site / "tg" / "feed.atom").exists()
    assert sorted(rel(site, p) for p in site.rglob("*.opml")) == ["en/feeds.opml", "ky/feeds.opml", "ru/feeds.opml"]


def test_every_xml_feed_parses_without_bozo(site: Path) -> None:
    for path in feed_files(site):
        if path.suffix == ".json":
            continue
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, f"{rel(site, path)}: {parsed.get('bozo_exception')}"
        assert parsed.version == ("atom10" if path.suffix == ".atom" else "rss20")
        assert parsed.entries, rel(site, path)


def test_language_feed_newest_first_in_its_language_only(site: Path) -> None:
    for suffix in ("atom", "rss"):
        parsed = feedparser.parse((site / f"ru/feed.{suffix}").read_bytes())
        assert [e.title for e in parsed.entries] == RU_NEWEST_FIRST
    ky = feedparser.parse((site / "ky/feed.atom").read_bytes())
    assert [e.title for e in ky.entries] == ["Кыргызча гана жаңылык", "Оштогу жарманке", "Оштогу ЖӨБ форуму"]
    assert xml(site / "ky/feed.atom").get(XML_LANG) == "ky"
    assert xml(site / "ky/feed.rss").findtext("channel/language") == "ky"
    assert json.loads((site / "ky/feed.json").read_text())["language"] == "ky"


@pytest.mark.parametrize(
    ("path", "titles"),
    [
        ("ru/news/feed.atom", [TITLES["water"], TITLES["forum"]]),
        ("ru/tags/forum/feed.atom", [TITLES["forum"]]),
        ("ru/projects/local-budgets/feed.rss", [TITLES["release"], TITLES["forum"]]),
        ("ru/regions/osh/feed.atom", [TITLES["fair"], TITLES["training"], TITLES["forum"]]),
        ("ky/tags/forum/feed.rss", ["Кыргызча гана жаңылык", "Оштогу ЖӨБ форуму"]),
        ("en/projects/local-budgets/feed.atom", ["Budget hearings in 40 municipalities", "Local government forum in Osh"]),
    ],
)
def test_subject_feeds_hold_their_items(site: Path, path: str, titles: list[str]) -> None:
    assert [e.title for e in feedparser.parse((site / path).read_bytes()).entries] == titles


def test_feed_titles_are_localized(site: Path) -> None:
    assert feedparser.parse((site / "ru/news/feed.atom").read_bytes()).feed.title == "Новости — Пресс-центр ЦРМС"
    assert feedparser.parse((site / "ky/news/feed.rss").read_bytes()).feed.title == "Жаңылыктар — ЖӨБӨБ пресс-борбору"
    assert feedparser.parse((site / "en/tags/forum/feed.atom").read_bytes()).feed.title == "Tag: forum — LGDC Press Centre"


def test_no_draft_embargoed_or_script_anywhere(site: Path) -> None:
    for path in [*feed_files(site), *site.rglob("*.opml")]:
        text = path.read_text(encoding="utf-8")
        for secret in ("ЧЕРНОВИК", "ЭМБАРГО", "draft-note", "embargoed-report"):
            assert secret not in text, f"{rel(site, path)} has {secret}"
        assert "<script" not in text and "&lt;script" not in text and "javascript:" not in text


def test_feed_size_setting_keeps_the_newest(tmp_path: Path) -> None:
    out = build(SITES / "feeds", tmp_path / "out", PRESS_BUILD_TIME=BUILD_TIME, PRESS_FEED_SIZE=2)
    assert [e.title for e in feedparser.parse((out / "ru/feed.atom").read_bytes()).entries] == RU_NEWEST_FIRST[:2]
    assert len(json.loads((out / "ru/feed.json").read_text())["items"]) == 2


def test_untranslated_items_listed_on_pages_stay_out_of_feeds(tmp_path: Path) -> None:
    out = build(SITES / "feeds", tmp_path / "out", PRESS_BUILD_TIME=BUILD_TIME, PRESS_LIST_UNTRANSLATED=True)
    titles = [e.title for e in feedparser.parse((out / "en/feed.atom").read_bytes()).entries]
    assert titles == ["Budget hearings in 40 municipalities", "Local government forum in Osh"]
    assert not (out / "tg/feed.atom").exists()


# --- RFC 4287 and entry contents -----------------------------------------------------------


def test_atom_feeds_follow_rfc_4287(site: Path) -> None:
    for path in site.rglob("feed.atom"):
        root = xml(path)
        where = rel(site, path)
        assert root.tag == "{http://www.w3.org/2005/Atom}feed"
        assert root.get(XML_LANG) == where.split("/")[0]
        assert root.findtext("a:id", namespaces=NS).startswith(SITE), where
        assert root.findtext("a:title", namespaces=NS), where
        assert RFC3339.match(root.findtext("a:updated", namespaces=NS)), where
        assert root.xpath("a:link[@rel='alternate']/@href", namespaces=NS)[0].startswith(SITE)
        assert root.xpath("a:link[@rel='self']/@href", namespaces=NS) == [f"{SITE}/{where}"]
        feed_author = root.xpath("a:author/a:name/text()", namespaces=NS)
        ids = []
        for entry in root.findall("a:entry", NS):
            ids.append(entry.findtext("a:id", namespaces=NS))
            assert entry.findtext("a:title", namespaces=NS), where
            assert RFC3339.match(entry.findtext("a:updated", namespaces=NS)), where
            assert RFC3339.match(entry.findtext("a:published", namespaces=NS)), where
            [alternate] = entry.xpath("a:link[@rel='alternate']/@href", namespaces=NS)
            assert alternate.startswith(f"{SITE}/{where.split('/')[0]}/"), where
            assert entry.xpath("a:author/a:name/text()", namespaces=NS) or feed_author, where
            assert entry.find("a:content", NS).get("type") == "html"
        assert all(i.startswith("tag:localhost,") for i in ids), where
        assert len(ids) == len(set(ids)), where
        updated = max(dt.datetime.fromisoformat(e) for e in root.xpath("a:entry/a:updated/text()", namespaces=NS))
        assert dt.datetime.fromisoformat(root.findtext("a:updated", namespaces=NS)) == updated


def forum_entry(site: Path) -> etree._Element:
    root = xml(site / "ru/news/feed.atom")
    return root.xpath("a:entry[a:id='tag:localhost,2026-03-12:forum-osh/ru']", namespaces=NS)[0]


def test_entry_carries_dates_authors_categories_summary_and_cover(site: Path) -> None:
    entry = forum_entry(site)
    assert entry.findtext("a:published", namespaces=NS) == "2026-03-12T10:30:00+06:00"
    assert entry.findtext("a:updated", namespaces=NS) == "2026-03-13T09:00:00+06:00"
    assert entry.xpath("a:author/a:name/text()", namespaces=NS) == ["Айгуль Маматова", "Бакыт Осмонов"]
    assert entry.xpath("a:category/@term", namespaces=NS) == ["Новости", "Местные бюджеты", "Ошская область", "форум", "бюджет"]
    assert entry.findtext("a:summary", namespaces=NS) == "Главы айылных аймаков обсудили бюджеты & отчёты <без тегов>."
    cover = f"{SITE}/media/news/2026-03-12-forum-osh/hall-40.jpg"  # derived (press.images)
    [enclosure] = entry.xpath("a:link[@rel='enclosure']", namespaces=NS)
    assert (enclosure.get("href"), enclosure.get("type"), enclosure.get("length")) == (cover, "image/jpeg", str((site / "media/news/2026-03-12-forum-osh/hall-40.jpg").stat().st_size))
    assert entry.xpath("media:thumbnail/@url", namespaces=NS) == [cover]
    item = xml(site / "ru/news/feed.rss").xpath("channel/item[guid='tag:localhost,2026-03-12:forum-osh/ru']")[0]
    assert item.xpath("enclosure/@url") == [cover]
    assert item.xpath("dc:creator/text()", namespaces=NS) == ["Айгуль Маматова", "Бакыт Осмонов"]
    assert item.xpath("category/text()") == ["Новости", "Местные бюджеты", "Ошская область", "форум", "бюджет"]
    assert item.findtext("pubDate") == "Thu, 12 Mar 2026 10:30:00 +0600"
    assert item.xpath("a:updated/text()", namespaces=NS) == ["2026-03-13T09:00:00+06:00"]


def test_full_content_with_absolute_links(site: Path) -> None:
    body = forum_entry(site).findtext("a:content", namespaces=NS)
    tree = lxml_html.fragment_fromstring(body, create_parent="div")
    assert tree.xpath("//img/@src") == [f"{SITE}/media/news/2026-03-12-forum-osh/hall-40.jpg"]
    assert tree.xpath("//a/@href") == [
        f"{SITE}/ru/news/forum-osh/#fn:1",
        f"{SITE}/ru/news/water-naryn/",
        f"{SITE}/media/news/2026-03-12-forum-osh/program.pdf",
        f"{SITE}/ru/news/forum-osh/#fnref:1",
    ]
    rss = xml(site / "ru/news/feed.rss").xpath("channel/item[guid='tag:localhost,2026-03-12:forum-osh/ru']")[0]
    assert rss.findtext("content:encoded", namespaces=NS) == body


def test_every_url_in_every_feed_is_absolute(site: Path) -> None:
    for path in feed_files(site):
        where = rel(site, path)
        if path.suffix == ".json":
            data = json.loads(path.read_text())
            items = data["items"]
            urls = [data["home_page_url"], data["feed_url"], *(i["url"] for i in items), *(i.get("image", SITE) for i in items),
                    *(a["url"] for i in items for a in i.get("attachments", []))]  # fmt: skip
            bodies = [i["content_html"] for i in items]
        else:
            root = xml(path)
            urls = [*root.xpath("//@href | //@url"), *root.xpath("//link/text() | //rss/channel/image/url/text()")]
            bodies = root.xpath("//a:content/text() | //content:encoded/text()", namespaces=NS)
        for body in bodies:
            tree = lxml_html.fragment_fromstring(body, create_parent="div")
            urls += tree.xpath("//@href | //@src")
        assert urls, where
        for url in urls:
            assert url.startswith(("http://", "https://", "mailto:", "tel:")), f"{where}: {url}"


def test_feed_base_url_setting(tmp_path: Path) -> None:
    out = build(SITES / "feeds", tmp_path / "out", PRESS_BUILD_TIME=BUILD_TIME, SITEURL="https://press.example.kg")
    root = xml(out / "ru/feed.atom")
    assert root.findtext("a:id", namespaces=NS) == "https://press.example.kg/ru/feed.atom"
    ids = root.xpath("a:entry/a:id/text()", namespaces=NS)
    assert "tag:press.example.kg,2026-03-12:forum-osh/ru" in ids
    body = root.xpath("a:entry[a:id='tag:press.example.kg,2026-03-12:forum-osh/ru']/a:content/text()", namespaces=NS)[0]
    assert 'src="https://press.example.kg/media/news/2026-03-12-forum-osh/hall-40.jpg"' in body


def test_announcement_carries_the_event_time(site: Path) -> None:
    entry = xml(site / "ru/announcements/feed.atom").find("a:entry", NS)
    assert entry.findtext("ev:startdate", namespaces=NS) == "2026-07-15T10:00:00+06:00"
    assert entry.findtext("ev:enddate", namespaces=NS) == "2026-07-15T16:00:00+06:00"
    assert entry.findtext("ev:location", namespaces=NS) == "Дом культуры, ул. Ленина, 1, Ош"
    body = lxml_html.fragment_fromstring(entry.findtext("a:content", namespaces=NS), create_parent="div")
    assert body.xpath("//time/@datetime") == ["2026-07-15T10:00+06:00", "2026-07-15T16:00+06:00"]
    assert "Когда" in body.text_content()
    item = json.loads((site / "ru/announcements/feed.json").read_text())["items"][0]
    assert item["_event"]["start"] == "2026-07-15T10:00:00+06:00"


def test_gallery_photos_as_media_rss_with_captions_in_the_feed_language(site: Path) -> None:
    for suffix in ("atom", "rss"):
        root = xml(site / f"ky/galleries/feed.{suffix}")
        contents = root.xpath("//media:group/media:content", namespaces=NS)
        assert [(c.get("url"), c.get("width"), c.get("height"), c.get("medium")) for c in contents] == [
            (f"{SITE}/media/galleries/2026-06-20-fair/photo-1-60.jpg", "60", "40", "image"),
            (f"{SITE}/media/galleries/2026-06-20-fair/photo-2-30.jpg", "30", "45", "image"),
        ]
        captions = [c.find("media:description", NS) for c in contents]
        assert [c.text for c in captions] == ["Жарманкенин ачылышы", "Прилавок с абрикосами"]
        assert [c.get(XML_LANG) for c in captions] == [None, "ru"]  # the fallback is marked
    ru = xml(site / "ru/galleries/feed.rss").xpath("//media:description/text()", namespaces=NS)
    assert ru == ["Открытие ярмарки", "Прилавок с абрикосами"]


# --- the podcast ---------------------------------------------------------------------------


def test_podcast_feed_has_what_podcast_apps_need(site: Path) -> None:
    data = (site / "ru/podcasts/feed.rss").read_bytes()
    parsed = feedparser.parse(data)
    assert not parsed.bozo
    [episode] = parsed.entries
    wav = SITES / "feeds/podcasts/2026-07-01-episode-1/episode.wav"
    assert episode.enclosures == [
        {"href": f"{SITE}/media/podcasts/2026-07-01-episode-1/episode.wav", "length": str(wav.stat().st_size), "type": "audio/wav"}
    ]
    assert episode.id == "tag:localhost,2026-07-01:episode-1/ru"
    channel = etree.fromstring(data).find("channel")
    assert channel.findtext("language") == "ru"
    assert channel.xpath("itunes:image/@href", namespaces=NS) == [f"{SITE}/theme/img/podcast.png"]
    assert channel.xpath("itunes:category/@text", namespaces=NS) == ["Government"]
    assert channel.xpath("itunes:explicit/text()", namespaces=NS) == ["false"]
    assert channel.xpath("itunes:author/text()", namespaces=NS) == ["Пресс-центр ЦРМС"]
    assert channel.findtext("image/url") == f"{SITE}/theme/img/podcast.png"
    item = channel.find("item")
    assert item.xpath("itunes:duration/text()", namespaces=NS) == ["00:00:03"]
    assert item.xpath("itunes:explicit/text()", namespaces=NS) == ["false"]
    assert item.xpath("itunes:author/text()", namespaces=NS) == ["Чолпон Усенова"]
    assert item.xpath("itunes:image/@href", namespaces=NS) == [f"{SITE}/media/podcasts/2026-07-01-episode-1/cover-50.jpg"]
    assert item.xpath("guid/@isPermaLink") == ["false"]
    assert (site / "theme/img/podcast.png").exists()
    from PIL import Image

    with Image.open(site / "theme/img/podcast.png") as art:  # Apple: square, 1400 to 3000 px, RGB
        assert art.size[0] == art.size[1] and 1400 <= art.size[0] <= 3000 and art.mode == "RGB"
    json_item = json.loads((site / "ru/podcasts/feed.json").read_text())["items"][0]
    assert json_item["attachments"][0]["mime_type"] == "audio/wav"
    assert json_item["attachments"][0]["duration_in_seconds"] == 3


def test_only_the_podcasts_section_is_a_podcast(site: Path) -> None:
    for path in site.rglob("feed.rss"):
        has_itunes = b"itunes:" in path.read_bytes()
        assert has_itunes == (rel(site, path) == "ru/podcasts/feed.rss"), rel(site, path)


# --- JSON Feed -------------------------------------------------------------------------------


def test_json_feeds_are_json_feed_1_1(site: Path) -> None:
    paths = list(site.rglob("feed.json"))
    assert {rel(site, p) for p in paths} == {f for f in expected_files("ru") | expected_files("ky") | expected_files("en") if f.endswith(".json")}
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        where = rel(site, path)
        assert data["version"] == "https://jsonfeed.org/version/1.1"
        assert data["title"] and data["home_page_url"].startswith(SITE)
        assert data["feed_url"] == f"{SITE}/{where}"
        assert data["language"] == where.split("/")[0]
        assert data["items"], where
        for item in data["items"]:
            assert item["id"].startswith("tag:localhost,")
            assert item["url"].startswith(f"{SITE}/")
            assert isinstance(item["content_html"], str) and item["content_html"]
            assert RFC3339.match(item["date_published"]) and RFC3339.match(item["date_modified"])
            assert all(isinstance(a["name"], str) for a in item["authors"])
    titles = [i["title"] for i in json.loads((site / "ru/feed.json").read_text())["items"]]
    assert titles == RU_NEWEST_FIRST


# --- ids survive edits, output is deterministic ----------------------------------------------


def ids_by_lang(output: Path) -> dict[str, list[str]]:
    return {lang: sorted(xml(output / f"{lang}/feed.atom").xpath("a:entry/a:id/text()", namespaces=NS)) for lang in ("ru", "ky", "en")}


def test_ids_survive_editing_title_body_date_and_section(site: Path, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(SITES / "feeds", content)
    old = content / "news/2026-03-12-forum-osh"
    source = (old / "index.ru.md").read_text(encoding="utf-8")
    source = source.replace("title: Форум МСУ в Оше", "title: Форум МСУ в Оше собрал 200 участников")
    source = source.replace('date: "2026-03-12 10:30"', 'date: "2026-03-14 08:00"')
    source = source.replace("В Оше прошёл форум", "В городе Ош прошёл большой форум")
    (old / "index.ru.md").write_text(source, encoding="utf-8")
    (old / "index.en.md").write_text((old / "index.en.md").read_text().replace("Osh", "Osh city"), encoding="utf-8")
    (content / "speeches").mkdir()
    old.rename(content / "speeches/2026-03-12-forum-osh")  # moved to another section
    out = build(content, tmp_path / "out", PRESS_BUILD_TIME=BUILD_TIME)
    assert ids_by_lang(out) == ids_by_lang(site)
    moved = xml(out / "ru/speeches/feed.atom").find("a:entry", NS)
    assert moved.findtext("a:id", namespaces=NS) == "tag:localhost,2026-03-12:forum-osh/ru"
    assert moved.findtext("a:title", namespaces=NS) == "Форум МСУ в Оше собрал 200 участников"
    assert moved.findtext("a:published", namespaces=NS) == "2026-03-14T08:00:00+06:00"
    assert moved.xpath("a:link[@rel='alternate']/@href", namespaces=NS) == [f"{SITE}/ru/speeches/forum-osh/"]
    assert not (out / "ru/news/forum-osh").exists()


def test_same_content_builds_the_same_feeds(site: Path, tmp_path: Path) -> None:
    again = build(SITES / "feeds", tmp_path / "again", PRESS_BUILD_TIME=BUILD_TIME)
    for path in [*feed_files(site), *site.rglob("*.opml")]:
        assert (again / rel(site, path)).read_bytes() == path.read_bytes(), rel(site, path)


# --- pages: autodiscovery, «Subscribe», OPML -----------------------------------------------------


def discovered(output: Path, url: str) -> list[tuple[str, str]]:
    tree = page(output, url)
    return [(link.get("type"), link.get("href")) for link in tree.xpath("//head/link[@rel='alternate'][@type]")]


def test_listing_pages_advertise_their_feeds(site: Path) -> None:
    assert discovered(site, "/ru/news/") == [
        ("application/atom+xml", "/ru/news/feed.atom"), ("application/rss+xml", "/ru/news/feed.rss"),
        ("application/feed+json", "/ru/news/feed.json"), ("application/atom+xml", "/ru/feed.atom"),
        ("application/rss+xml", "/ru/feed.rss"), ("application/feed+json", "/ru/feed.json"),
    ]  # fmt: skip
    assert discovered(site, "/ru/tags/forum/")[:2] == [
        ("application/atom+xml", "/ru/tags/forum/feed.atom"), ("application/rss+xml", "/ru/tags/forum/feed.rss"),
    ]  # fmt: skip
    assert discovered(site, "/ky/")[0] == ("application/atom+xml", "/ky/feed.atom")
    assert discovered(site, "/ru/podcasts/")[1] == ("application/rss+xml", "/ru/podcasts/feed.rss")
    assert ("application/rss+xml", "/ru/podcasts/feed.rss") in discovered(site, "/ru/podcasts/episode-1/")
    assert not (site / "tg").exists()  # no Tajik item: no Tajik page to advertise anything
    titles = page(site, "/ru/news/").xpath("//head/link[@type='application/atom+xml']/@title")
    assert titles == ["Новости — Пресс-центр ЦРМС (Atom)", "Пресс-центр ЦРМС (Atom)"]


def test_every_advertised_feed_exists(site: Path) -> None:
    for html_file in site.rglob("index.html"):
        tree = lxml_html.fromstring(html_file.read_bytes())
        for href in tree.xpath("//head/link[@rel='alternate'][@type]/@href"):
            assert (site / href.lstrip("/")).is_file(), f"{rel(site, html_file)}: {href}"


def test_subscribe_page_lists_every_feed_of_its_language(site: Path) -> None:
    for lang in ("ru", "ky", "en"):
        tree = page(site, f"/{lang}/subscribe/")
        # each subject shows the address of its main feed, and links every format
        shown = {url.removeprefix(f"{SITE}/") for url in tree.xpath("//main//code/text()")}
        mains = shown - {f"{lang}/feeds.opml", f"{lang}/announcements/calendar.ics"}
        assert mains <= expected_files(lang) and len(mains) == len(SUBJECTS[lang])
        linked = {a.removeprefix("/") for a in tree.xpath("//main//a/@href")}
        assert expected_files(lang) <= linked
        assert f"{lang}/feeds.opml" in linked
    ru = page(site, "/ru/subscribe/")
    assert ru.xpath("//h1/text()") == ["Подписка"]
    assert set(ru.xpath("//a[@type='text/calendar']/@href")) == {"/ru/announcements/calendar.ics"}
    assert (site / "ru/announcements/calendar.ics").is_file()
    assert page(site, "/ky/subscribe/").xpath("//a[@type='text/calendar']") == []  # no Kyrgyz announcements
    assert page(site, "/ky/subscribe/").xpath("//h1/text()") == ["Жазылуу"]
    assert not (site / "tg/subscribe").exists()


def test_subscribe_page_switcher_and_footer(site: Path) -> None:
    tree = page(site, "/ky/subscribe/")
    switch = {a.get("lang"): a.get("href") for a in tree.xpath("//nav[@class='lang-switcher']//a")}
    assert switch == {"ru": "/ru/subscribe/", "en": "/en/subscribe/"}
    assert page(site, "/ru/news/").xpath("//footer//a[@href='/ru/subscribe/']/text()") == ["Подписка"]
    assert page(site, "/en/").xpath("//footer//a[@href='/en/subscribe/']/text()") == ["Subscribe"]


def test_opml_lists_every_subject_once(site: Path) -> None:
    for lang in ("ru", "ky", "en"):
        root = xml(site / f"{lang}/feeds.opml")
        assert root.get("version") == "2.0"
        assert root.findtext("head/title")
        feeds = root.xpath("//outline[@xmlUrl]")
        urls = [o.get("xmlUrl") for o in feeds]
        assert len(urls) == len(SUBJECTS[lang]) == len(set(urls))
        for outline in feeds:
            assert outline.get("type") == "rss" and outline.get("text") and outline.get("language") == lang
            assert (site / outline.get("xmlUrl").removeprefix(f"{SITE}/")).is_file()
            assert outline.get("htmlUrl").startswith(f"{SITE}/{lang}/")
        assert f"{SITE}/{lang}/feed.atom" in urls
    assert f"{SITE}/ru/podcasts/feed.rss" in xml(site / "ru/feeds.opml").xpath("//outline/@xmlUrl")


def test_sample_site_feeds_parse(sample_site: Path) -> None:
    files = feed_files(sample_site)
    assert len(files) > 100
    for path in files:
        if path.suffix == ".json":
            assert json.loads(path.read_text())["version"] == "https://jsonfeed.org/version/1.1"
        else:
            assert not feedparser.parse(path.read_bytes()).bozo, rel(sample_site, path)
    assert "budget-results-embargoed" not in (sample_site / "ru/feed.atom").read_text()
