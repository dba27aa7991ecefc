"""Announcements as events: iCalendar files and upcoming events.

Hook: ``get_generators`` adds :class:`EventsGenerator`, which writes, for
each language, one ``event.ics`` per announcement beside its page and a
``calendar.ics`` of all that language's announcements for subscription.
pelican-events makes UIDs from the title and summary (an edit duplicates the
event in every calendar), writes a placeholder PRODID and crashes without
``metadata_field_for_summary``; this module uses the ``icalendar`` library
with RFC 5545 in mind:

* UID from the item folder and language: stable across builds and edits;
* DTSTART/DTEND with TZID and the VTIMEZONE icalendar makes for it: the
  event's own zone (``event.timezone``, else its first region's, else the
  site's; see press.content.loader), so a forum in Khujand is at 9:00
  Dushanbe time in every calendar;
* DTSTAMP from ``modified`` (else ``date``), so the same content gives the
  same bytes;
* SEQUENCE: at least the minutes from ``date`` to ``modified`` (it grows
  whenever an editor records a change), and one more than the last published
  one whenever the event's time, place or status differs from what the last
  build published, which the build remembers in its cache
  (``press-cache.sqlite``, table ``event_sequence``), so a calendar app takes
  a moved event as an update even when nobody touched ``modified``;
* STATUS: CONFIRMED, CANCELLED or TENTATIVE (postponed).

Template globals: ``upcoming_events()`` (announcements of the page's language
that start after the build time, soonest first), ``event_passed(item)``,
``event_ics_url(item)`` and ``event_when(item)`` (the range as the page's
language writes it, each moment in ``<time>``, and the zone when it is not
the site's). Whether an event has passed depends on the build time: the
rule is :mod:`press.content.timeline`'s, so the pages are built again when
it passes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import zoneinfo
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from babel.dates import get_timezone_location
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape
from pelican.generators import Generator

from ..content import timeline
from .. import dates as _dates
from ..settings import PressSettings, load
from ..store import Store
from ..site.reader import CONTEXT_KEY, cache_file
from ..site.i18n import page_lang
from ..site.listings import published_items

if TYPE_CHECKING:
    from icalendar import Event as ICalEvent

ICS_STATUS = {"scheduled": "CONFIRMED", "cancelled": "CANCELLED", "postponed": "TENTATIVE"}
PRODID = "-//Pressroom//Press centre events//EN"


def event_items(context: dict[str, Any], lang: str | None = None) -> list[Any]:
    items = [i for i in published_items(context) if getattr(i, "event", None) is not None]
    if lang is not None:
        items = [i for i in items if i.lang == lang]
    return sorted(items, key=lambda i: (i.event.start, i.bundle))


def ics_url(item: Any) -> str:
    return f"{item.url}event.ics"


def sequence(item: Any) -> int:
    """Minutes from publication to the last recorded change (0 if unchanged)."""
    changed = getattr(item, "modified", None)
    if changed is None:
        return 0
    return max(0, int((changed - item.date).total_seconds() // 60))


def facts(event: Any) -> str:
    """What a calendar must take as a change: the time, the place, the status."""
    return json.dumps([
        _dates.iso(event.start), _dates.iso(event.end) if event.end else "", event.timezone,
        str(event.location or ""), str(event.address or ""), event.online_url, event.status,
    ], ensure_ascii=False)  # fmt: skip


def sequences(items: list[Any], path: str | None, remember: bool) -> dict[tuple[str, str], int]:
    """SEQUENCE of each event: :func:`sequence`, and one more than the last
    published one when :func:`facts` changed since. ``path``: the cache file
    (None: no memory); ``remember`` False (a preview) reads it only."""
    keys = {(item.bundle, item.lang): item for item in items}
    if path is None:
        return {key: sequence(item) for key, item in keys.items()}
    with Store(path, "event_sequence") as store:
        known = store.get_many(f"{bundle}/{lang}" for bundle, lang in keys)
        out, new = {}, {}
        for (bundle, lang), item in keys.items():
            key, now = f"{bundle}/{lang}", facts(item.event)
            last = json.loads(known[key]) if isinstance(known.get(key), str) else None
            number = sequence(item)
            if last is not None:
                number = max(number, last["sequence"] + (last["facts"] != now))
            out[(bundle, lang)] = number
            if last is None or last != {"facts": now, "sequence": number}:
                new[key] = json.dumps({"facts": now, "sequence": number}, ensure_ascii=False)
        if new and remember:
            store.update(new)
    return out


def to_ical_event(item: Any, site: str, host: str, seq: int | None = None) -> ICalEvent:
    from icalendar import Event as ICalEvent  # see calendar()

    event = item.event
    ical = ICalEvent()
    folder = item.bundle.split("/", 1)[1]
    ical.add("uid", f"{folder}.{item.lang}@{host}")
    stamp = getattr(item, "modified", None) or item.date
    ical.add("dtstamp", stamp.astimezone(dt.timezone.utc))
    ical.add("dtstart", event.start)
    if event.end is not None:
        ical.add("dtend", event.end)
    ical.add("summary", item.title)
    place = ", ".join(str(p) for p in (event.location, event.address) if p)
    if place:
        ical.add("location", place)
    ical.add("url", f"{site}/{item.url}")
    ical.add("status", ICS_STATUS[event.status])
    ical.add("sequence", sequence(item) if seq is None else seq)
    if item.description:
        ical.add("description", item.description)
    if event.online_url:
        ical.add("conference", event.online_url, parameters={"VALUE": "URI"})
    return ical


def calendar(
    items: list[Any], name: str, site: str, host: str, lang: str, seqs: dict[tuple[str, str], int] | None = None
) -> bytes:
    # imported only by a build that writes a calendar: the import takes
    # 60-120 ms, and most rebuilds write none
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-language", lang)
    for item in items:
        seq = None if seqs is None else seqs.get((item.bundle, item.lang))
        cal.add_component(to_ical_event(item, site, host, seq))
    cal.add_missing_timezones()
    return cal.to_ical()


class EventsGenerator(Generator):
    """Writes the iCalendar files of every published announcement."""

    def generate_context(self) -> None:
        self.press = load(self.settings)

    def generate_output(self, writer: Any) -> None:
        site = self.press.site_url
        host = urlsplit(site).hostname or "localhost"
        every = event_items(self.context)
        seqs = sequences(every, cache_file(self.settings), remember=not self.press.preview) if every else {}
        for lang in self.press.languages:
            items = [i for i in every if i.lang == lang]
            if not items:
                continue
            for item in items:
                self._write(f"{ics_url(item)}", calendar([item], item.title, site, host, lang, seqs))
            name = self.press.identity(lang).name
            self._write(f"{lang}/announcements/calendar.ics", calendar(items, name, site, host, lang, seqs))

    def _write(self, url: str, data: bytes) -> None:
        path = os.path.join(self.output_path, url)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)


@pass_context
def upcoming_events(ctx: Context, limit: int = 3) -> list[Any]:
    now = ctx[CONTEXT_KEY].build_time
    items = event_items(ctx, page_lang(ctx))
    return [i for i in items if timeline.event_upcoming(i.event, now)][:limit]


@pass_context
def event_passed(ctx: Context, item: Any) -> bool:
    return timeline.event_passed(item.event, ctx[CONTEXT_KEY].build_time)


@dataclass(frozen=True)
class EventTime:
    """An event's time as a page shows it (see :func:`event_when`)."""

    html: Markup  # the range, each moment in <time datetime>
    city: str  # the city that names the event's zone, when it is not the site's; else ""
    offset: str  # the zone's offset from UTC then, e.g. "+5"


def event_time(event: Any, lang: str, press: PressSettings) -> EventTime:
    zone = zoneinfo.ZoneInfo(event.timezone or press.timezone)
    pieces = _dates.format_range(event.start, event.end, lang, zone)
    html = "".join(
        f'<time datetime="{_dates.iso(moment)}">{escape(text)}</time>' if moment else str(escape(text))
        for text, moment in pieces
    )
    if zone.key == press.timezone:
        return EventTime(Markup(html), "", "")
    return EventTime(Markup(html), get_timezone_location(zone, locale=lang, return_city=True), utc_offset(event.start))


def utc_offset(moment: dt.datetime) -> str:
    """«+5», «+5:30», «-3» (the offset of ``moment`` from UTC)."""
    minutes = int((moment.utcoffset() or dt.timedelta()).total_seconds() // 60)
    sign, minutes = ("-" if minutes < 0 else "+"), abs(minutes)
    return f"{sign}{minutes // 60}" + (f":{minutes % 60:02d}" if minutes % 60 else "")


@pass_context
def event_when(ctx: Context, item: Any) -> EventTime:
    return event_time(item.event, page_lang(ctx), ctx["PRESS_SETTINGS"])


def install(generator: Any) -> None:
    generator.env.globals.update(
        upcoming_events=upcoming_events, event_passed=event_passed, event_ics_url=ics_url, event_when=event_when
    )


def get_generators(pelican: Any) -> type[Generator]:
    return EventsGenerator
