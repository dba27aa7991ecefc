"""The shipped sample site: complete, leak-free, and every internal link works."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import html as lxml_html

from tests.e2e.html import all_files, page, text

HELD = ["ЧЕРНОВИК-ТЕСТ", "ЭМБАРГО-ТЕСТ", "EMBARGO-TEST", "draft-water-tariffs", "budget-results-embargoed"]


def item_pages(output: Path, lang: str) -> list[Path]:
    sections = ["news", "press-releases", "announcements", "speeches", "galleries", "video", "podcasts"]
    return [p for s in sections for p in (output / lang / s).glob("*/index.html")]


def test_sample_site_has_items_in_three_languages(sample_site: Path) -> None:
    counts = {lang: len(item_pages(sample_site, lang)) for lang in ("ru", "ky", "en")}
    assert counts["ru"] >= 12, counts
    assert counts["ky"] >= 8 and counts["en"] >= 8, counts
    for lang in ("ru", "ky", "en"):
        assert page(sample_site, f"/{lang}/").get("lang") == lang


def test_one_item_exists_only_in_kyrgyz(sample_site: Path) -> None:
    ky = {p.parent.relative_to(sample_site / "ky") for p in item_pages(sample_site, "ky")}
    others = set()
    for lang in ("ru", "tg", "en"):
        others |= {p.parent.relative_to(sample_site / lang) for p in item_pages(sample_site, lang)}
    assert ky - others, "the sample site should have an item written only in Kyrgyz"


def test_draft_and_embargoed_release_leave_no_trace(sample_site: Path) -> None:
    for path in all_files(sample_site):
        for marker in HELD:
            assert marker not in str(path)
            assert marker.encode() not in path.read_bytes(), f"{marker} leaked into {path}"


def test_every_internal_link_resolves(sample_site: Path) -> None:
    broken = []
    for path in all_files(sample_site):
        if path.suffix != ".html":
            continue
        tree = lxml_html.fromstring(path.read_bytes())
        for url in tree.xpath("//@href | //@src"):
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = sample_site / unquote(parts.path).lstrip("/")
            if parts.path.endswith("/"):
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{path.relative_to(sample_site)} -> {url}")
    assert broken == []


def test_home_is_a_front_page_with_localized_blocks(sample_site: Path) -> None:
    tree = page(sample_site, "/ky/")
    assert text(tree, "//h1") == ["ЖӨБӨБ пресс-борбору"]
    [lead] = tree.xpath("//article[contains(@class, 'lead-item')]")
    assert lead.xpath(".//h2/a/@href") == ["/ky/galleries/shg-fair-osh/"]  # featured: true
    assert lead.xpath(".//img[@class='lead-cover']/@loading") == []
    blocks = tree.xpath("//section[contains(@class, 'front-block')]")
    news = next(b for b in blocks if b.xpath(".//h2[.='Жаңылыктар']"))
    assert news.xpath(".//a[@class='all-link']/@href") == ["/ky/news/"]
    assert text(news, ".//a[@class='all-link']") == ["Бардык жаңылыктар"]
    assert len(news.xpath(".//article[@class='card']")) == 3
    assert tree.xpath("//section[contains(@class, 'front-projects')]//a[@class='all-link']/@href") == ["/ky/projects/"]
    assert not tree.xpath("//nav[@class='pagination']")
    assert not (sample_site / "ky/page/2/index.html").exists()

