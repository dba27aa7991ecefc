"""Every Pressroom setting, declared once with its kind, default and meaning.

This module is the only place that knows our setting names and defaults.
:data:`SETTINGS` is the table: one :class:`Setting` per name, each with its
*kind* (a small reusable validator of :mod:`press.setting_kinds`:
``Bool()``, ``Int(min=1)``, ``Choice(…)``, ``ListOf(Lang())``,
``MappingOf(…)``, ``Url(absolute=True)``, ``Timezone()``, ``DateTime(…)``,
``Path()``…), its default, a help line and the attribute of
:class:`PressSettings` it fills. :func:`load` runs every kind on Pelican's
settings and returns the frozen :class:`PressSettings` that plugins read;
nothing else calls ``settings.get("PRESS_…", default)``. ``press.build.config``
calls it on Pelican's ``initialized`` signal, before any content is read, so
a wrong value in ``pelicanconf.py`` stops the build with the setting named,
what was found and what is expected, and so does a ``PRESS_`` name that is
not declared here, which Pelican would ignore: «PRESS_IMAGE_WIDHTS is not a
Pressroom setting; did you mean PRESS_IMAGE_WIDTHS?».

The model is MkDocs' ``config/base.py`` and ``config_options``: a kind
checks one value and returns it typed; a default may be computed from other
settings (:class:`From`, or a function of the settings checked so far), and
a setting's ``finish`` step joins its value with others (the site name falls
back to ``SITENAME``). ``None`` means "not set" for every setting, as does an
empty string for addresses, paths and names. We write these few kinds
ourselves rather than take a validation library: a library would be one more
dependency of every build, and its messages would not be ours (the
setting's name, what was found, what is expected, in the words of a site's
``pelicanconf.py``).
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import zoneinfo
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from .setting_kinds import (
    Bool,
    Choice,
    DateTime,
    Fields,
    ImageFile,
    Int,
    Invalid,
    Kind,
    Lang,
    ListOf,
    MappingOf,
    Path,
    Text,
    Timezone,
    Url,
)

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
    """A Pressroom setting in pelicanconf.py has a wrong value, or is no Pressroom setting."""


#: Feed address used when neither PRESS_FEED_SITEURL nor SITEURL is set.
DEV_SITEURL = "http://localhost:8000"

#: Image formats ``press.outputs.images`` can write, with their default quality (1–100).
IMAGE_FORMATS: dict[str, int] = {"webp": 80, "jpeg": 82, "avif": 60}

#: Names that Pressroom's plugins put in Pelican's context. The context starts
#: as a copy of the settings, so :func:`load` lets these pass when it is handed
#: a generator's context; they are not settings.
CONTEXT_KEYS: frozenset[str] = frozenset(
    {"PRESS_SETTINGS", "PRESS_INDEX", "PRESS_VIEWS", "PRESS_CATALOGS", "PRESS_FEEDS", "PRESS_IMAGES", "PRESS_ONCE"}
)


# --- what plugins read ----------------------------------------------------------------


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


@dataclass(frozen=True)
class ImageSettings:
    """How photos are published (``PRESS_IMAGE_*``, ``PRESS_PUBLISH_ORIGINALS``;
    what each means is in :data:`SETTINGS`)."""

    widths: tuple[int, ...]
    formats: tuple[str, ...]
    #: Quality per format, every format of :data:`IMAGE_FORMATS` included.
    quality: Mapping[str, int]
    #: Absolute path of the derived-image cache.
    cache: str
    publish_originals: bool
    workers: int
    cache_days: int


@dataclass(frozen=True)
class PressSettings:
    """Typed view of the ``PRESS_*`` settings and the Pelican settings we rely on.

    Each attribute is filled by one setting of :data:`SETTINGS` (its ``attr``),
    which says what it means and what it defaults to.
    """

    languages: tuple[str, ...]
    default_lang: str
    timezone: str
    #: Site name and tagline per language; the default language always has one.
    site: Mapping[str, SiteIdentity]
    list_untranslated: bool
    date_formats: Mapping[str, str]
    per_page: int
    atomic_output: bool
    skip_unchanged: bool
    #: False: Pelican's plain writer, serially, with no cache, no reuse and no guess.
    incremental: bool
    #: ``.br`` and ``.gz`` beside every text file (press.build.precompress).
    precompress: bool
    #: Copy ``deploy/htaccess`` to the site's ``.htaccess`` (Apache hosting).
    apache: bool
    #: Where ``make deploy`` uploads (an rsync destination or an rclone remote); "" : not set.
    deploy_to: str
    deploy_with: str
    deploy_max_delete: int
    #: The branch ``DEPLOY_WITH=ghp-import`` pushes the site to.
    deploy_branch: str
    preview: bool
    public: bool
    about: Mapping[str, str]
    #: ``"ru"``, ``"ky"``, ``"tg"`` or ``"en"``; None: from the environment
    #: (see :func:`press.messages.messages_lang`).
    messages_lang: str | None
    #: None means the clock.
    build_time: dt.datetime | None
    feed_size: int
    feed_siteurl: str
    #: The site's absolute address for canonical and hreflang links (no final slash).
    site_url: str
    feed_id_authority: str
    podcast: PodcastSettings
    images: ImageSettings
    #: A square logo (PNG or JPEG) for JSON-LD's publisher and the sharing
    #: card; None: the theme's ``img/logo.png``.
    logo: str | None
    #: An image shared for every page without a cover, instead of the card
    #: the build draws per language; None: the drawn card.
    share_image: str | None
    #: Folder of ``press-cache.sqlite`` (converted bodies, parsed front
    #: matter, related items): Pelican's ``CACHE_PATH``; None keeps no cache.
    markdown_cache: str | None

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    def identity(self, lang: str) -> SiteIdentity:
        return self.site.get(lang) or self.site[self.default_lang]

    def date_format(self, lang: str) -> str:
        return self.date_formats.get(lang, "long")


# --- the table ------------------------------------------------------------------------


@dataclass(frozen=True)
class From:
    """A default that is the value of another setting: a wrong one is reported
    under that setting's name."""

    name: str


@dataclass(frozen=True)
class Setting:
    """One setting: its name, kind, default, the attribute it fills and what it means."""

    name: str
    kind: Kind[Any]
    #: A value, :class:`From`, or a function of the settings checked so far
    #: (:class:`Got`) that returns the value to check; None: not set.
    default: Any
    #: Attribute of :class:`PressSettings` (``images.widths`` for one of
    #: :class:`ImageSettings`); None for a Pelican setting that only feeds others.
    attr: str | None
    help: str
    #: Turns the checked value into the attribute's, given the other settings;
    #: may raise :class:`Invalid`.
    finish: Callable[[Any, Got], Any] | None = None


def _default_first(languages: tuple[str, ...], got: Got) -> tuple[str, ...]:
    default_lang = got["DEFAULT_LANG"]
    if languages[0] != default_lang:
        raise Invalid(f"the first language must be DEFAULT_LANG {default_lang!r}, found {languages[0]!r}")
    return languages


def _with_default_identity(site: dict[str, SiteIdentity], got: Got) -> dict[str, SiteIdentity]:
    default_lang = got["DEFAULT_LANG"]
    return site if default_lang in site else {**site, default_lang: SiteIdentity(name=got["SITENAME"])}


def _messages_languages() -> tuple[str, ...]:
    from .messages import available

    return available()


_AUTHORITY = r"^(?:[^@\s]+@)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$"

_PODCAST = Fields(
    PodcastSettings,
    image=Text(required=True, expected="the path or address of the cover art (podcast apps need one)"),
    category=Text(required=True, expected="an Apple Podcasts category such as 'Government' (podcast apps need one)"),
    subcategory=Text(),
    explicit=Bool(),
    owner_email=Text(),
)

#: Every setting Pressroom reads: Pelican's own first, then ours. The order is
#: the order in which :func:`load` checks them (and so which error comes first).
SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        # --- Pelican's settings that Pressroom relies on
        Setting(
            "DEFAULT_LANG", Lang(), default="ru", attr="default_lang",
            help="the default language, the first of PRESS_LANGUAGES",
        ),
        Setting(
            "TIMEZONE", Timezone(), default="Asia/Bishkek", attr="timezone",
            help="time zone of dates written without an offset",
        ),
        Setting(
            "SITENAME", Text(), default="Pressroom", attr=None,
            help="the site's name where PRESS_SITE gives none for the default language",
        ),
        Setting(
            "SITEURL", Url(), default=DEV_SITEURL, attr="site_url",
            help="the site's address, for canonical and hreflang links; empty: make serve's",
        ),
        Setting(
            "DEFAULT_PAGINATION", Int(min=1), default=10, attr="per_page",
            help="items per listing page",
        ),
        Setting(
            "CACHE_PATH", Path(resolve=False), default=None, attr=None,
            help="folder of the build's caches (Pelican makes it absolute)",
        ),
        # --- the site
        Setting(
            "PRESS_LANGUAGES", ListOf(Lang()), default=lambda got: (got["DEFAULT_LANG"],), attr="languages",
            help="the content languages, DEFAULT_LANG first",
            finish=_default_first,
        ),
        Setting(
            "PRESS_SITE",
            MappingOf(
                Text(noun="language"),
                Fields(SiteIdentity, required=("name",), name=Text(required=True), tagline=Text()),
            ),
            default={}, attr="site",
            help="site name and tagline per language; a language left out shows the default language's",
            finish=_with_default_identity,
        ),
        Setting(
            "PRESS_ABOUT", MappingOf(Lang(among="PRESS_LANGUAGES"), Text()), default={}, attr="about",
            help="«About» text of the organisation per language, shown under press releases",
        ),
        Setting(
            "PRESS_DATE_FORMATS",
            MappingOf(
                Lang(among="PRESS_LANGUAGES"),
                Text(noun="Babel pattern", expected="a Babel pattern such as 'd MMMM y'"),
            ),
            default={}, attr="date_formats",
            help="Babel pattern of item dates per language; a language left out uses Babel's long format",
        ),
        Setting(
            "PRESS_LIST_UNTRANSLATED", Bool(), default=False, attr="list_untranslated",
            help="list items that lack a version in a language in that language's listings, labelled",
        ),
        Setting(
            "PRESS_MESSAGES_LANG", Choice(_messages_languages), default=None, attr="messages_lang",
            help="language of what the build and make check say to press officers; None: the environment's",
        ),
        # --- the build
        Setting(
            "PRESS_PREVIEW", Bool(), default=False, attr="preview",
            help="preview build (make serve): drafts and embargoed items too, under a banner; never published",
        ),
        Setting(
            "PRESS_PUBLIC", Bool(), default=False, attr="public",
            help="the public site (publishconf.py, make publish): it needs an absolute SITEURL",
        ),
        Setting(
            "PRESS_BUILD_TIME", DateTime(zone="TIMEZONE"), default=None, attr="build_time",
            help="the moment the build takes as now for embargoes and upcoming events; None: the clock",
        ),
        Setting(
            "PRESS_LOGO", ImageFile(), default=None, attr="logo",
            help="a square logo (PNG or JPEG) for search engines (JSON-LD publisher) and the sharing card; None: the theme's img/logo.png",
        ),
        Setting(
            "PRESS_SHARE_IMAGE", ImageFile(), default=None, attr="share_image",
            help="the image shared for pages without a cover (1200×630 is best); None: a card with the site's name and logo, drawn per language",
        ),
        Setting(
            "PRESS_ATOMIC_OUTPUT", Bool(), default=True, attr="atomic_output",
            help="build into a .building folder beside the output and swap it in only on success",
        ),
        Setting(
            "PRESS_SKIP_UNCHANGED", Bool(), default=True, attr="skip_unchanged",
            help="return at once when nothing the build reads changed since the last build (press.build.uptodate)",
        ),
        Setting(
            "PRESS_INCREMENTAL", Bool(), default=True, attr="incremental",
            help="reuse what the last build made (pages, bodies, photos, search copies) and render on every core;"
            " False: Pelican's plain writer, serially, reusing nothing (the reference the tests compare with)",
        ),
        Setting(
            "PRESS_PRECOMPRESS", Bool(), default=False, attr="precompress",
            help="write .br and .gz copies beside every text file before the new site goes live (publishconf.py)",
        ),
        Setting(
            "PRESS_APACHE", Bool(), default=False, attr="apache",
            help="copy deploy/htaccess to the site's .htaccess, for Apache hosting",
        ),
        Setting(
            "PRESS_DEPLOY_TO", Text(), default="", attr="deploy_to",
            help="where make deploy uploads: user@host:/var/www/press/, a folder, an rclone remote:bucket/path,"
            " or with ghp-import a git repository (git@github.com:org/press.git)",
        ),
        Setting(
            "PRESS_DEPLOY_WITH", Choice(("rsync", "rclone", "ghp-import")), default="rsync", attr="deploy_with",
            help="make deploy's uploader: rsync (a server over SSH, a folder), rclone (object stores, SFTP, FTP)"
            " or ghp-import (a git branch, for GitHub Pages)",
        ),
        Setting(
            "PRESS_DEPLOY_BRANCH", Text(), default="gh-pages", attr="deploy_branch",
            help="the branch of PRESS_DEPLOY_TO that make deploy with ghp-import pushes the site to",
        ),
        Setting(
            "PRESS_DEPLOY_MAX_DELETE", Int(min=0), default=500, attr="deploy_max_delete",
            help="make deploy deletes nothing online when it would delete more files than this",
        ),
        Setting(
            "PRESS_MARKDOWN_CACHE", Bool(), default=True, attr="markdown_cache",
            help="keep converted bodies, parsed front matter and related items in CACHE_PATH/press-cache.sqlite",
            finish=lambda keep, got: got["CACHE_PATH"] if keep and got["PRESS_INCREMENTAL"] else None,
        ),
        # --- feeds
        Setting(
            "PRESS_FEED_SIZE", Int(min=1), default=30, attr="feed_size",
            help="entries per feed, newest first",
        ),
        Setting(
            "PRESS_FEED_SITEURL", Url(absolute=True), default=From("SITEURL"), attr="feed_siteurl",
            help="the absolute address put before every link of a feed",
        ),
        Setting(
            "PRESS_FEED_ID_AUTHORITY",
            Text(pattern=_AUTHORITY, expected="a lowercase domain name such as 'press.example.kg'"),
            default=lambda got: urlsplit(got["PRESS_FEED_SITEURL"]).hostname or "", attr="feed_id_authority",
            help="a domain (or e-mail) the organisation owns, in every feed entry's id; keep it when the site moves",
        ),
        Setting(
            "PRESS_PODCAST", _PODCAST, default={}, attr="podcast",
            help="channel data of the podcast feed: image, category, subcategory, explicit, owner_email",
        ),
        # --- photos
        Setting(
            "PRESS_IMAGE_WIDTHS", ListOf(Int(min=16, max=8192, noun="width"), ascending=True),
            default=(480, 960, 1600), attr="images.widths",
            help="widths of the derived images in pixels, narrowest first; none wider than the photo or the last",
        ),
        Setting(
            "PRESS_IMAGE_FORMATS", ListOf(Choice(IMAGE_FORMATS, noun="format")),
            default=("webp", "jpeg"), attr="images.formats",
            help="formats of the derived images, one <source> each; the last is the <img> every browser shows",
        ),
        Setting(
            "PRESS_IMAGE_QUALITY", MappingOf(Choice(IMAGE_FORMATS, noun="format"), Int(min=1, max=100, noun="quality")),
            default={}, attr="images.quality",
            help="encoder quality 1–100 per format; a format left out keeps its default (webp 80, jpeg 82, avif 60)",
            finish=lambda quality, got: {**IMAGE_FORMATS, **quality},
        ),
        Setting(
            "PRESS_IMAGE_CACHE", Path(),
            default=lambda got: os.path.join(got["CACHE_PATH"] or "cache", "images"), attr="images.cache",
            help="folder of the derived-image cache, keyed by each photo's content hash",
        ),
        Setting(
            "PRESS_PUBLISH_ORIGINALS", Bool(), default=False, attr="images.publish_originals",
            help="also publish each photo at full size, upright and without metadata",
        ),
        Setting(
            "PRESS_IMAGE_WORKERS", Int(min=0, expected="0 (one per core) or more"), default=0, attr="images.workers",
            help="processes that encode images; 0: one per core",
        ),
        Setting(
            "PRESS_IMAGE_CACHE_DAYS", Int(min=0, expected="0 (keep every image) or more days"),
            default=30, attr="images.cache_days",
            help="days the derived images of a photo no build uses stay in the cache; 0: never removed",
        ),
    )
}  # fmt: skip

#: Names :func:`load` lets pass: the settings and the context keys.
_KNOWN = frozenset(SETTINGS) | CONTEXT_KEYS

#: The dataclasses that group attributes of :class:`PressSettings` (``images.widths``).
GROUPS: dict[str, Callable[..., Any]] = {"images": ImageSettings}


# --- reading the settings -------------------------------------------------------------


class Got:
    """The settings checked so far: ``got[name]`` checks a setting (and those its
    default or kind needs) the first time it is asked for."""

    def __init__(self, settings: Mapping[str, Any]) -> None:
        self.settings = settings
        self._values: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._values:
            self._values[name] = _value(SETTINGS[name], self)
        return self._values[name]


def _value(setting: Setting, got: Got) -> Any:
    raw = got.settings.get(setting.name)
    source = setting.name
    if setting.kind.unset(raw):
        default = setting.default
        if isinstance(default, From):
            raw, source = got[default.name], default.name
        else:
            raw = default(got) if callable(default) else default
        if raw is None:
            return None
    try:
        value = setting.kind.check(raw, got)
        return setting.finish(value, got) if setting.finish else value
    except Invalid as exc:
        note = "" if source == setting.name else f" ({setting.name} takes {source} when not set)"
        raise SettingsError(f"{source}{exc.where}: {exc.message}{note}") from exc


def load(settings: Mapping[str, Any]) -> PressSettings:
    """Build :class:`PressSettings` from Pelican settings, raising SettingsError."""
    _check_names(settings)
    got = Got(settings)
    values = {s.attr: got[s.name] for s in SETTINGS.values() if s.attr}
    groups: dict[str, dict[str, Any]] = {group: {} for group in GROUPS}
    top = {}
    for attr, value in values.items():
        group, _, name = attr.rpartition(".")
        (groups[group] if group else top)[name] = value
    return PressSettings(**top, **{group: GROUPS[group](**kw) for group, kw in groups.items()})


def read(settings: Mapping[str, Any], name: str) -> Any:
    """The checked value of one setting (and of those it needs), raising SettingsError."""
    return Got(settings)[name]


def _check_names(settings: Mapping[str, Any]) -> None:
    unknown = sorted(key for key in settings.keys() - _KNOWN if isinstance(key, str) and key.startswith("PRESS_"))
    if unknown:
        raise SettingsError("\n".join(map(_not_a_setting, unknown)))


def _not_a_setting(name: str) -> str:
    """The message for an unknown name, with the closest declared one (compared
    without ``PRESS_``, so that ``PRESS_SITEURL`` finds Pelican's ``SITEURL``)."""
    ours = {known.removeprefix("PRESS_"): known for known in SETTINGS}
    close = difflib.get_close_matches(name.removeprefix("PRESS_"), ours, n=1)
    if not close:
        return f"{name} is not a Pressroom setting; Pressroom's settings are declared in plugins/press/settings.py"
    return f"{name} is not a Pressroom setting; did you mean {ours[close[0]]}?"


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

    if not read(settings, "PRESS_PUBLIC"):
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
