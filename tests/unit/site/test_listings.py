"""press.site.listings: Pelican's own listings that are turned off cost nothing."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from press.site.listings import skip_pages_turned_off


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
