"""press.build.config: the settings checked when Pelican starts, in the press officer's language."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from press.build.config import SettingsExit, validate
from press.log import speak
from tests.conftest import SITE_SETTINGS


def test_the_messages_language_is_taken_before_the_other_settings_are_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PRESSROOM_LANG")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    try:
        with pytest.raises(SettingsExit) as said:
            validate(SimpleNamespace(settings={**SITE_SETTINGS, "PRESS_MESSAGES_LANG": "ru", "PRESS_PUBLIC": True, "SITEURL": ""}))
        with pytest.raises(SettingsExit) as wrong:
            validate(SimpleNamespace(settings={**SITE_SETTINGS, "PRESS_MESSAGES_LANG": "de"}))
    finally:
        speak(None)
    assert str(said.value).startswith("SITEURL: ") and "адрес" in str(said.value)
    assert str(wrong.value).startswith("PRESS_MESSAGES_LANG: found 'de'; expected one of: en, ")
