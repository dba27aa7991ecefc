"""press.outputs.search_copies: folding Kyrgyz and Tajik letters, the copy of a page that Pagefind indexes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from press.outputs import pagefind_run
from press.outputs import search_copies as copies
from press.outputs.search_copies import fold, index_copy, with_folded_copies


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
    """body_starts and declares try their expressions only near the
    attributes they look for, and the folding expression takes text
    possessively with only tag names ignoring case: each must find exactly
    what the plain form finds."""
    assert [m.span() for m in copies.body_starts(html)] == [m.span() for m in copies.BODY_START.finditer(html)]
    plain = re.compile(
        r"(<(script|style|template)\b.*?</\2\s*>)|>([^<]*[" + copies.FOLDABLE + r"&][^<]*)", re.S | re.I
    )
    assert [m.groups() for m in copies.NOT_TEXT_OR_TEXT.finditer(html)] == [m.groups() for m in plain.finditer(html)]
    for pos in range(0, len(html) + 1, 3):
        for end in (-1, pos, pos + 7, len(html), len(html) + 5):
            assert copies.declares(html, pos, end) == (copies.DECLARES.search(html, pos, end) is not None)


def test_pages_without_a_body_to_index_are_left_out() -> None:
    assert index_copy(b"<!DOCTYPE html><html lang='ru'><body><h1>Archives</h1></body></html>") is None
