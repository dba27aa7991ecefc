"""Settings plugin: validates every PRESS_* setting when Pelican starts, and
sets up how the build speaks to press officers.

Hook: ``initialized`` — before any generator exists:

* runs :func:`press.settings.require_public_address` (a public build,
  ``PRESS_PUBLIC`` in publishconf.py, needs ``SITEURL``) and
  :func:`press.settings.load` on the settings, so a wrong value in
  pelicanconf.py stops the build at once with the setting named, not halfway
  through a render; the message is printed alone (:class:`SettingsExit`),
  without a Python traceback, and nothing is written;
* hands ``PRESS_MESSAGES_LANG`` to :func:`press.log.speak`, so that every
  problem, warning and the summary is said in the press officer's language;
* prints our log lines whole (:func:`press.console.unwrap`), and leaves
  out Pelican's English warning about empty alt text, which press.images
  replaces (:func:`press.console.drop_pelicans_alt_warnings`).
"""

from __future__ import annotations

from typing import Any


from ..console import drop_pelicans_alt_warnings, unwrap
from ..log import logger, speak, voice
from ..settings import SettingsError, load, require_public_address


class SettingsExit(SystemExit):
    """A wrong setting: Python prints the message alone to stderr and exits with status 1."""


def validate(pelican: Any) -> None:
    settings = pelican.settings
    speak(_messages_setting(settings))
    say = voice()
    unwrap(logger)
    drop_pelicans_alt_warnings()
    try:
        require_public_address(settings)
        load(settings)
    except SettingsError as exc:
        raise SettingsExit(say.text(exc.args[0])) from exc


def _messages_setting(settings: Any) -> str | None:
    """PRESS_MESSAGES_LANG as written (a wrong value is reported by load(), in English)."""
    value = settings.get("PRESS_MESSAGES_LANG")
    return value if isinstance(value, str) else None
