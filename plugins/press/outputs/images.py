"""Images plugin: every photo an item shows, published small, upright and clean.

Why our own plugin: pelican-photos pins Pillow<12 and writes no ``srcset``;
pelican-image-process ignores EXIF orientation and copies originals with
their GPS position; neither is multilingual for captions (a translation gives
its own captions and alt text for the same files). Here a photo is a file of
an item's folder that any language version shows through ``gallery``,
``cover`` or its Markdown body; it is published once, as derived images in
the configured widths and formats (``photo-05-960.webp``), decoded in JPEG
draft mode, turned upright from its EXIF orientation, converted to sRGB and
stripped of all metadata (:mod:`press.outputs.imaging` does the pixels). Originals
are not published unless ``PRESS_PUBLISH_ORIGINALS`` asks, and then as clean
full-size copies too.

Hooks, in the order ``Pelican.run()`` calls them:

* ``generator_init`` — on the first generator, right after ``press.site.reader``
  loaded the index: plans the photos of every published item and page
  (gallery, cover, body images and image links, image attachments) with
  their sizes read from the file headers, so pages can be written before a
  pixel is decoded. Body images are checked here (the loader checks cover and
  gallery): a missing, unreadable or oversized file stops the build with the
  file and line named. A photo with neither alt text nor caption is a warning.
  On every generator: the template globals ``picture()``, ``image_link()``
  and ``og_image()``.
* ``content_object_init`` — turns each body ``<img>`` of the item's own
  photos into ``<picture>`` markup, and links to them into links to the
  largest derived image.
* ``get_generators`` — adds :class:`ImagesGenerator`; its ``generate_output``
  encodes what the cache lacks on all cores (a rebuild with unchanged photos
  encodes nothing) and copies the derived files from the cache into the output.
* ``static_generator_finalized`` — drops the original photos from Pelican's
  static files; documents, audio and the rest are copied as before.

Held (draft, embargoed) versions are not planned, so their photos are not
published; a preview build (``PRESS_PREVIEW``) shows them like everything else.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import os
import re
import tempfile
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote

from jinja2 import pass_context
from markupsafe import Markup, escape
from pelican.generators import Generator
from PIL import Image, UnidentifiedImageError

from . import imaging as _imaging
from .imaging import FORMATS, ImageError, Job, Variant
from ..log import Problem, logger, report, voice
from ..messages import Msg
from ..parallel import cores
from ..settings import ImageSettings, PressSettings, load
from ..site.reader import CONTEXT_KEY
from ..site.i18n import page_lang
from ..content.links import body_images, image_problem, image_target, local_image
from ..content.loader import SiteIndex
from ..content.model import IMAGE_EXTENSIONS, Bundle, Entry, Localized, SourceFile, gallery_alt
from ..files import file_digest

IMAGES_KEY = "PRESS_IMAGES"

#: ``sizes`` of images in an item's text column (the body, the cover figure).
BODY_SIZES = "(min-width: 48rem) 46rem, 100vw"

#: Progress of encoding is logged every so many seconds when not on a terminal.
PROGRESS_EVERY = 2.0

_IMG_TAG = re.compile(r"<img\b(?P<attrs>[^>]*)>")
_ATTR = re.compile(r'(?P<name>[^\s=/>"]+)(?:="(?P<value>[^"]*)")?')
_STATIC_HREF = re.compile(r'\bhref="\{static\}(?P<url>[^"]+)"')
_KEEP_ON_IMG = ("id", "class", "title")


@dataclass
class Photo:
    """One photo of one bundle, and which files are made of it."""

    bundle: str  # bundle key, e.g. "galleries/2026-08-15-shg-fair-osh"
    file: str  # path inside the bundle folder
    source: str  # absolute path
    width: int  # as seen (EXIF orientation applied)
    height: int
    digest: str
    responsive: bool = False  # the srcset widths
    og: bool = False  # the sharing image of a cover
    full: bool = False  # a clean full-size copy

    def variants(self, settings: ImageSettings) -> list[Variant]:
        out = []
        if self.responsive:
            for fmt in settings.formats:
                for w, h in self.sizes(settings):
                    out.append(Variant("w", w, h, fmt, settings.quality[fmt]))
        if self.og:
            w, h = _imaging.og_size(self.width, self.height, settings.widths[-1])
            out.append(Variant("og", w, h, "jpeg", settings.quality["jpeg"]))
        if self.full:
            fmt = _imaging.FULL_FORMAT[os.path.splitext(self.file)[1].lower()]
            quality = _imaging.FULL_QUALITY if fmt in ("jpeg", "webp", "avif") else 0
            out.append(Variant("full", self.width, self.height, fmt, quality))
        return out

    def sizes(self, settings: ImageSettings) -> list[tuple[int, int]]:
        return _imaging.srcset_sizes(self.width, self.height, settings.widths)

    def path(self, variant: Variant) -> str:
        """Path of a derived file under the site root (URL-quoted)."""
        return quote(f"media/{self.bundle}/{variant.output_name(self.file)}")


@dataclass
class Stats:
    photos: int = 0
    files: int = 0
    encoded: int = 0
    seconds: float = 0.0


@dataclass
class ImagePlan:
    """The photos of the site to publish, shared through the generators' context."""

    index: SiteIndex
    press: PressSettings
    photos: dict[tuple[str, str], Photo] = field(default_factory=dict)
    output_path: str | None = None  # set once the files are written
    scratch: Any = None  # the plain path's image cache, removed with the plan
    stats: Stats = field(default_factory=Stats)

    @property
    def settings(self) -> ImageSettings:
        return self.press.images

    def add(self, bundle: Bundle, file: str, **uses: bool) -> Photo:
        """Plan ``file`` of ``bundle`` for ``uses``; raise ImageError if unusable."""
        key = (bundle.key, file)
        photo = self.photos.get(key)
        if photo is None:
            source = os.path.join(bundle.abspath, file)
            seen = _imaging.probe(source)
            photo = Photo(bundle.key, file, source, seen.width, seen.height, file_digest(source))
            self.photos[key] = photo
        for name, wanted in uses.items():
            if wanted and not getattr(photo, name):
                setattr(photo, name, True)
                if self.output_path is not None:  # asked for after the files were written
                    self._write([photo])
        return photo

    def require(self, bundle_key: str, file: str, where: SourceFile | None = None, **uses: bool) -> Photo:
        """The planned photo, or plan it now; a bad file stops the build."""
        photo = self.photos.get((bundle_key, file))
        if photo is not None and all(getattr(photo, n) for n, w in uses.items() if w):
            return photo
        bundle = self.index.bundles[bundle_key]
        try:
            return self.add(bundle, file, **uses)
        except (ImageError, OSError) as exc:
            path = where.path if where else f"{bundle_key}/{file}"
            report([Problem(path, None, "", Msg("{file!r} {problem}", file=file, problem=_reason(exc)))])
            raise  # report() raised already; this satisfies type checkers

    # --- writing ------------------------------------------------------------

    def write(self, output_path: str) -> None:
        self.output_path = output_path
        self._write(sorted(self.photos.values(), key=lambda p: (p.bundle, p.file)))

    def _write(self, photos: list[Photo]) -> None:
        start = time.perf_counter()
        settings = self.settings
        jobs: dict[str, list[Variant]] = {}
        sources: dict[str, str] = {}
        files = 0
        for photo in photos:
            variants = photo.variants(settings)
            files += len(variants)
            for variant in _imaging.missing(settings.cache, photo.digest, variants):
                if variant not in jobs.setdefault(photo.digest, []):
                    jobs[photo.digest].append(variant)
                sources.setdefault(photo.digest, photo.source)
        work = [Job(sources[d], d, tuple(v), settings.cache, Image.MAX_IMAGE_PIXELS) for d, v in sorted(jobs.items())]
        encoded = self._encode(work)
        assert self.output_path is not None
        for photo in photos:
            folder = _imaging.cache_folder(settings.cache, photo.digest)
            for variant in photo.variants(settings):
                target = os.path.join(self.output_path, "media", photo.bundle, variant.output_name(photo.file))
                _place(os.path.join(folder, variant.cache_name), target)
        seconds = time.perf_counter() - start
        self.stats.photos += len(photos)
        self.stats.files += files
        self.stats.encoded += encoded
        self.stats.seconds += seconds
        rate = f", {len(work) / seconds:.1f} photos/s" if work and seconds else ""
        logger.info(
            "images: %d photos, %d files: %d encoded, %d from the cache (%.2f s%s)",
            len(photos), files, encoded, files - encoded, seconds, rate,
        )  # fmt: skip

    def _encode(self, jobs: list[Job]) -> int:
        if not jobs:
            return 0
        workers = self.settings.workers or cores()
        files = sum(len(job.variants) for job in jobs)
        logger.info("images: encoding %d photos (%d files) in %d processes",
                    len(jobs), files, min(workers, len(jobs)))  # fmt: skip
        progress = _Progress(len(jobs))
        failures: list[Problem] = []
        encoded = 0

        def done(job: Job, result: int | BaseException) -> None:
            nonlocal encoded
            if isinstance(result, BaseException):
                if not _is_image_problem(result):
                    raise result
                rel = os.path.relpath(job.source, self.index.root).replace(os.sep, "/")
                failures.append(Problem(rel, None, "", _undecodable(rel, result)))
            else:
                encoded += result
            progress.advance()

        try:
            _imaging.run(jobs, workers, done)
        finally:
            progress.close()
        report(failures)
        return encoded


def _is_image_problem(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno is not None:
        return False  # the disk or the cache folder, not the photo
    return isinstance(exc, (Image.DecompressionBombError, UnidentifiedImageError, OSError,
                            SyntaxError, ValueError, EOFError))  # fmt: skip


def _reason(exc: BaseException) -> Msg:
    if isinstance(exc, ImageError) and isinstance(exc.args[0], Msg):
        return exc.args[0]
    if isinstance(exc, Image.DecompressionBombError):
        return _imaging.BOMB
    return _imaging.NOT_AN_IMAGE


def _undecodable(path: str, exc: BaseException) -> Msg:
    """Why a photo whose header was fine could not be decoded (Pillow's own
    words, in English, are for the debug log)."""
    logger.debug("images: %s could not be decoded: %s", path, exc)
    if isinstance(exc, Image.DecompressionBombError):
        return _imaging.BOMB
    return Msg("could not be decoded: the file is damaged or incomplete; save or export the photo again")


def _place(cached: str, target: str) -> None:
    """Put a cached file into the output: a hard link, or a copy across disks."""
    os.makedirs(os.path.dirname(target), exist_ok=True)
    if os.path.lexists(target):
        os.unlink(target)
    try:
        os.link(cached, target)
    except OSError:
        import shutil

        shutil.copyfile(cached, target)


class _Progress:
    """Progress of long image work on Pelican's console, which shows without -v:
    a bar on a terminal, else a plain line every PROGRESS_EVERY seconds."""

    def __init__(self, total: int):
        from pelican.log import console

        self.console = console
        self.total = total
        self.count = 0
        self.last = time.monotonic()
        self.bar: Any = None
        if total > 1 and console.is_terminal:
            from rich.progress import Progress

            self.bar = Progress(console=console, transient=True)
            self.task = self.bar.add_task("images", total=total)
            self.bar.start()

    def advance(self) -> None:
        self.count += 1
        if self.bar is not None:
            self.bar.advance(self.task)
            return
        tick = time.monotonic()
        if tick - self.last >= PROGRESS_EVERY and self.count < self.total:
            self.last = tick
            say = voice()
            self.console.print(say("images: {count} of {total} photos encoded ({percent}%)", count=self.count,
                                   total=self.total, percent=100 * self.count // self.total),
                               highlight=False, markup=False)  # fmt: skip

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


# --- planning ----------------------------------------------------------------


def plan_site(index: SiteIndex, press: PressSettings) -> tuple[ImagePlan, list[Problem]]:
    """Plan the photos of every published item and page; return the problems found."""
    plan = ImagePlan(index, press)
    problems: list[Problem] = []
    for key in sorted(index.bundles):
        bundle = index.bundles[key]
        entries = [e for e in bundle.entries.values() if not e.held or press.preview]
        if bundle.kind in ("item", "page") and entries:
            _plan_bundle(plan, bundle, entries, problems)
    _check_names(plan, problems)
    problems.extend(images_without_alt(index, press))
    return plan, problems


def _check_names(plan: ImagePlan, problems: list[Problem]) -> None:
    """Two photos must not publish a file of the same name (photo.jpg and photo.png)."""
    seen: dict[tuple[str, str], str] = {}
    for photo in sorted(plan.photos.values(), key=lambda p: (p.bundle, p.file)):
        for variant in photo.variants(plan.settings):
            name = variant.output_name(photo.file)
            other = seen.setdefault((photo.bundle, name.lower()), photo.file)
            if other != photo.file:
                problems.append(Problem(f"{photo.bundle}/{photo.file}", None, "", Msg(
                    "would be published as {name!r}, like {other!r}; rename one of the two",
                    name=name, other=other)))  # fmt: skip
                break


_HTML_IMG = re.compile(r'<img\b[^>]*?\bsrc="(?P<src>[^"]*)"[^>]*>')
_EMPTY_ALT = re.compile(r'\salt="\s*"')


def images_without_alt(index: SiteIndex, press: PressSettings) -> list[Problem]:
    """Body images from elsewhere (another site, a pasted ``<img>``) without alt text.

    They are published with ``alt=""`` (:mod:`press.content.sanitize`); the item's
    own photos are warned about where they become ``<picture>``
    (:func:`rewrite_body`), where the gallery's alt text can stand in.
    """
    found = []
    for key in sorted(index.bundles):
        for entry in index.bundles[key].entries.values():
            body = index.html.get(entry.source.path)
            if not body or "<img" not in body or (entry.held and not press.preview):
                continue
            for match in _HTML_IMG.finditer(body):
                src = html.unescape(match["src"])
                own = src.startswith("{static}") and _path_of(src).lower().endswith(IMAGE_EXTENSIONS)
                if not own and (_EMPTY_ALT.search(match[0]) or " alt=" not in match[0]):
                    found.append(Problem(entry.source.path, _line_of(entry.source, src), "body", Msg(
                        "the image {url!r} has no alt text; write what it shows in ![…](…)", url=src), "warning"))  # fmt: skip
    return found


def _path_of(url: str) -> str:
    return unquote(url.split("#", 1)[0].split("?", 1)[0])


def _plan_bundle(plan: ImagePlan, bundle: Bundle, entries: list[Entry], problems: list[Problem]) -> None:
    unnamed: set[tuple[str, str]] = set()
    for entry in entries:
        meta, source = entry.meta, entry.source
        for photo in meta.get("gallery") or []:
            _plan(plan, bundle, photo.file, source, "gallery", problems, responsive=True)
            written = _gallery_written(bundle, entry, plan.press.default_lang)
            if photo.alt_text(entry.lang) is None and (written.path, photo.file) not in unnamed:
                unnamed.add((written.path, photo.file))
                problems.append(Problem(
                    written.path, written.line_of("gallery", photo.file) or written.line_of("gallery"), "gallery",
                    Msg("{file!r} has neither alt text nor a caption; add 'alt:' saying what the photo shows",
                        file=photo.file), "warning"))  # fmt: skip
        if meta.get("cover"):
            _plan(plan, bundle, meta["cover"], source, "cover", problems, responsive=True, og=True)
        for attachment in meta.get("attachments") or []:
            if attachment.file.lower().endswith(IMAGE_EXTENSIONS):
                _plan(plan, bundle, attachment.file, source, "attachments", problems, full=True)
        for ref, line in body_images(source):
            found = locate(plan, bundle, ref)
            if isinstance(found, str):
                problems.append(Problem(source.path, line, "body", found))
            else:
                _plan(plan, found[0], found[1], source, "body", problems, line=line, responsive=True)
    if plan.settings.publish_originals:
        for file in _folder_images(bundle):
            _plan(plan, bundle, file, None, "", problems, full=True)


def _gallery_written(bundle: Bundle, entry: Entry, default_lang: str) -> SourceFile:
    """The file whose ``gallery`` list ``entry`` shows: its own, or the one it
    inherits (the default language's first, as :mod:`press.content.loader` merges)."""
    if "gallery" in entry.source.raw:
        return entry.source
    order = [default_lang, *[lang for lang in bundle.files if lang != default_lang]]
    return next((bundle.files[lang] for lang in order if lang in bundle.files and "gallery" in bundle.files[lang].raw),
                entry.source)  # fmt: skip


def _plan(plan: ImagePlan, bundle: Bundle, file: str, source: SourceFile | None, name: str,
          problems: list[Problem], line: int | None = None, **uses: bool) -> None:  # fmt: skip
    try:
        plan.add(bundle, file, **uses)
    except (ImageError, OSError) as exc:
        path = source.path if source else f"{bundle.key}/{file}"
        if line is None and source is not None:
            line = source.line_of(name, file)
        problems.append(Problem(path, line, name, Msg("{file!r} {problem}", file=file, problem=_reason(exc))))


def locate(plan: ImagePlan, bundle: Bundle, ref: str) -> tuple[Bundle, str] | str:
    """The bundle and file a body reference names (usually the item's own folder,
    possibly another published item's), or what is wrong with it (the loader
    has stopped the build on it already)."""
    target = image_target(plan.index, bundle, ref)
    problem = image_problem(plan.index, target, ref)
    if problem is not None or target.bundle is None:
        return problem or ref
    return target.bundle, target.file


def _folder_images(bundle: Bundle) -> list[str]:
    files = []
    for root, dirs, names in os.walk(bundle.abspath):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.lower().endswith(IMAGE_EXTENSIONS) and not name.startswith("."):
                files.append(os.path.relpath(os.path.join(root, name), bundle.abspath).replace(os.sep, "/"))
    return files


# --- markup ------------------------------------------------------------------


def picture_html(plan: ImagePlan, photo: Photo, siteurl: str, sizes: str, *, alt: str = "",
                 alt_lang: str | None = None, lazy: bool = True,
                 attrs: list[tuple[str, str]] | None = None) -> Markup:  # fmt: skip
    """``<picture>`` with one ``<source>`` per format and the last format's ``<img>``."""
    settings = plan.settings
    by_format: dict[str, list[tuple[Variant, str]]] = {}
    for variant in photo.variants(settings):
        if variant.kind == "w":
            by_format.setdefault(variant.format, []).append((variant, f"{siteurl}/{photo.path(variant)}"))

    def srcset(fmt: str) -> str:
        return ", ".join(f"{url} {variant.width}w" for variant, url in by_format[fmt])

    parts = ["<picture>"]
    for fmt in settings.formats[:-1]:
        parts.append(f'<source type="{FORMATS[fmt].mime}" srcset="{escape(srcset(fmt))}" sizes="{escape(sizes)}">')
    fallback = by_format[settings.formats[-1]]
    _, src = fallback[(len(fallback) - 1) // 2]  # a middle width for browsers without srcset
    widest = fallback[-1][0]
    img: list[tuple[str, Any]] = [
        ("src", src), ("srcset", srcset(settings.formats[-1])), ("sizes", sizes),
        ("width", widest.width), ("height", widest.height), ("alt", alt),
    ]  # fmt: skip
    if alt_lang:
        img.append(("lang", alt_lang))
    img.extend(attrs or [])
    if lazy:
        img.append(("loading", "lazy"))
    img.append(("decoding", "async"))
    parts.append("<img " + " ".join(f'{name}="{escape(value)}"' for name, value in img) + ">")
    parts.append("</picture>")
    return Markup("".join(parts))


def _link_variant(plan: ImagePlan, photo: Photo) -> Variant:
    """The larger image a thumbnail or a link opens: the clean original if
    published, else the widest derived image in the fallback format."""
    variants = photo.variants(plan.settings)
    full = [v for v in variants if v.kind == "full"]
    fallback = [v for v in variants if v.kind == "w" and v.format == plan.settings.formats[-1]]
    return (full or fallback)[-1]


def link_path(plan: ImagePlan, photo: Photo) -> str:
    return photo.path(_link_variant(plan, photo))


@dataclass(frozen=True)
class PublishedImage:
    """The published file that stands for a photo elsewhere (feeds, enclosures)."""

    path: str  # under the site root, URL-quoted
    width: int
    height: int
    mime: str
    length: int  # bytes; 0 before the files are written


def published_image(plan: ImagePlan | None, bundle_key: str, file: str) -> PublishedImage | None:
    """What a link to ``file`` of ``bundle_key`` should point at, or None without this plugin."""
    if plan is None:
        return None
    photo = plan.require(bundle_key, file, responsive=True)
    variant = _link_variant(plan, photo)
    cached = os.path.join(_imaging.cache_folder(plan.settings.cache, photo.digest), variant.cache_name)
    length = os.path.getsize(cached) if os.path.exists(cached) else 0
    return PublishedImage(photo.path(variant), variant.width, variant.height, FORMATS[variant.format].mime, length)


@dataclass(frozen=True)
class ShareImage:
    path: str  # under the site root
    width: int
    height: int
    mime: str = "image/jpeg"


def share_image(context: Any, item: Any) -> ShareImage | None:
    """The OpenGraph image of an item with a cover (also for JSON-LD)."""
    plan: ImagePlan | None = context.get(IMAGES_KEY)
    cover = getattr(item, "cover", None)
    if plan is None or not cover:
        return None
    photo = plan.require(item.bundle, cover, og=True)
    variant = next(v for v in photo.variants(plan.settings) if v.kind == "og")
    return ShareImage(photo.path(variant), variant.width, variant.height)


# --- template globals --------------------------------------------------------


@pass_context
def picture(ctx: Any, item: Any, file: str, sizes: str = "100vw", lazy: bool = True,
            alt: Any = None, class_: str | None = None) -> Markup:  # fmt: skip
    """``<picture>`` of a photo of ``item``'s folder. ``alt=None`` takes the
    gallery's alt text or caption of that file; ``alt=""`` marks it decorative."""
    plan: ImagePlan = ctx[IMAGES_KEY]
    photo = plan.require(item.bundle, file, responsive=True)
    lang = page_lang(ctx)
    if alt is None:
        alt = gallery_alt(item, file, lang) or ""
    alt_lang = alt.lang if isinstance(alt, Localized) and alt and alt.lang != lang else None
    attrs = [("class", class_)] if class_ else []
    return picture_html(plan, photo, ctx.get("SITEURL", ""), sizes, alt=str(alt), alt_lang=alt_lang,
                        lazy=lazy, attrs=attrs)  # fmt: skip


@pass_context
def image_link(ctx: Any, item: Any, file: str) -> str:
    plan: ImagePlan = ctx[IMAGES_KEY]
    return f"{ctx.get('SITEURL', '')}/{link_path(plan, plan.require(item.bundle, file, responsive=True))}"


@pass_context
def og_image(ctx: Any, item: Any) -> ShareImage | None:
    """The OpenGraph image of ``item`` (None without a cover); press.site.structured
    reads it for JSON-LD through this template global."""
    return share_image(ctx, item)


# --- hooks -------------------------------------------------------------------


def prepare(generator: Any) -> None:
    """Plan once per build (after press.site.reader's index); install template globals."""
    context = generator.context
    if IMAGES_KEY not in context and CONTEXT_KEY in context:
        press = load(generator.settings)
        scratch = None
        if not press.incremental:  # the plain path encodes every photo anew
            scratch = tempfile.TemporaryDirectory(prefix="press-images-")
            press = dataclasses.replace(press, images=dataclasses.replace(press.images, cache=scratch.name))
        plan, problems = plan_site(context[CONTEXT_KEY], press)
        plan.scratch = scratch
        report(problems)
        context[IMAGES_KEY] = plan
    generator.env.globals.update(picture=picture, image_link=image_link, og_image=og_image)


def rewrite_body(content: Any) -> None:
    """Body ``<img>`` of the item's photos become ``<picture>``; links to them
    go to the larger derived image."""
    plan: ImagePlan | None = (getattr(content, "_context", None) or {}).get(IMAGES_KEY)
    bundle_key = getattr(content, "metadata", {}).get("bundle")
    body = getattr(content, "_content", None)
    if plan is None or not bundle_key or not body or "{static}" not in body:
        return
    found = plan.index.lookup(content.source_path)
    entry = found[0].entries[found[1]] if found else None
    source = entry.source if entry else None
    siteurl = content.settings.get("SITEURL", "")
    warnings: list[Problem] = []

    def image(match: re.Match[str]) -> str:
        attrs = {m["name"].lower(): html.unescape(m["value"] or "") for m in _ATTR.finditer(match["attrs"])}
        src = attrs.get("src", "")
        file = local_image(src[len("{static}") :]) if src.startswith("{static}") else None
        photo = _body_photo(plan, bundle_key, file, source)
        if file is None or photo is None:
            return match[0]
        alt: Any = attrs.get("alt", "").strip() or gallery_alt(content, file, content.lang)
        if not alt and source is not None:
            line = _line_of(source, file)
            warnings.append(Problem(source.path, line, "body", Msg(
                "the image {url!r} has no alt text; write what it shows in ![…](…)", url=file), "warning"))  # fmt: skip
        alt_lang = alt.lang if isinstance(alt, Localized) and alt.lang != content.lang else None
        keep = [(name, attrs[name]) for name in _KEEP_ON_IMG if attrs.get(name)]
        return picture_html(plan, photo, siteurl, BODY_SIZES, alt=str(alt or ""), alt_lang=alt_lang,
                            lazy=True, attrs=keep)  # fmt: skip

    def link(match: re.Match[str]) -> str:
        photo = _body_photo(plan, bundle_key, local_image(html.unescape(match["url"])), source)
        if photo is None:
            return match[0]
        return f'href="{escape(siteurl)}/{link_path(plan, photo)}"'

    content._content = _STATIC_HREF.sub(link, _IMG_TAG.sub(image, body))
    report(warnings)


def _body_photo(plan: ImagePlan, bundle_key: str, ref: str | None, source: SourceFile | None) -> Photo | None:
    """The photo a body ``{static}`` reference names; a bad one stops the build."""
    if ref is None:
        return None
    found = locate(plan, plan.index.bundles[bundle_key], ref)
    if isinstance(found, str):
        report([Problem(source.path if source else bundle_key, _line_of(source, ref) if source else None,
                        "body", found)])  # fmt: skip
        return None
    return plan.require(found[0].key, found[1], source, responsive=True)


def _line_of(source: SourceFile, file: str) -> int | None:
    at = source.body.find(file)
    return None if at < 0 else source.body_line + source.body.count("\n", 0, at)


def drop_originals(generator: Any) -> None:
    """Original photos are never copied as they are: they carry EXIF, GPS and
    full resolution. ImagesGenerator writes what is published of them."""
    kept = [s for s in generator.staticfiles if not s.source_path.lower().endswith(IMAGE_EXTENSIONS)]
    generator.staticfiles = kept
    generator.context["staticfiles"] = kept


class ImagesGenerator(Generator):
    """Writes the derived images of the planned photos into the output."""

    def generate_output(self, writer: Any) -> None:
        plan: ImagePlan | None = self.context.get(IMAGES_KEY)
        if plan is not None:
            plan.write(self.output_path)
            cache = plan.settings
            removed = _imaging.prune(cache.cache, {p.digest for p in plan.photos.values()}, cache.cache_days,
                                     dt.date.today())  # fmt: skip
            if removed:
                logger.info("images: removed from the cache the files of %d photos unused for %d days",
                            removed, cache.cache_days)  # fmt: skip


def get_generators(pelican: Any) -> type[Generator]:
    return ImagesGenerator
