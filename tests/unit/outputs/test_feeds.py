"""press.outputs.feeds: entry ids, absolute links and addresses, ids shared by two folders."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from press.settings import load
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
