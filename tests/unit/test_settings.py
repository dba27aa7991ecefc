"""press.settings: defaults, a SettingsError naming the setting for wrong values and
unknown names, the kinds of press.setting_kinds, and the table against the code."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
import re
from pathlib import Path, PurePath
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from press import setting_kinds as K
from press import settings as S
from press.messages import Msg, messages
from press.settings import PressSettings, SettingsError, SiteIdentity, load, require_public_address
from tests.conftest import ROOT, SITE_SETTINGS, SITES, build, read_conf



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


# --- the kinds: one good and one bad value each ----------------------------------------

#: What the kinds that look at other settings see.
GOT = S.Got(settings(PRESS_LANGUAGES=["ru", "ky"]))


@pytest.mark.parametrize(
    ("kind", "good", "checked", "bad", "message"),
    [
        pytest.param(K.Bool(), False, False, "no", "expected True or False, found 'no'", id="Bool"),
        pytest.param(K.Int(min=1), 3, 3, 0, "expected a positive whole number, found 0", id="Int-min"),
        pytest.param(K.Int(min=1, max=100), 100, 100, True, "expected a whole number from 1 to 100, found True",
                     id="Int-range"),
        pytest.param(K.Int(min=0, expected="0 (one per core) or more"), 0, 0, 1.5,
                     "expected 0 (one per core) or more, found 1.5", id="Int-worded"),
        pytest.param(K.Text(), "ЦРМС", "ЦРМС", 5, "expected text, found 5", id="Text"),
        pytest.param(K.Text(required=True), "x", "x", "", "expected text that is not empty, found ''", id="Text-required"),
        pytest.param(K.Text(pattern=r"^[a-z.]+$", expected="a domain name"), "press.kg", "press.kg", "Press",
                     "expected a domain name, found 'Press'", id="Text-pattern"),
        pytest.param(K.Choice(("webp", "jpeg")), "jpeg", "jpeg", "gif", "found 'gif'; expected one of: webp, jpeg",
                     id="Choice"),
        pytest.param(K.Choice(lambda: ("en", "ru")), "ru", "ru", "de", "found 'de'; expected one of: en, ru",
                     id="Choice-asked"),
        pytest.param(K.Lang(), "tg", "tg", "Russian", "expected a language code such as 'ru' or 'ky', found 'Russian'",
                     id="Lang"),
        pytest.param(K.Lang(), "ky", "ky", "xx", "Babel knows no locale 'xx'", id="Lang-babel"),
        pytest.param(K.Lang(among="PRESS_LANGUAGES"), "ky", "ky", "en", "'en' is not a configured language; PRESS_LANGUAGES has ru, ky",
                     id="Lang-configured"),
        pytest.param(K.ListOf(K.Lang()), ["ru", "ky"], ("ru", "ky"), [], "no language listed; expected a list of languages",
                     id="ListOf-empty"),
        pytest.param(K.ListOf(K.Int(min=1)), (1, 2), (1, 2), [1, 1], "1 is listed twice", id="ListOf-twice"),
        pytest.param(K.ListOf(K.Int(min=1, noun="width"), ascending=True), [480, 960], (480, 960), [960, 480],
                     "expected the widths in increasing order, found [960, 480]", id="ListOf-ascending"),
        pytest.param(K.ListOf(K.Int()), [5], (5,), 5, "expected a list of numbers, found 5", id="ListOf-not-a-list"),
        pytest.param(K.MappingOf(K.Lang(among="PRESS_LANGUAGES"), K.Text()), {"ru": "О нас"}, {"ru": "О нас"}, ["ru"],
                     "expected a mapping of language to text, found ['ru']", id="MappingOf"),
        pytest.param(K.Fields(S.SiteIdentity, required=("name",), name=K.Text(), tagline=K.Text()), {"name": "P"},
                     S.SiteIdentity("P"), {"name": "P", "logo": "l.png"}, "unknown key 'logo'; expected one of: name, tagline",
                     id="Fields-unknown"),
        pytest.param(K.Fields(S.SiteIdentity, required=("name",), name=K.Text(), tagline=K.Text()), {"name": "P"},
                     S.SiteIdentity("P"), {"tagline": "t"}, "'name' is missing; expected {'name': …, 'tagline': …}",
                     id="Fields-missing"),
        pytest.param(K.Url(), "/centre/", "/centre", 8000, "expected an address such as https://press.example.kg, found 8000",
                     id="Url"),
        pytest.param(K.Url(absolute=True), "https://press.example.kg/", "https://press.example.kg", "press.example.kg",
                     "expected an absolute address such as https://press.example.kg, found 'press.example.kg'",
                     id="Url-absolute"),
        pytest.param(K.Timezone(), "Asia/Dushanbe", "Asia/Dushanbe", "Asia/Osh",
                     "expected a time zone such as 'Asia/Bishkek', found 'Asia/Osh'", id="Timezone"),
        pytest.param(K.DateTime(zone="TIMEZONE"), "2031-03-01 09:00", dt.datetime(2031, 3, 1, 9, 0, tzinfo=ZoneInfo("Asia/Bishkek")),
                     "tomorrow", "expected an ISO date-time such as '2026-03-12T10:30:00+06:00', found 'tomorrow'",
                     id="DateTime"),
        pytest.param(K.Path(resolve=False), PurePath("cache"), "cache", 5, "expected a folder path, found 5", id="Path"),
    ],
)  # fmt: skip
def test_each_kind_takes_a_good_value_and_says_what_is_wrong_with_a_bad_one(
    kind: K.Kind[Any], good: Any, checked: Any, bad: Any, message: str
) -> None:
    assert kind.check(good, GOT) == checked
    with pytest.raises(K.Invalid) as excinfo:
        kind.check(bad, GOT)
    assert excinfo.value.message == message


def test_a_wrong_value_inside_a_setting_says_where() -> None:
    with pytest.raises(SettingsError, match=r"^PRESS_IMAGE_QUALITY\['webp'\]: expected a whole number from 1 to 100, found 0$"):
        load(settings(PRESS_IMAGE_QUALITY={"webp": 0}))
    with pytest.raises(SettingsError, match=r"^PRESS_IMAGE_WIDTHS\[1\]: expected a whole number from 16 to 8192, found '960'$"):
        load(settings(PRESS_IMAGE_WIDTHS=[480, "960"]))


def test_a_path_is_made_absolute() -> None:
    assert K.Path().check("cache/images", GOT) == os.path.abspath("cache/images")


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


def test_the_messages_language_is_taken_before_the_other_settings_are_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    from press.log import speak
    from press.build.config import SettingsExit, validate

    monkeypatch.delenv("PRESSROOM_LANG")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    try:
        with pytest.raises(SettingsExit) as said:
            validate(SimpleNamespace(settings=settings(PRESS_MESSAGES_LANG="ru", PRESS_PUBLIC=True, SITEURL="")))
        with pytest.raises(SettingsExit) as wrong:
            validate(SimpleNamespace(settings=settings(PRESS_MESSAGES_LANG="de")))
    finally:
        speak(None)
    assert str(said.value).startswith("SITEURL: ") and "адрес" in str(said.value)
    assert str(wrong.value).startswith("PRESS_MESSAGES_LANG: found 'de'; expected one of: en, ")


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
    from press import cli

    conf = tmp_path / "conf.py"
    conf.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\nPRESS_LIST_UNTRASNLATED = True\n",
                    encoding="utf-8")  # fmt: skip
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(["--settings", str(conf), "--content", str(ROOT / "content"), "check"], out=out, err=err) == 2
    assert "PRESS_LIST_UNTRASNLATED is not a Pressroom setting; did you mean PRESS_LIST_UNTRANSLATED?" in err.getvalue()


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
