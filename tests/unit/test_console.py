"""press.console: our log records printed whole on Pelican's rich console, and Pelican's own alt-text warning left out."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest
from rich.console import Console
from rich.logging import RichHandler

from press import console as console


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
    console.unwrap(ours)
    console.unwrap(ours)  # each Pelican instance calls it again
    ours.warning("%s", LONG)
    logging.getLogger("pelican.test").warning("%s", "someone else's warning")
    lines = output.getvalue().splitlines()
    assert len(lines) == 2, lines
    assert lines[0].endswith(f"] WARNING  {LONG}")
    assert "someone else's warning" in lines[1]  # … as before for everyone else


def test_nothing_changes_without_rich() -> None:
    ours = logging.getLogger("pressroom-test-plain")
    console.unwrap(ours)
    assert ours.handlers == []


def test_pelicans_own_empty_alt_warning_is_left_out(caplog: pytest.LogCaptureFixture) -> None:
    readers = logging.getLogger("pelican.readers")
    console.drop_pelicans_alt_warnings()
    filters = list(readers.filters)
    console.drop_pelicans_alt_warnings()
    assert readers.filters == filters  # each Pelican instance calls it again
    with caplog.at_level(logging.WARNING):
        readers.warning(console.PELICANS_ALT_WARNING, "bridge.jpg", "/srv/content/news/x/index.ky.md")
        readers.warning("Unable to find %s", "x.md")
    assert caplog.messages == ["Unable to find x.md"]
