"""How a translation inherits what it does not set (the multilingual rules).

Facts are entered once: a language version inherits every field it lacks from
the bundle's other files, the default language first. Mappings merge key by
key; lists replace as a whole, except that each element of a translation's own
list (a gallery photo, a contact, a credit, an attachment) takes the facts and
words it lacks from the matching element of the source list: photos match by
file, the others by position. Words stay the translator's: ``title``,
``summary`` and ``tags`` are never inherited, and inherited words keep the
language they were written in (see :class:`press.content.model.Localized`).
``status`` comes only from the item's original (:func:`original`), so a
translation's own ``status: draft`` holds back nothing but that translation.

The functions work on normalised metadata dicts (see :mod:`press.content.fields`) and
know nothing of Pelican.
"""

from __future__ import annotations

from typing import Any

#: Fields a translation never takes from another language.
NOT_INHERITED = frozenset({"title", "summary", "tags"})

#: Fields a language version takes only from the item's original (see
#: :func:`original`), never from another translation: the ``status: draft``
#: that ``make translate`` writes holds back that translation alone.
FROM_ORIGINAL = frozenset({"status"})

#: List fields whose elements merge with the source's matching element,
#: and the key that matches them (None: by position).
ELEMENT_MATCH: dict[str, str | None] = {
    "gallery": "file",
    "contacts": None,
    "credits": None,
    "attachments": "file",
}


def original(files: dict[str, dict[str, Any]], order: list[str]) -> str | None:
    """The language of the item's original among ``files`` (normalised
    metadata by language): the first in ``order`` (the default language
    first) that has a ``date`` (``make translate`` copies none), else the
    first file."""
    present = [lang for lang in order if lang in files]
    dated = [lang for lang in present if files[lang].get("date") is not None]
    return next(iter(dated or present), None)


def merge(
    own: dict[str, Any], sources: list[dict[str, Any]], original: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Return ``own`` completed from ``sources`` (in priority order), and the
    :data:`FROM_ORIGINAL` fields from ``original`` (None for the original itself)."""
    merged = dict(own)
    for key in FROM_ORIGINAL - own.keys():
        if original is not None and key in original:
            merged[key] = original[key]
    for source in sources:
        for key, value in source.items():
            if key in NOT_INHERITED or key in FROM_ORIGINAL:
                continue
            if key not in merged:
                merged[key] = value
            elif isinstance(merged[key], dict) and isinstance(value, dict):
                merged[key] = {**value, **merged[key]}
    for key, match in ELEMENT_MATCH.items():
        if key in own and isinstance(own[key], list):
            source_list = next(
                (s[key] for s in sources if isinstance(s.get(key), list)), None
            )
            if source_list:
                merged[key] = _merge_elements(own[key], source_list, match)
    return merged


def _merge_elements(
    own: list[dict[str, Any]], source: list[dict[str, Any]], match: str | None
) -> list[dict[str, Any]]:
    if match is None:
        pairs = [(item, source[i] if i < len(source) else {}) for i, item in enumerate(own)]
    else:
        by_key = {s.get(match): s for s in source if isinstance(s, dict)}
        pairs = [(item, by_key.get(item.get(match), {})) for item in own]
    return [{**src, **item} for item, src in pairs]
