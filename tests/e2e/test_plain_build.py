"""The plain path (``PRESS_INCREMENTAL = False``) is the reference build.

It renders with Pelican's own writer, page after page, reads no cache and
guesses nothing; every fixture site built the fast way must give exactly its
bytes. tests/e2e/test_incremental.py compares rebuilds against it too.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, SITES, build, snapshot
from tests.photos import gallery_site

IMAGES = re.compile(r"images: \d+ photos, \d+ files: (\d+) encoded, (\d+) from the cache")
FIXTURES = ["basic", "feeds", "gallery", "types", "sharing", "sample"]


def fixture_site(name: str, where: Path) -> Path:
    """The content tree of a fixture site (``sample``: the shipped one), with its photos."""
    if name == "sample":
        return ROOT / "content"
    if name == "gallery":
        return gallery_site(where / "content")
    return SITES / name


def plain_build(content: Path, output: Path, **overrides: object) -> dict[str, bytes]:
    return snapshot(build(content, output, PRESS_INCREMENTAL=False, **overrides))


@pytest.mark.parametrize("name", FIXTURES)
def test_the_fast_build_gives_the_bytes_of_the_plain_one(name: str, tmp_path: Path) -> None:
    content = fixture_site(name, tmp_path)
    plain = plain_build(content, tmp_path / "plain" / "output")
    fast = snapshot(build(content, tmp_path / "fast" / "output"))
    assert sorted(fast) == sorted(plain)
    assert [name for name in plain if fast[name] != plain[name]] == []
    assert any(name.startswith("pagefind/") for name in plain)  # the search index is compared too


def test_a_plain_preview_equals_the_fast_preview(tmp_path: Path) -> None:
    content = SITES / "basic"
    plain = plain_build(content, tmp_path / "plain" / "output", PRESS_PREVIEW=True)
    fast = snapshot(build(content, tmp_path / "fast" / "output", PRESS_PREVIEW=True))
    stamp = "preview-build.txt"  # the build's own time, for open pages to reload
    assert sorted(fast) == sorted(plain)
    assert [name for name in plain if name != stamp and fast[name] != plain[name]] == []


def test_the_plain_path_reuses_and_keeps_nothing(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    content = fixture_site("gallery", tmp_path)
    output = tmp_path / "output"
    build(content, output)  # a fast build first: its caches must not be read
    cache = tmp_path / "output.cache"
    kept_before = {p.name for p in cache.iterdir()}
    assert {"press-cache.sqlite", "jinja", "images"} <= kept_before
    caplog.set_level(logging.INFO, logger="pressroom")
    plain_build(content, output)
    messages = [r.getMessage() for r in caplog.records]
    # Pelican's writer rendered every page: press.build.render reused nothing, and
    # every derived photo was encoded again, none taken from the image cache
    assert not any(m.startswith("rendered ") for m in messages)
    encoded, cached = next(map(int, m.groups()) for m in map(IMAGES.match, messages) if m)
    assert encoded > 0 and cached == 0
    # no stamp is left that would let the next fast build skip its work on trust
    assert not any(p.name.startswith("uptodate-") for p in cache.iterdir())
