"""press.outputs.images: the progress of encoding, the markup of photos and what they are referred by."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html
from press.outputs import images
from press.settings import load
from press.content.model import Localized, SourceFile
from rich.console import Console


# --- progress ------------------------------------------------------------------------


def test_progress_prints_plain_lines_when_not_on_a_terminal() -> None:
    output = io.StringIO()
    progress = images.PhotoProgress(4, every=0.0, console=Console(file=output, force_terminal=False, width=200))
    for _ in range(4):
        progress.advance()
    progress.close()
    assert output.getvalue().splitlines() == [
        "images: 1 of 4 photos encoded (25%)",
        "images: 2 of 4 photos encoded (50%)",
        "images: 3 of 4 photos encoded (75%)",
    ]


def test_progress_speaks_the_press_officers_language(monkeypatch: pytest.MonkeyPatch) -> None:
    output = io.StringIO()
    monkeypatch.setenv("PRESSROOM_LANG", "ru")
    progress = images.PhotoProgress(2, every=0.0, console=Console(file=output, force_terminal=False, width=200))
    progress.advance()
    progress.close()
    assert output.getvalue().splitlines() == ["фото: обработано 1 из 2 (50%)"]


# --- markup and references -----------------------------------------------------------


def _plan(tmp_path: Path, **settings: Any) -> tuple[images.ImagePlan, images.Photo]:
    press = load({"PRESS_IMAGE_CACHE": str(tmp_path), **settings})
    plan = images.ImagePlan(index=None, press=press)  # type: ignore[arg-type]
    photo = images.Photo("news/2026-01-01-a", "my photo.jpg", "/x", 1500, 2000, "0" * 64, responsive=True)
    return plan, photo


def test_picture_markup(tmp_path: Path) -> None:
    plan, photo = _plan(tmp_path)
    markup = images.picture_html(plan, photo, "https://press.example.kg", "(min-width: 48rem) 46rem, 100vw",
                                 alt="Мастерица «у станка»", alt_lang="ru", attrs=[("class", "card-cover")])  # fmt: skip
    picture = lxml_html.fragment_fromstring(str(markup))
    source, img = picture.xpath(".//source")[0], picture.xpath(".//img")[0]
    base = "https://press.example.kg/media/news/2026-01-01-a/my%20photo"
    assert source.get("type") == "image/webp"
    assert source.get("srcset") == f"{base}-480.webp 480w, {base}-960.webp 960w, {base}-1500.webp 1500w"
    assert img.get("srcset") == f"{base}-480.jpg 480w, {base}-960.jpg 960w, {base}-1500.jpg 1500w"
    assert img.get("src") == f"{base}-960.jpg"
    assert source.get("sizes") == img.get("sizes") == "(min-width: 48rem) 46rem, 100vw"
    assert {k: img.get(k) for k in ("width", "height", "alt", "lang", "class", "loading", "decoding")} == {
        "width": "1500", "height": "2000", "alt": "Мастерица «у станка»", "lang": "ru",
        "class": "card-cover", "loading": "lazy", "decoding": "async",
    }  # fmt: skip
    eager = images.picture_html(plan, photo, "", "100vw", lazy=False)
    assert "loading=" not in eager and 'alt=""' in eager


def test_one_format_means_no_source(tmp_path: Path) -> None:
    plan, photo = _plan(tmp_path, PRESS_IMAGE_FORMATS=["jpeg"])
    assert "<source" not in images.picture_html(plan, photo, "", "100vw")


def test_body_images_are_found_with_their_lines() -> None:
    body = textwrap.dedent("""\
        Текст ![Палатки](tent.jpg) и ![](./sub/noalt.PNG "title").

        <img src="raw.webp" alt="x"> [ссылка](big.jpg#top) [документ](report.pdf)
        ![внешнее](https://example.org/a.jpg) ![корень](/media/a.jpg) ![x]({static}a.jpg)

        [ref]: refd.gif
        """)
    source = SourceFile("news/x/index.ru.md", "/x", "ru", "", body, body_line=7)
    assert images.body_images(source) == [
        ("tent.jpg", 7), ("sub/noalt.PNG", 7), ("raw.webp", 9), ("big.jpg", 9), ("refd.gif", 12),
    ]  # fmt: skip


def test_gallery_alt_prefers_the_page_language() -> None:
    from press.content.model import GalleryImage

    class Item:
        gallery = (
            GalleryImage("a.jpg", Localized("Зал", "ru"), None),
            GalleryImage("b.jpg", Localized("Hall", "en"), Localized("Люди в зале", "ru")),
        )

    assert images.gallery_alt(Item, "a.jpg", "en") == Localized("Зал", "ru")
    assert images.gallery_alt(Item, "b.jpg", "en") == Localized("Hall", "en")
    assert images.gallery_alt(Item, "c.jpg", "en") is None
