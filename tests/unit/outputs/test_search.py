"""press.outputs.search and press.outputs.search_copies: folding Kyrgyz and Tajik letters, the copy
Pagefind indexes, the index per language."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from press.outputs import pagefind_run as pagefind_run
from press.outputs import search_copies as copies
from press.outputs.search_copies import fold, index_copy, with_folded_copies
from press.outputs.search import SearchIndexError, build_index
from tests.conftest import snapshot


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        pytest.param("жаңгак", "жангак", id="ky-ng"),
        pytest.param("Өкмөт", "Окмот", id="ky-o-capital"),
        pytest.param("үй-бүлө", "уй-було", id="ky-u"),
        pytest.param("Қирғизистон", "Киргизистон", id="tg-q-gh"),
        pytest.param("ҳукумат", "хукумат", id="tg-h"),
        pytest.param("Хуҷанд", "Хучанд", id="tg-j"),
        pytest.param("нӯшокӣ", "нушоки", id="tg-u-i-macron"),
        pytest.param("ещё", "еще", id="ru-yo"),
        pytest.param("Бишкек, budget 2026", "Бишкек, budget 2026", id="unchanged"),
    ],
)
def test_fold_gives_what_a_russian_keyboard_types(written: str, typed: str) -> None:
    assert fold(written) == typed


def test_fold_table_lists_every_letter_once() -> None:
    pairs = copies.fold_table().split(" ")
    assert all(len(pair) == 2 for pair in pairs)
    assert len({pair[0] for pair in pairs}) == len(pairs)
    assert set("қңөүӯҷҳӣғ") <= {pair[0] for pair in pairs}


@pytest.mark.parametrize(
    ("text", "indexed"),
    [
        pytest.param("жемиштер жана жаңгактар, бал", "жемиштер жана жаңгактар, жангактар, бал", id="word-with-comma"),
        pytest.param("Ҳукумати Хуҷанд", "Ҳукумати Хукумати Хуҷанд Хучанд", id="two-words"),
        pytest.param("бюджет и вода", "бюджет и вода", id="nothing-to-fold"),
        pytest.param("  Өкмөт\n", "  Өкмөт Окмот\n", id="spaces-kept"),
    ],
)
def test_each_foldable_word_is_followed_by_its_folded_copy(text: str, indexed: str) -> None:
    assert with_folded_copies(text) == indexed


PAGE = """<!DOCTYPE html>
<html lang="ky"><head><title>Жаңылык</title>
<meta property="og:title" content="Жаңылык" data-pagefind-meta="title[content]"></head>
<body><nav>Жаңылыктар</nav>
<article data-pagefind-body data-pagefind-filter="section:news" data-pagefind-meta="date:2026-ж., 15-август">
<h1>Жаңы <em>жаңгак</em> түшүмү</h1><p>Өкмөт<br>жана айыл</p>
<script type="application/ld+json">{"name": "Жаңылык"}</script>
<footer><a href="/ky/regions/osh/" data-pagefind-filter="region:osh">Ош облусу</a></footer>
</article></body></html>"""


def test_index_copy_folds_only_the_text_of_the_indexed_body() -> None:
    copy = index_copy(PAGE.encode())
    assert copy is not None
    tree = lxml_html.fromstring(copy.decode("utf-8"))
    assert tree.get("lang") == "ky"
    body = tree.xpath("//article")[0]
    assert body.xpath("string(h1)") == "Жаңы Жаны жаңгак жангак түшүмү тушуму"
    assert body.xpath("string(p)") == "Өкмөт Окмотжана айыл"
    assert "Жанылык" not in body.xpath("string(script)")
    # attributes (meta, filters, title) and text outside the body are as written
    assert tree.xpath("//meta[@property='og:title']/@content") == ["Жаңылык"]
    assert body.get("data-pagefind-meta") == "date:2026-ж., 15-август"
    assert tree.xpath("string(//title)") == "Жаңылык"
    # what Pagefind does not read of a page with a body is left out
    assert not tree.xpath("//nav")


@pytest.mark.parametrize("whole", [False, True])
def test_where_a_body_sits_in_its_copy_is_found_without_changing_the_copy(whole: bool) -> None:
    body = "<h1>Жаңы <em>жаңгак</em> түшүмү</h1><p>Өкмөт<br>жана айыл</p>"
    copy, where = copies.cut_page(PAGE.encode(), whole, inner=body)
    assert copy.encode() == index_copy(PAGE.encode(), whole)
    assert where is not None and copy[where[0]:where[1]] == copies.fold_body(body)
    # another body in its place gives the copy of the page with that body
    other = "<p>Жаңы <b>өрүк</b> бағы &quot;Ош&quot;</p>"
    spliced = copy[:where[0]] + copies.fold_body(other) + copy[where[1]:]
    assert spliced.encode() == index_copy(PAGE.replace(body, other).encode(), whole)


@pytest.mark.parametrize(
    "inner",
    [
        pytest.param("<p>Өкмөт<br>жана айыл</p>\n<p>нет</p>", id="not-in-the-page"),
        pytest.param("Жаңы <em>", id="not-between-tags"),
        pytest.param("<nav>Жаңылыктар</nav>", id="outside-the-indexed-body"),
        pytest.param("<br>", id="more-than-once"),
    ],
)
def test_a_body_that_cannot_be_told_apart_has_no_place(inner: str) -> None:
    page = PAGE.replace("айыл</p>", "айыл<br></p>") if inner == "<br>" else PAGE
    copy, where = copies.cut_page(page.encode(), inner=inner)
    assert where is None and copy.encode() == index_copy(page.encode())


def test_index_copy_is_whole_when_the_page_declares_filters_outside_the_body() -> None:
    page = PAGE.replace("<nav>", '<nav data-pagefind-filter="kind:news">')
    copy = index_copy(page.encode())
    assert copy is not None
    tree = lxml_html.fromstring(copy.decode("utf-8"))
    assert tree.xpath("string(//nav)") == "Жаңылыктар"
    assert tree.xpath("string(//article/h1)") == "Жаңы Жаны жаңгак жангак түшүмү тушуму"


STATIC_PAGE = """<!DOCTYPE html>
<html lang="ru"><head><title>О центре — Пресс-центр</title><link rel="stylesheet" href="/x.css"></head>
<body><header><nav>Новости Проекты</nav></header><main>
<article class="item static-page" data-pagefind-body data-pagefind-meta="title:О центре">
<h1>О центре</h1><div class="item-body"><p>Пресс-центр проекта «Вода — селу» работает в Оше и Хороге.</p>
<img src="/ru/about/team.jpg" alt="Команда"></div></article></main>
<footer><p>Пресс-центр — Ош</p></footer></body></html>"""


def test_the_index_of_cut_down_copies_is_the_index_of_whole_pages(tmp_path: Path) -> None:
    pages = {"ky/news/x/index.html": PAGE, "ru/about/index.html": STATIC_PAGE}
    bundles = []
    for whole in (True, False):
        site = tmp_path / f"whole-{whole}"
        for name, page in pages.items():
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            (site / name).write_bytes(index_copy(page.encode(), whole=whole) or b"")
        bundle = tmp_path / f"bundle-{whole}"
        pagefind_run.run_pagefind(site, bundle)
        bundles.append({p.relative_to(bundle): p.read_bytes() for p in sorted(bundle.rglob("*")) if p.is_file()})
    assert bundles[0] == bundles[1]


# Pieces of markup that the copy's expressions look for, in any order.
_MARKUP = st.lists(
    st.sampled_from([
        "<", ">", "</", "article", "div", "SCRIPT", "script", "Style", "template", " data-pagefind-body",
        "data-pagefind-body", "data-pagefind-filter", "data-pagefind-meta=", "data-pagefind-sorted", ' title="', '"',
        "=", " ", "\n", "text", "Жаңы", "қ", "ё", "Ё", "&quot;", "&amp;",
    ]),
    max_size=40,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(_MARKUP)
@example('<div title="<x" data-pagefind-body>ё</div>')  # a "<" inside the tag
@example("<p>data-pagefind-body in the text</p><article data-pagefind-body><p>Жаңы</p></article>")
@example('<main data-pagefind-body><div data-pagefind-body>қ</div></main>')  # nested
@example("<SCRIPT>қ</script><Style>ё</STYLE>>Ё &quot;<")
@example(" data-pagefind-filter data-pagefind-sorted\tdata-pagefind-meta")
def test_the_quicker_expressions_find_what_the_plain_ones_find(html: str) -> None:
    """_body_starts and _declares try their expressions only near the
    attributes they look for, and the folding expression takes text
    possessively with only tag names ignoring case: each must find exactly
    what the plain form finds."""
    assert [m.span() for m in copies._body_starts(html)] == [m.span() for m in copies._BODY_START.finditer(html)]
    plain = re.compile(
        r"(<(script|style|template)\b.*?</\2\s*>)|>([^<]*[" + copies._FOLDABLE + r"&][^<]*)", re.S | re.I
    )
    assert [m.groups() for m in copies._NOT_TEXT_OR_TEXT.finditer(html)] == [m.groups() for m in plain.finditer(html)]
    for pos in range(0, len(html) + 1, 3):
        for end in (-1, pos, pos + 7, len(html), len(html) + 5):
            assert copies._declares(html, pos, end) == (copies._DECLARES.search(html, pos, end) is not None)


def test_pages_without_a_body_to_index_are_left_out() -> None:
    assert index_copy(b"<!DOCTYPE html><html lang='ru'><body><h1>Archives</h1></body></html>") is None


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


def pagefind_fails(where: Path, patch: pytest.MonkeyPatch) -> None:
    """Work on in ``where``, whose pagefind.yml Pagefind cannot read: the real
    Pagefind, which reads its settings from the working folder, then fails."""
    where.mkdir(exist_ok=True)
    (where / "pagefind.yml").write_text("site: [never closed\n", encoding="utf-8")
    patch.chdir(where)


def test_a_failing_indexer_stops_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    pagefind_fails(tmp_path / "elsewhere", monkeypatch)
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
        pagefind_fails(tmp_path / "elsewhere", patch)
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
