"""Digests of what pages and feeds show of the items: the keys that tell a
rebuild which files must be made again (press.build.render reuses a page
whose key is unchanged; press.outputs.feeds keys each feed file the same way).

An item's *card* is what a listing shows of it; a *bundle digest* covers
every file of its folder (any language's change may show on each page) and
where its links go. Both are memoised per build in a ``memo`` dict.
"""

from __future__ import annotations

import os
from typing import Any

from ..files import digest, hasher


def items_key(index: Any, items: list[Any], *extra: Any, memo: dict[Any, Any] | None = None) -> str:
    """A key for a file made of ``items`` (and ``extra``): changes with any of their files.

    Pass the same ``memo`` for many keys of one build: each bundle is read once.
    """
    memo = {} if memo is None else memo
    return digest(*extra, cards(items, index, memo))


def item_card(item: Any, index: Any, memo: dict[Any, Any]) -> str:
    """What a listing shows of an item (its photos included), as a digest.

    An item shows on a dozen listing pages and feeds: its card is hashed once
    per build. The memo holds the item too, so its id is not reused.
    """
    ident = ("card", id(item))
    if ident not in memo:
        memo[ident] = item, digest(
            bundle_digest(index, item.bundle, memo),
            item.bundle, item.lang, item.url, item.title, item.date, item.section,
            getattr(item, "description", ""), getattr(item, "cover", None), getattr(item, "held", ""),
            len(getattr(item, "gallery", None) or ()),
        )  # fmt: skip
        memo.setdefault("cards", {})[id(item)] = memo[ident][1]
    return memo[ident][1]


def cards(items: list[Any], index: Any, memo: dict[Any, Any]) -> list[str]:
    """The cards of ``items``: a listing's first page hashes every item of it,
    166,000 cards per build at 6,000 documents, so the known ones are looked up
    by id without a call (the memo keeps each item alive, see :func:`_item_card`)."""
    cards = memo.setdefault("cards", {})
    return [cards[id(i)] if id(i) in cards else item_card(i, index, memo) for i in items]


def canon(value: Any) -> Any:
    """A stable stand-in for listing extras (views of views, months, bodies)."""
    if isinstance(value, (list, tuple)):
        return [canon(v) for v in value]
    if hasattr(value, "kind") and hasattr(value, "items") and hasattr(value, "url"):
        return (value.kind, value.key, value.url, repr(value.title), len(value.items))
    if hasattr(value, "bundle") and hasattr(value, "url"):  # an item: its card is in the key already
        return ("item", value.url)
    return repr(value)


def bundle_digest(index: Any, bundle_key: str, memo: dict[Any, Any]) -> str:
    """Every file of the bundle: any language's change may show on each page."""
    if bundle_key not in memo:
        bundle = index.bundles.get(bundle_key)
        h = hasher()
        h.update(bundle_key.encode())
        if bundle is not None:
            # the loader already read every text: hash what this build used
            # (its bytes, not a repr: 6,000 texts per build)
            texts = {os.path.basename(f.abspath): (f.front_matter, f.body) for f in bundle.files.values()}
            for name in sorted(os.listdir(bundle.abspath)):
                path = os.path.join(bundle.abspath, name)
                if name in texts:
                    front, body = (t.encode() for t in texts[name])
                    h.update(f"\0{name}\0{len(front)}\0{len(body)}\0".encode())
                    h.update(front)
                    h.update(body)
                elif os.path.isfile(path):
                    stat = os.stat(path)
                    h.update(f"\0{name}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
            # where its links go: another item's embargo lifting changes them
            h.update(repr(sorted(index.links.get(bundle_key, {}).items())).encode())
        memo[bundle_key] = h.hexdigest()
    return memo[bundle_key]
