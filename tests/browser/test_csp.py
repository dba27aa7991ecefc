"""The sample site through nginx with deploy/nginx.conf: Chromium reports no CSP violation.

The Content-Security-Policy of deploy/nginx.conf allows scripts and styles
from the site alone (and WebAssembly for Pagefind), no inline script or
style. Every kind of page is opened as a reader would, the scripts made to
work (the search runs, the lightbox opens, the video's poster is pressed),
and neither the console nor a ``securitypolicyviolation`` event may report
a blocked script, style, image or frame.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import webservers
from tests.browser.conftest import DESKTOP
from tests.conftest import ROOT, build

TABLE = """

| Район | Участники | Доля |
|:------|:---------:|-----:|
| Кара-Суу | 80 | 40 % |
| Ноокат | 120 | 60 % |
"""
TABLE_ITEM = sorted(p.parent.relative_to(ROOT / "content") for p in (ROOT / "content").glob("news/*/index.ru.md"))[0]
TABLE_PAGE = f"/ru/news/{TABLE_ITEM.name[len('2026-01-28-'):]}/"
LISTEN = """document.addEventListener("securitypolicyviolation", e => {
  (window.__csp = window.__csp || []).push(e.violatedDirective + " " + e.blockedURI);
});"""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(webservers.NGINX).exists():
        pytest.skip("nginx is not installed (make test installs it with apt-get: SYSTEM_DEPS)")
    port = webservers.free_port()
    tmp = tmp_path_factory.mktemp("csp")
    content = tmp / "content"
    shutil.copytree(ROOT / "content", content)
    # a table with aligned columns: the one inline style a body may carry
    item = content / TABLE_ITEM / "index.ru.md"
    item.write_text(item.read_text(encoding="utf-8") + TABLE, encoding="utf-8")
    out = tmp / "output"
    build(content, out, PRESS_PUBLIC=True, SITEURL=f"http://127.0.0.1:{port}", PRESS_PRECOMPRESS=True)
    site = webservers.readable_copy(out)
    with webservers.nginx(site, port) as url:
        yield url


@pytest.fixture
def page(browser: Any, served: str) -> Iterator[Any]:
    context = browser.new_context(base_url=served, viewport=DESKTOP)
    context.add_init_script(LISTEN)
    opened = context.new_page()
    opened.console_lines = []
    opened.on("console", lambda message: opened.console_lines.append(f"{message.type}: {message.text}"))
    opened.on("pageerror", lambda error: opened.console_lines.append(f"pageerror: {error}"))
    try:
        yield opened
    finally:
        context.close()


def reported(page: Any) -> list[str]:
    events = page.evaluate("window.__csp || []")
    console = [line for line in page.console_lines if "Content Security Policy" in line or "pageerror" in line]
    return list(events) + console


def test_pages_keep_the_policy(page: Any) -> None:
    for path in ("/ru/", "/ky/", "/en/news/", "/ru/subscribe/", "/ru/no-such-page/"):
        answer = page.goto(path)
        assert answer is not None and "script-src 'self'" in answer.headers["content-security-policy"]
        page.wait_for_load_state("load")
        assert reported(page) == [], path


def test_the_gallery_and_the_video_keep_the_policy(page: Any) -> None:
    page.goto("/ru/galleries/shg-fair-osh/#photo-2")  # the lightbox opens at the photo of the address
    page.wait_for_selector("dialog.lightbox[open]")
    page.click("dialog.lightbox .lightbox-next")
    assert reported(page) == [], page.url
    page.goto("/ru/video/how-budget-hearings-work/")
    page.click("figure.video .video-poster")
    frame = page.wait_for_selector("figure.video iframe", state="attached")
    # the player's own address is allowed (frame-src); the network here reaches no video host
    assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/")
    assert [line for line in reported(page) if "frame-src" in line or "youtube" in line] == [], page.url
    assert reported(page) == [], page.url


def test_aligned_table_cells_keep_the_policy_and_their_alignment(page: Any, served: str) -> None:
    page.goto(TABLE_PAGE)
    assert page.locator("td[style]").count() == 6, page.url
    aligned = page.eval_on_selector_all("tr:first-child td", "cells => cells.map(c => getComputedStyle(c).textAlign)")
    assert aligned[-3:] == ["left", "center", "right"]
    assert reported(page) == [], page.url


def test_the_search_keeps_the_policy(page: Any) -> None:
    page.goto("/ru/search/")
    page.fill("#search-query", "бюджет")
    page.press("#search-query", "Enter")
    page.wait_for_selector("#search-results[aria-busy=false]", state="attached", timeout=15_000)
    assert page.locator("#search-results > li").count() > 0
    assert reported(page) == []


def test_an_inline_style_would_be_reported(page: Any) -> None:
    """The watch above sees a violation when there is one: the policy is in force."""
    page.goto("/ru/")
    page.evaluate("""document.body.insertAdjacentHTML("beforeend", '<p style="color: red">inline</p>')""")
    page.wait_for_function("(window.__csp || []).length > 0")
    assert any(line.startswith("style-src") for line in reported(page))
