"""press.site.templating: the address of the same listing page in another language (hreflang)."""

from __future__ import annotations

from press.site.templating import alternate_url
from tests.unit.site.test_listings import pagination_settings, registry_of


def test_a_listing_page_pairs_only_with_the_same_page_where_there_is_one() -> None:
    registry = registry_of({"ru": 25, "ky": 12, "tg": 3, "en": 0})
    ru = registry.find("ru", ("section", "news"))
    settings = pagination_settings()
    assert ru is not None and ru.page_count(settings) == 3
    found = {n: {lang: alternate_url(registry, lang, ru, n, settings) for lang in registry.languages} for n in (1, 2, 3)}
    assert found[1] == {"ru": "ru/news/", "ky": "ky/news/", "tg": "tg/news/", "en": None}  # en: nothing to show
    assert found[2] == {"ru": "ru/news/page/2/", "ky": "ky/news/page/2/", "tg": None, "en": None}
    assert found[3] == {"ru": "ru/news/page/3/", "ky": None, "tg": None, "en": None}
    # symmetric: the Kyrgyz page 2 names the Russian page 2 back, and the empty English page names nothing
    ky = registry.find("ky", ("section", "news"))
    en = registry.find("en", ("section", "news"))
    assert ky is not None and alternate_url(registry, "ru", ky, 2, settings) == "ru/news/page/2/"
    assert en is not None and not en.has_content
    assert all(alternate_url(registry, lang, en, 1, settings) is None for lang in registry.languages)
