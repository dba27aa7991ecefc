"""press.outputs.pagefind_run: a bundle made again replaces only what differs, in memory where there is room."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from press.outputs import pagefind_run
from press.outputs.pagefind_run import replace_changed


def test_a_bundle_made_again_replaces_only_the_files_that_differ(tmp_path: Path) -> None:
    bundle, new, live = tmp_path / "bundle-ru", tmp_path / "new", tmp_path / "live"
    for folder in (bundle / "fragment", bundle / "old", new / "fragment", live):
        folder.mkdir(parents=True)
    (bundle / "fragment/ru_a.pf_fragment").write_bytes(b"same")
    (bundle / "pagefind.js").write_bytes(b"version 1")
    (bundle / "old/ru_gone.pf_index").write_bytes(b"gone")
    (new / "fragment/ru_a.pf_fragment").write_bytes(b"same")
    (new / "pagefind.js").write_bytes(b"version 2")
    (new / "fragment/ru_b.pf_fragment").write_bytes(b"new page")
    os.link(bundle / "pagefind.js", live / "pagefind.js")  # the published site links the bundle's files
    unchanged = (bundle / "fragment/ru_a.pf_fragment").stat().st_ino

    replace_changed(new, bundle)

    files = sorted(p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file())
    assert files == ["fragment/ru_a.pf_fragment", "fragment/ru_b.pf_fragment", "pagefind.js"]
    assert not (bundle / "old").exists()
    assert (bundle / "fragment/ru_a.pf_fragment").stat().st_ino == unchanged
    assert (bundle / "pagefind.js").read_bytes() == b"version 2"
    assert (live / "pagefind.js").read_bytes() == b"version 1"  # replaced, not written through


def test_a_bundle_reached_through_dot_dot_keeps_the_files_it_is_given(tmp_path: Path) -> None:
    new = tmp_path / "new"
    (new / "fragment").mkdir(parents=True)
    (new / "pagefind.js").write_bytes(b"script")
    (new / "fragment/ru_a.pf_fragment").write_bytes(b"page")
    (tmp_path / "cache").mkdir()

    replace_changed(new, tmp_path / "cache" / ".." / "bundle-ru")  # CACHE_PATH as a user may spell it

    files = sorted(p.relative_to(tmp_path / "bundle-ru").as_posix() for p in (tmp_path / "bundle-ru").rglob("*") if p.is_file())
    assert files == ["fragment/ru_a.pf_fragment", "pagefind.js"]


@pytest.mark.skipif(not os.access(pagefind_run.MEMORY, os.W_OK), reason="needs a memory filesystem (/dev/shm)")
def test_a_bundle_is_made_again_in_memory_only_with_room_to_spare(tmp_path: Path) -> None:
    memory = Path(pagefind_run.MEMORY)
    bundle = tmp_path / "cache" / "bundle-ru"
    bundle.mkdir(parents=True)
    (bundle / "pagefind.js").write_bytes(b"x" * 1000)
    assert pagefind_run.scratch_for(tmp_path / "cache" / "bundle-new") == tmp_path / "cache" / "bundle-new"  # new: in place
    roomy = pagefind_run.scratch_for(bundle)
    try:
        assert roomy.parent == memory and roomy.is_dir() and not any(roomy.iterdir())
        assert pagefind_run.scratch_for(bundle) == roomy  # one per bundle: a killed build leaves no second one
        # the bundle grows as large as the room left in memory (a sparse file: no disk is used)
        with open(bundle / "fragment-ru.pf_fragment", "wb") as grown:
            grown.truncate(shutil.disk_usage(memory).free)
        cramped = pagefind_run.scratch_for(bundle)
        assert cramped.parent == bundle.parent and cramped != bundle
    finally:
        shutil.rmtree(roomy, ignore_errors=True)
