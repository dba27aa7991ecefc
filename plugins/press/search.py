"""Full-text search per language: a Pagefind index of the finished site.

Hooks, in the order ``Pelican.run()`` calls them:

* :func:`press.uptodate.when_building` — as soon as the scan of the inputs
  has found which content files were saved since the last stamped build,
  before the tree is loaded: if they are texts of published items and only
  their bodies changed, guesses their pages' index copies and starts
  Pagefind on them on the other core (:func:`_guess`). The guess is used
  only if the copies made later from the rendered pages are the same.
* ``get_generators`` — forgets an index started by a run that then failed.
* :func:`press.content.when_site_loaded` — once press.content has loaded
  and checked the site, before the bodies are converted and Pelican reads a
  file: the same guess, made from the loaded site, when the scan could not
  make it (no stamp to compare with, or other files saved too).
* ``all_generators_finalized`` — adds a ``search`` view per language to the
  listings :class:`~press.listings.ViewRegistry`, so ListingsGenerator writes
  ``/<lang>/search/`` with ``search.html``, ``has_view("search")`` links it
  from the header and the language switcher finds it in every language. The
  view carries what the filter menus offer: the sections, projects and
  regions that have items in that language. A language without any item or
  page gets no search page.
* :func:`press.render.when_content_written` — as soon as the item and
  static pages are in the staging folder, before the listings and feeds
  are rendered, starts indexing them (the only pages with a body to index)
  with the Pagefind binary that ships in the ``pagefind-bin`` wheel (no
  network), into ``<output>/pagefind/``.
* ``finalized`` — hands the running index to the swap (or starts it, if
  no item or page was written).
  ``press.atomic_output`` waits for it before it swaps the site in
  (:func:`press.atomic_output.before_swap`), so the sitemap is read while
  Pagefind works, and the site goes live only with its index; a failed
  indexing stops the build like any error. Each bundle is made byte-stable
  (:mod:`press._pagefind`), so the same pages give the same index files.

Pagefind has no incremental mode, and indexing 2,000 pages takes it two
seconds. So the copies it reads (below) are kept in the cache and made
again only for pages whose render key changed (:mod:`press._page_facts`),
and Pagefind runs once per language folder, the languages side by side,
each into its own cached bundle; a language whose copies did not change
keeps its bundle. A bundle made again is written to a scratch folder (in
memory where there is room), and only the files that differ replace the
cached ones: after one edit, a handful of the language's 2,000 files, so
the rest keep their inode and mtime, here and in the published site.
Pagefind names every index file by language and digest, so the bundles
merge into one ``pagefind/`` folder with one ``pagefind-entry.json``, byte
for byte what one run over all the pages writes. If pages of one language sit in another's folder, the bundles
would clash, and one run over all the pages is made instead.

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

import atexit
import hashlib
import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import tempfile
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican import signals

from . import _pagefind
from . import atomic_output
from . import render
from ._log import logger
from ._markdown import Converter
from ._page_facts import PageFacts, built_pages, load_json, save_json
from ._parallel import cores, map_forked
from ._settings import load
from .content import CONTEXT_KEY, when_site_loaded
from .listings import VIEWS_KEY, View, ViewRegistry, published_items
from .loader import INDEX_FILE, split_source
from .uptodate import when_building

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
_FOLDABLE = "".join(a + a.upper() for a, _ in FOLD_PAIRS)
_FOLD = str.maketrans(_FOLDABLE, "".join(b + b.upper() for _, b in FOLD_PAIRS))
# a match may start only where a word starts: tried at every letter, "\S*[…]"
# went over each word once per letter
_FOLDABLE_WORD = re.compile(r"(?<!\S)\S*?[" + _FOLDABLE + r"]\S*")
BUNDLE_DIR = "pagefind"
_STARTED = "_press_search_started"
#: Pagefind's ready-made interfaces: search.js uses its JS API, so they are not published.
UNUSED_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)  # fmt: skip
_BODY_MARK = b"data-pagefind-body"


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


def index_copy(page: bytes, whole: bool = False) -> bytes | None:
    """The version of a built page that Pagefind reads, or None if it has no body to index.

    It is the page cut down to what Pagefind takes from it: the ``<html
    lang>``, the ``<title>``, the head's ``meta`` and ``link`` tags that carry
    ``data-pagefind-*`` attributes, and each ``data-pagefind-body`` element,
    in which the text is folded. Attributes (meta and filter values) and
    ``script``/``style`` stay as written. Pagefind reads no more of a page
    that has a body, so the index is the same as from the whole page
    (``tests/unit/test_search.py``) and made a fifth faster. A page that
    declares filters or meta elsewhere is copied whole, as is every page
    with ``whole``.

    Our templates escape ``<`` and ``>`` in text and attributes, so the text
    of the page is what lies between a ``>`` and the next ``<``: a regular
    expression finds it five times faster than an HTML parser and tree.
    """
    cut = _cut(page, whole)
    return None if cut is None else cut[0].encode("utf-8")


def _cut(page: bytes, whole: bool = False, inner: str | None = None) -> tuple[str, list[int] | None] | None:
    """:func:`index_copy` as text, and where the folded ``inner`` lies in it.

    ``inner`` is a piece of an indexed body that starts and ends with a tag
    (an item's converted Markdown). When it occurs once in the page, inside
    an indexed element, the second value is ``[start, end]``: where the copy
    holds it folded, so a later body can take its place (:func:`_guess`).
    Folding works text by text between tags, so the piece folds alike alone
    and in its page. Otherwise the second value is None.
    """
    if _BODY_MARK not in page:
        return None
    html = page.decode("utf-8")
    spans = list(_body_spans(html))
    at = _once_in(html, inner, spans)
    head_end = html.find("</head>")
    parts: list[str] = []
    where: list[int] | None = None

    def body(start: int, end: int) -> None:
        nonlocal where
        if at is not None and inner is not None and start <= at and at + len(inner) <= end:
            parts.append(_fold_body(html[start:at]))
            before = sum(map(len, parts))
            parts.append(_fold_body(inner))
            where = [before, before + len(parts[-1])]
            parts.append(_fold_body(html[at + len(inner):end]))
        else:
            parts.append(_fold_body(html[start:end]))

    if head_end > 0 and not whole and not _elsewhere(html, head_end, spans):
        opening = _HTML_TAG.search(html)
        title = _TITLE.search(html, 0, head_end)
        parts += ["<!DOCTYPE html>", opening[0] if opening else "<html>", '<head><meta charset="utf-8">']
        parts += [title[0] if title else "", *_HEAD_TAGS.findall(html, 0, head_end), "</head><body>"]
        for start, end in spans:
            tag_start = html.rfind("<", 0, start)
            parts.append(html[tag_start:start])
            body(start, end)
            parts.append(f"</{_BODY_START.match(html, tag_start)[1]}>")
        parts.append("</body></html>")
    else:
        done = 0
        for start, end in spans:
            parts.append(html[done:start])
            body(start, end)
            done = end
        parts.append(html[done:])
    return "".join(parts), where


def _once_in(html: str, inner: str | None, spans: list[tuple[int, int]]) -> int | None:
    """Where ``inner`` starts in ``html``, if it is there once, within an indexed span and between tags."""
    if not inner or inner[0] != "<" or inner[-1] != ">":
        return None
    at = html.find(inner)
    if at < 0 or html.find(inner, at + 1) >= 0:
        return None
    return at if any(start <= at and at + len(inner) <= end for start, end in spans) else None


def _fold_body(text: str) -> str:
    return _NOT_TEXT_OR_TEXT.sub(_fold_text, text)


def _elsewhere(html: str, head_end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether the page's body (outside the indexed elements) declares anything for Pagefind."""
    done = head_end
    for start, end in spans:
        if _DECLARES.search(html, done, html.rfind("<", 0, start)):
            return True
        done = end
    return _DECLARES.search(html, done) is not None


_HTML_TAG = re.compile(r"<html\b[^>]*>", re.I)
_TITLE = re.compile(r"<title>.*?</title>", re.S | re.I)
_HEAD_TAGS = re.compile(r"<(?:meta|link)\b[^>]*\sdata-pagefind-[^>]*>", re.I)
_DECLARES = re.compile(r"\sdata-pagefind-(?:filter|meta|sort|default-meta)\b")
_BODY_START = re.compile(r"<([a-zA-Z][\w-]*)\b[^>]*\sdata-pagefind-body\b[^>]*>")
# text that _fold_text changes: with a letter to fold or an entity (quotes);
# the rest of the body is passed over without a call into Python
_NOT_TEXT_OR_TEXT = re.compile(
    r"(<(script|style|template)\b.*?</\2\s*>)|>([^<]*[" + _FOLDABLE + r"&][^<]*)", re.S | re.I
)


def _body_spans(html: str) -> Iterator[tuple[int, int]]:
    """Where the content of each ``data-pagefind-body`` element starts and ends."""
    done = 0
    for match in _BODY_START.finditer(html):
        if match.start() < done:
            continue  # nested in a body already folded
        depth, end = 1, len(html)
        for tag in re.finditer(rf"<(/?){match[1]}\b[^>]*>", html[match.end():], re.I):
            depth += -1 if tag[1] else 1
            if depth == 0:
                end = match.end() + tag.start()
                break
        yield match.end(), end
        done = end


def _fold_text(match: re.Match[str]) -> str:
    if match[1]:
        return match[1]
    # quotes need no escaping in text, and Pagefind reads "…&quot;" as ending in
    # punctuation (it adds a full stop after other headings): write them as an
    # HTML parser would serialise them
    text = match[3]
    if "&" in text:
        text = _QUOTES.sub(lambda q: _QUOTE_CHARS[q[0]], text)
    return ">" + with_folded_copies(text)


_QUOTE_CHARS = {"&quot;": '"', "&#34;": '"', "&#39;": "'", "&#x27;": "'"}
_QUOTES = re.compile("|".join(map(re.escape, _QUOTE_CHARS)))


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


def _pagefind_binary() -> str:
    try:
        from pagefind_bin import get_executable  # type: ignore[import-untyped]
    except ImportError as exc:  # pragma: no cover - requirements.txt installs it
        raise SearchIndexError("the search index needs pagefind-bin (see requirements.txt)") from exc
    return str(get_executable())


def _pagefind_command(site: Path, bundle: Path, glob: str | None = None) -> list[str]:
    command = [_pagefind_binary(), "--site", str(site), "--output-path", str(bundle)]
    return command + (["--glob", glob] if glob else [])


_Run = tuple[Path, Path, "subprocess.Popen[str]"]  # the bundle, where Pagefind writes it, the run


def _scratch_for(bundle: Path) -> Path:
    """Where Pagefind writes a new version of ``bundle``.

    A new bundle is written in place. An existing one is written to a
    scratch folder, in memory where the system has room for it
    (``/dev/shm``), and then only the files that differ replace the bundle's
    (:func:`_replace_changed`): after an edit a few of the 2,000 files of a
    language differ, and writing all of them to disk cost Pagefind a second
    of system time, beside the rest of the build.

    The folder is named after the bundle, so a build that was killed
    leaves at most one behind, which the next build of it reuses.
    """
    if not bundle.is_dir():
        return bundle
    name = "press-search-" + hashlib.blake2b(str(bundle.resolve()).encode(), digest_size=8).hexdigest()
    base = bundle.parent
    if _room_in_memory(bundle):
        base = Path(_MEMORY)
    scratch = base / name
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    return scratch


_MEMORY = "/dev/shm"


def _room_in_memory(bundle: Path) -> bool:
    """Whether the memory filesystem has room for twice the bundle and 64 MB
    to spare (Docker gives containers a /dev/shm of 64 MB)."""
    if not (os.path.isdir(_MEMORY) and os.access(_MEMORY, os.W_OK)):
        return False
    size = sum(os.path.getsize(os.path.join(root, f)) for root, _dirs, files in os.walk(bundle) for f in files)
    try:
        return shutil.disk_usage(_MEMORY).free > 2 * size + (64 << 20)
    except OSError:
        return False


def _start(site: Path, bundle: Path, glob: str | None = None, threads: int | None = None) -> _Run:
    """Start Pagefind on ``site`` (the pages matching ``glob``) for ``bundle``,
    on ``threads`` threads (default: one per core)."""
    target = _scratch_for(bundle)
    command = _pagefind_command(site, target, glob)
    env = None if threads is None else {**os.environ, "RAYON_NUM_THREADS": str(threads)}
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    _unwaited.add(proc)
    return bundle, target, proc


#: Runs not waited for yet. A build that fails, or a guess not taken, must
#: not leave Pagefind writing into a scratch folder the next run reuses.
_unwaited: set[subprocess.Popen[str]] = set()


def _stop(run: _Run) -> None:
    """Stop a run and drop what it wrote; its bundle is left as it was."""
    bundle, target, proc = run
    proc.kill()
    proc.communicate()
    _unwaited.discard(proc)
    if target != bundle:
        shutil.rmtree(target, ignore_errors=True)


@atexit.register
def _stop_unwaited() -> None:
    for proc in list(_unwaited):
        proc.kill()


def _wait(running: list[_Run]) -> None:
    """Wait for every run, then finish each bundle; the first failure is raised."""
    failure = None
    for bundle, target, proc in running:
        log, _ = proc.communicate(timeout=1800)
        _unwaited.discard(proc)
        if proc.returncode != 0:
            failure = failure or SearchIndexError(f"{BUNDLE_DIR}: Pagefind failed to index the site:\n{log.strip()}")
        else:
            logger.debug("pagefind: %s", log.strip())
            for name in UNUSED_FILES:
                (target / name).unlink(missing_ok=True)
            _pagefind.stabilize(target)
        if target != bundle:
            if proc.returncode == 0:
                _replace_changed(target, bundle)
            shutil.rmtree(target, ignore_errors=True)
    if failure is not None:
        raise failure


def _replace_changed(new: Path, bundle: Path) -> None:
    """Make ``bundle`` hold exactly the files of ``new``, writing only those that differ.

    The live site's ``pagefind/`` holds hard links to the bundle's files
    (:func:`_merge`), so a file is replaced by a new one, never written through.
    """
    # files by their path inside the folder: the two walks spell the bundle's
    # own path alike only if nothing in it needs normalising ("cache/../x")
    wanted: set[str] = set()
    for root, _dirs, files in os.walk(new):
        inside = os.path.relpath(root, new)
        folder = os.path.join(bundle, inside)
        os.makedirs(folder, exist_ok=True)
        for name in files:
            source, target = os.path.join(root, name), os.path.join(folder, name)
            wanted.add(os.path.normpath(os.path.join(inside, name)))
            if not _same_bytes(source, target):
                shutil.copyfile(source, f"{target}.new")
                os.replace(f"{target}.new", target)
    for root, _dirs, files in os.walk(bundle, topdown=False):
        inside = os.path.relpath(root, bundle)
        for name in files:
            if os.path.normpath(os.path.join(inside, name)) not in wanted:
                os.unlink(os.path.join(root, name))
        if inside != "." and not os.listdir(root):
            os.rmdir(root)


def _same_bytes(one: str, other: str) -> bool:
    try:
        if os.path.getsize(one) != os.path.getsize(other):
            return False
        with open(one, "rb") as a, open(other, "rb") as b:
            return a.read() == b.read()
    except OSError:
        return False


def _run_pagefind(site: Path, bundle: Path) -> None:
    _wait([_start(site, bundle)])


def _start_languages(site: Path, bundles: dict[str, Path]) -> list[_Run]:
    """Start one Pagefind run per language folder of ``site``, side by side."""
    return [_start(site, bundle, f"{lang}/**/*.html" if lang else "*.html") for lang, bundle in bundles.items()]


# --- the pages Pagefind reads, kept between builds ---------------------------------


#: An item's body, for the copy of its page: (source path, converted HTML,
#: front matter, Markdown body).
Body = tuple[str, str, str, str]
#: What a copy worker gets of a body: (source path, converted HTML, digest of
#: the Markdown body, digest of the front matter).
_Hashed = tuple[str, str, str, str]
#: Where the body sits in a page's copy (:func:`_cut`): [source path, digest
#: of the Markdown body, digest of the front matter, start, end].
BODIES_FILE = "bodies.json"


def _fold_one(task: tuple[str, str, _Hashed | None, bool]) -> tuple[str | None, list[Any] | None]:
    """Write the index copy of one built page; return its digest (None
    without a body) and where the item's body sits in it, if known.

    ``swap``: the copy replaces the file, never writes through it (Pagefind
    may be reading the folder, see :func:`_guess`).
    """
    source, target, item, swap = task
    with open(source, "rb") as handle:
        cut = _cut(handle.read(), inner=item[1] if item else None)
    if cut is None:
        if os.path.lexists(target):
            os.unlink(target)
        return None, None
    copy = cut[0].encode("utf-8")
    os.makedirs(os.path.dirname(target), exist_ok=True)
    if swap:
        _replace(target, copy)
    else:
        with open(target, "wb") as handle:
            handle.write(copy)
    record = None
    if item is not None and cut[1] is not None:
        record = [item[0], item[2], item[3], *cut[1]]
    return _copy_digest(copy), record


def _replace(target: str | Path, data: bytes) -> None:
    """Write ``data`` as a new file renamed over ``target``: a reader of the
    folder (Pagefind) sees the old file or the new one, never half of it."""
    tmp = f"{target}.{os.getpid()}.tmp"
    with open(tmp, "wb") as handle:
        handle.write(data)
    os.replace(tmp, target)


def _copy_digest(copy: bytes) -> str:
    """What the language keys are made of: the guess's copies and the real
    ones must be hashed alike."""
    return hashlib.blake2b(copy, digest_size=16).hexdigest()


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def index_copies(
    output: Path, cache: Path, facts: PageFacts, names: list[str] | None = None,
    bodies: dict[str, Body] | None = None, swap: frozenset[str] = frozenset(),
) -> dict[str, str]:  # fmt: skip
    """Bring ``cache/pages`` in line with the built site: the index copy of each
    page with a body, by output name; return ``{name: digest of the copy}``.

    A page whose render key did not change keeps the copy made from it before.
    ``bodies``: the item pages' bodies (:data:`Body`), so that where each
    sits in its copy is kept for the next build's guess (:data:`BODIES_FILE`).
    ``swap``: languages whose copies are replaced, never written through.
    """
    pages = cache / "pages"
    bodies = bodies or {}
    copies: dict[str, str] = {}
    tasks: list[tuple[str, str, _Hashed | None, bool]] = []
    todo: list[str] = []
    known_bodies = load_json(str(cache / BODIES_FILE))
    kept_bodies: dict[str, list[Any]] = {}
    for name in built_pages(str(output), names, skip={BUNDLE_DIR}):
        found, digest = facts.known(name)
        if found and (digest is None or (pages / name).is_file()):
            if digest is not None:
                copies[name] = digest
                if name in known_bodies:
                    kept_bodies[name] = known_bodies[name]
            continue
        todo.append(name)
        body = bodies.get(name)
        # the workers need the body's HTML and digests, not the texts
        item = None if body is None else (body[0], body[1], _digest(body[3]), _digest(body[2]))
        tasks.append((str(output / name), str(pages / name), item, _language(name) in swap))
    if todo:
        # the copies of these pages are about to be written over: the facts on
        # disk must stop vouching for them first, or a build killed before the
        # save below would leave a new copy under its page's old key
        facts.save_without(todo)
    for name, (digest, record) in zip(todo, map_forked(_fold_one, tasks)):
        facts.put(name, digest)
        if digest is not None:
            copies[name] = digest
            if record is not None:
                kept_bodies[name] = record
    for name in facts.forgotten():
        path = pages / name
        if os.path.lexists(path):
            path.unlink()
    # the copies changed: say so now; if Pagefind then fails and the edit is
    # undone, a copy must not pass for the page it was made from before
    facts.save()
    if todo or len(kept_bodies) != len(known_bodies):
        save_json(str(cache / BODIES_FILE), kept_bodies)
    return copies


def _language(name: str) -> str:
    """The language folder of an output name ("" for a page at the top)."""
    return name.split("/", 1)[0] if "/" in name else ""


def _language_key(names: list[str], copies: dict[str, str]) -> str:
    """Changes with the copies, the Pagefind release and this code (how a bundle is made)."""
    h = hashlib.blake2b(digest_size=16)
    h.update(importlib.metadata.version("pagefind-bin").encode())
    for module in (__file__, _pagefind.__file__):
        with open(module, "rb") as handle:
            h.update(handle.read())
    for name in names:
        h.update(f"\0{name}\0{copies[name]}".encode())
    return h.hexdigest()


def _merge(bundles: list[Path], target: Path) -> None:
    """One bundle of the languages' bundles: their files side by side, one entry file.

    ``target`` is a new folder (see :func:`start_index`).

    Pagefind names every index file by language and digest, and writes the
    same scripts and the same ``wasm.unknown`` into each bundle.
    """
    entry: dict[str, Any] = {}
    languages: dict[str, Any] = {}
    placed: set[str] = set()  # 6,000 files at 6,000 documents: no stat for each
    for bundle in bundles:
        own = json.loads((bundle / _pagefind.ENTRY).read_text(encoding="utf-8"))
        clash = set(own["languages"]) & set(languages)
        if clash:
            raise SearchIndexError(f"pages of language {sorted(clash)} sit in more than one language folder")
        languages.update(own["languages"])
        entry = entry or own
        for root, _dirs, files in os.walk(bundle):
            folder = os.path.join(str(target), os.path.relpath(root, bundle))
            os.makedirs(folder, exist_ok=True)
            for name in files:
                out = os.path.join(folder, name)
                if name == _pagefind.ENTRY or out in placed:  # the same scripts are in each bundle
                    continue
                placed.add(out)
                try:
                    os.link(os.path.join(root, name), out)
                except OSError:
                    shutil.copyfile(os.path.join(root, name), out)
    entry["languages"] = {lang: languages[lang] for lang in sorted(languages)}
    (target / _pagefind.ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


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
        shutil.rmtree(cache / "pages", ignore_errors=True)  # copies of unknown origin
    copies = index_copies(output, cache, facts, names, bodies, frozenset(guess.runs) if guess else frozenset())
    groups: dict[str, list[str]] = {}
    for name in sorted(copies):
        groups.setdefault(_language(name), []).append(name)
    bundles = {lang: cache / f"bundle-{lang or 'root'}" for lang in groups}
    stale = {}
    for lang, pages in groups.items():
        key = _language_key(pages, copies)
        stamp = bundles[lang].with_suffix(".key")
        if not (stamp.is_file() and stamp.read_text(encoding="utf-8") == key and bundles[lang].is_dir()):
            stamp.unlink(missing_ok=True)
            stale[lang] = key
    taken = guess.take(stale) if guess else {}
    running = [*taken.values(), *_start_languages(cache / "pages", {l: bundles[l] for l in stale if l not in taken})]

    def finish() -> int:
        _wait(running)
        for lang, key in stale.items():
            bundles[lang].with_suffix(".key").write_text(key, encoding="utf-8")
        try:
            _merge([bundles[lang] for lang in sorted(groups)], bundle)
        except (SearchIndexError, OSError, ValueError, KeyError) as exc:
            logger.debug("search: one index for all languages (%s)", exc)
            shutil.rmtree(bundle, ignore_errors=True)
            _run_pagefind(cache / "pages", bundle)
        logger.debug("search: indexed again: %s", ", ".join(sorted(stale)) or "nothing")
        return len(copies)

    finish.busy = bool(running)  # type: ignore[attr-defined] # Pagefind is at work: finish() must be called
    return finish


# --- starting early, on a guess --------------------------------------------------


@dataclass
class Guess:
    """Pagefind runs started on guessed copies (:func:`_guess`), by language,
    with the language key each indexes."""

    cache: Path
    keys: dict[str, str] = field(default_factory=dict)
    runs: dict[str, _Run] = field(default_factory=dict)

    def take(self, stale: dict[str, str]) -> dict[str, _Run]:
        """The runs that index exactly what this build needs (same language
        key); every other run is stopped."""
        taken = {lang: run for lang, run in self.runs.items() if stale.get(lang) == self.keys[lang]}
        for lang, run in self.runs.items():
            if lang not in taken:
                _stop(run)
        if self.runs:
            # the folder in the line: Pelican's log filter drops a line it has seen
            verdict = "right" if len(taken) == len(self.runs) else "wrong"
            logger.debug("search: the early guess for %s was %s", self.cache, verdict)
        self.runs = {}
        return taken

    def drop(self) -> None:
        self.take({})


#: The most item bodies a guess takes in: it is made on the core that reads the site.
GUESS_LIMIT = 50


#: What a guess is made from: the last build's body records (:data:`BODIES_FILE`)
#: and page facts give the edited items' new bodies, converted, by output
#: name, or raise :class:`_NoGuess`.
_Edited = Callable[[dict[str, Any], dict[str, Any]], dict[str, str]]


def _guess(cache: Path, edited: _Edited, made_from: str) -> Guess | None:
    """Start Pagefind on the copies this build will make, guessed before a page is rendered.

    Usually an edit changes an item's body and nothing else, and then the
    copy of the item's page changes only where the body sits
    (:data:`BODIES_FILE`). For each item whose Markdown body changed and
    whose front matter did not (``edited``: :func:`_edited_files` from the
    files the scan found changed, or :func:`_edited_entries` from the loaded
    tree), the body is converted, the copy is guessed (the last copy, with
    the new body folded in its place) and written, and Pagefind starts on
    its language on the other core, while the build reads the site.
    :meth:`Guess.take` keeps a run only if the real copies give its
    language key, that is, the same pages with the same bytes. ``made_from``
    names what the guess was made from, in the log.
    """
    records = load_json(str(cache / BODIES_FILE))
    known = PageFacts(str(cache / "pages.json"), {})
    facts = known.previous
    try:
        changed = edited(records, facts)
    except (_NoGuess, TypeError, ValueError):  # or a record of another shape
        return None
    if not changed:
        return None
    guessed: dict[str, str] = {}
    copies = {n: fact[1] for n, fact in facts.items() if isinstance(fact, list) and len(fact) == 2 and fact[1]}
    texts: dict[str, bytes] = {}
    for name, new in changed.items():
        _path, _body, _front, start, end = records[name]
        try:
            old = (cache / "pages" / name).read_text(encoding="utf-8")
        except (OSError, ValueError):
            return None
        if name not in copies or not 0 <= start <= end <= len(old):
            return None
        texts[name] = (old[:start] + _fold_body(new) + old[end:]).encode("utf-8")
        copies[name] = guessed[name] = _copy_digest(texts[name])
    guess = Guess(cache)
    for lang in sorted({_language(name) for name in guessed}):
        bundle = cache / f"bundle-{lang or 'root'}"
        if bundle.is_dir():
            guess.keys[lang] = _language_key(sorted(n for n in copies if _language(n) == lang), copies)
    if not guess.keys:
        return None
    # the facts must stop vouching for the pages whose copies are replaced
    known.save_without(guessed)
    for name, text in texts.items():
        _replace(cache / "pages" / name, text)
    # the build goes on reading the site on one core: leave it that core
    threads = max(1, cores() - 1)
    for lang in guess.keys:
        bundle = cache / f"bundle-{lang or 'root'}"
        bundle.with_suffix(".key").unlink(missing_ok=True)
        guess.runs[lang] = _start(cache / "pages", bundle, f"{lang}/**/*.html" if lang else "*.html", threads)
    logger.debug("search: %d copies guessed for %s from %s; Pagefind started early on %s",
                 len(guessed), cache, made_from, ", ".join(guess.keys))  # fmt: skip
    return guess


class _NoGuess(Exception):
    """The build will differ in more than the bodies of a few items."""


def _edited_body(record: Any, front: str, body: str, convert: Callable[[str], str]) -> str | None:
    """The HTML of an item's new body; None if it is the recorded one."""
    _path, body_digest, front_digest, _start, _end = record
    if _digest(body) == body_digest:
        return None
    if _digest(front) != front_digest:
        raise _NoGuess
    return convert(body)


def _add(changed: dict[str, str], name: str, html: str | None) -> None:
    if html is not None:
        changed[name] = html
        if len(changed) > GUESS_LIMIT:
            raise _NoGuess


def _edited_files(root: str, paths: set[str], convert: Callable[[str, str], str]) -> _Edited:
    """The edited bodies among the content files ``paths`` (relative to
    ``root``), read from disk: each must be the source of an item page."""

    def edited(records: dict[str, Any], facts: dict[str, Any]) -> dict[str, str]:
        if len(paths) > GUESS_LIMIT:
            raise _NoGuess
        by_source = {record[0]: name for name, record in records.items()}
        changed: dict[str, str] = {}
        for path in sorted(paths):
            name, found = by_source.get(path), INDEX_FILE.match(os.path.basename(path))
            if name is None or name not in facts or found is None:
                raise _NoGuess  # new, gone or not an item's text
            try:
                with open(os.path.join(root, path), encoding="utf-8-sig") as handle:
                    split = split_source(handle.read())
            except (OSError, ValueError):
                raise _NoGuess from None
            if split is None:
                raise _NoGuess
            _add(changed, name, _edited_body(records[name], *split, lambda body: convert(body, found["lang"])))
        return changed

    return edited


def _edited_entries(sources: dict[str, Any], convert: Callable[[str, str], str]) -> _Edited:
    """The edited bodies among the loaded entries (``sources``, by source
    path): every recorded item must still be there and published."""

    def edited(records: dict[str, Any], facts: dict[str, Any]) -> dict[str, str]:
        changed: dict[str, str] = {}
        for name, record in records.items():
            entry = sources.get(record[0])
            if entry is None or entry.held or name not in facts:
                raise _NoGuess  # gone, held back or unknown
            source = entry.source
            _add(changed, name, _edited_body(record, source.front_matter, source.body,
                                             lambda body: convert(body, entry.lang)))  # fmt: skip
        return changed

    return edited


#: Builds under way, by their settings (a generator's ``settings`` is its Pelican's).
_building: weakref.WeakValueDictionary[int, Any] = weakref.WeakValueDictionary()
_GUESS = "_press_search_guess"
_SCAN_GUESS = "_press_search_scan_guess"


def guess_from_scan(pelican: Any, changed: set[str] | None) -> None:
    """As soon as press.uptodate has found which content files changed,
    before the tree is loaded: when they are the texts of published items."""
    _drop_guess(pelican, _SCAN_GUESS)  # left by a run that failed before it read the site
    if not changed or load(pelican.settings).preview:
        return
    edited = _edited_files(pelican.settings["PATH"], changed, Converter(pelican.settings).convert)
    setattr(pelican, _SCAN_GUESS, _guess(Path(render.derived_cache(pelican, "search")), edited, "the scan"))


def guess_early(generator: Any, index: Any) -> None:
    """As soon as press.content has loaded and checked the site, unless the
    scan's guess (:func:`guess_from_scan`) was made."""
    pelican = _building.get(id(generator.settings))
    if pelican is None or getattr(pelican, _GUESS, None) is not None or load(generator.settings).preview:
        return
    sources = {e.source.path: e for b in index.bundles.values() if b.kind != "project" for e in b.entries.values()}
    edited = _edited_entries(sources, Converter(generator.settings).convert)
    setattr(pelican, _GUESS, _guess(Path(render.derived_cache(pelican, "search")), edited, "the loaded site"))


def _drop_guess(pelican: Any, name: str) -> None:
    guess = getattr(pelican, name, None)
    setattr(pelican, name, None)
    if guess is not None:
        guess.drop()


def _take_guess(pelican: Any) -> Guess | None:
    guess = getattr(pelican, _GUESS, None)
    setattr(pelican, _GUESS, None)
    return guess


def _bodies(shown: dict[str, Any]) -> dict[str, Body]:
    """The body of each item page (:data:`Body`), by output name."""
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
    """As soon as the item and static pages are written (press.render), before
    the listings and feeds: only they have a ``data-pagefind-body``."""
    cache = Path(render.derived_cache(pelican, "search"))
    started = start_index(Path(pelican.output_path), cache, keys, names, _bodies(shown), _take_guess(pelican))
    setattr(pelican, _STARTED, started)


def index_site(pelican: Any) -> None:
    started = getattr(pelican, _STARTED, None)
    setattr(pelican, _STARTED, None)
    guess = _take_guess(pelican)  # left only if no item or page was written
    if load(pelican.settings).preview:
        return  # a preview shows held items; it is never indexed
    # no page changed, so no language's copies did, and unless a bundle was
    # missing from the cache, Pagefind was not started
    if not getattr(started, "busy", False) and render.link_from_live(pelican, [BUNDLE_DIR]):
        if guess is not None:
            guess.drop()
        logger.info("search: no page changed; the index of the last build is kept")
        return
    finish = started
    if finish is None:  # no item or page was written
        cache = Path(render.derived_cache(pelican, "search"))
        finish = start_index(Path(pelican.output_path), cache, render.page_keys(pelican), render.outputs(pelican),
                             guess=guess)  # fmt: skip

    def complete() -> None:
        logger.info("search: indexed %d pages into %s/", finish(), BUNDLE_DIR)

    # Pagefind works in its own processes while the sitemap is read; the site
    # goes live only with its index (press.atomic_output waits for it)
    atomic_output.before_swap(pelican, complete, writes=[BUNDLE_DIR])


def forget_started(pelican: Any) -> None:
    """A run that failed after Pagefind started leaves nothing for the next;
    this run's guess from the scan is the one to take."""
    setattr(pelican, _STARTED, None)
    _drop_guess(pelican, _GUESS)
    setattr(pelican, _GUESS, getattr(pelican, _SCAN_GUESS, None))
    setattr(pelican, _SCAN_GUESS, None)
    _building[id(pelican.settings)] = pelican


def register() -> None:
    when_building(guess_from_scan)
    render.when_content_written(start_early)
    signals.get_generators.connect(forget_started)
    when_site_loaded(guess_early)
    signals.all_generators_finalized.connect(add_views)
    signals.finalized.connect(index_site)
