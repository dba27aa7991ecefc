"""make serve after a content error: only that build ends, the open pages are
told why, and the next save that fixes it builds again.

Content errors are ``press.log.ContentError``, a ``SystemExit``; Pelican's
autoreload loop catches exceptions but not that, so it used to end the loop's
process and leave ``pelican -lr`` blocked on a pipe for good. These tests run
Pelican's own loop (in this process, with the wait for a save replaced by
the test's edits) and the real ``pelican -lr`` command.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from press.build import preview
from press.log import ContentError
from tests.conftest import FORUM, FORUM_PAGE, ROOT, copy_site, edit, snapshot
from tests.webservers import free_port
from tests.e2e.test_preview import serving

ERROR = ("projects: [local-budgets]", "projects: [local-budget]")
FIXED = ("В Оше прошёл форум", "В Оше прошёл исправленный форум")


def stamp(output: Path) -> list[str]:
    """The words of the live preview's stamp: the build id, and a failure's id
    after a failed build (none while a build is swapped in)."""
    try:
        return (output / preview.STAMP).read_text(encoding="ascii").split()
    except FileNotFoundError:
        return []


def problems(output: Path) -> dict[str, Any]:
    return json.loads((output / preview.PROBLEMS).read_text(encoding="utf-8"))


@pytest.mark.slow
def test_a_content_error_ends_only_that_build_of_the_autoreload_loop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import pelican

    monkeypatch.setenv("PRESSROOM_LANG", "ru")  # the press officer's language: the lines are in it
    content = copy_site("basic", tmp_path / "content")
    output = tmp_path / "preview"
    ru = content / FORUM / "index.ru.md"
    seen: dict[str, Any] = {}

    def after_first_build() -> None:
        seen["build"], seen["site"] = stamp(output), snapshot(output)
        assert len(seen["build"]) == 1
        edit(ru, *ERROR)

    def after_failed_build() -> None:
        build, failure = stamp(output)
        assert build == seen["build"][0]  # the live preview is the last build's, whole
        now = snapshot(output)
        assert sorted(now) == sorted([*seen["site"], preview.PROBLEMS])
        assert [n for n in seen["site"] if n != preview.STAMP and now[n] != seen["site"][n]] == []
        report = problems(output)
        assert report["failure"] == failure and report["lang"] == "ru"
        [line] = report["problems"]  # as `make check` says it in Russian
        assert line.startswith(f"{FORUM}/index.ru.md:6: projects: ") and "'local-budget'" in line
        assert "проект" in line and "unknown" not in line
        edit(ru, ERROR[1], ERROR[0])
        edit(ru, *FIXED)

    def after_fixed_build() -> None:
        assert len(stamp(output)) == 1 and stamp(output) != seen["build"]
        assert not (output / preview.PROBLEMS).exists()
        assert "исправленный форум" in (output / FORUM_PAGE).read_text(encoding="utf-8")
        raise KeyboardInterrupt  # Ctrl-C: the end of `make serve`

    steps = iter([after_first_build, after_failed_build, after_fixed_build])

    def saved(settings_file: str, settings: Any) -> set[tuple[Any, str]]:  # Pelican's wait for a save
        next(steps)()
        return {(None, str(ru))}

    monkeypatch.setattr(pelican, "wait_for_changes", saved)
    args = pelican.parse_arguments([
        str(content), "-o", str(output), "-s", str(ROOT / "pelicanconf.py"), "-r",
        "-e", "PRESS_PREVIEW=true", f'CACHE_PATH="{tmp_path / "cache"}"',
    ])  # fmt: skip
    with pytest.raises(KeyboardInterrupt):
        pelican.autoreload(args)
    assert next(steps, None) is None, "the loop stopped before the fixed build"
    printed = capsys.readouterr().out  # the error as `make html` prints it (in Russian here)
    assert f"\n  {FORUM}/index.ru.md:6: projects: " in printed


def test_a_preview_build_outside_the_loop_still_stops_with_the_error(tmp_path: Path) -> None:
    content = copy_site("basic", tmp_path / "content")
    output = tmp_path / "preview"
    pelican = serving(content, output)
    pelican.run()
    before = stamp(output)
    edit(content / FORUM / "index.ru.md", *ERROR)
    with pytest.raises(ContentError):  # `pelican -s … -e PRESS_PREVIEW=true` without -r: exit status 1
        pelican.run()
    assert stamp(output)[0] == before[0] and len(stamp(output)) == 2  # open pages are told all the same
    [line] = problems(output)["problems"]
    assert line.startswith(f"{FORUM}/index.ru.md:6: projects: ") and "'local-budget'" in line


def test_when_no_preview_was_built_a_page_lists_the_errors(tmp_path: Path) -> None:
    content = copy_site("basic", tmp_path / "content")
    output = tmp_path / "preview"
    ru = content / FORUM / "index.ru.md"
    edit(ru, *ERROR)
    pelican = serving(content, output)
    with pytest.raises(ContentError):
        pelican.run()
    build, failure = stamp(output)
    assert build == preview.NO_BUILD
    page = (output / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ru">' in page and "<h1>Сайт не собран заново: исправьте эти ошибки и сохраните файл</h1>" in page
    assert f"<li>{FORUM}/index.ru.md:6: projects: " in page and f'data-failure="{failure}"' in page
    assert (output / "theme/js/preview.js").is_file() and (output / "theme/css/preview.css").is_file()
    edit(ru, ERROR[1], ERROR[0])
    pelican.run()
    assert len(stamp(output)) == 1 and stamp(output)[0] != preview.NO_BUILD
    assert not (output / preview.PROBLEMS).exists()
    assert (output / FORUM_PAGE).is_file() and "Сайт не собран" not in (output / "index.html").read_text(encoding="utf-8")


def test_published_builds_carry_nothing_of_the_preview(basic_site: Path) -> None:
    assert not (basic_site / preview.STAMP).exists() and not (basic_site / preview.PROBLEMS).exists()
    assert not (basic_site / "theme/js/preview.js").exists() and not (basic_site / "theme/css/preview.css").exists()
    for page in basic_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "preview-problems" not in text and "preview.js" not in text, page


# --- the real command --------------------------------------------------------------


def _until(condition: Callable[[], Any], what: str, seconds: float = 120, saved: Path | None = None) -> Any:
    """Wait for ``condition()``. Pelican watches for saves only between
    builds, so a save that lands while one runs goes unseen: ``saved`` is
    saved again now and then, as a press officer would."""
    deadline = time.monotonic() + seconds
    again = time.monotonic() + 3
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        if saved is not None and time.monotonic() > again:
            os.utime(saved)
            again = time.monotonic() + 3
        time.sleep(0.1)
    raise AssertionError(f"waited {seconds:.0f} s for {what}")


@pytest.fixture
def make_serve(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], Path, Path, str, Path]]:
    """`make serve` on a copy of the basic site: the Makefile's command, another port and folders."""
    content = copy_site("basic", tmp_path / "content")
    output, log, port = tmp_path / "preview", tmp_path / "serve.log", free_port()
    command = [
        sys.executable, "-m", "pelican", "-lr", str(content), "-o", str(output), "-s", str(ROOT / "pelicanconf.py"),
        "-e", "PRESS_PREVIEW=true", f'CACHE_PATH="{tmp_path / "cache"}"', "-p", str(port), "-b", "127.0.0.1",
    ]  # fmt: skip
    with log.open("wb") as out:
        server = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield server, content, output, f"http://127.0.0.1:{port}", log
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGINT)  # Ctrl-C, as a press officer stops it
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


@pytest.mark.slow
def test_make_serve_keeps_building_after_content_errors(make_serve: Any) -> None:
    server, content, output, url, log = make_serve
    ru = content / FORUM / "index.ru.md"
    first = _until(lambda: stamp(output), "the first build")
    assert "форум" in _until(lambda: _get(f"{url}/ru/news/forum-osh/"), "the page served")
    printed = 0
    for error in (ERROR, ("summary: Главы", "summary: Итоги: главы")):  # an unknown key, then broken YAML
        edit(ru, *error)
        printed += 1
        _until(lambda: log.read_text(encoding="utf-8").count("the site was not built") >= printed, "the error",
               saved=ru)  # fmt: skip
        printed = log.read_text(encoding="utf-8").count("the site was not built")
        build, _failure = _until(lambda: len(stamp(output)) == 2 and stamp(output), "the failed build's stamp")
        assert build == first[0] and server.poll() is None
        assert any(line.startswith(f"{FORUM}/index.ru.md:") for line in problems(output)["problems"])
        edit(ru, error[1], error[0])
        first = _until(lambda: len(stamp(output)) == 1 and stamp(output) != first and stamp(output), "a new build",
                       saved=ru)  # fmt: skip
        assert not (output / preview.PROBLEMS).exists()
    edit(ru, *FIXED)
    _until(lambda: "исправленный форум" in _get(f"{url}/ru/news/forum-osh/"), "the fixed page served", saved=ru)
    assert f"  {FORUM}/index.ru.md:6: projects: " in log.read_text(encoding="utf-8")
