"""The share row's «copy link» in Chromium (the one part of the row with a script), and dates on a phone."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.pages import key_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.mark.parametrize(("lang", "done"), [("ru", "Ссылка скопирована"), ("ky", "Дарек көчүрүлдү")])
def test_copy_link_puts_the_page_address_on_the_clipboard(browser_page: Any, site_url: str, lang: str, done: str) -> None:
    browser_page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    browser_page.goto(key_page("press-release", lang))
    button = browser_page.locator(".share-copy")
    assert button.is_visible()  # share.js shows it; without a script it stays hidden
    address = button.get_attribute("data-url")
    assert address.endswith(f"/{lang}/press-releases/local-budgets-second-phase/")
    button.click()
    status = browser_page.locator(".share-status")
    status.filter(has_text=done).wait_for(timeout=5_000)
    assert browser_page.evaluate("navigator.clipboard.readText()") == address
    assert browser_page.errors == []


def test_without_a_script_the_share_row_is_links_only(browser: Any, site_url: str) -> None:
    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(key_page("press-release", "en"))
        assert not page.locator(".share-copy").is_visible()
        assert page.locator(".share a").all_inner_texts() == ["Telegram", "WhatsApp", "Facebook", "X", "VK", "E-mail"]
    finally:
        context.close()


@pytest.mark.parametrize("url", ["/ky/", "/ky/news/", "/tg/", "/ru/announcements/open-budgets-forum-2027/"])
def test_no_date_breaks_inside_itself_on_a_phone(browser: Any, site_url: str, url: str) -> None:
    from tests.browser.conftest import PHONE

    context = browser.new_context(base_url=site_url, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(url)
        lines = page.eval_on_selector_all(
            "main time", "times => times.map(t => [t.textContent, new Set([...t.getClientRects()].map(r => r.top)).size])"
        )
        assert lines, url
        assert [text for text, count in lines if count != 1] == []
    finally:
        context.close()
