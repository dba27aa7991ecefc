"""The small fixture site, built once: what readers get in each language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from tests.conftest import ROOT, SITES, build, read_conf
from tests.e2e.html import all_files, page, text


def test_each_language_gets_its_own_item_page(basic_site: Path) -> None:
    for lang, title in [
        ("ru", "Форум МСУ в Оше собрал 200 участников"),
        ("ky", "Оштогу ЖӨБ форумуна 200 катышуучу келди"),
        ("en", "Local government forum in Osh gathers 200 participants"),
    ]:
        tree = page(basic_site, f"/{lang}/news/forum-osh/")
        assert tree.get("lang") == lang
        assert text(tree, "//h1") == [title]
    assert not (basic_site / "tg" / "news").exists()


def test_switcher_and_hreflang_link_real_translations(basic_site: Path) -> None:
    tree = page(basic_site, "/ky/news/forum-osh/")
    switch = {a.get("lang"): a.get("href") for a in tree.xpath("//nav[@class='lang-switcher']//a")}
    assert switch == {"ru": "/ru/news/forum-osh/", "en": "/en/news/forum-osh/"}  # nothing in Tajik: no «Тоҷикӣ»
    current = tree.xpath("//nav[@class='lang-switcher']//*[@aria-current]")
    assert [c.get("lang") for c in current] == ["ky"]
    alternates = {link.get("hreflang"): link.get("href") for link in tree.xpath("//link[@rel='alternate'][@hreflang]")}
    dev = "http://localhost:8000"  # canonical and hreflang links are absolute, even in development
    assert alternates == {
        "ru": f"{dev}/ru/news/forum-osh/",
        "ky": f"{dev}/ky/news/forum-osh/",
        "en": f"{dev}/en/news/forum-osh/",
        "x-default": f"{dev}/ru/news/forum-osh/",
    }
    assert tree.xpath("//link[@rel='canonical']/@href") == [f"{dev}/ky/news/forum-osh/"]


def test_listing_switcher_goes_to_the_same_listing(basic_site: Path) -> None:
    tree = page(basic_site, "/ru/news/")
    switch = {a.get("lang"): a.get("href") for a in tree.xpath("//nav[@class='lang-switcher']//a")}
    assert switch["ky"] == "/ky/news/"
    assert "tg" not in switch  # nothing in Tajik at all: no Tajik pages


@pytest.mark.parametrize(
    ("lang", "shown"),
    [("ru", "12 марта 2026"), ("ky", "2026-ж., 12-март"), ("en", "March 12, 2026")],
)
def test_dates_are_localized_and_machine_readable(basic_site: Path, lang: str, shown: str) -> None:
    tree = page(basic_site, f"/{lang}/news/forum-osh/")
    times = tree.xpath("//article//p[@class='item-meta']/time")
    assert times[0].text == shown
    assert times[0].get("datetime") == "2026-03-12T10:30+06:00"


@pytest.mark.parametrize(
    ("lang", "words", "foreign"),
    [
        ("ru", ["Новости", "Проекты", "Архив"], ["News", "Жаңылыктар"]),
        ("ky", ["Жаңылыктар", "Долбоорлор", "Архив"], ["News", "Новости"]),
        ("en", ["News", "Projects", "Archives"], ["Новости", "Жаңылыктар"]),
    ],
)
def test_interface_is_in_the_page_language(basic_site: Path, lang: str, words: list[str], foreign: list[str]) -> None:
    tree = page(basic_site, f"/{lang}/news/forum-osh/")
    nav = text(tree, "//nav[@class='wrap site-nav']//a")
    for word in words:
        assert word in nav
    for word in foreign:
        assert word not in nav
    assert text(tree, "//a[@class='skip-link']") != ["Skip to content"] or lang == "en"


def test_item_only_in_kyrgyz_is_listed_only_in_kyrgyz(basic_site: Path) -> None:
    ky_titles = text(page(basic_site, "/ky/news/"), "//h2[@class='card-title']")
    assert "Кызыл-Кыяда таза суу долбоору башталды" in ky_titles
    for lang in ("ru", "en"):
        titles = text(page(basic_site, f"/{lang}/news/"), "//h2[@class='card-title']")
        assert "Кызыл-Кыяда таза суу долбоору башталды" not in titles
    assert (basic_site / "ky/news/water-kyzyl-kiya/index.html").exists()
    assert not (basic_site / "ru/news/water-kyzyl-kiya").exists()


def test_untranslated_items_can_be_listed_with_their_language(tmp_path: Path) -> None:
    out = build(SITES / "basic", tmp_path / "out", PRESS_LIST_UNTRANSLATED=True)
    cards = page(out, "/ru/news/").xpath("//article[@class='card'][.//h2/a[@lang='ky']]")
    assert len(cards) == 1
    assert cards[0].xpath(".//a/@href")[-1] == "/ky/news/water-kyzyl-kiya/"
    assert text(cards[0], ".//p[@class='card-lang']") == ["Язык: киргизский"]


HELD_MARKERS = ["СЕКРЕТНЫЙ-ЧЕРНОВИК", "SECRET-DRAFT", "ЭМБАРГО-РЕЛИЗ", "draft-item", "embargoed-release", "secret.png"]


def test_drafts_and_embargoed_items_leave_no_trace(basic_site: Path) -> None:
    for path in all_files(basic_site):
        assert "secret" not in path.name
        assert "draft-item" not in str(path) and "embargoed-release" not in str(path)
        data = path.read_bytes()
        for marker in HELD_MARKERS:
            assert marker.encode() not in data, f"{marker} leaked into {path}"
        assert not path.name.endswith(".md")


def test_bodies_are_sanitized_and_metadata_escaped(basic_site: Path) -> None:
    for path in all_files(basic_site):
        if path.suffix == ".html":
            data = path.read_text(encoding="utf-8")
            assert "alert(" not in data
            for script in lxml_html.fromstring(data.encode()).xpath("//script"):
                ours = script.get("type") == "application/ld+json" or script.get("src", "").startswith("/theme/js/")
                assert ours, f"foreign script in {path}"
            assert not re.search(r"\son[a-z]+\s*=", data)
            assert "javascript:" not in data
    html = (basic_site / "ru/news/forum-osh/index.html").read_text(encoding="utf-8")
    assert "Агентство «Ош-Пресс»" in html


def test_markdown_renders_tables_footnotes_quotes(basic_site: Path) -> None:
    tree = page(basic_site, "/ru/news/forum-osh/")
    body = tree.xpath("//div[@class='item-body']")[0]
    assert text(body, ".//table//th") == ["Район", "Участники"]
    assert body.xpath(".//blockquote")
    backlink = body.xpath(".//a[@class='footnote-backref']")[0]
    assert backlink.get("title") == "Вернуться к сноске 1 в тексте"
    links = body.xpath(".//a/@href")
    assert "/ky/news/water-kyzyl-kiya/" in links  # {filename} link to the Kyrgyz-only item
    assert body.xpath(".//img/@src") == ["/media/news/2026-03-12-forum-osh/hall-64.jpg"]  # derived (press.images)


def test_translations_inherit_facts_and_mark_fallback_words(basic_site: Path) -> None:
    en = page(basic_site, "/en/announcements/training/")
    when = en.xpath("//section[contains(@class,'event')]//time/@datetime")
    assert when == ["2026-02-10T10:00+06:00", "2026-02-10T17:00+06:00"]
    assert "House of Culture" in text(en, "//section[contains(@class,'event')]")[0]
    address = en.xpath("//section[contains(@class,'event')]//span[@lang='ru']")
    assert [a.text for a in address] == ["ул. Ленина, 1, Ош"]
    ky = page(basic_site, "/ky/news/forum-osh/")
    captions = ky.xpath("//section[@class='gallery']//figcaption")
    assert captions[0].text_content() == "Форумдун залы"
    assert captions[1].xpath("./span/@lang") == ["ru"]
    assert ky.xpath("//section[@class='gallery']//img/@alt")[0] == "Форумдун залы"


def test_press_release_contacts_and_marks(basic_site: Path) -> None:
    tree = page(basic_site, "/en/press-releases/budget-hearings/")
    assert text(tree, "//p[@class='release-line']") == ["For immediate release"]
    assert tree.xpath("//section[@class='contacts']//a/@href") == ["tel:+996312624518", "mailto:press@example.kg"]
    role = tree.xpath("//section[@class='contacts']//span[@lang='ru']")
    assert [r.text for r in role] == ["пресс-секретарь"]
    assert text(tree, "//p[@class='end-mark']") == ["###"]


def test_projects_and_regions_show_localized_names(basic_site: Path) -> None:
    tree = page(basic_site, "/ky/news/forum-osh/")
    assert text(tree, "//p[@class='item-projects']/a") == ["Жергиликтүү бюджеттер элге"]
    assert text(tree, "//p[@class='item-regions']/a") == ["Ош облусу"]
    en = page(basic_site, "/en/press-releases/budget-hearings/")
    project = en.xpath("//p[@class='item-projects']/a/span")
    assert [(p.get("lang"), p.text) for p in project] == [("ru", "Местные бюджеты для людей")]
    listing = text(page(basic_site, "/ru/projects/local-budgets/"), "//h2[@class='card-title']")
    assert listing == ["Бюджетные слушания пройдут в 40 айылных аймаках", "Форум МСУ в Оше собрал 200 участников"]


def test_tags_and_archives_per_language(basic_site: Path) -> None:
    assert text(page(basic_site, "/ru/tags/byudzhet/"), "//h2[@class='card-title']") == ["Форум МСУ в Оше собрал 200 участников"]
    assert (basic_site / "en/tags/budget/index.html").exists()
    assert not (basic_site / "ky/tags/budget").exists()
    archive = page(basic_site, "/ru/archives/")
    assert "март 2026" in text(archive, "//section[@class='archive-year']//li/a")


def test_root_points_to_default_language_and_404_exists(basic_site: Path) -> None:
    root = page(basic_site, "/index.html")
    assert root.xpath("//meta[@http-equiv='refresh']/@content") == ["0; url=/ru/"]
    assert (basic_site / "404.html").exists()
    assert text(page(basic_site, "/ky/404.html"), "//h1") == ["Бет табылган жок"]


def test_same_content_builds_the_same_bytes(basic_site: Path, tmp_path: Path) -> None:
    again = build(SITES / "basic", tmp_path / "again")
    first = {p.relative_to(basic_site): p.read_bytes() for p in all_files(basic_site)}
    second = {p.relative_to(again): p.read_bytes() for p in all_files(again)}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_preview_build_shows_held_items_under_a_banner(tmp_path: Path) -> None:
    out = build(SITES / "basic", tmp_path / "preview", PRESS_PREVIEW=True)
    draft = page(out, "/ru/news/draft-item/")
    assert text(draft, "//p[@class='preview-banner']") == ["Предпросмотр: это черновик, он не опубликован."]
    assert draft.xpath("//meta[@name='robots']/@content") == ["noindex, nofollow"]
    embargoed = page(out, "/ru/press-releases/embargoed-release/")
    assert "эмбарго до" in text(embargoed, "//p[@class='preview-banner']")[0]
    assert (out / "media/news/2026-05-05-draft-item/secret-64.jpg").exists()
    badges = text(page(out, "/ru/news/"), "//p[@class='preview-badge']")
    assert badges == ["Черновик"]


def test_publish_settings_never_preview(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSROOM_SITEURL", "https://press.example.kg")
    settings = read_conf(ROOT / "publishconf.py")
    assert settings["PRESS_PREVIEW"] is False
    assert settings["PRESS_PUBLIC"] is True
    assert settings["SITEURL"] == "https://press.example.kg"


def test_preview_pages_reload_themselves_and_published_ones_do_not(tmp_path: Path, basic_site: Path) -> None:
    out = build(SITES / "basic", tmp_path / "preview", PRESS_PREVIEW=True)
    stamp = (out / "preview-build.txt").read_text(encoding="ascii").strip()
    assert stamp.isdigit()
    scripts = page(out, "/ru/news/forum-osh/").xpath("//script[@data-stamp]/@src")
    assert scripts == ["/theme/js/preview.js"]
    # each build gets its own stamp (a run that finds nothing changed builds nothing: press.build.uptodate)
    again = build(SITES / "basic", tmp_path / "preview", PRESS_PREVIEW=True, PRESS_SKIP_UNCHANGED=False)
    assert (again / "preview-build.txt").read_text(encoding="ascii").strip() != stamp
    assert not (basic_site / "preview-build.txt").exists()
    assert not page(basic_site, "/ru/news/forum-osh/").xpath("//script[@data-stamp]")


def test_previous_and_next_item_stay_in_section_and_language(basic_site: Path) -> None:
    forum = page(basic_site, "/ky/news/forum-osh/").xpath("//nav[@class='item-neighbours']/a")
    assert [(a.get("rel"), a.get("href")) for a in forum] == [("next", "/ky/news/water-kyzyl-kiya/")]
    water = page(basic_site, "/ky/news/water-kyzyl-kiya/").xpath("//nav[@class='item-neighbours']/a")
    assert [(a.get("rel"), a.get("href")) for a in water] == [("prev", "/ky/news/forum-osh/")]
    assert not page(basic_site, "/ru/news/forum-osh/").xpath("//nav[@class='item-neighbours']")


def test_blocks_rendered_once_keep_each_pages_own_links(tmp_path: Path) -> None:
    """The header, footer and cards are rendered once per build and page
    language (press.site.templating.once). With RELATIVE_URLS, Pelican gives each
    page its own SITEURL: the repeated blocks must use it like the rest of
    the page does."""
    from tests.conftest import copy_site

    output = build(copy_site("basic", tmp_path / "content"), tmp_path / "output", RELATIVE_URLS=True)
    prefixes = set()
    for name in ("ru/index.html", "ru/news/index.html", "ru/news/forum-osh/index.html", "ky/tags/index.html"):
        html = (output / name).read_text(encoding="utf-8")
        own = re.search(r'<p class="site-name"><a href="([^"]*)/(ru|ky)/">', html)
        assert own is not None, name
        nav = html[html.index('<nav class="wrap site-nav"') :]
        assert f'href="{own[1]}/{own[2]}/news/"' in nav[: nav.index("</nav>")], name
        prefixes.add(own[1])
    assert len(prefixes) > 1  # the pages do have different prefixes
