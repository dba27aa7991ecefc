"""press.build.render: the cache files of output folders that are gone are removed."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from press.build import render


def _files_of(cache: Path, folder: Path) -> list[Path]:
    h = render.output_hash(str(folder))
    files = [cache / f"render-{h}.json", cache / f"render-{h}-sitemap.json", cache / f"uptodate-{h}.json"]
    for path in files:
        path.write_text("{}", encoding="utf-8")
    (cache / f"render-{h}-search" / "pages" / "ru").mkdir(parents=True)
    return [*files, cache / f"render-{h}-search"]


def test_the_files_of_a_deleted_output_folder_go(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "press-cache.sqlite").write_bytes(b"")  # not an output folder's
    live, preview, test_site = tmp_path / "output", tmp_path / "preview", tmp_path / "test-output"
    for folder in (live, preview, test_site):
        folder.mkdir()
    kept_live, kept_preview, dropped = (_files_of(cache, f) for f in (live, preview, test_site))
    now = time.time()
    render.forget_gone_outputs(str(cache), str(preview), now)
    render.forget_gone_outputs(str(cache), str(test_site), now)
    test_site.rmdir()  # a test or a one-off publish folder, deleted since
    assert render.forget_gone_outputs(str(cache), str(live), now) == [str(test_site)]
    assert all(p.exists() for p in kept_live + kept_preview)
    assert not any(p.exists() for p in dropped)
    assert (cache / "press-cache.sqlite").exists()
    recorded = json.loads((cache / render.OUTPUTS_FILE).read_text(encoding="utf-8"))
    assert sorted(recorded.values()) == [str(live), str(preview)]


def test_unrecorded_files_go_only_when_old(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    young, old = _files_of(cache, tmp_path / "a"), _files_of(cache, tmp_path / "b")
    now = 2_000_000_000.0
    for path in young:
        os.utime(path, (now - 86400, now - 86400))
    for path in old:
        os.utime(path, (now - 40 * 86400, now - 40 * 86400))
    render.forget_gone_outputs(str(cache), str(tmp_path / "output"), now)
    assert all(p.exists() for p in young) and not any(p.exists() for p in old)

