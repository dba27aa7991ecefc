"""Feed file formats: Atom 1.0, RSS 2.0, a podcast RSS, JSON Feed 1.1 and OPML 2.0.

:mod:`press.outputs.feeds` decides which feeds exist and what each entry says (a
:class:`FeedEntry`, all URLs absolute); this module only writes them. The XML
formats subclass feedgenerator's ``Atom1Feed`` and ``Rss201rev2Feed`` (the
library Pelican uses) and replace their entry elements, which know neither
several authors, nor categories with a scheme, nor Media RSS, nor the
``content:encoded`` module, nor the iTunes tags podcast apps need.

Namespaces used: Media RSS (galleries and covers), RSS 1.0 Content (full
text in RSS), Dublin Core (authors in RSS, which wants e-mail addresses in
``<author>``), the RSS 1.0 Event module (announcements) and Apple's podcast
namespace. Attributes are sorted by feedgenerator, so output is deterministic.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.utils import format_datetime
from html import escape
from io import StringIO
from typing import Any

import feedgenerator
from feedgenerator.django.utils.xmlutils import SimplerXMLGenerator
from lxml import etree

NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "media": "http://search.yahoo.com/mrss/",
    "ev": "http://purl.org/rss/1.0/modules/event/",
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
}
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
EVENT_MODULE = "https://web.resource.org/rss/1.0/modules/event/"


@dataclass(frozen=True)
class Media:
    """A file of an item: cover, gallery photo or audio, with an absolute URL."""

    url: str
    type: str
    length: int  # bytes
    width: int | None = None
    height: int | None = None
    caption: str = ""
    caption_lang: str = ""


@dataclass(frozen=True)
class Category:
    term: str  # what readers show: the section, project or region name, the tag
    scheme: str  # absolute URL of the kind of category (e.g. https://…/ru/tags/)


@dataclass(frozen=True)
class EventTime:
    start: dt.datetime
    end: dt.datetime | None
    location: str = ""


@dataclass(frozen=True)
class FeedEntry:
    """One item as every feed format carries it; URLs are absolute."""

    id: str
    url: str
    title: str
    summary: str  # plain text
    content_html: str  # sanitized, absolute links
    authors: tuple[str, ...]
    categories: tuple[Category, ...]
    published: dt.datetime
    updated: dt.datetime
    cover: Media | None = None
    photos: tuple[Media, ...] = ()
    audio: Media | None = None
    duration: int | None = None  # seconds
    event: EventTime | None = None


@dataclass(frozen=True)
class FeedInfo:
    """What a whole feed says about itself."""

    title: str
    description: str
    lang: str
    page_url: str  # absolute URL of the listing page
    feed_url: str  # absolute URL of this file
    author: str  # the organisation
    author_url: str


@dataclass(frozen=True)
class PodcastInfo:
    image: str  # absolute URL
    category: str
    subcategory: str = ""
    explicit: bool = False
    owner_email: str = ""


def rfc3339(value: dt.datetime) -> str:
    return value.isoformat(timespec="seconds")


def itunes_duration(seconds: int) -> str:
    """HH:MM:SS, the form every podcast directory reads."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}"


def _add_feed_items(feed: feedgenerator.SyndicationFeed, entries: Sequence[FeedEntry]) -> None:
    for entry in entries:
        feed.add_item(
            title=entry.title, link=entry.url, description=entry.summary,
            pubdate=entry.published, updateddate=entry.updated, unique_id=entry.id, entry=entry,
        )  # fmt: skip


def _media_elements(handler: Any, entry: FeedEntry) -> None:
    """Media RSS: the cover as a thumbnail, a gallery's photos as a group."""
    if entry.cover is not None:
        handler.addQuickElement("media:thumbnail", None, _size({"url": entry.cover.url}, entry.cover))
    if entry.photos:
        handler.startElement("media:group", {})
        for photo in entry.photos:
            attrs = _size({"url": photo.url, "type": photo.type, "medium": "image", "fileSize": str(photo.length)}, photo)
            handler.startElement("media:content", attrs)
            if photo.caption:
                caption_attrs = {"type": "plain"}
                if photo.caption_lang:
                    caption_attrs["xml:lang"] = photo.caption_lang
                handler.addQuickElement("media:description", photo.caption, caption_attrs)
            handler.endElement("media:content")
        handler.endElement("media:group")


def _size(attrs: dict[str, str], media: Media) -> dict[str, str]:
    if media.width and media.height:
        attrs.update(width=str(media.width), height=str(media.height))
    return attrs


def _event_elements(handler: Any, entry: FeedEntry) -> None:
    event = entry.event
    if event is None:
        return
    handler.addQuickElement("ev:startdate", rfc3339(event.start))
    if event.end is not None:
        handler.addQuickElement("ev:enddate", rfc3339(event.end))
    if event.location:
        handler.addQuickElement("ev:location", event.location)


Fragments = dict[tuple[Any, ...], str]


class _EntryOnce:
    """An item sits in a dozen feeds (language, section, projects, regions,
    tags): its elements are serialised once per format and build, by
    feedgenerator's own XML writer, and copied into every feed that lists it.

    ``fragments`` is the per-build store (see :func:`atom`); without it every
    feed writes its entries itself.
    """

    fragments: Fragments | None = None

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        entry: FeedEntry = item["entry"]
        if self.fragments is None:
            self.entry_elements(handler, entry)
            return
        key = (type(self), getattr(self, "podcast", None), entry)
        text = self.fragments.get(key)
        if text is None:
            out = StringIO()
            self.entry_elements(SimplerXMLGenerator(out, "utf-8", short_empty_elements=True), entry)
            text = self.fragments[key] = out.getvalue()
        handler.ignorableWhitespace(text)  # written as is: already serialised XML

    def entry_elements(self, handler: Any, entry: FeedEntry) -> None:
        raise NotImplementedError


class AtomFeed(_EntryOnce, feedgenerator.Atom1Feed):
    """Atom 1.0 (RFC 4287) with every author, categories, enclosures and Media RSS."""

    def root_attributes(self) -> dict[str, str]:
        attrs = super().root_attributes()
        attrs.update({"xmlns:media": NS["media"], "xmlns:ev": NS["ev"]})
        return attrs

    def entry_elements(self, handler: Any, entry: FeedEntry) -> None:
        handler.addQuickElement("title", entry.title)
        handler.addQuickElement("link", None, {"rel": "alternate", "type": "text/html", "href": entry.url})
        handler.addQuickElement("id", entry.id)
        handler.addQuickElement("published", rfc3339(entry.published))
        handler.addQuickElement("updated", rfc3339(entry.updated))
        for name in entry.authors:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.endElement("author")
        if entry.summary:
            handler.addQuickElement("summary", entry.summary, {"type": "text"})
        handler.addQuickElement("content", entry.content_html, {"type": "html"})
        for category in entry.categories:
            handler.addQuickElement("category", None, {"term": category.term, "scheme": category.scheme, "label": category.term})
        for media in (entry.cover, entry.audio):
            if media is not None:
                attrs = {"rel": "enclosure", "href": media.url, "type": media.type, "length": str(media.length)}
                handler.addQuickElement("link", None, attrs)
        _media_elements(handler, entry)
        _event_elements(handler, entry)


class RssFeed(_EntryOnce, feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with full text in ``content:encoded``, Dublin Core authors and Media RSS."""

    def rss_attributes(self) -> dict[str, str]:
        attrs = super().rss_attributes()
        for prefix in ("content", "dc", "media", "ev"):
            attrs[f"xmlns:{prefix}"] = NS[prefix]
        return attrs

    def enclosure(self, entry: FeedEntry) -> Media | None:
        """RSS allows one enclosure: the cover image."""
        return entry.cover

    def entry_elements(self, handler: Any, entry: FeedEntry) -> None:
        handler.addQuickElement("title", entry.title)
        handler.addQuickElement("link", entry.url)
        handler.addQuickElement("description", escape(entry.summary, quote=False))
        handler.addQuickElement("content:encoded", entry.content_html)
        for name in entry.authors:
            handler.addQuickElement("dc:creator", name)
        handler.addQuickElement("pubDate", format_datetime(entry.published))
        handler.addQuickElement("atom:updated", rfc3339(entry.updated))
        handler.addQuickElement("guid", entry.id, {"isPermaLink": "false"})
        for category in entry.categories:
            handler.addQuickElement("category", category.term, {"domain": category.scheme})
        media = self.enclosure(entry)
        if media is not None:
            handler.addQuickElement("enclosure", None, {"url": media.url, "length": str(media.length), "type": media.type})
        _media_elements(handler, entry)
        _event_elements(handler, entry)


class PodcastFeed(RssFeed):
    """The podcast: RSS 2.0 with audio enclosures and Apple's podcast tags."""

    def __init__(self, *args: Any, podcast: PodcastInfo, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.podcast = podcast

    def rss_attributes(self) -> dict[str, str]:
        attrs = super().rss_attributes()
        attrs["xmlns:itunes"] = NS["itunes"]
        return attrs

    def add_root_elements(self, handler: Any) -> None:
        super().add_root_elements(handler)
        podcast, feed = self.podcast, self.feed
        handler.startElement("image", {})
        handler.addQuickElement("url", podcast.image)
        handler.addQuickElement("title", feed["title"])
        handler.addQuickElement("link", feed["link"])
        handler.endElement("image")
        handler.addQuickElement("itunes:author", feed["author_name"])
        handler.addQuickElement("itunes:image", None, {"href": podcast.image})
        handler.startElement("itunes:category", {"text": podcast.category})
        if podcast.subcategory:
            handler.addQuickElement("itunes:category", None, {"text": podcast.subcategory})
        handler.endElement("itunes:category")
        handler.addQuickElement("itunes:explicit", "true" if podcast.explicit else "false")
        handler.addQuickElement("itunes:type", "episodic")
        if podcast.owner_email:
            handler.startElement("itunes:owner", {})
            handler.addQuickElement("itunes:name", feed["author_name"])
            handler.addQuickElement("itunes:email", podcast.owner_email)
            handler.endElement("itunes:owner")

    def enclosure(self, entry: FeedEntry) -> Media | None:
        """The episode's audio file."""
        return entry.audio

    def entry_elements(self, handler: Any, entry: FeedEntry) -> None:
        super().entry_elements(handler, entry)
        handler.addQuickElement("itunes:author", ", ".join(entry.authors))
        if entry.duration:
            handler.addQuickElement("itunes:duration", itunes_duration(entry.duration))
        handler.addQuickElement("itunes:explicit", "true" if self.podcast.explicit else "false")
        handler.addQuickElement("itunes:episodeType", "full")
        if entry.cover is not None:
            handler.addQuickElement("itunes:image", None, {"href": entry.cover.url})


def _xml_feed(
    cls: type[_EntryOnce], info: FeedInfo, entries: Sequence[FeedEntry], fragments: Fragments | None, **extra: Any
) -> bytes:
    feed = cls(
        title=info.title, link=info.page_url, description=info.description, language=info.lang,
        feed_url=info.feed_url, feed_guid=info.feed_url, author_name=info.author,
        author_link=info.author_url, **extra,
    )  # fmt: skip
    feed.fragments = fragments
    _add_feed_items(feed, entries)
    return feed.writeString("utf-8").encode("utf-8")


def atom(info: FeedInfo, entries: Sequence[FeedEntry], fragments: Fragments | None = None) -> bytes:
    """``fragments``: a dict kept for one build, shared by its feeds, so
    each entry is serialised once (the entries must not change meanwhile)."""
    return _xml_feed(AtomFeed, info, entries, fragments)


def rss(
    info: FeedInfo, entries: Sequence[FeedEntry], podcast: PodcastInfo | None = None, fragments: Fragments | None = None
) -> bytes:
    if podcast is not None:
        return _xml_feed(PodcastFeed, info, entries, fragments, podcast=podcast)
    return _xml_feed(RssFeed, info, entries, fragments)


def json_feed(info: FeedInfo, entries: Sequence[FeedEntry]) -> bytes:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1)."""
    data: dict[str, Any] = {
        "version": JSON_FEED_VERSION,
        "title": info.title,
        "home_page_url": info.page_url,
        "feed_url": info.feed_url,
        "description": info.description,
        "language": info.lang,
        "authors": [{"name": info.author, "url": info.author_url}],
        "items": [_json_item(entry, info.lang) for entry in entries],
    }
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _json_item(entry: FeedEntry, lang: str) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": entry.id,
        "url": entry.url,
        "title": entry.title,
        "content_html": entry.content_html,
        "date_published": rfc3339(entry.published),
        "date_modified": rfc3339(entry.updated),
        "authors": [{"name": name} for name in entry.authors],
        "tags": [c.term for c in entry.categories],
        "language": lang,
    }
    if entry.summary:
        item["summary"] = entry.summary
    if entry.cover is not None:
        item["image"] = entry.cover.url
    attachments = []
    if entry.audio is not None:
        audio = {"url": entry.audio.url, "mime_type": entry.audio.type, "size_in_bytes": entry.audio.length}
        if entry.duration:
            audio["duration_in_seconds"] = entry.duration
        attachments.append(audio)
    for photo in entry.photos:
        attachment: dict[str, Any] = {"url": photo.url, "mime_type": photo.type, "size_in_bytes": photo.length}
        if photo.caption:
            attachment["title"] = photo.caption
        attachments.append(attachment)
    if attachments:
        item["attachments"] = attachments
    if entry.event is not None:
        event: dict[str, Any] = {"about": EVENT_MODULE, "start": rfc3339(entry.event.start)}
        if entry.event.end is not None:
            event["end"] = rfc3339(entry.event.end)
        if entry.event.location:
            event["location"] = entry.event.location
        item["_event"] = event
    return item


@dataclass(frozen=True)
class Outline:
    """One feed in an OPML file, or a folder of feeds (``children``)."""

    text: str
    xml_url: str = ""
    html_url: str = ""
    lang: str = ""
    children: tuple[Outline, ...] = field(default_factory=tuple)


def opml(title: str, modified: dt.datetime, outlines: Sequence[Outline]) -> bytes:
    """OPML 2.0 subscription list (http://opml.org/spec2.opml)."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    etree.SubElement(head, "dateModified").text = format_datetime(modified)
    etree.SubElement(head, "docs").text = "http://opml.org/spec2.opml"
    body = etree.SubElement(root, "body")
    for outline in outlines:
        _outline(body, outline)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def _outline(parent: etree._Element, outline: Outline) -> None:
    node = etree.SubElement(parent, "outline", text=outline.text, title=outline.text)
    if outline.xml_url:
        node.set("type", "rss")
        node.set("xmlUrl", outline.xml_url)
        node.set("htmlUrl", outline.html_url)
        node.set("language", outline.lang)
    for child in outline.children:
        _outline(node, child)
