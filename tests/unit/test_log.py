"""press.log and press.console: problems said in one language per run, one line each."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest
from rich.console import Console
from rich.logging import RichHandler

from press import console as _console
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


# --- one line per record -------------------------------------------------------------


@pytest.fixture
def rich_root() -> Iterator[tuple[io.StringIO, logging.Logger]]:
    """The root logger as `pelican` sets it up: a RichHandler on an 80-column console that is no terminal."""
    output = io.StringIO()
    handler = RichHandler(console=Console(file=output, width=80, force_terminal=False))
    root, ours = logging.getLogger(), logging.getLogger("pressroom-test")
    root.addHandler(handler)
    try:
        yield output, ours
    finally:
        root.removeHandler(handler)
        ours.handlers.clear()


LONG = "news/2026-04-03-water-supply-in-kyzyl-kiya-and-the-villages-around-it/index.ky.md:2: subtitle: unknown field"


def test_our_records_are_printed_whole_and_once(rich_root: tuple[io.StringIO, logging.Logger]) -> None:
    output, ours = rich_root
    ours.warning("%s", LONG + " (before)")  # (Pelican's logger drops a message logged before)
    assert LONG not in output.getvalue().replace("\n", "")  # Pelican's handler cuts it up …
    assert LONG.split("/")[1] not in output.getvalue()
    output.truncate(0)
    output.seek(0)
    _console.unwrap(ours)
    _console.unwrap(ours)  # each Pelican instance calls it again
    ours.warning("%s", LONG)
    logging.getLogger("pelican.test").warning("%s", "someone else's warning")
    lines = output.getvalue().splitlines()
    assert len(lines) == 2, lines
    assert lines[0].endswith(f"] WARNING  {LONG}")
    assert "someone else's warning" in lines[1]  # … as before for everyone else


def test_nothing_changes_without_rich() -> None:
    ours = logging.getLogger("pressroom-test-plain")
    _console.unwrap(ours)
    assert ours.handlers == []


def test_pelicans_own_empty_alt_warning_is_left_out(caplog: pytest.LogCaptureFixture) -> None:
    readers = logging.getLogger("pelican.readers")
    _console.drop_pelicans_alt_warnings()
    filters = list(readers.filters)
    _console.drop_pelicans_alt_warnings()
    assert readers.filters == filters  # each Pelican instance calls it again
    with caplog.at_level(logging.WARNING):
        readers.warning(_console.PELICANS_ALT_WARNING, "bridge.jpg", "/srv/content/news/x/index.ky.md")
        readers.warning("Unable to find %s", "x.md")
    assert caplog.messages == ["Unable to find x.md"]
