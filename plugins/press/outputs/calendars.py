"""Announcements as events: iCalendar files and upcoming events.

Hook: ``get_generators`` adds :class:`EventsGenerator`, which writes, for
each language, one ``event.ics`` per announcement beside its page and a
``calendar.ics`` of all that language's announcements for subscription.
pelican-events makes UIDs from the title and summary (an edit duplicates the
event in every calendar), writes a placeholder PRODID and crashes without
``metadata_field_for_summary``; this module uses the ``icalendar`` library
with RFC 5545 in mind:

* UID from the item folder and language: stable across builds and edits;
* DTSTART/DTEND with TZID and a generated VTIMEZONE (the site's zone);
* DTSTAMP from ``modified`` (else ``date``), so the same content gives the
  same bytes; SEQUENCE counts minutes from ``date`` to ``modified``, so it grows whenever an editor records a change;
* STATUS: CONFIRMED, CANCELLED or TENTATIVE (postponed).

Template globals: ``upcoming_events()`` (announcements of the page's language
that start after the build time, soonest first), ``event_passed(item)`` and
``event_ics_url(item)``.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from jinja2 import pass_context
from jinja2.runtime import Context
from pelican.generators import Generator

from ..settings import load
from ..site.reader import CONTEXT_KEY
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


def to_ical_event(item: Any, site: str, host: str) -> ICalEvent:
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
    ical.add("sequence", sequence(item))
    if item.description:
        ical.add("description", item.description)
    if event.online_url:
        ical.add("conference", event.online_url, parameters={"VALUE": "URI"})
    return ical


def calendar(items: list[Any], name: str, site: str, host: str, lang: str) -> bytes:
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
        cal.add_component(to_ical_event(item, site, host))
    cal.add_missing_timezones()
    return cal.to_ical()


class EventsGenerator(Generator):
    """Writes the iCalendar files of every published announcement."""

    def generate_context(self) -> None:
        self.press = load(self.settings)

    def generate_output(self, writer: Any) -> None:
        site = self.press.site_url
        host = urlsplit(site).hostname or "localhost"
        for lang in self.press.languages:
            items = event_items(self.context, lang)
            if not items:
                continue
            for item in items:
                self._write(f"{ics_url(item)}", calendar([item], item.title, site, host, lang))
            name = self.press.identity(lang).name
            self._write(f"{lang}/announcements/calendar.ics", calendar(items, name, site, host, lang))

    def _write(self, url: str, data: bytes) -> None:
        path = os.path.join(self.output_path, url)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)


@pass_context
def upcoming_events(ctx: Context, limit: int = 3) -> list[Any]:
    now = ctx[CONTEXT_KEY].build_time
    items = event_items(ctx, page_lang(ctx))
    return [i for i in items if i.event.start > now][:limit]


@pass_context
def event_passed(ctx: Context, item: Any) -> bool:
    event = item.event
    return (event.end or event.start) < ctx[CONTEXT_KEY].build_time


def install(generator: Any) -> None:
    generator.env.globals.update(
        upcoming_events=upcoming_events, event_passed=event_passed, event_ics_url=ics_url
    )


def get_generators(pelican: Any) -> type[Generator]:
    return EventsGenerator
