"""What a reader's browser does with the sample site: languages, layouts, requests."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.pages import KEY_PAGES, key_page, search

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def switch_to(page: Any, lang: str) -> None:
    with page.expect_navigation():
        page.click(f"nav.lang-switcher a[hreflang={lang}]")


def test_switcher_goes_to_the_translation(browser_page: Any) -> None:
    browser_page.goto("/ru/press-releases/local-budgets-second-phase/")
    switch_to(browser_page, "ky")
    assert urlsplit(browser_page.url).path == "/ky/press-releases/local-budgets-second-phase/"
    assert browser_page.get_attribute("html", "lang") == "ky"
    switch_to(browser_page, "en")
    assert urlsplit(browser_page.url).path == "/en/press-releases/local-budgets-second-phase/"
    assert browser_page.get_attribute("html", "lang") == "en"


def test_switcher_keeps_the_reader_on_the_search_page(browser_page: Any) -> None:
    browser_page.goto("/ru/search/")
    switch_to(browser_page, "ky")
    assert urlsplit(browser_page.url).path == "/ky/search/"
    assert browser_page.inner_text("h1") == "Издөө"


def test_header_links_to_the_search_page(browser_page: Any) -> None:
    browser_page.goto("/ky/")
    with browser_page.expect_navigation():
        browser_page.click("nav.site-nav >> text=Издөө")
    assert urlsplit(browser_page.url).path == "/ky/search/"


@pytest.mark.parametrize("width", [PHONE, DESKTOP], ids=["phone-390", "desktop-1280"])
def test_screenshots_of_key_pages(browser: Any, site_url: str, artifacts: Path, width: dict[str, int]) -> None:
    """Saved under tests/artifacts/ for a person to look at; nothing is wider than the screen."""
    context = browser.new_context(base_url=site_url, viewport=width, color_scheme="light")
    page = context.new_page()
    try:
        for lang in ("ru", "ky"):
            for name in KEY_PAGES:
                if name == "search":
                    search(page, lang, "бюджет")
                else:
                    page.goto(key_page(name, lang))
                # a full-page shot shows the photos below the fold too
                page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(img => img.loading = 'eager')")
                page.wait_for_load_state("networkidle")
                shot = artifacts / f"{lang}-{name}-{width['width']}.png"
                page.screenshot(path=str(shot), full_page=True)
                assert shot.stat().st_size > 5_000
                overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                assert overflow <= 0, f"{lang} {name} is {overflow}px wider than a {width['width']}px screen"
    finally:
        context.close()


def test_no_request_leaves_the_site(browser_page: Any) -> None:
    """No fonts, scripts, analytics or players from other hosts: only 127.0.0.1."""
    for path in [
        "/ru/",
        "/ru/news/",
        "/ru/galleries/shg-fair-osh/",
        "/ru/video/how-budget-hearings-work/",
        "/ky/press-releases/local-budgets-second-phase/",
        "/ru/podcasts/",
    ]:
        browser_page.goto(path)
        browser_page.wait_for_load_state("networkidle")
    search(browser_page, "ky", "жангактар")
    browser_page.wait_for_load_state("networkidle")
    hosts = {urlsplit(url).hostname for url in browser_page.requests if not url.startswith("data:")}
    assert hosts == {"127.0.0.1"}
    assert any("/pagefind/" in url for url in browser_page.requests)
    assert browser_page.errors == []
