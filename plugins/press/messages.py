"""Messages to press officers in their language: problems, ``make check``, the build summary.

The theme's interface strings are one gettext domain (``messages``, per page
language, see :mod:`press.catalogs`); what we say to the *people who
write the content* is another, ``pressroom``, in
``plugins/press/locale/<lang>/LC_MESSAGES/pressroom.po``. Its source strings
are English; the ``.po`` files are compiled in memory when first used, so
there is no ``.mo`` step to forget. ``make i18n-messages-update`` extracts
the strings (keywords ``Msg``, ``say`` and ``say_n``) and updates the catalogs.

* :class:`Msg` is a problem message as the loader records it: a ``str`` whose
  value is the English text (so ``Problem.message`` and every English output
  stay plain strings), which also remembers its msgid and parameters, so that
  :meth:`Messages.text` can say it again in another language later.
* :func:`messages_lang` decides the language: the ``PRESSROOM_LANG``
  environment variable, else ``PRESS_MESSAGES_LANG`` in ``pelicanconf.py``,
  else the language of ``LC_ALL``/``LANG`` (``ky_KG.UTF-8`` means Kyrgyz),
  else English. Any language with a catalog can be chosen: English (the
  source), Russian (``ru``), Kyrgyz (``ky``) and Tajik (``tg``); a language
  without one (``de``, ``C.UTF-8``) means English.
* :func:`messages` returns the callable ``say`` for a language.

The catalogs have no header (``--omit-header``): their plural forms come from
Babel's locale data when they are read, ``nplurals=3`` for Russian and
``nplurals=2; plural=(n != 1)`` for Kyrgyz and Tajik, whose nouns stay
singular after a number, so both of their forms are usually the same.
"""

from __future__ import annotations

import functools
import io
import os
import re
from collections.abc import Mapping
from gettext import NullTranslations
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

DOMAIN = "pressroom"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
SOURCE_LANG = "en"


def catalog_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.lru_cache(maxsize=1)
def available() -> tuple[str, ...]:
    """Languages messages can be shown in: English plus every catalog (the
    catalogs are part of the code: looked for once per process)."""
    found = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return (SOURCE_LANG, *[lang for lang in found if lang != SOURCE_LANG])


class Msg(str):
    """An English message that can be said again in another language.

    ``Msg("unknown project {key!r}", key="x")`` *is* the string
    ``"unknown project 'x'"``; parameters may be ``Msg`` themselves (a hint
    inside a message) and are translated with it.
    """

    msgid: str
    params: dict[str, Any]

    def __new__(cls, msgid: str, /, **params: Any) -> Msg:
        self = super().__new__(cls, msgid.format(**params))
        self.msgid = msgid
        self.params = params
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.msgid, self.params))


def _rebuild(msgid: str, params: dict[str, Any]) -> Msg:
    return Msg(msgid, **params)


class Messages:
    """``say(msgid, **params)`` in one language; ``say.text(msg)`` for a :class:`Msg`."""

    def __init__(self, lang: str, translations: NullTranslations):
        self.lang = lang
        self.translations = translations

    def __call__(self, msgid: str, /, **params: Any) -> str:
        return self._format(self.translations.gettext(msgid), msgid, params)

    def plural(self, singular: str, plural: str, n: int, /, **params: Any) -> str:
        params.setdefault("n", n)
        english = singular if n == 1 else plural
        return self._format(self.translations.ngettext(singular, plural, n), english, params)

    def text(self, message: str) -> str:
        """A message in this language (a plain string is returned as it is)."""
        if not isinstance(message, Msg):
            return str(message)
        params = {k: self.text(v) if isinstance(v, Msg) else v for k, v in message.params.items()}
        return self._format(self.translations.gettext(message.msgid), message.msgid, params)

    def problem(self, problem: Any) -> str:
        """``path:line: field: message`` with the message in this language."""
        place = problem.path if problem.line is None else f"{problem.path}:{problem.line}"
        field = f" {problem.field}:" if problem.field else ""
        return f"{place}:{field} {self.text(problem.message)}"

    @staticmethod
    def _format(template: str, msgid: str, params: Mapping[str, Any]) -> str:
        try:
            return template.format(**params)
        except (KeyError, IndexError, ValueError):  # a broken translation: say it in English
            return msgid.format(**params)


@functools.lru_cache(maxsize=None)
def messages(lang: str) -> Messages:
    """The messages of ``lang``; English source strings when there is no catalog."""
    path = catalog_path(lang)
    if lang == SOURCE_LANG or not path.exists():
        return Messages(SOURCE_LANG, NullTranslations())
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Messages(lang, Translations(compiled, domain=DOMAIN))


def messages_lang(setting: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The press officer's language: PRESSROOM_LANG, the setting, LC_ALL/LANG, English.

    The first of them that is set decides, and a language without a catalog
    means English: ``LANG=tg_TJ.UTF-8`` gives ``"tg"``, ``LANG=de_DE.UTF-8``
    gives ``"en"``, and so does ``LC_ALL=de_DE.UTF-8`` with
    ``LANG=ky_KG.UTF-8`` (as before, the first source set is not skipped).
    """
    env = os.environ if environ is None else environ
    explicit = env.get("PRESSROOM_LANG", "").strip()
    if explicit:
        return _supported(explicit)
    if setting:
        return _supported(setting)
    for name in ("LC_ALL", "LANG"):
        value = env.get(name, "").strip()
        if value:
            return _supported(value)
    return SOURCE_LANG


def _supported(code: str) -> str:
    """``ky``, ``ky-KG``, ``ky_KG.UTF-8`` or ``tg_TJ@cyrillic`` → the language, if it has a catalog."""
    lang = re.split(r"[-_.@]", code.strip(), maxsplit=1)[0].lower()
    return lang if lang in available() else SOURCE_LANG
