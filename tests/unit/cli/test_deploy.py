"""What make deploy tells an object store about each file, and what counts as a trace of a held item."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from press.cli.deploy import DAY, FEED_JSON, LONG, SHORT, Headers, headers, held_traces


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ru/index.html", Headers("text/html; charset=utf-8", SHORT)),
        ("ru/feed.atom", Headers("application/atom+xml", SHORT)),
        ("ru/feed.rss", Headers("application/rss+xml", SHORT)),
        ("ru/feed.json", Headers(FEED_JSON, SHORT)),
        ("ru/news/feed.json", Headers(FEED_JSON, SHORT)),
        ("pagefind/pagefind-entry.json", Headers("application/json", SHORT)),
        ("ru/announcements/training/event.ics", Headers("text/calendar; charset=utf-8", SHORT)),
        ("ru/feeds.opml", Headers("text/x-opml; charset=utf-8", SHORT)),
        ("sitemap.xml", Headers("application/xml", SHORT)),
        ("robots.txt", Headers("text/plain; charset=utf-8", SHORT)),
        ("media/news/2026-03-12-forum-osh/hall-960.webp", Headers("image/webp", LONG)),
        ("media/news/2026-03-12-forum-osh/hall-og.jpg", Headers("image/jpeg", LONG)),
        ("media/news/2026-03-12-forum-osh/report.pdf", Headers("application/pdf", DAY)),
        ("pagefind/fragment/ru_75caa49.pf_fragment", Headers("application/octet-stream", LONG)),
        ("pagefind/pagefind.js", Headers("text/javascript; charset=utf-8", SHORT)),
        ("theme/css/press.3f2a9c1e.css", Headers("text/css; charset=utf-8", LONG)),
        ("theme/js/search.00a7b361.js.br", Headers("text/javascript; charset=utf-8", LONG, "br")),
        ("theme/img/favicon.c07defd9.svg", Headers("image/svg+xml", LONG)),
        ("theme/img/podcast.png", Headers("image/png", DAY)),
        ("theme/css/press.css", Headers("text/css; charset=utf-8", DAY)),  # a name without a hash
        ("ru/index.html.br", Headers("text/html; charset=utf-8", SHORT, "br")),
        ("ru/feed.atom.gz", Headers("application/atom+xml", SHORT, "gzip")),
        ("media/news/2026-03-12-forum-osh/data.csv.gz", Headers("application/octet-stream", DAY)),
    ],
)
def test_headers_by_kind(name: str, expected: Headers) -> None:
    assert headers(name) == expected


RECORD = {
    "held": [{"source": "news/2026-05-05-draft/index.ru.md", "lang": "ru", "why": "draft",
              "path": "ru/news/draft/", "title": "Тарифы на воду & «реформа»"}],
    "held_folders": ["news/2026-05-05-draft"],
}  # fmt: skip


def site(tmp_path: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    return tmp_path


def test_a_clean_site_has_no_trace(tmp_path: Path) -> None:
    out = site(tmp_path, {"ru/index.html": "<p>Тарифы на воду обсудят</p>".encode()})
    assert list(held_traces(str(out), RECORD)) == []


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("ru/news/draft/index.html", b"<p>x</p>"),
        ("media/news/2026-05-05-draft/cover-480.webp", b"RIFF"),
        ("ru/index.html", '<a href="https://press.example.kg/ru/news/draft/">'.encode()),
        ("ru/index.html", "<h2>Тарифы на воду &amp; «реформа»</h2>".encode()),
        ("ru/feed.json", '{"title": "Тарифы на воду & «реформа»"}'.encode()),
        ("pagefind/fragment/ru_1234567.pf_fragment", gzip.compress("Тарифы на воду & «реформа»".encode())),
    ],
)
def test_each_kind_of_trace_is_found(tmp_path: Path, name: str, data: bytes) -> None:
    out = site(tmp_path, {name: data})
    assert [found for found, _what in held_traces(str(out), RECORD)] == [name]


@pytest.mark.parametrize(
    ("site_url", "cname"),
    [
        ("https://press.example.kg", "press.example.kg"),
        ("https://press.example.kg/", "press.example.kg"),
        ("https://lgdc.github.io/press", ""),
        ("https://lgdc.github.io", ""),
        ("", ""),
    ],
)
def test_github_pages_gets_the_sites_own_domain_only(site_url: str, cname: str) -> None:
    from press.cli.deploy import custom_domain

    assert custom_domain(site_url) == cname
