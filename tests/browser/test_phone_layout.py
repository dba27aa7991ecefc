"""Phones first: at 390 px no page scrolls sideways, the header stays small and
its menu opens without script; the subscribe page's copy buttons copy."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.pages import violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: One page of every template of the sample site (an item of each section).
TEMPLATES = {
    "home": "/{lang}/",
    "listing": "/{lang}/news/",
    "news": "/{lang}/news/citizens-budget-guide/",
    "press-release": "/{lang}/press-releases/local-budgets-second-phase/",
    "announcement": "/{lang}/announcements/open-budgets-forum-2027/",
    "speech": "/{lang}/speeches/report-parliament-hearing/",
    "photo-report": "/{lang}/galleries/shg-fair-osh/",
    "video": "/{lang}/video/how-budget-hearings-work/",
    "podcast": "/{lang}/podcasts/episode-3-women-leaders/",
    "project": "/{lang}/projects/local-budgets/",
    "projects": "/{lang}/projects/",
    "region": "/{lang}/regions/osh/",
    "regions": "/{lang}/regions/",
    "archives": "/{lang}/archives/",
    "month": "/{lang}/archives/2026/11/",
    "tags": "/{lang}/tags/",
    "page": "/{lang}/about/",
    "subscribe": "/{lang}/subscribe/",
    "search": "/{lang}/search/",
    "404": "/{lang}/404.html",
}
HEADER_MAX = 120
#: Items the sample site has not translated: their page is measured in the other languages.
UNTRANSLATED = {"ky": {"speech", "video"}, "en": {"news", "podcast"}}


@pytest.fixture
def phone(browser: Any, site_url: str) -> Any:
    context = browser.new_context(base_url=site_url, viewport=PHONE, color_scheme="light")
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["ru", "ky", "en"])
def test_no_page_scrolls_sideways_and_the_header_is_small(phone: Any, lang: str) -> None:
    wide, tall = {}, {}
    for name, pattern in TEMPLATES.items():
        if name in UNTRANSLATED.get(lang, ()):
            continue
        response = phone.goto(pattern.format(lang=lang))
        assert response is not None and response.ok, name
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[name] = width
        header = phone.evaluate("document.querySelector('header.site-header').getBoundingClientRect().height")
        if header > HEADER_MAX:
            tall[name] = header
    assert wide == {}, f"wider than {PHONE['width']} px"
    assert tall == {}, f"headers taller than {HEADER_MAX} px"


def test_no_page_scrolls_sideways_with_the_menu_open(phone: Any) -> None:
    phone.goto("/ky/")
    phone.click("details.site-menu > summary")
    assert phone.is_visible("nav.menu-nav >> text=Жаңылыктар")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert violations(phone) == []


def test_the_menu_opens_without_script(browser: Any, site_url: str) -> None:
    context = browser.new_context(base_url=site_url, viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/ru/press-releases/local-budgets-second-phase/")
        assert not page.is_visible("nav.site-nav")
        assert not page.is_visible("nav.menu-nav")
        assert page.is_visible("nav.lang-switcher")
        page.click("details.site-menu > summary")
        with page.expect_navigation():
            page.click("nav.menu-nav >> text=Фотогалерея")
        assert page.url.endswith("/ru/galleries/")
    finally:
        context.close()


def test_on_a_wide_screen_the_sections_show_without_a_menu(browser_page: Any) -> None:
    browser_page.goto("/ru/")
    assert browser_page.is_visible("nav.site-nav >> text=Новости")
    assert not browser_page.is_visible("details.site-menu")
    assert browser_page.viewport_size == DESKTOP


def test_copy_button_copies_the_feed_address(browser: Any, site_url: str) -> None:
    context = browser.new_context(base_url=site_url, viewport=PHONE, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        page.goto("/ru/subscribe/")
        button = page.locator("li.feed button.copy-button").first
        assert button.is_visible()
        address = button.get_attribute("data-copy")
        assert address.endswith("/ru/feed.atom")
        button.click()
        page.wait_for_function("document.getElementById('copy-status').textContent !== ''")
        assert page.evaluate("navigator.clipboard.readText()") == address
        assert button.inner_text() == "Скопировано"
    finally:
        context.close()


def test_without_script_the_copy_buttons_stay_hidden_and_the_addresses_show(browser: Any, site_url: str) -> None:
    context = browser.new_context(base_url=site_url, viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/ru/subscribe/")
        assert page.locator("button.copy-button:visible").count() == 0
        assert page.is_visible("li.feed code >> nth=0")
        assert page.locator("a.feed-button[href$='/ru/news/feed.rss']").is_visible()
    finally:
        context.close()
