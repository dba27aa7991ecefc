"""press.site.listings: Pelican's own listings that are turned off cost nothing."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from press.site import listings
from press.site.listings import published_items, skip_pages_turned_off


class FakeArticles:
    def __init__(self, **settings: Any) -> None:
        self.settings = settings
        self.written: list[str] = []

    def generate_tags(self, write: Any) -> None:
        self.written.append("tags")

    def generate_categories(self, write: Any) -> None:
        self.written.append("categories")

    def generate_authors(self, write: Any) -> None:
        self.written.append("authors")


def test_pages_turned_off_are_not_gathered_and_the_others_are() -> None:
    generator = FakeArticles(TAG_SAVE_AS="", CATEGORY_SAVE_AS="category/{slug}.html", AUTHOR_SAVE_AS="")
    skip_pages_turned_off(generator)
    for method in (generator.generate_tags, generator.generate_categories, generator.generate_authors):
        method(None)
    assert generator.written == ["categories"]


def test_a_generator_without_those_pages_is_left_alone() -> None:
    static = SimpleNamespace(settings={"TAG_SAVE_AS": ""})
    skip_pages_turned_off(static)
    assert not hasattr(static, "generate_tags")


def _item(key: str, day: int, translations: list[Any] | None = None) -> Any:
    import datetime as dt

    return SimpleNamespace(bundle=key, date=dt.datetime(2026, 3, day), translations=translations or [])


def test_published_items_are_remembered_in_the_run_context_only() -> None:
    """make serve keeps one process for many builds: a build's items stay in
    its own context, not in the module (which kept the last site alive)."""
    older, newer = _item("news/a", 1), _item("news/b", 2)
    context: dict[str, Any] = {"articles": [older, newer]}
    first = published_items(context)
    assert first == [newer, older]
    assert published_items(context) == first and published_items(context) is not first  # a new list, same answer
    assert not any(value is context["articles"] for value in vars(listings).values())
    assert published_items({"articles": [older]}) == [older]  # another run's context: its own answer


# --- the views' pages ---------------------------------------------------------------------


def pagination_settings() -> dict[str, Any]:
    from pelican.paginator import PaginationRule

    return {
        "PAGINATED_TEMPLATES": {"listing": None},
        "DEFAULT_PAGINATION": 10,
        "DEFAULT_ORPHANS": 0,
        "PAGINATION_PATTERNS": [
            PaginationRule(1, "{url}", "{save_as}"),
            PaginationRule(2, "{url}page/{number}/", "{base_name}/page/{number}/index.html"),
        ],
    }


def registry_of(counts: dict[str, int]) -> listings.ViewRegistry:
    registry = listings.ViewRegistry(languages=list(counts))
    for lang, count in counts.items():
        registry.add(listings.View("section", "news", lang, f"{lang}/news/", [object()] * count))
    return registry


def test_a_project_page_has_content_with_its_own_text_even_without_items() -> None:
    own = listings.View("project", "water", "tg", "tg/projects/water/", [], extra={"project": SimpleNamespace(lang="tg")})
    fallback = listings.View("project", "water", "en", "en/projects/water/", [], extra={"project": SimpleNamespace(lang="ru")})
    assert own.has_content and not fallback.has_content
    index = listings.View("projects", "", "en", "en/projects/", template="projects", extra={"projects": [fallback]})
    assert not index.has_content and index.page_url(1, pagination_settings()) == "en/projects/" and index.page_url(2, pagination_settings()) is None
    assert not listings.View("search", "", "ru", "ru/search/").has_content


# --- the front page -------------------------------------------------------------------

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=6)))


def item(section: str, days_ago: float, lang: str = "ru", featured: bool = False) -> SimpleNamespace:
    return SimpleNamespace(section=section, date=NOW - dt.timedelta(days=days_ago), lang=lang, featured=featured,
                           url=f"{lang}/{section}/{days_ago}/")  # fmt: skip


def newest_first(*items: SimpleNamespace) -> list[SimpleNamespace]:
    return sorted(items, key=lambda i: i.date, reverse=True)


def test_the_lead_is_the_newest_featured_item_then_a_recent_release_then_the_newest() -> None:
    news, release, old_featured = item("news", 1), item("press-releases", 10), item("video", 400, featured=True)
    assert listings.choose_lead(newest_first(news, release, old_featured), "ru", NOW) is old_featured
    assert listings.choose_lead(newest_first(news, release), "ru", NOW) is release
    edge = item("press-releases", 30)  # exactly 30 days ago still leads
    assert listings.choose_lead(newest_first(news, edge), "ru", NOW) is edge
    older = item("press-releases", 30.01)
    assert listings.choose_lead(newest_first(news, older), "ru", NOW) is news
    assert listings.choose_lead([], "ru", NOW) is None


def test_the_lead_is_of_the_page_language_when_it_has_items() -> None:
    kyrgyz, russian = item("news", 1, lang="ky"), item("press-releases", 2, lang="ru")
    assert listings.choose_lead([kyrgyz, russian], "ky", NOW) is kyrgyz
    assert listings.choose_lead([russian], "ky", NOW) is russian  # listed untranslated


def test_blocks_hold_the_newest_of_each_section_but_the_lead_and_skip_empty_sections() -> None:
    news = [item("news", n) for n in range(1, 6)]
    release = item("press-releases", 3)
    podcast = item("podcasts", 100)
    front = listings.front_page(newest_first(*news, release, podcast), "ru", NOW)
    assert front["lead"] is release
    assert [(s, len(i)) for s, i in front["blocks"]] == [("news", 3), ("podcasts", 1)]
    assert front["blocks"][0][1] == news[:3]
