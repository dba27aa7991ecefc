"""Pixels: reading photos safely and writing their derived images through a cache.

Everything here is plain Pillow and the file system; it knows nothing of
Pelican, so worker processes import it (and Pillow) alone. The ``images``
plugin decides *which* files to make; this module makes them:

* :func:`probe` opens a photo the way every later step will (respecting
  ``Image.MAX_IMAGE_PIXELS``) and returns its upright size, or raises
  :class:`ImageError` with a message for the press officer;
* :func:`srcset_sizes` and :func:`og_size` compute the derived sizes from the
  upright size alone, so pages can be written before any pixel is decoded;
* :func:`encode` decodes one photo once — JPEG in draft mode, at the smallest
  DCT scale that is still :data:`DRAFT_GAP` times the largest size needed —
  applies its EXIF orientation, converts it to sRGB, drops every piece of
  metadata (EXIF, GPS, XMP, IPTC, comments, ICC profiles) and writes each
  missing variant into the cache, atomically;
* :func:`run` spreads the photos over a ProcessPoolExecutor.

Cache layout: ``<cache>/v<PIPELINE>/<digest[:2]>/<digest>/<variant>`` where the
hash is the photo's content and the variant name carries its kind, size,
format and quality, so a changed photo or setting makes new files and an
unchanged one is never encoded again. :func:`prune` records the day each
photo was last used (``<cache>/uses.sqlite``) and, once a day, removes the
files of photos no build has used for a while and those of older pipelines:
a press centre replaces photos for years, and the cache would only grow.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import multiprocessing
import os
import shutil
import site
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from ..messages import Msg
from ..parallel import cores
from ..store import Store

#: Changes whenever the pipeline writes different bytes for the same input,
#: so that files of an older pipeline are not reused.
PIPELINE = "2"  # bump when decoding or encoding changes: the cache keeps no older pixels

#: File name endings treated as photos.

#: Size of the OpenGraph sharing image (cropped to fill it).
OG_SIZE = (1200, 630)

#: JPEG draft decoding keeps at least this factor over the largest size
#: written. DCT scaling to no less than the target size is what Pillow's own
#: draft-then-resize does; the Lanczos step that follows smooths what little
#: it costs, and it halves decoding time for a 3000 px photo made 960 px wide
#: (bench/images.py: 0.89 of Pillow's throughput, 0.5 with a factor of 2).
DRAFT_GAP = 1.0

#: Quality of full-size copies (``PRESS_PUBLISH_ORIGINALS``) in lossy formats.
FULL_QUALITY = 95

_ORIENTATION = 0x0112
_TRANSPOSED = (5, 6, 7, 8)  # orientations that swap width and height


@dataclass(frozen=True)
class Format:
    pil: str  # Pillow's format name
    ext: str
    mime: str
    alpha: bool  # keeps transparency


FORMATS: dict[str, Format] = {
    "webp": Format("WEBP", ".webp", "image/webp", True),
    "jpeg": Format("JPEG", ".jpg", "image/jpeg", False),
    "avif": Format("AVIF", ".avif", "image/avif", True),
    "png": Format("PNG", ".png", "image/png", True),
    "gif": Format("GIF", ".gif", "image/gif", True),
}

#: Format of a full-size copy, by the original's file name ending.
FULL_FORMAT = {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".webp": "webp", ".gif": "gif"}

NOT_AN_IMAGE = Msg("is not a readable image (JPEG, PNG, WebP or GIF expected)")
BOMB = Msg("is too large to process safely (a decompression bomb); use a smaller photo")


class ImageError(ValueError):
    """A file that cannot be published as a photo; the message says why."""


@dataclass(frozen=True)
class Probe:
    """What a photo's header says, with width and height as the photo is seen."""

    width: int
    height: int
    format: str


@dataclass(frozen=True)
class Variant:
    """One file made from a photo."""

    kind: str  # "w": a width of the srcset; "og": the sharing image; "full": the clean original
    width: int
    height: int
    format: str  # a key of FORMATS
    quality: int

    @property
    def cache_name(self) -> str:
        return f"{self.kind}-{self.width}x{self.height}-q{self.quality}{FORMATS[self.format].ext}"

    def output_name(self, file: str) -> str:
        """Name in the output, beside where the original would be: photo-05-960.webp."""
        if self.kind == "full":
            return file
        stem = os.path.splitext(file)[0]
        suffix = "og" if self.kind == "og" else str(self.width)
        return f"{stem}-{suffix}{FORMATS[self.format].ext}"


@dataclass(frozen=True)
class Job:
    """The variants of one photo that the cache lacks."""

    source: str  # absolute path
    digest: str
    variants: tuple[Variant, ...]
    cache: str
    max_pixels: int | None


@contextmanager
def _quiet_bomb_warnings() -> Iterator[None]:
    """Photos between MAX_IMAGE_PIXELS and twice that are decoded in draft mode,
    so Pillow's warning about them is noise; the error above twice still stops."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        yield


def probe(path: str) -> Probe:
    """Read the header of ``path``; raise ImageError if it is no usable image."""
    try:
        with _quiet_bomb_warnings(), Image.open(path) as image:
            image.verify()  # must come first; the image is closed after it
        with _quiet_bomb_warnings(), Image.open(path) as image:
            orientation = image.getexif().get(_ORIENTATION, 1)
            width, height = image.size
            fmt = image.format or ""
    except Image.DecompressionBombError as exc:
        raise ImageError(BOMB) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, TypeError) as exc:
        raise ImageError(NOT_AN_IMAGE) from exc
    if orientation in _TRANSPOSED:
        width, height = height, width
    return Probe(width, height, fmt)


def srcset_sizes(width: int, height: int, widths: tuple[int, ...]) -> list[tuple[int, int]]:
    """Sizes of the srcset: each configured width narrower than the photo, then
    the photo's own width capped at the widest; never an enlargement."""
    top = min(width, widths[-1])
    chosen = [w for w in widths if w < top] + [top]
    return [(w, max(1, round(height * w / width))) for w in chosen]


def og_size(width: int, height: int, widest: int) -> tuple[int, int]:
    """The sharing image: OG_SIZE, scaled down for photos (or widths) smaller than it."""
    target_w, target_h = OG_SIZE
    scale = min(1.0, width / target_w, height / target_h, widest / target_w)
    return max(1, round(target_w * scale)), max(1, round(target_h * scale))


def cache_folder(cache: str, digest: str) -> str:
    return os.path.join(cache, f"v{PIPELINE}", digest[:2], digest)


USES_FILE = "uses.sqlite"


def prune(cache: str, used: Iterable[str], keep_days: int, today: dt.date) -> int:
    """Record that the photos ``used`` (by digest) were used ``today``; once a
    day, remove the files of photos no build has used for more than
    ``keep_days`` days (0: never) and of older pipelines. Returns the number
    of photos whose files were removed.

    A photo found in the cache without a record starts its time now: the
    cache may be shared with another site whose builds record their own.
    """
    if not os.path.isdir(cache):
        return 0
    day = today.isoformat()
    path = os.path.join(cache, USES_FILE)
    with Store(path, "last_used") as uses, Store(path, "pruned") as pruned:
        known = {k: v for k, v in uses.get_all().items() if isinstance(v, str)}
        fresh = {digest: day for digest in set(used) if known.get(digest) != day}
        known.update(fresh)
        if keep_days <= 0 or pruned.get_many(["day"]).get("day") == day:
            uses.update(fresh)
            return 0
        oldest = (today - dt.timedelta(days=keep_days)).isoformat()
        removed = set()
        for name in os.listdir(cache):
            folder = os.path.join(cache, name)
            if name.startswith("v") and name != f"v{PIPELINE}" and os.path.isdir(folder):
                shutil.rmtree(folder, ignore_errors=True)  # files an older pipeline wrote
        current = os.path.join(cache, f"v{PIPELINE}")
        for prefix in sorted(os.listdir(current)) if os.path.isdir(current) else []:
            for digest in sorted(os.listdir(os.path.join(current, prefix))):
                last = known.get(digest)
                if last is None:
                    fresh[digest] = known[digest] = day
                elif last < oldest:
                    shutil.rmtree(os.path.join(current, prefix, digest), ignore_errors=True)
                    removed.add(digest)
        uses.update(fresh, keep=[d for d in known if d not in removed])
        pruned.update({"day": day})
    return len(removed)


def missing(cache: str, digest: str, variants: list[Variant]) -> list[Variant]:
    folder = cache_folder(cache, digest)
    return [v for v in variants if not os.path.exists(os.path.join(folder, v.cache_name))]


# --- in the worker processes -------------------------------------------------


def encode(job: Job) -> int:
    """Decode ``job.source`` once and write its variants into the cache.

    Returns the number of files encoded. Runs in a worker process.
    """
    Image.MAX_IMAGE_PIXELS = job.max_pixels
    folder = cache_folder(job.cache, job.digest)
    os.makedirs(folder, exist_ok=True)
    upright = _decode(job.source, _decode_size(job.variants))
    for variant in job.variants:
        image = _render(upright, variant)
        _save(image, variant, os.path.join(folder, variant.cache_name))
    return len(job.variants)


def _decode_size(variants: tuple[Variant, ...]) -> tuple[int, int] | None:
    """The smallest upright size every variant can be made from; None: full size."""
    if any(v.kind == "full" for v in variants):
        return None
    return (max(v.width for v in variants), max(v.height for v in variants))


def _decode(path: str, need: tuple[int, int] | None) -> Image.Image:
    with _quiet_bomb_warnings(), Image.open(path) as image:
        orientation = image.getexif().get(_ORIENTATION, 1)
        if need is not None and image.format == "JPEG":
            width, height = need if orientation not in _TRANSPOSED else need[::-1]
            # Never below DRAFT_GAP times the largest size, in both directions
            # (the sharing image crops, so it may need the full height).
            image.draft(None, (math.ceil(width * DRAFT_GAP), math.ceil(height * DRAFT_GAP)))
        image.load()  # the first frame of an animation
    upright = ImageOps.exif_transpose(image) if orientation != 1 else image
    upright = _to_srgb(upright)
    upright.info = {}
    return upright


def _to_srgb(image: Image.Image) -> Image.Image:
    """RGB or RGBA in sRGB; other colour profiles converted, none kept."""
    alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    mode = "RGBA" if alpha else "RGB"
    icc = image.info.get("icc_profile")
    if icc and image.mode in ("RGB", "RGBA", "CMYK", "L", "LA"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            if "srgb" not in (ImageCms.getProfileDescription(source) or "").lower().replace(" ", ""):
                if image.mode in ("LA", "RGBA"):
                    image = image.convert("RGBA")
                target = ImageCms.createProfile("sRGB")
                converted = ImageCms.profileToProfile(image, source, target, outputMode=mode)
                if converted is not None:
                    image = converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unreadable profile: the pixels are taken as sRGB
    return image if image.mode == mode else image.convert(mode)


def _render(upright: Image.Image, variant: Variant) -> Image.Image:
    size = (variant.width, variant.height)
    if variant.kind == "og":
        image = ImageOps.fit(upright, size, Image.Resampling.LANCZOS)
    elif upright.size != size:
        image = upright.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    else:
        image = upright.copy()
    if image.mode == "RGBA" and not FORMATS[variant.format].alpha:
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    image.info = {}
    return image


def _save(image: Image.Image, variant: Variant, target: str) -> None:
    fmt = FORMATS[variant.format]
    options: dict[str, object] = {}
    if variant.format == "jpeg":
        options = {"quality": variant.quality, "optimize": True, "progressive": True}
    elif variant.format == "webp":
        options = {"quality": variant.quality, "method": 4}
    elif variant.format == "avif":
        options = {"quality": variant.quality, "speed": 6}
    elif variant.format == "png":
        options = {"optimize": True}
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(target), suffix=fmt.ext + ".part")
    try:
        with os.fdopen(handle, "wb") as out:
            image.save(out, fmt.pil, **options)
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise


# --- in the build process ----------------------------------------------------

#: The folder that holds the ``press`` package, for worker processes.
_PLUGINS_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # plugins/, holding press/


def run(
    jobs: list[Job],
    workers: int,
    done: Callable[[Job, int | BaseException], None],
) -> None:
    """Encode ``jobs``, in parallel when there are several; ``done`` is told of
    each job's number of files written, or of the exception it raised."""
    workers = min(workers or cores(), len(jobs))
    if workers <= 1:
        for job in jobs:
            done(job, _try(job))
        return
    # fork on Linux: workers start at once with everything imported, and a
    # build script needs no `if __name__ == "__main__"` guard. Elsewhere spawn;
    # its workers find ``press`` through the plugins folder, which Pelican's
    # plugin loader keeps off sys.path.
    if sys.platform == "linux":
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    else:
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=site.addsitedir, initargs=(_PLUGINS_DIR,))  # fmt: skip
    with pool:
        futures: dict[Future[int], Job] = {pool.submit(encode, job): job for job in jobs}
        for future in as_completed(futures):
            error = future.exception()
            done(futures[future], error if error is not None else future.result())


def _try(job: Job) -> int | BaseException:
    try:
        return encode(job)
    except Exception as exc:  # noqa: BLE001 - reported with the file named, like a worker's
        return exc
