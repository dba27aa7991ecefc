"""Feeds per language: Atom, RSS 2.0, JSON Feed, the podcast, OPML, «Subscribe».

Hook: ``get_generators`` adds :class:`FeedsGenerator`. It comes after
``press.site.listings``' in :data:`press.HOOKS`, so Pelican runs its
``generate_context`` after ListingsGenerator's and it finds the listing views
in the shared context (``PRESS_VIEWS``). Every view of a language that has
items in that language gets feeds beside its page, with its newest
``PRESS_FEED_SIZE`` items of that language (never a draft or embargoed one):

* ``/<lang>/`` (all items) and ``/<lang>/<section>/``: ``feed.atom``,
  ``feed.rss`` and ``feed.json`` (JSON Feed 1.1);
* ``/<lang>/projects/<key>/``, ``/<lang>/regions/<key>/``,
  ``/<lang>/tags/<slug>/``: ``feed.atom`` and ``feed.rss``;
* ``/<lang>/podcasts/feed.rss`` is a podcast feed (audio enclosures, iTunes tags).

``generate_output`` writes them, ``/<lang>/feeds.opml`` (every subject once,
for import into a feed reader) and the ``/<lang>/subscribe/`` page. The
subscribe views join the view registry in ``generate_context``, before any
page is written (ListingsGenerator writes them with the other views), so
that the language switcher and hreflang of every page, rendered at once by
Pelican's writer on the plain path, find the subscribe page of every language.

Hook: ``generator_init`` adds the template global ``feed_links()``: the feeds
of the page being rendered (its view's, else its section's) and of its
language, for ``<link rel="alternate">`` autodiscovery.

Pelican's own feeds are turned off in pelicanconf.py: they build each entry
id from the link and the date (an edit of the date or a move to another
section makes readers show the item again), carry no enclosures, mix
languages in category and tag feeds, and write relative links when SITEURL
is empty. Here an entry id is a ``tag:`` URI of the item folder's date and
name and the language (:func:`entry_id`), and every URL is absolute, based
on ``PRESS_FEED_SITEURL``.
"""

from __future__ import annotations

import html
import mimetypes
import os
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urljoin

import lxml.html
from jinja2 import pass_context
from jinja2.runtime import Context
from PIL import Image, UnidentifiedImageError
from pelican.generators import Generator

from ..content import sanitize
from ..content.markdown import HAS_SCHEME
from . import feed_formats as formats
from ..catalogs import N_, Catalogs
from ..log import Problem, report
from ..messages import Msg
from ..settings import SECTIONS, PressSettings, load
from ..video import video_embed
from ..site.digests import items_key
from ..site.reader import CONTEXT_KEY
from ..site.i18n import CATALOGS_KEY, in_language, page_lang
from .calendars import event_time
from .images import IMAGES_KEY, published_image
from ..site.listings import VIEWS_KEY, View, ViewRegistry
from ..content.loader import SiteIndex

FEEDS_KEY = "PRESS_FEEDS"

#: Feed formats: file name beside the view's page, media type, name for people.
FORMATS: dict[str, tuple[str, str, str]] = {
    "atom": ("feed.atom", "application/atom+xml", "Atom"),
    "rss": ("feed.rss", "application/rss+xml", "RSS"),
    "json": ("feed.json", "application/feed+json", "JSON Feed"),
}
#: Views with feeds, in the order the subscribe page and the OPML file list them.
KINDS = ("home", "section", "project", "region", "tag")
JSON_KINDS = frozenset({"home", "section"})
PODCAST_SECTION = "podcasts"

SECTION_LABELS = {
    "news": N_("News"),
    "press-releases": N_("Press releases"),
    "announcements": N_("Announcements"),
    "speeches": N_("Speeches and reports"),
    "galleries": N_("Photo gallery"),
    "video": N_("Video"),
    "podcasts": N_("Podcasts"),
}
GROUP_LABELS = {
    "home": N_("All materials"),
    "section": N_("Sections"),
    "project": N_("Projects"),
    "region": N_("Regions"),
    "tag": N_("Tags"),
}

#: Media types by extension, so that feeds do not depend on the machine's mime.types.
MEDIA_TYPES = {
    ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp",
    ".gif": "image/gif", ".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".aac": "audio/aac",
    ".ogg": "audio/ogg", ".oga": "audio/ogg", ".opus": "audio/ogg", ".wav": "audio/wav",
    ".flac": "audio/flac",
}  # fmt: skip

_URL_ATTRIBUTES = ("href", "src", "cite", "poster")


# --- Pure helpers ----------------------------------------------------------------


def entry_id(authority: str, created: Any, bundle: str, lang: str) -> str:
    """The stable id of one language version of an item.

    ``tag:press.example.kg,2026-03-12:forum-osh/ru`` for
    ``news/2026-03-12-forum-osh`` in Russian: the folder's date and slug and
    the language, so editing the title, body, date or section keeps it.
    """
    folder = bundle.rsplit("/", 1)[-1]
    slug = folder[len(f"{created:%Y-%m-%d}-"):] if folder.startswith(f"{created:%Y-%m-%d}-") else folder
    return f"tag:{authority},{created:%Y-%m-%d}:{slug}/{lang}"


def absolute_url(url: str, site: str, page: str) -> str:
    """``url`` from a page at ``page`` made absolute; root-relative means under ``site``."""
    url = url.strip()
    if not url or HAS_SCHEME.match(url):
        return url
    if url.startswith("/") and not url.startswith("//"):
        return site.rstrip("/") + url
    return urljoin(page, url)


def absolute_links(fragment: str, site: str, page: str) -> str:
    """Every link and image address of an HTML fragment made absolute."""
    if not fragment.strip():
        return fragment
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments, processing instructions
        for name in _URL_ATTRIBUTES:
            value = element.get(name)
            if value is not None:
                element.set(name, absolute_url(value, site, page))
        srcset = element.get("srcset")
        if srcset:
            element.set("srcset", _absolute_srcset(srcset, site, page))
    text = html.escape(root.text or "", quote=False)
    return text + "".join(lxml.html.tostring(child, encoding="unicode") for child in root)


def _absolute_srcset(srcset: str, site: str, page: str) -> str:
    candidates = []
    for candidate in srcset.split(","):
        parts = candidate.split()
        if parts:
            candidates.append(" ".join([absolute_url(parts[0], site, page), *parts[1:]]))
    return ", ".join(candidates)


def media_type(filename: str) -> str:
    ext = os.path.splitext(filename)[1].lower()
    return MEDIA_TYPES.get(ext) or mimetypes.guess_type(filename)[0] or "application/octet-stream"


def file_url(site: str, bundle: str, filename: str) -> str:
    """Public address of a file of an item folder (Pelican's ``STATIC_URL`` media/{path})."""
    return f"{site}/media/{quote(bundle)}/{quote(filename)}"


# --- Which feeds exist -------------------------------------------------------------


@dataclass(frozen=True)
class FeedFile:
    """One feed file: a format of a :class:`FeedSet`."""

    format: str
    path: str  # relative to the site root, e.g. "ru/news/feed.atom"
    url: str  # absolute
    title: str  # for people: "News — Press Centre (Atom)"

    @property
    def type(self) -> str:
        return FORMATS[self.format][1]

    @property
    def label(self) -> str:
        return FORMATS[self.format][2]


@dataclass
class FeedSet:
    """The feeds of one listing view: one subject in one language, in every format."""

    kind: str
    key: str
    lang: str
    name: str  # the subject in the feed's language: "All materials", "News", a tag …
    title: str  # the feed's title: "News — Press Centre"
    page_url: str  # the view's page, relative to the site root
    items: list[Any] = field(repr=False)  # the repr stays the same from build to build
    files: list[FeedFile] = field(default_factory=list)
    #: the language ``name`` is in: another than the feed's for a project or
    #: region not named in it (the subscribe page marks it, as the title says it)
    name_lang: str = ""

    @property
    def ident(self) -> tuple[str, str]:
        return (self.kind, self.key)

    @property
    def podcast(self) -> bool:
        return self.kind == "section" and self.key == PODCAST_SECTION

    def file(self, fmt: str) -> FeedFile | None:
        return next((f for f in self.files if f.format == fmt), None)

    @property
    def main(self) -> FeedFile:
        """The one file a feed reader should subscribe to (OPML)."""
        return self.file("rss" if self.podcast else "atom") or self.files[0]


@dataclass
class FeedRegistry:
    """Every feed of the site, by language, in listing order."""

    sets: dict[str, list[FeedSet]] = field(default_factory=dict)
    #: by language and view: every page asks for its feeds
    _by_ident: dict[tuple[str, tuple[str, str]], FeedSet] = field(default_factory=dict, repr=False)

    def add(self, feed: FeedSet) -> None:
        self.sets.setdefault(feed.lang, []).append(feed)
        self._by_ident.setdefault((feed.lang, feed.ident), feed)

    def of(self, lang: str) -> list[FeedSet]:
        return self.sets.get(lang, [])

    def find(self, lang: str, ident: tuple[str, str]) -> FeedSet | None:
        return self._by_ident.get((lang, ident))

    def files(self) -> list[FeedFile]:
        return [f for lang in sorted(self.sets) for s in self.sets[lang] for f in s.files]


def feed_items(view: View, size: int) -> list[Any]:
    """The view's newest items written in its language, published only."""
    own = [i for i in view.items if i.lang == view.lang and not getattr(i, "held", "")]
    return own[:size]


def build_registry(views: ViewRegistry, press: PressSettings, catalogs: Catalogs) -> FeedRegistry:
    registry = FeedRegistry()
    for lang in press.languages:
        site = press.identity(lang).name
        subjects = []
        for (kind, _), view in sorted(views.views.get(lang, {}).items()):
            items = feed_items(view, press.feed_size) if kind in KINDS else []
            if not items:
                continue
            name = _subject_name(view, catalogs)
            feed = FeedSet(kind, view.key, lang, name, _feed_title(view, name, site, catalogs), view.url, items,
                           name_lang=getattr(view.title, "lang", lang) if kind not in ("home", "section") else lang)
            fmts = ("atom", "rss", "json") if kind in JSON_KINDS else ("atom", "rss")
            feed.files = [_feed_file(feed, fmt, press.feed_siteurl) for fmt in fmts]
            subjects.append(feed)
        for feed in sorted(subjects, key=_order):
            registry.add(feed)
    return registry


def _order(feed: FeedSet) -> tuple[int, int, str]:
    """Home first, then sections in menu order, projects, regions and tags by name."""
    position = SECTIONS.index(feed.key) if feed.kind == "section" else 0
    return (KINDS.index(feed.kind), position, feed.name.casefold())


def _subject_name(view: View, catalogs: Catalogs) -> str:
    if view.kind == "home":
        return catalogs.gettext(view.lang, GROUP_LABELS["home"])
    if view.kind == "section":
        return catalogs.gettext(view.lang, SECTION_LABELS.get(view.key, view.key))
    return str(view.title or view.key)


def _feed_title(view: View, name: str, site: str, catalogs: Catalogs) -> str:
    if view.kind == "home":
        return site
    if view.kind == "tag":
        name = catalogs.gettext(view.lang, N_("Tag: %(name)s")) % {"name": name}
    other = getattr(view.title, "lang", view.lang)
    if other != view.lang:  # a project or region not named in this language: say in which it is
        name = f"{name} ({in_language(catalogs, other, view.lang)})"
    return f"{name} — {site}"


def _feed_file(feed: FeedSet, fmt: str, site: str) -> FeedFile:
    path = feed.page_url + FORMATS[fmt][0]
    return FeedFile(fmt, path, f"{site}/{path}", f"{feed.title} ({FORMATS[fmt][2]})")


# --- What each entry says ------------------------------------------------------------


class EntryBuilder:
    """Turns published items into :class:`~press.outputs.feed_formats.FeedEntry`, once each."""

    def __init__(self, press: PressSettings, index: SiteIndex, catalogs: Catalogs, images: Any = None):
        self.press = press
        self.index = index
        self.images = images  # press.outputs.images' plan: photos are published as derived files
        self.catalogs = catalogs
        self.site = press.feed_siteurl
        self._entries: dict[int, formats.FeedEntry] = {}
        self.fragments: formats.Fragments = {}  # each entry's XML, once per format
        self._media: dict[str, formats.Media] = {}

    def entry(self, item: Any) -> formats.FeedEntry:
        cached = self._entries.get(id(item))
        if cached is None:
            cached = self._entries[id(item)] = self._build(item)
        return cached

    def _build(self, item: Any) -> formats.FeedEntry:
        url = f"{self.site}/{item.url}"
        cover = self._file(item, item.cover) if getattr(item, "cover", None) else None
        audio = self._file(item, item.audio) if getattr(item, "audio", None) else None
        return formats.FeedEntry(
            id=entry_id(self.press.feed_id_authority, item.created, item.bundle, item.lang),
            url=url,
            title=str(item.title),
            summary=str(getattr(item, "description", "") or ""),
            content_html=self._content(item, url),
            authors=self._authors(item),
            categories=tuple(self._categories(item)),
            published=item.date,
            updated=getattr(item, "modified", None) or item.date,
            cover=cover,
            photos=tuple(self._photos(item)),
            audio=audio,
            duration=getattr(item, "audio_duration", None) if audio else None,
            event=self._event(item),
        )

    def _authors(self, item: Any) -> tuple[str, ...]:
        names = tuple(str(a.name) for a in getattr(item, "authors", None) or [])
        return names or (self.press.identity(item.lang).name,)

    def _categories(self, item: Any) -> Iterable[formats.Category]:
        lang, site = item.lang, self.site
        section = self.catalogs.gettext(lang, SECTION_LABELS.get(item.section, item.section))
        yield formats.Category(section, f"{site}/{lang}/")
        for key in getattr(item, "projects", None) or []:
            yield formats.Category(self._project_title(key, lang), f"{site}/{lang}/projects/")
        for key in getattr(item, "regions", None) or []:
            region = self.index.regions.get(key)
            name = str(region.name(lang, self.press.default_lang)) if region else key
            yield formats.Category(name, f"{site}/{lang}/regions/")
        for tag in getattr(item, "tags", None) or []:
            yield formats.Category(str(tag.name), f"{site}/{lang}/tags/")

    def _project_title(self, key: str, lang: str) -> str:
        bundle = self.index.projects.get(key)
        if bundle is None:
            return key
        for code in (lang, self.press.default_lang, *bundle.entries):
            entry = bundle.entries.get(code)
            if entry is not None:
                return str(entry.meta.get("title", key))
        return key

    def _file(self, item: Any, filename: str) -> formats.Media:
        path = os.path.join(self.index.bundles[item.bundle].abspath, filename)
        media = self._media.get(path)
        if media is None:
            width = height = None
            kind = media_type(filename)
            shown = published_image(self.images, item.bundle, filename) if kind.startswith("image/") else None
            if shown is not None:  # originals are not published; the widest derived image stands for it
                media = formats.Media(f"{self.site}/{shown.path}", shown.mime, shown.length, shown.width, shown.height)
                self._media[path] = media
                return media
            if kind.startswith("image/"):
                width, height = _image_size(path)
            url = file_url(self.site, item.bundle, filename)
            media = self._media[path] = formats.Media(url, kind, os.path.getsize(path), width, height)
        return media

    def _photos(self, item: Any) -> Iterable[formats.Media]:
        for photo in getattr(item, "gallery", None) or []:
            media = self._file(item, photo.file)
            caption = photo.caption
            if caption:
                other = caption.lang if caption.lang != item.lang else ""
                media = formats.Media(media.url, media.type, media.length, media.width, media.height, str(caption), other)
            yield media

    def _event(self, item: Any) -> formats.EventTime | None:
        event = getattr(item, "event", None)
        if event is None:
            return None
        place = ", ".join(str(p) for p in (event.location, event.address) if p)
        return formats.EventTime(event.start, event.end, place)

    def _content(self, item: Any, url: str) -> str:
        parts = [self._event_html(item), str(item.content or ""), self._video_html(item), self._gallery_html(item)]
        return sanitize.clean(absolute_links("".join(parts), self.site, url))

    def _text(self, lang: str, message: str, **values: Any) -> str:
        text = self.catalogs.gettext(lang, message)
        return html.escape(text % values if values else text)

    def _event_html(self, item: Any) -> str:
        event = getattr(item, "event", None)
        if event is None:
            return ""
        lang = item.lang
        when = event_time(event, lang, self.press)
        zone = f" ({self._text(lang, N_('%(city)s time, UTC%(offset)s'), city=when.city, offset=when.offset)})" if when.city else ""
        out = [f"<p><strong>{self._text(lang, N_('When'))}:</strong> {when.html}{zone}</p>"]
        place = ", ".join(html.escape(str(p)) for p in (event.location, event.address) if p)
        if place:
            out.append(f"<p><strong>{self._text(lang, N_('Where'))}:</strong> {place}</p>")
        if event.status in ("cancelled", "postponed"):
            label = N_("Cancelled") if event.status == "cancelled" else N_("Postponed")
            out.append(f"<p><strong>{self._text(lang, label)}</strong></p>")
        return "".join(out)

    def _video_html(self, item: Any) -> str:
        url = getattr(item, "video", None)
        embed = video_embed(url) if url else None
        if embed is None:
            return ""
        label = self._text(item.lang, N_("Watch on %(host)s"), host=embed.host)
        return f'<p><a href="{html.escape(url)}">{label}</a></p>'

    def _gallery_html(self, item: Any) -> str:
        figures = []
        for photo in getattr(item, "gallery", None) or []:
            media = self._file(item, photo.file)
            alt = photo.alt_text(item.lang)
            size = f' width="{media.width}" height="{media.height}"' if media.width else ""
            caption = f"<figcaption>{html.escape(str(photo.caption))}</figcaption>" if photo.caption else ""
            figures.append(f'<figure><img src="{media.url}" alt="{html.escape(str(alt or ""))}"{size}>{caption}</figure>')
        return "".join(figures)


def _image_size(path: str) -> tuple[int | None, int | None]:
    try:
        with Image.open(path) as image:
            return image.size
    except (UnidentifiedImageError, OSError):
        return None, None


# --- The generator -----------------------------------------------------------------


class FeedsGenerator(Generator):
    """Writes every feed, the OPML files and the subscribe pages."""

    def generate_context(self) -> None:
        self.press: PressSettings = load(self.settings)
        self.catalogs: Catalogs = self.context.get(CATALOGS_KEY) or Catalogs.load(self.settings)
        views: ViewRegistry = self.context[VIEWS_KEY]
        self.feeds = build_registry(views, self.press, self.catalogs)
        self.context[FEEDS_KEY] = self.feeds
        warn_shared_ids(views, self.press)
        self.subscribe = {lang: self._subscribe_view(lang) for lang in self.press.languages if self.feeds.of(lang)}
        for view in self.subscribe.values():
            views.add(view)

    def generate_output(self, writer: Any) -> None:
        index: SiteIndex = self.context[CONTEXT_KEY]
        builder = EntryBuilder(self.press, index, self.catalogs, self.context.get(IMAGES_KEY))
        self.writer = writer
        self.key_memo: dict[Any, Any] = {}
        for lang in self.press.languages:
            for feed in self.feeds.of(lang):
                self._write_feed(feed, builder)
            if self.feeds.of(lang):
                self._write_opml(lang)


    def _info(self, feed: FeedSet, fmt: FeedFile) -> formats.FeedInfo:
        identity = self.press.identity(feed.lang)
        site = self.press.feed_siteurl
        return formats.FeedInfo(
            title=feed.title, description=identity.tagline or identity.name, lang=feed.lang,
            page_url=f"{site}/{feed.page_url}", feed_url=fmt.url, author=identity.name,
            author_url=f"{site}/{feed.lang}/",
        )  # fmt: skip

    def _write_feed(self, feed: FeedSet, builder: EntryBuilder) -> None:
        """Each file is produced when press.build.render runs its jobs, and only if
        its items changed since the last build (otherwise it is reused)."""
        index: SiteIndex = self.context[CONTEXT_KEY]
        key = items_key(index, feed.items, feed.kind, feed.lang, feed.title, feed.page_url, memo=self.key_memo)
        for file in feed.files:
            info = self._info(feed, file)

            def produce(feed: FeedSet = feed, file: FeedFile = file, info: formats.FeedInfo = info) -> bytes:
                entries = [builder.entry(i) for i in feed.items]
                if file.format == "atom":
                    return formats.atom(info, entries, builder.fragments)
                if file.format == "json":
                    return formats.json_feed(info, entries)
                return formats.rss(info, entries, self._podcast() if feed.podcast else None, builder.fragments)

            write_generated(self.writer, self.output_path, file.path, produce, f"{key}:{file.format}")

    def _podcast(self) -> formats.PodcastInfo:
        podcast = self.press.podcast
        image = podcast.image
        if not HAS_SCHEME.match(image):
            image = f"{self.press.feed_siteurl}/{image.lstrip('/')}"
        return formats.PodcastInfo(image, podcast.category, podcast.subcategory, podcast.explicit, podcast.owner_email)

    def _write_opml(self, lang: str) -> None:
        subjects = self.feeds.of(lang)
        site = self.press.feed_siteurl
        groups: dict[str, list[formats.Outline]] = defaultdict(list)
        for feed in subjects:
            outline = formats.Outline(feed.title, feed.main.url, f"{site}/{feed.page_url}", lang)
            groups[feed.kind].append(outline)
        outlines = list(groups.pop("home", []))
        for kind in KINDS[1:]:
            if groups.get(kind):
                name = self.catalogs.gettext(lang, GROUP_LABELS[kind])
                outlines.append(formats.Outline(name, children=tuple(groups[kind])))
        modified = max(i.date for s in subjects for i in s.items)
        self._write(f"{lang}/feeds.opml", formats.opml(self.press.identity(lang).name, modified, outlines))

    def _subscribe_view(self, lang: str) -> View:
        subjects = self.feeds.of(lang)
        groups = [(kind, [s for s in subjects if s.kind == kind]) for kind in KINDS]
        extra = {
            "groups": [(kind, group) for kind, group in groups if group],
            "calendar": self._calendar_url(lang),
            "opml": f"{lang}/feeds.opml",
        }
        home = subjects[0]
        return View("subscribe", "", lang, f"{lang}/subscribe/", list(home.items), template="subscribe", extra=extra)

    def _calendar_url(self, lang: str) -> str | None:
        """Path of the language's calendar (press.outputs.calendars writes it when there are events)."""
        section = self.context[VIEWS_KEY].find(lang, ("section", "announcements"))
        items = section.items if section is not None else []
        if any(i.lang == lang and getattr(i, "event", None) is not None for i in items):
            return f"{lang}/announcements/calendar.ics"
        return None

    def _write(self, path: str, data: bytes) -> None:
        target = os.path.join(self.output_path, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as handle:
            handle.write(data)


def warn_shared_ids(views: ViewRegistry, press: PressSettings) -> None:
    """Warn of two items of different sections with the same folder name: they
    would share a feed id (:func:`entry_id`) in the home views of ``views``."""
    seen: dict[str, str] = {}
    shared: list[Problem] = []
    for lang in press.languages:
        home = views.find(lang, ("home", ""))
        for item in home.items if home is not None else []:
            if item.lang != lang:
                continue
            ident = entry_id(press.feed_id_authority, item.created, item.bundle, item.lang)
            other = seen.setdefault(ident, item.bundle)
            if other != item.bundle:
                shared.append(Problem(item.bundle, None, "", Msg(
                    "feed id {ident} is also the id of {other}; rename one of the folders so that"
                    " feed readers do not take one item for the other", ident=ident, other=other), "warning"))  # fmt: skip
    report(shared)


# --- Template globals ----------------------------------------------------------------


@pass_context
def feed_links(ctx: Context) -> list[FeedFile]:
    """Feeds to advertise on the page being rendered, most specific first."""
    registry: FeedRegistry | None = ctx.get(FEEDS_KEY)
    if registry is None:
        return []
    lang = page_lang(ctx)
    home = registry.find(lang, ("home", ""))
    view, item = ctx.get("view"), ctx.get("article")
    if view is not None and view.lang == lang:
        chosen = [registry.find(lang, view.ident), home]
    elif item is not None:
        chosen = [home, registry.find(lang, ("section", item.section))]
    else:
        chosen = [home]
    unique = [s for n, s in enumerate(chosen) if s is not None and all(s is not c for c in chosen[:n])]
    return [f for s in unique for f in s.files]


def install(generator: Any) -> None:
    generator.env.globals.update(feed_links=feed_links)


def write_generated(writer: Any, output_path: str, name: str, produce: Callable[[], bytes], content_key: str) -> None:
    """A file made by ``produce()``: handed to a writer that defers its work
    (press.build.render's, which produces it on every core, or reuses it while
    ``content_key`` is unchanged), else, with Pelican's own writer (the plain
    path), written at once."""
    defer = getattr(writer, "write_generated", None)
    if defer is not None:
        defer(name, produce, content_key)
        return
    path = os.path.join(output_path, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(produce())


def get_generators(pelican: Any) -> type[Generator]:
    return FeedsGenerator
