"""Per-language listing pages: home, sections, tags, archives, projects, regions.

Hook: ``get_generators`` adds :class:`ListingsGenerator`, which Pelican runs
after its ArticlesGenerator and PagesGenerator (it reads their results from
the shared context) and before the StaticGenerator. Pelican's own index, tag,
category, author and archive pages mix languages in one list; they are turned
off in pelicanconf.py and this generator writes one set per language instead,
under ``/<lang>/``, paginated with Pelican's Paginator and Writer. Every view
knows its counterparts in the other languages, for the switcher and hreflang.

The home page is a front page, not a list (:func:`front_page`): a lead item
and a block per section, chosen here against the build time so that the
page key (``view.extra``, see press.build.render) changes with them; the
photo gallery's listing has every item with photos, whatever its section.

Hook: ``get_generators`` is also where the root pages (``/index.html`` that
points to the default language, ``/404.html``) come from.

Hook: ``generator_init`` — Pelican's tag, category and author pages that are
turned off are not gathered either: for each tag Pelican picks its articles
out of all dates with a list lookup per article, work that grows with tags ×
articles (0.1 s per build at 6,000 documents and 50 tags), for pages it then
does not write.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from markupsafe import escape
from pelican.generators import Generator
from pelican.paginator import Paginator

from ..content import timeline
from ..settings import SECTIONS, PressSettings, load
from ..content import links
from .reader import CONTEXT_KEY, resolve_links
from ..content.loader import SiteIndex
from ..content.model import Localized

_PELICAN_LINK = re.compile(r'(?P<attr>\b(?:href|src))="\{(?P<what>filename|static|attach)\}(?P<url>[^"]*)"')

VIEWS_KEY = "PRESS_VIEWS"

#: Views whose items are shown page by page; the others list views. The home
#: page is a front page of blocks, not a list: the archives list everything.
PAGINATED_KINDS = frozenset({"section", "tag", "year", "month", "project", "region"})
#: The sections with a block of their newest items on the home page, in its
#: order. The announcements' block shows the upcoming events when there are
#: any (the template asks ``upcoming_events()``, which the page key follows).
FRONT_SECTIONS = ("news", "press-releases", "announcements", "speeches", "galleries", "video", "podcasts")
FRONT_BLOCK_SIZE = 3


@dataclass
class View:
    """One listing page (before pagination) in one language."""

    kind: str  # home, section, tag, tags, archives, year, month, project, projects, region, regions
    key: str  # section name, tag slug, project or region key, "2026", "2026/03", or ""
    lang: str
    url: str  # relative to SITEURL, ends with "/"
    items: list[Any] = field(default_factory=list)
    template: str = "listing"
    title: Any = ""  # the tag name, project title, region name or period, when not a label
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def save_as(self) -> str:
        return f"{self.url}index.html"

    @property
    def ident(self) -> tuple[str, str]:
        return (self.kind, self.key)

    @property
    def paginated(self) -> bool:
        return self.kind in PAGINATED_KINDS

    @property
    def has_content(self) -> bool:
        """Whether the page shows something of its own: a listing with no
        items («no materials here yet») is ``noindex``, has no hreflang and
        is left out of the sitemap. A project page shows its own text in its
        language even without items; a search page is never indexed."""
        if self.kind == "search":
            return False
        if self.kind == "project":
            return bool(self.items) or self.extra["project"].lang == self.lang
        if self.kind == "projects":
            return any(view.has_content for view in self.extra["projects"])
        if self.kind in ("tags", "archives", "regions"):
            return bool(self.extra.get(self.kind if self.kind != "archives" else "periods"))
        return bool(self.items)

    def page_count(self, settings: Any) -> int:
        return int(self._paginator(settings).num_pages) if self.paginated else 1

    def page_url(self, number: int, settings: Any) -> str | None:
        """The address of the listing's page ``number`` (from 1), as Pelican's
        paginator names it; None past the last page."""
        if not self.paginated:
            return self.url if number == 1 else None
        paginator = self._paginator(settings)
        return str(paginator.page(number).url) if number <= paginator.num_pages else None

    def _paginator(self, settings: Any) -> Paginator:
        per_page = settings["PAGINATED_TEMPLATES"].get("listing") or settings["DEFAULT_PAGINATION"]
        return Paginator(self.save_as, self.url, self.items, settings, per_page)


@dataclass
class ViewRegistry:
    """Every listing view of the site, by language and identity."""

    views: dict[str, dict[tuple[str, str], View]] = field(default_factory=dict)
    sections: dict[str, list[str]] = field(default_factory=dict)  # lang -> non-empty sections
    languages: list[str] = field(default_factory=list)  # the languages the site has pages in

    def add(self, view: View) -> View:
        self.views.setdefault(view.lang, {})[view.ident] = view
        return view

    def find(self, lang: str, ident: tuple[str, str]) -> View | None:
        return self.views.get(lang, {}).get(ident)

    def all(self) -> list[View]:
        return [v for lang in sorted(self.views) for _, v in sorted(self.views[lang].items())]


def _sort_key(item: Any) -> tuple[dt.datetime, str]:
    return (item.date, item.bundle)


#: Where the answer for this build's list of articles is kept: the home page
#: of every language asks for it again (upcoming events). In the run's own
#: context, so nothing of a build outlives it in ``make serve``.
_MEMO = "press_published_items"


def published_items(context: dict[str, Any]) -> list[Any]:
    """Every published item in every language, newest first, deterministic.

    Called once the articles are read; the same list of articles gives the
    same answer (a new list).
    """
    articles = context.get("articles", [])
    memo = context.get(_MEMO)
    if memo is not None and memo[0] is articles and memo[1] == len(articles):
        return list(memo[2])
    seen: dict[int, Any] = {}
    for article in articles:
        for item in [article, *article.translations]:
            seen[id(item)] = item
    found = sorted(seen.values(), key=_sort_key, reverse=True)
    context[_MEMO] = (articles, len(articles), found)
    return list(found)


def choose_lead(items: list[Any], lang: str, now: dt.datetime) -> Any | None:
    """The home page's lead: the newest item marked ``featured``, else the
    newest press release of the last :data:`press.content.timeline.LEAD_WINDOW`, else the newest item;
    of the page's own language (``items`` newest first)."""
    own = [i for i in items if i.lang == lang] or items
    for wanted in (
        lambda i: getattr(i, "featured", False),
        lambda i: timeline.may_lead(i.section, i.date, now),
    ):
        found = next((i for i in own if wanted(i)), None)
        if found is not None:
            return found
    return own[0] if own else None


def front_page(items: list[Any], lang: str, now: dt.datetime) -> dict[str, Any]:
    """What the home page shows besides its projects: the lead and, per
    section of :data:`FRONT_SECTIONS` with items, its newest others."""
    lead = choose_lead(items, lang, now)
    blocks = []
    for section in FRONT_SECTIONS:
        in_section = [i for i in items if i.section == section]
        newest = [i for i in in_section if i is not lead][:FRONT_BLOCK_SIZE]
        # an announcement in the lead is still among the upcoming events
        if newest or (in_section and section == "announcements"):
            blocks.append((section, newest))
    return {"lead": lead, "blocks": blocks}


def _has_gallery(item: Any) -> bool:
    return item.section == "galleries" or bool(getattr(item, "gallery", None))


def _link_neighbours(items: list[Any]) -> None:
    """Previous/next item of the same section and language (newest first)."""
    for n, item in enumerate(items):
        item.newer_item = items[n - 1] if n > 0 else None
        item.older_item = items[n + 1] if n + 1 < len(items) else None


class ListingsGenerator(Generator):
    """Writes the per-language listing views."""

    def generate_context(self) -> None:
        self.press: PressSettings = load(self.settings)
        self.index: SiteIndex = self.context[CONTEXT_KEY]
        registry = ViewRegistry()
        items = published_items(self.context)
        by_lang: dict[str, list[Any]] = defaultdict(list)
        for item in items:
            by_lang[item.lang].append(item)
        registry.languages = self._languages(by_lang)
        for lang in registry.languages:
            own = by_lang.get(lang, [])
            listed = self._with_untranslated(lang, own, items)
            self._views_for(registry, lang, listed)
        self.registry = registry
        self.context[VIEWS_KEY] = registry

    def _languages(self, by_lang: dict[str, list[Any]]) -> list[str]:
        """The default language, and every other with an item, a static page
        or a project text of its own: a language with nothing of its own
        gets no pages (no empty home, regions or projects pages in it), so
        no switcher, hreflang or sitemap names it."""
        own = set(by_lang) | {self.press.default_lang}
        own |= {p.lang for page in self.context.get("pages", []) for p in (page, *page.translations)}
        own |= {lang for bundle in self.index.projects.values() for lang in bundle.entries}
        return [lang for lang in self.press.languages if lang in own]

    def _with_untranslated(self, lang: str, own: list[Any], items: list[Any]) -> list[Any]:
        """Add items missing in ``lang`` (one version each) when the setting asks."""
        if not self.press.list_untranslated:
            return own
        present = {item.bundle for item in own}
        chosen: dict[str, Any] = {}
        order = {code: n for n, code in enumerate(self.press.languages)}
        for item in items:
            if item.bundle in present:
                continue
            best = chosen.get(item.bundle)
            if best is None or order[item.lang] < order[best.lang]:
                chosen[item.bundle] = item
        return sorted([*own, *chosen.values()], key=_sort_key, reverse=True)

    def _views_for(self, registry: ViewRegistry, lang: str, items: list[Any]) -> None:
        base = f"{lang}/"
        home = registry.add(View("home", "", lang, base, items, template="home",
                                 extra=front_page(items, lang, self.index.build_time)))  # fmt: skip
        sections = []
        for section in SECTIONS:
            in_section = [i for i in items if i.section == section]
            # the photo gallery shows every item with photos, whatever its section
            listed = [i for i in items if _has_gallery(i)] if section == "galleries" else in_section
            if listed:
                sections.append(section)
                registry.add(View("section", section, lang, f"{base}{section}/", listed))
                _link_neighbours([i for i in in_section if i.lang == lang])
        registry.sections[lang] = sections
        self._tag_views(registry, lang, items)
        self._archive_views(registry, lang, items)
        self._project_views(registry, lang, items)
        self._region_views(registry, lang, items)
        projects = registry.find(lang, ("projects", ""))
        home.extra["projects"] = projects.extra["projects"] if projects is not None else []

    def _tag_views(self, registry: ViewRegistry, lang: str, items: list[Any]) -> None:
        tags: dict[str, list[Any]] = defaultdict(list)
        names: dict[str, str] = {}
        for item in items:
            if item.lang != lang:
                continue  # tags are words of the item's own language
            for tag in item.tags:
                tags[tag.slug].append(item)
                names.setdefault(tag.slug, tag.name)
        entries = []
        for slug in sorted(tags):
            view = registry.add(View("tag", slug, lang, f"{lang}/tags/{slug}/", tags[slug], title=names[slug]))
            entries.append(view)
        if entries:
            entries.sort(key=lambda v: str(v.title).casefold())
            registry.add(View("tags", "", lang, f"{lang}/tags/", template="tags", extra={"tags": entries}))

    def _archive_views(self, registry: ViewRegistry, lang: str, items: list[Any]) -> None:
        zone = self.press.zone
        years: dict[int, list[Any]] = defaultdict(list)
        months: dict[tuple[int, int], list[Any]] = defaultdict(list)
        for item in items:
            local = item.date.astimezone(zone)
            years[local.year].append(item)
            months[(local.year, local.month)].append(item)
        if not items:
            return
        periods = []
        for year in sorted(years, reverse=True):
            year_view = registry.add(View("year", str(year), lang, f"{lang}/archives/{year}/", years[year], title=str(year)))
            month_views = []
            for (y, m) in sorted((k for k in months if k[0] == year), reverse=True):
                first = dt.date(y, m, 1)
                month_views.append(registry.add(View("month", f"{y}/{m:02d}", lang, f"{lang}/archives/{y}/{m:02d}/", months[(y, m)], extra={"month": first})))
            periods.append((year_view, month_views))
        registry.add(View("archives", "", lang, f"{lang}/archives/", template="archives", extra={"periods": periods}))

    def _project_views(self, registry: ViewRegistry, lang: str, items: list[Any]) -> None:
        projects = self.index.projects
        if not projects:
            return
        entries = []
        for key, bundle in sorted(projects.items()):
            entry = bundle.entries.get(lang) or bundle.entries.get(self.press.default_lang)
            if entry is None:
                entry = next(iter(bundle.entries.values()), None)
            if entry is None:
                continue
            in_project = [i for i in items if key in getattr(i, "projects", [])]
            view = registry.add(View("project", key, lang, f"{lang}/projects/{key}/", in_project,
                                     template="project", title=Localized(entry.meta.get("title", key), entry.lang),
                                     extra={"project": entry, "body": self._project_body(bundle, entry, lang)}))  # fmt: skip
            entries.append(view)
        entries.sort(key=lambda v: (v.extra["project"].meta.get("status") == "completed", str(v.title).casefold()))
        registry.add(View("projects", "", lang, f"{lang}/projects/", template="projects", extra={"projects": entries}))

    def _project_body(self, bundle: Any, entry: Any, lang: str) -> str:
        """The project's text for the page in ``lang``, its links resolved as an
        item's (:mod:`press.content.links`) and written out: no Pelican content
        object replaces ``{filename}`` and ``{static}`` here."""
        converted = self.index.html.get(entry.source.path)
        if converted is None:
            reader = self.readers.readers.get("md")
            if reader is None or not hasattr(reader, "convert"):
                return ""
            converted = reader.convert(entry.source.body, entry.source.lang)
        siteurl = self.settings.get("SITEURL", "")
        html = resolve_links(self.index, bundle, entry, converted, siteurl, lang=lang, warn=entry.lang == lang)
        return _PELICAN_LINK.sub(lambda m: self._written_out(m, bundle, siteurl), html)

    def _written_out(self, match: re.Match[str], bundle: Any, siteurl: str) -> str:
        ref, rest = links.split_url(match["url"])
        target = links.locate(self.index, bundle, ref)
        if match["what"] == "filename":
            content = self.context.get("generated_content", {}).get(ref.lstrip("/"))
            url = getattr(content, "url", None)
        else:
            rel = os.path.relpath(target.path, self.index.root).replace(os.sep, "/")
            url = self.settings["STATIC_URL"].format(path=rel)
        if url is None:
            return match[0]
        return f'{match["attr"]}="{escape(f"{siteurl}/{url}{rest}")}"'

    def _region_views(self, registry: ViewRegistry, lang: str, items: list[Any]) -> None:
        if not self.index.regions:
            return
        entries = []
        for key, region in sorted(self.index.regions.items()):
            in_region = [i for i in items if key in getattr(i, "regions", [])]
            name = region.name(lang, self.press.default_lang)
            view = registry.add(View("region", key, lang, f"{lang}/regions/{key}/", in_region, title=name))
            if in_region:
                entries.append(view)
        entries.sort(key=lambda v: str(v.title).casefold())
        registry.add(View("regions", "", lang, f"{lang}/regions/", template="regions", extra={"regions": entries}))

    def generate_output(self, writer: Any) -> None:
        for view in self.registry.all():
            template = self.get_template(view.template)
            paginated = {"articles": view.items} if view.paginated else {}
            writer.write_file(
                view.save_as,
                template,
                self.context,
                paginated=paginated or None,
                template_name="listing" if paginated else None,
                url=view.url,
                lang=view.lang,
                view=view,
            )
        root = self.get_template("root")
        writer.write_file("index.html", root, self.context, lang=self.press.default_lang, view=None)
        not_found = self.get_template("404")
        writer.write_file("404.html", not_found, self.context, lang=self.press.default_lang, view=None)
        for lang in self.registry.languages:
            writer.write_file(f"{lang}/404.html", not_found, self.context, lang=lang, view=None)


def get_generators(pelican: Any) -> type[Generator]:
    return ListingsGenerator


def skip_pages_turned_off(generator: Any) -> None:
    """Drop Pelican's tag, category and author pages whose ``*_SAVE_AS`` is empty."""
    for kind, method in (("TAG", "generate_tags"), ("CATEGORY", "generate_categories"), ("AUTHOR", "generate_authors")):
        if hasattr(generator, method) and not generator.settings.get(f"{kind}_SAVE_AS"):
            setattr(generator, method, _write_nothing)


def _write_nothing(write: Any) -> None:
    pass
