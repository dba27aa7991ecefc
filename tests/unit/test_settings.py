"""press.settings: defaults, a SettingsError naming the setting for wrong values and
unknown names, and the table against the code."""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path
from typing import Any

import pytest

from press import settings as S
from press.messages import Msg, available, messages
from press.settings import ImageSettings, PodcastSettings, PressSettings, SettingsError, SiteIdentity, load, require_public_address
from tests.conftest import ROOT, SITE_SETTINGS, SITES, build, press_command, read_conf, settings_file


def settings(**changes: Any) -> dict[str, Any]:
    return {**SITE_SETTINGS, **changes}


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
    press = load(read_conf())
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
    monkeypatch.delenv("PRESSROOM_SITEURL", raising=False)
    published = read_conf(ROOT / "publishconf.py")
    assert published["PRESS_PUBLIC"] is True and published["PRESS_PREVIEW"] is False
    assert published["SITEURL"] == ""  # no placeholder address
    with pytest.raises(SettingsError):
        require_public_address(published)
    monkeypatch.setenv("PRESSROOM_SITEURL", "https://press.example.kg")
    require_public_address(read_conf(ROOT / "publishconf.py"))


# --- values inside settings, and settings not set ---------------------------------------


def test_a_wrong_value_inside_a_setting_says_where() -> None:
    with pytest.raises(SettingsError, match=r"^PRESS_IMAGE_QUALITY\['webp'\]: expected a whole number from 1 to 100, found 0$"):
        load(settings(PRESS_IMAGE_QUALITY={"webp": 0}))
    with pytest.raises(SettingsError, match=r"^PRESS_IMAGE_WIDTHS\[1\]: expected a whole number from 16 to 8192, found '960'$"):
        load(settings(PRESS_IMAGE_WIDTHS=[480, "960"]))


def test_none_means_not_set_and_an_empty_address_too() -> None:
    press = load(settings(PRESS_IMAGE_WIDTHS=None, PRESS_FEED_SIZE=None, PRESS_MESSAGES_LANG=None, SITEURL=""))
    assert press.images.widths == (480, 960, 1600) and press.feed_size == 30 and press.messages_lang is None
    assert press.site_url == press.feed_siteurl == "http://localhost:8000"


def test_a_default_taken_from_another_setting_is_reported_under_that_name() -> None:
    with pytest.raises(SettingsError) as excinfo:
        load(settings(SITEURL="/press"))
    assert str(excinfo.value) == (
        "SITEURL: expected an absolute address such as https://press.example.kg, found '/press'"
        " (PRESS_FEED_SITEURL takes SITEURL when not set)"
    )
    assert load(settings(SITEURL="/press", PRESS_FEED_SITEURL="https://press.example.kg")).site_url == "/press"


def test_read_checks_one_setting() -> None:
    assert S.read({"PRESS_MESSAGES_LANG": "ky", "PRESS_FEED_SIZE": "not checked"}, "PRESS_MESSAGES_LANG") == "ky"
    assert S.read({}, "PRESS_IMAGE_CACHE") == os.path.abspath("cache/images")
    with pytest.raises(SettingsError, match="PRESS_PREVIEW: expected True or False, found 'yes'"):
        S.read({"PRESS_PREVIEW": "yes"}, "PRESS_PREVIEW")


def test_the_markdown_cache_is_a_setting() -> None:
    from press.site.reader import cache_file

    assert load({"CACHE_PATH": "/srv/site/cache"}).markdown_cache == "/srv/site/cache"
    assert load({"CACHE_PATH": "/srv/site/cache", "PRESS_MARKDOWN_CACHE": False}).markdown_cache is None
    assert load({}).markdown_cache is None  # no CACHE_PATH, no cache
    assert cache_file({"CACHE_PATH": "/srv/site/cache"}) == "/srv/site/cache/press-cache.sqlite"
    with pytest.raises(SettingsError, match="PRESS_MARKDOWN_CACHE: expected True or False, found 'no'"):
        load({"PRESS_MARKDOWN_CACHE": "no"})


# --- unknown names -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("PRESS_IMAGE_WIDHTS", "PRESS_IMAGE_WIDHTS is not a Pressroom setting; did you mean PRESS_IMAGE_WIDTHS?"),
        ("PRESS_PREVEIW", "PRESS_PREVEIW is not a Pressroom setting; did you mean PRESS_PREVIEW?"),
        ("PRESS_SITEURL", "PRESS_SITEURL is not a Pressroom setting; did you mean SITEURL?"),
        ("PRESS_WHATEVER", "PRESS_WHATEVER is not a Pressroom setting; Pressroom's settings are declared in"
                           " plugins/press/settings.py"),
    ],
)  # fmt: skip
def test_an_unknown_press_name_is_an_error_with_the_closest_name(name: str, message: str) -> None:
    with pytest.raises(SettingsError) as excinfo:
        load(settings(**{name: [480]}))
    assert str(excinfo.value) == message


def test_every_unknown_name_is_reported_one_a_line() -> None:
    with pytest.raises(SettingsError) as excinfo:
        load(settings(PRESS_FEEDSIZE=5, PRESS_ABUOT={}))
    assert str(excinfo.value).splitlines() == [
        "PRESS_ABUOT is not a Pressroom setting; did you mean PRESS_ABOUT?",
        "PRESS_FEEDSIZE is not a Pressroom setting; did you mean PRESS_FEED_SIZE?",
    ]


def test_other_names_and_pressrooms_context_keys_pass() -> None:
    load(settings(FOO=1, PRESSROOM_SITEURL="x", press_lower=1, **dict.fromkeys(S.CONTEXT_KEYS)))


@pytest.mark.slow  # a Pelican run, stopped by the settings
def test_pelican_stops_on_an_unknown_name_with_the_message_alone(tmp_path: Path) -> None:
    from press.build.config import SettingsExit

    with pytest.raises(SettingsExit) as caught:
        build(SITES / "basic", tmp_path / "output", PRESS_IMAGE_WIDHTS=[480, 960])
    assert str(caught.value) == "PRESS_IMAGE_WIDHTS is not a Pressroom setting; did you mean PRESS_IMAGE_WIDTHS?"
    assert not (tmp_path / "output").exists()


def test_make_check_refuses_an_unknown_name(tmp_path: Path) -> None:
    conf = settings_file(tmp_path / "conf.py", PRESS_LIST_UNTRASNLATED=True)
    status, _out, err = press_command(ROOT / "content", "check", settings=conf)
    assert status == 2
    assert "PRESS_LIST_UNTRASNLATED is not a Pressroom setting; did you mean PRESS_LIST_UNTRANSLATED?" in err


# --- the table -------------------------------------------------------------------------------

#: Where PRESS_ names are written: code, tests, the benchmark, configuration and documentation.
SCANNED = ("plugins", "tests", "bench", "theme", "docs", "pelicanconf.py", "publishconf.py", "Makefile", "README.md")
TEXT_FILES = {".py", ".md", ".html", ".txt", ".cfg", ".ini", ".toml", ".yml", ".yaml", ".json", ".js", ".sh", ""}
#: Wrong names that the documentation shows with the error they cause.
EXAMPLES_OF_THE_ERROR = {"PRESS_IMAGE_WIDHTS", "PRESS_SITEURL"}
PRESS_NAME = re.compile(r"\bPRESS_[A-Z0-9_]*[A-Z0-9]\b")


def _files(root: Path) -> list[Path]:
    found = []
    for name in SCANNED:
        path = root / name
        for file in [path] if path.is_file() else sorted(path.rglob("*")):
            if file.is_file() and file.suffix in TEXT_FILES and "__pycache__" not in file.parts and "artifacts" not in file.parts:
                found.append(file)
    return found


def test_every_press_name_used_in_the_repository_is_declared() -> None:

    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    make_variables = set(re.findall(r"^(PRESS_\w+)\s*[:+?]?=", makefile, re.MULTILINE))
    here = Path(__file__).resolve()
    used: dict[str, str] = {}
    for file in _files(ROOT):
        if file.resolve() == here:  # this file misspells names on purpose
            continue
        text = file.read_text(encoding="utf-8", errors="replace")
        for name in PRESS_NAME.findall(text):  # not PRESS_IMAGE_* (a group in prose)
            used.setdefault(name, str(file.relative_to(ROOT)))
    assert "PRESS_MARKDOWN_CACHE" in used and "PRESS_BUILD_TIME" in used  # the scan finds names
    not_settings = S.CONTEXT_KEYS | make_variables | EXAMPLES_OF_THE_ERROR
    undeclared = {n: where for n, where in used.items() if n not in S.SETTINGS and n not in not_settings}
    assert undeclared == {}


def _leaves(cls: type, prefix: str = "") -> set[str]:
    names = set()
    for f in dataclasses.fields(cls):
        group = S.GROUPS.get(f.name)
        names |= _leaves(group, f"{f.name}.") if isinstance(group, type) else {prefix + f.name}
    return names


def test_the_table_and_press_settings_agree() -> None:
    attrs = [s.attr for s in S.SETTINGS.values() if s.attr]
    assert len(attrs) == len(set(attrs)), "two settings fill one attribute"
    assert set(attrs) == _leaves(S.PressSettings)


def test_every_setting_is_declared_with_a_help_line_and_a_default_its_kind_takes() -> None:
    from pelican.settings import DEFAULT_CONFIG

    for name, setting in S.SETTINGS.items():
        assert setting.name == name and name.isupper()
        assert setting.help and not setting.help.endswith(".")
        assert name.startswith("PRESS_") or name in DEFAULT_CONFIG or name == "TIMEZONE"  # Pelican's, read by us
        default = setting.default
        if default is not None and not callable(default) and not isinstance(default, S.From):
            setting.kind.check(default, S.Got({}))
    assert not set(S.SETTINGS) & S.CONTEXT_KEYS


# --- photos and feeds ----------------------------------------------------------------------


def test_image_settings_defaults() -> None:
    press = load({"CACHE_PATH": "/srv/site/cache"})
    assert press.images == ImageSettings(
        widths=(480, 960, 1600), formats=("webp", "jpeg"), quality={"webp": 80, "jpeg": 82, "avif": 60},
        cache="/srv/site/cache/images", publish_originals=False, workers=0, cache_days=30,
    )  # fmt: skip
    assert load({"PRESS_IMAGE_CACHE": "/tmp/x", "PRESS_IMAGE_QUALITY": {"jpeg": 90}}).images.quality["jpeg"] == 90
    assert load({"PRESS_IMAGE_CACHE": "/tmp/x"}).images.cache == "/tmp/x"


def test_pelicanconf_keeps_the_cache_in_the_project() -> None:
    press = load(read_conf())
    assert press.images.cache == str(ROOT / "cache" / "images")
    assert read_conf()["PLUGINS"] == ["press"]


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"PRESS_IMAGE_WIDTHS": [960, 480]}, "PRESS_IMAGE_WIDTHS"),
        ({"PRESS_IMAGE_WIDTHS": []}, "PRESS_IMAGE_WIDTHS"),
        ({"PRESS_IMAGE_WIDTHS": [480, "960"]}, "PRESS_IMAGE_WIDTHS"),
        ({"PRESS_IMAGE_WIDTHS": [480, 480]}, "PRESS_IMAGE_WIDTHS"),
        ({"PRESS_IMAGE_FORMATS": ["webp", "gif"]}, "PRESS_IMAGE_FORMATS"),
        ({"PRESS_IMAGE_FORMATS": []}, "PRESS_IMAGE_FORMATS"),
        ({"PRESS_IMAGE_QUALITY": {"webp": 0}}, "PRESS_IMAGE_QUALITY['webp']"),
        ({"PRESS_IMAGE_QUALITY": {"png": 90}}, "PRESS_IMAGE_QUALITY"),
        ({"PRESS_IMAGE_QUALITY": 80}, "PRESS_IMAGE_QUALITY"),
        ({"PRESS_IMAGE_WORKERS": -1}, "PRESS_IMAGE_WORKERS"),
        ({"PRESS_PUBLISH_ORIGINALS": "yes"}, "PRESS_PUBLISH_ORIGINALS"),
    ],
)
def test_wrong_image_settings_name_the_setting(changes: dict[str, Any], named: str) -> None:
    with pytest.raises(SettingsError) as failure:
        load(changes)
    assert str(failure.value).startswith(named)


@pytest.mark.parametrize("days", [-1, "30", 1.5, True])
def test_cache_days_must_be_a_whole_number(days: Any) -> None:
    with pytest.raises(SettingsError, match="PRESS_IMAGE_CACHE_DAYS"):
        load({"DEFAULT_LANG": "ru", "PRESS_LANGUAGES": ["ru"], "PRESS_IMAGE_CACHE_DAYS": days}).images


def test_feed_settings_defaults() -> None:
    press = load({})
    assert press.feed_size == 30
    assert press.feed_siteurl == "http://localhost:8000"
    assert press.feed_id_authority == "localhost"
    assert press.podcast == PodcastSettings()


def test_feed_settings_follow_siteurl() -> None:
    press = load({"SITEURL": "https://press.example.kg/"})
    assert press.feed_siteurl == "https://press.example.kg"
    assert press.feed_id_authority == "press.example.kg"


def test_feed_settings_can_be_set() -> None:
    press = load({
        "SITEURL": "https://press.example.kg", "PRESS_FEED_SIZE": 5,
        "PRESS_FEED_SITEURL": "https://feeds.example.kg", "PRESS_FEED_ID_AUTHORITY": "lgdc.example.kg",
        "PRESS_PODCAST": {"image": "https://cdn.example.kg/art.png", "category": "News", "subcategory": "Politics",
                          "explicit": True, "owner_email": "press@example.kg"},
    })  # fmt: skip
    assert press.feed_size == 5
    assert press.feed_siteurl == "https://feeds.example.kg"
    assert press.feed_id_authority == "lgdc.example.kg"
    assert press.podcast == PodcastSettings("https://cdn.example.kg/art.png", "News", "Politics", True, "press@example.kg")


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"PRESS_FEED_SIZE": -1}, "PRESS_FEED_SIZE"),
        ({"PRESS_FEED_SIZE": "30"}, "PRESS_FEED_SIZE"),
        ({"PRESS_FEED_SITEURL": "press.example.kg"}, "PRESS_FEED_SITEURL"),
        ({"SITEURL": "/press"}, "SITEURL"),
        ({"PRESS_FEED_ID_AUTHORITY": "Press Example"}, "PRESS_FEED_ID_AUTHORITY"),
        ({"PRESS_FEED_ID_AUTHORITY": "https://press.example.kg"}, "PRESS_FEED_ID_AUTHORITY"),
        ({"PRESS_PODCAST": {"artwork": "a.png"}}, "PRESS_PODCAST"),
        ({"PRESS_PODCAST": {"explicit": "no"}}, "PRESS_PODCAST"),
        ({"PRESS_PODCAST": {"category": ""}}, "PRESS_PODCAST"),
        ({"PRESS_PODCAST": ["image"]}, "PRESS_PODCAST"),
    ],
)
def test_wrong_feed_settings_name_the_setting(changes: dict[str, Any], named: str) -> None:
    with pytest.raises(SettingsError) as excinfo:
        load(changes)
    assert str(excinfo.value).startswith(named)


def test_messages_setting_is_validated() -> None:
    assert load({"PRESS_MESSAGES_LANG": "ru"}).messages_lang == "ru"
    assert load({"PRESS_MESSAGES_LANG": "ky"}).messages_lang == "ky"
    assert load({"PRESS_MESSAGES_LANG": "tg"}).messages_lang == "tg"
    assert load({}).messages_lang is None
    with pytest.raises(SettingsError, match="PRESS_MESSAGES_LANG: found 'de'"):
        load({"PRESS_MESSAGES_LANG": "de"})
    assert set(available()) == {"en", "ru", "ky", "tg"} and available()[0] == "en"
