"""press.site.related: what is related, and the cached choice."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from press.site import related
from tests.conftest import snapshot_with_times


def item(n: int, lang: str = "ru", projects: tuple[str, ...] = (), regions: tuple[str, ...] = (), tags: tuple[str, ...] = ()) -> Any:
    return SimpleNamespace(
        date=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(days=n),
        bundle=f"news/2026-01-{n + 1:02d}-item-{n}",
        lang=lang,
        projects=list(projects),
        regions=list(regions),
        tags=[SimpleNamespace(slug=t) for t in tags],
        translations=[],
        title=f"item {n}",
    )


def generators(items: list[Any], cache: Path | None) -> list[Any]:
    settings = {"CACHE_PATH": str(cache) if cache else None, "PRESS_MARKDOWN_CACHE": cache is not None}
    return [SimpleNamespace(context={"articles": items}, settings=settings)]


def corpus() -> list[Any]:
    return [
        item(0, projects=("budgets",), regions=("osh",), tags=("forum",)),
        item(1, projects=("budgets",)),
        item(2, regions=("osh",)),
        item(3, tags=("forum",)),
        item(4, tags=("water",)),
        item(5, lang="en", projects=("budgets",), regions=("osh",), tags=("forum",)),
    ]


def test_the_best_matches_come_first_in_the_same_language() -> None:
    items = corpus()
    related.attach_related(generators(items, None))
    titles = [i.title for i in items[0].related]
    assert titles == ["item 1", "item 2", "item 3"]  # a project (3) before a region (2) before a tag (1)
    assert items[4].related == []  # nothing shared
    assert items[5].related == []  # the English item shares keys only across languages


def test_the_choice_is_kept_until_a_date_folder_or_key_changes(tmp_path: Path) -> None:
    first = corpus()
    related.attach_related(generators(first, tmp_path))
    cached = snapshot_with_times(tmp_path)

    again = corpus()
    again[1].title = "a new title"  # titles and bodies are not what related items are chosen by
    related.attach_related(generators(again, tmp_path))
    assert snapshot_with_times(tmp_path) == cached, "chosen again although nothing it depends on changed"
    assert [i.bundle for i in again[0].related] == [i.bundle for i in first[0].related]
    assert again[0].related[0] is again[1]  # this build's items, not the last one's

    changed = corpus()
    changed[3].tags = [SimpleNamespace(slug="water")]
    related.attach_related(generators(changed, tmp_path))
    assert [i.title for i in changed[0].related] == ["item 1", "item 2"]
    assert [i.title for i in changed[3].related] == ["item 4"]
