"""Photo throughput: our derived-image pipeline against Pillow's own best.

Generates ``count`` camera-sized JPEGs (3000×2000, with noise so they do not
compress trivially) and measures photos per second on every core:

* reference: Pillow alone, the fastest way it offers — ``Image.draft()``
  (reduced-scale JPEG decoding), resize to 960 px, save as JPEG;
* ours, like for like: ``press.outputs.imaging`` making the same 960 px JPEG (it
  also applies EXIF orientation, converts to sRGB and drops all metadata);
* ours, as the site publishes: every default variant (480/960/1600 px in WebP
  and JPEG);
* and the number of files the cache lacks when the same photos come again
  (a rebuild with nothing changed must encode none).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from press import _imaging  # noqa: E402


def make_photos(folder: Path, count: int) -> list[Path]:
    paths = []
    for n in range(count):
        noise = Image.effect_noise((3000, 2000), 40 + n % 20).convert("RGB")
        tint = Image.new("RGB", (3000, 2000), (60 + n * 3 % 150, 110, 170))
        photo = Image.blend(noise, tint, 0.6)
        path = folder / f"photo-{n:03d}.jpg"
        photo.save(path, quality=88)
        paths.append(path)
    return paths


def pillow_reference(path: str) -> None:
    with Image.open(path) as image:
        image.draft("RGB", (960, 640))
        small = image.convert("RGB").resize((960, 640), Image.Resampling.LANCZOS)
        small.save(os.devnull, "JPEG", quality=82)


def workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def rate(count: int, seconds: float) -> float:
    return count / seconds if seconds else float("inf")


def ours(paths: list[Path], cache: str, variants: tuple[_imaging.Variant, ...]) -> tuple[float, int]:
    jobs = []
    for path in paths:
        digest = _imaging.file_digest(str(path))
        todo = _imaging.missing(cache, digest, list(variants))
        if todo:
            jobs.append(_imaging.Job(str(path), digest, tuple(todo), cache, Image.MAX_IMAGE_PIXELS))
    written = 0

    def done(job: _imaging.Job, result: int | BaseException) -> None:
        nonlocal written
        if isinstance(result, BaseException):
            raise result
        written += result

    start = time.perf_counter()
    _imaging.run(jobs, workers(), done)
    return time.perf_counter() - start, written


def measure(count: int = 40) -> dict:
    with tempfile.TemporaryDirectory(prefix="pressroom-images-") as tmp:
        paths = make_photos(Path(tmp), count)
        start = time.perf_counter()
        with ProcessPoolExecutor(workers()) as pool:
            list(pool.map(pillow_reference, [str(p) for p in paths]))
        reference = rate(count, time.perf_counter() - start)
        like = (_imaging.Variant("w", 960, 640, "jpeg", 82),)
        seconds, _ = ours(paths, os.path.join(tmp, "cache-like"), like)
        like_rate = rate(count, seconds)
        full = tuple(
            _imaging.Variant("w", w, w * 2 // 3, fmt, q)
            for w in (480, 960, 1600) for fmt, q in (("webp", 80), ("jpeg", 82))
        )  # fmt: skip
        full_cache = os.path.join(tmp, "cache-full")
        seconds, written = ours(paths, full_cache, full)
        full_rate = rate(count, seconds)
        _, again = ours(paths, full_cache, full)
    return {
        "photos": count,
        "workers": workers(),
        "pillow_draft_960_jpeg_per_s": round(reference, 1),
        "ours_960_jpeg_per_s": round(like_rate, 1),
        "ratio": round(like_rate / reference, 2),
        "ours_all_variants_per_s": round(full_rate, 1),
        "files_written_all_variants": written,
        "encoded_on_unchanged_rebuild": again,
    }


if __name__ == "__main__":
    import json

    print(json.dumps(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 40), indent=2))
