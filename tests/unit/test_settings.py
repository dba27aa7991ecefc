"""press.settings.load: defaults, and a SettingsError naming the setting for wrong values."""

from __future__ import annotations

from typing import Any

import pytest

from press.messages import Msg, messages
from press.settings import PressSettings, SettingsError, SiteIdentity, load, require_public_address

GOOD: dict[str, Any] = {
    "DEFAULT_LANG": "ru",
    "PRESS_LANGUAGES": ["ru", "ky", "tg", "en"],
    "TIMEZONE": "Asia/Bishkek",
}


def settings(**changes: Any) -> dict[str, Any]:
    return {**GOOD, **changes}


def test_defaults_for_an_empty_configuration() -> None:
    press = load({})
    assert isinstance(press, PressSettings)
    assert press.default_lang == "ru"
    assert press.languages == ("ru",)
    assert press.timezone == "Asia/Bishkek"
    assert press.zone.key == "Asia/Bishkek"
    assert press.list_untranslated is False
    assert press.date_formats == {}
    assert press.date_format("ru") == "long"
    assert press.per_page == 10
    assert press.atomic_output is True
    assert press.preview is False
    assert press.about == {}
    assert press.site == {"ru": SiteIdentity(name="Pressroom")}


def test_site_name_defaults_to_sitename() -> None:
    press = load({"SITENAME": "Пресс-центр"})
    assert press.identity("ru") == SiteIdentity(name="Пресс-центр", tagline="")


def test_full_configuration_is_read() -> None:
    press = load(
        settings(
            PRESS_SITE={"ru": {"name": "Пресс-центр", "tagline": "ЦРМС"}, "en": {"name": "Press Centre"}},
            PRESS_DATE_FORMATS={"ru": "d MMMM y"},
            PRESS_LIST_UNTRANSLATED=True,
            DEFAULT_PAGINATION=5,
            PRESS_ATOMIC_OUTPUT=False,
            PRESS_PREVIEW=True,
            PRESS_ABOUT={"ru": "О нас"},
        )
    )
    assert press.languages == ("ru", "ky", "tg", "en")
    assert press.list_untranslated is True
    assert press.date_format("ru") == "d MMMM y"
    assert press.date_format("ky") == "long"
    assert press.per_page == 5
    assert press.atomic_output is False
    assert press.preview is True
    assert press.about == {"ru": "О нас"}
    assert press.identity("en") == SiteIdentity("Press Centre", "")
    # a language without its own entry falls back to the default language's
    assert press.identity("ky") == SiteIdentity("Пресс-центр", "ЦРМС")


@pytest.mark.parametrize(
    ("changes", "named", "detail"),
    [
        pytest.param({"PRESS_LANGUAGES": ["ru", "xx"]}, "PRESS_LANGUAGES", "'xx'", id="unknown-locale"),
        pytest.param({"PRESS_LANGUAGES": ["ru", "Russian"]}, "PRESS_LANGUAGES", "'Russian'", id="not-a-code"),
        pytest.param({"PRESS_LANGUAGES": ["ky", "ru"]}, "PRESS_LANGUAGES", "'ky'", id="default-not-first"),
        pytest.param({"PRESS_LANGUAGES": ["ky", "en"]}, "PRESS_LANGUAGES", "'ru'", id="default-missing"),
        pytest.param({"PRESS_LANGUAGES": ["ru", "ky", "ru"]}, "PRESS_LANGUAGES", "twice", id="duplicate"),
        pytest.param({"PRESS_LANGUAGES": []}, "PRESS_LANGUAGES", "no language", id="empty"),
        pytest.param({"TIMEZONE": "Asia/Osh"}, "TIMEZONE", "'Asia/Osh'", id="unknown-zone"),
        pytest.param({"TIMEZONE": "Mars/Olympus_Mons"}, "TIMEZONE", "'Mars/Olympus_Mons'", id="unknown-zone-2"),
        pytest.param({"PRESS_DATE_FORMATS": {"ru": "d MMMM y", "fr": "d MMMM y"}}, "PRESS_DATE_FORMATS", "fr",
                     id="date-format-unconfigured-language"),
        pytest.param({"PRESS_DATE_FORMATS": {"ru": 5}}, "PRESS_DATE_FORMATS", "Babel pattern", id="date-format-not-text"),
        pytest.param({"PRESS_LIST_UNTRANSLATED": "yes"}, "PRESS_LIST_UNTRANSLATED", "'yes'", id="untranslated-string"),
        pytest.param({"PRESS_LIST_UNTRANSLATED": 1}, "PRESS_LIST_UNTRANSLATED", "1", id="untranslated-int"),
        pytest.param({"PRESS_ATOMIC_OUTPUT": "no"}, "PRESS_ATOMIC_OUTPUT", "'no'", id="atomic-string"),
        pytest.param({"PRESS_SITE": {"ru": {"tagline": "no name"}}}, "PRESS_SITE", "'ru'", id="site-without-name"),
        pytest.param({"PRESS_ABOUT": {"de": "Über uns"}}, "PRESS_ABOUT", "de", id="about-unconfigured-language"),
        pytest.param({"DEFAULT_PAGINATION": -3}, "DEFAULT_PAGINATION", "-3", id="pagination-negative"),
    ],
)
def test_wrong_values_name_the_setting(changes: dict[str, Any], named: str, detail: str) -> None:
    with pytest.raises(SettingsError) as excinfo:
        load(settings(**changes))
    message = str(excinfo.value)
    assert message.startswith(named)
    assert detail in message


def test_settings_error_is_a_value_error() -> None:
    assert issubclass(SettingsError, ValueError)


def test_pelicanconf_settings_are_valid() -> None:
    from pelican.settings import read_settings

    from tests.conftest import ROOT

    press = load(read_settings(str(ROOT / "pelicanconf.py")))
    assert press.languages == ("ru", "ky", "tg", "en")
    assert press.date_format("ru") == "d MMMM y"


# --- the public build ------------------------------------------------------------------


@pytest.mark.parametrize("siteurl", ["https://press.example.kg", "http://press.example.kg/centre/"])
def test_a_public_build_takes_an_absolute_address(siteurl: str) -> None:
    require_public_address(settings(PRESS_PUBLIC=True, SITEURL=siteurl))
    assert load(settings(PRESS_PUBLIC=True, SITEURL=siteurl)).public is True
    assert load(settings()).public is False


@pytest.mark.parametrize(
    ("siteurl", "start"),
    [
        ("", "SITEURL: the public address of the site is not set"),
        (None, "SITEURL: the public address of the site is not set"),
        ("   ", "SITEURL: the public address of the site is not set"),
        ("press.example.kg", "SITEURL: 'press.example.kg' is not an absolute address"),
        ("/centre", "SITEURL: '/centre' is not an absolute address"),
        ("ftp://press.example.kg", "SITEURL: 'ftp://press.example.kg' is not an absolute address"),
    ],
)
def test_a_public_build_without_an_address_is_refused_with_what_to_do(siteurl: str | None, start: str) -> None:
    with pytest.raises(SettingsError) as excinfo:
        require_public_address(settings(PRESS_PUBLIC=True, SITEURL=siteurl))
    message = excinfo.value.args[0]
    assert isinstance(message, Msg) and message.startswith(start)
    assert "PRESSROOM_SITEURL=https://press.example.kg make publish" in message
    assert "SITEURL in publishconf.py" in message
    said = messages("ru").text(message)
    assert said.startswith("SITEURL: ") and "PRESSROOM_SITEURL=https://press.example.kg make publish" in said
    assert said != str(message)


def test_only_a_public_build_needs_the_address() -> None:
    require_public_address(settings(SITEURL=""))
    with pytest.raises(SettingsError, match="PRESS_PUBLIC: expected True or False"):
        require_public_address(settings(PRESS_PUBLIC="yes"))


def test_publishconf_declares_the_public_build(monkeypatch: pytest.MonkeyPatch) -> None:
    from pelican.settings import read_settings

    from tests.conftest import ROOT

    monkeypatch.delenv("PRESSROOM_SITEURL", raising=False)
    published = read_settings(str(ROOT / "publishconf.py"))
    assert published["PRESS_PUBLIC"] is True and published["PRESS_PREVIEW"] is False
    assert published["SITEURL"] == ""  # no placeholder address
    with pytest.raises(SettingsError):
        require_public_address(published)
    monkeypatch.setenv("PRESSROOM_SITEURL", "https://press.example.kg")
    require_public_address(read_settings(str(ROOT / "publishconf.py")))
