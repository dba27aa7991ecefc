"""press.i18n: the template's _() is jinja2.ext.i18n's newstyle gettext, made cheaper."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from jinja2 import Environment

from press.site import i18n


class FakeCatalogs:
    TRANSLATIONS = {
        "ky": {"Page %(number)d of %(count)d": "%(count)d беттин %(number)d-бети", "Tag: %(name)s": "Тег: %(name)s"},
        "ru": {"100%% checked": "Проверено на 100%%", "Search": "Поиск", "in %(language)s": "на %(language)s"},
        "tg": {"in %(language)s": "бо забони %(language)s"},
    }

    def gettext(self, lang: str, message: str) -> str:
        return self.TRANSLATIONS.get(lang, {}).get(message, message)

    def ngettext(self, lang: str, singular: str, plural: str, n: int) -> str:
        return singular if n == 1 else plural


def _environment() -> Environment:
    """A Jinja environment as press.site.i18n.install leaves a generator's:
    ``gettext()`` is jinja2.ext.i18n's own newstyle one, ``_()`` ours."""
    env = Environment(autoescape=True)
    i18n.install(SimpleNamespace(context={i18n.CATALOGS_KEY: FakeCatalogs()}, settings={}, env=env))
    return env


@pytest.mark.parametrize(
    ("source", "variables"),
    [
        ('{{ _("Search") }}', {}),
        ('{{ _("100%% checked") }}', {}),
        ('{{ _("Page %(number)d of %(count)d", number=page, count=9) }}', {"page": 2}),
        ('{{ _("Tag: %(name)s", name=tag) }}', {"tag": "<script>алма & жаңгак</script>"}),
        ('<a title="{{ _("Tag: %(name)s", name=tag) }}">', {"tag": '"quoted"'}),
    ],
)
@pytest.mark.parametrize("lang", ["ru", "ky", "en"])
def test_underscore_gives_what_jinjas_newstyle_gettext_gives(source: str, variables: dict[str, Any], lang: str) -> None:
    context = {"lang": lang, i18n.CATALOGS_KEY: FakeCatalogs(), **variables}
    env = _environment()
    expected = env.from_string(source.replace("_(", "gettext(")).render(context)
    assert env.from_string(source).render(context) == expected
    assert "<script>" not in expected


@pytest.mark.parametrize(
    ("code", "lang", "said"),
    [
        ("ru", "ky", "орусча"),  # Kyrgyz names a language by how one speaks it
        ("ky", "ru", "на киргизском"),  # CLDR's «киргизский», in the prepositional
        ("en", "ru", "на английском"),
        ("ru", "tg", "бо забони русӣ"),
        ("ru", "en", "in Russian"),
    ],
)
def test_in_language_names_the_language_in_the_pages(code: str, lang: str, said: str) -> None:
    catalogs: Any = FakeCatalogs()
    catalogs.TRANSLATIONS = {**FakeCatalogs.TRANSLATIONS, "ky": {"in %(language)s": "%(language)s"}}
    assert i18n.in_language(catalogs, code, lang) == said
