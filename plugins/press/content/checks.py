"""What ``make check`` looks at beyond the loader's errors (all warnings).

The loader (:func:`press.content.loader.load_site`) already reports every error that
stops a build, unknown project and region keys with the closest key included.
These checks read the same :class:`~press.content.loader.SiteIndex` and add what a
build lets through but a press officer should fix:

* gallery photos with neither alt text nor a caption;
* bundles without a version in every configured language (and the coverage
  table per section and language);
* tags that differ from a tag already used in the same language only by case
  or by a typo («did you mean …»);
* links in a text (``{filename}../other/index.ru.md``, ``photo.jpg``) that
  point to no file, or to an item that is not published;
* summaries longer than feeds and listings show (:data:`SUMMARY_LIMIT`);
* translations whose title or text is still their source's, word for word.

Nothing here knows Pelican; the functions return
:class:`~press.log.Problem` lists with :class:`~press.messages.Msg` texts.
"""

from __future__ import annotations

import datetime as dt
import difflib
import html
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote

import markdown

from ..log import Problem, sort_key
from ..messages import Msg
from ..settings import SECTIONS, PressSettings
from . import links
from . import sanitize
from .markdown import with_file_links
from .loader import SiteIndex, load_site
from .model import Bundle, Entry, GalleryImage, SourceFile

#: Longest summary that feeds and listings show whole (characters).
SUMMARY_LIMIT = 300

#: Two different tags this similar (difflib ratio) are probably one tag mistyped.
TAG_SIMILARITY = 0.8

#: Rows of the coverage table after the item sections.
OTHER_ROWS = ("pages", "projects")

_LINK = re.compile(r'<(?P<tag>a|img)\b[^>]*?\b(?P<attr>href|src)="(?P<url>[^"]*)"[^>]*>')
_ALT = re.compile(r'\balt="(?P<alt>[^"]*)"')
_FILE_MARKER = re.compile(r"^(?:\{(?P<braces>filename|static|attach)\}|\|(?P<bars>filename|static|attach)\|)")


@dataclass
class Report:
    """Everything ``make check`` found in one content tree."""

    index: SiteIndex
    problems: list[Problem]
    coverage: dict[str, dict[str, int]]  # row (section, pages, projects) -> lang -> bundles
    totals: dict[str, int] = field(default_factory=dict)  # row -> bundles

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]


def check_site(root: str, settings: PressSettings, now: dt.datetime) -> Report:
    """Load ``root`` as a build would, then run every check on it."""
    index = load_site(root, settings, now)
    problems = list(index.problems)
    for check in CHECKS:
        problems.extend(check(index))
    rows, totals = coverage(index)
    return Report(index=index, problems=sorted(problems, key=sort_key), coverage=rows, totals=totals)


def _warning(path: str, line: int | None, field_name: str, message: str) -> Problem:
    return Problem(path, line, field_name, message, "warning")


def _entries(index: SiteIndex) -> Iterable[tuple[Bundle, Entry]]:
    for key in sorted(index.bundles):
        bundle = index.bundles[key]
        for entry in bundle.entries.values():
            yield bundle, entry


# --- photos without alt text -------------------------------------------------


def missing_alt(index: SiteIndex) -> list[Problem]:
    """Gallery photos with neither alt text nor caption, where the gallery is written."""
    found = []
    for _bundle, entry in _entries(index):
        source = entry.source
        own = source.raw.get("gallery")
        images: list[GalleryImage] = [g for g in entry.meta.get("gallery") or [] if isinstance(g, GalleryImage)]
        if own is None or not images:
            continue
        bare = [g for g in images if not g.alt and not g.caption]
        if own == "all":
            if bare:
                found.append(_warning(source.path, source.line_of("gallery"), "gallery", Msg(
                    "'all' gives the {count} photos no alt text; list them as {{file, caption, alt}}"
                    " so that readers who cannot see them know what they show", count=len(bare))))  # fmt: skip
            continue
        for image in bare:
            found.append(_warning(source.path, source.line_of("gallery", image.file), "gallery", Msg(
                "{file!r} has neither alt text nor a caption; add 'alt:' saying what the photo shows",
                file=image.file)))  # fmt: skip
    return found


# --- translations ------------------------------------------------------------


def missing_translations(index: SiteIndex) -> list[Problem]:
    """One warning per bundle that lacks a version in a configured language."""
    found = []
    languages = index.settings.languages
    for key in sorted(index.bundles):
        bundle = index.bundles[key]
        missing = [lang for lang in languages if lang not in bundle.files]
        if bundle.files and missing:
            found.append(_warning(bundle.key, None, "", Msg("no translation into: {langs}", langs=", ".join(missing))))
    return found


def coverage(index: SiteIndex) -> tuple[dict[str, dict[str, int]], dict[str, int]]:
    """Bundles per row (item section, pages, projects) with a file in each language."""
    languages = index.settings.languages
    rows = {row: dict.fromkeys(languages, 0) for row in (*SECTIONS, *OTHER_ROWS)}
    totals = dict.fromkeys(rows, 0)
    for bundle in index.bundles.values():
        if bundle.section not in rows or not bundle.files:
            continue
        totals[bundle.section] += 1
        for lang in bundle.files:
            rows[bundle.section][lang] += 1
    return rows, totals


# --- tags --------------------------------------------------------------------


def similar_tags(index: SiteIndex) -> list[Problem]:
    """Tags that look like a mistyped or differently capitalised tag of the same language."""
    uses: dict[str, dict[str, list[Entry]]] = defaultdict(lambda: defaultdict(list))
    for _bundle, entry in _entries(index):
        for tag in entry.meta.get("tags") or []:
            uses[entry.lang][tag].append(entry)
    found = []
    for lang in sorted(uses):
        tags = uses[lang]
        accepted: list[str] = []
        # the most used spelling first; on a tie, lowercase before capitals
        for tag in sorted(tags, key=lambda t: (-len(tags[t]), t != t.lower(), t.casefold(), t)):
            other = _lookalike(tag, accepted)
            if other is None:
                accepted.append(tag)
                continue
            if tag.casefold() == other.casefold():
                message = Msg("{tag!r} differs only in case from the tag {other!r}; did you mean {other!r}?",
                              tag=tag, other=other)  # fmt: skip
            else:
                message = Msg("{tag!r} looks like a typo of the tag {other!r}; did you mean {other!r}?",
                              tag=tag, other=other)  # fmt: skip
            for entry in tags[tag]:
                found.append(_warning(entry.source.path, entry.source.line_of("tags", tag), "tags", message))
    return found


def _lookalike(tag: str, accepted: list[str]) -> str | None:
    folded = tag.casefold()
    for other in accepted:
        if other.casefold() == folded:
            return other
    if len(folded) < 4:
        return None
    close = difflib.get_close_matches(folded, [a.casefold() for a in accepted], n=1, cutoff=TAG_SIMILARITY)
    if not close:
        return None
    return next(a for a in accepted if a.casefold() == close[0])


# --- links in texts ----------------------------------------------------------


def broken_links(index: SiteIndex) -> list[Problem]:
    """Links of a text that cannot be published (to a held item, to no file…)
    and images without alt text: the links as the build resolves them
    (:func:`press.content.links.resolve`), with the same warnings."""
    md = markdown.Markdown(extensions=["tables", "footnotes", "attr_list", "md_in_html", "def_list", "abbr", "fenced_code", "sane_lists"])  # fmt: skip
    found = []
    for bundle, entry in _entries(index):
        source = entry.source
        page = sanitize.clean(md.reset().convert(source.body))  # the HTML the build sees: nh3 quotes every attribute
        for match in _LINK.finditer(page):
            if match["tag"] == "img":
                alt = _ALT.search(match[0])
                if alt is None or not alt["alt"].strip():
                    url = html.unescape(match["url"])
                    found.append(_warning(source.path, _body_line(entry, url), "text",
                                          Msg("the image {url!r} has no alt text; write what it shows in ![…](…)", url=url)))  # fmt: skip
        resolved = links.resolve(index, bundle, entry.lang, with_file_links(page))
        found += [unlinked_problem(index, entry, url, target) for url, target in resolved.unlinked]
    return found


def unlinked_problem(index: SiteIndex, entry: Entry, url: str, target: links.Target) -> Problem:
    """The warning for a link of ``entry``'s text left as words (see
    :func:`press.content.links.resolve`), at its line of the text; the build and
    ``make check`` both say it."""
    written = url if url in entry.source.body else _FILE_MARKER.sub("", url)
    if target.problem is not None:
        message = Msg("the link {url!r} {problem}", url=written, problem=target.problem)
    else:
        message = Msg("the link {url!r} goes to a held item ({held}); the link appears when it is published",
                      url=written, held=links.held_words(index, target))  # fmt: skip
    return _warning(entry.source.path, _body_line(entry, written), "text", message)


def _body_line(entry: Entry, url: str) -> int | None:
    """The line of the text where ``url`` is written: as a Markdown link's
    or an HTML attribute's whole address first, else anywhere."""
    lines = entry.source.body.splitlines()
    for candidate in (url, url.split("#", 1)[0], unquote(url)):
        if not candidate:
            continue
        for needles in ((f"]({candidate})", f"]({candidate} ", f"<{candidate}>", f'"{candidate}"', f": {candidate}"), (candidate,)):
            for number, line in enumerate(lines):
                if any(n in line for n in needles):
                    return entry.source.body_line + number
    return None


# --- summaries ---------------------------------------------------------------


def long_summaries(index: SiteIndex) -> list[Problem]:
    """Summaries longer than feeds and listings show whole."""
    found = []
    for _bundle, entry in _entries(index):
        summary = entry.source.raw.get("summary")
        if isinstance(summary, str) and len(summary.strip()) > SUMMARY_LIMIT:
            found.append(_warning(entry.source.path, entry.source.line_of("summary"), "summary", Msg(
                "{count} characters; feeds and listings show at most {limit}, so keep it to one or two sentences",
                count=len(summary.strip()), limit=SUMMARY_LIMIT)))  # fmt: skip
    return found


# --- translations still in the source's words ----------------------------------

#: ``make translate`` names the file a translation was copied from in a comment.
_COPIED_FROM = re.compile(r"^\s*#.*?\bindex\.(?P<lang>[A-Za-z_-]+)\.md\b", re.M)


def untranslated_copies(index: SiteIndex) -> list[Problem]:
    """Translations whose title or text is still the same as their source's:
    the file they were made from (named in ``make translate``'s comment), else
    the default language's."""
    found = []
    for bundle, entry in _entries(index):
        source = entry.source
        original = _original(bundle, entry, index.settings.default_lang)
        if original is None:
            continue
        name = os.path.basename(original.abspath)
        title = source.raw.get("title")
        if isinstance(title, str) and title.strip() and title.strip() == str(original.raw.get("title", "")).strip():
            found.append(_warning(source.path, source.line_of("title"), "title", Msg(
                "the title is the same as in {file}; translate it", file=name)))  # fmt: skip
        if source.body.strip() and source.body.strip() == original.body.strip():
            found.append(_warning(source.path, source.body_line, "text", Msg(
                "the text is the same as in {file}; translate it", file=name)))  # fmt: skip
    return found


def _original(bundle: Bundle, entry: Entry, default_lang: str) -> SourceFile | None:
    """The file ``entry`` was translated from, or None for an original."""
    marked = _COPIED_FROM.search(entry.source.front_matter)
    lang = marked["lang"] if marked else default_lang
    return bundle.files.get(lang) if lang != entry.lang else None


CHECKS: tuple[Callable[[SiteIndex], list[Problem]], ...] = (
    missing_alt,
    missing_translations,
    similar_tags,
    broken_links,
    long_summaries,
    untranslated_copies,
)

