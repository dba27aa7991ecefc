"""press.dates: front-matter dates to aware datetimes, and dates per language."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import yaml

from press import dates

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
    parsed = dates.parse(value, BISHKEK)
    assert parsed.tzinfo is not None
    assert parsed.replace(tzinfo=None) == expected
    assert parsed.utcoffset() == offset


def test_naive_values_are_in_the_site_zone() -> None:
    parsed = dates.parse("2026-03-12 10:30", BISHKEK)
    assert parsed.tzinfo == BISHKEK
    assert parsed == dt.datetime(2026, 3, 12, 4, 30, tzinfo=dt.timezone.utc)


def test_an_explicit_offset_is_kept_not_replaced_by_the_site_zone() -> None:
    parsed = dates.parse("2026-03-12 10:30+05:00", BISHKEK)
    assert parsed == dt.datetime(2026, 3, 12, 5, 30, tzinfo=dt.timezone.utc)


def test_the_site_zone_is_the_one_passed() -> None:
    dushanbe = zoneinfo.ZoneInfo("Asia/Dushanbe")
    parsed = dates.parse("2026-03-12 10:30", dushanbe)
    assert parsed.tzinfo == dushanbe
    assert parsed.utcoffset() == dt.timedelta(hours=5)


def test_yaml_date_object() -> None:
    value = yaml.safe_load("date: 2026-03-12")["date"]
    assert type(value) is dt.date
    parsed = dates.parse(value, BISHKEK)
    assert parsed == dt.datetime(2026, 3, 12, 0, 0, tzinfo=BISHKEK)


def test_yaml_naive_datetime_object() -> None:
    value = yaml.safe_load("date: 2026-03-12 10:30:00")["date"]
    assert isinstance(value, dt.datetime) and value.tzinfo is None
    parsed = dates.parse(value, BISHKEK)
    assert parsed == dt.datetime(2026, 3, 12, 10, 30, tzinfo=BISHKEK)
    assert parsed.utcoffset() == PLUS6


def test_yaml_aware_datetime_object() -> None:
    value = yaml.safe_load("date: 2026-03-12 10:30:00+05:00")["date"]
    assert isinstance(value, dt.datetime) and value.tzinfo is not None
    parsed = dates.parse(value, BISHKEK)
    assert parsed.utcoffset() == dt.timedelta(hours=5)
    assert parsed == dt.datetime(2026, 3, 12, 5, 30, tzinfo=dt.timezone.utc)


def test_python_date_and_datetime_objects() -> None:
    assert dates.parse(dt.date(2026, 3, 12), BISHKEK) == dt.datetime(2026, 3, 12, tzinfo=BISHKEK)
    aware = dt.datetime(2026, 3, 12, 10, 30, tzinfo=dt.timezone.utc)
    assert dates.parse(aware, BISHKEK) is aware


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
        dates.parse(value, BISHKEK)
    message = str(excinfo.value)
    assert message.startswith(f"found {shown};")
    assert "expected" in message
    assert "2026-03-12 10:30" in message  # the example of what is expected
    assert message.endswith(dates.EXPECTED)


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
    assert dates.format_date(DAY, lang, pattern) == shown


def test_format_date_uses_long_by_default() -> None:
    assert dates.format_date(DAY, "en") == "December 20, 2016"


def test_format_datetime_is_in_the_site_zone() -> None:
    utc = dt.datetime(2016, 12, 20, 4, 0, tzinfo=dt.timezone.utc)
    shown = dates.format_datetime(utc, "en", BISHKEK)
    assert "Dec 20, 2016" in shown
    assert "10:00" in shown


def test_iso_keeps_the_offset_to_the_minute() -> None:
    assert dates.iso(dt.datetime(2026, 3, 12, 10, 30, 15, tzinfo=BISHKEK)) == "2026-03-12T10:30+06:00"


DUSHANBE = zoneinfo.ZoneInfo("Asia/Dushanbe")
START = dt.datetime(2030, 5, 14, 10, 0, tzinfo=DUSHANBE)


def _range(end: dt.datetime | None, lang: str, zone: zoneinfo.ZoneInfo = DUSHANBE) -> str:
    return "".join(text for text, _ in dates.format_range(START, end, lang, zone))


@pytest.mark.parametrize(
    ("lang", "shown"),
    [
        ("ru", "10 февр. 2027\u202fг., 10:00"),
        ("ky", "2027-ж., 10-фев. 10:00"),
        ("tg", "10 Фев 2027 10:00"),
        ("en", "Feb 10, 2027, 10:00\u202fAM"),
    ],
)
def test_a_moment_has_no_seconds(lang: str, shown: str) -> None:
    moment = dt.datetime(2027, 2, 10, 10, 0, 30, tzinfo=BISHKEK)
    assert dates.format_datetime(moment, lang, BISHKEK) == shown


@pytest.mark.parametrize(
    ("lang", "shown"),
    [
        ("ru", "14 мая 2030\u202fг., 10:00–17:00"),
        ("ky", "2030-ж., 14-май 10:00–17:00"),
        ("tg", "14 Май 2030 10:00 – 17:00"),
        ("en", "May 14, 2030, 10:00\u202fAM\u2009–\u20095:00\u202fPM"),
    ],
)
def test_a_range_of_one_day_names_the_date_once(lang: str, shown: str) -> None:
    assert _range(START.replace(hour=17), lang) == shown


def test_a_range_over_days_names_both_moments() -> None:
    assert _range(START.replace(day=15, hour=17), "ru") == "14 мая 2030\u202fг., 10:00 – 15 мая 2030\u202fг., 17:00"
    # not CLDR's tg date interval, which is root's English order («Май 14 – 15, 2030»)
    assert _range(START.replace(day=15, hour=17), "tg") == "14 Май 2030 10:00 – 15 Май 2030 17:00"


def test_english_times_of_one_half_day_keep_their_period() -> None:
    # CLDR writes «10:00 – 11:00 AM»; the end stays a time of its own
    assert _range(START.replace(hour=11), "en") == "May 14, 2030, 10:00\u202fAM\u2009–\u200911:00\u202fAM"


def test_each_piece_of_a_range_knows_its_moment() -> None:
    end = START.replace(hour=17)
    assert [moment for _, moment in dates.format_range(START, end, "ru", DUSHANBE)] == [START, None, end]
    assert dates.format_range(START, None, "ru", DUSHANBE) == [("14 мая 2030\u202fг., 10:00", START)]


def test_a_range_is_shown_in_the_zone_given() -> None:
    # 10:00 in Dushanbe is 11:00 in Bishkek
    assert _range(START.replace(hour=17), "ru", BISHKEK) == "14 мая 2030\u202fг., 11:00–18:00"


def test_tajik_dates_follow_cldr() -> None:
    # CLDR's tg: day first and zero-padded, its own month names (Babel's data, unchanged)
    assert dates.format_date(dt.date(2026, 6, 9), "tg") == "09 Июн 2026"


def test_a_naive_value_stays_naive_without_a_zone_until_localized() -> None:
    naive = dates.parse("2030-05-14 10:00", None)
    assert naive.tzinfo is None
    assert dates.localize(naive, DUSHANBE) == START
    offset = dates.parse("2030-05-14 10:00+06:00", None)
    assert dates.localize(offset, DUSHANBE).utcoffset() == PLUS6
