"""Search as a reader uses it, in Chromium against the built sample site's Pagefind index."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.pages import search, status

pytestmark = [pytest.mark.browser, pytest.mark.slow]

GALLERY = "galleries/shg-fair-osh/"
WATER = "news/sughd-water-committees/"


def urls(results: list[dict[str, str]]) -> list[str]:
    return [r["url"] for r in results]


def test_russian_query_finds_the_russian_item(browser_page: Any) -> None:
    results = search(browser_page, "ru", "ярмарка")
    assert f"/ru/{GALLERY}" in urls(results)
    assert all(u.startswith("/ru/") for u in urls(results))
    hit = next(r for r in results if r["url"] == f"/ru/{GALLERY}")
    assert hit["title"] == "Ярмарка групп самопомощи в Оше: фоторепортаж"
    assert "Фотогалерея" in hit["meta"] and "15 августа 2026" in hit["meta"]
    assert "<mark>ярмарка</mark>" in hit["excerpt"].lower()
    assert status(browser_page) == f"Найдено: {len(results)}"


def test_kyrgyz_query_finds_the_kyrgyz_item(browser_page: Any) -> None:
    results = search(browser_page, "ky", "жаңгактар")
    assert urls(results) == [f"/ky/{GALLERY}"]
    assert "<mark>жаңгактар,</mark>" in results[0]["excerpt"]
    assert status(browser_page) == "Табылды: 1"


def test_kyrgyz_word_typed_with_russian_letters(browser_page: Any) -> None:
    # «жангактар» for «жаңгактар»: the query is folded, the index holds folded copies,
    # and the excerpt shows the word as written, once.
    results = search(browser_page, "ky", "жангактар")
    assert urls(results) == [f"/ky/{GALLERY}"]
    excerpt = results[0]["excerpt"]
    assert "<mark>жаңгактар,</mark>" in excerpt
    assert "жангактар" not in excerpt
    assert excerpt.count("жемиштер") == 1


def test_tajik_words_typed_with_russian_letters(browser_page: Any) -> None:
    results = search(browser_page, "tg", "Хучанд нушоки")  # Хуҷанд, нӯшокӣ
    assert urls(results) == [f"/tg/{WATER}"]
    assert results[0]["title"] == "Кумитаҳои деҳотии оби Суғд: як сол пас аз анҷоми лоиҳа"
    assert "<mark>Хуҷанд</mark>" in results[0]["excerpt"]


def test_results_are_limited_to_the_page_language(browser_page: Any) -> None:
    assert search(browser_page, "ky", "ярмарка") == []
    assert status(browser_page) == "«ярмарка» боюнча эч нерсе табылган жок. Башка сөз менен издеп көрүңүз же чыпкаларды азайтыңыз."
    results = search(browser_page, "en", "fair")
    assert results and all(u.startswith("/en/") for u in urls(results))


def test_filters_by_section_project_and_region(browser_page: Any) -> None:
    everything = urls(search(browser_page, "ru", "бюджет"))
    assert len(everything) > 3
    news = urls(search(browser_page, "ru", "бюджет", section="news"))
    assert news and set(news) < set(everything)
    assert all(u.startswith("/ru/news/") for u in news)
    in_naryn = urls(search(browser_page, "ru", "бюджет", region="naryn"))
    assert "/ru/news/budget-hearings-naryn/" in in_naryn and set(in_naryn) < set(everything)
    water = urls(search(browser_page, "ru", "вода", project="clean-water"))
    assert "/ru/news/sughd-water-committees/" in water
    assert browser_page.input_value("#search-section") == ""
    assert "project=clean-water" in browser_page.url and "q=" in browser_page.url


def test_held_items_are_not_found(browser_page: Any) -> None:
    # The draft and the embargoed release of the sample site are not built, so not indexed.
    assert search(browser_page, "ru", "черновик") == []
    assert search(browser_page, "ru", "эмбарго") == []
    assert search(browser_page, "en", "embargo") == []


def test_more_results_on_request(browser_page: Any) -> None:
    results = search(browser_page, "ru", "бюджет")
    total = int(status(browser_page).rsplit(" ", 1)[-1])
    if total <= 10:
        pytest.skip("the sample site has too few matches to page")
    assert len(results) == 10
    browser_page.click("#search-more")
    browser_page.wait_for_function(f"document.querySelectorAll('#search-results > li').length === {total}")
    assert browser_page.is_hidden("#search-more")
    assert browser_page.evaluate("document.activeElement.closest('li') === document.querySelectorAll('#search-results > li')[10]")


def test_a_linked_search_runs_on_load(browser_page: Any) -> None:
    browser_page.goto("/ky/search/?q=жангактар")
    browser_page.wait_for_selector("#search-results[aria-busy=false]", state="attached")
    assert browser_page.input_value("#search-query") == "жангактар"
    assert browser_page.eval_on_selector_all("#search-results h2 a", "a => a.length") == 1
    assert browser_page.errors == []
