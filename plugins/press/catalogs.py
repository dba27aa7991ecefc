"""Gettext catalogs of the theme, one per configured language.

The ``.po`` files in ``theme/translations/<lang>/LC_MESSAGES/`` are the
source of truth (committed, edited by translators, checked by the tests).
They are compiled in memory with Babel when a build starts, so there is no
``.mo`` step to forget and no stale compiled catalog. A missing catalog is a
warning, and that language then shows the English source strings.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from gettext import NullTranslations
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from .log import logger
from .settings import load


def N_(message: str) -> str:
    """Mark a string of the Python code for ``pybabel extract`` (translated later)."""
    return message


def catalog_path(theme: str, lang: str) -> str:
    return os.path.join(theme, "translations", lang, "LC_MESSAGES", "messages.po")


@dataclass
class Catalogs:
    translations: dict[str, NullTranslations] = field(default_factory=dict)

    @classmethod
    def load(cls, settings: Mapping[str, Any]) -> Catalogs:
        press = load(settings)
        catalogs = cls()
        for lang in press.languages:
            path = catalog_path(settings["THEME"], lang)
            if not os.path.exists(path):
                logger.warning("%s: no interface catalog for %r; English strings will show", path, lang)
                catalogs.translations[lang] = NullTranslations()
                continue
            with open(path, "rb") as handle:
                catalog = read_po(handle, locale=lang)
            compiled = io.BytesIO()
            write_mo(compiled, catalog)
            compiled.seek(0)
            catalogs.translations[lang] = Translations(compiled)
        return catalogs

    def get(self, lang: str) -> NullTranslations:
        return self.translations.get(lang) or NullTranslations()

    def gettext(self, lang: str, message: str) -> str:
        return self.get(lang).gettext(message)

    def ngettext(self, lang: str, singular: str, plural: str, n: int) -> str:
        return self.get(lang).ngettext(singular, plural, n)
