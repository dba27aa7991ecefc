"""Settings plugin: validates every PRESS_* setting when Pelican starts, and
sets up how the build speaks to press officers.

Hook: ``initialized`` — before any generator exists:

* runs :func:`press.settings.require_public_address` (a public build,
  ``PRESS_PUBLIC`` in publishconf.py, needs ``SITEURL``) and
  :func:`press.settings.load` on the settings, so a wrong value in
  pelicanconf.py, or a ``PRESS_`` name that is no setting (a typo), stops
  the build at once with the setting named, not halfway through a render; the message is printed alone (:class:`SettingsExit`),
  without a Python traceback, and nothing is written;
* hands ``PRESS_MESSAGES_LANG`` to :func:`press.log.speak`, so that every
  problem, warning and the summary is said in the press officer's language;
* prints our log lines whole (:func:`press.console.unwrap`), and leaves
  out Pelican's English warning about empty alt text, which press.outputs.images
  replaces (:func:`press.console.drop_pelicans_alt_warnings`).
"""

from __future__ import annotations

from typing import Any


from ..console import drop_pelicans_alt_warnings, unwrap
from ..log import logger, speak, voice
from ..settings import SettingsError, load, read, require_public_address


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
    """PRESS_MESSAGES_LANG, read before the other settings are checked so that
    their errors are said in that language; a wrong value of its own is
    reported by load(), in the language of the environment."""
    try:
        return read(settings, "PRESS_MESSAGES_LANG")  # type: ignore[no-any-return]
    except SettingsError:
        return None
