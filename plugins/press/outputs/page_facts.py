"""Facts derived from built pages, kept while each page's render key holds.

The sitemap and the search index are derived from the finished pages: what a
page's head declares, the text of its body. Deriving them again from 12,000
pages after a one-item edit costs more than rendering that item. A page
whose render key (:func:`page_keys`) is the same as when the
fact was derived has the same bytes — rendering is deterministic, and that
is what lets ``press.build.render`` reuse the page itself — so the fact still
holds. Pages without a key are always derived again.

The cache file holds only the pages of the last build, so it never grows
with deleted pages, and a corrupt or missing file only means deriving
everything again.

What the writer (press.build.render) tells of the pages, through the
:class:`press.state.BuildState`, is read here — :func:`page_keys`,
:func:`outputs`, :func:`link_from_live` — so that the outputs made from
finished pages import nothing of the build layer.
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Callable, Collection, Iterator
from typing import Any

from ..files import link_files
from ..state import of
from ..store import output_hash


def page_keys(pelican: Any) -> dict[str, str]:
    """This build's key of each page it wrote or reused, by output name.
    Pages without a key are absent: whatever is derived from them must be
    derived again."""
    return dict(of(pelican).page_keys or {})


def outputs(pelican: Any) -> list[str] | None:
    """Every file the generators wrote through the writer in this build (all
    the HTML pages, feeds …), rendered or reused; None before the pages are written."""
    found = of(pelican).outputs
    return None if found is None else list(found)


def manifest_path(settings: dict[str, Any], live: str) -> str:
    """press.build.render's manifest of the output folder ``live``: one per
    output folder, in Pelican's cache folder."""
    return os.path.join(settings.get("CACHE_PATH") or "cache", f"render-{output_hash(live)}.json")


def derived_cache(pelican: Any, name: str) -> str:
    """Where an output keeps what it derives from this output folder's pages
    (see :class:`PageFacts`): beside the render manifest, named after it."""
    live = of(pelican).final_output or pelican.output_path
    return f"{os.path.splitext(manifest_path(pelican.settings, live))[0]}-{name}"


def link_from_live(pelican: Any, patterns: list[str]) -> bool:
    """For an output derived from the finished pages (search index,
    sitemap): when no page changed, link its previous files into the new
    site instead of deriving them again. Returns False when it must derive them."""
    state = of(pelican)
    live = state.final_output
    if not live or not state.site_unchanged:
        return False
    matched = sorted({p for pattern in patterns for p in glob.glob(os.path.join(live, pattern))})
    if not matched:
        return False
    names = []
    for path in matched:
        if os.path.isdir(path):
            for root, _dirs, files in os.walk(path):
                names += [os.path.relpath(os.path.join(root, f), live) for f in files]
        else:
            names.append(os.path.relpath(path, live))
    return link_files(live, pelican.output_path, names)


class PageFacts:
    """``{output name: fact}`` with reuse by render key; facts are JSON values."""

    def __init__(self, path: str, keys: dict[str, str]):
        self.path = path
        self.keys = keys
        self.previous = load_json(path)
        self.current: dict[str, list[Any]] = {}
        self.derived = 0

    def known(self, name: str) -> tuple[bool, Any]:
        """(True, fact) when the fact of ``name`` can be reused as it is."""
        key = self.keys.get(name)
        old = self.previous.get(name)
        if key and isinstance(old, list) and len(old) == 2 and old[0] == key:
            self.current[name] = old
            return True, old[1]
        return False, None

    def put(self, name: str, fact: Any) -> None:
        key = self.keys.get(name)
        self.derived += 1
        if key:
            self.current[name] = [key, fact]

    def get(self, name: str, derive: Callable[[], Any]) -> Any:
        found, fact = self.known(name)
        if not found:
            fact = derive()
            self.put(name, fact)
        return fact

    def forgotten(self) -> list[str]:
        """Names the previous build had and this one did not ask about."""
        return sorted(set(self.previous) - set(self.current))

    def save(self) -> None:
        self._write(self.current)

    def save_without(self, names: Collection[str]) -> None:
        """Save the previous build's facts but those of ``names``: before what
        they describe is replaced. A build killed then leaves facts that
        vouch for nothing new, and still name the pages this build forgets,
        so that the next one forgets them too."""
        gone = set(names)
        self._write({name: fact for name, fact in self.previous.items() if name not in gone})

    def _write(self, facts: dict[str, Any]) -> None:
        save_json(self.path, facts)


def built_pages(output: str, names: list[str] | None, skip: Collection[str] = ()) -> Iterator[str]:
    """Output names of the HTML pages, ``ru/news/x/index.html``, outside the
    top-level folders ``skip``. ``names``: what the build wrote
    (:func:`outputs`), so that 12,000 folders need not be
    listed again; without them the folder is walked."""
    if names is not None:
        yield from (n for n in names if n.endswith(".html") and n.split("/", 1)[0] not in skip)
        return
    for root, dirs, files in os.walk(output):
        if root == str(output):
            dirs[:] = [d for d in dirs if d not in skip]
        rel = os.path.relpath(root, output).replace(os.sep, "/")
        for name in files:
            if name.endswith(".html"):
                yield name if rel == "." else f"{rel}/{name}"


def save_json(path: str, data: dict[str, Any]) -> None:
    """Write ``data`` to ``path`` whole or not at all (a new file renamed into place)."""
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(data, ensure_ascii=False, sort_keys=True))
    os.replace(tmp, path)


def load_json(path: str) -> dict[str, Any]:
    """The JSON object in ``path``; empty if the file is missing or not one."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
