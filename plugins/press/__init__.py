"""Pressroom's Pelican plugins: one content tree, a complete site per language.

Each module is a plugin with one concern, listed in ``PLUGINS`` as
``press.<module>``; shared helpers are the ``_*.py`` modules. The table gives
the Pelican hooks each plugin uses, in the order ``Pelican.run()`` calls them.
``press.cli`` is no plugin: it is ``make new``, ``make translate`` and
``make check`` for press officers.

=====================  ==============================  ==========================================
plugin                 hook                            why
=====================  ==============================  ==========================================
press.config           initialized                     validate PRESS_* settings (public build: SITEURL)
press.config           initialized                     messages' language for the run; log lines unwrapped
press.atomic_output    initialized                     build into output.building, not output/
press.preview          initialized                     preview: saved items at once; errors on the page
press.summary          initialized                     each run: leave out Pelican's English closing line
press.uptodate         initialized                     each run: return at once if no input changed
press.search           (press.uptodate, scanned)       on saved item bodies alone: guessed copies, Pagefind early
press.heap             initialized (last)              pause the garbage collector for the run
press.atomic_output    get_generators                  staging folder from output.previous, emptied
press.images           get_generators                  add ImagesGenerator (derived photos)
press.listings         get_generators                  add ListingsGenerator (per-language views)
press.feeds            get_generators                  add FeedsGenerator (feeds, OPML, Subscribe)
press.events           get_generators                  add EventsGenerator (iCalendar files)
press.render           get_writer                      record page writes as jobs to run later
press.sitemaps         get_generators                  add SitemapsGenerator (news sitemap, robots)
press.summary          get_generators                  start the build clock and the warning count
press.content          readers_init                    our Markdown+YAML reader for ``.md``
press.content          generator_init (first)          load and check the whole tree; stop on errors
press.search           (press.content, tree loaded)    the same guess, when the scan could not make it
press.images           generator_init (after content)  plan and check every photo; picture() global
press.listings         generator_init                  skip Pelican's tag/category/author pages turned off
press.i18n             generator_init                  per-page gettext and Babel date filters
press.templating       generator_init                  template globals (switcher, names, assets)
press.feeds            generator_init                  feed_links() for autodiscovery
press.events           generator_init                  upcoming_events(), event_passed()
press.structured       generator_init                  json_ld(), og_locale() for sharing metadata
press.images           content_object_init             body <img> of item photos become <picture>
press.content          article_generator_finalized     log held-back drafts and embargoes
press.listings         generate_context                build views from the published items
press.content          static_generator_finalized      keep held bundles' files out of the output
press.images           static_generator_finalized      original photos are never copied as they are
press.related          all_generators_finalized        «Related materials» of every item
press.search           all_generators_finalized        add a search view per language
press.atomic_output    all_generators_finalized        wait until the staging folder is emptied
press.heap             all_generators_finalized        freeze the loaded site; collector on again
press.images           generate_output                 encode what the cache lacks; fill the output
press.listings         generate_output                 write listings, root redirect, 404 pages
press.sitemaps         generate_output                 news-sitemap.xml, robots.txt
press.render           finalized (first)               render changed pages on every core, link the rest
press.search           (press.render, item pages)      start Pagefind per language whose pages changed
press.search           finalized                       hand the index to the swap
press.preview          finalized                       preview only: build stamp, script for live reload
press.sitemaps         finalized                       sitemap.xml read from new or changed pages
press.atomic_output    finalized                       swap the new site in (success only)
press.summary          finalized                       print items, held items, warnings, seconds
press.uptodate         finalized (last)                stamp the inputs of the site now live
=====================  ==============================  ==========================================
"""
