"""Content plugin: loads the checked content tree and feeds it to Pelican.

Hooks, in the order ``Pelican.run()`` calls them:

* ``readers_init`` — registers :class:`PressReader` for ``.md`` files instead
  of Pelican's MarkdownReader. Pelican's reader builds a new Markdown object
  per file and parses metadata per file; ours takes the HTML converted (and
  cached) for the whole tree by :mod:`press.content.markdown` and the metadata from
  the :class:`~press.content.loader.SiteIndex`, where
  inheritance across translations was already applied (a translation without
  its own ``date`` would otherwise be dropped by Pelican).
* ``generator_init`` — on the first generator, scans and checks the whole tree
  (:func:`press.content.loader.load_site`); any error stops the build before a single
  file is read or written. The index is shared through the generators' context.
  Then the hooks registered with :func:`when_site_loaded` run (the search
  index's guess), and the bodies are converted. The same hook spares
  Pelican its walks for disabled readers when none is
  disabled (:func:`skip_idle_reader_check`), and its stamps for a content
  cache that is off (:func:`skip_idle_content_cache`).
* ``static_generator_finalized`` — removes held bundles' files and Markdown
  sources from the static files, so no draft or embargoed photo is copied.

In a preview build (``PRESS_PREVIEW``, what ``make serve`` runs into its own
folder) held items are built too, and carry ``held`` for the page banner.
* ``article_generator_finalized`` — logs what was held back and until when.

Markdown is converted once per file per build; held files are not converted.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape
from pelican.contents import Author, Category, Tag
from pelican.readers import BaseReader

from ..content import timeline
from .. import settings as _settings
from ..content import links
from ..content.checks import unlinked_problem
from ..log import Problem, logger, report
from ..content.markdown import CACHE_FILE, Converter, convert_all
from ..messages import Msg
from ..slug import slugify
from ..store import Store
from ..content.loader import ParsedFrontMatter, SiteIndex, load_site

CONTEXT_KEY = "PRESS_INDEX"

_TAGS = re.compile(r"<[^>]+>")


class PressReader(BaseReader):
    """Markdown with YAML front matter, metadata from the site index."""

    enabled = True
    file_extensions = ["md"]

    def __init__(self, settings: dict[str, Any]):
        super().__init__(settings)
        self.index: SiteIndex | None = None
        self.converter = Converter(settings)
        self._categories: dict[str, Category] = {}

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        if self.index is None:
            raise RuntimeError("the press.site.reader plugin did not load the content tree")
        found = self.index.lookup(source_path)
        if found is None:  # a file the loader rejected; the build has stopped already
            return "", {"status": "skip"}
        bundle, lang = found
        entry = bundle.entries[lang]
        if bundle.kind == "project" or (entry.held and not self.index.settings.preview):
            return "", {"status": "skip"}
        html = self.index.html.get(entry.source.path)
        if html is None:
            html = self.convert(entry.source.body, lang)
        html = resolve_links(self.index, bundle, entry, html, self.settings.get("SITEURL", ""))
        return html, self.metadata(bundle, entry, html)

    def convert(self, text: str, lang: str) -> str:
        return self.converter.convert(text, lang)

    def metadata(self, bundle: Any, entry: Any, html: str) -> dict[str, Any]:
        meta = dict(entry.meta)
        settings = self.settings
        meta["lang"] = entry.lang
        meta["slug"] = bundle.slug
        meta["bundle"] = bundle.key
        meta["section"] = bundle.section
        meta["created"] = bundle.created
        meta["status"] = "published"
        meta["held"] = entry.held  # only non-empty in a preview build
        meta["category"] = self._category(bundle.section)
        meta["tags"] = [Tag(t, settings) for t in meta.get("tags", [])]
        for tag in meta["tags"]:
            tag.slug = slugify(tag.name, entry.lang)
        if meta.get("authors"):
            meta["authors"] = [Author(a, settings) for a in meta["authors"]]
        if "summary" in meta:
            meta["description"] = meta["summary"]
            meta["summary"] = Markup(escape(meta["summary"]))
        else:
            meta["description"] = _first_words(html, 40)
        if bundle.kind == "item" and "date" not in meta:  # reported by the loader
            meta["date"] = dt.datetime.combine(bundle.created, dt.time(), self.index.settings.zone)
        meta.update(self._location(bundle.kind, meta))
        return meta

    def _category(self, section: str) -> Category:
        """One Category per section: Pelican slugifies each object's name anew."""
        if section not in self._categories:
            self._categories[section] = Category(section, self.settings)
        return self._categories[section]

    def _location(self, kind: str, meta: dict[str, Any]) -> dict[str, str]:
        """``url`` and ``save_as`` from the configured patterns, formatted here.

        Pelican formats them on every access, copying all the metadata each
        time: 0.8 s of a one-edit build at 6,000 documents. Given as
        metadata, they are Pelican's own per-item override. A pattern with a
        field other than the metadata's (``{path}``) is left to Pelican.
        """
        klass = "ARTICLE" if kind == "item" else "PAGE"
        lang = "" if meta["lang"] == self.settings["DEFAULT_LANG"] else "LANG_"
        fields = {**meta, "category": meta["category"].slug, "author": meta["authors"][0].slug if meta.get("authors") else ""}
        try:
            return {key.lower(): self.settings[f"{klass}_{lang}{key}"].format(**fields) for key in ("URL", "SAVE_AS")}
        except (KeyError, IndexError, ValueError, AttributeError):
            return {}


def resolve_links(index: SiteIndex, bundle: Any, entry: Any, html: str, siteurl: str,
                  lang: str | None = None, warn: bool = True) -> str:  # fmt: skip
    """The body of ``entry`` for a page in ``lang`` (its own by default), its
    links to items and files resolved (:mod:`press.content.links`); a link that
    cannot be published is left as words, with a warning."""
    resolved = links.resolve(index, bundle, lang or entry.lang, html, siteurl)
    index.links.setdefault(bundle.key, {})[f"{entry.source.path} {lang or entry.lang}"] = resolved.state
    index.linked_files |= resolved.files
    if warn:
        report([unlinked_problem(index, entry, url, target) for url, target in resolved.unlinked])
    return resolved.html


def _first_words(html: str, count: int) -> str:
    # The first few hundred characters nearly always hold the words; a cut
    # tag or word at the end of them is at least two words past ``count``.
    # (Every build does this for every item: the shortest cut that holds
    # them first, a third of the time.)
    for size in (count * 12, count * 40):
        words = _TAGS.sub(" ", html[:size]).split()
        if len(words) >= count + 2:
            break
    else:
        words = _TAGS.sub(" ", html).split()
    text = " ".join(words[:count])
    return text + (" …" if len(words) > count else "")


def add_reader(readers: Any) -> None:
    readers.reader_classes["md"] = PressReader


def load_index(generator: Any) -> None:
    """Load and check the content tree once per build, then hand it to readers."""
    index = generator.context.get(CONTEXT_KEY)
    if index is None:
        settings = _settings.load(generator.settings)
        index = load_site(generator.path, settings, timeline.now(settings), *_parsed_front_matter(generator.settings))
        report(index.problems)
        _keep_parsed(index, generator.settings)
        for hook in _loaded_hooks:
            hook(generator, index)
        index.html = _convert_bodies(index, generator.settings)
        generator.context[CONTEXT_KEY] = index
    reader = generator.readers.readers.get("md")
    if isinstance(reader, PressReader):
        reader.index = index


#: Called once the tree is loaded and checked, before the bodies are converted.
_loaded_hooks: list[Callable[[Any, SiteIndex], None]] = []


def when_site_loaded(hook: Callable[[Any, SiteIndex], None]) -> None:
    """Register ``hook(generator, index)``, called once per build as soon as
    the content tree is loaded and checked (before the bodies are
    converted): for work that can start from the sources alone (the search
    index's guess)."""
    if hook not in _loaded_hooks:
        _loaded_hooks.append(hook)


def _parsed_front_matter(settings: dict[str, Any]) -> list[ParsedFrontMatter]:
    """What earlier builds parsed (one build parses only what changed); saved
    when the index is complete, see :func:`_keep_parsed`."""
    path = cache_file(settings)
    if path is None:
        return []
    with Store(path, "front_matter") as store:
        known = {k: v for k, v in store.get_all().items() if isinstance(v, bytes)}
    return [ParsedFrontMatter(known=known)]


def _keep_parsed(index: SiteIndex, settings: dict[str, Any]) -> None:
    path = cache_file(settings)
    parsed = index.parsed
    if path is None or parsed is None or (not parsed.new and parsed.used == set(parsed.known)):
        return
    with Store(path, "front_matter") as store:
        store.update(parsed.new, keep=parsed.used)


def _cache_dir(settings: dict[str, Any]) -> str | None:
    """Where converted bodies and parsed front matter are kept (None: nowhere)."""
    return _settings.load(settings).markdown_cache


def cache_file(settings: dict[str, Any]) -> str | None:
    """The SQLite cache of derived values (:class:`press.store.Store`), or None."""
    cache = _cache_dir(settings)
    return os.path.join(cache, CACHE_FILE) if cache else None


def _convert_bodies(index: SiteIndex, settings: dict[str, Any]) -> dict[str, str]:
    """Convert every body this build publishes, in parallel and from the cache."""
    bodies = {
        entry.source.path: (entry.source.body, entry.lang)
        for bundle in index.bundles.values()
        for entry in bundle.entries.values()
        if bundle.kind == "project" or not entry.held or index.settings.preview
    }
    return convert_all(Converter(settings), bodies, _cache_dir(settings))


def drop_held_static(generator: Any) -> None:
    """Copy only the files that published items declare: their attachments,
    their audio and the files their texts link to. Pelican would copy every
    file of the content folders, and a folder that a text links to whole
    (its sources, original photos and held items included)."""
    index: SiteIndex = generator.context[CONTEXT_KEY]
    declared = declared_files(index)
    generator.staticfiles = [s for s in generator.staticfiles
                             if os.path.realpath(os.path.join(index.root, s.source_path)) in declared]  # fmt: skip
    generator.context["staticfiles"] = generator.staticfiles


def declared_files(index: SiteIndex) -> set[str]:
    """Absolute paths of the files of published bundles (every bundle in a
    preview) that a version declares or its text links to; no content source."""
    files = set(index.linked_files)
    for bundle in index.bundles.values():
        for entry in bundle.entries.values():
            if entry.held and not index.settings.preview:
                continue
            named = [a.file for a in entry.meta.get("attachments") or []]
            if entry.meta.get("audio"):
                named.append(entry.meta["audio"])
            files.update(os.path.realpath(os.path.join(bundle.abspath, name)) for name in named)
    return {f for f in files if os.path.isfile(f) and not f.endswith(links.SOURCE_SUFFIXES)}


def log_held(generator: Any) -> None:
    index: SiteIndex = generator.context[CONTEXT_KEY]
    verb = "preview only" if index.settings.preview else "held back"
    for entry in index.held():
        logger.info("%s: %s (%s)", verb, entry.source.path, entry.held)


def freeze_urls(generator: Any) -> None:
    """Compute each item's URL once (Pelican formats it anew on every access,
    and listings, switchers and related links ask for it thousands of times),
    and put translations in the configured language order."""
    items = [*generator.articles, *generator.translations] if hasattr(generator, "articles") else [
        *generator.pages, *generator.translations]  # fmt: skip
    order = {lang: n for n, lang in enumerate(_settings.load(generator.settings).languages)}
    for item in items:
        item.override_url = item.url
        # get_files() returns a set: keep translations in the configured order
        item.translations.sort(key=lambda t: order.get(t.lang, len(order)))


def skip_idle_reader_check(generator: Any) -> None:
    """Pelican walks the content tree once per generator to warn about files
    whose reader is disabled (``.rst`` without docutils). With no reader
    disabled the walks can find nothing, and at 6,000 documents they took
    0.4 s of every build."""
    readers = getattr(generator, "readers", None)
    if readers is not None and not readers.disabled_extensions and hasattr(generator, "check_disabled_readers"):
        generator.check_disabled_readers = _nothing_to_check


def _nothing_to_check() -> None:
    pass


def skip_idle_content_cache(generator: Any) -> None:
    """With Pelican's content cache off (``CACHE_CONTENT`` and
    ``LOAD_CONTENT_CACHE`` False: press.content.markdown keeps converted bodies
    itself), its generators and readers still take every file's mtime to
    store and compare stamps that nothing keeps: four calls per file, 24,000
    at 6,000 documents. Their lookups then always miss, so they are made to
    miss at once."""
    settings = generator.settings
    if settings.get("CACHE_CONTENT") or settings.get("LOAD_CONTENT_CACHE"):
        return
    for cacher in (generator, getattr(generator, "readers", None)):
        if hasattr(cacher, "get_cached_data") and hasattr(cacher, "cache_data"):
            cacher.get_cached_data = _nothing_cached
            cacher.cache_data = _cache_nothing


def _nothing_cached(filename: str, default: Any = None) -> Any:
    return default


def _cache_nothing(filename: str, data: Any) -> None:
    pass


def stop_on_failed_reads(generator: Any) -> None:
    """Pelican logs a file it could not read and builds on without it; we stop.

    A site silently missing a press release is worse than no new site.
    """
    failed = sorted(p for p, c in generator.context["generated_content"].items() if c is None)
    if failed:
        report([Problem(path, None, "", Msg("could not be processed (see the error above)")) for path in failed])
