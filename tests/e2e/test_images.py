"""Photos as readers get them: upright, clean, responsive, cached; bad ones stop the build.

The fixture site ``tests/sites/gallery`` is built once per module with photos
made by :mod:`tests.photos` (camera JPEGs with EXIF orientation, GPS, XMP,
IPTC and a comment; a PNG with transparency) and its own image cache.
"""

from __future__ import annotations

import logging
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import pytest
from lxml import html as lxml_html
from PIL import Image

from tests.conftest import build, press_command, pressroom_log
from tests.e2e.html import all_files, page, text
from tests.photos import DRAFT, GALLERY_DAY, MARKET, SECRETS, gallery_site

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif")
GALLERY_PAGE = "/ru/galleries/photo-day/"
MARKET_PAGE = "/ru/news/market/"


@dataclass
class Built:
    content: Path
    output: Path
    cache: Path
    log: list[logging.LogRecord]

    def messages(self, level: int = logging.INFO) -> list[str]:
        return [r.getMessage() for r in self.log if r.levelno >= level]


def build_logged(content: Path, output: Path, cache: Path, **overrides: object) -> Built:
    with pressroom_log() as records:
        build(content, output, PRESS_IMAGE_CACHE=str(cache), **overrides)
    return Built(content, output, cache, records)


def encoded(built: Built) -> int:
    """Files encoded by the build, from its «images: …» summary line."""
    counts = [re.search(r"images: \d+ photos, \d+ files: (\d+) encoded", m) for m in built.messages()]
    found = [int(m[1]) for m in counts if m]
    assert len(found) == 1, built.messages()
    return found[0]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("gallery")
    content = gallery_site(root / "content")
    return build_logged(content, root / "output", root / "cache")


def images(output: Path) -> list[Path]:
    """The published images of photos (not the theme's, nor the site's sharing cards)."""
    return [p for p in all_files(output) if p.suffix.lower() in IMAGE_SUFFIXES and "/theme/" not in str(p)
            and not p.name.startswith("site-card-")]  # fmt: skip


def media(output: Path, bundle: str) -> Path:
    return output / "media" / bundle


def colour(image: Image.Image, x: float, y: float) -> str:
    r, g, b = image.convert("RGB").getpixel((int(image.width * x), int(image.height * y)))[:3]
    return "red" if r > 150 and b < 100 else "blue" if b > 150 and r < 100 else f"other {r, g, b}"


# --- publishing ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "size", "top", "bottom", "left", "right"),
    [
        # stored 2000×1500, orientation 6 (turn 90° clockwise): the left half becomes the top
        ("p01-1500", (1500, 2000), "red", "blue", None, None),
        ("p01-480", (480, 640), "red", "blue", None, None),
        # stored 1200×900, orientation 3 (upside down): the left half becomes the right
        ("p04-960", (960, 720), None, None, "blue", "red"),
    ],
)
@pytest.mark.parametrize("ext", [".jpg", ".webp"])
def test_published_pixels_are_upright(site: Built, file: str, size: tuple[int, int], top: str | None,
                                      bottom: str | None, left: str | None, right: str | None, ext: str) -> None:  # fmt: skip
    with Image.open(media(site.output, GALLERY_DAY) / f"{file}{ext}") as image:
        assert image.size == size
        if top:
            assert (colour(image, 0.5, 0.25), colour(image, 0.5, 0.75)) == (top, bottom)
        if left:
            assert (colour(image, 0.25, 0.5), colour(image, 0.75, 0.5)) == (left, right)


def test_orientation_8_turns_the_other_way(site: Built) -> None:
    # stored 1800×1200, orientation 8 (turn 90° counter-clockwise): the left half becomes the bottom
    with Image.open(media(site.output, MARKET) / "tent-1200.jpg") as image:
        assert image.size == (1200, 1800)
        assert (colour(image, 0.5, 0.25), colour(image, 0.5, 0.75)) == ("blue", "red")


def test_no_published_image_carries_metadata(site: Built) -> None:
    published = images(site.output)
    assert len(published) >= 30
    for path in published:
        data = path.read_bytes()
        for secret in SECRETS:
            assert secret not in data, f"{secret!r} in {path.name}"
        assert b"Exif\x00\x00" not in data and b"http://ns.adobe.com/xap" not in data, path.name
        assert b"Photoshop 3.0" not in data and b"ICC_PROFILE" not in data, path.name
        with Image.open(path) as image:
            assert not image.getexif(), path.name
            assert not {"exif", "xmp", "icc_profile", "comment", "photoshop", "XML:com.adobe.xmp"} & set(image.info), (
                path.name
            )
        if path.suffix == ".webp":
            assert not {b"EXIF", b"XMP ", b"ICCP"} & {data[i : i + 4] for i in range(12, len(data) - 4)}, path.name


def test_originals_are_not_published_and_nothing_is_wider_than_the_widest(site: Built) -> None:
    names = {p.name for p in all_files(site.output)}
    for original in ("p01.jpg", "p02.jpg", "p03.png", "p04.jpg", "unused.jpg", "tent.jpg", "noalt.jpg"):
        assert original not in names
    assert not any(n.startswith("unused") for n in names)  # shown nowhere, published nowhere
    for path in images(site.output):
        with Image.open(path) as image:
            assert image.width <= 1600, path.name
    with Image.open(media(site.output, GALLERY_DAY) / "p02-1600.jpg") as image:
        assert image.size == (1600, 1067)  # 2400×1600 scaled to the widest width


def test_transparency_kept_in_webp_flattened_in_jpeg(site: Built) -> None:
    with Image.open(media(site.output, GALLERY_DAY) / "p03-800.webp") as webp:
        assert webp.mode == "RGBA"
    with Image.open(media(site.output, GALLERY_DAY) / "p03-800.jpg") as jpeg:
        assert jpeg.mode == "RGB"
        assert jpeg.getpixel((1, jpeg.height - 2))[0] > 200  # transparent corner on white


def test_non_image_attachments_are_still_copied(site: Built) -> None:
    pdf = media(site.output, GALLERY_DAY) / "programme.pdf"
    assert pdf.read_bytes() == (site.content / GALLERY_DAY / "programme.pdf").read_bytes()
    links = page(site.output, GALLERY_PAGE).xpath("//section[@class='attachments']//a/@href")
    assert links == [f"/media/{GALLERY_DAY}/programme.pdf"]


def test_held_bundles_publish_no_photo(site: Built) -> None:
    assert not (site.output / "media" / DRAFT).exists()
    for path in all_files(site.output):
        assert "secret" not in path.name
        assert b"secret-photo" not in path.read_bytes() and b"secret-body" not in path.read_bytes(), path


# --- markup --------------------------------------------------------------------------


def srcset(value: str) -> list[tuple[str, int]]:
    pairs = []
    for candidate in value.split(","):
        url, width = candidate.split()
        assert width.endswith("w")
        pairs.append((url, int(width[:-1])))
    return pairs


def check_picture(output: Path, picture: lxml_html.HtmlElement, widths: list[int]) -> None:
    """Every candidate exists and has the width it claims; the <img> has the widest's size."""
    sources = picture.xpath(".//source")  # libxml2 nests the <img> in the void <source>
    img = picture.xpath(".//img")[0]
    assert [s.get("type") for s in sources] == ["image/webp"]
    sizes = img.get("sizes")
    assert sizes and all(s.get("sizes") == sizes for s in sources)
    for element, suffix in [(sources[0], ".webp"), (img, ".jpg")]:
        candidates = srcset(element.get("srcset"))
        assert [w for _, w in candidates] == widths
        for url, width in candidates:
            assert url.endswith(f"-{width}{suffix}")
            with Image.open(output / unquote(url).lstrip("/")) as image:
                assert image.width == width
    with Image.open(output / unquote(srcset(img.get("srcset"))[-1][0]).lstrip("/")) as widest:
        assert (int(img.get("width")), int(img.get("height"))) == widest.size
    assert (output / img.get("src").lstrip("/")).exists()


def test_gallery_pictures_have_srcset_sizes_and_dimensions(site: Built) -> None:
    tree = page(site.output, GALLERY_PAGE)
    pictures = tree.xpath("//section[@class='gallery']//picture")
    expected = [[480, 960, 1500], [480, 960, 1600], [480, 800], [480, 960, 1200]]
    assert len(pictures) == len(expected)
    for n, (picture, widths) in enumerate(zip(pictures, expected)):
        check_picture(site.output, picture, widths)
        # a photo report shows its photos first: the first two are above the fold
        assert picture.xpath(".//img/@loading") == ([] if n < 2 else ["lazy"])


def test_every_img_of_every_page_has_width_and_height(site: Built) -> None:
    count = 0
    for path in all_files(site.output):
        if path.suffix == ".html":
            for img in lxml_html.fromstring(path.read_bytes()).xpath("//img"):
                count += 1
                assert img.get("width", "").isdigit() and img.get("height", "").isdigit(), path
    assert count > 10


def test_cover_above_the_fold_is_not_lazy_and_body_images_are(site: Built) -> None:
    tree = page(site.output, MARKET_PAGE)
    cover = tree.xpath("//figure[@class='item-cover']//img")[0]
    assert cover.get("loading") is None
    body = tree.xpath("//div[@class='item-body']//picture")
    assert len(body) == 2
    check_picture(site.output, body[0], [480, 960, 1200])
    img = body[0].xpath(".//img")[0]
    assert (img.get("alt"), img.get("title"), img.get("loading")) == (
        "Новые навесы над торговыми рядами",
        "Навесы",
        "lazy",
    )
    links = tree.xpath("//div[@class='item-body']//a[contains(., 'большом размере')]/@href")
    assert links == [f"/media/{MARKET}/tent-1200.jpg"]


def test_thumbnails_link_to_a_larger_image_without_javascript(site: Built) -> None:
    tree = page(site.output, GALLERY_PAGE)
    links = tree.xpath("//section[@class='gallery']//li/figure/a/@href")
    assert links == [
        f"/media/{GALLERY_DAY}/{name}" for name in ("p01-1500.jpg", "p02-1600.jpg", "p03-800.jpg", "p04-1200.jpg")
    ]
    assert tree.xpath("//section[@class='gallery']//li/@id") == ["photo-1", "photo-2", "photo-3", "photo-4"]


@pytest.mark.parametrize(
    ("lang", "counter", "close", "captions"),
    [
        (
            "ru",
            "Фото 2 из 4",
            "Закрыть",
            ["Портрет мастерицы", "Площадь перед театром", "Эмблема праздника", "Вечер на площади"],
        ),
        (
            "en",
            "Photo 2 of 4",
            "Close",
            ["A craftswoman", "The square in front of the theatre", "The festival emblem", "Evening on the square"],
        ),
        (
            "ky",
            "Сүрөт 2 / 4",
            "Жабуу",
            ["Портрет мастерицы", "Площадь перед театром", "Эмблема праздника", "Вечер на площади"],
        ),
    ],
)
def test_lightbox_words_and_captions_in_the_page_language(site: Built, lang: str, counter: str, close: str,
                                                          captions: list[str]) -> None:  # fmt: skip
    tree = page(site.output, f"/{lang}/galleries/photo-day/")
    gallery = tree.xpath("//section[@class='gallery']")[0]
    assert gallery.get("data-label-close") == close
    assert gallery.xpath(".//a/@data-counter")[1] == counter
    assert text(gallery, ".//figcaption") == captions
    if lang == "ky":  # inherited captions and alt texts say which language they are in
        assert set(gallery.xpath(".//figcaption/span/@lang")) == {"ru"}
        assert set(gallery.xpath(".//img/@lang")) == {"ru"}
    if lang == "en":  # the translation's caption is the alt text before the Russian alt
        assert gallery.xpath(".//img/@alt")[1] == "The square in front of the theatre"
    assert len(tree.xpath("//script[contains(@src, '/theme/js/gallery.')][@defer]")) == 1


def test_gallery_script_only_on_pages_with_a_gallery(site: Built) -> None:
    assert not page(site.output, MARKET_PAGE).xpath("//script[contains(@src, '/theme/js/gallery.')]")
    assert list((site.output / "theme/js").glob("gallery.*.js"))


def test_og_image_per_item_with_a_cover(site: Built) -> None:
    for url, file in [(MARKET_PAGE, f"{MARKET}/tent-og.jpg"), (GALLERY_PAGE, f"{GALLERY_DAY}/p01-og.jpg"),
                      ("/ky/galleries/photo-day/", f"{GALLERY_DAY}/p01-og.jpg")]:  # fmt: skip
        tree = page(site.output, url)
        meta = {m.get("property"): m.get("content") for m in tree.xpath("//meta[starts-with(@property, 'og:image')]")}
        assert meta.pop("og:image:alt")  # the cover's alt text, else the title
        # absolute in a development build too: a shared link's preview needs the host
        assert meta == {"og:image": f"http://localhost:8000/media/{file}", "og:image:type": "image/jpeg",
                        "og:image:width": "1200", "og:image:height": "630"}  # fmt: skip
        with Image.open(site.output / "media" / file) as image:
            assert image.size == (1200, 630)
        assert f"/media/{file}" in tree.xpath("//script[@type='application/ld+json']/text()")[0]


def test_gallery_listing_cards_show_cover_and_photo_count(site: Built) -> None:
    for lang, count in [("ru", "4 фотографии"), ("en", "4 photos"), ("ky", "4 сүрөт")]:
        cards = page(site.output, f"/{lang}/galleries/").xpath("//article[contains(@class, 'card')]")
        assert len(cards) == 1
        assert text(cards[0], ".//p[@class='count']") == [count]
        cover = cards[0].xpath(".//picture//img")[0]
        assert cover.get("class") == "card-cover" and cover.get("alt") == ""
        assert srcset(cover.get("srcset"))[-1][0] == f"/media/{GALLERY_DAY}/p01-1500.jpg"


def test_missing_alt_text_is_a_warning_naming_the_file(site: Built) -> None:
    warnings = site.messages(logging.WARNING)
    assert (
        "news/2026-08-21-market/index.ru.md:11: body: the image 'noalt.jpg' has no alt text;"
        " write what it shows in ![…](…)" in warnings
    )
    assert not any("tent.jpg" in w or "p0" in w for w in warnings), warnings


def test_gallery_photo_without_alt_or_caption_is_a_warning(site: Built, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(site.content, content)
    ru = content / GALLERY_DAY / "index.ru.md"
    ru.write_text(
        ru.read_text(encoding="utf-8").replace("{file: p03.png, caption: Эмблема праздника}", "{file: p03.png}")
    )
    again = build_logged(content, tmp_path / "out", site.cache)
    warnings = [w for w in again.messages(logging.WARNING) if "gallery:" in w]
    # once, where the gallery is written; the English caption serves the English page
    assert warnings == [
        (
            "galleries/2026-08-20-photo-day/index.ru.md:8: gallery: 'p03.png' has neither alt text nor a caption;"
            " add 'alt:' saying what the photo shows"
        )
    ]
    assert (
        page(again.output, "/en/galleries/photo-day/").xpath("//section[@class='gallery']//img/@alt")[2]
        == "The festival emblem"
    )


def check_output(content: Path) -> str:
    """What ``make check`` prints for ``content``."""
    return press_command(content, "check")[1]


def test_a_photo_without_alt_is_reported_in_the_translation_that_lists_it(site: Built, tmp_path: Path) -> None:
    """The English file has a gallery of its own, with a photo the Russian one does not show:
    the file to fix is the English one, not the first file that has a gallery."""
    content = tmp_path / "content"
    shutil.copytree(site.content, content)
    shutil.copy(content / GALLERY_DAY / "p04.jpg", content / GALLERY_DAY / "p05.jpg")
    en = content / GALLERY_DAY / "index.en.md"
    en.write_text(en.read_text(encoding="utf-8").replace(
        "  - {file: p04.jpg, caption: Evening on the square}\n",
        "  - {file: p04.jpg, caption: Evening on the square}\n  - {file: p05.jpg}\n"), encoding="utf-8")  # fmt: skip
    again = build_logged(content, tmp_path / "out", site.cache)
    expected = (f"{GALLERY_DAY}/index.en.md:9: gallery: 'p05.jpg' has neither alt text nor a caption;"
                " add 'alt:' saying what the photo shows")  # fmt: skip
    assert [w for w in again.messages(logging.WARNING) if "gallery:" in w] == [expected]
    assert f"  {expected}" in check_output(content).splitlines()  # make check agrees


def test_a_pasted_image_without_alt_is_published_with_an_empty_one_and_a_warning(site: Built, tmp_path: Path) -> None:
    """Raw HTML in a body, an image from another site: valid HTML, and the build and make check ask for the words."""
    content = tmp_path / "content"
    shutil.copytree(site.content, content)
    _write_body(content, '<img src="https://example.org/photos/bridge.jpg" width="640">')
    again = build_logged(content, tmp_path / "out", site.cache)
    message = "the image 'https://example.org/photos/bridge.jpg' has no alt text; write what it shows in ![…](…)"
    warnings = again.messages(logging.WARNING)
    assert f"{MARKET}/index.ru.md:15: body: {message}" in warnings
    assert len([w for w in warnings if "bridge.jpg" in w]) == 1, warnings
    img = page(again.output, MARKET_PAGE).xpath("//img[contains(@src, 'bridge.jpg')]")
    assert len(img) == 1 and img[0].get("alt") == ""
    assert f"  {MARKET}/index.ru.md:15: text: {message}" in check_output(content).splitlines()


@pytest.mark.slow
def test_gallery_site_is_valid_html(site: Built) -> None:
    from tests.e2e.test_html_validity import vnu_errors

    assert vnu_errors(site.output) == []


# --- the cache -----------------------------------------------------------------------


def test_first_build_encoded_every_file(site: Built) -> None:
    assert encoded(site) == len(images(site.output)) == 34


def test_rebuild_from_the_cache_encodes_nothing_and_writes_the_same_bytes(site: Built, tmp_path: Path) -> None:
    again = build_logged(site.content, tmp_path / "again", site.cache)
    assert encoded(again) == 0
    first = {p.relative_to(site.output): p.read_bytes() for p in images(site.output)}
    second = {p.relative_to(again.output): p.read_bytes() for p in images(again.output)}
    assert first == second


def test_changed_setting_encodes_only_what_it_changes(site: Built, tmp_path: Path) -> None:
    again = build_logged(site.content, tmp_path / "again", site.cache, PRESS_IMAGE_QUALITY={"webp": 60})
    webp = [p for p in images(again.output) if p.suffix == ".webp"]
    assert encoded(again) == len(webp) == 16


def test_changed_photo_is_encoded_again(site: Built, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(site.content, content)
    with Image.open(content / GALLERY_DAY / "p03.png") as image:
        image.rotate(90).save(content / GALLERY_DAY / "p03.png")
    again = build_logged(content, tmp_path / "again", site.cache)
    assert encoded(again) == 4  # p03 only: 2 widths × 2 formats


def test_publish_originals_setting(site: Built, tmp_path: Path) -> None:
    again = build_logged(site.content, tmp_path / "again", site.cache, PRESS_PUBLISH_ORIGINALS=True)
    folder = media(again.output, GALLERY_DAY)
    with Image.open(folder / "p01.jpg") as original:
        assert original.size == (1500, 2000)  # full size, upright
        assert not original.getexif() and "icc_profile" not in original.info
    assert (folder / "unused.jpg").exists()
    assert SECRETS[0] not in (folder / "p01.jpg").read_bytes()
    links = page(again.output, GALLERY_PAGE).xpath("//section[@class='gallery']//li/figure/a/@href")
    assert links[0] == f"/media/{GALLERY_DAY}/p01.jpg"


# --- bad photos stop the build -------------------------------------------------------


def _write_body(content: Path, line: str) -> None:
    path = content / MARKET / "index.ru.md"
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("prepare", "message"),
    [
        pytest.param(lambda c: _write_body(c, "![Нет файла](missing.jpg)"),
                     ":15: body: file 'missing.jpg' not found in the item's folder", id="missing"),
        pytest.param(lambda c: ((c / MARKET / "notes.jpg").write_text("not a photo"), _write_body(c, "![Заметки](notes.jpg)")),
                     ":15: body: 'notes.jpg' is not a readable image", id="not-an-image"),
        pytest.param(lambda c: ((c / MARKET / "cut.jpg").write_bytes((c / MARKET / "tent.jpg").read_bytes()[:3000]),
                                _write_body(c, '<img src="cut.jpg" alt="Обрезано">')),
                     "news/2026-08-21-market/cut.jpg: could not be decoded", id="truncated"),
        pytest.param(lambda c: _write_body(c, "![Черновик](../2026-08-22-secret-draft/secret-body.jpg)"),
                     ":15: body: the image '../2026-08-22-secret-draft/secret-body.jpg' is a photo of a held item (draft)",
                     id="held-photo"),
        pytest.param(lambda c: (shutil.copy(c / GALLERY_DAY / "p03.png", c / MARKET / "tent.png"),
                                _write_body(c, "![Навес](tent.png)")),
                     "news/2026-08-21-market/tent.png: would be published under the same names as 'tent.jpg'",
                     id="same-name"),
    ],
)  # fmt: skip
def test_bad_body_images_stop_the_build(site: Built, tmp_path: Path, prepare: object, message: str) -> None:
    from press.log import ContentError

    content = tmp_path / "content"
    shutil.copytree(site.content, content)
    prepare(content)  # type: ignore[operator]
    with pytest.raises(ContentError) as failure:
        build(content, tmp_path / "out", PRESS_IMAGE_CACHE=str(site.cache))
    assert message in str(failure.value)
    assert not (tmp_path / "out").exists()


def test_decompression_bombs_stop_the_build(site: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from press.log import ContentError

    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100_000)  # tent.jpg has 2.2 million, more than twice that
    with pytest.raises(ContentError) as failure:
        build(site.content, tmp_path / "out", PRESS_IMAGE_CACHE=str(tmp_path / "cache"))
    assert "news/2026-08-21-market/index.ru.md:5: cover: 'tent.jpg' is too large to process safely" in str(
        failure.value
    )


# --- the sample site -----------------------------------------------------------------


def test_sample_site_srcsets_resolve_and_originals_stay_out(sample_site: Path) -> None:
    count = 0
    for path in all_files(sample_site):
        if path.suffix == ".html":
            for value in lxml_html.fromstring(path.read_bytes()).xpath("//@srcset"):
                for url, width in srcset(value):
                    count += 1
                    assert (sample_site / unquote(url).lstrip("/")).exists(), f"{path}: {url}"
    assert count > 50
    assert not list((sample_site / "media").rglob("fair-0?.jpg"))
