"""Lighthouse (npm ``lighthouse``, mobile profile, offline) on key pages in ru and ky.

The sample site is built with ``SITEURL`` set to the address it is served at,
as a published site would be (canonical and hreflang links must be absolute
and on the same host). Every category must score at least 0.95; the scores
are printed and kept in ``tests/artifacts/lighthouse.json``.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, ROOT, serving_folder
from tests.conftest import build
from tests.webservers import free_port

pytestmark = pytest.mark.browser

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PAGES = ["/{lang}/", "/{lang}/news/", "/{lang}/galleries/shg-fair-osh/", "/{lang}/press-releases/cross-border-shg-exchange/"]
SCORES: dict[str, dict[str, float]] = {}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    output = build(ROOT / "content", tmp_path_factory.mktemp("lighthouse") / "output", SITEURL=base)
    try:
        with serving_folder(output, "lighthouse", port) as url:
            yield url
    finally:
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "lighthouse.json").write_text(json.dumps(SCORES, indent=2, sort_keys=True), encoding="utf-8")


@pytest.mark.parametrize("lang", ["ru", "ky"])
@pytest.mark.parametrize("pattern", PAGES)
def test_lighthouse_scores(served: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, pattern: str) -> None:
    if not LIGHTHOUSE.exists():
        pytest.fail(f"{LIGHTHOUSE} is missing: run `npm ci` (make test does)")
    url = served + pattern.format(lang=lang)
    data = _lighthouse(url, tmp_path / "report-1.json")
    if data["categories"]["performance"]["score"] < 0.95:
        # performance is timed on this machine, and a shared machine sometimes
        # stalls a run: as Lighthouse's guide on variability advises, the
        # median of three runs counts (accessibility, SEO and best practices
        # do not vary, and count from the first run)
        runs = [data] + [_lighthouse(url, tmp_path / f"report-{n}.json") for n in (2, 3)]
        median = sorted(runs, key=lambda r: r["categories"]["performance"]["score"])[1]
        data["categories"]["performance"] = median["categories"]["performance"]
        timed = {ref["id"] for ref in median["categories"]["performance"]["auditRefs"]}
        data["audits"].update({k: v for k, v in median["audits"].items() if k in timed})
    scores = {name: data["categories"][name]["score"] for name in CATEGORIES}
    SCORES[pattern.format(lang=lang)] = scores
    with capsys.disabled():  # the scores belong in the test output
        print(f"\nlighthouse {pattern.format(lang=lang)}: {scores}")
    failing = {
        name: [r["id"] for r in data["categories"][name]["auditRefs"]
               if r["weight"] and data["audits"][r["id"]].get("score") not in (None, 1)]
        for name, score in scores.items() if score < 0.95
    }  # fmt: skip
    assert failing == {}, f"{url}: {scores}"


def _lighthouse(url: str, report: Path) -> dict:
    run = subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
         f"--only-categories={','.join(CATEGORIES)}", "--form-factor=mobile",
         f"--chrome-flags=--headless {' '.join(CHROMIUM_ARGS)}"],
        env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(report.read_text(encoding="utf-8"))

