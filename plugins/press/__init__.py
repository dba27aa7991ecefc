"""Pressroom's Pelican plugin: one content tree, a complete site per language.

``PLUGINS = ["press"]`` in ``pelicanconf.py``; Pelican calls :func:`register`,
which connects every receiver of :data:`HOOKS`, in that order, and links the
plugins' own hooks of :data:`INNER_HOOKS`. The order is ours, not the user's
config's: Pelican (blinker) calls a signal's receivers in the order they were
connected, and some must run before others (the content tree is loaded before
photos are planned; pages are rendered before the sitemap reads them; the new
site is swapped in before it is stamped). The README's table in «How it is
built» lists the same rows; ``tests/unit/test_hooks.py`` checks both against
the receivers Pelican actually has connected.

``press.cli`` is no plugin: it is ``make new``, ``make translate`` and
``make check`` for press officers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pelican import signals

from .build import atomic_output
from .build import config
from .build import each_run
from .site import reader as content
from .outputs import calendars as events
from .outputs import feeds
from .build import heap
from .site import i18n
from .outputs import images
from .site import listings
from .build import precompress
from .build import preview
from .site import related
from .build import render
from .outputs import search
from .outputs import share_cards
from .outputs import sitemaps
from .outputs import theme_assets
from .site import structured
from .build import summary
from .site import templating
from .build import uptodate
from .build import webserver


@dataclass(frozen=True)
class Hook:
    """One receiver of one Pelican signal, and why it is there."""

    signal: Any  # a blinker signal of pelican.signals
    receiver: Callable[..., Any]
    why: str


#: Every receiver, by signal in the order ``Pelican.run()`` sends them, then in call order.
HOOKS: tuple[Hook, ...] = (
    Hook(signals.initialized, config.validate, "validate PRESS_* settings (unknown names; a public build needs SITEURL); messages' language; log lines unwrapped"),
    Hook(signals.initialized, atomic_output.redirect, "build into output.building, not output/"),
    Hook(signals.initialized, each_run.wrap_run, "around each run: collector paused; return at once if no input changed; no English closing line; preview's first look and error page"),
    Hook(signals.get_generators, images.get_generators, "add ImagesGenerator (derived photos), before the listings"),
    Hook(signals.get_generators, share_cards.get_generators, "add ShareCardsGenerator (the sharing card per language, the logo)"),
    Hook(signals.get_generators, theme_assets.get_generators, "add ThemeAssetsGenerator (the theme's CSS, JS and icons under hashed names)"),
    Hook(signals.get_generators, listings.get_generators, "add ListingsGenerator (per-language views)"),
    Hook(signals.get_generators, feeds.get_generators, "add FeedsGenerator (feeds, OPML, Subscribe), after the listings"),
    Hook(signals.get_generators, events.get_generators, "add EventsGenerator (iCalendar files)"),
    Hook(signals.get_generators, search.forget_started, "forget a guessed Pagefind run of an earlier build"),
    Hook(signals.get_generators, sitemaps.get_generators, "add SitemapsGenerator (news sitemap, robots.txt)"),
    Hook(signals.get_generators, atomic_output.prepare, "staging folder from output.previous, emptied"),
    Hook(signals.get_generators, summary.start, "start the build clock and the warning count; every build says its own warnings"),
    Hook(signals.get_generators, uptodate.probe, "note what the up-to-date check found, for the stamp"),
    Hook(signals.get_writer, render.get_writer, "record page writes as jobs to run later"),
    Hook(signals.readers_init, content.add_reader, "our Markdown+YAML reader for .md"),
    Hook(signals.generator_init, content.load_index, "load and check the whole tree once; stop on errors"),
    Hook(signals.generator_init, content.skip_idle_reader_check, "spare Pelican's walks for disabled readers"),
    Hook(signals.generator_init, content.skip_idle_content_cache, "spare Pelican's stamps for a content cache that is off"),
    Hook(signals.generator_init, images.prepare, "plan every photo (after the tree is loaded); picture() global"),
    Hook(signals.generator_init, i18n.install, "per-page gettext and Babel date filters"),
    Hook(signals.generator_init, templating.install, "template globals (switcher, names, assets)"),
    Hook(signals.generator_init, theme_assets.install, "theme_url(): the theme's CSS, JS and icons by their hashed names"),
    Hook(signals.generator_init, listings.skip_pages_turned_off, "skip Pelican's tag, category and author pages turned off"),
    Hook(signals.generator_init, feeds.install, "feed_links() for autodiscovery"),
    Hook(signals.generator_init, events.install, "upcoming_events(), event_passed(), event_when()"),
    Hook(signals.generator_init, structured.install, "json_ld(), og_locale() for sharing metadata"),
    Hook(signals.content_object_init, images.rewrite_body, "body `<img>` of item photos become `<picture>`"),
    Hook(signals.article_generator_finalized, content.log_held, "log held-back drafts and embargoes"),
    Hook(signals.article_generator_finalized, content.stop_on_failed_reads, "stop if Pelican failed to read an item"),
    Hook(signals.article_generator_finalized, content.freeze_urls, "compute each item's URL once; translations in order"),
    Hook(signals.page_generator_finalized, content.stop_on_failed_reads, "stop if Pelican failed to read a page"),
    Hook(signals.page_generator_finalized, content.freeze_urls, "compute each page's URL once; translations in order"),
    Hook(signals.static_generator_finalized, content.drop_held_static, "copy only the files published items declare or link"),
    Hook(signals.static_generator_finalized, images.drop_originals, "original photos are never copied as they are"),
    Hook(signals.all_generators_finalized, templating.forget_once, "forget the template globals' per-build memo"),
    Hook(signals.all_generators_finalized, related.attach_related, "«Related materials» of every item"),
    Hook(signals.all_generators_finalized, search.add_views, "add a search view per language"),
    Hook(signals.all_generators_finalized, atomic_output.pruned, "wait until the staging folder is emptied"),
    Hook(signals.all_generators_finalized, heap.freeze_loaded_site, "freeze the loaded site; collector on again"),
    Hook(signals.finalized, render.flush, "render changed pages on every core, link the rest (first: the others read them)"),
    Hook(signals.finalized, search.index_site, "hand the Pagefind index to the swap"),
    Hook(signals.finalized, sitemaps.sitemap_site, "sitemap.xml read from new or changed pages"),
    Hook(signals.finalized, preview.write_stamp, "preview only: build stamp for live reload"),
    Hook(signals.finalized, webserver.copy_htaccess, "PRESS_APACHE: deploy/htaccess becomes the site's .htaccess"),
    Hook(signals.finalized, precompress.compress_site, "publish: .br and .gz beside every text file, last step before the swap"),
    Hook(signals.finalized, atomic_output.swap, "swap the new site in (success only), after every writer"),
    Hook(signals.finalized, summary.finish, "after the swap: items, held items, warnings, seconds; the held list for make deploy"),
    Hook(signals.finalized, uptodate.write_stamp, "stamp the inputs of the site now live (last)"),
)  # fmt: skip


@dataclass(frozen=True)
class InnerHook:
    """A hook one of our plugins offers another (outside Pelican's signals)."""

    connect: Callable[[Callable[..., Any]], None]
    receiver: Callable[..., Any]
    why: str


#: The plugins' hooks into each other, called by the first at the moment named.
INNER_HOOKS: tuple[InnerHook, ...] = (
    InnerHook(atomic_output.keep_when_recycling, render.pages_of_live_site, "the staging folder keeps the live pages render may reuse"),
    InnerHook(atomic_output.keep_when_recycling, precompress.copies_of_live_site, "the staging folder keeps the live compressed copies"),
    InnerHook(content.when_site_loaded, search.guess_early, "once the tree is loaded: guess edited bodies' index copies, start Pagefind early"),
    InnerHook(render.when_content_written, search.start_early, "item pages written: start Pagefind per language whose pages changed"),
)  # fmt: skip


def register() -> None:
    for hook in HOOKS:
        hook.signal.connect(hook.receiver)
    for inner in INNER_HOOKS:
        inner.connect(inner.receiver)
