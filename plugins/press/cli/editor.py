"""The browser editor's configuration (``make editor``): Sveltia CMS on the content contract.

:func:`write_admin` writes ``index.html`` and ``config.yml`` into the folder
served at ``http://localhost:8001/admin/``, beside the bundle that
``editor/`` builds. Both are generated at every start from ``pelicanconf.py``
and the content tree, never edited by hand, so they cannot drift from what
``make new`` writes and ``make check`` accepts:

* each section is a folder collection whose entries are
  ``<section>/<YYYY-MM-DD>-<slug>/index.<lang>.md`` (``multiple_files``,
  :data:`DATED_PATH`), a new entry in one language (the site's default, or
  ``CONTENT_LANG``), its photos and files in its own folder;
* the fields of a section are the ones :func:`press.cli.scaffold.item_template`
  writes, in its order and with its hints (parsed from the template itself,
  so a field added there and not here stops :func:`build_config`), then the
  optional contract fields ``make new`` leaves out (:data:`EXTRA_FIELDS`);
* the words a translator translates (:data:`press.cli.scaffold.TEXT_FIELDS`,
  ``WORD_LISTS``, ``LIST_WORDS``, ``MAPPING_WORDS``) are per language; the
  facts (dates, projects, regions, photos, phones) are written once, in the
  original, since translations inherit them (:mod:`press.content.inherit`);
* slugs follow :func:`press.slug.slugify`: ``index.html`` carries the letter
  tables (:func:`slug_rules`) that the bundle's hook in Sveltia's slugify
  reads (``editor/src/slug.js``, ``editor/vite.config.js``).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from unidecode import unidecode

from ..catalogs import Catalogs
from ..content.fields import EVENT_STATUSES, PROJECT_STATUSES, STATUSES
from ..messages import Messages, Msg, messages
from ..outputs.feeds import SECTION_LABELS
from ..settings import SECTIONS, PressSettings
from ..slug import LETTERS
from .scaffold import (LIST_WORDS, MAPPING_WORDS, TEXT_FIELDS, WORD_LISTS, _regions,
                       item_template)  # fmt: skip

Say = Callable[..., str]

#: How dates are written: as ``make new`` writes them, quoted (``output.yaml``).
DATETIME_FORMAT = "YYYY-MM-DD HH:mm"
DATE_FORMAT = "YYYY-MM-DD"
#: An item's path. The folder's date is the day of the item's ``date`` (which
#: the editor fills with the time of its creation in the site's time zone), as
#: ``make new`` names it: Sveltia's ``{{year}}``, ``{{month}}``, ``{{day}}``
#: are the day on the browser's clock: the day before make new's between
#: midnight and 1:00 in Bishkek on a computer set to Dushanbe's time. One tag
#: per part, so that Sveltia still reads the slug of an existing folder.
DATED_PATH = ("{{fields.date | date('YYYY')}}-{{fields.date | date('MM')}}-{{fields.date | date('DD')}}"
              "-{{slug}}/index")  # fmt: skip
#: The preview (``make serve``) and the editor's own address.
PREVIEW_URL = "http://localhost:8000"
EDITOR_PORT = 8001

#: Contract fields that ``make new`` does not write but an item may have
#: (:data:`press.content.fields.KNOWN_FIELDS`): offered last, optional.
EXTRA_FIELDS = ("gallery", "modified", "issue", "source")

#: Fields of a project page (``content/projects/<key>/index.<lang>.md``).
PROJECT_FIELDS = ("title", "summary", "status", "period", "donors", "partners", "implementer",
                  "regions", "logo", "cover")  # fmt: skip
#: Fields of a static page (``content/pages/<name>/index.<lang>.md``).
PAGE_FIELDS = ("title", "summary", "cover")

_COMMENT = re.compile(r"^(?P<indent> *)(?P<item>- )?(?P<key>[a-z_]+):(?: (?P<value>.*?))?  # (?P<hint>.*)$")


@dataclass
class TemplateField:
    """One line of ``make new``'s front matter: key, written value, hint."""

    key: str
    value: str
    hint: str
    children: list[TemplateField] = field(default_factory=list)
    is_list: bool = False  # a list of mappings (``- name:`` opens its first element)


def template_fields(root: Path, press: PressSettings, section: str, say: Say) -> list[TemplateField]:
    """The fields ``make new`` writes for ``section``, as a tree."""
    local = dt.datetime(2000, 1, 1, 9, 0, tzinfo=press.zone)
    text = item_template(root, press, section, press.default_lang, "-", local, say)
    top: list[TemplateField] = []
    for line in text.splitlines():
        match = _COMMENT.match(line)
        if not match:
            continue
        entry = TemplateField(match["key"], (match["value"] or "").strip(), match["hint"].strip())
        depth = len(match["indent"]) + (2 if match["item"] else 0)
        if depth == 0:
            top.append(entry)
        else:
            parent = top[-1]
            parent.is_list = parent.is_list or bool(match["item"])
            parent.children.append(entry)
    return top


# --- words ---------------------------------------------------------------------

#: Each field's label and, for a field no template of ``make new`` hints
#: (None: every section's does), its hint; by key, or ``parent.key`` inside a
#: list or mapping. English source, said in the editor's language from the
#: ``pressroom`` catalogs.
FIELD_WORDS: dict[str, tuple[Msg, Msg | None]] = {
    "title": (Msg("Title"), None),
    "date": (Msg("Publication date"), None),
    "modified": (Msg("Last updated"), Msg("the date of the last significant change, if readers should know of it")),
    "embargo": (Msg("Embargo"), None),
    "featured": (Msg("On the home page"), None),
    "summary": (Msg("Summary"), None),
    "issue": (Msg("Newsletter issue"), Msg("the issue of the newsletter it appeared in, e.g. №4 (126)")),
    "dateline": (Msg("Dateline"), None),
    "implementer": (Msg("Implementer"), Msg("who carries the project out, in this language")),
    "projects": (Msg("Projects"), None),
    "regions": (Msg("Regions"), None),
    "tags": (Msg("Tags"), None),
    "authors": (Msg("Authors"), None),
    "donors": (Msg("Donors"), Msg("who funds the project, in this language")),
    "partners": (Msg("Partners"), Msg("who works on the project with us, in this language")),
    "cover": (Msg("Cover photo"), None),
    "logo": (Msg("Logo"), Msg("the project's logo, an image of this folder")),
    "audio": (Msg("Audio file"), None),
    "video": (Msg("Video address"), None),
    "status": (Msg("Status"), None),
    "contacts": (Msg("Media contacts"), None),
    "contacts.name": (Msg("Full name"), None),
    "contacts.role": (Msg("Position"), None),
    "contacts.phone": (Msg("Phone"), None),
    "contacts.email": (Msg("E-mail"), None),
    "credits": (Msg("Credits"), None),
    "credits.role": (Msg("Role"), Msg("what they did, in this language, e.g. Photo")),
    "credits.name": (Msg("Full name"), Msg("full name")),
    "attachments": (Msg("Documents"), None),
    "attachments.file": (Msg("File"), Msg("a document of this folder, e.g. speech.pdf")),
    "attachments.title": (Msg("Document title"), Msg("the document's title in this language, e.g. Full text (PDF)")),
    "gallery": (Msg("Photos"), None),
    "gallery.file": (Msg("Photo"), Msg("a photo of this folder; translations show the same one")),
    "gallery.caption": (Msg("Caption"), Msg("shown under the photo, in this language")),
    "gallery.alt": (Msg("Description for blind readers"), Msg("what the photo shows, for readers who cannot see it")),
    "event": (Msg("Event"), None),
    "event.start": (Msg("Start"), None),
    "event.end": (Msg("End"), None),
    "event.timezone": (Msg("Time zone"), None),
    "event.location": (Msg("Venue"), None),
    "event.address": (Msg("Address"), None),
    "event.online_url": (Msg("Online broadcast"), None),
    "event.status": (Msg("Status"), None),
    "source": (Msg("Source"), Msg("the original publication, if this is a reprint")),
    "source.name": (Msg("Name"), Msg("the name of the publication, in this language")),
    "source.url": (Msg("Address"), Msg("the address of the original")),
    "period": (Msg("Period"), Msg("when the project runs")),
    "period.start": (Msg("Start"), Msg("the first day")),
    "period.end": (Msg("End"), Msg("the last day (optional)")),
    "body": (Msg("Text"), Msg("the text in this language; a photo of this folder as ![what it shows](photo.jpg)")),
}

#: Hints of a project page's and a static page's fields where an item's do not fit.
PROJECT_HINTS = {
    "title": Msg("the project's name in this language (required)"),
    "summary": Msg("one or two sentences on the project, in this language"),
    "status": Msg("active or completed"),
    "regions": Msg("the regions where the project works"),
    "cover": Msg("a photo of this folder for the projects page"),
}
PAGE_HINTS = {
    "title": Msg("the page's heading in this language (required)"),
    "summary": Msg("one or two sentences for search engines and sharing"),
    "cover": Msg("a photo of this folder for sharing"),
}

#: One element of a list, as Sveltia's button says it: «Add a photo», «Добавить фото».
SINGULAR = {
    "projects": Msg("a project"),
    "tags": Msg("a tag"),
    "authors": Msg("an author"),
    "donors": Msg("a donor"),
    "partners": Msg("a partner"),
    "contacts": Msg("a contact"),
    "credits": Msg("a credit"),
    "attachments": Msg("a document"),
    "gallery": Msg("a photo"),
}

#: The choices of the select fields, in words.
CHOICE_WORDS = {
    "published": Msg("Published"),
    "draft": Msg("Draft"),
    "active": Msg("Active"),
    "completed": Msg("Completed"),
    "scheduled": Msg("Scheduled"),
    "cancelled": Msg("Cancelled"),
    "postponed": Msg("Postponed"),
}


# --- widgets -------------------------------------------------------------------

#: Translated per language: the words of ``make translate``.
def _translated(key: str) -> bool:
    return key in TEXT_FIELDS or key in WORD_LISTS or key == "tags"


def _sub_translated(parent: str, key: str) -> bool:
    words = dict(LIST_WORDS) | dict(MAPPING_WORDS)
    return key in words.get(parent, ()) and key != "file"


class UnknownField(KeyError):
    """A contract field the editor has no widget for."""


def widget(key: str, hint: str, ctx: dict[str, Any], parent: str | None = None) -> dict[str, Any]:
    """The Sveltia field of contract field ``key`` (``parent``: its mapping or list)."""
    path = f"{parent}.{key}" if parent else key
    spec = _WIDGETS.get(path)
    if spec is None or path not in FIELD_WORDS:
        raise UnknownField(path)
    say: Messages = ctx["say"]
    label, own_hint = FIELD_WORDS[path]
    out: dict[str, Any] = {"name": key, "label": say.text(label), **spec(ctx)}
    if path in SINGULAR:
        out["label_singular"] = say.text(SINGULAR[path])
    hint = hint or (say.text(own_hint) if own_hint else "")
    if hint:
        out["hint"] = hint
    out.setdefault("required", False)
    if parent is None:
        out.setdefault("i18n", _translated(key))
    else:
        # A photo or a phone is the same in every language: written in each
        # file (photos match their translation by file), never edited there.
        out.setdefault("i18n", True if _sub_translated(parent, key) else "duplicate")
    return out


def _string(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"widget": "string"}


def _text(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"widget": "text"}


def _datetime(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"widget": "datetime", "format": DATETIME_FORMAT, "input_timezone": ctx["timezone"]}


def _date(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"widget": "datetime", "type": "date", "format": DATE_FORMAT}


def _words(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"widget": "list"}


def _image(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"widget": "image", "choose_url": False}


def _file(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"widget": "file", "choose_url": False}


def _url(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"widget": "string", "type": "url", "pattern": ["^https?://", "https://…"]}


def _choice(values: tuple[str, ...], default: str | None = None) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def spec(ctx: dict[str, Any]) -> dict[str, Any]:
        options = [{"value": v, "label": ctx["say"].text(CHOICE_WORDS[v])} for v in values]
        out: dict[str, Any] = {"widget": "select", "options": options}
        if default:
            out["default"] = default
        return out

    return spec


def _projects_relation(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"widget": "relation", "collection": "projects", "value_field": "{{slug}}",
            "search_fields": ["title"], "display_fields": ["title"], "multiple": True}  # fmt: skip


def _regions_choice(ctx: dict[str, Any]) -> dict[str, Any]:
    return {"widget": "select", "multiple": True, "options": ctx["regions"]}


def _list_of(parent: str, keys: tuple[str, ...]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def spec(ctx: dict[str, Any]) -> dict[str, Any]:
        hints = ctx.get("sub_hints", {}).get(parent, {})
        return {"widget": "list", "fields": [widget(k, hints.get(k, ""), ctx, parent) for k in keys],
                "summary": "{{fields." + keys[0] + "}}", "i18n": True}  # fmt: skip

    return spec


def _mapping_of(parent: str, keys: tuple[str, ...]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def spec(ctx: dict[str, Any]) -> dict[str, Any]:
        hints = ctx.get("sub_hints", {}).get(parent, {})
        own = [widget(k, hints.get(k, ""), ctx, parent) for k in keys]
        translated = any(f["i18n"] is True for f in own)
        return {"widget": "object", "fields": own, "i18n": True if translated else False}

    return spec


_WIDGETS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "title": lambda ctx: {"widget": "string", "required": True},
    "date": lambda ctx: {**_datetime(ctx), "required": True, "default": "{{now}}"},
    "modified": _datetime,
    "embargo": _datetime,
    "featured": lambda ctx: {"widget": "boolean"},
    "summary": _text,
    "issue": _string,
    "dateline": _string,
    "implementer": _string,
    "projects": _projects_relation,
    "regions": _regions_choice,
    "tags": _words,
    "authors": _words,
    "donors": _words,
    "partners": _words,
    "cover": _image,
    "logo": _image,
    "audio": _file,
    "video": _url,
    # An item's translation has a status of its own (a draft holds back only
    # that file, as after make translate); a project's status is one fact.
    "status": lambda ctx: {**_choice(*ctx["statuses"])(ctx), "i18n": ctx["statuses"] is ITEM_STATUS},
    "contacts": _list_of("contacts", ("name", "role", "phone", "email")),
    "contacts.name": _string,
    "contacts.role": _string,
    "contacts.phone": _string,
    "contacts.email": lambda ctx: {"widget": "string", "type": "email"},
    "credits": _list_of("credits", ("role", "name")),
    "credits.role": _string,
    "credits.name": _string,
    "attachments": _list_of("attachments", ("file", "title")),
    "attachments.file": _file,
    "attachments.title": _string,
    "gallery": _list_of("gallery", ("file", "caption", "alt")),
    "gallery.file": lambda ctx: {**_image(ctx), "required": True},
    "gallery.caption": _string,
    "gallery.alt": _string,
    "event": _mapping_of("event", ("start", "end", "location", "address", "online_url", "status", "timezone")),
    "event.start": _datetime,
    "event.end": _datetime,
    "event.timezone": _string,
    "event.location": _string,
    "event.address": _string,
    "event.online_url": _url,
    "event.status": _choice(EVENT_STATUSES, EVENT_STATUSES[0]),
    "source": _mapping_of("source", ("name", "url")),
    "source.name": _string,
    "source.url": _url,
    "period": _mapping_of("period", ("start", "end")),
    "period.start": _date,
    "period.end": _date,
}

#: The choices of ``status`` and the one a new entry starts with: an item
#: starts as a draft, as ``make new`` writes it; a project as active.
ITEM_STATUS = (STATUSES, "draft")
PROJECT_STATUS = (PROJECT_STATUSES, "active")


# --- the configuration ---------------------------------------------------------


def build_config(root: Path, repo: Path, press: PressSettings, lang: str | None = None,
                 preview_url: str = PREVIEW_URL, theme: str | None = None) -> dict[str, Any]:  # fmt: skip
    """Sveltia CMS's configuration of the site whose content is ``root``,
    inside the repository (the folder a press officer picks) ``repo``.

    ``lang`` (default: the site's default language) is the language a new
    item starts in, and the one the fields' labels and hints are said in:
    whoever starts the editor in Kyrgyz writes in Kyrgyz."""
    lang = lang or press.default_lang
    if lang not in press.languages:
        raise ValueError(lang)
    say = messages(lang)
    content = Path(os.path.relpath(root, repo)).as_posix()
    labels = _labels(press, theme, lang)
    regions_file = _regions_names(root, lang)
    ctx: dict[str, Any] = {
        "say": say,
        "timezone": press.timezone,
        "regions": [{"value": key, "label": regions_file.get(key, key)} for key in _regions(root)],
    }
    collections = []
    for section in SECTIONS:
        fields = _section_fields(root, press, section, say, ctx)
        collections.append(_collection(section, labels.get(section, section), f"{content}/{section}",
                                       DATED_PATH, fields,
                                       f"/{{{{locale}}}}/{section}/{{{{slug}}}}/", say))  # fmt: skip
    for name, keys, statuses, hints, preview in (
        ("projects", PROJECT_FIELDS, PROJECT_STATUS, PROJECT_HINTS, "/{{locale}}/projects/{{slug}}/"),
        ("pages", PAGE_FIELDS, None, PAGE_HINTS, "/{{locale}}/{{slug}}/"),
    ):
        own = {**ctx, "statuses": statuses}
        fields = [widget(key, say.text(hints[key]) if key in hints else "", own) for key in keys]
        collections.append(_collection(name, labels.get(name, name), f"{content}/{name}", "{{slug}}/index",
                                       fields, preview, say))  # fmt: skip
    return {
        # Only the local repository is used here; Gitea's backend is named
        # because, unlike GitHub's and GitLab's, it checks no status page on
        # the internet at start (README: the online backends).
        "backend": {"name": "gitea", "repo": "pressroom/site", "branch": "main", "base_url": "http://localhost:3000"},
        "site_url": preview_url,
        "display_url": preview_url,
        "show_preview_links": True,
        "media_folder": f"{content}/pages",
        "public_folder": "",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "i18n": {
            "structure": "multiple_files",
            "locales": list(press.languages),
            "default_locale": lang,
            "initial_locales": "default",
        },
        "output": {"omit_empty_optional_fields": True, "yaml": {"quote": "double"}},
        "collections": collections,
    }


def _collection(name: str, label: str, folder: str, path: str, fields: list[dict[str, Any]],
                preview_path: str, say: Messages) -> dict[str, Any]:  # fmt: skip
    words, hint = FIELD_WORDS["body"]
    body = {"name": "body", "label": say.text(words), "hint": say.text(hint), "widget": "markdown",
            "required": False, "i18n": True}  # fmt: skip
    return {
        "name": name,
        "label": label,
        "folder": folder,
        "path": path,
        "extension": "md",
        "format": "yaml-frontmatter",
        "create": True,
        "i18n": True,
        "media_folder": "",
        "public_folder": "",
        "preview_path": preview_path,
        "fields": [*fields, body],
    }


def _section_fields(root: Path, press: PressSettings, section: str, say: Say,
                    ctx: dict[str, Any]) -> list[dict[str, Any]]:  # fmt: skip
    template = template_fields(root, press, section, say)
    # An optional field that another section's template writes keeps its hint there.
    hints = {f.key: f.hint for other in SECTIONS for f in template_fields(root, press, other, say)}
    sub_hints = {f.key: {c.key: c.hint for c in f.children} for f in template}
    own = {**ctx, "statuses": ITEM_STATUS, "sub_hints": sub_hints}
    fields = [widget(f.key, f.hint, own) for f in template]
    written = {f.key for f in template}
    fields += [widget(key, hints.get(key, ""), own) for key in EXTRA_FIELDS if key not in written]
    return fields


def _labels(press: PressSettings, theme: str | None, lang: str) -> dict[str, str]:
    catalogs = Catalogs.load({"THEME": theme, "PRESS_LANGUAGES": list(press.languages)}) if theme else None

    def gettext(message: str) -> str:
        return catalogs.gettext(lang, message) if catalogs else message

    labels = {section: gettext(label) for section, label in SECTION_LABELS.items()}
    labels["projects"] = gettext("Projects")
    labels["pages"] = gettext("Pages")
    return labels


def _regions_names(root: Path, lang: str) -> dict[str, str]:
    try:
        data = yaml.safe_load((root / "data" / "regions.yml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v.get(lang) or k) for k, v in data.items() if isinstance(v, dict)}


# --- slugs ---------------------------------------------------------------------

#: Characters the browser transliterates with Unidecode's table: Latin-1 and
#: Latin Extended, Cyrillic, typographic punctuation, super- and subscripts,
#: currency signs, letterlike symbols and number forms (№ → No, ₽ → P, Ⅻ →
#: XII). Others become separators.
_RANGES = ((0x00A0, 0x0250), (0x0400, 0x0530), (0x2010, 0x2190))


def slug_rules(press: PressSettings, max_length: int = 80) -> dict[str, Any]:
    """The tables of :func:`press.slug.slugify` for ``editor/src/slug.js``."""
    common = {}
    for start, end in _RANGES:
        for code in range(start, end):
            ch = chr(code)
            common[ch] = unidecode(ch)
    letters = {lang: {ch: unidecode(latin) for ch, latin in table.items()} for lang, table in LETTERS.items()}
    return {"letters": letters, "common": common, "default": press.default_lang, "max": max_length}


# --- the admin folder ----------------------------------------------------------

INDEX_HTML = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
<link href="config.yml" type="application/yaml" rel="cms-config-url">
<!-- Generated by make editor (press.cli.editor) at every start; do not edit. -->
<script>window.CMS_MANUAL_INIT = true; window.PRESSROOM_SLUG = {rules};</script>
<script type="module" src="editor.js"></script>
</head>
<body></body>
</html>
"""


class _NoAliases(yaml.SafeDumper):
    """Repeated lists (the regions of every section) written out, not as ``*id001``."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def write_admin(admin: Path, config: dict[str, Any], rules: dict[str, Any], lang: str, title: str) -> None:
    """Write ``index.html`` and ``config.yml`` into ``admin`` (beside ``editor.js``)."""
    admin.mkdir(parents=True, exist_ok=True)
    text = "# Generated by make editor (press.cli.editor) from pelicanconf.py and the content; do not edit.\n"
    text += yaml.dump(config, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=1000)
    (admin / "config.yml").write_text(text, encoding="utf-8")
    script = json.dumps(rules, ensure_ascii=True).replace("</", "<\\/")
    page = INDEX_HTML.format(lang=html.escape(lang), title=html.escape(title), rules=script)
    (admin / "index.html").write_text(page, encoding="utf-8")

