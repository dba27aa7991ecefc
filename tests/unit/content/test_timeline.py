"""press.content.timeline: every answer that depends on the build time
changes only at a moment the timeline lists, so the up-to-date stamp's end
and the page keys follow every rule."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest

from press.content import timeline
from press.content.model import Event

BISHKEK = dt.timezone(dt.timedelta(hours=6))
DATE = dt.datetime(2026, 11, 20, 10, 0, tzinfo=BISHKEK)
ENTRIES = {
    "a press release under embargo": ("press-releases", {"date": DATE, "embargo": DATE + dt.timedelta(hours=3)}),
    "a news item": ("news", {"date": DATE}),
    "a forum over two days": ("events", {
        "date": DATE,
        "event": Event(start=DATE + dt.timedelta(days=5), end=DATE + dt.timedelta(days=6, hours=8)),
    }),
    "a meeting without an end": ("events", {"date": DATE, "event": Event(start=DATE + dt.timedelta(days=1))}),
}


def answers(section: str, meta: dict[str, Any], now: dt.datetime) -> tuple[bool, ...]:
    """Every predicate of the timeline for one entry at ``now``."""
    event = meta.get("event")
    return (
        timeline.under_embargo(meta.get("embargo"), now),
        timeline.in_news_window(meta["date"], now),
        timeline.may_lead(section, meta["date"], now),
        event is not None and timeline.event_upcoming(event, now),
        event is not None and timeline.event_passed(event, now),
    )


@pytest.mark.parametrize("name", ENTRIES)
def test_answers_change_only_at_the_listed_moments(name: str) -> None:
    section, meta = ENTRIES[name]
    moments = sorted(set(timeline.moments(section, meta)))
    edges = [DATE - dt.timedelta(days=400), *moments, DATE + dt.timedelta(days=400)]
    second = dt.timedelta(seconds=1)
    changes = 0
    for start, end in zip(edges, edges[1:]):
        # inside one interval, every answer is the same; the moments
        # themselves belong to either side
        inside = {answers(section, meta, start + second + (end - start - 2 * second) * k / 8) for k in range(9)}
        assert len(inside) == 1, (name, start, end, inside)
        changes += answers(section, meta, start - second) != answers(section, meta, start + second)
    assert changes >= len(moments) - 1  # a moment listed changes something (the date may coincide)


def test_the_stamp_ends_at_the_first_moment_to_come() -> None:
    bundles = {
        key: SimpleNamespace(section=section, entries={"ru": SimpleNamespace(meta=meta, lang="ru")}, key=key)
        for key, (section, meta) in ENTRIES.items()
    }
    index = SimpleNamespace(bundles=bundles, build_time=DATE + dt.timedelta(hours=1))
    assert timeline.valid_until(index) == DATE + dt.timedelta(hours=3)  # the embargo lifts
    index.build_time = DATE + dt.timedelta(days=3)
    assert timeline.valid_until(index) == DATE + dt.timedelta(days=5)  # the forum starts
    index.build_time = DATE + dt.timedelta(days=31)
    assert timeline.valid_until(index) is None
    assert timeline.still_holds(DATE, DATE + dt.timedelta(hours=3), DATE + dt.timedelta(hours=2))
    assert not timeline.still_holds(DATE, DATE + dt.timedelta(hours=3), DATE + dt.timedelta(hours=3))
    assert not timeline.still_holds(DATE, None, DATE - dt.timedelta(minutes=1))  # a clock set back


def test_event_phases_follow_the_build_time() -> None:
    section, meta = ENTRIES["a forum over two days"]
    index = SimpleNamespace(
        bundles={"events/forum": SimpleNamespace(section=section, key="events/forum",
                                                 entries={"ky": SimpleNamespace(meta=meta, lang="ky")})},
        build_time=DATE,
    )  # fmt: skip
    assert timeline.event_phases(index) == [("events/forum", "ky", True, False)]
    index.build_time = DATE + dt.timedelta(days=5, hours=1)
    assert timeline.event_phases(index) == [("events/forum", "ky", False, False)]
    index.build_time = DATE + dt.timedelta(days=7)
    assert timeline.event_phases(index) == [("events/forum", "ky", False, True)]
