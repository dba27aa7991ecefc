"""Full-text search per language: a Pagefind index of the finished site.

Hooks, in the order ``Pelican.run()`` calls them:

* ``all_generators_finalized`` — adds a ``search`` view per language to the
  listings :class:`~press.listings.ViewRegistry`, so ListingsGenerator writes
  ``/<lang>/search/`` with ``search.html``, ``has_view("search")`` links it
  from the header and the language switcher finds it in every language. The
  view carries what the filter menus offer: the sections, projects and
  regions that have items in that language. A language without any item or
  page gets no search page.
* ``finalized`` — indexes the finished site in the staging folder
  (``pelican.output_path``) with the Pagefind binary that ships in the
  ``pagefind-bin`` wheel (no network), into ``<output>/pagefind/``.
  ``press.atomic_output`` is listed after this plugin, so the site is swapped
  in only with its index; a failed indexing stops the build like any error.
  The bundle is then made byte-stable (:mod:`press._pagefind`), so the same
  pages give the same index files.

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
``theme/static/js/search.js`` folds the query the same way before calling
Pagefind, and when it shows an excerpt it drops each folded copy that
directly follows its word, so readers see the text as written. The fold
table is :data:`FOLD_PAIRS`; the search page hands it to the script.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import html as lxml_html
from pelican import signals

from . import _pagefind
from . import render
from ._log import logger
from ._settings import load
from .listings import VIEWS_KEY, View, ViewRegistry, published_items

#: Letters of Kyrgyz and Tajik (and Russian ё) and what a Russian keyboard
#: types instead. search.js receives this table through the search page.
FOLD_PAIRS: tuple[tuple[str, str], ...] = (
    ("қ", "к"),
    ("ң", "н"),
    ("ө", "о"),
    ("ү", "у"),
    ("ӯ", "у"),
    ("ҷ", "ч"),
    ("ҳ", "х"),
    ("ӣ", "и"),
    ("ғ", "г"),
    ("ё", "е"),
)
_FOLD = str.maketrans(
    "".join(a + a.upper() for a, _ in FOLD_PAIRS),
    "".join(b + b.upper() for _, b in FOLD_PAIRS),
)
_FOLDABLE_WORD = re.compile(
    r"\S*[" + "".join(a + a.upper() for a, _ in FOLD_PAIRS) + r"]\S*"
)
BUNDLE_DIR = "pagefind"
#: Pagefind's ready-made interfaces: search.js uses its JS API, so they are not published.
UNUSED_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)  # fmt: skip
_BODY_MARK = b"data-pagefind-body"
_NOT_TEXT = frozenset({"script", "style", "template"})


class SearchIndexError(RuntimeError):
    """Pagefind could not index the built site."""


def fold(text: str) -> str:
    """The spelling a Russian keyboard gives: «Жаңылык» -> «Жанылык»."""
    return text.translate(_FOLD)


def fold_table() -> str:
    """:data:`FOLD_PAIRS` as search.js reads it: "қк ңн өо …"."""
    return " ".join(a + b for a, b in FOLD_PAIRS)


def with_folded_copies(text: str) -> str:
    """Follow every word that folds differently by its folded copy."""
    return _FOLDABLE_WORD.sub(lambda m: f"{m[0]} {fold(m[0])}", text)


def index_copy(page: bytes) -> bytes | None:
    """The version of a built page that Pagefind reads, or None if it has no body to index.

    Only text inside ``data-pagefind-body`` changes; attributes (meta and
    filter values, the title) stay as written.
    """
    if _BODY_MARK not in page:
        return None
    tree = lxml_html.document_fromstring(page.decode("utf-8"))
    for body in tree.xpath("//*[@data-pagefind-body]"):
        for element in body.iter():
            if isinstance(element.tag, str) and element.tag not in _NOT_TEXT and element.text:
                element.text = with_folded_copies(element.text)
            if element is not body and element.tail:
                element.tail = with_folded_copies(element.tail)
    return lxml_html.tostring(tree, encoding="utf-8", doctype="<!DOCTYPE html>")


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


# --- the index ---------------------------------------------------------------------


def _pages(output: Path) -> Iterator[Path]:
    for path in sorted(output.rglob("*.html")):
        if path.relative_to(output).parts[0] != BUNDLE_DIR:
            yield path


def _pagefind_binary() -> str:
    try:
        from pagefind_bin import get_executable  # type: ignore[import-untyped]
    except ImportError as exc:  # pragma: no cover - requirements.txt installs it
        raise SearchIndexError("the search index needs pagefind-bin (see requirements.txt)") from exc
    return str(get_executable())


def _run_pagefind(site: Path, bundle: Path) -> None:
    run = subprocess.run(
        [_pagefind_binary(), "--site", str(site), "--output-path", str(bundle)],
        capture_output=True, text=True, timeout=1800, check=False,
    )  # fmt: skip
    log = (run.stdout + run.stderr).strip()
    if run.returncode != 0:
        raise SearchIndexError(f"{BUNDLE_DIR}: Pagefind failed to index the site:\n{log}")
    logger.debug("pagefind: %s", log)
    for name in UNUSED_FILES:
        (bundle / name).unlink(missing_ok=True)


def build_index(output: Path) -> int:
    """Index the built site in ``output`` into ``output/pagefind``; return the page count."""
    bundle = output / BUNDLE_DIR
    shutil.rmtree(bundle, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="press-search-") as tmp:
        count = 0
        for path in _pages(output):
            copy = index_copy(path.read_bytes())
            if copy is None:
                continue
            target = Path(tmp) / path.relative_to(output)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(copy)
            count += 1
        _run_pagefind(Path(tmp), bundle)
    _pagefind.stabilize(bundle)
    return count


def index_site(pelican: Any) -> None:
    if load(pelican.settings).preview:
        return  # a preview shows held items; it is never indexed
    if render.link_from_live(pelican, [BUNDLE_DIR]):
        logger.info("search: no page changed; the index of the last build is kept")
        return
    count = build_index(Path(pelican.output_path))
    logger.info("search: indexed %d pages into %s/", count, BUNDLE_DIR)


def register() -> None:
    signals.all_generators_finalized.connect(add_views)
    signals.finalized.connect(index_site)
