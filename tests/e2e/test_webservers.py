"""deploy/nginx.conf and deploy/htaccess in a real nginx and a real Apache.

A fixture site is built with the publish settings (compressed copies on,
``PRESS_APACHE`` on, so the build writes ``.htaccess``), and each server
serves it on a loopback port (tests/webservers.py). What a reader's browser
gets is checked: the 404 page of each language with status 404, the
compressed copies when asked for, the types of feeds and images, the cache
headers, and the security headers.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import http.client
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import brotli
import pytest
from lxml import html as lxml_html

from tests import webservers
from tests.conftest import build, copy_site

LANGS = ("ru", "ky", "tg", "en")
SHORT, DAY, LONG = "public, max-age=300", "public, max-age=86400", "public, max-age=31536000, immutable"
CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-hashes' "
    "'sha256-De7agAeYqm6ANIVvRRW6HFWi52AJW8inhFE0gSdgXnI=' 'sha256-kFAIUwypIt04FgLyVU63Lcmp2AQimPh/TdYjy04Flxs=' "
    "'sha256-XzJlZKVo+ff9ozww9Sr2p/2TbJXITZuaWMZ9p53zN1U='; img-src 'self' data:; "
    "media-src 'self'; frame-src https://www.youtube-nocookie.com https://player.vimeo.com; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)
SERVERS: dict[str, tuple[str, Callable[..., Any]]] = {
    "nginx": (webservers.NGINX, webservers.nginx),
    "apache": (webservers.APACHE, webservers.apache),
}


class Response:
    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


def get(base: str, path: str, encoding: str = "identity") -> Response:
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": encoding})
        answer = connection.getresponse()
        return Response(answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read())
    finally:
        connection.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("webservers")
    content = copy_site("basic", tmp / "content")
    # the basic site has no Tajik item, so no /tg/ pages: give it one, for a 404 in every language
    forum = content / "news" / "2026-03-12-forum-osh"
    (forum / "index.tg.md").write_text("---\ntitle: Форуми маҳаллӣ дар Ош\n---\nДар Ош форуми ҷамъиятӣ баргузор шуд.\n",
                                       encoding="utf-8")  # fmt: skip
    output = build(content, tmp / "output", PRESS_PUBLIC=True, SITEURL="https://press.example.kg",
                   PRESS_PRECOMPRESS=True, PRESS_APACHE=True)  # fmt: skip
    site = webservers.readable_copy(output)
    yield site
    shutil.rmtree(site.parent, ignore_errors=True)


@pytest.fixture(scope="module", params=list(SERVERS))
def server(request: pytest.FixtureRequest, built: Path) -> Iterator[str]:
    binary, start = SERVERS[request.param]
    if not Path(binary).exists():
        pytest.skip(f"{request.param} is not installed (make test installs it with apt-get: SYSTEM_DEPS)")
    with start(built) as url:
        yield url


def theme_file(built: Path, pattern: str) -> str:
    """The address of a theme file under its fingerprinted name (``css/press.*.css``)."""
    [found] = (built / "theme").glob(pattern)
    return "/" + found.relative_to(built).as_posix()


def test_the_build_writes_htaccess_from_deploy(built: Path) -> None:
    assert (built / ".htaccess").read_bytes() == (webservers.ROOT / "deploy" / "htaccess").read_bytes()


@pytest.mark.parametrize("lang", LANGS)
def test_a_missing_address_gets_its_languages_404(server: str, lang: str) -> None:
    answer = get(server, f"/{lang}/news/no-such-item/")
    assert answer.status == 404
    assert lxml_html.fromstring(answer.body).get("lang") == lang
    assert answer.header("Cache-Control") == SHORT


def test_a_missing_address_outside_the_languages_gets_the_default_404(server: str) -> None:
    answer = get(server, "/no-such-file.html")
    assert answer.status == 404 and lxml_html.fromstring(answer.body).get("lang") == "ru"


def test_the_root_leads_to_the_default_language(server: str) -> None:
    answer = get(server, "/")
    assert answer.status == 302 and answer.header("Location").endswith("/ru/")


@pytest.mark.parametrize(("encoding", "name", "decode"), [("br", "br", brotli.decompress),
                                                          ("gzip", "gzip", gzip.decompress)])  # fmt: skip
def test_compressed_copies_are_sent_when_asked_for(server: str, built: Path, encoding: str, name: str,
                                                   decode: Callable[[bytes], bytes]) -> None:  # fmt: skip
    css = theme_file(built, "css/press.*.css")
    for path, file in (("/ru/", "ru/index.html"), (css, css.lstrip("/")), ("/ru/feed.atom", "ru/feed.atom")):
        answer = get(server, path, encoding=f"{encoding}, identity")
        assert answer.status == 200, path
        assert answer.header("Content-Encoding") == name, path
        assert decode(answer.body) == (built / file).read_bytes(), path
        assert "Accept-Encoding" in answer.header("Vary"), path
    plain = get(server, "/ru/")
    assert plain.header("Content-Encoding") == "" and plain.body == (built / "ru/index.html").read_bytes()


def test_types(server: str, built: Path) -> None:
    webp = next(p for p in built.rglob("*.webp")).relative_to(built).as_posix()
    expected = {
        "/ru/": "text/html",
        "/ru/feed.atom": "application/atom+xml",
        "/ru/feed.rss": "application/rss+xml",
        "/ru/feed.json": "application/feed+json",
        "/ru/feeds.opml": "text/x-opml",
        "/sitemap.xml": "application/xml",
        theme_file(built, "css/press.*.css"): "text/css",
        theme_file(built, "js/search.*.js"): "text/javascript",
        theme_file(built, "img/favicon.*.svg"): "image/svg+xml",
        "/theme/img/podcast.png": "image/png",
        f"/{webp}": "image/webp",
    }
    ics = next(iter(sorted(built.rglob("*.ics"))), None)
    if ics is not None:
        expected["/" + ics.relative_to(built).as_posix()] = "text/calendar"
    for path, kind in expected.items():
        for encoding in ("identity", "br, gzip"):
            answer = get(server, path, encoding)
            assert answer.status == 200, path
            assert answer.header("Content-Type").split(";")[0].strip() == kind, (path, encoding)
    assert get(server, "/ru/").header("Content-Type").replace(" ", "").lower() == "text/html;charset=utf-8"


def test_cache_headers(server: str, built: Path) -> None:
    webp = next(p for p in built.rglob("*.webp")).relative_to(built).as_posix()
    fragment = next(p for p in (built / "pagefind").rglob("*.pf_fragment")).relative_to(built).as_posix()
    expected = {
        "/ru/": SHORT, "/ru/feed.atom": SHORT, "/sitemap.xml": SHORT, "/pagefind/pagefind.js": SHORT,
        f"/{webp}": LONG, f"/{fragment}": LONG, "/theme/img/podcast.png": DAY,
        # the theme's files under names that carry a hash of their bytes: kept a year
        theme_file(built, "css/press.*.css"): LONG, theme_file(built, "js/search.*.js"): LONG,
        theme_file(built, "img/favicon.*.svg"): LONG,
    }  # fmt: skip
    for path, cache in expected.items():
        for encoding in ("identity", "br, gzip"):
            assert get(server, path, encoding).header("Cache-Control") == cache, (path, encoding)


def test_security_headers(server: str, built: Path) -> None:
    for path in ("/ru/", "/ky/no-such-page/", theme_file(built, "css/press.*.css")):
        answer = get(server, path, "br")
        assert answer.header("Content-Security-Policy") == CSP, path
        assert answer.header("X-Content-Type-Options") == "nosniff"
        assert answer.header("Referrer-Policy") == "strict-origin-when-cross-origin"
        assert "camera=()" in answer.header("Permissions-Policy")


def test_the_style_hashes_are_those_of_markdowns_cell_alignments() -> None:
    """sanitize keeps one style on table cells, text-align, written as nh3 writes it."""
    from press.content.sanitize import clean

    for align in ("left", "center", "right"):
        html = clean(f'<table><tr><td style="text-align: {align}">x</td></tr></table>')
        value = lxml_html.fromstring(html).xpath("//td/@style")[0]
        digest = base64.b64encode(hashlib.sha256(value.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in CSP, align


def test_both_files_say_the_same_policy() -> None:
    for name in ("nginx.conf", "htaccess"):
        assert CSP in (webservers.ROOT / "deploy" / name).read_text(encoding="utf-8"), name
