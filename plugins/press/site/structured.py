"""Structured data and sharing metadata: JSON-LD, OpenGraph, Twitter cards.

Hook: ``generator_init`` — adds the template globals ``json_ld()``,
``og_locale(lang)``, ``shared_image()`` and ``share_links(url, title)``.
pelican-seo emits ``Article`` (not ``NewsArticle``), non-ISO dates and
``og:locale`` en_US on Kyrgyz pages, and writes a report into the working
directory, so the data is built here from our typed model:

* ``NewsArticle`` for news, press releases, speeches (and the other item
  sections): headline, datePublished/dateModified with offsets, author,
  publisher with its logo, image, inLanguage;
* ``Event`` for announcements, and beside the ``NewsArticle`` of any other
  item with an ``event`` (a press release announcing a forum): name,
  startDate, endDate (offsets of the event's own zone), eventStatus,
  location as a Place with its address (or a VirtualLocation), organizer;
* ``BreadcrumbList`` on every page.

Every page is shared with an image (``og:image``, ``twitter:image``, and
JSON-LD's ``image``), always at an absolute address (``PRESS_FEED_SITEURL``,
so a development build has one too): the item's cover (its 1200×630 crop),
else the site's card: ``PRESS_SHARE_IMAGE``, else the card
press.outputs.share_cards draws per language with the site's name and logo
(:func:`card_path`). The share row of item pages is plain links
(:data:`SHARE_TARGETS`); only «copy link» needs ``theme/js/share.js``.

The JSON is escaped for embedding in ``<script>`` (no ``</`` can close it).
"""

from __future__ import annotations

import functools
import json
import os
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from babel.core import get_global
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from PIL import Image

from .. import dates as _dates
from ..settings import PressSettings
from .i18n import page_lang
from ..content.model import gallery_alt

EVENT_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "postponed": "https://schema.org/EventPostponed",
}


#: The site card the build draws, and the size social networks show best.
CARD_SIZE = (1200, 630)


@dataclass(frozen=True)
class SharedImage:
    """The image a page is shared with."""

    url: str  # absolute
    width: int
    height: int
    alt: str
    mime: str = "image/jpeg"


def card_path(press: PressSettings, lang: str) -> str:
    """Where the site card of ``lang`` is published (under the site root)."""
    if press.share_image:
        return f"media/site-card{_extension(press.share_image)}"
    return f"media/site-card-{lang}.jpg"


def logo_path(press: PressSettings, static_dir: str) -> str:
    """Where the logo is published: a copy of ``PRESS_LOGO``, else the
    theme's (``static_dir``: Pelican's ``THEME_STATIC_DIR``)."""
    return f"media/site-logo{_extension(press.logo)}" if press.logo else f"{static_dir}/img/logo.png"


def logo_file(press: PressSettings, theme: str) -> str:
    """The logo's file: ``PRESS_LOGO``, else the theme's ``static/img/logo.png``."""
    return press.logo or os.path.join(theme, "static", "img", "logo.png")


def _extension(path: str) -> str:
    ext = os.path.splitext(path)[1].lower()
    return ".jpg" if ext == ".jpeg" else ext


@functools.lru_cache(maxsize=8)
def _size_of(path: str, _stamp: float) -> tuple[int, int, str]:
    with Image.open(path) as image:
        return image.width, image.height, Image.MIME.get(image.format or "", "image/jpeg")


def _file_size(path: str) -> tuple[int, int, str]:
    return _size_of(path, os.stat(path).st_mtime)


def _image_url(ctx: Context, path: str) -> str:
    return f"{ctx['PRESS_SETTINGS'].feed_siteurl}/{path.lstrip('/')}"


def site_card(ctx: Context, lang: str) -> SharedImage:
    press: PressSettings = ctx["PRESS_SETTINGS"]
    name = press.identity(lang).name
    if press.share_image:
        width, height, mime = _file_size(press.share_image)
        return SharedImage(_image_url(ctx, card_path(press, lang)), width, height, name, mime)
    return SharedImage(_image_url(ctx, card_path(press, lang)), *CARD_SIZE, name)


def _cover(ctx: Context, item: Any, lang: str) -> SharedImage | None:
    cover = getattr(item, "cover", None)
    # originals are not published: press.outputs.images' template global
    # ``og_image`` gives the derived one
    shared = ctx.call(ctx.resolve("og_image"), item) if cover else None
    if shared is None:
        return None
    alt = gallery_alt(item, cover, lang)
    return SharedImage(_image_url(ctx, shared.path), shared.width, shared.height, str(alt or item.title), shared.mime)


@pass_context
def shared_image(ctx: Context) -> SharedImage:
    """The image the page being rendered is shared with."""
    lang = page_lang(ctx)
    item = ctx.get("article") or ctx.get("page")
    return (_cover(ctx, item, lang) if item is not None else None) or site_card(ctx, lang)


#: The share row of item pages: each network's own address for sharing a link.
SHARE_TARGETS: tuple[tuple[str, str], ...] = (
    ("Telegram", "https://t.me/share/url?url={url}&text={title}"),
    ("WhatsApp", "https://wa.me/?text={title}%20{url}"),
    ("Facebook", "https://www.facebook.com/sharer/sharer.php?u={url}"),
    ("X", "https://x.com/intent/post?url={url}&text={title}"),
    ("VK", "https://vk.com/share.php?url={url}&title={title}"),
)


def share_links(url: str, title: str) -> list[tuple[str, str]]:
    """(network, address) of the share row, then the e-mail's ("", mailto:)."""
    values = {"url": quote(url, safe=""), "title": quote(title, safe="")}
    links = [(name, pattern.format(**values)) for name, pattern in SHARE_TARGETS]
    return [*links, ("", "mailto:?subject={title}&body={url}".format(**values))]


def _absolute(ctx: Context, url: str) -> str:
    return f"{ctx['PRESS_SETTINGS'].site_url}/{url.lstrip('/')}"


def _organization(ctx: Context, lang: str) -> dict[str, Any]:
    press: PressSettings = ctx["PRESS_SETTINGS"]
    identity = press.identity(lang)
    path = logo_path(press, ctx["THEME_STATIC_DIR"])
    width, height, _ = _file_size(logo_file(press, ctx["THEME"]))
    logo = {"@type": "ImageObject", "url": _image_url(ctx, path), "width": width, "height": height}
    return {"@type": "Organization", "name": identity.name, "url": _absolute(ctx, f"{lang}/"), "logo": logo}


def _breadcrumbs(ctx: Context, trail: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": _absolute(ctx, url)}
            for n, (name, url) in enumerate(trail, start=1)
        ],
    }


def _image(ctx: Context, item: Any) -> list[str]:
    return [(_cover(ctx, item, item.lang) or site_card(ctx, item.lang)).url]


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
    data["image"] = _image(ctx, item)
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
        event = getattr(item, "event", None)
        if event is None or item.section != "announcements":
            objects.append(_article(ctx, item))
        if event is not None:
            objects.append(_event(ctx, item))
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
    generator.env.globals.update(
        json_ld=json_ld, og_locale=og_locale, og_locale_here=og_locale_here,
        shared_image=shared_image, share_links=share_links,
    )  # fmt: skip
