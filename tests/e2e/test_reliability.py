"""A build that breaks halfway leaves the live site whole, and a build never uses the network.

Press centres rebuild on a schedule (embargoes lift only with a rebuild), so a
build runs unattended: if rendering fails or is interrupted, readers must keep
the previous site, every file of it; and a build must not depend on, or leak
anything to, another machine.
"""

from __future__ import annotations

import shutil
import socket
from pathlib import Path
from typing import Any

import pytest
from pelican.writers import Writer

from tests.conftest import FORUM, ROOT, build, copy_site, edit, snapshot

OLD_TITLE = "Форум МСУ в Оше собрал 200 участников"
NEW_TITLE = "Форум МСУ в Оше собрал 250 участников"


class Interrupted(Exception):
    """Raised by the patched writer in place of a crash."""


@pytest.mark.parametrize("exception", [Interrupted, KeyboardInterrupt])
def test_an_interrupted_build_leaves_the_previous_output_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exception: type[BaseException]
) -> None:
    site = copy_site("basic", tmp_path / "content")
    output = tmp_path / "output"
    settings = {"CACHE_PATH": str(tmp_path / "cache")}
    build(site, output, **settings)
    before = snapshot(output)
    assert f"ru/{FORUM.split('/')[0]}/forum-osh/index.html" in before

    # an edit, so the next build has pages to render, and rendering dies after a few of them
    edit(site / FORUM / "index.ru.md", OLD_TITLE, NEW_TITLE)
    real_write = Writer.write_file
    calls = {"n": 0}

    def write_then_fail(self: Writer, *args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] > 3:
            raise exception("interrupted while rendering")
        return real_write(self, *args, **kwargs)

    monkeypatch.setattr(Writer, "write_file", write_then_fail)
    with pytest.raises(exception):
        build(site, output, **settings)
    assert calls["n"] > 3, "the build did not render anything"
    assert snapshot(output) == before
    assert OLD_TITLE in (output / "ru/news/forum-osh/index.html").read_text(encoding="utf-8")

    # the next good build replaces it whole, nothing of the broken one left over
    monkeypatch.setattr(Writer, "write_file", real_write)
    build(site, output, **settings)
    assert NEW_TITLE in (output / "ru/news/forum-osh/index.html").read_text(encoding="utf-8")
    pages = {path for path in snapshot(output) if path.endswith(".html")}
    assert pages == {path for path in before if path.endswith(".html")}
    assert not (tmp_path / "output.building").exists()


def test_a_build_makes_no_network_connection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    attempts = tmp_path / "attempts.log"  # a file, so that forked render processes report too

    def refuse(what: str) -> Any:
        def blocked(*args: Any, **kwargs: Any) -> Any:
            with attempts.open("a", encoding="utf-8") as log:
                log.write(f"{what} {args[1:] if what.startswith('socket.') else args}\n")
            raise OSError(f"network access during a build: {what}")

        return blocked

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket.socket, "sendto", refuse("socket.sendto"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    output = build(ROOT / "content", tmp_path / "output", CACHE_PATH=str(tmp_path / "cache"))
    assert not attempts.exists(), attempts.read_text(encoding="utf-8")
    assert (output / "ru/index.html").is_file()
    assert (output / "en/galleries").is_dir()


def test_the_replaced_site_stays_beside_until_the_next_run(tmp_path: Path) -> None:
    site = copy_site("basic", tmp_path / "content")
    output, previous = tmp_path / "output", tmp_path / "output.previous"
    settings = {"CACHE_PATH": str(tmp_path / "cache"), "PRESS_SKIP_UNCHANGED": False}
    build(site, output, **settings)
    assert not previous.exists()
    edit(site / FORUM / "index.ru.md", OLD_TITLE, NEW_TITLE)
    build(site, output, **settings)
    forum = "ru/news/forum-osh/index.html"
    assert NEW_TITLE in (output / forum).read_text(encoding="utf-8")
    assert OLD_TITLE in (previous / forum).read_text(encoding="utf-8")  # the site before, as it was

    # a swap stopped between its two renames: no output/, the live site in output.previous
    live = snapshot(output)
    shutil.rmtree(previous)
    output.rename(previous)
    build(site, output, **settings)
    assert snapshot(output) == live
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("output")) in (
        ["output", "output.previous"],
        ["output", "output.previous", "output.previous.removing"],  # rm -rf may still be at work
    )
