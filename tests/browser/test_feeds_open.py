"""Chromium's own XML parser reads every kind of feed without an error.

Servers differ in the content type they give ``.atom``/``.rss`` files (a
plain static server makes Chromium download them), so the test fetches each
feed from a page of the site and parses it with the browser's DOMParser:
a malformed feed yields a ``<parsererror>`` document, as the XML viewer
would show.
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

FEEDS = ["/ru/feed.atom", "/ky/feed.rss", "/en/news/feed.atom", "/ru/podcasts/feed.rss", "/ky/feeds.opml"]
PARSE = """async (url) => {
  const response = await fetch(url);
  const doc = new DOMParser().parseFromString(await response.text(), "application/xml");
  return [response.status, doc.getElementsByTagName("parsererror").length, doc.documentElement.localName];
}"""


@pytest.mark.parametrize("url", FEEDS)
def test_feed_parses_in_chromium(browser_page: Any, url: str) -> None:
    browser_page.goto("/ru/")
    status, errors, root = browser_page.evaluate(PARSE, url)
    assert status == 200
    assert errors == 0
    assert root in ("feed", "rss", "opml")


def test_a_broken_feed_would_be_caught(browser_page: Any) -> None:
    browser_page.goto("/ru/")
    errors = browser_page.evaluate(
        """() => new DOMParser().parseFromString("<feed><entry></feed>", "application/xml")
                 .getElementsByTagName("parsererror").length"""
    )
    assert errors == 1
