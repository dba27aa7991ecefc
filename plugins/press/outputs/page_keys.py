"""The key of each page a build writes: a digest of everything it shows.

press.build.render asks for these (:func:`site_key` once per build,
:func:`page_key` per job) and reuses a page of the live site whose key is
the same as when it was rendered. Only this module knows what the templates
show: the site-wide parts (theme, catalogs, settings, navigation, projects
and regions, the code), an item page's bundle, translations, related items
and neighbours, a listing's items on that page, its switcher and hreflang
targets and its feeds. The writer itself knows nothing of listings or feeds.
"""

from __future__ import annotations

import os
from typing import Any

from ..content import timeline
from .feeds import FEEDS_KEY
from ..files import code_fingerprint, digest, tree_digest
from ..site.digests import bundle_digest, canon, cards, item_card
from ..site.listings import VIEWS_KEY
from ..site.reader import CONTEXT_KEY
from ..site.templating import alternate_url, switch_target

#: Settings that change how a build runs, not what any page shows.
NOT_SHOWN = frozenset({"PRESS_SKIP_UNCHANGED"})


def page_key(job: Any, site_key: str, index: Any, memo: dict[Any, Any]) -> str:
    """Hash of what the page of ``job`` (a :class:`press.build.render.Job`)
    shows, or '' when we cannot tell."""
    if job.produce is not None:
        return digest(site_key, job.outputs[0], job.content_key) if job.content_key else ""
    name, template = job.args[0], job.args[1]
    kw = job.kwargs
    parts: list[Any] = [site_key, name, template.name, kw.get("url"), kw.get("lang")]
    content = kw.get("article") or kw.get("page")
    view = kw.get("view")
    if content is not None:
        # a preview shows held items under a banner that goes when the embargo lifts
        parts.append((bundle_digest(index, content.bundle, memo), getattr(content, "held", "")))
        parts.append(sorted((t.lang, t.url) for t in content.translations))
        parts.append([item_card(r, index, memo) for r in getattr(content, "related", []) or []])
        neighbours = (getattr(content, "newer_item", None), getattr(content, "older_item", None))
        parts.append([item_card(n, index, memo) if n is not None else None for n in neighbours])
    elif view is not None:
        parts.append((view.kind, view.key, repr(view.title)))
        ident = ("links", id(view))  # the pages of one listing link the same
        if ident not in memo:
            memo[ident] = view, _view_links(job.args[2], view)
        parts.append(memo[ident][1])
        items = view.items
        if job.page is not None:
            parts.append((job.page, job.page_count))
            if job.page > 0:  # the first page shows more than its own items: upcoming events
                items = job.page_items
        parts.append(cards(items, index, memo))
        parts.append(sorted((k, canon(v)) for k, v in view.extra.items() if k != "project"))
        project = view.extra.get("project")
        if project is not None:
            parts.append(bundle_digest(index, f"projects/{view.key}", memo))
    elif "articles" in kw or kw.get("paginated"):
        return ""  # a listing we do not know: always render
    else:
        parts.append(sorted((k, repr(v)) for k, v in kw.items() if k not in ("articles", "dates")))
    return digest(*parts)


def _view_links(context: Any, view: Any) -> list[Any]:
    """What a listing page links besides its items: the same listing in the
    other languages (the switcher) and its own feeds (autodiscovery). The
    site key has only the views every page may link (``_index_views``), so
    a new tag or month does not make every page new."""
    links: list[Any] = []
    registry = context.get(VIEWS_KEY)
    if registry is not None:
        pages = range(1, view.page_count(context) + 1)
        for lang in registry.languages:
            alternates = [alternate_url(registry, lang, view, n, context) for n in pages]
            links.append((lang, switch_target(registry, lang, view), alternates))
    feeds = context.get(FEEDS_KEY)
    own = feeds.find(view.lang, view.ident) if feeds is not None else None
    links.append(repr(own.files) if own is not None else None)
    return links


def _index_views(registry: Any) -> list[tuple[str, tuple[str, str]]]:
    """The views any page may link by kind alone: the home page, the search,
    the indexes of tags, archives, projects and regions (``has_view`` in
    base.html), per language. Sections are the navigation."""
    return sorted((lang, ident) for lang, views in registry.views.items() for ident in views if not ident[1])


def site_key(pelican: Any, context: dict[str, Any]) -> str:
    """Everything every page may show: theme, catalogs, settings, navigation."""
    settings = {k: repr(v) for k, v in sorted(pelican.settings.items()) if k.isupper() and k not in NOT_SHOWN}
    registry = context.get(VIEWS_KEY)
    nav = sorted((lang, tuple(s)) for lang, s in registry.sections.items()) if registry else []
    views = _index_views(registry) if registry else []
    pages = sorted((p.lang, p.url, p.title) for p in context.get("pages", []))
    index = context.get(CONTEXT_KEY)
    events = timeline.event_phases(index) if index is not None else []
    shared = [tree_digest(os.path.join(pelican.path, part)) for part in ("projects", "data")]
    code = code_fingerprint()
    # templates in the override folders take the theme's place
    themes = [tree_digest(folder) for folder in (pelican.theme, *pelican.settings.get("THEME_TEMPLATES_OVERRIDES", []))]
    return digest(themes, settings, nav, views, pages, events, shared, code)
