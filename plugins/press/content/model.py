"""The content model: plain typed data for bundles, items and their parts.

A *bundle* is one folder of the content tree (an item, a static page or a
project); its ``index.<lang>.md`` files are the language versions. After
loading, every language version has an :class:`Entry`: its own metadata merged
with what it inherits from the bundle's other files. Pelican receives the
entry's metadata through our reader; templates see the same typed values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

#: Files of an item's folder that are photos: published only as derived images.
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".gif")


@dataclass(frozen=True)
class Localized:
    """A piece of words with the language it is written in.

    A translation that lacks a caption, location, role … shows the default
    language's text; the page marks it with ``lang`` so screen readers and
    search engines know. Templates compare ``value.lang`` with the page's.
    """

    text: str
    lang: str

    def __str__(self) -> str:
        return self.text

    def __html__(self) -> str:
        from markupsafe import escape

        return str(escape(self.text))

    def __bool__(self) -> bool:
        return bool(self.text)


@dataclass(frozen=True)
class GalleryImage:
    file: str
    caption: Localized | None = None
    alt: Localized | None = None

    def alt_text(self, lang: str) -> Localized | None:
        """Alt text, else the caption; words in ``lang`` before fallbacks."""
        own = [v for v in (self.alt, self.caption) if v and v.lang == lang]
        return next(iter(own), None) or self.alt or self.caption


def gallery_alt(item: Any, file: str, lang: str) -> Localized | None:
    """The alt text (else caption) the gallery of ``item`` gives ``file`` in ``lang``."""
    for photo in getattr(item, "gallery", None) or []:
        if photo.file == file:
            return photo.alt_text(lang)
    return None


@dataclass(frozen=True)
class Contact:
    name: str
    role: Localized | None = None
    phone: str = ""
    phone_e164: str = ""
    email: str = ""


@dataclass(frozen=True)
class Credit:
    role: Localized | None
    name: str


@dataclass(frozen=True)
class Source:
    name: Localized | None
    url: str = ""


@dataclass(frozen=True)
class Attachment:
    file: str
    title: Localized | None
    size: int = 0


@dataclass(frozen=True)
class Event:
    """An announced event; ``start`` and ``end`` are aware, in ``timezone``:
    the event's own ``timezone:``, else its first region's, else the site's."""

    start: dt.datetime
    end: dt.datetime | None = None
    location: Localized | None = None
    address: Localized | None = None
    online_url: str = ""
    status: str = "scheduled"
    timezone: str = ""  # IANA name, e.g. "Asia/Dushanbe"


@dataclass
class SourceFile:
    """One ``index.<lang>.md`` file as read from disk."""

    path: str  # relative to the content folder, forward slashes
    abspath: str
    lang: str
    front_matter: str
    body: str
    body_line: int  # first line of the Markdown body (1-based)
    raw: dict[str, Any] = field(default_factory=dict)

    def line_of(self, key: str, needle: str | None = None) -> int | None:
        """Line of ``key:`` in the front matter, 1-based; with ``needle``, the
        line of ``needle`` within the field ``key`` (its line and the lines
        under it: a tag, not the same word in the title), else of ``key:``."""
        lines = self.front_matter.splitlines()
        if needle is not None:
            top = next((i for i, line in enumerate(lines) if line.startswith(f"{key}:")), None)
            if top is not None:
                end = top + 1
                while end < len(lines) and (not lines[end].strip() or lines[end][0] in " \t-#"):
                    end += 1
                return next((i for i in range(top, end) if needle in lines[i]), top) + 2
            return next((i + 2 for i, line in enumerate(lines) if needle in line), None)
        return next((i + 2 for i, line in enumerate(lines) if line.lstrip(" -").startswith(f"{key}:")), None)


@dataclass
class Entry:
    """One language version of a bundle, with inheritance applied."""

    lang: str
    source: SourceFile
    meta: dict[str, Any]
    held: str = ""  # why it is held back ("draft", "embargo until …"), or ""


@dataclass
class Bundle:
    kind: str  # "item", "page" or "project"
    key: str  # e.g. "news/2026-03-12-forum", "pages/about", "projects/local-budgets"
    section: str  # item section, "pages" or "projects"
    folder: str
    slug: str
    created: dt.date | None  # the folder's date prefix (items only)
    abspath: str
    files: dict[str, SourceFile] = field(default_factory=dict)
    entries: dict[str, Entry] = field(default_factory=dict)

    def published(self) -> dict[str, Entry]:
        return {lang: e for lang, e in self.entries.items() if not e.held}


@dataclass
class Region:
    key: str
    names: dict[str, str]
    timezone: str = ""  # IANA name; the zone of the events held there

    def name(self, lang: str, default_lang: str) -> Localized:
        if self.names.get(lang):
            return Localized(self.names[lang], lang)
        fallback = self.names.get(default_lang) or next(iter(self.names.values()), self.key)
        return Localized(fallback, default_lang)
