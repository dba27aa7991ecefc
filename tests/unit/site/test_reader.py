"""press.site.reader: what it spares Pelican."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from press.site.reader import first_words, skip_idle_content_cache, skip_idle_reader_check


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


def readers_with(**settings: Any) -> SimpleNamespace:
    """A generator's settings and its Pelican readers (a file-stamp cacher)."""
    from pelican.readers import Readers
    from pelican.settings import DEFAULT_CONFIG

    config = {**DEFAULT_CONFIG, **settings}
    return SimpleNamespace(settings=config, readers=Readers(config, "test-Readers"))


def test_no_file_stamps_when_the_content_cache_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    generator = readers_with(CACHE_CONTENT=False, LOAD_CONTENT_CACHE=False)
    skip_idle_content_cache(generator)
    stamped: list[str] = []
    with monkeypatch.context() as patched:
        patched.setattr("os.stat", lambda path, *args, **kwargs: stamped.append(path))
        generator.readers.cache_data("news/x/index.ru.md", ("<p>x</p>", {}))
        missed = generator.readers.get_cached_data("news/x/index.ru.md", "missed")
    assert (missed, stamped) == ("missed", [])


def test_the_content_cache_when_on_is_left_to_pelican(tmp_path: Any) -> None:
    generator = readers_with(CACHE_CONTENT=True, LOAD_CONTENT_CACHE=False, CACHE_PATH=str(tmp_path))
    skip_idle_content_cache(generator)
    source = tmp_path / "index.ru.md"
    source.write_text("x", encoding="utf-8")
    generator.readers.cache_data(str(source), ("<p>x</p>", {}))
    assert generator.readers.get_cached_data(str(source), "missed") == ("<p>x</p>", {})


@pytest.mark.parametrize("words", [0, 1, 39, 40, 41, 42, 43, 200])
@pytest.mark.parametrize("markup", ["plain", "tags"])
def test_the_description_is_the_first_words_of_the_text(words: int, markup: str) -> None:
    text = [f"слово{n}" if n % 3 else f"Өкмөттүн{n}" for n in range(words)]
    if markup == "tags":
        html = "".join(f'<p><a href="/ky/news/x-{n}/">{w}</a> <em>жана</em></p>\n' for n, w in enumerate(text))
        text = [w for word in text for w in (word, "жана")]
    else:
        html = "<p>" + " ".join(text) + "</p>"
    expected = " ".join(text[:40]) + (" …" if len(text) > 40 else "")
    assert first_words(html, 40) == expected
