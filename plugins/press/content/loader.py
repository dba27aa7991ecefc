"""Reading the whole content tree into a checked :class:`SiteIndex`.

This is the one place that knows the folder layout of the content contract:
``<section>/<YYYY-MM-DD>-<slug>/index.<lang>.md``, ``pages/<slug>/``,
``projects/<key>/`` and ``data/regions.yml``. It parses every front matter
once (libyaml where installed), applies the multilingual inheritance rules,
decides what is held back (drafts, embargoes) and collects every problem with
its file and line. It knows nothing of Pelican, so ``make check`` uses it as
it is; the ``content`` plugin runs it once per build before anything is read.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import re
import zoneinfo
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import mutagen
import yaml
from PIL import Image, UnidentifiedImageError

from .. import dates as _dates
from . import fields as F
from . import inherit
from . import links
from ..log import Problem
from ..messages import Msg
from ..settings import RESERVED_SLUGS, SECTIONS, PressSettings
from .model import (
    IMAGE_EXTENSIONS,
    Attachment,
    Bundle,
    Contact,
    Credit,
    Entry,
    Event,
    GalleryImage,
    Localized,
    Region,
    Source,
    SourceFile,
)
from ..files import text_digest
from .timeline import under_embargo

try:  # libyaml is several times faster than the pure-Python loader
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]

ITEM_FOLDER = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)$")
PLAIN_FOLDER = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
INDEX_FILE = re.compile(r"^index\.(?P<lang>[A-Za-z_-]+)\.md$")
TOP_LEVEL = frozenset(SECTIONS) | {"pages", "projects", "data"}
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<yaml>.*?)(?:\r?\n)?^---[ \t]*$\r?\n?", re.S | re.M)


@dataclass
class ParsedFrontMatter:
    """Front matter already parsed, by a digest of its text and the YAML
    library's version, so that a build parses only what changed. The caller
    keeps it between builds (press.site.reader: in its SQLite cache); values
    are pickled, so each build gets objects of its own."""

    known: dict[str, bytes] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    new: dict[str, bytes] = field(default_factory=dict)

    def parse(self, text: str) -> Any:
        key = text_digest(f"{yaml.__version__}\0{text}")
        self.used.add(key)
        packed = self.known.get(key)
        if packed is not None:
            return pickle.loads(packed)
        raw = yaml.load(text, Loader=SafeLoader)
        self.new[key] = pickle.dumps(raw, protocol=pickle.HIGHEST_PROTOCOL)
        return raw


@dataclass
class SiteIndex:
    settings: PressSettings
    root: str
    build_time: dt.datetime
    bundles: dict[str, Bundle] = field(default_factory=dict)
    regions: dict[str, Region] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    by_path: dict[str, tuple[Bundle, str]] = field(default_factory=dict)
    html: dict[str, str] = field(default_factory=dict)  # body HTML by source path, see press.site.reader
    projects: dict[str, Bundle] = field(default_factory=dict)  # project bundles by folder name
    parsed: ParsedFrontMatter | None = None  # see load_site
    # press.content.links' decisions per bundle key, then per text and page language (for the caches' keys)
    links: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    linked_files: set[str] = field(default_factory=set)  # files that published texts link (absolute)
    _folders: dict[str, Bundle] | None = field(default=None, repr=False)

    def folders(self) -> dict[str, Bundle]:
        """Bundles by their folder's absolute path."""
        if self._folders is None or len(self._folders) != len(self.bundles):
            self._folders = {b.abspath: b for b in self.bundles.values()}
        return self._folders

    def lookup(self, abspath: str) -> tuple[Bundle, str] | None:
        # realpath costs a stat per path component; try the path as given first
        found = self.by_path.get(abspath)
        if found is None:
            folder, name = os.path.split(abspath)
            found = self.by_path.get(os.path.join(os.path.realpath(folder), name))
        return found

    def held(self) -> list[Entry]:
        entries = [e for b in self.bundles.values() for e in b.entries.values() if e.held]
        return sorted(entries, key=lambda e: e.source.path)

    def held_dirs(self) -> set[str]:
        """Folders of bundles with no published language version."""
        return {
            b.abspath for b in self.bundles.values() if b.entries and not b.published()
        }

    def next_embargo_lift(self) -> dt.datetime | None:
        times = [e.meta["embargo"] for e in self.held() if e.held.startswith("embargo")]
        return min(times, default=None)


def load_site(
    root: str, settings: PressSettings, build_time: dt.datetime, parsed: ParsedFrontMatter | None = None
) -> SiteIndex:
    """Scan ``root`` and return the checked index (problems are not raised).

    ``parsed``: front matter parsed by an earlier build, which this one adds to."""
    index = SiteIndex(settings=settings, root=os.path.realpath(root), build_time=build_time, parsed=parsed)
    index.regions = _load_regions(index)
    bundles = _scan(index)
    project_keys = frozenset(b.folder for b in bundles if b.kind == "project")
    image_checks: dict[str, str | None] = {}

    def check_image(path: str) -> str | None:
        if path not in image_checks:
            image_checks[path] = _check_image(path)
        return image_checks[path]

    for bundle in bundles:
        _add(index, bundle, project_keys, check_image)
    for bundle in bundles:
        _check_photos(index, bundle, check_image)
    _check_unique_slugs(index)
    index.projects = {b.folder: b for b in index.bundles.values() if b.kind == "project"}
    return index


def reload_bundle(index: SiteIndex, key: str) -> tuple[SiteIndex, Bundle] | None:
    """Read and check the bundle ``key`` (``news/2026-03-12-forum``) again,
    against the rest of ``index`` as it was; for the preview's first look at
    a saved file. Returns a copy of the index with that bundle replaced, or
    None if the bundle has any problem now (the full build reports it)."""
    old = index.bundles.get(key)
    if old is None:
        return None
    top, folder = key.split("/", 1)
    fresh = SiteIndex(settings=index.settings, root=index.root, build_time=index.build_time,
                      bundles=dict(index.bundles), regions=index.regions, by_path=dict(index.by_path),
                      projects=index.projects)  # fmt: skip
    bundle = _bundle(fresh, top, folder, old.abspath)
    if bundle is None or fresh.problems:
        return None
    _add(fresh, bundle, frozenset(index.projects), _check_image)
    _check_photos(fresh, bundle, _check_image)
    return None if fresh.problems else (fresh, bundle)


def _add(index: SiteIndex, bundle: Bundle, project_keys: frozenset[str], check_image: Callable[[str], str | None]) -> None:
    """Check the fields of ``bundle`` against the site and add it to ``index``."""
    ctx = F.FieldContext(
        settings=index.settings,
        bundle_dir=bundle.abspath,
        project_keys=project_keys,
        region_keys=frozenset(index.regions),
        check_image=check_image,
    )
    _resolve(index, bundle, ctx)
    index.bundles[bundle.key] = bundle
    for lang, source in bundle.files.items():
        index.by_path[os.path.join(bundle.abspath, os.path.basename(source.abspath))] = (bundle, lang)


def _check_photos(index: SiteIndex, bundle: Bundle, check_image: Callable[[str], str | None]) -> None:
    """The photos of ``bundle``'s texts, then the names of all its photos.

    Here rather than where the photos are planned (press.images), so that
    ``make check`` stops on what stops the build, with the same message."""
    if bundle.kind != "project":
        _check_photo_names(index, bundle, _check_body_images(index, bundle, check_image))


def _check_body_images(index: SiteIndex, bundle: Bundle, check_image: Callable[[str], str | None]) -> set[str]:
    """Photos a text shows must be readable photos of a published item's
    folder; returns those of the bundle's own folder."""
    own: set[str] = set()
    for entry in bundle.entries.values():
        for ref, line in links.body_images(entry.source):
            if "/" not in ref:
                own.add(ref)
            target = links.image_target(index, bundle, ref)
            problem = links.image_problem(index, target, ref) if not entry.held or target.problem else None
            if problem is None and target.problem is None:
                reason = check_image(target.path)
                problem = Msg("{file!r} {problem}", file=ref, problem=reason) if reason else None
            if problem is not None:
                index.problems.append(Problem(entry.source.path, line, "body", problem))
    return own


def _check_photo_names(index: SiteIndex, bundle: Bundle, body_photos: set[str]) -> None:
    """Two photos of a folder that differ only by extension (tent.jpg,
    tent.png) would be published as the same files (tent-960.webp)."""
    files = set(body_photos)
    for entry in bundle.entries.values():
        meta = entry.meta
        files.update(g.file for g in meta.get("gallery") or [] if isinstance(g, GalleryImage))
        files.update(a.file for a in meta.get("attachments") or [] if a.file.lower().endswith(IMAGE_EXTENSIONS))
        if meta.get("cover"):
            files.add(meta["cover"])
    seen: dict[str, str] = {}
    for file in sorted(files):
        other = seen.setdefault(os.path.splitext(file)[0].lower(), file)
        if other != file:
            index.problems.append(Problem(f"{bundle.key}/{file}", None, "", Msg(
                "would be published under the same names as {other!r} (only the extension differs); rename one of the two",
                other=other)))  # fmt: skip


def _rel(index: SiteIndex, path: str) -> str:
    root = index.root.rstrip(os.sep) + os.sep
    if path.startswith(root):  # the usual case, without relpath's normalising (6,000 files per build)
        return path[len(root):].replace(os.sep, "/")
    return os.path.relpath(path, index.root).replace(os.sep, "/")


def _error(index: SiteIndex, path: str, field: str, message: str, line: int | None = None) -> None:
    index.problems.append(Problem(_rel(index, path), line, field, message))


def _load_regions(index: SiteIndex) -> dict[str, Region]:
    path = os.path.join(index.root, "data", "regions.yml")
    if not os.path.exists(path):
        return {}
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=SafeLoader) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        _error(index, path, "", Msg("not valid YAML: {reason}", reason=_yaml_reason(exc)), None if line is None else line + 1)
        return {}
    if not isinstance(data, dict):
        _error(index, path, "", Msg("expected a mapping of region key to {{ru: name, ky: name, ...}}"))
        return {}
    regions = {}
    for key, names in sorted(data.items(), key=lambda kv: str(kv[0])):
        if not isinstance(names, dict) or not all(isinstance(v, str) for v in names.values()):
            _error(index, path, str(key), Msg("expected names per language, e.g. {{ru: Ош, ky: Ош, en: Osh}}"))
            continue
        names = dict(names)
        zone = names.pop("timezone", "")
        problem = F.timezone_problem(zone) if zone else None
        if problem:
            _error(index, path, f"{key}.timezone", problem, _yaml_line(path, str(key), "timezone:"))
            zone = ""
        unknown = sorted(set(names) - set(index.settings.languages))
        if unknown:
            _error(index, path, str(key), Msg("language {lang!r} is not configured", lang=unknown[0]))
        regions[str(key)] = Region(str(key), {k: v for k, v in names.items() if k in index.settings.languages}, zone)
    return regions


def _yaml_line(path: str, key: str, needle: str) -> int | None:
    """The line of ``needle`` in the entry ``key:`` of a YAML mapping file."""
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    top = next((n for n, line in enumerate(lines) if line.startswith(f"{key}:")), None)
    if top is None:
        return None
    end = next((n for n in range(top + 1, len(lines)) if lines[n][:1] not in ("", " ", "\t", "#")), len(lines))
    return next((n + 1 for n in range(top, end) if needle in lines[n]), top + 1)


def _scan(index: SiteIndex) -> list[Bundle]:
    bundles: list[Bundle] = []
    if not os.path.isdir(index.root):
        _error(index, index.root, "", Msg("content folder not found"))
        return bundles
    for top in sorted(os.listdir(index.root)):
        path = os.path.join(index.root, top)
        if top.startswith(".") or not os.path.isdir(path):
            if top.endswith(".md"):
                _error(index, path, "", Msg("a Markdown file must sit in an item folder such as news/2026-03-12-forum/index.ru.md"))
            continue
        if top not in TOP_LEVEL:
            _error(index, path, "", Msg("{folder!r} is not a section; sections are: {sections}, plus pages, projects and data", folder=top, sections=", ".join(SECTIONS)))
            continue
        if top == "data":
            continue
        for folder in sorted(os.listdir(path)):
            bundle_dir = os.path.join(path, folder)
            if folder.startswith("."):
                continue
            if not os.path.isdir(bundle_dir):
                _error(index, bundle_dir, "", Msg("files must sit inside an item folder, not directly in the section"))
                continue
            bundle = _bundle(index, top, folder, bundle_dir)
            if bundle is not None:
                bundles.append(bundle)
    return bundles


def _bundle(index: SiteIndex, top: str, folder: str, bundle_dir: str) -> Bundle | None:
    created = None
    if top in SECTIONS:
        match = ITEM_FOLDER.match(folder)
        if not match:
            _error(index, bundle_dir, "", Msg("the folder name must be YYYY-MM-DD-slug, e.g. 2026-03-12-forum-in-osh (lowercase latin letters, digits, hyphens)"))
            return None
        try:
            created = dt.date.fromisoformat(match["date"])
        except ValueError:
            _error(index, bundle_dir, "", Msg("{date!r} in the folder name is not a real date", date=match["date"]))
            return None
        slug, kind = match["slug"], "item"
    else:
        if not PLAIN_FOLDER.match(folder):
            _error(index, bundle_dir, "", Msg("the folder name must use lowercase latin letters, digits and hyphens"))
            return None
        if top == "pages" and folder in RESERVED_SLUGS:
            _error(index, bundle_dir, "", Msg("{folder!r} is reserved for generated pages; choose another folder name", folder=folder))
            return None
        slug, kind = folder, ("page" if top == "pages" else "project")
    bundle = Bundle(kind=kind, key=f"{top}/{folder}", section=top, folder=folder, slug=slug,
                    created=created, abspath=os.path.realpath(bundle_dir))  # fmt: skip
    langs = index.settings.languages
    for name in sorted(os.listdir(bundle_dir)):
        if not name.endswith(".md"):
            continue
        path = os.path.join(bundle_dir, name)
        match = INDEX_FILE.match(name)
        if not match:
            _error(index, path, "", Msg("expected a file named index.<language>.md, one of: {names}", names=", ".join(f"index.{l}.md" for l in langs)))
            continue
        if match["lang"] not in langs:
            _error(index, path, "", Msg("language {lang!r} is not configured; configured languages: {langs}", lang=match["lang"], langs=", ".join(langs)))
            continue
        source = _read_source(index, path, match["lang"])
        if source is not None:
            bundle.files[source.lang] = source
    if not bundle.files and not any(p.path.startswith(_rel(index, bundle_dir) + "/") for p in index.problems):
        _error(index, bundle_dir, "", Msg("no index.<language>.md file in this folder (e.g. index.{lang}.md)", lang=index.settings.default_lang))
    bundle.files = {lang: bundle.files[lang] for lang in langs if lang in bundle.files}
    return bundle


def split_source(text: str) -> tuple[str, str] | None:
    """A content file's front matter and body, as :class:`SourceFile` holds
    them (the file read as ``utf-8-sig``); None without front matter."""
    match = FRONT_MATTER.match(text)
    return (match["yaml"], text[match.end():]) if match else None


def _read_source(index: SiteIndex, path: str, lang: str) -> SourceFile | None:
    rel = _rel(index, path)
    try:
        with open(path, encoding="utf-8-sig") as handle:
            text = handle.read()
    except UnicodeDecodeError as exc:
        index.problems.append(Problem(rel, None, "", Msg("not UTF-8 text (byte {byte}); save the file as UTF-8", byte=exc.start)))
        return None
    except OSError as exc:
        index.problems.append(Problem(rel, None, "", Msg("cannot be read: {reason}", reason=exc.strerror or exc)))
        return None
    split = split_source(text)
    if split is None:
        index.problems.append(Problem(rel, 1, "", Msg("no front matter; the file must start with a line '---', the fields, and another '---'")))
        return None
    front, body = split
    body_line = text[: len(text) - len(body)].count("\n") + 1
    source = SourceFile(path=rel, abspath=path, lang=lang, front_matter=front, body=body, body_line=body_line)
    try:
        raw = index.parsed.parse(front) if index.parsed is not None else yaml.load(front, Loader=SafeLoader)
    except yaml.YAMLError as exc:
        line, message = _yaml_problem(exc, front, first_line=2)
        index.problems.append(Problem(rel, line, "", message))
        return None
    except (ValueError, OverflowError, RecursionError) as exc:  # e.g. 2026-13-45 read as a date
        index.problems.append(Problem(rel, None, "", Msg("the front matter has a value YAML cannot read ({reason}); check dates and numbers", reason=exc)))
        return None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        index.problems.append(Problem(rel, 2, "", Msg("the front matter must be 'field: value' lines")))
        return None
    source.raw = {str(k): v for k, v in raw.items()}
    return source


def _yaml_reason(exc: Exception) -> str:
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return str(problem)


def _yaml_problem(exc: yaml.YAMLError, text: str, first_line: int) -> tuple[int | None, Msg]:
    """The file line and the message for a YAML error in ``text`` (which
    starts at the file's line ``first_line``). Two mistakes get their own
    words: a tab (YAML indents with spaces only; libyaml does not name the
    character), and a quote never closed, reported where it opens (YAML
    notices it only further on, at the next quote or the end)."""
    mark = getattr(exc, "problem_mark", None)
    opened = getattr(exc, "context_mark", None)
    context = str(getattr(exc, "context", None) or "")
    problem = str(getattr(exc, "problem", None) or "")
    lines = text.splitlines()
    if mark is not None:
        written = lines[mark.line] if mark.line < len(lines) else ""
        indent = written[: len(written) - len(written.lstrip(" \t"))]
        if "\t" in indent or written[mark.column : mark.column + 1] == "\t" or "tab" in problem or "\\t" in problem:
            line = mark.line + first_line
            return line, Msg("a tab character at line {line}; indent with spaces", line=line)
    quote = None
    if context.startswith("while scanning a quoted scalar") and "end of stream" in problem and opened is not None:
        quote = opened.line
    else:
        quote = _unclosed_quote(lines)
    if quote is not None:
        line = quote + first_line
        return line, Msg("the front matter is not valid YAML: the quote opened at line {line} is never closed;"
                         " end the value with the same quote mark", line=line)  # fmt: skip
    if context.startswith("while parsing a flow") and opened is not None:  # [ ] or { } not closed
        mark = opened
    reason = Msg("the front matter is not valid YAML: {reason}; check quotes and colons (a value with ': ' needs quotes)",
                 reason=_yaml_reason(exc))  # fmt: skip
    return (None if mark is None else mark.line + first_line), reason


#: A value that starts with a quote: ``key: "…``, ``- "…``, ``- key: '…``.
_OPENING_QUOTE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s#"'-][^:]*:\s+)?(?P<quote>["'])(?P<rest>.*)$""")


def _unclosed_quote(lines: list[str]) -> int | None:
    """The line (0-based) of a quote that is not closed on its own line and,
    closed there, makes the YAML valid; None if there is no such line."""
    for number, line in enumerate(lines):
        match = _OPENING_QUOTE.match(line)
        if match is None or _closes(match["quote"], match["rest"]):
            continue
        fixed = [*lines[:number], line + match["quote"], *lines[number + 1:]]
        try:
            yaml.load("\n".join(fixed), Loader=SafeLoader)
        except (yaml.YAMLError, ValueError, OverflowError, RecursionError):
            continue
        return number
    return None


def _closes(quote: str, rest: str) -> bool:
    """Whether a quoted YAML value whose text after the quote is ``rest`` ends on this line."""
    if quote == "'":
        return "'" in rest.replace("''", "")
    return '"' in re.sub(r"\\.", "", rest)


def _check_image(path: str) -> str | None:
    try:
        with Image.open(path) as image:
            image.verify()
    except Image.DecompressionBombError:
        return Msg("is too large to process safely (a decompression bomb); use a smaller photo")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return Msg("is not a readable image (JPEG, PNG, WebP or GIF expected)")
    return None


def _resolve(index: SiteIndex, bundle: Bundle, ctx: F.FieldContext) -> None:
    """Normalise every file, apply inheritance and decide what is held."""
    own: dict[str, dict[str, Any]] = {}
    for lang, source in bundle.files.items():
        values, problems = F.normalize(source, ctx, bundle.kind)
        index.problems.extend(problems)
        own[lang] = values
    default = index.settings.default_lang
    order = [default] + [lang for lang in own if lang != default]
    first = inherit.original(own, order)
    for lang, source in bundle.files.items():
        sources = [own[other] for other in order if other != lang and other in own]
        meta = inherit.merge(own[lang], sources, None if lang == first else own.get(first or ""))
        _finish(index, bundle, source, meta)
        bundle.entries[lang] = Entry(lang=lang, source=source, meta=meta, held=_held(index, meta))
    if bundle.kind == "item" and bundle.files and not any(f.raw.get("date") is not None for f in bundle.files.values()):
        first = next(iter(bundle.files.values()))
        index.problems.append(Problem(first.path, first.line_of("title"), "date", Msg("missing in every language of this item; add e.g. 'date: 2026-03-12 10:30' to one file")))
    if bundle.section == "podcasts":
        _check_podcast_audio(index, bundle)


def _check_podcast_audio(index: SiteIndex, bundle: Bundle) -> None:
    """A podcast published without ``audio`` would reach the podcast feed with
    nothing to play: an error, once per item, unless it is a draft (as
    ``make new`` writes it; an embargo lifts by itself, so it is no excuse)."""
    if any(str(f.raw.get("audio") or "").strip() for f in bundle.files.values()):
        return  # written: a file that is not there is reported by press.content.fields
    for entry in bundle.entries.values():
        if entry.held != "draft" and not entry.meta.get("audio"):
            source = entry.source
            index.problems.append(Problem(source.path, source.line_of("audio") or source.line_of("title"), "audio",
                                          Msg("a podcast needs 'audio:', an audio file of the item folder, e.g. 'audio: episode.mp3'")))  # fmt: skip
            return


def _held(index: SiteIndex, meta: dict[str, Any]) -> str:
    if meta.get("status") == "draft":
        return "draft"
    embargo = meta.get("embargo")
    if under_embargo(embargo, index.build_time):
        return f"embargo until {embargo.astimezone(index.settings.zone):%Y-%m-%d %H:%M %z}"
    return ""


def _finish(index: SiteIndex, bundle: Bundle, source: SourceFile, meta: dict[str, Any]) -> None:
    """Turn merged dicts into typed parts and run the checks across fields."""
    if "gallery" in meta:
        meta["gallery"] = [GalleryImage(g["file"], g.get("caption"), g.get("alt")) for g in meta["gallery"]]
        if "cover" not in meta and meta["gallery"]:
            meta["cover"] = meta["gallery"][0].file
    if "contacts" in meta:
        meta["contacts"] = [_contact(index, source, c) for c in meta["contacts"] if c.get("name")]
    if "credits" in meta:
        meta["credits"] = [Credit(c.get("role"), c["name"]) for c in meta["credits"] if c.get("name")]
    if "attachments" in meta:
        meta["attachments"] = [
            Attachment(a["file"], a.get("title") or Localized(a["file"], source.lang),
                       os.path.getsize(os.path.join(bundle.abspath, a["file"])))
            for a in meta["attachments"]
        ]  # fmt: skip
    if meta.get("audio"):
        meta["audio_duration"] = _audio_seconds(os.path.join(bundle.abspath, meta["audio"]))
    if "source" in meta:
        meta["source"] = Source(meta["source"].get("name"), meta["source"].get("url", ""))
    if "event" in meta:
        meta["event"] = _event(index, source, meta["event"], meta.get("regions") or [])
        if meta["event"] is None:
            del meta["event"]


def _audio_seconds(path: str) -> int | None:
    """Duration of an audio file in whole seconds, or None if unreadable."""
    try:
        audio = mutagen.File(path)
    except (mutagen.MutagenError, OSError):
        return None
    if audio is None or not getattr(audio.info, "length", 0):
        return None
    return round(audio.info.length)


def _contact(index: SiteIndex, source: SourceFile, raw: dict[str, Any]) -> Contact:
    phone = raw.get("phone", "")
    e164 = ""
    if phone:
        digits = re.sub(r"[^\d+]", "", phone)
        if re.fullmatch(r"\+[1-9]\d{6,14}", digits):
            e164 = digits
        elif phone in source.front_matter:  # report it where it is written
            index.problems.append(Problem(source.path, source.line_of("contacts", phone), "contacts.phone",
                                          Msg("{phone!r} is not an international number; write it with the country code, e.g. +996 312 62 45 18", phone=phone)))  # fmt: skip
    email = raw.get("email", "")
    if email and email in source.front_matter and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        index.problems.append(Problem(source.path, source.line_of("contacts", email), "contacts.email", Msg("{email!r} is not an e-mail address", email=email)))
    return Contact(name=raw["name"], role=raw.get("role"), phone=phone, phone_e164=e164, email=email)


def _event(index: SiteIndex, source: SourceFile, raw: dict[str, Any], regions: list[str]) -> Event | None:
    if "start" not in raw:
        index.problems.append(Problem(source.path, source.line_of("event"), "event.start", Msg("missing; an event needs a start such as 2026-05-14 10:00")))
        return None
    zone_name = event_zone(index, raw, regions)
    zone = zoneinfo.ZoneInfo(zone_name)
    own = source.raw.get("event") if isinstance(source.raw.get("event"), dict) else {}
    try:
        start = _dates.localize(raw["start"], zone)
        end = None if raw.get("end") is None else _dates.localize(raw["end"], zone)
    except ValueError as exc:
        if own:
            index.problems.append(Problem(source.path, source.line_of("event"), "event", exc.args[0]))
        return None
    if end is not None and end < start:
        if "start" in own or "end" in own:  # report it where it is written
                index.problems.append(Problem(source.path, source.line_of("end") or source.line_of("event"), "event.end",
                                          Msg("the event ends ({end}) before it starts ({start})", end=f"{end:%Y-%m-%d %H:%M}", start=f"{start:%Y-%m-%d %H:%M}")))  # fmt: skip
        return None
    return Event(start=start, end=end, location=raw.get("location"), address=raw.get("address"),
                 online_url=raw.get("online_url", ""), status=raw.get("status", "scheduled"),
                 timezone=zone_name)  # fmt: skip


def event_zone(index: SiteIndex, raw: dict[str, Any], regions: list[str]) -> str:
    """The event's own ``timezone``, else its first region's, else the site's."""
    if raw.get("timezone"):
        return str(raw["timezone"])
    first = index.regions.get(regions[0]) if regions else None
    return (first.timezone if first is not None else "") or index.settings.timezone


def _check_unique_slugs(index: SiteIndex) -> None:
    seen: dict[tuple[str, str], list[Bundle]] = defaultdict(list)
    for bundle in index.bundles.values():
        seen[(bundle.section, bundle.slug)].append(bundle)
    for (section, slug), same in seen.items():
        if len(same) > 1:
            folders = ", ".join(b.key for b in same)
            for bundle in same:
                index.problems.append(Problem(bundle.key, None, "", Msg("two items in {section!r} have the slug {slug!r} ({folders}); rename one folder", section=section, slug=slug, folders=folders)))
