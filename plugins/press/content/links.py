"""Where a link or image of a text points, decided once for the build and ``make check``.

A body link relative to the item's folder (``../2026-03-12-forum/``,
``report.pdf``, ``{filename}../forum/index.ru.md``, ``{static}photo.jpg``)
names something of the content tree. :func:`locate` says what: an item (its
folder or one of its ``index.<lang>.md`` files), a file of an item's folder,
or what is wrong with the link. :func:`resolve` rewrites the links of a
converted body with it, before Pelican sees them:

* a link to an item becomes that item's page in the page's language (the
  item's own language, marked with ``hreflang``, where it has no version
  there); Pelican's own ``{static}`` would copy the folder, sources and all;
* a link to a held item (draft, embargo) or to anything else that is not
  published (a source file, a folder, a missing file, a place outside the
  content folder) leaves its words and no trace: no address, slug or file
  name; the press officer gets a warning instead;
* a link to a file of a published item stays, and the file is recorded as
  declared, so that it is copied (``press.site.reader`` copies no other file).

Nothing here knows Pelican; the content plugin calls :func:`resolve` from its
reader, ``make check`` calls :func:`locate` on the same links.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING
from urllib.parse import unquote

from ..messages import Msg
from ..settings import PressSettings
from .markdown import HAS_SCHEME
from .model import IMAGE_EXTENSIONS, Bundle, Entry, SourceFile

if TYPE_CHECKING:  # the loader imports this module
    from .loader import SiteIndex

#: A link Pelican resolves against the content tree, as :mod:`press.content.markdown`
#: writes it for relative links (``{static}``, ``{filename}``) or as a press
#: officer may write it (also ``{attach}`` and the older ``|static|`` form).
FILE_LINK = re.compile(
    r'(?P<attr>\b(?:href|src))="(?P<marker>\{(?:filename|static|attach)\}|\|(?:filename|static|attach)\|)(?P<url>[^"]*)"'
)
#: Stands for the attribute of a link :func:`resolve` leaves as words, until :func:`_unwrap`.
_UNLINK = "\0unlink\0"
_ANCHOR = re.compile(r"<a\b[^>]*>(?P<words>.*?)</a>", re.S | re.I)
SOURCE_SUFFIXES = (".md", ".markdown", ".yml", ".yaml")
_INDEX_FILE = re.compile(r"^index\.(?P<lang>[A-Za-z_-]+)\.md$")
# Image references in a Markdown body: ![alt](x.jpg), [text](x.jpg), <img src="x.jpg">, [ref]: x.jpg
_BODY_REF = re.compile(
    r"""!?\[[^\]\n]*\]\(\s*<?(?P<inline>[^)\s>]+)"""
    r"""|<img\b[^>]*?\bsrc\s*=\s*["']?(?P<html>[^"'\s>]+)"""
    r"""|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?(?P<ref>[^\s>]+)""",
    re.IGNORECASE | re.MULTILINE,
)
_IMG_START = re.compile(r"<img\b", re.IGNORECASE)


@dataclass(frozen=True)
class Target:
    """What a link names: a bundle (``lang`` of the file named, if any), a
    file of a bundle's folder, or a ``problem``."""

    path: str  # absolute, symbolic links resolved
    bundle: Bundle | None = None
    file: str = ""  # the file inside the bundle's folder, "" for the bundle itself
    lang: str | None = None
    problem: Msg | None = None
    held: str = ""  # why the bundle is not published, "" if it is

    @property
    def is_item(self) -> bool:
        return self.problem is None and self.bundle is not None and not self.file


def split_url(url: str) -> tuple[str, str]:
    """The path of a link (unescaped, unquoted) and what follows it (``#…``, ``?…``)."""
    url = html.unescape(url)
    cut = min((i for i in (url.find("#"), url.find("?")) if i >= 0), default=len(url))
    return unquote(url[:cut]), url[cut:]


def locate(index: SiteIndex, bundle: Bundle, ref: str) -> Target:
    """What ``ref`` (a path relative to ``bundle``'s folder, or to the content
    folder when it starts with ``/``) names in ``index``, a
    :class:`~press.content.loader.SiteIndex`."""
    root = index.root
    base = root if ref.startswith("/") else bundle.abspath
    path = os.path.realpath(os.path.join(base, ref.lstrip("/")))
    rel = os.path.relpath(path, root).replace(os.sep, "/")
    if os.path.commonpath([root, path]) != root:
        return Target(path, problem=Msg("leaves the content folder"))
    if not os.path.exists(path):
        return Target(path, problem=Msg("points to no file ({path} does not exist)", path=rel))
    owner = _owner(index, path)
    if owner is None or (os.path.isdir(path) and path != owner.abspath):
        return Target(path, problem=Msg("points to a folder or file that is not an item ({path}); link to an item's folder or a file in it", path=rel))
    held = bundle_held(index, owner)
    if path == owner.abspath:
        return Target(path, owner, held=held)
    name = os.path.relpath(path, owner.abspath).replace(os.sep, "/")
    match = _INDEX_FILE.match(name)
    if match and match["lang"] in owner.files:
        return Target(path, owner, lang=match["lang"], held=held)
    if name.lower().endswith(SOURCE_SUFFIXES):
        return Target(path, owner, name, problem=Msg("points to a source file ({path}), which is never published", path=rel))
    return Target(path, owner, name, held=held)


def _owner(index: SiteIndex, path: str) -> Bundle | None:
    """The bundle whose folder is ``path`` or holds it."""
    folders = index.folders()
    here = path
    while True:
        found = folders.get(here)
        if found is not None:
            return found
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def bundle_held(index: SiteIndex, bundle: Bundle) -> str:
    """Why no version of ``bundle`` is published ("" if one is, or in a preview)."""
    if index.settings.preview or bundle.published():
        return ""
    entries = list(bundle.entries.values())
    return entries[0].held if entries else "draft"


def page_lang(bundle: Bundle, wanted: str, named: str | None, default: str, preview: bool) -> str | None:
    """The language version a link to ``bundle`` opens: the page's own, else
    the one the link named, else the default language's, else the first."""
    shown = [lang for lang, e in bundle.entries.items() if preview or not e.held]
    for lang in (wanted, named, default):
        if lang in shown:
            return lang
    return shown[0] if shown else None


@dataclass
class Resolved:
    """A body with its links resolved, and what the build needs to know of them."""

    html: str
    files: set[str] = field(default_factory=set)  # absolute paths of the files it links
    unlinked: list[tuple[str, Target]] = field(default_factory=list)  # (marked url, target) left as words
    state: tuple[str, ...] = ()  # every decision, for the caches' keys


def resolve(index: SiteIndex, bundle: Bundle, lang: str, body: str, siteurl: str = "") -> Resolved:
    """Rewrite the file links of ``body`` (converted HTML of ``bundle`` in ``lang``)."""
    if "{" not in body and "|" not in body:
        return Resolved(body)
    settings = index.settings
    out = Resolved(body)
    state: list[str] = []

    def link(match: re.Match[str]) -> str:
        ref, rest = split_url(match["url"])
        if not ref:
            return match[0]
        target = locate(index, bundle, ref)
        if target.problem is None and not target.held and target.file:
            out.files.add(target.path)
            state.append(f"file {target.path}")
            return match[0]
        if target.is_item and not target.held:
            assert target.bundle is not None
            shown = page_lang(target.bundle, lang, target.lang, settings.default_lang, settings.preview)
            if shown is not None:
                href = _item_href(target.bundle, shown, siteurl)
                extra = f' hreflang="{shown}"' if shown != lang else ""
                state.append(f"item {href}{extra}")
                return f'{match["attr"]}="{html.escape(href + rest)}"{extra}'
        out.unlinked.append((html.unescape(match["marker"] + match["url"]), target))
        state.append(f"unlinked {match['url']} {target.held or target.problem}")
        return _UNLINK

    text = FILE_LINK.sub(link, body)
    if out.unlinked:
        text = _unwrap(text)
    out.html = text
    out.state = tuple(state)
    return out


def _item_href(bundle: Bundle, lang: str, siteurl: str) -> str:
    """Pelican's ``{filename}`` link to the version in ``lang``; a project
    page is no Pelican content, so its address is written out."""
    if bundle.kind == "project":
        return f"{siteurl}/{lang}/projects/{bundle.folder}/"
    return "{filename}/" + bundle.files[lang].path


def _unwrap(text: str) -> str:
    """Links marked by :func:`resolve` become their words; images go."""

    def anchor(match: re.Match[str]) -> str:
        return match["words"] if _UNLINK in match[0].split(">", 1)[0] else match[0]

    text = _ANCHOR.sub(anchor, text)
    return re.sub(r"<img\b[^>]*\0unlink\0[^>]*>", "", text)


# --- photos a text shows -------------------------------------------------------


def body_images(source: SourceFile) -> list[tuple[str, int]]:
    """Photos of the content tree that a Markdown body shows or links to, with lines."""
    if "[" not in source.body and not _IMG_START.search(source.body):
        return []  # every form _BODY_REF finds has one of the two; most bodies have neither
    found = []
    for match in _BODY_REF.finditer(source.body):
        url = html.unescape(match["inline"] or match["html"] or match["ref"])
        ref = local_image(url)
        if ref:
            found.append((ref, source.body_line + source.body.count("\n", 0, match.start())))
    return found


def local_image(url: str) -> str | None:
    """The file a relative image URL names, or None for other URLs."""
    if HAS_SCHEME.match(url) or url.startswith(("/", "#", "{", "?")):
        return None
    path = unquote(url.split("#", 1)[0].split("?", 1)[0])
    while path.startswith("./"):
        path = path[2:]
    return path if path.lower().endswith(IMAGE_EXTENSIONS) else None


def image_target(index: SiteIndex, bundle: Bundle, ref: str) -> Target:
    """:func:`locate` for a photo a text shows: a file of an item's or a page's folder."""
    target = locate(index, bundle, ref)
    if target.problem is None and (target.bundle is None or target.bundle.kind == "project" or not target.file):
        return replace(target, problem=Msg("is not a photo of an item's folder; put the photo in the item's folder and write only its name"))
    return target


def image_problem(index: SiteIndex, target: Target, ref: str) -> Msg | None:
    """Why a text of a published item cannot show the photo ``ref``, or None."""
    if target.problem is not None:
        if "/" not in ref and not os.path.exists(target.path):
            return Msg("file {file!r} not found in the item's folder", file=ref)
        return Msg("the image {url!r} {problem}", url=ref, problem=target.problem)
    if target.held:
        return Msg("the image {url!r} is a photo of a held item ({held}); use a photo of this item's folder",
                   url=ref, held=held_words(index, target))  # fmt: skip
    return None


def held_words(index: SiteIndex, target: Target) -> str:
    """Why the item a link or photo belongs to is held, in a message's words
    (its first version's reason, as :func:`bundle_held` takes it)."""
    assert target.bundle is not None and target.bundle.entries
    return held_reason(next(iter(target.bundle.entries.values())), index.settings)


# --- why an item is held -------------------------------------------------------


def held_reason(entry: Entry, press: PressSettings) -> str:
    """Why an entry is held back: «draft» or «embargo until <time>»."""
    embargo = entry.meta.get("embargo")
    if entry.held.startswith("embargo") and isinstance(embargo, dt.datetime):
        return Msg("embargo until {time}", time=when(embargo, press))
    if entry.held == "draft":
        return Msg("draft")
    return entry.held


def when(value: dt.datetime, press: PressSettings) -> str:
    """A moment in the site's time zone, e.g. ``2031-03-01 09:00 (Asia/Bishkek)``."""
    return f"{value.astimezone(press.zone):%Y-%m-%d %H:%M} ({press.timezone})"
