"""Kinds of setting values: small reusable validators for :mod:`press.settings`.

A kind checks one value and returns it typed (a list becomes a tuple, an
address loses its final slash, a path is made absolute) or raises
:class:`Invalid` with what was found and what is expected; the settings
table puts the setting's name in front. The model is MkDocs'
``config_options`` (``Type``, ``Choice``, ``ListOfItems``, ``URL``…), kept
to what our settings need. A kind knows no setting's name: one that depends
on another setting (a language among ``PRESS_LANGUAGES``, a date in
``TIMEZONE``) is told its name, and asks for its checked value through the
``got`` mapping that every :meth:`Kind.check` receives.
"""

from __future__ import annotations

import collections.abc as abc
import datetime as dt
import functools
import os
import re
import zoneinfo
from collections.abc import Callable, Iterable
from typing import Any, Generic, NoReturn, Protocol, TypeVar
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError


class Got(Protocol):
    """The other settings, checked, by name (``press.settings.Got``)."""

    def __getitem__(self, name: str) -> Any: ...


T = TypeVar("T")


class Invalid(Exception):
    """A value that a kind refuses. ``message`` says what was found and what is
    expected; ``where`` is the place inside the setting's value, e.g. ``['webp']``."""

    def __init__(self, message: str, where: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def inside(self, place: str) -> Invalid:
        return Invalid(self.message, place + self.where)


class Kind(Generic[T]):
    """What a setting's value may be: :meth:`check` returns it typed or raises :class:`Invalid`."""

    #: How messages describe a good value: "expected {expected}, found …".
    expected = "a value"
    #: What one value is called in the messages of lists and mappings.
    noun = "value"

    def __init__(self, *, expected: str | None = None, noun: str | None = None) -> None:
        if expected is not None:
            self.expected = expected
        if noun is not None:
            self.noun = noun

    def unset(self, value: Any) -> bool:
        """Whether a value given for the setting means "not set", so the default applies."""
        return value is None

    def check(self, value: Any, got: Got) -> T:
        raise NotImplementedError

    def refuse(self, value: Any) -> NoReturn:
        raise Invalid(f"expected {self.expected}, found {value!r}")


class _Text(Kind[T]):
    """A kind written as text, for which an empty string also means "not set"."""

    def unset(self, value: Any) -> bool:
        return value is None or value == ""


class Bool(Kind[bool]):
    """``True`` or ``False``, nothing that merely looks like one."""

    expected = "True or False"
    noun = "True or False"

    def check(self, value: Any, got: Got) -> bool:
        if not isinstance(value, bool):
            self.refuse(value)
        return value


class Int(Kind[int]):
    """A whole number (not a bool), optionally within ``min`` and ``max``."""

    noun = "number"

    def __init__(self, *, min: int | None = None, max: int | None = None, **words: str | None) -> None:
        self.min, self.max = min, max
        super().__init__(**words)
        if words.get("expected") is None:
            self.expected = self._bounds()

    def _bounds(self) -> str:
        if self.min is not None and self.max is not None:
            return f"a whole number from {self.min} to {self.max}"
        if self.min == 1:
            return "a positive whole number"
        if self.min is not None:
            return f"a whole number, {self.min} or more"
        return "a whole number" if self.max is None else f"a whole number up to {self.max}"

    def check(self, value: Any, got: Got) -> int:
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or (self.min is not None and value < self.min)
            or (self.max is not None and value > self.max)
        ):
            self.refuse(value)
        return value


class Text(_Text[str]):
    """A string; ``required``: not empty; ``pattern``: matching that regular expression."""

    expected = "text"
    noun = "text"

    def __init__(self, *, required: bool = False, pattern: str | None = None, **words: str | None) -> None:
        self.required = required
        self.pattern = re.compile(pattern) if pattern else None
        super().__init__(**words)
        if required and words.get("expected") is None:
            self.expected = "text that is not empty"

    def check(self, value: Any, got: Got) -> str:
        if (
            not isinstance(value, str)
            or (self.required and not value)
            or (self.pattern is not None and not self.pattern.match(value))
        ):
            self.refuse(value)
        return value


class Choice(Kind[T]):
    """One of fixed values; ``options`` may be a function, asked when a value is checked."""

    def __init__(self, options: Iterable[T] | Callable[[], Iterable[T]], **words: str | None) -> None:
        self._options = options
        super().__init__(**words)

    def options(self) -> tuple[T, ...]:
        return tuple(self._options() if callable(self._options) else self._options)

    @property  # type: ignore[override]
    def expected(self) -> str:
        return "one of: " + ", ".join(map(str, self.options()))

    def check(self, value: Any, got: Got) -> T:
        options = self.options()
        if value not in options:
            raise Invalid(f"found {value!r}; expected one of: {', '.join(map(str, options))}")
        return value  # type: ignore[no-any-return]


_LANG_CODE = re.compile(r"^[a-z]{2,3}$")


class Lang(Kind[str]):
    """A language code that Babel knows, such as ``ru``; ``among``: the name of
    the setting that lists the languages it must be one of."""

    expected = "a language code such as 'ru' or 'ky'"
    noun = "language"

    def __init__(self, *, among: str | None = None, **words: str | None) -> None:
        self.among = among
        super().__init__(**words)

    def check(self, value: Any, got: Got) -> str:
        if self.among:
            languages = got[self.among]
            if value not in languages:
                raise Invalid(f"{value!r} is not a configured language; {self.among} has {', '.join(languages)}")
            return value  # type: ignore[no-any-return]
        if not isinstance(value, str) or not _LANG_CODE.match(value):
            self.refuse(value)
        if not _babel_knows(value):
            raise Invalid(f"Babel knows no locale {value!r}")
        return value


@functools.lru_cache(maxsize=None)
def _babel_knows(code: str) -> bool:
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return False
    return True


class ListOf(Kind[tuple[T, ...]]):
    """A list (or tuple) of at least one value of ``item``'s kind, none twice;
    ``ascending``: in increasing order. Gives a tuple."""

    def __init__(self, item: Kind[T], *, ascending: bool = False, **words: str | None) -> None:
        self.item = item
        self.ascending = ascending
        super().__init__(**{"noun": item.noun, **words})
        if words.get("expected") is None:
            self.expected = f"a list of {self.noun}s"

    def check(self, value: Any, got: Got) -> tuple[T, ...]:
        if not isinstance(value, (list, tuple)):
            self.refuse(value)
        if not value:
            raise Invalid(f"no {self.noun} listed; expected {self.expected}")
        items = []
        for n, one in enumerate(value):
            try:
                items.append(self.item.check(one, got))
            except Invalid as exc:
                raise exc.inside(f"[{n}]") from exc
        for n, one in enumerate(items):
            if one in items[:n]:
                raise Invalid(f"{one!r} is listed twice")
        if self.ascending and items != sorted(items):  # type: ignore[type-var]
            raise Invalid(f"expected the {self.noun}s in increasing order, found {value!r}")
        return tuple(items)


class MappingOf(Kind[dict[Any, Any]]):
    """A mapping (a dict) from values of ``keys``' kind to values of ``values``' kind."""

    def __init__(self, keys: Kind[Any], values: Kind[Any], **words: str | None) -> None:
        self.keys, self.values = keys, values
        super().__init__(**words)
        if words.get("expected") is None:
            self.expected = f"a mapping of {keys.noun} to {values.noun}"

    def check(self, value: Any, got: Got) -> dict[Any, Any]:
        if not isinstance(value, abc.Mapping):
            self.refuse(value)
        checked = {}
        for key, one in value.items():
            try:
                checked[self.keys.check(key, got)] = self.values.check(one, got)
            except Invalid as exc:
                raise exc.inside(f"[{key!r}]") from exc
        return checked


class Fields(Kind[T]):
    """A mapping with known keys, each of its own kind, made into the dataclass
    ``record`` (keys left out take the dataclass's defaults); ``required`` keys
    must be there."""

    def __init__(self, record: Callable[..., T], *, required: tuple[str, ...] = (), **kinds: Kind[Any]) -> None:
        self.record = record
        self.kinds = kinds
        self.required = required
        noun = "{" + ", ".join(f"{key!r}: …" for key in kinds) + "}"
        super().__init__(expected=f"a mapping with {', '.join(kinds)}", noun=noun)

    def check(self, value: Any, got: Got) -> T:
        if not isinstance(value, abc.Mapping):
            self.refuse(value)
        unknown = sorted(set(value) - set(self.kinds), key=str)
        if unknown:
            raise Invalid(f"unknown key {unknown[0]!r}; expected one of: {', '.join(self.kinds)}")
        missing = [key for key in self.required if key not in value]
        if missing:
            raise Invalid(f"{missing[0]!r} is missing; expected {self.noun}")
        checked = {}
        for key, one in value.items():
            try:
                checked[key] = self.kinds[key].check(one, got)
            except Invalid as exc:
                raise exc.inside(f"[{key!r}]") from exc
        return self.record(**checked)


class Url(_Text[str]):
    """An address, without its final slash; ``absolute``: an http(s) address with a host."""

    noun = "address"

    def __init__(self, *, absolute: bool = False, **words: str | None) -> None:
        self.absolute = absolute
        super().__init__(**words)
        if words.get("expected") is None:
            self.expected = ("an absolute address" if absolute else "an address") + " such as https://press.example.kg"

    def check(self, value: Any, got: Got) -> str:
        if not isinstance(value, str):
            self.refuse(value)
        if self.absolute:
            parts = urlsplit(value)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                self.refuse(value)
        return value.rstrip("/")


class Timezone(_Text[str]):
    """The name of a time zone in the IANA database, such as ``Asia/Bishkek``."""

    expected = "a time zone such as 'Asia/Bishkek'"
    noun = "time zone"

    def check(self, value: Any, got: Got) -> str:
        if not isinstance(value, str):
            self.refuse(value)
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            self.refuse(value)
        return value


class DateTime(_Text[dt.datetime]):
    """A moment: a ``datetime`` or ISO 8601 text; one without an offset is
    taken in the time zone of the setting named ``zone``."""

    expected = "an ISO date-time such as '2026-03-12T10:30:00+06:00'"
    noun = "date-time"

    def __init__(self, *, zone: str, **words: str | None) -> None:
        self.zone = zone
        super().__init__(**words)

    def check(self, value: Any, got: Got) -> dt.datetime:
        try:
            moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
        except ValueError:
            self.refuse(value)
        return moment if moment.tzinfo else moment.replace(tzinfo=zoneinfo.ZoneInfo(got[self.zone]))


class Path(_Text[str]):
    """A folder path (text or path-like); ``resolve``: made absolute."""

    expected = "a folder path"
    noun = "folder"

    def __init__(self, *, resolve: bool = True, **words: str | None) -> None:
        self.resolve = resolve
        super().__init__(**words)

    def check(self, value: Any, got: Got) -> str:
        if not isinstance(value, (str, os.PathLike)):
            self.refuse(value)
        path = os.fspath(value)
        if not isinstance(path, str):
            self.refuse(value)
        return os.path.abspath(path) if self.resolve else path


class ImageFile(Path):
    """An image file Pillow reads (PNG, JPEG, WebP …), its path made absolute."""

    expected = "the path of an image file (PNG or JPEG) that exists"
    noun = "image file"

    def check(self, value: Any, got: Got) -> str:
        path = super().check(value, got)
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(path) as image:
                image.verify()
        except (OSError, UnidentifiedImageError, ValueError):
            self.refuse(value)
        return path
