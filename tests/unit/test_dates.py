"""press.dates: front-matter dates to aware datetimes, and dates per language."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import yaml

from press import dates as _dates

BISHKEK = zoneinfo.ZoneInfo("Asia/Bishkek")
PLUS6 = dt.timedelta(hours=6)


@pytest.mark.parametrize(
    ("value", "expected", "offset"),
    [
        ("2026-03-12", dt.datetime(2026, 3, 12, 0, 0), PLUS6),
        ("2026-03-12 10:30", dt.datetime(2026, 3, 12, 10, 30), PLUS6),
        ("  2026-03-12 10:30  ", dt.datetime(2026, 3, 12, 10, 30), PLUS6),
        ("2026-03-12T10:30", dt.datetime(2026, 3, 12, 10, 30), PLUS6),
        ("2026-03-12 10:30+05:00", dt.datetime(2026, 3, 12, 10, 30), dt.timedelta(hours=5)),
        ("2026-03-12 10:30Z", dt.datetime(2026, 3, 12, 10, 30), dt.timedelta(0)),
        ("2026-03-12T10:30:00z", dt.datetime(2026, 3, 12, 10, 30), dt.timedelta(0)),
    ],
)
def test_parse_strings(value: str, expected: dt.datetime, offset: dt.timedelta) -> None:
    parsed = _dates.parse(value, BISHKEK)
    assert parsed.tzinfo is not None
    assert parsed.replace(tzinfo=None) == expected
    assert parsed.utcoffset() == offset


def test_naive_values_are_in_the_site_zone() -> None:
    parsed = _dates.parse("2026-03-12 10:30", BISHKEK)
    assert parsed.tzinfo == BISHKEK
    assert parsed == dt.datetime(2026, 3, 12, 4, 30, tzinfo=dt.timezone.utc)


def test_an_explicit_offset_is_kept_not_replaced_by_the_site_zone() -> None:
    parsed = _dates.parse("2026-03-12 10:30+05:00", BISHKEK)
    assert parsed == dt.datetime(2026, 3, 12, 5, 30, tzinfo=dt.timezone.utc)


def test_the_site_zone_is_the_one_passed() -> None:
    dushanbe = zoneinfo.ZoneInfo("Asia/Dushanbe")
    parsed = _dates.parse("2026-03-12 10:30", dushanbe)
    assert parsed.tzinfo == dushanbe
    assert parsed.utcoffset() == dt.timedelta(hours=5)


def test_yaml_date_object() -> None:
    value = yaml.safe_load("date: 2026-03-12")["date"]
    assert type(value) is dt.date
    parsed = _dates.parse(value, BISHKEK)
    assert parsed == dt.datetime(2026, 3, 12, 0, 0, tzinfo=BISHKEK)


def test_yaml_naive_datetime_object() -> None:
    value = yaml.safe_load("date: 2026-03-12 10:30:00")["date"]
    assert isinstance(value, dt.datetime) and value.tzinfo is None
    parsed = _dates.parse(value, BISHKEK)
    assert parsed == dt.datetime(2026, 3, 12, 10, 30, tzinfo=BISHKEK)
    assert parsed.utcoffset() == PLUS6


def test_yaml_aware_datetime_object() -> None:
    value = yaml.safe_load("date: 2026-03-12 10:30:00+05:00")["date"]
    assert isinstance(value, dt.datetime) and value.tzinfo is not None
    parsed = _dates.parse(value, BISHKEK)
    assert parsed.utcoffset() == dt.timedelta(hours=5)
    assert parsed == dt.datetime(2026, 3, 12, 5, 30, tzinfo=dt.timezone.utc)


def test_python_date_and_datetime_objects() -> None:
    assert _dates.parse(dt.date(2026, 3, 12), BISHKEK) == dt.datetime(2026, 3, 12, tzinfo=BISHKEK)
    aware = dt.datetime(2026, 3, 12, 10, 30, tzinfo=dt.timezone.utc)
    assert _dates.parse(aware, BISHKEK) is aware


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("next Tuesday", "'next Tuesday'"),
        ("12.03.2026", "'12.03.2026'"),
        ("2026-13-01", "'2026-13-01'"),
        ("2026-02-30 10:00", "'2026-02-30 10:00'"),
        ("", "''"),
        (20260312.5, "20260312.5"),
        (True, "True"),
        (None, "None"),
        (["2026-03-12"], "['2026-03-12']"),
    ],
)
def test_garbage_raises_value_error_saying_what_was_found_and_expected(value: object, shown: str) -> None:
    with pytest.raises(ValueError) as excinfo:
        _dates.parse(value, BISHKEK)
    message = str(excinfo.value)
    assert message.startswith(f"found {shown};")
    assert "expected" in message
    assert "2026-03-12 10:30" in message  # the example of what is expected
    assert message.endswith(_dates.EXPECTED)


DAY = dt.datetime(2016, 12, 20, 10, 0, tzinfo=BISHKEK)


@pytest.mark.parametrize(
    ("lang", "pattern", "shown"),
    [
        ("ru", "d MMMM y", "20 декабря 2016"),
        ("ru", "long", "20 декабря 2016\u202fг."),  # Babel: narrow no-break space
        ("ky", "long", "2016-ж., 20-декабрь"),
        ("en", "long", "December 20, 2016"),
        ("tg", "long", "20 Декабр 2016"),
        ("en", "yyyy-MM-dd", "2016-12-20"),
    ],
)
def test_format_date_per_language(lang: str, pattern: str, shown: str) -> None:
    assert _dates.format_date(DAY, lang, pattern) == shown


def test_format_date_uses_long_by_default() -> None:
    assert _dates.format_date(DAY, "en") == "December 20, 2016"


def test_format_datetime_is_in_the_site_zone() -> None:
    utc = dt.datetime(2016, 12, 20, 4, 0, tzinfo=dt.timezone.utc)
    shown = _dates.format_datetime(utc, "en", BISHKEK)
    assert "Dec 20, 2016" in shown
    assert "10:00" in shown


def test_iso_keeps_the_offset_to_the_minute() -> None:
    assert _dates.iso(dt.datetime(2026, 3, 12, 10, 30, 15, tzinfo=BISHKEK)) == "2026-03-12T10:30+06:00"
