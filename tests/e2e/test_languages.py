"""Which languages a built site offers, and its hreflang sets, read over every page.

A language appears in the switcher, in hreflang and in the sitemap only
where it has something to show; every hreflang set is symmetric, names the
page itself, pairs only equivalent pages (a listing's page N with the same
listing's page N), and is the same in the page and in sitemap.xml.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from tests.conftest import build, copy_site
from tests.e2e.html import page, text

DEV = "http://localhost:8000"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
TAJIK_ABOUT = """---
title: Дар бораи марказ
---
Маркази рушди худидоракунии маҳаллӣ ба деҳот ва шаҳрҳо дар шаффоф гардонидани буҷетҳои маҳаллӣ кӯмак мерасонад.
"""


@dataclass(frozen=True)
class Page:
    url: str  # absolute, as hreflang and the sitemap name it
    alternates: frozenset[tuple[str, str]]
    noindex: bool
    empty: bool  # «no materials here yet»
    links: tuple[str, ...]  # every href of <a> and <link> on the site


@functools.cache
def pages_of(output: Path) -> dict[str, Page]:
    found = {}
    for path in sorted(output.rglob("*.html")):
        rel = path.relative_to(output).as_posix()
        if rel.startswith(("pagefind/", "theme/", "media/")):
            continue
        tree = lxml_html.fromstring(path.read_bytes())
        url = f"{DEV}/{rel[: -len('index.html')] if rel.endswith('index.html') else rel}"
        alternates = {(l.get("hreflang"), l.get("href")) for l in tree.xpath("//head/link[@rel='alternate'][@hreflang]")}
        robots = " ".join(tree.xpath("//head/meta[@name='robots']/@content"))
        links = tuple(tree.xpath("//a/@href | //link/@href"))
        found[url] = Page(url, frozenset(alternates), "noindex" in robots, bool(tree.xpath("//p[@class='empty']")), links)
    return found


def sitemap_of(output: Path) -> dict[str, frozenset[tuple[str, str]]]:
    tree = etree.parse(str(output / "sitemap.xml"), etree.XMLParser(resolve_entities=False, no_network=True))
    return {
        url.findtext("sm:loc", namespaces=NS): frozenset(
            (l.get("hreflang"), l.get("href")) for l in url.xpath("xhtml:link", namespaces=NS)
        )
        for url in tree.xpath("//sm:url", namespaces=NS)
    }


def _tajik_page_only(tmp_path_factory: pytest.TempPathFactory, **settings: object) -> Path:
    """The basic site with a Tajik static page and no Tajik item."""
    folder = tmp_path_factory.mktemp("tajik-page")
    site = copy_site("basic", folder / "site")
    (site / "pages/about/index.tg.md").write_text(TAJIK_ABOUT, encoding="utf-8")
    return build(site, folder / "output", **settings)


@pytest.fixture(scope="module")
def tajik_page_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _tajik_page_only(tmp_path_factory)


@pytest.fixture(scope="module")
def tajik_page_listing_all(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same, listing untranslated items in every language (PRESS_LIST_UNTRANSLATED)."""
    return _tajik_page_only(tmp_path_factory, PRESS_LIST_UNTRANSLATED=True)


SITES = ["basic_site", "sample_site", "tajik_page_site", "tajik_page_listing_all"]


@pytest.fixture(params=SITES)
def site(request: pytest.FixtureRequest) -> Path:
    return Path(request.getfixturevalue(request.param))


# --- a language with nothing of its own ---------------------------------------


def test_a_language_without_content_has_no_pages_and_is_named_nowhere(basic_site: Path) -> None:
    """The basic site has no Tajik item, page or project text."""
    assert not (basic_site / "tg").exists()
    for url, found in pages_of(basic_site).items():
        assert all(lang != "tg" for lang, _ in found.alternates), url
        assert not any(re.match(r"(http://localhost:8000)?/tg/", href) for href in found.links), url
    assert not any("/tg/" in loc for loc in sitemap_of(basic_site))
    root = page(basic_site, "/")
    assert [a.get("hreflang") for a in root.xpath("//main//a")] == ["ru", "ky", "en"]
    assert "Тоҷикӣ" not in text(page(basic_site, "/ru/"), "//nav[@class='lang-switcher']")[0]


def test_a_language_with_only_a_page_gets_an_empty_home_that_is_not_indexed(tajik_page_site: Path) -> None:
    switch = {a.get("lang"): a.get("href") for a in page(tajik_page_site, "/ru/about/").xpath("//nav[@class='lang-switcher']//a")}
    assert switch["tg"] == "/tg/about/"
    switch = {a.get("lang"): a.get("href") for a in page(tajik_page_site, "/ru/news/").xpath("//nav[@class='lang-switcher']//a")}
    assert switch["tg"] == "/tg/"  # no news in Tajik: the Tajik home instead
    home = pages_of(tajik_page_site)[f"{DEV}/tg/"]
    assert home.empty and home.noindex and not home.alternates
    tree = page(tajik_page_site, "/tg/")
    nav = text(tree, "//nav[@class='wrap site-nav']//a")
    assert not any(label in nav for label in ("Хабарҳо", "Изҳороти матбуотӣ", "Эълонҳо", "Бойгонӣ"))
    assert text(tree, "//p[@class='empty']") == ["Дар ин ҷо ҳоло мавод нест."]
    assert f"{DEV}/tg/" not in sitemap_of(tajik_page_site) and f"{DEV}/tg/about/" in sitemap_of(tajik_page_site)
    # its 404 page offers the home page, not archives it does not have
    assert page(tajik_page_site, "/tg/404.html").xpath("//main//a/@href") == ["/tg/"]
    assert "/ru/archives/" in page(tajik_page_site, "/ru/404.html").xpath("//main//a/@href")


def test_every_link_of_every_page_goes_to_a_page_that_exists(site: Path) -> None:
    for url, found in pages_of(site).items():
        for href in found.links:
            href = href.split("#")[0].split("?")[0]
            if href.startswith(DEV):
                href = href[len(DEV) :]
            if not href.startswith("/") or href.startswith("//"):
                continue
            target = site / href.lstrip("/")
            assert (target / "index.html" if href.endswith("/") else target).is_file(), f"{url} links {href}"


def test_empty_listings_are_noindex_and_not_in_the_sitemap(site: Path) -> None:
    pages, sitemap = pages_of(site), sitemap_of(site)
    for url, found in pages.items():
        if found.empty:
            assert found.noindex and not found.alternates, url
        if found.noindex:
            assert url not in sitemap, url
    assert all(loc in pages and not pages[loc].noindex for loc in sitemap)


def test_sample_site_has_empty_listings_to_leave_out(sample_site: Path) -> None:
    empty = [url for url, found in pages_of(sample_site).items() if found.empty]
    assert f"{DEV}/tg/regions/chui/" in empty
    assert len(empty) >= 5


# --- hreflang --------------------------------------------------------------------


def _path_in_language(url: str) -> str:
    """``http://…/ky/regions/osh/page/2/`` → ``regions/osh/page/2/``: equivalent pages differ only in the language."""
    return url[len(DEV) + 1 :].split("/", 1)[1]


def test_hreflang_sets_are_symmetric_include_the_page_and_pair_equivalents(site: Path) -> None:
    pages = pages_of(site)
    sets = 0
    for url, found in pages.items():
        if not found.alternates:
            continue
        sets += 1
        languages = dict(found.alternates)
        assert len(languages) == len(found.alternates), f"{url}: a language twice"
        assert url in languages.values(), f"{url} is not in its own set"
        assert len(set(languages) - {"x-default"}) >= 2, url
        assert languages.get("x-default") in (None, languages.get("ru")), url
        for lang, href in found.alternates:
            assert href in pages, f"{url} names {href}, which is not a page"
            assert pages[href].alternates == found.alternates, f"{url} and {href} name different sets"
            assert not pages[href].noindex, f"{url} names {href}, which is noindex"
            assert href.startswith(f"{DEV}/{lang}/") or lang == "x-default", href
            assert _path_in_language(href) == _path_in_language(url), f"{url} pairs {href}"
    assert sets > 0


def test_sitemap_names_the_same_sets_as_the_pages(site: Path) -> None:
    pages, sitemap = pages_of(site), sitemap_of(site)
    assert sitemap
    for loc, alternates in sitemap.items():
        assert alternates == pages[loc].alternates, loc
    for url, found in pages.items():
        if found.alternates:
            assert url in sitemap, url


def test_later_listing_pages_pair_only_with_the_same_page(sample_site: Path) -> None:
    # the year's archive: two pages in Russian, Kyrgyz and English, one in Tajik
    pages = pages_of(sample_site)
    first = dict(pages[f"{DEV}/ru/archives/2026/"].alternates)
    second = dict(pages[f"{DEV}/ru/archives/2026/page/2/"].alternates)
    assert first["tg"] == f"{DEV}/tg/archives/2026/"
    assert "tg" not in second  # the Tajik year has one page
    assert second["ru"] == f"{DEV}/ru/archives/2026/page/2/" and second["en"] == f"{DEV}/en/archives/2026/page/2/"
    # the switcher still leads to the listing in that language
    switch = {a.get("lang"): a.get("href")
              for a in page(sample_site, "/ru/archives/2026/page/2/").xpath("//nav[@class='lang-switcher']//a")}  # fmt: skip
    assert switch["tg"] == "/tg/archives/2026/"


def test_a_page_with_no_translation_names_no_alternates(tajik_page_site: Path) -> None:
    pages = pages_of(tajik_page_site)
    assert not pages[f"{DEV}/ky/news/water-kyzyl-kiya/"].alternates
    assert dict(pages[f"{DEV}/tg/about/"].alternates) == {
        "ru": f"{DEV}/ru/about/", "x-default": f"{DEV}/ru/about/", "en": f"{DEV}/en/about/", "tg": f"{DEV}/tg/about/",
    }  # fmt: skip
