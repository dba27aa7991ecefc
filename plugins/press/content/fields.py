"""Front-matter fields: what each one accepts, and the message when it does not.

:func:`normalize` turns one file's raw YAML mapping into clean values (aware
datetimes, lists of keys, :class:`~press.content.model.Localized` words, checked file
names) and records a :class:`~press.content.model.Problem` for every value a press
officer got wrong, with the file, line and field. It reads no other file of
the bundle; inheritance comes after (see :mod:`press.content.inherit`).
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .. import dates as _dates
from ..log import Problem
from ..messages import Msg
from ..settings import PressSettings
from ..video import video_embed
from .model import IMAGE_EXTENSIONS, Localized, SourceFile

KNOWN_FIELDS = frozenset(
    {
        "title", "date", "modified", "summary", "projects", "regions", "tags",
        "authors", "credits", "source", "issue", "cover", "gallery", "status",
        "embargo", "dateline", "contacts", "event", "attachments", "video", "audio",
        "featured",
        # project pages
        "donors", "partners", "implementer", "period", "logo",
    }
)  # fmt: skip

STATUSES = ("published", "draft")
PROJECT_STATUSES = ("active", "completed")
EVENT_STATUSES = ("scheduled", "cancelled", "postponed")


@dataclass
class FieldContext:
    """What normalising a file needs to know beyond the file itself."""

    settings: PressSettings
    bundle_dir: str
    project_keys: frozenset[str]
    region_keys: frozenset[str]
    check_image: Callable[[str], str | None]  # abspath -> error text or None


class _Collector:
    def __init__(self, source: SourceFile):
        self.source = source
        self.problems: list[Problem] = []

    def error(self, field: str, message: str, needle: str | None = None) -> None:
        line = self.source.line_of(field.split(".")[0].split("[")[0], needle)
        self.problems.append(Problem(self.source.path, line, field, message))

    def warning(self, field: str, message: str, needle: str | None = None) -> None:
        line = self.source.line_of(field.split(".")[0].split("[")[0], needle)
        self.problems.append(Problem(self.source.path, line, field, message, "warning"))


def normalize(
    source: SourceFile, ctx: FieldContext, kind: str
) -> tuple[dict[str, Any], list[Problem]]:
    """Clean one file's fields; return them with the problems found."""
    out: dict[str, Any] = {}
    col = _Collector(source)
    raw = source.raw
    lang = source.lang
    for key in raw:
        if key not in KNOWN_FIELDS:
            _unknown_field(col, str(key))
    title = raw.get("title")
    if title is None or (isinstance(title, str) and not title.strip()):
        col.error("title", Msg("missing; every file needs a title, e.g. 'title: Forum in Osh'"))
    elif not isinstance(title, (str, int, float)):
        col.error("title", Msg("found {value}; expected one line of text", value=_show(title)))
    else:
        out["title"] = str(title).strip()
    for name in ("date", "modified", "embargo"):
        if raw.get(name) is not None:
            _date(col, out, name, raw[name], ctx)
    for name in ("summary", "issue"):
        if raw.get(name) is not None:
            out[name] = _text(col, name, raw[name])
    for name in ("tags", "authors"):
        if raw.get(name) is not None:
            out[name] = _word_list(col, name, raw[name])
    if raw.get("projects") is not None:
        out["projects"] = _keys(col, "projects", raw["projects"], ctx.project_keys, "project")
    if raw.get("regions") is not None:
        out["regions"] = _keys(col, "regions", raw["regions"], ctx.region_keys, "region")
    if raw.get("status") is not None:
        allowed = PROJECT_STATUSES if kind == "project" else STATUSES
        if raw["status"] not in allowed:
            col.error("status", Msg("found {value}; expected one of: {choices}", value=_show(raw["status"]), choices=", ".join(allowed)))
        else:
            out["status"] = raw["status"]
    if raw.get("featured") is not None:
        out["featured"] = _flag(col, "featured", raw["featured"])
    if raw.get("dateline") is not None:
        out["dateline"] = Localized(_text(col, "dateline", raw["dateline"]), lang)
    for name in ("cover", "logo", "audio"):
        if raw.get(name) is not None:
            out[name] = _file(col, name, raw[name], ctx, image=name != "audio")
    if raw.get("video") is not None:
        out["video"] = _url(col, "video", raw["video"])
        if out["video"] and video_embed(out["video"]) is None:
            col.error("video", Msg("{url!r} is not a YouTube or Vimeo video address", url=out["video"]))
    if raw.get("gallery") is not None:
        out["gallery"] = _gallery(col, raw["gallery"], ctx, lang)
    if raw.get("source") is not None:
        out["source"] = _mapping(col, "source", raw["source"], {"name": "words", "url": "url"}, lang)
    if raw.get("event") is not None:
        out["event"] = _event(col, raw["event"], ctx, lang)
    if raw.get("contacts") is not None:
        spec = {"name": "text", "role": "words", "phone": "text", "email": "text"}
        out["contacts"] = _mapping_list(col, "contacts", raw["contacts"], spec, lang)
    if raw.get("credits") is not None:
        spec = {"role": "words", "name": "text"}
        out["credits"] = _mapping_list(col, "credits", raw["credits"], spec, lang)
    if raw.get("attachments") is not None:
        spec = {"file": "text", "title": "words"}
        attachments = _mapping_list(col, "attachments", raw["attachments"], spec, lang)
        for item in attachments:
            if "file" in item:
                item["file"] = _file(col, "attachments", item["file"], ctx, image=False)
        out["attachments"] = [a for a in attachments if a.get("file")]
    # names of organisations, written in the file's language: a translation
    # that inherits them shows them marked with it
    for name in ("donors", "partners"):
        if raw.get(name) is not None:
            out[name] = [Localized(w, lang) for w in _word_list(col, name, raw[name])]
    if raw.get("implementer") is not None:
        out["implementer"] = Localized(_text(col, "implementer", raw["implementer"]), lang)
    if raw.get("period") is not None:
        out["period"] = _period(col, raw["period"], ctx)
    return _without_empty_lists(out), col.problems


def _without_empty_lists(out: dict[str, Any]) -> dict[str, Any]:
    """An empty list (``authors: []``, as ``make new`` writes) is no value, as
    an empty field is: Pelican takes a present ``authors`` to have a first
    author, and a translation inherits what it does not set."""
    return {key: value for key, value in out.items() if value != []}


def near_miss(name: str, known: Iterable[str]) -> str | None:
    """The known name that ``name`` misspells: the same but for letter case, or
    one edit away (a letter added, left out, changed, or two neighbours
    swapped), letter case aside. None when there is none."""
    folded = name.casefold()
    candidates = sorted(known, key=lambda k: (k.casefold() != folded, k))
    return next((k for k in candidates if k != name and _one_edit(folded, k.casefold())), None)


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are equal or one edit apart (Damerau)."""
    if a == b:
        return True
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    start = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), len(a))
    if len(a) < len(b):  # a letter added
        return a[start:] == b[start + 1:]
    return a[start + 1:] == b[start + 1:] or (  # a letter changed, or two swapped
        a[start + 2:] == b[start + 2:] and a[start:start + 2] == b[start:start + 2][::-1]
    )


def _unknown_field(col: _Collector, key: str) -> None:
    """A misspelt field is an error (``embargoo:`` would publish an embargoed
    item at once); any other unknown field is a warning."""
    close = near_miss(key, KNOWN_FIELDS)
    if close is not None:
        col.error(key, Msg("{name!r} is not a field; did you mean {close!r}?", name=key, close=close))
        return
    similar = difflib.get_close_matches(key, KNOWN_FIELDS, n=1)
    hint = Msg("; did you mean {name!r}?", name=similar[0]) if similar else ""
    col.warning(key, Msg("unknown field{hint}", hint=hint))


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _text(col: _Collector, name: str, value: Any) -> str:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip()
    col.error(name, Msg("found {value}; expected text", value=_show(value)))
    return ""


def _flag(col: _Collector, name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    col.error(name, Msg("found {value}; expected true or false", value=_show(value)))
    return False


def _date(col: _Collector, out: dict[str, Any], name: str, value: Any, ctx: FieldContext) -> None:
    try:
        out[name] = _dates.parse(value, ctx.settings.zone)
    except ValueError as exc:
        col.error(name, exc.args[0])


def _as_list(col: _Collector, name: str, value: Any) -> list[Any]:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list):
        return value
    col.error(name, Msg("found {value}; expected a list such as [first, second]", value=_show(value)))
    return []


def _word_list(col: _Collector, name: str, value: Any) -> list[str]:
    words = []
    for item in _as_list(col, name, value):
        if isinstance(item, (str, int, float)) and not isinstance(item, bool) and str(item).strip():
            words.append(str(item).strip())
        else:
            col.error(name, Msg("found {value} in the list; expected a word or a name", value=_show(item)))
    return words


def _keys(col: _Collector, name: str, value: Any, known: frozenset[str], what: str) -> list[str]:
    keys = []
    for key in _word_list(col, name, value):
        if key in known:
            keys.append(key)
            continue
        close = difflib.get_close_matches(key, sorted(known), n=1)
        hint = Msg("; did you mean {name!r}?", name=close[0]) if close else ""
        choices = ", ".join(sorted(known)) or Msg("none defined")
        if what == "project":
            message = Msg("unknown project {key!r}{hint} (known: {choices})", key=key, hint=hint, choices=choices)
        else:
            message = Msg("unknown region {key!r}{hint} (known: {choices})", key=key, hint=hint, choices=choices)
        col.error(name, message, needle=key)
    return keys


def _url(col: _Collector, name: str, value: Any) -> str:
    text = _text(col, name, value)
    if text and not re.match(r"^https?://[^\s/]+", text):
        col.error(name, Msg("found {value}; expected a web address starting with https://", value=_show(value)))
        return ""
    return text


def _file(col: _Collector, name: str, value: Any, ctx: FieldContext, image: bool) -> str:
    """Check a file name relative to the bundle folder; return it or ''."""
    text = _text(col, name, value)
    if not text:
        return ""
    if "\x00" in text:  # no file has one, and os.path would raise
        col.error(name, Msg("file {file!r} not found in the item's folder", file=text))
        return ""
    bundle = os.path.realpath(ctx.bundle_dir)
    target = os.path.realpath(os.path.join(bundle, text))
    if os.path.isabs(text) or ".." in text.replace("\\", "/").split("/") or (
        os.path.commonpath([bundle, target]) != bundle
    ):
        col.error(
            name,
            Msg("{file!r} leaves the item's folder; put the file in the folder and write"
                " only its name", file=text),
            needle=text,
        )
        return ""
    if not os.path.isfile(target):
        col.error(name, Msg("file {file!r} not found in the item's folder", file=text), needle=text)
        return ""
    if image:
        problem = ctx.check_image(target)
        if problem:
            col.error(name, Msg("{file!r} {problem}", file=text, problem=problem), needle=text)
            return ""
    return text.replace("\\", "/")


def _gallery(col: _Collector, value: Any, ctx: FieldContext, lang: str) -> list[dict[str, Any]] | str:
    if value == "all":
        names = sorted(
            f for f in os.listdir(ctx.bundle_dir) if f.lower().endswith(IMAGE_EXTENSIONS)
        )
        checked = [_file(col, "gallery", n, ctx, image=True) for n in names]
        return [{"file": name} for name in checked if name]
    spec = {"file": "text", "caption": "words", "alt": "words"}
    items = _mapping_list(col, "gallery", value, spec, lang)
    for item in items:
        if "file" not in item:
            col.error("gallery", Msg("an entry has no 'file'; expected {{file, caption, alt}}"))
            continue
        item["file"] = _file(col, "gallery", item["file"], ctx, image=True)
    return [i for i in items if i.get("file")]


def _mapping(col: _Collector, name: str, value: Any, spec: dict[str, str], lang: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        keys = ", ".join(spec)
        col.error(name, Msg("found {value}; expected a mapping with {keys}", value=_show(value), keys=keys))
        return {}
    out: dict[str, Any] = {}
    for key, item in value.items():
        kind = spec.get(str(key))
        close = near_miss(str(key), spec) if kind is None else None
        if close is not None:
            col.error(f"{name}.{key}", Msg("{key!r} is not a key of {field!r}; did you mean {close!r}?",
                                           key=str(key), field=name, close=close), needle=f"{key}:")  # fmt: skip
        elif kind is None:
            col.warning(f"{name}.{key}", Msg("unknown key; expected one of: {choices}", choices=", ".join(spec)),
                        needle=f"{key}:")
        elif item is None:
            continue
        elif kind == "words":
            out[key] = Localized(_text(col, f"{name}.{key}", item), lang)
        elif kind == "url":
            out[key] = _url(col, f"{name}.{key}", item)
        else:
            out[key] = _text(col, f"{name}.{key}", item)
    return out


def _mapping_list(
    col: _Collector, name: str, value: Any, spec: dict[str, str], lang: str
) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        col.error(name, Msg("found {value}; expected a list of entries with {keys}", value=_show(value), keys=", ".join(spec)))
        return []
    return [_mapping(col, name, item, spec, lang) for item in value]


def _event(col: _Collector, value: Any, ctx: FieldContext, lang: str) -> dict[str, Any]:
    spec = {
        "start": "date", "end": "date", "location": "words", "address": "words",
        "online_url": "url", "status": "status", "timezone": "zone",
    }  # fmt: skip
    if not isinstance(value, dict):
        col.error("event", Msg("found {value}; expected a mapping with {keys}", value=_show(value), keys=", ".join(spec)))
        return {}
    plain = {k: v for k, v in value.items() if spec.get(str(k)) not in ("date", "status", "zone")}
    out = _mapping(col, "event", plain, spec, lang)
    # a time without an offset stays naive here: its zone may come from the
    # item's first region, which a translation inherits (press.content.loader)
    for key in ("start", "end"):
        if value.get(key) is not None:
            try:
                out[key] = _dates.parse(value[key], None)
            except ValueError as exc:
                col.error(f"event.{key}", exc.args[0])
    if value.get("timezone") is not None:
        zone = _text(col, "event.timezone", value["timezone"])
        problem = timezone_problem(zone)
        if problem:
            col.error("event.timezone", problem, needle="timezone:")
        else:
            out["timezone"] = zone
    if value.get("status") is not None:
        if value["status"] in EVENT_STATUSES:
            out["status"] = value["status"]
        else:
            col.error("event.status", Msg("found {value}; expected one of: {choices}", value=_show(value["status"]), choices=", ".join(EVENT_STATUSES)))
    return out


def timezone_problem(name: str) -> Msg | None:
    """Why ``name`` is not an IANA time zone (with the closest one), or None."""
    try:
        if name in _zone_names():  # not a path ZoneInfo would also read
            zoneinfo.ZoneInfo(name)
            return None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        pass
    close = difflib.get_close_matches(name, _zone_names(), n=1)
    hint = Msg("; did you mean {name!r}?", name=close[0]) if close else ""
    return Msg("unknown time zone {value!r}{hint} (expected a name such as Asia/Dushanbe or Asia/Bishkek)",
               value=name, hint=hint)  # fmt: skip


@functools.cache
def _zone_names() -> list[str]:
    return sorted(zoneinfo.available_timezones())


def _period(col: _Collector, value: Any, ctx: FieldContext) -> dict[str, Any]:
    if not isinstance(value, dict):
        col.error("period", Msg("found {value}; expected {{start: 2024-01-01, end: 2027-12-31}}", value=_show(value)))
        return {}
    out = {}
    for key in ("start", "end"):
        if value.get(key) is not None:
            try:
                out[key] = _dates.parse(value[key], ctx.settings.zone)
            except ValueError as exc:
                col.error(f"period.{key}", exc.args[0])
    return out
