"""Parsing content dates and formatting them per language with Babel.

Dates in front matter are ``YYYY-MM-DD HH:MM`` in the site's time zone, or
carry an explicit offset; YAML may already have turned them into ``date`` or
``datetime`` objects. Formatting goes through Babel per page language (never
``locale.setlocale``), and machine-readable dates are ISO 8601 with offset.

No date shown to a reader has seconds: a time is CLDR's short time of the
language (``10:00``, ``10:00 AM``), glued to the date by CLDR's own pattern
(«14 мая 2030 г., 10:00», Tajik «14 Май 2030 10:00»). A range of one day
names the date once and the times as CLDR's interval of hours and minutes
(«14 мая 2030 г., 10:00–17:00»); a range over days joins the two moments
with the language's interval fallback («{0} – {1}»). Tajik follows CLDR's
``tg`` data as Babel ships it (day first and zero-padded, «09 Июн 2026»); its
date intervals (``yMMMd``) are not Tajik but root's English order («Май
14 – 15, 2030»), which is why ranges over days never use them.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_interval, format_time

from .messages import Msg

EXPECTED = Msg("a date like 2026-03-12 or 2026-03-12 10:30 (optionally with an offset such as +06:00)")


def parse(value: object, zone: zoneinfo.ZoneInfo | None) -> dt.datetime:
    """Return an aware datetime for a front-matter value, or raise ValueError.

    ``zone`` None keeps a value written without an offset naive, for a time
    whose zone is known only later (an event's: see :func:`localize`)."""
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
    if zone is None and parsed.tzinfo is None:
        return parsed
    return localize(parsed, zone or dt.timezone.utc, value)


def localize(value: dt.datetime, zone: dt.tzinfo, written: object = None) -> dt.datetime:
    """``value`` in ``zone`` if it has no offset of its own; ValueError if it
    cannot be told in UTC (years at the edge of the calendar)."""
    parsed = value if value.tzinfo is not None else value.replace(tzinfo=zone)
    try:
        parsed.astimezone(dt.timezone.utc).astimezone(zone)
    except (OverflowError, ValueError):
        raise ValueError(_found(value if written is None else written)) from None
    return parsed


def _found(value: object) -> Msg:
    return Msg("found {value!r}; expected {expected}", value=value, expected=EXPECTED)


# Listings show each item's date on many pages; Babel's formatting is the
# costly part of rendering them, and its result depends only on these values.
@functools.lru_cache(maxsize=65536)
def format_date(value: dt.date, lang: str, pattern: str = "long") -> str:
    return babel_format_date(value, pattern, locale=lang)


@functools.lru_cache(maxsize=16384)
def format_datetime(value: dt.datetime, lang: str, zone: zoneinfo.ZoneInfo, pattern: str = "medium") -> str:
    """A moment in ``zone``: the date in ``pattern``, then the time without seconds."""
    local = value.astimezone(zone)
    return _glue(lang).format(_time(local, lang), format_date(local, lang, pattern))


def format_range(
    start: dt.datetime, end: dt.datetime | None, lang: str, zone: zoneinfo.ZoneInfo, pattern: str = "medium"
) -> list[tuple[str, dt.datetime | None]]:
    """A range as pieces of text, each with the moment it stands for (None:
    words between), so a page can mark each moment with ``<time>``:
    [(«14 мая 2030 г., 10:00», start), («–», None), («17:00», end)]."""
    first = format_datetime(start, lang, zone, pattern)
    if end is None or end == start:
        return [(first, start)]
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    between = _fallback(lang).partition("{0}")[2].partition("{1}")[0] or " – "
    if local_start.date() == local_end.date():
        between = _time_interval(local_start, local_end, lang) or between
        return [(first, start), (between, None), (_time(local_end, lang), end)]
    return [(first, start), (between, None), (format_datetime(end, lang, zone, pattern), end)]


def _time(local: dt.datetime, lang: str) -> str:
    return format_time(local, "short", tzinfo=local.tzinfo, locale=lang)


def _time_interval(start: dt.datetime, end: dt.datetime, lang: str) -> str | None:
    """What CLDR puts between two times of one day («–», « – »), or None
    when its interval is not the two short times (English «10:00 – 11:00 AM»
    names the period once; then the interval fallback's words are used)."""
    skeleton = "Hm" if "H" in Locale.parse(lang).time_formats["short"].pattern else "hm"
    text = format_interval(start, end, skeleton, tzinfo=start.tzinfo, locale=lang)
    first, last = _time(start, lang), _time(end, lang)
    if text.startswith(first) and text.endswith(last) and len(text) > len(first) + len(last):
        return text[len(first) : len(text) - len(last)]
    return None


@functools.lru_cache(maxsize=64)
def _glue(lang: str) -> str:
    """CLDR's pattern that joins a date ({1}) and a time ({0})."""
    return str(Locale.parse(lang).datetime_formats["medium"])


@functools.lru_cache(maxsize=64)
def _fallback(lang: str) -> str:
    return str(Locale.parse(lang).interval_formats.get(None) or "{0} – {1}")


def iso(value: dt.datetime) -> str:
    return value.isoformat(timespec="minutes")
