"""Pressroom's Pelican plugins: one content tree, a complete site per language.

Each module is a plugin with one concern, listed in ``PLUGINS`` as
``press.<module>``; shared helpers are the ``_*.py`` modules. The table gives
the Pelican hooks each plugin uses, in the order ``Pelican.run()`` calls them.

=====================  ==============================  ==========================================
plugin                 hook                            why
=====================  ==============================  ==========================================
press.config           initialized                     validate PRESS_* settings before any read
press.atomic_output    initialized                     build into output.building, not output/
press.atomic_output    get_generators                  empty the staging folder at each run start
press.listings         get_generators                  add ListingsGenerator (per-language views)
press.content          readers_init                    our Markdown+YAML reader for ``.md``
press.content          generator_init (first)          load and check the whole tree; stop on errors
press.i18n             generator_init                  per-page gettext and Babel date filters
press.templating       generator_init                  template globals (switcher, names, assets)
press.content          article_generator_finalized     log held-back drafts and embargoes
press.listings         generate_context                build views from the published items
press.content          static_generator_finalized      keep held bundles' files out of the output
press.listings         generate_output                 write listings, root redirect, 404 pages
press.atomic_output    finalized                       swap the new site in (success only)
=====================  ==============================  ==========================================
"""
