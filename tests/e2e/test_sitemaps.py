"""sitemap.xml, news-sitemap.xml and robots.txt, read the way a crawler reads them."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from lxml import etree
from lxml import html as lxml_html

from press.outputs.sitemaps import MAX_URLS, Url, write_sitemap
from tests.conftest import SITES, build
from tests.e2e.html import all_files, page

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
DEV = "http://localhost:8000"
PUBLIC = "https://press.example.kg/centre"


def parse(path: Path) -> etree._ElementTree:
    return etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))


def file_for(output: Path, url: str, base: str) -> Path:
    assert url.startswith(base + "/"), url
    path = output / url[len(base) + 1 :]
    return path / "index.html" if url.endswith("/") else path


def listed_pages(output: Path) -> set[Path]:
    """What belongs in the sitemap: every built page but 404s, the root redirect,
    search pages and listings with nothing in them (``noindex``)."""
    pages = set()
    for path in all_files(output):
        rel = path.relative_to(output).as_posix()
        if path.suffix == ".html" and path.name != "404.html" and rel != "index.html" and "/search/" not in f"/{rel}":
            if not rel.startswith(("pagefind/", "theme/", "media/")) and not noindex(path):
                pages.add(path)
    return pages


def noindex(path: Path) -> bool:
    robots = lxml_html.fromstring(path.read_bytes()).xpath("//head/meta[@name='robots']/@content")
    return any("noindex" in value for value in robots)


@pytest.fixture(scope="module")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site as published (SITEURL with a path), built on 2 June 2026 at noon."""
    out = tmp_path_factory.mktemp("public") / "output"
    return build(SITES / "basic", out, SITEURL=PUBLIC, PRESS_BUILD_TIME="2026-06-02T12:00:00+06:00")


def test_every_loc_is_a_built_page_and_every_page_is_listed(sample_site: Path) -> None:
    tree = parse(sample_site / "sitemap.xml")
    assert tree.getroot().tag == f"{{{NS['sm']}}}urlset"
    locs = tree.xpath("//sm:url/sm:loc/text()", namespaces=NS)
    assert len(locs) == len(set(locs)) > 100
    files = {file_for(sample_site, loc, DEV) for loc in locs}
    missing = sorted(str(f) for f in files if not f.is_file())
    assert missing == []
    assert files == listed_pages(sample_site)


def test_alternates_use_href_and_keep_the_language_folder(sample_site: Path) -> None:
    tree = parse(sample_site / "sitemap.xml")
    links = tree.xpath("//xhtml:link", namespaces=NS)
    assert links and all(set(link.attrib) == {"rel", "hreflang", "href"} for link in links)
    for link in links:
        assert file_for(sample_site, link.get("href"), DEV).is_file(), link.get("href")
    (url,) = tree.xpath("//sm:url[sm:loc='http://localhost:8000/ky/galleries/shg-fair-osh/']", namespaces=NS)
    alternates = {l.get("hreflang"): l.get("href") for l in url.xpath("xhtml:link", namespaces=NS)}
    assert alternates == {
        "ru": f"{DEV}/ru/galleries/shg-fair-osh/",
        "ky": f"{DEV}/ky/galleries/shg-fair-osh/",
        "en": f"{DEV}/en/galleries/shg-fair-osh/",
        "x-default": f"{DEV}/ru/galleries/shg-fair-osh/",
    }
    assert url.xpath("sm:lastmod/text()", namespaces=NS) == ["2026-08-15T18:20+06:00"]


def test_sitemap_says_what_each_page_says(sample_site: Path) -> None:
    """hreflang in the sitemap is exactly the page's own <link rel=alternate>."""
    tree = parse(sample_site / "sitemap.xml")
    for url in tree.xpath("//sm:url", namespaces=NS):
        loc = url.findtext("sm:loc", namespaces=NS)
        listed = {(l.get("hreflang"), l.get("href")) for l in url.xpath("xhtml:link", namespaces=NS)}
        html = page(sample_site, urlsplit(loc).path)
        declared = {(l.get("hreflang"), urljoin(DEV + "/", l.get("href"))) for l in html.xpath("//link[@rel='alternate'][@hreflang]")}
        languages = {lang for lang, _ in declared if lang != "x-default"}
        assert listed == (declared if len(languages) > 1 else set()), loc


def test_only_kyrgyz_item_has_no_alternates(sample_site: Path) -> None:
    tree = parse(sample_site / "sitemap.xml")
    (url,) = tree.xpath("//sm:url[sm:loc='http://localhost:8000/ky/news/youth-forum-jalal-abad/']", namespaces=NS)
    assert url.xpath("xhtml:link", namespaces=NS) == []


def test_robots_txt_names_the_sitemaps(sample_site: Path) -> None:
    lines = (sample_site / "robots.txt").read_text().splitlines()
    assert "User-agent: *" in lines
    sitemaps = [line.split(": ", 1)[1] for line in lines if line.startswith("Sitemap: ")]
    assert sitemaps == [f"{DEV}/sitemap.xml", f"{DEV}/news-sitemap.xml"]
    assert all(file_for(sample_site, url, DEV).is_file() for url in sitemaps)
    assert "Disallow: /pagefind/" in lines


def test_public_addresses_come_from_siteurl(public_site: Path) -> None:
    tree = parse(public_site / "sitemap.xml")
    locs = tree.xpath("//sm:loc/text()", namespaces=NS)
    assert f"{PUBLIC}/ky/news/forum-osh/" in locs and f"{PUBLIC}/ru/" in locs
    assert all(file_for(public_site, loc, PUBLIC).is_file() for loc in locs)
    assert file_for(public_site, locs[0], PUBLIC) in listed_pages(public_site)
    assert len(locs) == len(listed_pages(public_site))
    robots = (public_site / "robots.txt").read_text()
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in robots and "Disallow: /centre/pagefind/" in robots


def test_news_sitemap_has_the_last_two_days(public_site: Path) -> None:
    tree = parse(public_site / "news-sitemap.xml")
    urls = tree.xpath("//sm:url", namespaces=NS)
    found = {u.findtext("sm:loc", namespaces=NS): u for u in urls}
    assert set(found) == {f"{PUBLIC}/ru/press-releases/budget-hearings/", f"{PUBLIC}/en/press-releases/budget-hearings/"}
    news = found[f"{PUBLIC}/en/press-releases/budget-hearings/"].find("news:news", NS)
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
    assert news.findtext("news:publication/news:name", namespaces=NS)
    assert news.findtext("news:publication_date", namespaces=NS) == "2026-06-01T09:00+06:00"
    assert news.findtext("news:title", namespaces=NS)
    ru = found[f"{PUBLIC}/ru/press-releases/budget-hearings/"].find("news:news", NS)
    assert ru.findtext("news:publication/news:language", namespaces=NS) == "ru"
    assert all(file_for(public_site, loc, PUBLIC).is_file() for loc in found)


def test_news_sitemap_leaves_out_older_items(tmp_path: Path) -> None:
    out = build(SITES / "basic", tmp_path / "output", PRESS_BUILD_TIME="2026-06-03T09:01:00+06:00")
    tree = parse(out / "news-sitemap.xml")
    assert tree.getroot().tag == f"{{{NS['sm']}}}urlset"
    assert tree.xpath("//sm:url", namespaces=NS) == []


def test_preview_build_has_no_sitemaps(tmp_path: Path) -> None:
    out = build(SITES / "basic", tmp_path / "preview", PRESS_PREVIEW=True)
    assert not (out / "sitemap.xml").exists() and not (out / "news-sitemap.xml").exists()
    assert "Disallow: /\n" in (out / "robots.txt").read_text()


def test_large_sites_get_a_sitemap_index(tmp_path: Path) -> None:
    urls = [Url(f"{DEV}/ru/news/item-{n}/") for n in range(5)]
    assert MAX_URLS == 50_000
    assert write_sitemap(tmp_path, urls, DEV, per_file=2) == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]
    index = parse(tmp_path / "sitemap.xml")
    assert index.getroot().tag == f"{{{NS['sm']}}}sitemapindex"
    assert index.xpath("//sm:sitemap/sm:loc/text()", namespaces=NS) == [f"{DEV}/sitemap-{n}.xml" for n in (1, 2, 3)]
    parts = [parse(tmp_path / f"sitemap-{n}.xml").xpath("//sm:loc/text()", namespaces=NS) for n in (1, 2, 3)]
    assert sum(parts, []) == [u.loc for u in urls]
