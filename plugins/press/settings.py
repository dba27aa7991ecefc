"""Every Pressroom setting, declared once with its type, default and meaning.

This module is the only place that knows our setting names and defaults.
Plugins call :func:`load` with Pelican's settings and read typed attributes;
nothing else calls ``settings.get("PRESS_…", default)``. The ``settings``
plugin validates them on Pelican's ``initialized`` signal, before any content
is read, so a typo in ``pelicanconf.py`` stops the build with the setting named.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError

#: Folder names of the item sections, in menu order (the content contract).
SECTIONS: tuple[str, ...] = (
    "news",
    "press-releases",
    "announcements",
    "speeches",
    "galleries",
    "video",
    "podcasts",
)

#: Path segments under /<lang>/ that belong to generated views; a static page
#: may not take one of them as its slug.
RESERVED_SLUGS: frozenset[str] = frozenset(
    SECTIONS
    + ("tags", "projects", "regions", "archives", "search", "subscribe", "pages", "feeds")
)


class SettingsError(ValueError):
    """A Pressroom setting in pelicanconf.py has a wrong value."""


#: Feed address used when neither PRESS_FEED_SITEURL nor SITEURL is set.
DEV_SITEURL = "http://localhost:8000"


@dataclass(frozen=True)
class SiteIdentity:
    """The site's name and tagline in one language."""

    name: str
    tagline: str = ""


@dataclass(frozen=True)
class PodcastSettings:
    """What podcast apps need of the podcast feed beyond its episodes (``PRESS_PODCAST``)."""

    #: Square cover art (1400 to 3000 px, JPEG or PNG), a path under the site root.
    image: str = "theme/img/podcast.png"
    #: Apple Podcasts category, and optionally one of its subcategories.
    category: str = "Government"
    subcategory: str = ""
    #: Whether episodes contain explicit language (``itunes:explicit``).
    explicit: bool = False
    #: E-mail of the podcast's owner for podcast directories (``itunes:owner``);
    #: empty leaves it out.
    owner_email: str = ""


#: Image formats ``press.outputs.images`` can write, with their default quality (1–100).
IMAGE_FORMATS: dict[str, int] = {"webp": 80, "jpeg": 82, "avif": 60}


@dataclass(frozen=True)
class ImageSettings:
    """How photos are published (``PRESS_IMAGE_*``, ``PRESS_PUBLISH_ORIGINALS``)."""

    #: Widths of the derived images in pixels, narrowest first
    #: (``PRESS_IMAGE_WIDTHS``). A photo narrower than a width gets its own
    #: width instead; no published image is wider than the last one.
    widths: tuple[int, ...] = (480, 960, 1600)
    #: Formats of the derived images (``PRESS_IMAGE_FORMATS``), from
    #: ``webp``, ``jpeg``, ``avif``: one ``<source>`` each; the last one is also
    #: the ``<img>`` that every browser shows.
    formats: tuple[str, ...] = ("webp", "jpeg")
    #: Encoder quality 1–100 per format (``PRESS_IMAGE_QUALITY``); formats not
    #: listed keep the default of :data:`IMAGE_FORMATS`.
    quality: Mapping[str, int] = field(default_factory=lambda: dict(IMAGE_FORMATS))
    #: Folder of the derived-image cache, keyed by each photo's content hash
    #: and these settings (``PRESS_IMAGE_CACHE``); default ``images`` in
    #: Pelican's ``CACHE_PATH`` (``cache/images/`` beside pelicanconf.py).
    cache: str = "cache/images"
    #: Also publish each photo at its full size under its own name, upright
    #: and without metadata (``PRESS_PUBLISH_ORIGINALS``).
    publish_originals: bool = False
    #: Processes that encode images (``PRESS_IMAGE_WORKERS``); 0: one per core.
    workers: int = 0
    #: Days the derived images of a photo no build uses stay in the cache
    #: (``PRESS_IMAGE_CACHE_DAYS``); 0: they are never removed.
    cache_days: int = 30


@dataclass(frozen=True)
class PressSettings:
    """Typed view of the ``PRESS_*`` settings and the Pelican settings we rely on."""

    #: Configured content languages, default language first (``PRESS_LANGUAGES``).
    languages: tuple[str, ...]
    #: The default language (Pelican's ``DEFAULT_LANG``); must be in ``languages``.
    default_lang: str
    #: Time zone of dates written without an offset (Pelican's ``TIMEZONE``).
    timezone: str
    #: Site name and tagline per language (``PRESS_SITE``); missing languages
    #: fall back to the default language's entry.
    site: Mapping[str, SiteIdentity]
    #: List items that lack a version in a language in that language's
    #: listings, labelled and linked to the original (``PRESS_LIST_UNTRANSLATED``).
    list_untranslated: bool = False
    #: Babel date pattern per language for item dates (``PRESS_DATE_FORMATS``);
    #: languages not listed use Babel's ``long`` format.
    date_formats: Mapping[str, str] = field(default_factory=dict)
    #: Items per listing page (Pelican's ``DEFAULT_PAGINATION``).
    per_page: int = 10
    #: Keep a ``.building`` folder beside the output and swap it in only on
    #: success (``PRESS_ATOMIC_OUTPUT``).
    atomic_output: bool = True
    #: Return at once when nothing a build reads has changed since the last
    #: build into the same output (``PRESS_SKIP_UNCHANGED``; see press.build.uptodate).
    skip_unchanged: bool = True
    #: Preview build (``PRESS_PREVIEW``, set by ``make serve``): drafts and
    #: embargoed items are built too, each under a visible banner. Never set
    #: it for a build that is published.
    preview: bool = False
    #: The build of the public site (``PRESS_PUBLIC``, set by publishconf.py,
    #: what ``make publish`` builds with): it needs the site's public address
    #: in ``SITEURL`` (see :func:`require_public_address`), which every
    #: canonical link, feed, sitemap and robots.txt starts with.
    public: bool = False
    #: «About» text of the organisation per language, shown under press
    #: releases (``PRESS_ABOUT``); missing languages show the default one.
    about: Mapping[str, str] = field(default_factory=dict)
    #: Language of what ``make check`` and the build summary say to press
    #: officers, ``"ru"``, ``"ky"``, ``"tg"`` or ``"en"`` (``PRESS_MESSAGES_LANG``); None: from the
    #: environment (see :func:`press.messages.messages_lang`).
    messages_lang: str | None = None
    #: The moment the build treats as "now" for embargoes and upcoming events
    #: (``PRESS_BUILD_TIME``, ISO 8601); None means the clock. For tests and
    #: for previewing the site as it will be at an embargo's lift.
    build_time: dt.datetime | None = None
    #: Entries per feed, newest first (``PRESS_FEED_SIZE``).
    feed_size: int = 30
    #: Absolute address put before every link of a feed (``PRESS_FEED_SITEURL``);
    #: defaults to ``SITEURL``, or to http://localhost:8000 when SITEURL is
    #: empty, so that feeds are absolute in development builds too.
    feed_siteurl: str = DEV_SITEURL
    #: The site's absolute address for canonical and hreflang links, which
    #: must be absolute: ``SITEURL``, or http://localhost:8000 (what
    #: ``make serve`` serves) when SITEURL is empty in development.
    site_url: str = DEV_SITEURL
    #: Authority of the feed entries' ``tag:`` URIs (``PRESS_FEED_ID_AUTHORITY``):
    #: a domain name (or e-mail address) the organisation owns; defaults to the
    #: host of ``feed_siteurl``. It is part of every entry id: set it once for a
    #: public site and keep it when the site moves.
    feed_id_authority: str = "localhost"
    #: Channel data of the podcast feed (``PRESS_PODCAST``).
    podcast: PodcastSettings = field(default_factory=PodcastSettings)
    #: Derived images: widths, formats, quality, cache (see :class:`ImageSettings`).
    images: ImageSettings = field(default_factory=ImageSettings)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    def identity(self, lang: str) -> SiteIdentity:
        return self.site.get(lang) or self.site[self.default_lang]

    def date_format(self, lang: str) -> str:
        return self.date_formats.get(lang, "long")


_LANG_CODE = re.compile(r"^[a-z]{2,3}$")


def load(settings: Mapping[str, Any]) -> PressSettings:
    """Build :class:`PressSettings` from Pelican settings, raising SettingsError."""
    default_lang = settings.get("DEFAULT_LANG", "ru")
    languages = tuple(settings.get("PRESS_LANGUAGES", (default_lang,)))
    _check_languages(languages, default_lang)
    timezone = settings.get("TIMEZONE") or "Asia/Bishkek"
    try:
        zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise SettingsError(f"TIMEZONE: unknown time zone {timezone!r}") from exc
    feed_siteurl = _load_feed_siteurl(settings)
    return PressSettings(
        languages=languages,
        default_lang=default_lang,
        timezone=timezone,
        site=_load_site(settings, default_lang),
        list_untranslated=_bool(settings, "PRESS_LIST_UNTRANSLATED", False),
        date_formats=_load_date_formats(settings, languages),
        per_page=_positive_int(settings, "DEFAULT_PAGINATION", 10),
        atomic_output=_bool(settings, "PRESS_ATOMIC_OUTPUT", True),
        skip_unchanged=_bool(settings, "PRESS_SKIP_UNCHANGED", True),
        preview=_bool(settings, "PRESS_PREVIEW", False),
        public=_bool(settings, "PRESS_PUBLIC", False),
        about=_load_about(settings, languages),
        messages_lang=_load_messages_lang(settings),
        build_time=_load_build_time(settings, timezone),
        feed_size=_positive_int(settings, "PRESS_FEED_SIZE", 30),
        feed_siteurl=feed_siteurl,
        site_url=str(settings.get("SITEURL") or DEV_SITEURL).rstrip("/"),
        feed_id_authority=_load_feed_authority(settings, feed_siteurl),
        podcast=_load_podcast(settings),
        images=_load_images(settings),
    )


#: How a press officer gives a public build its address (said in every message about it).
PUBLIC_ADDRESS_HOW = "PRESSROOM_SITEURL=https://press.example.kg make publish"


def require_public_address(settings: Mapping[str, Any]) -> None:
    """Stop a public build (``PRESS_PUBLIC``) whose ``SITEURL`` is not an absolute http(s) address.

    Without it the site would be published with links to a placeholder or to
    localhost. The message is a :class:`~press.messages.Msg`, said in the
    press officer's language by ``press.build.config`` (the ``initialized`` hook,
    before anything is read or written); ``make check`` builds nothing and
    does not ask for the address.
    """
    from .messages import Msg

    if not _bool(settings, "PRESS_PUBLIC", False):
        return
    raw = settings.get("SITEURL") or ""
    if not isinstance(raw, str) or not raw.strip():
        raise SettingsError(Msg(
            "SITEURL: the public address of the site is not set, and every canonical link, feed, sitemap"
            " and robots.txt starts with it; give it for this build: {how}, or set SITEURL in publishconf.py",
            how=PUBLIC_ADDRESS_HOW))  # fmt: skip
    parts = urlsplit(raw.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SettingsError(Msg(
            "SITEURL: {url!r} is not an absolute address; the public site needs one that starts with"
            " https:// (or http://); give it for this build: {how}, or set SITEURL in publishconf.py",
            url=raw, how=PUBLIC_ADDRESS_HOW))  # fmt: skip


def _check_languages(languages: tuple[str, ...], default_lang: str) -> None:
    if not languages:
        raise SettingsError("PRESS_LANGUAGES: no language configured")
    for code in languages:
        if not isinstance(code, str) or not _LANG_CODE.match(code):
            raise SettingsError(
                f"PRESS_LANGUAGES: {code!r} is not a language code such as 'ru' or 'ky'"
            )
        try:
            Locale.parse(code)
        except (UnknownLocaleError, ValueError) as exc:
            raise SettingsError(f"PRESS_LANGUAGES: Babel knows no locale {code!r}") from exc
    if len(set(languages)) != len(languages):
        raise SettingsError("PRESS_LANGUAGES: a language is listed twice")
    if languages[0] != default_lang:
        raise SettingsError(
            f"PRESS_LANGUAGES: the first language must be DEFAULT_LANG {default_lang!r},"
            f" found {languages[0]!r}"
        )


def _load_site(settings: Mapping[str, Any], default_lang: str) -> dict[str, SiteIdentity]:
    raw = settings.get("PRESS_SITE") or {}
    if not isinstance(raw, Mapping):
        raise SettingsError("PRESS_SITE: expected a mapping of language to {name, tagline}")
    site = {}
    for lang, value in raw.items():
        if not isinstance(value, Mapping) or not value.get("name"):
            raise SettingsError(f"PRESS_SITE[{lang!r}]: expected {{'name': ..., 'tagline': ...}}")
        site[lang] = SiteIdentity(name=str(value["name"]), tagline=str(value.get("tagline", "")))
    if default_lang not in site:
        site[default_lang] = SiteIdentity(name=str(settings.get("SITENAME", "Pressroom")))
    return site


def _load_date_formats(settings: Mapping[str, Any], languages: tuple[str, ...]) -> dict[str, str]:
    raw = settings.get("PRESS_DATE_FORMATS") or {}
    if not isinstance(raw, Mapping) or not all(isinstance(v, str) for v in raw.values()):
        raise SettingsError("PRESS_DATE_FORMATS: expected a mapping of language to a Babel pattern")
    unknown = sorted(set(raw) - set(languages))
    if unknown:
        raise SettingsError(f"PRESS_DATE_FORMATS: languages not configured: {', '.join(unknown)}")
    return dict(raw)


def _load_build_time(settings: Mapping[str, Any], timezone: str) -> dt.datetime | None:
    raw = settings.get("PRESS_BUILD_TIME")
    if raw is None:
        return None
    try:
        value = raw if isinstance(raw, dt.datetime) else dt.datetime.fromisoformat(str(raw))
    except ValueError as exc:
        raise SettingsError(f"PRESS_BUILD_TIME: expected an ISO date-time, found {raw!r}") from exc
    return value if value.tzinfo else value.replace(tzinfo=zoneinfo.ZoneInfo(timezone))


def _load_about(settings: Mapping[str, Any], languages: tuple[str, ...]) -> dict[str, str]:
    raw = settings.get("PRESS_ABOUT") or {}
    if not isinstance(raw, Mapping) or not all(isinstance(v, str) for v in raw.values()):
        raise SettingsError("PRESS_ABOUT: expected a mapping of language to text")
    unknown = sorted(set(raw) - set(languages))
    if unknown:
        raise SettingsError(f"PRESS_ABOUT: languages not configured: {', '.join(unknown)}")
    return dict(raw)


def _load_messages_lang(settings: Mapping[str, Any]) -> str | None:
    from .messages import available

    value = settings.get("PRESS_MESSAGES_LANG")
    if value is not None and value not in available():
        raise SettingsError(
            f"PRESS_MESSAGES_LANG: found {value!r}; expected None or one of: {', '.join(available())}"
        )
    return value


def _load_feed_siteurl(settings: Mapping[str, Any]) -> str:
    raw = settings.get("PRESS_FEED_SITEURL") or settings.get("SITEURL") or DEV_SITEURL
    name = "PRESS_FEED_SITEURL" if settings.get("PRESS_FEED_SITEURL") else "SITEURL"
    parts = urlsplit(str(raw))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SettingsError(
            f"{name}: feeds need an absolute address such as https://press.example.kg, found {raw!r}"
            " (set PRESS_FEED_SITEURL)"
        )
    return str(raw).rstrip("/")


_AUTHORITY = re.compile(r"^(?:[^@\s]+@)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$")


def _load_feed_authority(settings: Mapping[str, Any], feed_siteurl: str) -> str:
    raw = settings.get("PRESS_FEED_ID_AUTHORITY") or urlsplit(feed_siteurl).hostname or ""
    if not isinstance(raw, str) or not _AUTHORITY.match(raw):
        raise SettingsError(
            f"PRESS_FEED_ID_AUTHORITY: expected a lowercase domain name such as 'press.example.kg', found {raw!r}"
        )
    return raw


def _load_podcast(settings: Mapping[str, Any]) -> PodcastSettings:
    raw = settings.get("PRESS_PODCAST") or {}
    known = tuple(PodcastSettings.__dataclass_fields__)
    if not isinstance(raw, Mapping):
        raise SettingsError(f"PRESS_PODCAST: expected a mapping with {', '.join(known)}")
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise SettingsError(f"PRESS_PODCAST: unknown key {unknown[0]!r}; expected one of: {', '.join(known)}")
    for key, value in raw.items():
        wanted = bool if key == "explicit" else str
        if not isinstance(value, wanted):
            kind = "True or False" if wanted is bool else "text"
            raise SettingsError(f"PRESS_PODCAST[{key!r}]: expected {kind}, found {value!r}")
    if raw.get("image") == "" or raw.get("category") == "":
        raise SettingsError("PRESS_PODCAST: podcast apps need an 'image' and a 'category'")
    return PodcastSettings(**raw)


def _load_images(settings: Mapping[str, Any]) -> ImageSettings:
    widths = settings.get("PRESS_IMAGE_WIDTHS", ImageSettings.widths)
    if (
        not isinstance(widths, (list, tuple))
        or not widths
        or not all(isinstance(w, int) and not isinstance(w, bool) and 16 <= w <= 8192 for w in widths)
        or list(widths) != sorted(set(widths))
    ):
        raise SettingsError(
            f"PRESS_IMAGE_WIDTHS: expected widths in pixels (16 to 8192), narrowest first, found {widths!r}"
        )
    formats = settings.get("PRESS_IMAGE_FORMATS", ImageSettings.formats)
    if (
        not isinstance(formats, (list, tuple))
        or not formats
        or any(f not in IMAGE_FORMATS for f in formats)
        or len(set(formats)) != len(formats)
    ):
        raise SettingsError(
            f"PRESS_IMAGE_FORMATS: expected a list from {', '.join(IMAGE_FORMATS)}, found {formats!r}"
        )
    raw_quality = settings.get("PRESS_IMAGE_QUALITY") or {}
    if not isinstance(raw_quality, Mapping):
        raise SettingsError("PRESS_IMAGE_QUALITY: expected a mapping of format to quality, e.g. {'webp': 80}")
    for name, value in raw_quality.items():
        if name not in IMAGE_FORMATS:
            raise SettingsError(f"PRESS_IMAGE_QUALITY: unknown format {name!r}; known: {', '.join(IMAGE_FORMATS)}")
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 100:
            raise SettingsError(f"PRESS_IMAGE_QUALITY[{name!r}]: expected 1 to 100, found {value!r}")
    cache = settings.get("PRESS_IMAGE_CACHE") or os.path.join(settings.get("CACHE_PATH") or "cache", "images")
    if not isinstance(cache, (str, os.PathLike)):
        raise SettingsError(f"PRESS_IMAGE_CACHE: expected a folder path, found {cache!r}")
    workers = settings.get("PRESS_IMAGE_WORKERS", 0)
    if not isinstance(workers, int) or isinstance(workers, bool) or workers < 0:
        raise SettingsError(f"PRESS_IMAGE_WORKERS: expected 0 (one per core) or more, found {workers!r}")
    cache_days = settings.get("PRESS_IMAGE_CACHE_DAYS", 30)
    if not isinstance(cache_days, int) or isinstance(cache_days, bool) or cache_days < 0:
        raise SettingsError(f"PRESS_IMAGE_CACHE_DAYS: expected 0 (keep every image) or more days, found {cache_days!r}")
    return ImageSettings(
        widths=tuple(widths),
        formats=tuple(formats),
        quality={**IMAGE_FORMATS, **raw_quality},
        cache=os.path.abspath(os.fspath(cache)),
        publish_originals=_bool(settings, "PRESS_PUBLISH_ORIGINALS", False),
        workers=workers,
        cache_days=cache_days,
    )


def _bool(settings: Mapping[str, Any], name: str, default: bool) -> bool:
    value = settings.get(name, default)
    if not isinstance(value, bool):
        raise SettingsError(f"{name}: expected True or False, found {value!r}")
    return value


def _positive_int(settings: Mapping[str, Any], name: str, default: int) -> int:
    value = settings.get(name, default)
    if value is None:
        value = default
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise SettingsError(f"{name}: expected a positive whole number, found {value!r}")
    return value
