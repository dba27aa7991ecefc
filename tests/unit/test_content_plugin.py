"""press.content: what it spares Pelican."""

from __future__ import annotations

from types import SimpleNamespace

from press.content import skip_idle_reader_check


class Generator:
    def __init__(self, disabled: tuple[str, ...]) -> None:
        self.readers = SimpleNamespace(disabled_extensions=disabled)
        self.walked = False

    def check_disabled_readers(self) -> None:
        self.walked = True


def test_no_walk_for_disabled_readers_when_none_is_disabled() -> None:
    idle = Generator(())
    skip_idle_reader_check(idle)
    idle.check_disabled_readers()
    assert not idle.walked


def test_a_disabled_reader_still_gets_its_warnings() -> None:
    rst = Generator(("rst",))
    skip_idle_reader_check(rst)
    rst.check_disabled_readers()
    assert rst.walked
