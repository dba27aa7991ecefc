"""press.site.listings: Pelican's own listings that are turned off cost nothing."""

from __future__ import annotations

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
