"""Shared fixtures: build real sites with Pelican into temporary folders."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITES = Path(__file__).resolve().parent / "sites"
sys.path.insert(0, str(ROOT / "plugins"))
# Messages to press officers in English whatever the machine's locale (tests
# that check another language set PRESSROOM_LANG themselves).
os.environ["PRESSROOM_LANG"] = "en"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test of tests/e2e/ builds whole sites: ``slow``; every test of
    tests/browser/ runs Chromium on one: ``browser`` and ``slow``. So
    ``-m "not slow"`` runs the unit tests alone, whatever a file declares."""
    for item in items:
        folder = Path(item.path).relative_to(ROOT / "tests").parts[0]
        if folder in ("e2e", "browser"):
            item.add_marker(pytest.mark.slow)
        if folder == "browser":
            item.add_marker(pytest.mark.browser)


def build(content: Path, output: Path, **overrides: Any) -> Path:
    """Run one Pelican build of ``content`` into ``output`` with our settings."""
    from pelican import Pelican
    from pelican.settings import read_settings

    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(output),
            "CACHE_PATH": str(output.parent / f"{output.name}.cache"),
            **overrides,
        },
    )
    Pelican(settings).run()
    return output


def copy_site(name: str, target: Path) -> Path:
    """Copy a fixture site so a test can change it."""
    shutil.copytree(SITES / name, target)
    return target


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



@pytest.fixture(scope="session")
def basic_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("basic") / "output"
    return build(SITES / "basic", out)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample") / "output"
    return build(ROOT / "content", out)
