"""Rendering pages on every core, and only the pages whose inputs changed.

Hooks:

* ``get_writer`` — gives Pelican a :class:`DeferredWriter`: the generators'
  ``write_file`` calls are recorded as jobs instead of rendered one by one
  (Pelican renders and writes every page in one process).
* ``finalized`` — runs the jobs. ``press.build.render`` is listed right after
  ``press.build.config`` so this runs before the plugins that read the finished
  site (search, sitemaps) and before ``press.build.atomic_output`` swaps it in.
  The item and static pages go first; then the hooks registered with
  :func:`when_content_written` start (the search index), and work beside
  the listings and feeds.

Each job gets a key: a hash of everything its page shows — the template
files, the catalogs, the settings, the site-wide navigation, and the content
of the items on the page (:func:`press.outputs.page_keys.page_key`: the
writer itself knows nothing of what a template shows). A job whose key matches the
previous build's manifest, with the previous page still in the live output,
is linked from there instead of rendered; the others are split across
processes forked from this one (they share the whole in-memory site,
copy-on-write) and rendered in parallel. Any failure in any process fails the
build, and the previous output stays as it is (see ``press.build.atomic_output``).

The manifest (``<CACHE_PATH>/render-<output hash>.json``) maps each output
page to its key, size and mtime. A page is reused only when its key matches
and the live file still has the recorded size and mtime (renaming the
staging folder into place keeps both), so an interrupted build or a swap
that never happened can at worst cause pages to be rendered again, never a
stale page to be kept.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pelican.writers import Writer

from . import atomic_output
from ..log import logger
from ..outputs.page_facts import load_json, manifest_path, save_json
from ..outputs.page_keys import page_key, site_key
from ..parallel import map_forked
from ..settings import load
from ..state import of
from ..store import output_hash
from ..files import link_files, remove_from



@dataclass
class Job:
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    outputs: list[str] = field(default_factory=list)  # output names this job writes
    key: str = ""
    produce: Callable[[], bytes] | None = None  # a generated file (feed, OPML) instead of a template
    content_key: str = ""  # what the generated file is made of, see DeferredWriter.write_generated
    page: int | None = None  # one page (0-based) of a paginated listing, see _split_pages
    page_count: int = 0
    page_items: list[Any] = field(default_factory=list)


class DeferredWriter(Writer):
    """Records ``write_file`` calls; :func:`flush` renders them."""

    pelican: Any = None  # set on the subclass made per Pelican instance

    def __init__(self, output_path: str, settings: dict[str, Any] | None = None):
        super().__init__(output_path, settings=settings)
        self.jobs: list[Job] = []
        if self.pelican is not None:
            of(self.pelican).writer = self

    def write_file(self, name: Any, template: Any, context: dict[str, Any], *args: Any, **kwargs: Any) -> None:
        if not name:
            return
        self.jobs.append(Job((name, template, context, *args), kwargs))

    def write_generated(self, name: str, produce: Callable[[], bytes], content_key: str) -> None:
        """A file made by ``produce()`` (a feed, an OPML list) from what
        ``content_key`` names: produced in parallel, or reused when unchanged."""
        self.jobs.append(Job((name,), {}, outputs=[name], produce=produce, content_key=content_key))

    def render(self, job: Job) -> None:
        # A page reused from the live site is a hard link: never write through it.
        for name in job.outputs:
            path = os.path.join(self.output_path, name)
            if os.path.lexists(path):
                os.unlink(path)
        if job.produce is not None:
            path = os.path.join(self.output_path, job.outputs[0])
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(job.produce())
            return
        if job.page is not None:
            self._render_page(job)
            return
        Writer.write_file(self, *job.args, **job.kwargs)

    def _render_page(self, job: Job) -> None:
        """One page of a paginated listing, with the context Pelican's
        ``Writer.write_file`` gives each page of the whole listing."""
        name, template, context = job.args
        kwargs = dict(job.kwargs)
        paginated = kwargs.pop("paginated")
        url = kwargs.pop("url", None)
        del kwargs["template_name"]
        number = job.page or 0
        for key, values in paginated.items():
            paginator = _paginator(self.settings, name, url, values, job.kwargs["template_name"])
            kwargs[f"{key}_paginator"] = paginator
            kwargs[f"{key}_page"] = page = paginator.page(number + 1)
            kwargs[f"{key}_previous_page"] = paginator.page(number) if number > 0 else None
            kwargs[f"{key}_next_page"] = paginator.page(number + 2) if number + 1 < paginator.num_pages else None
        Writer.write_file(self, page.save_as, template, context, paginated={}, template_name=None, **kwargs)


def get_writer(pelican: Any) -> type[Writer] | None:
    """The deferred writer; on the plain path (``PRESS_INCREMENTAL = False``)
    none, so that Pelican renders with its own writer, page after page."""
    if not load(pelican.settings).incremental:
        return None
    return type("DeferredWriter", (DeferredWriter,), {"pelican": pelican})


# --- keys --------------------------------------------------------------------

# --- running the jobs ----------------------------------------------------------




OUTPUTS_FILE = "outputs.json"
#: Cache files of output folders that no build has recorded are removed
#: after this many days (they were written before outputs.json existed).
UNRECORDED_DAYS = 30


def forget_gone_outputs(cache: str, live: str, clock: float) -> list[str]:
    """Record ``live`` in ``cache/outputs.json``, and remove the cache files
    of output folders that no longer exist; return the folders forgotten.

    Each output folder keeps a manifest, search copies and sitemap facts in
    the cache: tens of megabytes for a large site. A folder built once (a
    test, a publish to another place) would keep them for good.
    """
    path = os.path.join(cache, OUTPUTS_FILE)
    recorded = load_json(path)
    recorded[output_hash(live)] = live
    gone = {h: folder for h, folder in recorded.items() if not os.path.isdir(folder) and folder != live}
    for name in os.listdir(cache):
        match = _OUTPUT_FILE.match(name)
        if not match:
            continue
        known = match["hash"] in recorded
        old = clock - os.lstat(os.path.join(cache, name)).st_mtime > UNRECORDED_DAYS * 86400
        if match["hash"] in gone or (not known and old):
            target = os.path.join(cache, name)
            if os.path.isdir(target) and not os.path.islink(target):
                shutil.rmtree(target, ignore_errors=True)
            else:
                os.unlink(target)
    for h in gone:
        del recorded[h]
    save_json(path, recorded)
    return sorted(gone.values())


_OUTPUT_FILE = re.compile(r"^(?:render|uptodate)-(?P<hash>[0-9a-f]{16})(?:\.json|-.+)$")


def _paginator(settings: dict[str, Any], name: str, url: str | None, values: list[Any], template: str = "listing") -> Any:
    from pelican.paginator import Paginator

    per_page = settings["PAGINATED_TEMPLATES"][template] or settings["DEFAULT_PAGINATION"]
    return Paginator(name, url, values, settings, per_page)


def _split_pages(job: Job, writer: DeferredWriter) -> list[Job]:
    """A paginated listing as one job per page, so that an edit re-renders
    the pages that show the edited item, not all two hundred of them.

    Only our listings (``listing`` template, keyword arguments) are split;
    a paginated call this module does not know is written whole.
    """
    if job.produce is not None:
        job.outputs = list(job.outputs)
        return [job]
    name, kwargs = job.args[0], job.kwargs
    paginated = kwargs.get("paginated")
    if not (paginated and kwargs.get("template_name") in writer.settings["PAGINATED_TEMPLATES"]):
        job.outputs = [name]
        return [job]
    values = next(iter(paginated.values()))
    paginator = _paginator(writer.settings, name, kwargs.get("url"), values, kwargs["template_name"])
    if not (len(job.args) == 3 and len(paginated) == 1 and "view" in kwargs):
        job.outputs = [paginator.page(n).save_as for n in range(1, paginator.num_pages + 1)]
        return [job]  # written whole, with no key (see page_key)
    return [
        Job(job.args, kwargs, outputs=[paginator.page(n + 1).save_as], page=n,
            page_count=paginator.num_pages, page_items=list(paginator.page(n + 1).object_list))
        for n in range(paginator.num_pages)
    ]  # fmt: skip


def _same(recorded: Any, key: str, live_path: str) -> bool:
    """The live page is the one the manifest describes, rendered from ``key``.

    Renaming the staging folder into place keeps sizes and mtimes, so a live
    file that does not match them was not produced by the recorded build
    (an interrupted swap, a hand edit): it is rendered again.
    """
    if not isinstance(recorded, list) or len(recorded) != 3 or recorded[0] != key:
        return False
    try:
        stat = os.stat(live_path)
    except OSError:
        return False
    return [stat.st_size, stat.st_mtime_ns] == recorded[1:]


def _run_parallel(writer: DeferredWriter, jobs: list[Job]) -> None:
    """Render ``jobs`` on every core, at least 50 pages per process."""
    map_forked(writer.render, jobs, per_worker=50)


def flush(pelican: Any) -> None:
    state = of(pelican)
    writer: DeferredWriter | None = state.writer
    if writer is None or not writer.jobs:
        _drop_unwritten(pelican, set())
        return
    from ..site.reader import CONTEXT_KEY

    jobs = [page for job in writer.jobs for page in _split_pages(job, writer)]
    writer.jobs = []
    context = next(j.args[2] for j in jobs if j.produce is None)
    index = context.get(CONTEXT_KEY)
    press = load(pelican.settings)
    live = state.final_output  # set by press.build.atomic_output
    staging = pelican.output_path
    manifest_file = manifest_path(pelican.settings, live or staging)
    previous = load_json(manifest_file) if live else {}
    previous_site = previous.get("site")
    skey = site_key(pelican, context)
    memo: dict[Any, Any] = {}
    todo: list[Job] = []
    reused = 0
    manifest: dict[str, str] = {}
    kept = atomic_output.recycled(pelican, pages_of_live_site)
    linked: set[str] = set()  # pages that are the live site's files
    _drop_unwritten(pelican, {name for job in jobs for name in job.outputs})
    started = time.perf_counter()
    # Item and static pages first: the search index is made from them alone,
    # and Pagefind then works while the listings and feeds are done.
    content = [j for j in jobs if _is_content(j)]
    for group in (content, [j for j in jobs if not _is_content(j)]):
        changed = []
        for job in group:
            job.key = page_key(job, skey, index, memo) if index is not None else ""
            unchanged = job.key and previous_site == skey and all(
                _same(previous.get("pages", {}).get(n), job.key, os.path.join(live, n)) for n in job.outputs
            )
            if unchanged and link_files(live, staging, job.outputs, kept):
                reused += len(job.outputs)
                linked.update(job.outputs)
            else:
                changed.append(job)
            if job.key:
                manifest.update({n: job.key for n in job.outputs})
        _run_parallel(writer, changed)
        todo += changed
        if group is content and not press.preview:
            names = [n for job in content for n in job.outputs]
            shown = {n: job.kwargs.get("article") or job.kwargs.get("page") for job in content for n in job.outputs}
            for hook in _content_hooks:
                hook(pelican, names, {n: manifest[n] for n in names if n in manifest}, shown)
    same_pages = set(manifest) == set(previous.get("pages", {})) if previous_site == skey else False
    state.site_unchanged = bool(live) and not todo and same_pages
    state.page_keys = {} if press.preview else manifest
    state.outputs = sorted({name for job in jobs for name in job.outputs})
    # make serve: press.build.preview renders a saved item at once from these (see there)
    state.last_jobs = jobs if press.preview else None
    # the time also keeps Pelican's log filter from dropping a repeated line
    logger.info("rendered %d pages, reused %d unchanged in %.3f s", sum(len(j.outputs) for j in todo), reused,
                time.perf_counter() - started)  # fmt: skip
    if live:
        pages = {}
        recorded = previous.get("pages", {})
        for name, key in manifest.items():
            if name in linked:  # a link to the live file, whose size and mtime _same() just checked
                pages[name] = recorded[name]
                continue
            stat = os.stat(os.path.join(staging, name))
            pages[name] = [key, stat.st_size, stat.st_mtime_ns]
        save_json(manifest_file, {"site": skey, "previous_site": previous_site, "pages": pages})
        forgotten = forget_gone_outputs(os.path.dirname(manifest_file), live, time.time())
        if forgotten:
            logger.info("render: cache files of output folders that are gone removed: %s", ", ".join(forgotten))


def _is_content(job: Job) -> bool:
    return job.produce is None and ("article" in job.kwargs or "page" in job.kwargs)


#: Called once the item and static pages are in the staging folder, with
#: their output names, keys and items (see :func:`when_content_written`).
ContentHook = Callable[[Any, list[str], dict[str, str], dict[str, Any]], None]
_content_hooks: list[ContentHook] = []


def when_content_written(hook: ContentHook) -> None:
    """Register ``hook(pelican, names, keys, shown)``, called as soon as every
    item and static page of a build is written or reused, before the listings
    and feeds: for work made from those pages alone (the search index).
    ``shown``: the article or page each output shows, by name. Not called in
    a preview build."""
    if hook not in _content_hooks:
        _content_hooks.append(hook)


def _drop_unwritten(pelican: Any, names: set[str]) -> None:
    """Remove the files a recycled staging folder kept for this module that
    this build does not write (an item that became a draft or moved), and
    the folders they leave empty."""
    kept = atomic_output.recycled(pelican, pages_of_live_site)
    for name in kept - names:
        remove_from(pelican.output_path, name)
    atomic_output.forget_recycled(pelican, kept - names)


def pages_of_live_site(pelican: Any) -> set[str]:
    """What a recycled staging folder may keep for this module: the pages
    and feeds of the live site's manifest (press.build.atomic_output)."""
    live = of(pelican).final_output
    if not live:
        return set()
    recorded = load_json(manifest_path(pelican.settings, live))
    if recorded.get("site") != recorded.get("previous_site"):
        return set()  # every page was rendered anew for the live site: none is in the one before
    return set(recorded.get("pages", {}))


def content_jobs(pelican: Any) -> list[Job]:
    """The item and page jobs of the last preview build (empty otherwise)."""
    jobs = of(pelican).last_jobs or []
    return [j for j in jobs if _is_content(j)]


def listing_pages(pelican: Any) -> list[Job]:
    """The jobs of the last preview build that each render one page of a
    listing (:func:`_split_pages`), or a home page, with the items on it in
    ``page_items``."""
    jobs = of(pelican).last_jobs or []
    for job in jobs:
        if job.page is None and not job.page_items:
            job.page_items = _front_items(job)
    return [j for j in jobs if j.page is not None or j.page_items]


def _front_items(job: Job) -> list[Any]:
    """The items a home page shows (press.site.listings.front_page)."""
    view = job.kwargs.get("view")
    if view is None or view.kind != "home" or job.produce is not None:
        return []
    lead = view.extra.get("lead")
    return [*([lead] if lead is not None else []), *(i for _, items in view.extra.get("blocks", []) for i in items)]


def with_items_replaced(job: Job, replace: dict[int, Any]) -> Job:
    """``job`` (one listing page) with the items ``replace`` names by id swapped."""
    kwargs = dict(job.kwargs)
    if job.page is None:  # a home page: its lead and blocks
        view = kwargs["view"]
        extra = dict(view.extra)
        lead = extra.get("lead")
        extra["lead"] = replace.get(id(lead), lead)
        extra["blocks"] = [(s, [replace.get(id(i), i) for i in items]) for s, items in extra.get("blocks", [])]
        kwargs["view"] = dataclasses.replace(view, extra=extra)
        return Job(job.args, kwargs, outputs=list(job.outputs), page_items=[replace.get(id(i), i) for i in job.page_items])
    kwargs["paginated"] = {k: [replace.get(id(i), i) for i in v] for k, v in kwargs["paginated"].items()}
    return Job(job.args, kwargs, outputs=list(job.outputs), page=job.page, page_count=job.page_count,
               page_items=[replace.get(id(i), i) for i in job.page_items])  # fmt: skip


def forget_jobs(pelican: Any) -> None:
    """Let the last build's site go before the next one is built in memory."""
    of(pelican).last_jobs = None


def render_into(pelican: Any, job: Job, folder: str) -> None:
    """Render one job of the last build again, into ``folder``."""
    writer: DeferredWriter = of(pelican).writer
    kept = writer.output_path
    writer.output_path = folder
    try:
        writer.render(job)
    finally:
        writer.output_path = kept
