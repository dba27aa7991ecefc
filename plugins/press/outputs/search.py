"""Full-text search per language: a Pagefind index of the finished site.

Hooks, in the order ``Pelican.run()`` calls them:

* ``get_generators`` — forgets an index started by a run that then failed.
* :func:`press.site.reader.when_site_loaded` — once press.site.reader has loaded
  and checked the site, before the bodies are converted and Pelican reads a
  file: if only the bodies of published items changed since the last
  build, guesses their pages' index copies and starts Pagefind on them on
  the other core (:mod:`press.outputs.search_guess`). The guess is used only
  if the copies made later from the rendered pages are the same. (A guess
  made even earlier, from the up-to-date check's scan of the files, was
  measured at 4.61 s against 4.84 s for one edit at 6,000 documents and
  removed: its code did not pay for 5 %.)
* ``all_generators_finalized`` — adds a ``search`` view per language to the
  listings :class:`~press.site.listings.ViewRegistry`, so ListingsGenerator writes
  ``/<lang>/search/`` with ``search.html``, ``has_view("search")`` links it
  from the header and the language switcher finds it in every language. The
  view carries what the filter menus offer: the sections, projects and
  regions that have items in that language. A language without any item or
  page gets no search page.
* :func:`press.build.render.when_content_written` — as soon as the item and
  static pages are in the staging folder, before the listings and feeds
  are rendered, starts indexing them (the only pages with a body to index)
  with the Pagefind binary that ships in the ``pagefind-bin`` wheel (no
  network), into ``<output>/pagefind/``.
* ``finalized`` — hands the running index to the swap (or starts it, if
  no item or page was written).
  ``press.build.atomic_output`` waits for it before it swaps the site in
  (:meth:`press.state.BuildState.before_swap`), so the sitemap is read while
  Pagefind works, and the site goes live only with its index; a failed
  indexing stops the build like any error. Each bundle is made byte-stable
  (:mod:`press.outputs.pagefind`), so the same pages give the same index files.

Pagefind has no incremental mode, and indexing 2,000 pages takes it two
seconds. So the copies it reads (below) are kept in the cache and made
again only for pages whose render key changed (:mod:`press.outputs.page_facts`),
and Pagefind runs once per language folder, the languages side by side,
each into its own cached bundle; a language whose copies did not change
keeps its bundle. A bundle made again is written to a scratch folder (in
memory where there is room), and only the files that differ replace the
cached ones: after one edit, a handful of the language's 2,000 files, so
the rest keep their inode and mtime, here and in the published site.
Pagefind names every index file by language and digest, so the bundles
merge into one ``pagefind/`` folder with one ``pagefind-entry.json``, byte
for byte what one run over all the pages writes. If pages of one language
sit in another's folder, the bundles would clash, and one run over all the
pages is made instead.

This module holds the hooks and decides what to index again. The work is
done by three helpers: :mod:`press.outputs.search_copies` makes the copies
Pagefind reads and keeps them; :mod:`press.outputs.pagefind_run` runs Pagefind and
writes, replaces and merges the bundles; :mod:`press.outputs.search_guess` makes
the early guess.

What is indexed: only elements marked ``data-pagefind-body`` (item and static
page bodies, see ``article.html`` and ``page.html``), with the filters
``section``, ``project`` and ``region`` and the meta ``title`` and ``date``
the templates declare. Pagefind splits the index by ``<html lang>``, so a
search page finds only pages of its own language. Held items (drafts,
embargoes) are not built, so they are never indexed; a preview build
(``PRESS_PREVIEW``) is not indexed at all and has no search pages.

Readers type Kyrgyz and Tajik with a Russian keyboard: «жангак» for
«жаңгак», «хукумат» for «ҳукумат». The index is therefore built from a copy
of each page (in a temporary folder; the published page is unchanged, so
screen readers read nothing twice) in which every word with one of
қ ң ө ү ӯ ҷ ҳ ӣ ғ ё is followed by its folded spelling (к н о у у ч х и г е).
``theme/assets/js/search.js`` folds the query the same way before calling
Pagefind, and when it shows an excerpt it drops each folded copy that
directly follows its word, so readers see the text as written. The fold
table is :data:`press.outputs.search_copies.FOLD_PAIRS`; the search page hands it
to the script.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any


from ..log import logger
from ..content.markdown import Converter
from .page_facts import PageFacts, derived_cache, link_from_live, outputs, page_keys
from .pagefind_run import (
    BUNDLE_DIR,
    SearchIndexError,
    bundle_of,
    language_key,
    merge,
    run_pagefind,
    start_languages,
    wait_pagefind,
)
from .search_copies import Body, copies_folder, fold_table, index_copies, language_of
from .search_guess import Guess, edited_entries, make_guess
from ..settings import load
from ..state import of, pelican_of
from ..site.reader import CONTEXT_KEY
from ..site.listings import VIEWS_KEY, View, ViewRegistry, published_items

__all__ = ["BUNDLE_DIR", "SearchIndexError", "build_index", "start_index"]



# --- the search pages ------------------------------------------------------------


def add_views(generators: list[Any]) -> None:
    """Add one search view per language to the listings registry."""
    if not generators:
        return
    context = generators[0].context
    registry: ViewRegistry | None = context.get(VIEWS_KEY)
    press = load(context)
    if registry is None or press.preview:
        return
    present = _languages_with_pages(context)
    for lang in press.languages:
        if lang in present:
            registry.add(View("search", "", lang, f"{lang}/search/", template="search", extra=_menus(registry, lang)))


def _languages_with_pages(context: dict[str, Any]) -> set[str]:
    """Languages with an item or a static page: only they get an index (and a search page).

    Pagefind would answer a page of a language it has no index for from
    another language's index.
    """
    pages = [p for page in context.get("pages", []) for p in (page, *page.translations)]
    return {item.lang for item in published_items(context)} | {page.lang for page in pages}


def _menus(registry: ViewRegistry, lang: str) -> dict[str, Any]:
    """Filter menus of one language: only values that have items there, as (key, name)."""
    views = registry.views.get(lang, {})

    def entries(kind: str) -> list[tuple[str, Any]]:
        found = [(v.key, v.title) for v in views.values() if v.kind == kind and v.items]
        return sorted(found, key=lambda entry: str(entry[1]).casefold())

    return {
        "sections": tuple(registry.sections.get(lang, [])),
        "projects": entries("project"),
        "regions": entries("region"),
        "fold": fold_table(),
    }


def build_index(
    output: Path, cache: Path | None = None, keys: dict[str, str] | None = None, names: list[str] | None = None
) -> int:
    """Index the built site in ``output`` into ``output/pagefind``; return the page count.

    ``cache`` keeps the index copies and one bundle per language between
    builds, so a build indexes again only the languages whose copies changed.
    """
    if cache is None:
        with tempfile.TemporaryDirectory(prefix="press-search-") as tmp:
            return build_index(output, Path(tmp), {}, names)
    return start_index(output, cache, keys or {}, names)()


def start_index(
    output: Path, cache: Path, keys: dict[str, str], names: list[str] | None,
    bodies: dict[str, Body] | None = None, guess: Guess | None = None,
) -> Callable[[], int]:  # fmt: skip
    """Bring the index copies up to date and start Pagefind on the languages
    whose copies changed; return the function that waits for it and writes
    ``output/pagefind`` (it returns the number of pages indexed).

    A language that ``guess`` already indexes with these very copies keeps
    that run; the guess's other runs are stopped.
    """
    try:
        return _start_index(output, cache, keys, names, bodies, guess)
    except BaseException:
        if guess is not None:  # its runs must not go on writing into their scratch folders
            guess.drop()
        raise


def _start_index(
    output: Path, cache: Path, keys: dict[str, str], names: list[str] | None,
    bodies: dict[str, Body] | None, guess: Guess | None,
) -> Callable[[], int]:  # fmt: skip
    bundle = output / BUNDLE_DIR
    shutil.rmtree(bundle, ignore_errors=True)
    facts = PageFacts(str(cache / "pages.json"), keys)
    if not facts.previous:
        shutil.rmtree(copies_folder(cache), ignore_errors=True)  # copies of unknown origin
    copies = index_copies(output, cache, facts, names, bodies, frozenset(guess.runs) if guess else frozenset())
    groups: dict[str, list[str]] = {}
    for name in sorted(copies):
        groups.setdefault(language_of(name), []).append(name)
    bundles = {lang: bundle_of(cache, lang) for lang in groups}
    stale = {}
    for lang, pages in groups.items():
        key = language_key(pages, copies)
        stamp = bundles[lang].with_suffix(".key")
        if not (stamp.is_file() and stamp.read_text(encoding="utf-8") == key and bundles[lang].is_dir()):
            stamp.unlink(missing_ok=True)
            stale[lang] = key
    taken = guess.take(stale) if guess else {}
    running = [*taken.values(), *start_languages(copies_folder(cache), {l: bundles[l] for l in stale if l not in taken})]

    def finish() -> int:
        wait_pagefind(running)
        for lang, key in stale.items():
            bundles[lang].with_suffix(".key").write_text(key, encoding="utf-8")
        try:
            merge([bundles[lang] for lang in sorted(groups)], bundle)
        except (SearchIndexError, OSError, ValueError, KeyError) as exc:
            logger.debug("search: one index for all languages (%s)", exc)
            shutil.rmtree(bundle, ignore_errors=True)
            run_pagefind(copies_folder(cache), bundle)
        logger.debug("search: indexed again: %s", ", ".join(sorted(stale)) or "nothing")
        return len(copies)

    finish.busy = bool(running)  # type: ignore[attr-defined] # Pagefind is at work: finish() must be called
    return finish


def guess_early(generator: Any, index: Any) -> None:
    """As soon as press.site.reader has loaded and checked the site."""
    pelican = pelican_of(generator.settings)  # forget_started made its state
    press = load(generator.settings)
    if pelican is None or of(pelican).search_guess is not None or press.preview or not press.incremental:
        return
    sources = {e.source.path: e for b in index.bundles.values() if b.kind != "project" for e in b.entries.values()}
    edited = edited_entries(sources, Converter(generator.settings).convert)
    of(pelican).search_guess = make_guess(Path(derived_cache(pelican, "search")), edited, "the loaded site")


def _drop(guess: Guess | None) -> None:
    if guess is not None:
        guess.drop()


def _take_guess(pelican: Any) -> Guess | None:
    state = of(pelican)
    guess, state.search_guess = state.search_guess, None
    return guess


def _bodies(shown: dict[str, Any]) -> dict[str, Body]:
    """The body of each item page (:data:`~press.outputs.search_copies.Body`), by output name."""
    bodies: dict[str, Body] = {}
    for name, item in shown.items():
        index = (getattr(item, "_context", None) or {}).get(CONTEXT_KEY)
        found = index.lookup(item.source_path) if index is not None else None
        if found is None:
            continue
        source = found[0].entries[found[1]].source
        html = index.html.get(source.path)
        if html is not None:
            bodies[name] = (source.path, html, source.front_matter, source.body)
    return bodies


def start_early(pelican: Any, names: list[str], keys: dict[str, str], shown: dict[str, Any]) -> None:
    """As soon as the item and static pages are written (press.build.render), before
    the listings and feeds: only they have a ``data-pagefind-body``."""
    cache = Path(derived_cache(pelican, "search"))
    started = start_index(Path(pelican.output_path), cache, keys, names, _bodies(shown), _take_guess(pelican))
    of(pelican).search_started = started


def index_site(pelican: Any) -> None:
    state = of(pelican)
    started, state.search_started = state.search_started, None
    guess = _take_guess(pelican)  # left only if no item or page was written
    if load(pelican.settings).preview:
        return  # a preview shows held items; it is never indexed
    # no page changed, so no language's copies did, and unless a bundle was
    # missing from the cache, Pagefind was not started
    if not getattr(started, "busy", False) and link_from_live(pelican, [BUNDLE_DIR]):
        if guess is not None:
            guess.drop()
        logger.info("search: no page changed; the index of the last build is kept")
        return
    finish = started
    if finish is None:  # no item or page was written
        cache = Path(derived_cache(pelican, "search"))
        finish = start_index(Path(pelican.output_path), cache, page_keys(pelican), outputs(pelican),
                             guess=guess)  # fmt: skip

    def complete() -> None:
        logger.info("search: indexed %d pages into %s/", finish(), BUNDLE_DIR)

    # Pagefind works in its own processes while the sitemap is read; the site
    # goes live only with its index (press.build.atomic_output waits for it)
    state.before_swap(complete, writes=[BUNDLE_DIR])


def forget_started(pelican: Any) -> None:
    """A run that failed after Pagefind started leaves nothing for the next."""
    state = of(pelican)
    state.search_started = None
    _drop(state.search_guess)
    state.search_guess = None
