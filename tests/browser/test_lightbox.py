"""The gallery lightbox (theme/js/gallery.js) in Chromium, on the sample site's photo story.

Keyboard first: Tab to a thumbnail, Enter opens the dialog, the arrows move,
Esc closes and focus comes back; the counter is announced in the page's
language; every photo has an address; swipes move too; without JavaScript a
thumbnail is a plain link to the larger image.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.browser

GALLERY = "/{lang}/galleries/shg-fair-osh/"
DIALOG = "document.querySelector('dialog.lightbox')"
THUMB = "document.querySelectorAll('section.gallery a')[{n}]"


def is_open(page: Any) -> bool:
    return page.evaluate(f"{DIALOG}?.open === true")


def counter(page: Any) -> str:
    return page.locator("dialog.lightbox .lightbox-counter").text_content()


def focus_in_dialog(page: Any) -> bool:
    return page.evaluate(f"{DIALOG}.contains(document.activeElement)")


def shown(page: Any, expected: str = "") -> str:
    """The photo the dialog shows; with ``expected``, wait until it is that one
    (the browser switches currentSrc only once the new image is chosen)."""
    condition = f"{DIALOG}.querySelector('img').currentSrc.includes({expected!r})" if expected else (
        f"{DIALOG}.querySelector('img').currentSrc !== ''")  # fmt: skip
    page.wait_for_function(condition, timeout=10_000)
    return page.evaluate(f"{DIALOG}.querySelector('img').currentSrc")


def test_lightbox_works_with_the_keyboard(browser_page: Any) -> None:
    page = browser_page
    page.goto(GALLERY.format(lang="ru"))
    for _ in range(150):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement === {THUMB.format(n=0)}"):
            break
    else:
        pytest.fail("Tab never reached the first thumbnail")
    page.keyboard.press("Enter")
    assert is_open(page)
    assert counter(page) == "Фото 1 из 5"
    assert page.get_attribute("dialog.lightbox .lightbox-counter", "aria-live") == "polite"
    assert page.evaluate("location.hash") == "#photo-1"
    assert "/fair-01-" in shown(page, "/fair-01-")
    assert focus_in_dialog(page)

    page.keyboard.press("ArrowRight")
    assert counter(page) == "Фото 2 из 5"
    assert page.evaluate("location.hash") == "#photo-2"
    assert "/fair-02-" in shown(page, "/fair-02-")
    assert page.locator("dialog.lightbox figcaption").text_content().startswith("Группа «Ынтымак»")

    for _ in range(6):  # focus stays in the dialog
        page.keyboard.press("Tab")
        assert focus_in_dialog(page)
    page.keyboard.press("Shift+Tab")
    assert focus_in_dialog(page)
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert counter(page) == "Фото 5 из 5"  # wraps around

    page.keyboard.press("Escape")
    page.wait_for_function(f"!{DIALOG}.open")
    # the dialog's close event comes as a task of its own: wait for focus to
    # move and for the photo to leave the address (Chromium may give focus
    # back to the thumbnail that opened the dialog before that task runs)
    page.wait_for_function(f"document.activeElement === {THUMB.format(n=0)}", timeout=5_000)
    page.wait_for_function("location.hash === ''", timeout=5_000)
    assert page.evaluate("location.hash") == ""
    assert page.errors == []


def test_photo_address_opens_it_directly(browser_page: Any) -> None:
    page = browser_page
    page.goto(GALLERY.format(lang="en") + "#photo-3")
    page.wait_for_function(f"{DIALOG}?.open === true")
    assert counter(page) == "Photo 3 of 5"
    assert "/fair-03-" in shown(page, "/fair-03-")
    assert page.locator("dialog.lightbox figcaption").text_content().startswith("The round table")
    assert page.get_attribute("dialog.lightbox .lightbox-next", "aria-label") == "Next photo"
    assert page.get_attribute("dialog.lightbox .lightbox-close", "aria-label") == "Close"
    page.click("dialog.lightbox .lightbox-next")
    assert counter(page) == "Photo 4 of 5"
    page.click("dialog.lightbox .lightbox-close")
    assert not is_open(page)
    page.wait_for_function(f"document.activeElement === {THUMB.format(n=3)}", timeout=5_000)  # the photo last shown
    assert page.evaluate("location.hash") == ""
    assert page.errors == []


def test_counter_in_kyrgyz(browser_page: Any) -> None:
    page = browser_page
    page.goto(GALLERY.format(lang="ky") + "#photo-2")
    page.wait_for_function(f"{DIALOG}?.open === true")
    assert counter(page) == "Сүрөт 2 / 5"
    assert page.get_attribute("dialog.lightbox .lightbox-previous", "aria-label") == "Мурунку сүрөт"


def test_swipe_goes_to_the_next_and_previous_photo(browser_page: Any) -> None:
    page = browser_page
    page.goto(GALLERY.format(lang="ru") + "#photo-1")
    page.wait_for_function(f"{DIALOG}?.open === true")
    shown(page)
    box = page.locator("dialog.lightbox img").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    for dx, expected in [(-150, "Фото 2 из 5"), (150, "Фото 1 из 5")]:
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x + dx, y + 10, steps=5)
        page.mouse.up()
        assert counter(page) == expected
    assert is_open(page)


@pytest.mark.slow
def test_open_lightbox_has_no_accessibility_violations(browser_page: Any) -> None:
    page = browser_page
    page.goto(GALLERY.format(lang="ky") + "#photo-1")
    page.wait_for_function(f"{DIALOG}?.open === true")
    assert violations(page) == []


def test_without_javascript_a_thumbnail_opens_the_large_image(browser: Any, site_url: str) -> None:
    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(GALLERY.format(lang="ru"))
        page.click("section.gallery li:nth-child(2) a")
        page.wait_for_url(f"{site_url}/media/galleries/2026-08-15-shg-fair-osh/fair-02-1600.jpg")
    finally:
        context.close()
