"""Parsing content dates and formatting them per language with Babel.

Dates in front matter are ``YYYY-MM-DD HH:MM`` in the site's time zone, or
carry an explicit offset; YAML may already have turned them into ``date`` or
``datetime`` objects. Formatting goes through Babel per page language (never
``locale.setlocale``), and machine-readable dates are ISO 8601 with offset.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo

from babel.dates import format_date as babel_format_date
from babel.dates import format_datetime as babel_format_datetime

from .messages import Msg

EXPECTED = Msg("a date like 2026-03-12 or 2026-03-12 10:30 (optionally with an offset such as +06:00)")


def parse(value: object, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    """Return an aware datetime for a front-matter value, or raise ValueError."""
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, dt.date):
        parsed = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        text = value.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            parsed = dt.datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(_found(value)) from None
    else:
        raise ValueError(_found(value))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
    try:  # years at the edge of the calendar overflow in another time zone
        parsed.astimezone(dt.timezone.utc).astimezone(zone)
    except (OverflowError, ValueError):
        raise ValueError(_found(value)) from None
    return parsed


def _found(value: object) -> Msg:
    return Msg("found {value!r}; expected {expected}", value=value, expected=EXPECTED)


# Listings show each item's date on many pages; Babel's formatting is the
# costly part of rendering them, and its result depends only on these values.
@functools.lru_cache(maxsize=65536)
def format_date(value: dt.date, lang: str, pattern: str = "long") -> str:
    return babel_format_date(value, pattern, locale=lang)


@functools.lru_cache(maxsize=16384)
def format_datetime(value: dt.datetime, lang: str, zone: zoneinfo.ZoneInfo) -> str:
    local = value.astimezone(zone)
    return babel_format_datetime(local, "medium", tzinfo=zone, locale=lang)


def iso(value: dt.datetime) -> str:
    return value.isoformat(timespec="minutes")
