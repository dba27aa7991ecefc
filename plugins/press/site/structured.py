"""Structured data and sharing metadata: JSON-LD, OpenGraph, Twitter cards.

Hook: ``generator_init`` — adds the template globals ``json_ld()`` and
``og_locale(lang)``. pelican-seo emits ``Article`` (not ``NewsArticle``),
non-ISO dates and ``og:locale`` en_US on Kyrgyz pages, and writes a report
into the working directory, so the data is built here from our typed model:

* ``NewsArticle`` for news, press releases, speeches (and the other item
  sections): headline, datePublished/dateModified with offsets, author,
  publisher, image, inLanguage;
* ``Event`` for announcements: name, startDate, endDate, eventStatus,
  location as a Place with its address (or a VirtualLocation), organizer;
* ``BreadcrumbList`` on every page.

The JSON is escaped for embedding in ``<script>`` (no ``</`` can close it).
"""

from __future__ import annotations

import json
from typing import Any

from babel.core import get_global
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from .. import dates as _dates
from .i18n import page_lang
from ..outputs.images import share_image

EVENT_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "postponed": "https://schema.org/EventPostponed",
}


def _absolute(ctx: Context, url: str) -> str:
    return f"{ctx['PRESS_SETTINGS'].site_url}/{url.lstrip('/')}"


def _organization(ctx: Context, lang: str) -> dict[str, Any]:
    identity = ctx["PRESS_SETTINGS"].identity(lang)
    return {"@type": "Organization", "name": identity.name, "url": _absolute(ctx, f"{lang}/")}


def _breadcrumbs(ctx: Context, trail: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": _absolute(ctx, url)}
            for n, (name, url) in enumerate(trail, start=1)
        ],
    }


def _image(ctx: Context, item: Any) -> list[str]:
    cover = getattr(item, "cover", None)
    if not cover:
        return []
    shared = share_image(ctx, item)  # originals are not published; see press.images
    return [_absolute(ctx, shared.path if shared else f"media/{item.bundle}/{cover}")]


def _article(ctx: Context, item: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@type": "NewsArticle",
        "headline": item.title[:110],
        "datePublished": _dates.iso(item.date),
        "dateModified": _dates.iso(getattr(item, "modified", None) or item.date),
        "inLanguage": item.lang,
        "mainEntityOfPage": _absolute(ctx, item.url),
        "publisher": _organization(ctx, item.lang),
        "description": item.description,
    }
    authors = [{"@type": "Person", "name": a.name} for a in getattr(item, "authors", [])]
    data["author"] = authors or [_organization(ctx, item.lang)]
    image = _image(ctx, item)
    if image:
        data["image"] = image
    return data


def _event(ctx: Context, item: Any) -> dict[str, Any]:
    event = item.event
    data: dict[str, Any] = {
        "@type": "Event",
        "name": item.title,
        "startDate": _dates.iso(event.start),
        "eventStatus": EVENT_STATUS[event.status],
        "inLanguage": item.lang,
        "url": _absolute(ctx, item.url),
        "organizer": _organization(ctx, item.lang),
        "description": item.description,
    }
    if event.end is not None:
        data["endDate"] = _dates.iso(event.end)
    if event.location or event.address:
        data["location"] = {
            "@type": "Place",
            "name": str(event.location or event.address),
            "address": str(event.address or event.location),
        }
        data["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
    elif event.online_url:
        data["location"] = {"@type": "VirtualLocation", "url": event.online_url}
        data["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
    image = _image(ctx, item)
    if image:
        data["image"] = image
    return data


def _dump(objects: list[dict[str, Any]]) -> Markup:
    blocks = []
    for data in objects:
        text = json.dumps({"@context": "https://schema.org", **data}, ensure_ascii=False, sort_keys=True)
        text = text.replace("</", "<\\/").replace("<!--", "<\\!--")
        blocks.append(f'<script type="application/ld+json">{text}</script>')
    return Markup("\n".join(blocks))


@pass_context
def json_ld(ctx: Context, trail: list[tuple[str, str]] | None = None) -> Markup:
    """JSON-LD for the page being rendered; ``trail`` is its breadcrumb (name, url) list."""
    objects = []
    item = ctx.get("article")
    if item is not None:
        objects.append(_event(ctx, item) if getattr(item, "event", None) else _article(ctx, item))
    if trail:
        objects.append(_breadcrumbs(ctx, trail))
    return _dump(objects)


def og_locale(lang: str) -> str:
    """OpenGraph locale (``ky_KG``, ``ru_RU`` …) from CLDR's likely territory."""
    likely = get_global("likely_subtags").get(lang, lang)
    territory = next((p for p in reversed(likely.split("_")) if len(p) == 2 and p.isupper()), "")
    return f"{lang}_{territory}" if territory else lang


@pass_context
def og_locale_here(ctx: Context) -> str:
    return og_locale(page_lang(ctx))


def install(generator: Any) -> None:
    generator.env.globals.update(json_ld=json_ld, og_locale=og_locale, og_locale_here=og_locale_here)
