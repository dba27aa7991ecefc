"""press.outputs.search: the index per language, made again only where pages changed."""

from __future__ import annotations

import gzip
import json
import shutil
import time
from pathlib import Path

import pytest

from press.outputs import pagefind_run
from press.outputs import search_copies as copies
from press.outputs.search import SearchIndexError, build_index
from tests.conftest import snapshot
from tests.unit.outputs.test_search_copies import PAGE


def _fragments(bundle: Path) -> list[dict[str, object]]:
    found = []
    for path in sorted((bundle / "fragment").iterdir()):
        data = gzip.decompress(path.read_bytes())
        found.append(json.loads(data[data.index(b"{") :]))
    return found


def test_build_index_writes_a_bundle_per_language(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "ky" / "news" / "x").mkdir(parents=True)
    (site / "ky" / "news" / "x" / "index.html").write_text(PAGE, encoding="utf-8")
    (site / "ky" / "index.html").write_text("<!DOCTYPE html><html lang='ky'><body><h1>Башкы</h1></body></html>")
    assert build_index(site) == 1
    bundle = site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    assert entry["languages"]["ky"]["page_count"] == 1
    assert (bundle / "pagefind.js").is_file()
    assert not any((bundle / name).exists() for name in pagefind_run.UNUSED_FILES)
    (fragment,) = _fragments(bundle)
    assert fragment["url"] == "/ky/news/x/"
    assert fragment["meta"]["title"] == "Жаңылык"  # from og:title, not the folded h1
    assert fragment["filters"] == {"section": ["news"], "region": ["osh"]}
    assert "жаңгак жангак" in str(fragment["content"])
    # the published page itself is untouched
    assert (site / "ky" / "news" / "x" / "index.html").read_text(encoding="utf-8") == PAGE


def pagefind_fails(patch: pytest.MonkeyPatch) -> None:
    """A setting Pagefind cannot read in the environment (Pagefind takes its
    settings from PAGEFIND_* variables too): the real Pagefind then fails."""
    patch.setenv("PAGEFIND_VERBOSE", "maybe")


def test_a_failing_indexer_stops_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    pagefind_fails(monkeypatch)
    with pytest.raises(SearchIndexError, match="Pagefind failed"):
        build_index(tmp_path)


def _two_language_site(site: Path) -> None:
    for lang, word in (("ky", "Жаңылык"), ("ru", "Новость")):
        page = PAGE.replace('lang="ky"', f'lang="{lang}"').replace("Жаңылык", word)
        (site / lang / "news" / "x").mkdir(parents=True)
        (site / lang / "news" / "x" / "index.html").write_text(page, encoding="utf-8")


def _with_a_second_russian_page(site: Path, words: str = "жана айыл") -> tuple[Path, str, Path]:
    """:func:`_two_language_site` and a Russian page y like x (``words`` for
    its «жана айыл»); return x, x's text and y."""
    _two_language_site(site)
    ru = site / "ru" / "news" / "x" / "index.html"
    before = ru.read_text(encoding="utf-8")
    other = site / "ru" / "news" / "y" / "index.html"
    other.parent.mkdir(parents=True)
    other.write_text(before.replace("/ru/news/x/", "/ru/news/y/").replace("жана айыл", words), encoding="utf-8")
    return ru, before, other


def test_bundles_made_per_language_and_merged_equal_one_run_over_all(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _two_language_site(site)
    assert build_index(site, tmp_path / "cache") == 2
    merged = snapshot(site / "pagefind")
    one_run = tmp_path / "one-run"
    pagefind_run.run_pagefind(tmp_path / "cache" / "pages", one_run)
    assert merged == snapshot(one_run)


def test_only_the_language_whose_pages_changed_is_indexed_again(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    _two_language_site(site)
    keys = {f"{lang}/news/x/index.html": f"key-{lang}-1" for lang in ("ky", "ru")}
    names = sorted(keys)
    build_index(site, cache, keys, names)
    stamps = {lang: (cache / f"bundle-{lang}.key").stat().st_mtime_ns for lang in ("ky", "ru")}
    ru = site / "ru" / "news" / "x" / "index.html"
    ru.write_text(ru.read_text(encoding="utf-8").replace("жана айыл", "жана шаар"), encoding="utf-8")
    keys["ru/news/x/index.html"] = "key-ru-2"  # what press.build.render gives a changed page
    time.sleep(0.01)
    build_index(site, cache, keys, names)
    assert (cache / "bundle-ky.key").stat().st_mtime_ns == stamps["ky"]
    assert (cache / "bundle-ru.key").stat().st_mtime_ns != stamps["ru"]
    fragments = {f["url"]: f["content"] for f in _fragments(site / "pagefind")}
    assert "шаар" in fragments["/ru/news/x/"] and "айыл" in fragments["/ky/news/x/"]


def test_an_edit_undone_after_a_failed_index_is_indexed_as_it_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    _two_language_site(site)
    ru = site / "ru" / "news" / "x" / "index.html"
    before = ru.read_text(encoding="utf-8")
    keys = {f"{lang}/news/x/index.html": f"key-{lang}-1" for lang in ("ky", "ru")}
    names = sorted(keys)
    build_index(site, cache, keys, names)
    # an edit, and Pagefind fails on it: the build stops
    ru.write_text(before.replace("жана айыл", "жана шаар"), encoding="utf-8")
    with monkeypatch.context() as patch:
        pagefind_fails(patch)
        with pytest.raises(SearchIndexError):
            build_index(site, cache, {**keys, "ru/news/x/index.html": "key-ru-2"}, names)
    # the edit is undone: the page has its first key again, and the index its first text
    ru.write_text(before, encoding="utf-8")
    build_index(site, cache, keys, names)
    fragments = {f["url"]: f["content"] for f in _fragments(site / "pagefind")}
    assert "айыл" in fragments["/ru/news/x/"] and "шаар" not in fragments["/ru/news/x/"]


def test_a_build_killed_while_writing_copies_leaves_no_copy_under_an_old_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    ru, before, other = _with_a_second_russian_page(site)
    keys = {f"{lang}/news/x/index.html": f"key-{lang}-1" for lang in ("ky", "ru")}
    keys["ru/news/y/index.html"] = "key-y-1"
    names = sorted(keys)
    build_index(site, cache, keys, names)
    # an edit; the build is killed once the new copy is written, before its facts are saved

    def write_then_die(fn, tasks):  # type: ignore[no-untyped-def]
        [fn(task) for task in tasks]
        raise KeyboardInterrupt

    ru.write_text(before.replace("жана айыл", "жана шаар"), encoding="utf-8")
    with monkeypatch.context() as patch:
        patch.setattr(copies, "map_forked", write_then_die)
        with pytest.raises(KeyboardInterrupt):
            build_index(site, cache, {**keys, "ru/news/x/index.html": "key-ru-2"}, names)
    assert "шаар" in (cache / "pages" / "ru" / "news" / "x" / "index.html").read_text(encoding="utf-8")
    # the edit is undone (the page has its first key again) and another Russian
    # page is edited, so the Russian pages are indexed again: from the right copy
    ru.write_text(before, encoding="utf-8")
    other.write_text(other.read_text(encoding="utf-8").replace("жана айыл", "жана суу"), encoding="utf-8")
    build_index(site, cache, {**keys, "ru/news/y/index.html": "key-y-2"}, names)
    fragments = {f["url"]: f["content"] for f in _fragments(site / "pagefind")}
    assert "айыл" in fragments["/ru/news/x/"] and "шаар" not in fragments["/ru/news/x/"]
    assert "суу" in fragments["/ru/news/y/"]


def test_a_build_killed_while_writing_copies_still_forgets_a_deleted_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    ru, before, gone = _with_a_second_russian_page(site, "жана тоо")
    keys = {f"{lang}/news/x/index.html": f"key-{lang}-1" for lang in ("ky", "ru")}
    build_index(site, cache, {**keys, "ru/news/y/index.html": "key-y-1"}, sorted([*keys, "ru/news/y/index.html"]))
    # y is deleted and x edited; the build is killed while the new copies are written

    def die(fn, tasks):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    shutil.rmtree(gone.parent)
    ru.write_text(before.replace("жана айыл", "жана шаар"), encoding="utf-8")
    edited = {**keys, "ru/news/x/index.html": "key-ru-2"}
    with monkeypatch.context() as patch:
        patch.setattr(copies, "map_forked", die)
        with pytest.raises(KeyboardInterrupt):
            build_index(site, cache, edited, sorted(edited))
    build_index(site, cache, edited, sorted(edited))
    fragments = {f["url"]: f["content"] for f in _fragments(site / "pagefind")}
    assert "/ru/news/y/" not in fragments and "шаар" in fragments["/ru/news/x/"]


def test_a_page_whose_language_differs_from_its_folder_gets_one_index_for_all(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _two_language_site(site)
    stray = site / "ru" / "news" / "y" / "index.html"  # a Kyrgyz page under /ru/
    stray.parent.mkdir(parents=True)
    stray.write_text(PAGE, encoding="utf-8")
    assert build_index(site, tmp_path / "cache") == 3
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    assert {lang: v["page_count"] for lang, v in entry["languages"].items()} == {"ky": 2, "ru": 1}
    one_run = tmp_path / "one-run"
    pagefind_run.run_pagefind(tmp_path / "cache" / "pages", one_run)
    assert snapshot(site / "pagefind") == snapshot(one_run)
