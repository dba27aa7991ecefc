"""The search pages and the Pagefind index of a built site (the browser tests run them)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from press.outputs.search_copies import fold_table
from tests.conftest import SITES, build
from tests.e2e.html import all_files, page, text

LANGS = ["ru", "ky", "tg", "en"]


def indexed_pages(output: Path) -> dict[str, int]:
    """Built pages per language that carry a body for the index."""
    counts: dict[str, int] = {}
    for path in all_files(output):
        if path.suffix == ".html" and b"data-pagefind-body" in path.read_bytes():
            lang = path.relative_to(output).parts[0]
            counts[lang] = counts.get(lang, 0) + 1
    return counts


def test_index_has_every_item_and_page_per_language(sample_site: Path) -> None:
    entry = json.loads((sample_site / "pagefind" / "pagefind-entry.json").read_text())
    counts = {lang: data["page_count"] for lang, data in entry["languages"].items()}
    assert counts == indexed_pages(sample_site)
    assert set(counts) == set(LANGS)
    assert (sample_site / "pagefind" / "pagefind.js").is_file()
    assert not (sample_site / "pagefind" / "pagefind-ui.js").exists()


def test_only_item_and_page_bodies_are_marked_for_the_index(sample_site: Path) -> None:
    item = page(sample_site, "/ky/news/youth-forum-jalal-abad/")
    (body,) = item.xpath("//*[@data-pagefind-body]")
    assert body.tag == "article" and "item" in body.get("class")
    assert body.get("data-pagefind-filter") == "section:news"
    assert body.get("data-pagefind-meta") == "date:2026-ж., 5-октябрь"
    assert item.xpath("//@data-pagefind-filter") == ["section:news", "project:local-budgets", "region:jalal-abad"]
    assert item.xpath("//meta[@property='og:title']/@data-pagefind-meta") == ["title[content]"]
    release = page(sample_site, "/ru/press-releases/local-budgets-second-phase/")
    assert release.xpath("//section[@class='about']/@data-pagefind-ignore") == [""]
    about = page(sample_site, "/en/about/")
    assert about.xpath("//article/@data-pagefind-meta") == [f"title:{text(about, '//h1')[0]}"]
    for listing in ["/ru/", "/ru/news/", "/ky/tags/", "/en/archives/", "/ru/search/"]:
        assert page(sample_site, listing).xpath("//*[@data-pagefind-body]") == [], listing


def test_published_pages_have_no_folded_copies(sample_site: Path) -> None:
    gallery = (sample_site / "ky/galleries/shg-fair-osh/index.html").read_text(encoding="utf-8")
    assert "жаңгактар" in gallery and "жангактар" not in gallery


@pytest.mark.parametrize(
    ("lang", "title", "label", "nav"),
    [
        ("ru", "Поиск", "Слова для поиска", "Поиск"),
        ("ky", "Издөө", "Издөө үчүн сөздөр", "Издөө"),
        ("tg", "Ҷустуҷӯ", "Калимаҳо барои ҷустуҷӯ", "Ҷустуҷӯ"),
        ("en", "Search", "Words to find", "Search"),
    ],
)
def test_search_page_per_language(sample_site: Path, lang: str, title: str, label: str, nav: str) -> None:
    tree = page(sample_site, f"/{lang}/search/")
    assert tree.get("lang") == lang
    assert text(tree, "//h1") == [title]
    assert text(tree, "//label[@for='search-query']") == [label]
    assert tree.xpath("//meta[@name='robots']/@content") == ["noindex, follow"]
    form = tree.xpath("//form[@role='search']")[0]
    assert form.get("data-bundle") == "/pagefind/" and form.get("data-fold") == fold_table()
    assert "{count}" in form.get("data-found") and "{query}" in form.get("data-nothing")
    assert [s for s in tree.xpath("//script/@src") if re.fullmatch(r"/theme/js/search\.[0-9a-f]{8}\.js", s)]
    home = page(sample_site, f"/{lang}/")
    assert home.xpath(f"//nav[contains(@class, 'site-nav')]//a[.='{nav}']/@href") == [f"/{lang}/search/"]
    switch = tree.xpath("//nav[@class='lang-switcher']//a/@href")
    assert switch == [f"/{other}/search/" for other in LANGS if other != lang]


def test_filter_menus_offer_what_the_language_has(sample_site: Path) -> None:
    tree = page(sample_site, "/ky/search/")
    sections = tree.xpath("//select[@name='section']/option/@value")
    nav = [h.split("/")[2] for h in page(sample_site, "/ky/").xpath("//nav[contains(@class, 'site-nav')]//a/@href")]
    assert sections == ["", *[s for s in nav if s not in ("projects", "regions", "archives", "search")]]
    assert text(tree, "//select[@name='section']/option")[0] == "Бардык бөлүмдөр"
    projects = tree.xpath("//select[@name='project']/option/@value")
    assert set(projects) == {"", "local-budgets", "women-shg", "clean-water"}
    regions = tree.xpath("//select[@name='region']/option/@value")
    assert "osh" in regions and "jalal-abad" in regions
    tg = page(sample_site, "/tg/search/")
    assert tg.xpath("//select[@name='section']/option/@value") == ["", "news", "press-releases"]


def test_a_language_without_pages_has_no_search(basic_site: Path) -> None:
    # the fixture site has nothing in Tajik: no index to answer from, no search page
    entry = json.loads((basic_site / "pagefind" / "pagefind-entry.json").read_text())
    assert set(entry["languages"]) == {"ru", "ky", "en"}
    assert not (basic_site / "tg").exists()
    assert page(basic_site, "/ru/search/").xpath("//nav[@class='lang-switcher']//a[@hreflang='tg']") == []


def test_preview_build_has_no_index_and_no_search_page(tmp_path: Path) -> None:
    out = build(SITES / "basic", tmp_path / "preview", PRESS_PREVIEW=True)
    assert not (out / "pagefind").exists()
    assert not (out / "ru" / "search").exists()
    assert page(out, "/ru/").xpath("//a[contains(@href, '/search/')]") == []
