"""press.outputs.imaging and the pure parts of press.outputs.images: sizes, names, pixels, settings, markup.

Fast tests on small generated photos; the one that decodes a 12000×9000 JPEG
is marked slow.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html
from PIL import Image
from press.files import file_digest
from press.outputs import imaging as _imaging
from press.outputs import images
from press.outputs.imaging import ImageError, Job, Variant, og_size, probe, srcset_sizes
from press.settings import ImageSettings, SettingsError, load
from press.content.model import Localized, SourceFile
from rich.console import Console

from tests.conftest import ROOT
from tests.photos import SECRETS, camera_jpeg, png_with_alpha


@pytest.mark.parametrize(
    ("size", "widths", "expected"),
    [
        ((2400, 1600), (480, 960, 1600), [(480, 320), (960, 640), (1600, 1067)]),
        ((1600, 1067), (480, 960, 1600), [(480, 320), (960, 640), (1600, 1067)]),
        ((1200, 800), (480, 960, 1600), [(480, 320), (960, 640), (1200, 800)]),  # never enlarged
        ((1500, 2000), (480, 960, 1600), [(480, 640), (960, 1280), (1500, 2000)]),
        ((480, 320), (480, 960, 1600), [(480, 320)]),
        ((64, 48), (480, 960, 1600), [(64, 48)]),
        ((5000, 10), (480, 960), [(480, 1), (960, 2)]),
    ],
)
def test_srcset_sizes(size: tuple[int, int], widths: tuple[int, ...], expected: list[tuple[int, int]]) -> None:
    assert srcset_sizes(*size, widths) == expected


@pytest.mark.parametrize(
    ("size", "widest", "expected"),
    [
        ((1600, 1067), 1600, (1200, 630)),
        ((1200, 1800), 1600, (1200, 630)),
        ((600, 400), 1600, (600, 315)),  # smaller photos are not enlarged
        ((2000, 300), 1600, (571, 300)),  # a panorama: limited by its height
        ((4000, 3000), 960, (960, 504)),  # never wider than the widest width
    ],
)
def test_og_size(size: tuple[int, int], widest: int, expected: tuple[int, int]) -> None:
    assert og_size(*size, widest) == expected


@pytest.mark.parametrize(
    ("variant", "file", "name"),
    [
        (Variant("w", 960, 640, "webp", 80), "photo-05.jpg", "photo-05-960.webp"),
        (Variant("w", 480, 320, "jpeg", 82), "photo-05.JPG", "photo-05-480.jpg"),
        (Variant("og", 1200, 630, "jpeg", 82), "cover.png", "cover-og.jpg"),
        (Variant("full", 3000, 2000, "jpeg", 95), "photo.jpeg", "photo.jpeg"),
        (Variant("w", 480, 320, "avif", 60), "album/a.png", "album/a-480.avif"),
    ],
)
def test_derived_files_are_named_after_the_original(variant: Variant, file: str, name: str) -> None:
    assert variant.output_name(file) == name


def test_cache_names_carry_every_setting_that_changes_the_bytes() -> None:
    names = {Variant("w", 960, 640, f, q).cache_name for f in ("webp", "jpeg") for q in (80, 82)}
    assert len(names) == 4


# --- reading -------------------------------------------------------------------------


def test_probe_reports_the_upright_size(tmp_path: Path) -> None:
    assert probe(str(camera_jpeg(tmp_path / "a.jpg", (300, 200), orientation=6))).width == 200
    upside_down = probe(str(camera_jpeg(tmp_path / "b.jpg", (300, 200), orientation=3)))
    assert (upside_down.width, upside_down.height, upside_down.format) == (300, 200, "JPEG")


def test_probe_rejects_what_is_not_a_photo(tmp_path: Path) -> None:
    (tmp_path / "notes.jpg").write_text("not a photo")
    with pytest.raises(ImageError, match="not a readable image"):
        probe(str(tmp_path / "notes.jpg"))
    with pytest.raises(ImageError, match="not a readable image"):
        probe(str(tmp_path / "missing.jpg"))


def test_probe_respects_max_image_pixels(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = str(camera_jpeg(tmp_path / "a.jpg", (300, 200)))
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 20_000)  # 60 000 pixels is a «bomb» at twice the limit
    with pytest.raises(ImageError, match="decompression bomb"):
        probe(path)


# --- encoding ------------------------------------------------------------------------


def _job(tmp_path: Path, source: Path, *variants: Variant) -> Job:
    return Job(
        str(source), file_digest(str(source)), variants, str(tmp_path / "cache"), Image.MAX_IMAGE_PIXELS
    )


def _cached(job: Job, variant: Variant) -> Path:
    return Path(_imaging.cache_folder(job.cache, job.digest)) / variant.cache_name


def test_encode_turns_upright_and_strips_all_metadata(tmp_path: Path) -> None:
    source = camera_jpeg(tmp_path / "p.jpg", (600, 400), orientation=6)
    variants = (
        Variant("w", 200, 300, "webp", 80),
        Variant("w", 400, 600, "jpeg", 82),
        Variant("og", 400, 210, "jpeg", 82),
    )
    job = _job(tmp_path, source, *variants)
    assert _imaging.encode(job) == 3
    for variant in variants:
        path = _cached(job, variant)
        data = path.read_bytes()
        assert not [s for s in SECRETS if s in data]
        with Image.open(path) as image:
            assert image.size == (variant.width, variant.height)
            assert not image.getexif()
            assert not {"exif", "xmp", "icc_profile", "comment", "photoshop"} & set(image.info)
            if variant.kind == "w":  # red (the stored left half) is on top
                top = image.convert("RGB").getpixel((image.width // 2, image.height // 4))
                bottom = image.convert("RGB").getpixel((image.width // 2, 3 * image.height // 4))
                assert top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0]
    assert _imaging.missing(job.cache, job.digest, list(variants)) == []


def test_encode_flattens_transparency_only_where_the_format_lacks_it(tmp_path: Path) -> None:
    source = png_with_alpha(tmp_path / "a.png", (200, 100))
    webp, jpeg, full = (
        Variant("w", 100, 50, "webp", 80),
        Variant("w", 100, 50, "jpeg", 82),
        Variant("full", 200, 100, "png", 0),
    )
    job = _job(tmp_path, source, webp, jpeg, full)
    _imaging.encode(job)
    assert Image.open(_cached(job, webp)).mode == "RGBA"
    assert Image.open(_cached(job, jpeg)).mode == "RGB"
    with Image.open(_cached(job, full)) as png:
        assert png.mode == "RGBA" and "exif" not in png.info


def test_a_truncated_photo_fails_with_pillows_error(tmp_path: Path) -> None:
    source = camera_jpeg(tmp_path / "p.jpg", (600, 400))
    source.write_bytes(source.read_bytes()[:2000])
    result = _imaging._try(_job(tmp_path, source, Variant("w", 300, 200, "jpeg", 82)))
    assert isinstance(result, OSError) and images._is_image_problem(result)
    assert not images._is_image_problem(PermissionError(13, "Permission denied"))


def test_run_spreads_photos_over_processes(tmp_path: Path) -> None:
    jobs = [_job(tmp_path, camera_jpeg(tmp_path / f"p{n}.jpg", (300 + n, 200)), Variant("w", 150, 100, "webp", 80))
            for n in range(3)]  # fmt: skip
    done: list[tuple[str, Any]] = []
    _imaging.run(jobs, 2, lambda job, result: done.append((Path(job.source).name, result)))
    assert sorted(done) == [("p0.jpg", 1), ("p1.jpg", 1), ("p2.jpg", 1)]


@pytest.mark.slow
def test_memory_stays_bounded_on_a_12000_by_9000_photo(tmp_path: Path) -> None:
    """Draft decoding: a full decode needs 324 MB for the pixels alone."""
    big = tmp_path / "big.jpg"
    Image.linear_gradient("L").resize((12000, 9000)).convert("RGB").save(big, quality=80)
    script = textwrap.dedent(f"""
        import json, re, sys
        sys.path.insert(0, {str(ROOT / "plugins")!r})
        from press.outputs import imaging as _imaging
        from press.outputs.imaging import Job, Variant
        from PIL import Image
        variants = tuple(Variant("w", w, w * 3 // 4, f, 80) for w in (480, 960, 1600) for f in ("webp", "jpeg"))
        variants += (Variant("og", 1200, 630, "jpeg", 82),)
        job = Job({str(big)!r}, "0" * 64, variants, {str(tmp_path / "cache")!r}, Image.MAX_IMAGE_PIXELS)
        files = _imaging.encode(job)
        # VmHWM: the peak of this program's memory (ru_maxrss would include the forking parent's)
        peak = int(re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read())[1])
        print(json.dumps({{"files": files, "peak_mb": peak / 1024}}))
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120)
    result = json.loads(run.stdout)
    assert result["files"] == 7
    assert result["peak_mb"] < 250, result
    with Image.open(tmp_path / "cache" / f"v{_imaging.PIPELINE}" / "00" / ("0" * 64) / "w-1600x1200-q80.webp") as out:
        assert out.size == (1600, 1200)


# --- progress ------------------------------------------------------------------------


def test_progress_prints_plain_lines_when_not_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import pelican.log

    output = io.StringIO()
    monkeypatch.setattr(pelican.log, "console", Console(file=output, force_terminal=False, width=200))
    monkeypatch.setattr(images, "PROGRESS_EVERY", 0.0)
    progress = images._Progress(4)
    for _ in range(4):
        progress.advance()
    progress.close()
    assert output.getvalue().splitlines() == [
        "images: 1 of 4 photos encoded (25%)",
        "images: 2 of 4 photos encoded (50%)",
        "images: 3 of 4 photos encoded (75%)",
    ]


def test_progress_speaks_the_press_officers_language(monkeypatch: pytest.MonkeyPatch) -> None:
    import pelican.log

    output = io.StringIO()
    monkeypatch.setenv("PRESSROOM_LANG", "ru")
    monkeypatch.setattr(pelican.log, "console", Console(file=output, force_terminal=False, width=200))
    monkeypatch.setattr(images, "PROGRESS_EVERY", 0.0)
    progress = images._Progress(2)
    progress.advance()
    progress.close()
    assert output.getvalue().splitlines() == ["фото: обработано 1 из 2 (50%)"]


# --- settings ------------------------------------------------------------------------


def test_image_settings_defaults() -> None:
    press = load({"CACHE_PATH": "/srv/site/cache"})
    assert press.images == ImageSettings(
        widths=(480, 960, 1600), formats=("webp", "jpeg"), quality={"webp": 80, "jpeg": 82, "avif": 60},
        cache="/srv/site/cache/images", publish_originals=False, workers=0, cache_days=30,
    )  # fmt: skip
    assert load({"PRESS_IMAGE_CACHE": "/tmp/x", "PRESS_IMAGE_QUALITY": {"jpeg": 90}}).images.quality["jpeg"] == 90
    assert load({"PRESS_IMAGE_CACHE": "/tmp/x"}).images.cache == "/tmp/x"


def test_pelicanconf_keeps_the_cache_in_the_project() -> None:
    from pelican.settings import read_settings

    press = load(read_settings(str(ROOT / "pelicanconf.py")))
    assert press.images.cache == str(ROOT / "cache" / "images")
    assert read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"] == ["press"]


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"PRESS_IMAGE_WIDTHS": [960, 480]}, "PRESS_IMAGE_WIDTHS"),
        ({"PRESS_IMAGE_WIDTHS": []}, "PRESS_IMAGE_WIDTHS"),
        ({"PRESS_IMAGE_WIDTHS": [480, "960"]}, "PRESS_IMAGE_WIDTHS"),
        ({"PRESS_IMAGE_WIDTHS": [480, 480]}, "PRESS_IMAGE_WIDTHS"),
        ({"PRESS_IMAGE_FORMATS": ["webp", "gif"]}, "PRESS_IMAGE_FORMATS"),
        ({"PRESS_IMAGE_FORMATS": []}, "PRESS_IMAGE_FORMATS"),
        ({"PRESS_IMAGE_QUALITY": {"webp": 0}}, "PRESS_IMAGE_QUALITY['webp']"),
        ({"PRESS_IMAGE_QUALITY": {"png": 90}}, "PRESS_IMAGE_QUALITY"),
        ({"PRESS_IMAGE_QUALITY": 80}, "PRESS_IMAGE_QUALITY"),
        ({"PRESS_IMAGE_WORKERS": -1}, "PRESS_IMAGE_WORKERS"),
        ({"PRESS_PUBLISH_ORIGINALS": "yes"}, "PRESS_PUBLISH_ORIGINALS"),
    ],
)
def test_wrong_image_settings_name_the_setting(changes: dict[str, Any], named: str) -> None:
    with pytest.raises(SettingsError) as failure:
        load(changes)
    assert str(failure.value).startswith(named)


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


# --- the cache forgets photos no build uses -------------------------------------


def _in_cache(cache: Path, digest: str, pipeline: str = _imaging.PIPELINE) -> Path:
    folder = cache / f"v{pipeline}" / digest[:2] / digest
    folder.mkdir(parents=True)
    (folder / "960.webp").write_bytes(b"RIFF")
    return folder


def test_the_cache_keeps_used_photos_and_forgets_unused_ones(tmp_path: Path) -> None:
    import datetime as dt

    cache = tmp_path / "images"
    used, dropped, shared = _in_cache(cache, "aa" * 32), _in_cache(cache, "bb" * 32), _in_cache(cache, "cc" * 32)
    older_pipeline = _in_cache(cache, "dd" * 32, pipeline="1")
    day = dt.date(2026, 11, 1)
    assert _imaging.prune(str(cache), {"aa" * 32, "bb" * 32}, 30, day) == 0  # found without a record: its time starts
    assert not older_pipeline.exists()
    # 31 days on, the second photo has left every item; the third was never used by this site
    later = day + dt.timedelta(days=31)
    assert _imaging.prune(str(cache), {"aa" * 32}, 30, later) == 2
    assert used.exists() and not dropped.exists() and not shared.exists()
    # pruning runs once a day; use is recorded on every build
    again = _in_cache(cache, "ee" * 32)
    assert _imaging.prune(str(cache), {"aa" * 32}, 30, later) == 0 and again.exists()


def test_a_cache_kept_whole_when_asked(tmp_path: Path) -> None:
    import datetime as dt

    cache = tmp_path / "images"
    folder = _in_cache(cache, "aa" * 32)
    _imaging.prune(str(cache), {"aa" * 32}, 0, dt.date(2026, 1, 1))
    assert _imaging.prune(str(cache), set(), 0, dt.date(2027, 1, 1)) == 0 and folder.exists()


@pytest.mark.parametrize("days", [-1, "30", 1.5, True])
def test_cache_days_must_be_a_whole_number(days: Any) -> None:
    with pytest.raises(SettingsError, match="PRESS_IMAGE_CACHE_DAYS"):
        load({"DEFAULT_LANG": "ru", "PRESS_LANGUAGES": ["ru"], "PRESS_IMAGE_CACHE_DAYS": days}).images
