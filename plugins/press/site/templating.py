"""What templates may ask of the site, so that they stay free of logic.

Hook: ``generator_init`` — adds these globals to every generator's Jinja
environment:

* ``language_links()`` — for the page being rendered, one entry per
  language the site has pages in (``site_languages()``; a language with
  nothing of its own has none): the same item, page or listing in that
  language when it exists, else that language's home page. ``is_translation``
  marks the equivalents hreflang names: translations of an item or page;
  of a listing with items, page N of the same listing in that language.
* ``asset_url(item, file)`` — the public URL of a file of an item's folder.
* ``project_title(key)``, ``region_name(key)`` — localized names, falling back
  to the default language (as :class:`~press.content.model.Localized`), never a key.
* ``nav_sections()`` — the sections that have items in the page's language.
* ``video_embed(url)`` — the YouTube/Vimeo player address behind a click.
* ``{% call once(key...) %}…{% endcall %}`` — the block's output, made once
  per build for the same key and page language and then repeated. A
  listing shows each item's card on a dozen pages (home, section, tags,
  projects, regions, archives), and every page has the same header for its
  language: rendering them once is a quarter of the rendering time. The
  key must name everything the block depends on besides the page's
  language; a build starts with none kept (hook ``all_generators_finalized``).

The same hook gives every environment Jinja's own bytecode cache in
``<CACHE_PATH>/jinja``: Pelican makes a new environment per generator and
per build, and compiling our 30 templates again took 0.4 s of every build.
Jinja checks each cached template against its source, so an edited
template is compiled anew.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from jinja2 import FileSystemBytecodeCache, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from .reader import CONTEXT_KEY
from .i18n import lang_name, page_lang
from .listings import VIEWS_KEY
from ..settings import load
from ..video import video_embed
from ..content.model import Localized


@dataclass(frozen=True)
class LanguageLink:
    lang: str
    name: str
    url: str
    current: bool
    alternate: str = ""  # the equivalent page in this language, for hreflang

    @property
    def is_translation(self) -> bool:
        return bool(self.alternate)


def _content(ctx: Context) -> Any:
    return ctx.get("article") or ctx.get("page")


@pass_context
def language_links(ctx: Context) -> list[LanguageLink]:
    current = page_lang(ctx)
    content = _content(ctx)
    view = ctx.get("view")
    registry = ctx.get(VIEWS_KEY)
    number = _page_number(ctx)
    links = []
    for lang in site_languages(ctx):
        url, alternate = f"{lang}/", ""
        if content is not None:
            match = content if content.lang == lang else next((t for t in content.translations if t.lang == lang), None)
            if match is not None:
                url = alternate = match.url
        elif view is not None and registry is not None:
            # the switcher goes to the listing's first page, hreflang to the same page
            url = switch_target(registry, lang, view) or url
            alternate = alternate_url(registry, lang, view, number, ctx) or ""
            if lang == view.lang:
                url = view.page_url(number, ctx) or view.url
        links.append(LanguageLink(lang, lang_name(lang), url, lang == current, alternate))
    return links


@pass_context
def site_languages(ctx: Context) -> list[str]:
    """The languages the site has pages in (:attr:`ViewRegistry.languages`)."""
    registry = ctx.get(VIEWS_KEY)
    if registry is not None and registry.languages:
        return list(registry.languages)
    return list(ctx["PRESS_SETTINGS"].languages)


def _page_number(ctx: Context) -> int:
    page = ctx.get("articles_page")
    return int(page.number) if page is not None else 1


def switch_target(registry: Any, lang: str, view: Any) -> str | None:
    """The URL of ``view``'s listing in ``lang``, if it is worth a switch there
    (press.build.render keys each listing page with these)."""
    other = registry.find(lang, view.ident)
    if other is not None and (other.has_content or other.kind in ("home", "project", "search")):
        return str(other.url)
    return None


def alternate_url(registry: Any, lang: str, view: Any, number: int, settings: Any) -> str | None:
    """The page of ``view``'s listing in ``lang`` that is the equivalent of
    its page ``number``, for hreflang: both with something to show, page 1
    with page 1, page N with the same listing's page N where there is one.
    Equivalence is symmetric, so every page of a set names the same set."""
    other = registry.find(lang, view.ident)
    if other is None or not (view.has_content and other.has_content):
        return None
    return other.page_url(number, settings)


def asset_url(ctx_siteurl: str, item: Any, filename: str) -> str:
    folder = item.bundle
    return f"{ctx_siteurl}/media/{folder}/{filename}"


@pass_context
def _asset_url(ctx: Context, item: Any, filename: str) -> str:
    return asset_url(ctx.get("SITEURL", ""), item, filename)


@pass_context
def project_title(ctx: Context, key: str) -> Localized:
    lang = page_lang(ctx)
    index = ctx[CONTEXT_KEY]
    bundle = index.projects.get(key)
    if bundle is None:
        return Localized(key, lang)
    default = index.settings.default_lang
    for code in (lang, default, *bundle.entries):
        entry = bundle.entries.get(code)
        if entry is not None:
            return Localized(entry.meta.get("title", key), code)
    return Localized(key, lang)


@pass_context
def region_name(ctx: Context, key: str) -> Localized:
    index = ctx[CONTEXT_KEY]
    region = index.regions.get(key)
    lang = page_lang(ctx)
    if region is None:
        return Localized(key, lang)
    return region.name(lang, index.settings.default_lang)


@pass_context
def nav_sections(ctx: Context) -> list[str]:
    registry = ctx.get(VIEWS_KEY)
    if registry is None:
        return []
    return registry.sections.get(page_lang(ctx), [])


@pass_context
def has_view(ctx: Context, kind: str, key: str = "") -> bool:
    registry = ctx.get(VIEWS_KEY)
    return registry is not None and registry.find(page_lang(ctx), (kind, key)) is not None


#: The blocks :func:`once` made in this run, in Pelican's context: a new
#: context (so a new dict) each run, shared by every page of the run.
ONCE_KEY = "PRESS_ONCE"


@pass_context
def once(ctx: Context, *key: Any, caller: Any) -> Markup:
    """``{% call once(...) %}``: a block that is the same on every page of
    a language (the footer, the navigation) is rendered once per build."""
    # SITEURL: with RELATIVE_URLS, Pelican gives each page its own ("../..")
    full = (page_lang(ctx), ctx.get("SITEURL"), *key)
    made: dict[tuple[Any, ...], Markup] | None = ctx.get(ONCE_KEY)
    if made is None:  # a template rendered outside a build
        return Markup(caller())
    if full not in made:
        made[full] = Markup(caller())
    return made[full]


def forget_once(generators: list[Any]) -> None:
    """Blocks made while the generators read (before every view is known)
    are not what the pages of this run must show."""
    for generator in generators[:1]:
        generator.context.get(ONCE_KEY, {}).clear()


def _bytecode_cache(settings: dict[str, Any]) -> FileSystemBytecodeCache | None:
    cache = settings.get("CACHE_PATH")
    if not cache or not load(settings).incremental:
        return None
    folder = os.path.join(cache, "jinja")
    os.makedirs(folder, exist_ok=True)
    return FileSystemBytecodeCache(folder)


def install(generator: Any) -> None:
    generator.context.setdefault(ONCE_KEY, {})
    if generator.env.bytecode_cache is None:
        generator.env.bytecode_cache = _bytecode_cache(generator.settings)
    generator.env.globals.update(
        language_links=language_links,
        site_languages=site_languages,
        asset_url=_asset_url,
        project_title=project_title,
        region_name=region_name,
        nav_sections=nav_sections,
        has_view=has_view,
        video_embed=video_embed,
        once=once,
    )
