"""Shared set-up: fixture sites copied, built with Pelican and read back.

Every test that needs one of these takes it from here, written once: the
facts of the fixture sites (:data:`FORUM`, :data:`BUILD_TIME` …), the
settings of a small test site (:func:`press_settings`), Pelican's settings
and a Pelican instance on our ``pelicanconf.py`` (:func:`read_conf`,
:func:`pelican_for`), a settings file beside it (:func:`settings_file`), a build (:func:`build`), a copy of a fixture site
(:func:`copy_site`, :func:`built_copy`), an item file (:func:`write_item`),
an edit (:func:`edit`), the press officers' commands (:func:`press_command`),
what a build logged (:func:`pressroom_log`), the files of an output
(:func:`snapshot`, :func:`snapshot_with_times`) and the processes a test
left (:func:`child_processes`). Pages are read with tests/e2e/html.py, servers
started with tests/webservers.py and tests/browser/conftest.py, photos made
with tests/photos.py.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import shutil
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITES = Path(__file__).resolve().parent / "sites"
#: The site's settings file, as ``make html`` reads it.
CONF = ROOT / "pelicanconf.py"
sys.path.insert(0, str(ROOT / "plugins"))
# Messages to press officers in English whatever the machine's locale (tests
# that check another language set PRESSROOM_LANG themselves).
os.environ["PRESSROOM_LANG"] = "en"

#: The basic fixture site's forum item (in Russian, Kyrgyz and English) and its Russian page.
FORUM = "news/2026-03-12-forum-osh"
FORUM_PAGE = "ru/news/forum-osh/index.html"
#: The basic fixture site's Kyrgyz item on water.
WATER = "news/2026-04-02-water-kyzyl-kiya"
#: The build time (``PRESS_BUILD_TIME``) the fixture sites with events and feeds are built at.
BUILD_TIME = "2026-11-23 12:00"

#: The Pelican settings of a small site in the tests: four languages, Russian first, Bishkek time.
SITE_SETTINGS: dict[str, Any] = {"DEFAULT_LANG": "ru", "PRESS_LANGUAGES": ["ru", "ky", "tg", "en"], "TIMEZONE": "Asia/Bishkek"}

#: The test running now, so that :func:`pelican_for` can require its ``slow`` mark.
_running: list[pytest.Item] = []


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test of tests/e2e/ builds whole sites: ``slow``; every test of
    tests/browser/ runs Chromium on one: ``browser`` and ``slow``. So
    ``-m "not slow"`` runs the unit tests alone, whatever a file declares.
    A test elsewhere that builds a site says ``slow`` itself (:func:`pelican_for`
    fails it otherwise)."""
    for item in items:
        folder = Path(item.path).relative_to(ROOT / "tests").parts[0]
        if folder in ("e2e", "browser"):
            item.add_marker(pytest.mark.slow)
        if folder == "browser":
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    # pytest loads this file as ``conftest``, the tests import it as
    # ``tests.conftest``: two modules, and pelican_for() reads the latter's list.
    from tests import conftest as shared

    shared._running.append(item)
    try:
        return (yield)
    finally:
        shared._running.remove(item)


def press_settings(**changes: Any) -> Any:
    """press.settings.load of :data:`SITE_SETTINGS` with ``changes``."""
    from press import settings

    return settings.load({**SITE_SETTINGS, **changes})


def read_conf(conf: Path = CONF, **overrides: Any) -> dict[str, Any]:
    """Pelican's settings from a settings file of the project, as ``pelican -s`` reads them."""
    from pelican.settings import read_settings

    return dict(read_settings(str(conf), override=overrides or None))


def settings_file(path: Path, base: str = "pelicanconf", **settings: Any) -> Path:
    """A settings file at ``path`` as a press centre writes one beside the
    project's: it takes ``base`` (``pelicanconf`` or ``publishconf``) and
    sets ``settings``."""
    lines = ["import sys", f"sys.path.insert(0, {str(ROOT)!r})", f"from {base} import *  # noqa: F403"]
    path.write_text("\n".join([*lines, *(f"{name} = {value!r}" for name, value in settings.items())]) + "\n", encoding="utf-8")
    return path


def pelican_for(content: Path, output: Path, **overrides: Any) -> Any:
    """A Pelican instance on our settings that builds ``content`` into ``output``
    (its cache beside it, ``<output>.cache``), as ``make html`` makes it."""
    from pelican import Pelican

    for item in _running:
        assert item.get_closest_marker("slow"), f"{item.nodeid} builds a site: mark it @pytest.mark.slow"
    cache = output.parent / f"{output.name}.cache"
    return Pelican(read_conf(CONF, **{"PATH": str(content), "OUTPUT_PATH": str(output), "CACHE_PATH": str(cache), **overrides}))


def build(content: Path, output: Path, **overrides: Any) -> Path:
    """Run one Pelican build of ``content`` into ``output`` with our settings."""
    pelican_for(content, output, **overrides).run()
    return output


def copy_site(name: str, target: Path) -> Path:
    """Copy a fixture site so a test can change it."""
    shutil.copytree(SITES / name, target)
    return target


def built_copy(tmp: Path, name: str = "basic", saved_ago: float = 3600, **overrides: Any) -> tuple[Path, Path]:
    """A copy of the fixture site ``name`` in ``tmp/content``, saved
    ``saved_ago`` seconds ago (:func:`age`) and built into ``tmp/output``:
    (content, output)."""
    content = copy_site(name, tmp / "content")
    age(content, saved_ago)
    return content, build(content, tmp / "output", **overrides)


def age(path: Path, seconds: float = 3600) -> None:
    """Set the mtime of ``path`` (of every file under it, if a folder) back,
    as if saved an hour ago: a build stamps the site (press.build.uptodate) only if
    no content file was saved within two seconds of it (coarse filesystem
    clocks)."""
    past = time.time() - seconds
    if path.is_file():
        os.utime(path, (past, past))
    for root, _dirs, files in os.walk(path):
        for name in files:
            os.utime(os.path.join(root, name), (past, past))


def item_text(front: str, body: str = "Текст.") -> str:
    """An item file: '---' on line 1, the front matter from line 2, '---', the body."""
    return f"---\n{textwrap.dedent(front).strip()}\n---\n{body}\n"


def write_item(path: Path, front: str, body: str = "Текст.") -> Path:
    """Write :func:`item_text` to ``path``, making its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(item_text(front, body), encoding="utf-8")
    return path


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old``, which the file must hold once, by ``new``."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not found once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def press_command(content: Path, *args: str, settings: Path = CONF) -> tuple[int, str, str]:
    """``python -m press.cli --settings … --content <content> <args>`` in this
    process: its exit status, what it printed, what it printed as errors."""
    from press import cli

    out, err = io.StringIO(), io.StringIO()
    status = cli.main(["--settings", str(settings), "--content", str(content), *args], out=out, err=err)
    return status, out.getvalue(), err.getvalue()


@contextlib.contextmanager
def pressroom_log(level: int = logging.INFO) -> Iterator[list[logging.LogRecord]]:
    """Collect what the build logs on the ``pressroom`` logger, ``level`` and up."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(level)
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("pressroom")
    before = logger.level
    logger.addHandler(handler)
    logger.setLevel(level)
    # Pelican's LimitFilter drops a line identical to one logged before in this
    # process (another build's «images: …» summary); each build needs its own.
    limited = hasattr(logger, "disable_filter")
    if limited:
        logger.disable_filter()
    try:
        yield records
    finally:
        if limited:
            logger.enable_filter()
        logger.removeHandler(handler)
        logger.setLevel(before)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, by path relative to ``folder``."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def snapshot_with_times(folder: Path) -> dict[str, tuple[bytes, int]]:
    """:func:`snapshot` with each file's mtime: what a skipped build or a
    deploy that sent nothing touches none of."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def child_processes() -> dict[int, str]:
    """This process's child processes, zombies included (Linux /proc): their
    process ids and program names (as ``ps`` shows them, at most 15 letters)."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            name, fields = stat.read_text().split(" (", 1)[1].rsplit(")", 1)
        except (OSError, IndexError, ValueError):
            continue  # ended meanwhile
        if int(fields.split()[1]) == os.getpid():
            found[int(stat.parent.name)] = name
    return found


@pytest.fixture(scope="session")
def basic_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("basic") / "output"
    return build(SITES / "basic", out)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample") / "output"
    return build(ROOT / "content", out)
