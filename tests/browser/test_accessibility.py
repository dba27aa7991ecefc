"""WCAG 2.2 AA by axe-core (npm, pinned in package.json) on the key pages, in Chromium.

Every key page in Russian, Kyrgyz and English, the search page also with its
results on screen, and a few pages in the dark colour scheme: zero violations.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.pages import KEY_PAGES, LANGS, key_page, search, violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]

QUERIES = {"ru": "бюджет", "ky": "бюджет", "en": "budget"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(KEY_PAGES))
def test_key_page_has_no_violations(browser_page: Any, name: str, lang: str) -> None:
    response = browser_page.goto(key_page(name, lang))
    assert response is not None and response.ok
    assert violations(browser_page) == []


@pytest.mark.parametrize("lang", LANGS)
def test_search_results_have_no_violations(browser_page: Any, lang: str) -> None:
    assert search(browser_page, lang, QUERIES[lang])
    assert violations(browser_page) == []


@pytest.mark.parametrize("name", ["home", "press-release", "gallery"])
def test_dark_scheme_has_no_violations(browser_page: Any, name: str) -> None:
    browser_page.emulate_media(color_scheme="dark")
    browser_page.goto(key_page(name, "ky"))
    assert violations(browser_page) == []


def test_dark_scheme_search_results_have_no_violations(browser_page: Any) -> None:
    browser_page.emulate_media(color_scheme="dark")
    assert search(browser_page, "ru", "бюджет")
    assert violations(browser_page) == []


def test_axe_does_report_violations(browser_page: Any) -> None:
    """The check can fail: a photo without alt text and grey-on-grey text are found."""
    browser_page.goto(key_page("home", "ru"))
    browser_page.evaluate(
        """document.querySelector("main").insertAdjacentHTML("beforeend",
            '<img src="/theme/img/podcast.png"><p style="color:#999;background:#aaa">Низкий контраст</p>')"""
    )
    found = " ".join(violations(browser_page))
    assert "image-alt" in found and "color-contrast" in found
