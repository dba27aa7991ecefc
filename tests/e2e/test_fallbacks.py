"""Words shown in another language than the page's: marked, and said.

A translation that lacks a project's text, its partners or its implementer
shows the default language's; only those words carry ``lang`` (the labels
around them are the page's), a page whose text falls back says so once at
the top, and where a title falls back (``<title>``, feed titles, cards) the
page says in which language it is («(in Russian)», «(бо забони русӣ)»).
"""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest

from tests.conftest import SITES, build
from tests.e2e.html import page, text

PROJECT = "Местные бюджеты для людей"


def _lang_of(element) -> str:  # type: ignore[no-untyped-def]
    """The language an element is read in: its own ``lang`` or its nearest ancestor's."""
    return element.xpath("ancestor-or-self::*[@lang][1]/@lang")[0]


def test_a_project_page_marks_only_the_words_that_fall_back(basic_site: Path) -> None:
    tree = page(basic_site, "/en/projects/local-budgets/")  # no English text: the Russian one
    facts = tree.xpath("//section[@class='project-facts']")[0]
    assert facts.get("lang") is None
    assert [_lang_of(dt) for dt in facts.xpath(".//dt")] == ["en"] * 6
    assert text(facts, ".//dt") == ["Status", "Period", "Donor", "Partners", "Implementer", "Regions"]
    assert _lang_of(facts.xpath(".//p[@class='lead']")[0]) == "ru"
    assert _lang_of(facts.xpath(".//div[@class='item-body']")[0]) == "ru"
    assert [(s.get("lang"), s.text) for s in facts.xpath(".//dd/span")] == [
        ("ru", "Швейцарское агентство по развитию и сотрудничеству"),
        ("ru", "Ошский областной центр поддержки предпринимательства"),
        ("ru", "Ассоциация городов Кыргызстана"),
        ("ru", "Центр развития МСУ"),
    ]
    assert [_lang_of(a) for a in facts.xpath(".//dd/a")] == ["en", "en"]  # region names in English


def test_a_translation_marks_the_names_it_inherits(basic_site: Path) -> None:
    tree = page(basic_site, "/ky/projects/local-budgets/")  # Kyrgyz text, Russian partners
    facts = tree.xpath("//section[@class='project-facts']")[0]
    assert _lang_of(facts.xpath(".//div[@class='item-body']")[0]) == "ky"
    partners, implementer = facts.xpath(".//dt[.='Өнөктөштөр']/following-sibling::dd[1]")[0], facts.xpath(".//dt[.='Аткаруучу']/following-sibling::dd[1]")[0]
    assert [s.get("lang") for s in partners.xpath("span")] == ["ru", "ru"]
    assert facts.xpath(".//dt[.='Донор']/following-sibling::dd[1]/span/@lang") == ["ru"]
    assert [(s.get("lang"), s.text) for s in implementer.xpath("span")] == [("ru", "Центр развития МСУ")]
    assert tree.xpath("//p[@class='fallback-note']") == []
    own = page(basic_site, "/ru/projects/local-budgets/")
    assert own.xpath("//section[@class='project-facts']//*[@lang]") == []


def test_a_page_whose_text_falls_back_says_so_once_at_the_top(basic_site: Path) -> None:
    tree = page(basic_site, "/en/projects/local-budgets/")
    notes = tree.xpath("//p[@class='fallback-note']")
    assert text(tree, "//p[@class='fallback-note']") == ["This text has not been translated yet: it is shown in Russian."]
    assert _lang_of(notes[0]) == "en"
    assert notes[0].xpath("preceding-sibling::*[1]")[0].tag == "h1"
    assert tree.xpath("//h1/@lang") == ["ru"]


def test_a_title_that_falls_back_says_its_language(basic_site: Path) -> None:
    tree = page(basic_site, "/en/projects/local-budgets/")
    assert text(tree, "//title") == [f"{PROJECT} (in Russian) — LGDC Press Centre"]
    assert text(page(basic_site, "/ky/projects/local-budgets/"), "//title")[0].startswith("Жергиликтүү бюджеттер элге — ")
    cards = page(basic_site, "/en/projects/").xpath("//article[@class='card']")
    assert [c.get("lang") for c in cards] == [None]
    assert [(a.get("lang"), a.text) for a in cards[0].xpath(".//h2/a")] == [("ru", PROJECT)]
    assert text(cards[0], ".//span[@class='in-language']") == ["(in Russian)"]
    assert _lang_of(cards[0].xpath(".//p[@class='card-meta']")[0]) == "en"
    assert _lang_of(cards[0].xpath(".//p[@class='card-summary']")[0]) == "ru"


def test_feed_titles_say_the_language_of_a_name_that_falls_back(basic_site: Path) -> None:
    english = feedparser.parse((basic_site / "en/projects/local-budgets/feed.atom").read_bytes())
    assert english.feed.title == f"{PROJECT} (in Russian) — LGDC Press Centre"
    kyrgyz = feedparser.parse((basic_site / "ky/projects/local-budgets/feed.rss").read_bytes())
    assert kyrgyz.feed.title == "Жергиликтүү бюджеттер элге — ЖӨБӨБ пресс-борбору"
    discovered = page(basic_site, "/en/projects/local-budgets/").xpath("//head/link[@type='application/atom+xml']/@title")
    assert discovered[0] == f"{PROJECT} (in Russian) — LGDC Press Centre (Atom)"


def test_the_subscribe_page_marks_a_subject_named_in_another_language(basic_site: Path) -> None:
    english = page(basic_site, "/en/subscribe/")
    names = {_lang_of(a): " ".join(a.text_content().split()) for a in english.xpath("//p[@class='feed-name']/a")
             if "projects/local-budgets" in a.get("href")}  # fmt: skip
    assert names == {"ru": PROJECT}
    # a section's name is the page's own word: no lang of its own
    news = english.xpath("//p[@class='feed-name']/a[contains(@href, '/en/news/')]")
    assert news and news[0].get("lang") is None


@pytest.fixture(scope="module")
def listing_all(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Untranslated items listed in every language; «About the organisation» only in Russian."""
    about = {"ru": "Центр развития МСУ — некоммерческая организация из Бишкека."}
    return build(SITES / "basic", tmp_path_factory.mktemp("all") / "output", PRESS_LIST_UNTRANSLATED=True, PRESS_ABOUT=about)


def test_a_card_of_another_language_marks_its_words_not_its_labels(listing_all: Path) -> None:
    (card,) = page(listing_all, "/ru/news/").xpath("//article[@class='card'][.//a[@lang='ky']]")
    assert card.get("lang") is None
    assert _lang_of(card.xpath(".//h2/a")[0]) == "ky"
    assert card.xpath(".//h2/a/@hreflang") == ["ky"]
    assert _lang_of(card.xpath(".//p[@class='card-meta']/time")[0]) == "ru"  # «2 апреля 2026»: a Russian date
    assert _lang_of(card.xpath(".//p[@class='card-meta']/a")[0]) == "ru"
    assert text(card, ".//p[@class='card-lang']") == ["Язык: киргизский"]
    assert _lang_of(card.xpath(".//p[@class='card-lang']")[0]) == "ru"


def test_the_about_block_marks_its_text_not_its_heading(listing_all: Path) -> None:
    (about,) = page(listing_all, "/en/press-releases/budget-hearings/").xpath("//section[@class='about']")
    assert _lang_of(about.xpath("h2")[0]) == "en" and text(about, "h2") == ["About the organisation"]
    assert _lang_of(about.xpath("p")[0]) == "ru"
