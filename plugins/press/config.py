"""Settings plugin: validates every PRESS_* setting when Pelican starts.

Hook: ``initialized`` — runs :func:`press._settings.load` on the settings
before any generator exists, so a wrong value in pelicanconf.py stops the
build at once with the setting named, not halfway through a render.
"""

from __future__ import annotations

from typing import Any

from pelican import signals

from ._settings import load


def validate(pelican: Any) -> None:
    load(pelican.settings)


def register() -> None:
    signals.initialized.connect(validate)
