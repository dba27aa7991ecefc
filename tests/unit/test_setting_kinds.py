"""press.setting_kinds: each kind of setting takes a good value and says what is wrong with a bad one."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import PurePath
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from press import setting_kinds as K
from press import settings as S
from tests.conftest import SITE_SETTINGS


#: What the kinds that look at other settings see.
GOT = S.Got({**SITE_SETTINGS, "PRESS_LANGUAGES": ["ru", "ky"]})


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


def test_a_path_is_made_absolute() -> None:
    assert K.Path().check("cache/images", GOT) == os.path.abspath("cache/images")
