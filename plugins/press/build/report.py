"""Text blocks that ``make check`` and the build summary both print.

Tables per section and language, the items held back with their release
times, and the next embargo lift, in the press officer's language (``say``,
see :mod:`press.messages`). Plain text, no colours: the same lines read well
in a terminal, a cron e-mail and a CI log.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping

from ..content.links import held_reason, when
from ..messages import Messages
from ..store import output_hash
from ..content.loader import SiteIndex

Say = Callable[..., str]


def table(header: list[str], rows: list[list[str]], indent: str = "  ") -> list[str]:
    """Columns: the first left-aligned, the others right-aligned."""
    cells = [[str(c) for c in row] for row in [header, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    return [
        (indent + "  ".join([row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:])])).rstrip()
        for row in cells
    ]


def section_table(say: Say, counts: Mapping[str, Mapping[str, int]], languages: tuple[str, ...],
                  totals: Mapping[str, int] | None = None) -> list[str]:  # fmt: skip
    """One row per section that has something, one column per language."""
    header = [say("section")] + ([say("total")] if totals is not None else []) + list(languages)
    rows = []
    for row, per_lang in counts.items():
        total = totals.get(row, 0) if totals is not None else sum(per_lang.values())
        if total:
            rows.append([row] + ([str(total)] if totals is not None else []) + [str(per_lang.get(l, 0)) for l in languages])
    if not rows:
        return ["  " + say("(nothing)")]
    return table(header, rows)


def held_lines(index: SiteIndex, say: Messages) -> list[str]:
    """A heading and one line per held file, or nothing."""
    held = index.held()
    if not held:
        return []
    lines = [say("Held back ({count}):", count=len(held))]
    lines += [f"  {e.source.path}: {say.text(held_reason(e, index.settings))}" for e in held]
    return lines


def held_record_path(cache_path: str, output: str) -> str:
    """Where a build leaves the list of what it held back from ``output``:
    in the cache folder, never in the site itself."""
    return os.path.join(cache_path or "cache", f"held-{output_hash(os.path.abspath(output))}.json")


def held_record(index: SiteIndex) -> dict[str, object]:
    """What a build held back, as ``make deploy`` checks the built site
    against it (press.cli.deploy): each held version's source, title and the
    address it would have; the folders of bundles with nothing published,
    whose files (``media/<folder>/``) must not be online either."""
    press = index.settings
    published_titles = {
        str(e.meta.get("title") or "") for b in index.bundles.values() for e in b.published().values()
    }
    entries = []
    for bundle in sorted(index.bundles.values(), key=lambda b: b.key):
        for lang, entry in sorted(bundle.entries.items()):
            if not entry.held or bundle.kind == "project":
                continue
            path = f"{lang}/{bundle.section}/{bundle.slug}/" if bundle.kind == "item" else f"{lang}/{bundle.slug}/"
            title = str(entry.meta.get("title") or "")
            entries.append({
                "source": entry.source.path, "lang": lang, "why": entry.held, "path": path,
                # a published version with the same title would match every page that lists it
                "title": "" if title in published_titles else title,
            })  # fmt: skip
    folders = sorted(b.key for b in index.bundles.values() if b.entries and not b.published())
    return {"build_time": index.build_time.isoformat(), "preview": press.preview, "held": entries,
            "held_folders": folders}  # fmt: skip


def embargo_line(index: SiteIndex, say: Say) -> str | None:
    """When the next embargo lifts, and that only a rebuild after it publishes it."""
    lift = index.next_embargo_lift()
    if lift is None:
        return None
    return say("Next embargo lift: {time}; the item appears with the first build after that time.",
               time=when(lift, index.settings))  # fmt: skip
