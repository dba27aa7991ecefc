"""«Related materials»: up to five items in the same language that share projects,
regions or tags, best matches first.

Hook: ``all_generators_finalized`` — after every item is read and before any
page is written, sets ``item.related`` on every published item.
pelican-neighbors and the related-posts plugins compare every pair of items
(quadratic in the size of the archive) and jump across languages. Here each
item only looks at the posting lists of its own keys, and in each list only
at the ``WINDOW`` items nearest to it in time, so the work grows linearly
with the number of items however many share a popular tag.

What is related depends only on each item's date, folder and keys, so the
choice is kept in the cache (``related`` in :func:`press.site.reader.cache_file`)
under a digest of those of all the items in the language: a build where
only bodies and titles changed reuses it (0.8 s at 6,000 documents).
"""

from __future__ import annotations

import bisect
import heapq
import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any


from ..store import Store
from .reader import cache_file
from .listings import published_items
from ..files import text_digest

LIMIT = 5
WINDOW = 40
WEIGHTS = {"project": 3, "region": 2, "tag": 1}


def _keys(item: Any) -> Iterable[tuple[str, str]]:
    for key in getattr(item, "projects", []) or []:
        yield ("project", key)
    for key in getattr(item, "regions", []) or []:
        yield ("region", key)
    for tag in getattr(item, "tags", []) or []:
        yield ("tag", tag.slug)


def related_items(items: list[Any], limit: int = LIMIT, window: int = WINDOW) -> dict[int, list[Any]]:
    """Map ``id(item)`` to its related items; ``items`` share one language."""
    ordered = sorted(items, key=lambda i: (i.date, i.bundle))
    position = {id(item): n for n, item in enumerate(ordered)}
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for n, item in enumerate(ordered):
        for key in set(_keys(item)):
            postings[key].append(n)
    result = {}
    for item in ordered:
        me = position[id(item)]
        scores: dict[int, int] = defaultdict(int)
        for key in set(_keys(item)):
            plist = postings[key]
            at = bisect.bisect_left(plist, me)
            for other in plist[max(0, at - window // 2): at + window // 2 + 1]:
                if other != me:
                    scores[other] += WEIGHTS[key[0]]
        # the highest scores, the newest first among equals
        best = heapq.nsmallest(limit, [(-score, -n) for n, score in scores.items()])
        result[id(item)] = [ordered[-n] for _, n in best]
    return result


def _digest(lang: str, items: list[Any]) -> str:
    """What the choice in ``lang`` is made of: every item's date, folder and keys."""
    facts = [
        (str(i.date), i.bundle, getattr(i, "projects", None) or [], getattr(i, "regions", None) or [],
         [t.slug for t in getattr(i, "tags", None) or []])
        for i in items
    ]  # fmt: skip
    return f"{lang}:{text_digest(json.dumps([lang, facts]))}"


def attach_related(generators: list[Any]) -> None:
    context = generators[0].context
    by_lang: dict[str, list[Any]] = defaultdict(list)
    for item in published_items(context):
        by_lang[item.lang].append(item)
    path = cache_file(generators[0].settings)
    store = Store(path, "related") if path else None
    try:
        digests = {lang: _digest(lang, items) for lang, items in by_lang.items()}
        known = store.get_many(digests.values()) if store else {}
        new = {}
        for lang, items in by_lang.items():
            digest = digests[lang]
            # the related items by position in ``items``
            chosen = json.loads(known[digest]) if isinstance(known.get(digest), str) else None
            if chosen is None or len(chosen) != len(items):
                related = related_items(items)
                where = {id(item): n for n, item in enumerate(items)}
                chosen = [[where[id(other)] for other in related[id(item)]] for item in items]
                new[digest] = json.dumps(chosen)
            for item, picks in zip(items, chosen):
                item.related = [items[n] for n in picks]
        if store and (new or set(known) != set(digests.values())):
            store.update(new, keep=digests.values())
    finally:
        if store:
            store.close()
