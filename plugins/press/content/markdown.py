"""Markdown bodies to safe HTML: once per language's Markdown object, cached,
and on every core.

* :class:`Converter` keeps one ``markdown.Markdown`` per language (Pelican's
  MarkdownReader builds a new one per file, and its footnote link titles
  would be English on every page), sanitizes with nh3 and turns links
  relative to the item folder into Pelican's ``{static}``/``{filename}``.
* :func:`convert_all` converts every body a build needs before Pelican asks
  for them: results come from a cache keyed by the body, the language and
  everything that shapes the HTML (library versions, this package's code,
  the footnote title); misses are converted in processes forked from this
  one. The cache (table ``markdown`` of :mod:`press.store`) is updated in
  one transaction and only holds the bodies of the last build, so it never
  grows without bound or serves stale HTML.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any

import markdown
from markdown.extensions.toc import slugify_unicode

from . import sanitize
from ..catalogs import Catalogs, N_
from ..parallel import map_forked
from ..store import Store
from ..files import code_fingerprint, digest, remove, text_digest

EXTENSIONS = ["tables", "footnotes", "fenced_code", "abbr", "attr_list", "def_list", "md_in_html", "toc", "sane_lists"]
_RELATIVE_LINK = re.compile(r'(?P<attr>\b(?:href|src))="(?P<url>[^"#/{][^"]*)"')
#: An address with a scheme (https:, mailto:, tel:…): not a file of the content tree.
HAS_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
CACHE_FILE = "press-cache.sqlite"
OLD_CACHE_FILE = "markdown-cache.json"  # the cache of earlier releases, removed


def _link_to_pelican(match: re.Match[str]) -> str:
    """Turn a body link relative to the item folder into Pelican's link syntax."""
    url = match["url"]
    if HAS_SCHEME.match(url):
        return match[0]
    path = url.split("#", 1)[0]
    marker = "{filename}" if path.endswith(".md") else "{static}"
    return f'{match["attr"]}="{marker}{url}"'


def with_file_links(html: str) -> str:
    """``html`` with its links relative to the item folder in Pelican's syntax."""
    return _RELATIVE_LINK.sub(_link_to_pelican, html)


class Converter:
    """Markdown → sanitized HTML with links Pelican resolves, per language."""

    def __init__(self, settings: Mapping[str, Any]):
        self.settings = settings
        self._markdown: dict[str, markdown.Markdown] = {}
        self._catalogs: Catalogs | None = None

    def backlink_title(self, lang: str) -> str:
        if self._catalogs is None:
            self._catalogs = Catalogs.load(self.settings)
        return self._catalogs.gettext(lang, N_("Back to footnote %d in the text"))

    def convert(self, text: str, lang: str) -> str:
        md = self._markdown.get(lang)
        if md is None:
            md = self._markdown[lang] = markdown.Markdown(
                extensions=EXTENSIONS,
                extension_configs={
                    "footnotes": {"BACKLINK_TITLE": self.backlink_title(lang)},
                    "toc": {"slugify": slugify_unicode, "permalink": False},
                },
                output_format="html",
            )
        return with_file_links(sanitize.clean(md.reset().convert(text)))

    def fingerprint(self, lang: str) -> str:
        """Everything besides the text that shapes a body's HTML in ``lang``."""
        return digest(code_fingerprint(), self.backlink_title(lang))


def _key(text: str, lang: str, fingerprints: dict[str, str]) -> str:
    return text_digest(f"{fingerprints[lang]}\0{lang}\0{text}")


#: Fewer bodies than this are converted here: forking would cost more.
PARALLEL_FROM = 64


def convert_all(
    converter: Converter, bodies: dict[str, tuple[str, str]], cache_dir: str | None
) -> dict[str, str]:
    """Map each key of ``bodies`` ({id: (text, lang)}) to its HTML."""
    langs = {lang for _, lang in bodies.values()}
    fingerprints = {lang: converter.fingerprint(lang) for lang in langs}
    keys = {name: _key(text, lang, fingerprints) for name, (text, lang) in bodies.items()}
    cache_path = os.path.join(cache_dir, CACHE_FILE) if cache_dir else None
    cached: dict[str, str] = {}
    stored = 0
    if cache_path:
        remove(os.path.join(os.path.dirname(cache_path), OLD_CACHE_FILE))
        with Store(cache_path, "markdown") as store:  # closed before the workers fork
            cached = {k: v for k, v in store.get_many(keys.values()).items() if isinstance(v, str)}
            stored = store.count()
    missing = sorted({keys[n]: bodies[n] for n in bodies if keys[n] not in cached}.items())
    html: list[str] = []
    if missing:
        work = [body for _, body in missing]
        if len(work) >= PARALLEL_FROM:
            html = map_forked(lambda body: converter.convert(*body), work, per_worker=1)
        else:
            html = [converter.convert(text, lang) for text, lang in work]
        cached.update({key: out for (key, _), out in zip(missing, html)})
    if cache_path and (missing or stored != len(cached)):
        with Store(cache_path, "markdown") as store:
            store.update({key: out for (key, _), out in zip(missing, html)}, keep=keys.values())
    return {name: cached[keys[name]] for name in bodies}
