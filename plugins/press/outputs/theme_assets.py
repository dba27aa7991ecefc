"""The theme's CSS, JS and icons, published under names that carry a hash of their bytes.

``theme/assets/css/press.css`` is published as ``theme/css/press.3f2a9c1e.css``
(under ``THEME_STATIC_DIR``), and templates ask for it by its source name:
``{{ theme_url("css/press.css") }}``. A change to the file changes its
name, so web servers and object stores may let browsers and CDNs keep these
files a year without asking again (``Cache-Control: public,
max-age=31536000, immutable``: ``deploy/nginx.conf``, ``deploy/htaccess``,
``press.cli.deploy``), while pages, which name them, are cached minutes.
Every file of ``theme/assets/`` is published this way, and only this way.
``theme/static/`` stays Pelican's folder, copied under fixed names, for the
files whose addresses others keep: the podcast artwork that feed readers
store and the logo of JSON-LD. Pagefind's own files (``/pagefind/``) are
Pagefind's: its scripts keep fixed names, and its index files carry hashes
of their own.

Hooks:

* ``get_generators`` — reads ``theme/assets/`` once per run (``make serve``
  runs many), names each file by the first :data:`HASH_LENGTH` hex digits
  of its digest (:func:`press.files.bytes_digest`), and adds :class:`ThemeAssetsGenerator`, which writes
  those bytes under those names: the name a page gives always fits the
  file's bytes, even when the file is saved during a build.
* ``generator_init`` — the ``theme_url(name)`` template global. An unknown
  name stops the build (a template error naming it), rather than publishing
  a page with a broken style or script.

Why not a published plugin: ``pelican-webassets`` (2.1) adds its Jinja
extension by appending to the ``JINJA_ENVIRONMENT`` setting, and builds a
bundle when a template evaluates its ``{% assets %}`` block, i.e. as a side
effect of rendering a page. ``press.build.render`` reuses the pages that did
not change from the live site without rendering them, and renders the rest
in forked processes, so such a bundle would be missing from a rebuilt site
or written by several processes at once. ``pelican-css-cache-bust`` appends
a query string, not a name. Seven small files need a digest and a copy.

The pages name their assets, so they change with them: the theme's files
are part of every page's key (``press.outputs.page_keys.site_key``) and of
the up-to-date check's inputs. ``press.build.precompress`` writes the
``.br``/``.gz`` copies of these files as of any other.
"""

from __future__ import annotations

import os
import posixpath
import re
from typing import Any

from jinja2 import pass_context
from jinja2.exceptions import TemplateRuntimeError
from jinja2.runtime import Context
from pelican.generators import Generator

from ..files import bytes_digest
from ..state import of, pelican_of

#: ``theme/assets/``: the files published under fingerprinted names only.
ASSETS = "assets"
#: Hex digits of the content hash in a name: 32 bits tell one version of a
#: file from the next; a collision would need the same name as well.
HASH_LENGTH = 8
#: A fingerprinted name in the output (``theme/css/press.3f2a9c1e.css``),
#: its compressed copies included; the web servers' configurations in
#: ``deploy/`` say the same.
FINGERPRINTED = re.compile(r"^theme/(?:.+/)?[^/]+\.[0-9a-f]{%d}\.[a-z0-9]+(?:\.br|\.gz)?$" % HASH_LENGTH)


def fingerprinted(name: str, data: bytes) -> str:
    """``css/press.css`` with ``data`` → ``css/press.3f2a9c1e.css``."""
    stem, ending = posixpath.splitext(name)
    return f"{stem}.{bytes_digest(data)[:HASH_LENGTH]}{ending}"


def scan(theme: str) -> dict[str, tuple[str, bytes]]:
    """Each file of ``theme/assets/`` by its name there: its published name and its bytes."""
    folder = os.path.join(theme, ASSETS)
    found: dict[str, tuple[str, bytes]] = {}
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file in sorted(files):
            if file.startswith("."):
                continue
            path = os.path.join(root, file)
            name = os.path.relpath(path, folder).replace(os.sep, "/")
            with open(path, "rb") as handle:
                data = handle.read()
            found[name] = (fingerprinted(name, data), data)
    return found


def get_generators(pelican: Any) -> type[Generator]:
    of(pelican).theme_assets = scan(pelican.theme)
    return ThemeAssetsGenerator


def _assets(settings: Any, theme: str) -> dict[str, tuple[str, bytes]]:
    pelican = pelican_of(settings)
    assets = of(pelican).theme_assets if pelican is not None else None
    return assets if assets is not None else scan(theme)


class ThemeAssetsGenerator(Generator):
    """Writes each file of ``theme/assets/`` under its fingerprinted name."""

    def generate_output(self, writer: Any) -> None:
        static = self.settings["THEME_STATIC_DIR"]
        for published, data in _assets(self.settings, self.theme).values():
            target = os.path.join(self.output_path, static, *published.split("/"))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            if os.path.lexists(target):
                os.unlink(target)  # perhaps a hard link into the live site: never write through it
            with open(target, "xb") as handle:
                handle.write(data)


def theme_url_global(assets: dict[str, tuple[str, bytes]], static: str) -> Any:
    """``theme_url(name)``: the address of the theme's file ``name`` under its published name."""

    @pass_context
    def theme_url(ctx: Context, name: str) -> str:
        found = assets.get(name)
        if found is None:
            known = ", ".join(sorted(assets)) or "none"
            raise TemplateRuntimeError(f"theme_url: no file {ASSETS}/{name} in the theme (there are: {known})")
        return f"{ctx.get('SITEURL', '')}/{static}/{found[0]}"

    return theme_url


def install(generator: Any) -> None:
    assets = _assets(generator.settings, generator.theme)
    generator.env.globals["theme_url"] = theme_url_global(assets, generator.settings["THEME_STATIC_DIR"])
