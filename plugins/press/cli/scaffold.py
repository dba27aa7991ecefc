"""New content files for press officers: a new item, a translation of an item.

* :func:`new_item` writes ``<section>/<date>-<slug>/index.<lang>.md`` with the
  front matter of that section, each field with a short comment in the press
  officer's language. The date is today's in the site's time zone; the slug is
  the title transliterated by the rules of the file's language
  (:func:`press.slug.slugify`). The item starts as ``status: draft``, and the
  file as written passes ``make check``.
* :func:`new_translation` writes ``index.<lang>.md`` beside an item's other
  files with only what a translator translates (title, summary, tags and the
  words of dateline, event, gallery, contacts, credits, attachments, source),
  the source text copied as a starting point, and the body. Dates, projects,
  regions, cover, embargo, phones and e-mails are inherited, so they are not
  repeated. The translation starts as ``status: draft``, which holds back only
  that file (see :mod:`press.content.inherit`); once the line is deleted it takes the
  status of the original. A project's translation has no draft status (a
  project's status is ``active`` or ``completed``).

Both refuse (:class:`ScaffoldError`, with a message already in the press
officer's language) rather than overwrite anything.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from ..content.checks import SUMMARY_LIMIT
from ..settings import SECTIONS, PressSettings
from ..slug import slugify
from ..content.loader import FRONT_MATTER, ITEM_FOLDER, TOP_LEVEL

Say = Callable[..., str]


class ScaffoldError(ValueError):
    """A file cannot be created; the message says why (translated)."""


def quote(text: Any) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(str(text), ensure_ascii=False)


def _line(key: str, value: str, comment: str, indent: int = 0) -> str:
    head = f"{' ' * indent}{key}:" + (f" {value}" if value else "")
    return f"{head}  # {comment}"


# --- make new ----------------------------------------------------------------


def new_item(root: Path, press: PressSettings, section: str, lang: str, title: str,
             now: dt.datetime, say: Say) -> Path:  # fmt: skip
    """Create a new item's first file; return its path."""
    if section not in SECTIONS:
        raise ScaffoldError(say("unknown section {section!r}; sections are: {sections}",
                                section=section, sections=", ".join(SECTIONS)))  # fmt: skip
    _check_lang(press, lang, say)
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError(say('the title is empty; give one, e.g. TITLE="Forum in Osh"'))
    local = now.astimezone(press.zone)
    slug = slugify(title, lang)
    folder = root / section / f"{local:%Y-%m-%d}-{slug}"
    if folder.exists():
        raise ScaffoldError(say("{folder} exists already; choose another title or edit the files there",
                                folder=_show(root, folder)))  # fmt: skip
    for other in sorted((root / section).glob(f"*-{slug}")):
        match = ITEM_FOLDER.match(other.name)
        if match and match["slug"] == slug:
            raise ScaffoldError(say("{folder} has the same address ({slug}); choose another title",
                                    folder=_show(root, other), slug=slug))  # fmt: skip
    text = item_template(root, press, section, lang, title, local, say)
    folder.mkdir(parents=True)
    path = folder / f"index.{lang}.md"
    path.write_text(text, encoding="utf-8")
    return path


def item_template(root: Path, press: PressSettings, section: str, lang: str, title: str,
                  local: dt.datetime, say: Say) -> str:  # fmt: skip
    """The front matter of a new item of ``section``, with a comment on each field."""
    projects = ", ".join(_projects(root)) or say("none yet")
    regions = ", ".join(_regions(root)) or say("none yet")
    lines = [
        "---",
        _line("title", quote(title), say("the headline in this language (required)")),
        _line("date", quote(f"{local:%Y-%m-%d %H:%M}"), say("publication date and time ({zone})", zone=press.timezone)),
        _line("summary", "", say("one or two sentences for listings and feeds, at most {limit} characters", limit=SUMMARY_LIMIT)),
        _line("projects", "[]", say("project keys: {keys}", keys=projects)),
        _line("regions", "[]", say("region keys: {keys}", keys=regions)),
        _line("tags", "[]", say("words in this language, e.g. [budget, hearings]")),
    ]  # fmt: skip
    lines += SECTION_FIELDS[section](local, say)
    lines += [
        _line("cover", "", say("a photo of this folder for listings, e.g. photo.jpg")),
        _line("featured", "false", say("true puts this item at the top of the home page")),
        _line("status", "draft", say("delete this line when the item is ready to publish")),
        "---",
        "",
        "",
    ]
    return "\n".join(lines)


def _news(local: dt.datetime, say: Say) -> list[str]:
    return [_line("authors", "[]", say("who wrote it"))]


def _press_release(local: dt.datetime, say: Say) -> list[str]:
    return [
        _line("dateline", "", say("the city the release is issued in, e.g. Bishkek")),
        _line("embargo", "", say('not published before this date and time, e.g. "2026-06-01 09:00"')),
        _line("contacts", "", say("contacts for media; phones with the country code")),
        _line("  - name", "", say("full name")),
        _line("role", "", say("position, in this language"), indent=4),
        _line("phone", "", say('e.g. "+996 312 62 45 18"'), indent=4),
        _line("email", "", say("e-mail address"), indent=4),
    ]


def _announcement(local: dt.datetime, say: Say) -> list[str]:
    start = local.replace(hour=10, minute=0)
    return [
        _line("event", "", say("the event announced")),
        _line("start", quote(f"{start:%Y-%m-%d %H:%M}"), say("when it starts: change it to the event's date and time"), indent=2),
        _line("end", "", say("when it ends (optional)"), indent=2),
        _line("location", "", say("the venue, in this language"), indent=2),
        _line("address", "", say("the street address, in this language"), indent=2),
        _line("online_url", "", say("the address of an online broadcast, if any"), indent=2),
        _line("status", "scheduled", say("scheduled, cancelled or postponed"), indent=2),
        _line("timezone", "", say("the time zone of the times above if not the first region's, e.g. Asia/Dushanbe"), indent=2),
    ]  # fmt: skip


def _speech(local: dt.datetime, say: Say) -> list[str]:
    return [
        _line("authors", "[]", say("who spoke")),
        _line("attachments", "[]", say("documents of this folder, e.g. [{{file: speech.pdf, title: Full text (PDF)}}]")),
    ]


def _gallery(local: dt.datetime, say: Say) -> list[str]:
    return [
        _line("credits", "[]", say("e.g. [{{role: Photo, name: Aigul Asanova}}]")),
        _line("gallery", "[]", say("photos of this folder: - {{file: photo-01.jpg, caption: …, alt: what the photo shows}}; or all")),
    ]  # fmt: skip


def _video(local: dt.datetime, say: Say) -> list[str]:
    return [_line("video", "", say("a YouTube or Vimeo address, e.g. https://www.youtube.com/watch?v=…"))]


def _podcast(local: dt.datetime, say: Say) -> list[str]:
    return [
        _line("audio", "", say("the audio file of this folder, e.g. episode.mp3")),
        _line("credits", "[]", say("e.g. [{{role: Host, name: Aigul Asanova}}]")),
    ]


SECTION_FIELDS: dict[str, Callable[[dt.datetime, Say], list[str]]] = {
    "news": _news,
    "press-releases": _press_release,
    "announcements": _announcement,
    "speeches": _speech,
    "galleries": _gallery,
    "video": _video,
    "podcasts": _podcast,
}


def _projects(root: Path) -> list[str]:
    folder = root / "projects"
    return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def _regions(root: Path) -> list[str]:
    path = root / "data" / "regions.yml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return []
    return sorted(str(k) for k in data) if isinstance(data, dict) else []


# --- make translate ----------------------------------------------------------

#: Keys of the list fields whose words a translator translates; ``file`` keys
#: are kept so that each element finds its original (see press.content.inherit).
LIST_WORDS: dict[str, tuple[str, ...]] = {
    "gallery": ("file", "caption", "alt"),
    "contacts": ("name", "role"),
    "credits": ("role", "name"),
    "attachments": ("file", "title"),
}
MAPPING_WORDS: dict[str, tuple[str, ...]] = {"event": ("location", "address"), "source": ("name",)}
TEXT_FIELDS = ("title", "summary", "dateline", "implementer")
WORD_LISTS = ("tags", "donors", "partners")


def new_translation(root: Path, press: PressSettings, item: str, lang: str, say: Say,
                    source_lang: str | None = None) -> Path:  # fmt: skip
    """Create ``index.<lang>.md`` for the item folder ``item`` (``section/folder``)."""
    _check_lang(press, lang, say)
    folder = _item_folder(root, item, say)
    target = folder / f"index.{lang}.md"
    if target.exists():
        raise ScaffoldError(say("{path} exists already; edit it instead", path=_show(root, target)))
    source = _source_file(root, press, folder, source_lang, say)
    text = source.read_text(encoding="utf-8-sig")
    match = FRONT_MATTER.match(text)
    try:
        raw = yaml.safe_load(match["yaml"]) if match else None
    except (yaml.YAMLError, ValueError):
        raw = None
    if not isinstance(raw, dict):
        raise ScaffoldError(say("{path} has no readable front matter; run make check and fix it first",
                                path=_show(root, source)))  # fmt: skip
    body = text[match.end():] if match else ""
    draft = folder.parent.name != "projects"  # a project's status is active or completed
    target.write_text(translation_template(raw, body, source.name, say, draft=draft), encoding="utf-8")
    return target


def translation_template(raw: dict[str, Any], body: str, source_name: str, say: Say, draft: bool = True) -> str:
    """Front matter with the words of ``raw`` to translate, then ``body``;
    ``status: draft`` last unless ``draft`` is false."""
    lines = ["---"]
    lines += [f"# {line}" for line in say(
        "Translate the words below (copied from {source}). Dates, projects, regions, photos,\n"
        "phones, e-mails and embargo come from {source} and are not repeated here.",
        source=source_name).splitlines()]  # fmt: skip
    for key in TEXT_FIELDS:
        if _is_text(raw.get(key)):
            lines.append(f"{key}: {quote(raw[key])}")
    for key in WORD_LISTS:
        words = [w for w in raw.get(key) or [] if _is_text(w)] if isinstance(raw.get(key), list) else []
        if words:
            lines.append(f"{key}:")
            lines += [f"  - {quote(w)}" for w in words]
    for key, names in MAPPING_WORDS.items():
        value = raw.get(key)
        if isinstance(value, dict):
            own = [f"  {name}: {quote(value[name])}" for name in names if _is_text(value.get(name))]
            if own:
                lines += [f"{key}:", *own]
    for key, names in LIST_WORDS.items():
        value = raw.get(key)
        if not isinstance(value, list) or not value:
            continue
        entries = [_list_entry(item, names) for item in value]
        if key in ("gallery", "attachments"):  # matched by file: keep only those with one
            entries = [e for e in entries if e and e[0].startswith("file:")]
        if entries:
            lines.append(f"{key}:")
            for entry in entries:
                lines += [("  - " if i == 0 else "    ") + part for i, part in enumerate(entry or ["{}"])]
    # Held back until translated (a copy would be published as it is, in the
    # wrong language); deleted, the translation takes the status of the others.
    if draft:
        lines.append(_line("status", "draft", say("delete this line when the translation is ready")))
    lines.append("---")
    return "\n".join(lines) + "\n" + body


def _list_entry(item: Any, names: tuple[str, ...]) -> list[str]:
    if not isinstance(item, dict):
        return []
    return [f"{name}: {quote(item[name])}" for name in names if _is_text(item.get(name))]


def _is_text(value: Any) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool) and bool(str(value).strip())


def _item_folder(root: Path, item: str, say: Say) -> Path:
    parts = [p for p in item.strip().strip("/").split("/") if p]
    if parts and parts[0] == root.name and len(parts) == 3:  # content/news/… given
        parts = parts[1:]
    if len(parts) != 2 or parts[0] not in TOP_LEVEL - {"data"} or parts[1] in (".", ".."):
        raise ScaffoldError(say("ITEM must be <section>/<folder>, e.g. news/2026-03-12-forum-in-osh; found {item!r}",
                                item=item))  # fmt: skip
    folder = root / parts[0] / parts[1]
    if not folder.is_dir():
        raise ScaffoldError(say("{folder} not found", folder=_show(root, folder)))
    return folder


def _source_file(root: Path, press: PressSettings, folder: Path, source_lang: str | None, say: Say) -> Path:
    if source_lang is not None:
        _check_lang(press, source_lang, say)
        path = folder / f"index.{source_lang}.md"
        if not path.is_file():
            raise ScaffoldError(say("{path} not found", path=_show(root, path)))
        return path
    for lang in press.languages:
        path = folder / f"index.{lang}.md"
        if path.is_file():
            return path
    raise ScaffoldError(say("{folder} has no index.<language>.md to translate from", folder=_show(root, folder)))


def _check_lang(press: PressSettings, lang: str, say: Say) -> None:
    if lang not in press.languages:
        raise ScaffoldError(say("unknown language {lang!r}; configured languages: {langs}",
                                lang=lang, langs=", ".join(press.languages)))  # fmt: skip


def _show(root: Path, path: Path) -> str:
    """A path as the press officer typed it: relative to the working folder when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative
