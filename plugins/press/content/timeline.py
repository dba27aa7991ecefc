"""The one rule for what depends on the build time.

What a build publishes changes with the clock even when no file does: an
embargo lifts, an event starts and passes, an item leaves the two-day news
sitemap, a press release stops leading the home page. Every comparison of
a date with the build time is a predicate here, and :func:`moments` lists
the moments those predicates compare, next to them, so that

* press.build.uptodate's stamp ends at the first of them to come
  (:func:`valid_until`: the same inputs build a different site then), and
* press.outputs.page_keys keys every page with the side of each event's
  moments the build is on (:func:`event_phases`: the upcoming events and
  the «past event» marks that any page may show),

and neither can miss one: a new rule added here, with its moments, is seen
by both. ``tests/unit/test_architecture.py`` fails on a comparison with the
build time anywhere else.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

#: How long an item stays in the news sitemap (Google News reads two days).
NEWS_WINDOW = dt.timedelta(days=2)
#: How long a press release may lead the home page.
LEAD_WINDOW = dt.timedelta(days=30)


def now(settings: Any) -> dt.datetime:
    """The build time: ``PRESS_BUILD_TIME``, else the clock, in the site's zone."""
    return settings.build_time or dt.datetime.now(settings.zone)


# --- the predicates -------------------------------------------------------------------


def under_embargo(embargo: dt.datetime | None, now: dt.datetime) -> bool:
    return embargo is not None and embargo > now


def event_upcoming(event: Any, now: dt.datetime) -> bool:
    return bool(event.start > now)


def event_passed(event: Any, now: dt.datetime) -> bool:
    return bool((event.end or event.start) < now)


def in_news_window(date: dt.datetime, now: dt.datetime) -> bool:
    """Whether an item of ``date`` belongs in the news sitemap."""
    return now - NEWS_WINDOW <= date <= now


def may_lead(section: str, date: dt.datetime, now: dt.datetime) -> bool:
    """Whether an item may lead the home page as a recent press release."""
    return section == "press-releases" and now - LEAD_WINDOW <= date <= now


# --- their moments --------------------------------------------------------------------


def moments(section: str, meta: dict[str, Any]) -> list[dt.datetime]:
    """Every moment at which a predicate above changes its answer for an
    entry of ``section`` with front matter ``meta``."""
    found: list[Any] = [meta.get("embargo")]
    event = meta.get("event")
    if event is not None:
        found += [event.start, event.end]
    date = meta.get("date")
    if isinstance(date, dt.datetime):
        found += [date, date + NEWS_WINDOW]
        if section == "press-releases":
            found.append(date + LEAD_WINDOW)
    return [m for m in found if isinstance(m, dt.datetime)]


def valid_until(index: Any) -> dt.datetime | None:
    """The first moment after the build time at which the same inputs build
    a different site; None when nothing is pending."""
    at = index.build_time
    future = [
        m for bundle in index.bundles.values() for entry in bundle.entries.values()
        for m in moments(bundle.section, entry.meta) if m > at
    ]  # fmt: skip
    return min(future, default=None)


def still_holds(built: dt.datetime, until: dt.datetime | None, now: dt.datetime) -> bool:
    """Whether a site built at ``built``, valid until ``until`` (its
    :func:`valid_until`), is what a build at ``now`` makes of the same inputs."""
    return built <= now and (until is None or now < until)


def event_phases(index: Any) -> list[tuple[str, str, bool, bool]]:
    """Each event's side of its moments at the build time: (item folder,
    language, upcoming, passed), sorted."""
    at = index.build_time
    phases = []
    for bundle in index.bundles.values():
        for entry in bundle.entries.values():
            event = entry.meta.get("event")
            if event is not None:
                phases.append((bundle.key, entry.lang, event_upcoming(event, at), event_passed(event, at)))
    return sorted(phases)
