"""press.log: problems said in one language per run."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from press.log import ContentError, Problem, report, speak, voice
from press.messages import Msg

UNKNOWN = Problem("news/2026-03-12-forum/index.ky.md", 4, "regionz", Msg("unknown field{hint}", hint=""))
HINTED = Problem("news/2026-03-12-forum/index.ky.md", 5, "tagz", Msg("unknown field{hint}", hint=Msg("; did you mean {name!r}?", name="tags")), "warning")


@pytest.fixture(autouse=True)
def no_run_setting() -> Iterator[None]:
    speak(None)
    yield
    speak(None)


def test_report_says_problems_in_the_runs_language_without_being_told(monkeypatch: pytest.MonkeyPatch,
                                                                      caplog: pytest.LogCaptureFixture) -> None:  # fmt: skip
    """Callers call report(problems); the language comes from the settings (speak) and the environment."""
    monkeypatch.delenv("PRESSROOM_LANG")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    speak("ky")
    with caplog.at_level(logging.WARNING, logger="pressroom"), pytest.raises(ContentError) as caught:
        report([UNKNOWN, HINTED])
    assert str(caught.value).splitlines() == [
        "Материалдарда 1 ката бар; сайт чогултулган жок, мурунку версиясы өзгөргөн жок:",
        "  news/2026-03-12-forum/index.ky.md:4: regionz: белгисиз талаа",
    ]
    assert caplog.messages == ["news/2026-03-12-forum/index.ky.md:5: tagz: белгисиз талаа; 'tags' дегиңиз келдиби?"]


def test_the_environment_comes_before_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSROOM_LANG", "tg")
    speak("ky")
    assert voice().lang == "tg"
    with pytest.raises(ContentError, match="^Дар мавод 1 хато ҳаст; сайт сохта нашуд"):
        report([UNKNOWN])


def test_without_a_setting_the_environment_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PRESSROOM_LANG")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    assert str(ContentError([UNKNOWN])).startswith("1 ошибка в материалах; сайт не собран")
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert str(ContentError([UNKNOWN])).startswith("1 content error; the site was not built")
