"""Browser fixtures: the built sample site served on 127.0.0.1, pages in headless Chromium.

Playwright for Python drives the system Chromium (``/usr/bin/chromium``,
which ``.ci/run`` installs with apt when it is missing); never run
``playwright install``. Mark browser tests ``@pytest.mark.browser``.

Fixtures for any browser test:

* ``site_url`` (session) — ``http://127.0.0.1:<port>``: the ``sample_site``
  build served by ``http.server`` in a thread;
* ``browser`` (session) — one Chromium for the whole run;
* ``browser_page`` — a fresh page in its own context (1280×800, light
  scheme), whose relative ``goto`` addresses resolve against ``site_url``;
  ``browser_page.requests`` lists every URL the page asked for, and
  ``browser_page.errors`` every uncaught script error;
* ``artifacts`` — ``tests/artifacts/`` (gitignored) for screenshots.

Helpers in ``tests/browser/pages.py``: ``violations(page)`` (axe-core, WCAG
2.2 A/AA), ``search(page, lang, query, **filters)``, the key pages.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


@contextlib.contextmanager
def http_server(handler: Any, name: str, port: int = 0) -> Iterator[int]:
    """Serve with ``handler`` on ``port`` (a free one if 0) of 127.0.0.1, in a thread; yield the port."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, name=name, daemon=True)
    thread.start()
    try:
        yield server.server_port
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@contextlib.contextmanager
def serving_folder(folder: Path, name: str, port: int = 0) -> Iterator[str]:
    """``http://127.0.0.1:<port>``: ``folder`` served as static files, in a thread."""
    with http_server(functools.partial(_QuietHandler, directory=str(folder)), name, port) as port:
        yield f"http://127.0.0.1:{port}"


@pytest.fixture(scope="session")
def site_url(sample_site: Path) -> Iterator[str]:
    with serving_folder(sample_site, "sample-site") as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if shutil.which(CHROMIUM) is None:
        pytest.fail(f"{CHROMIUM} is needed for the browser tests (.ci/run installs it with apt)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def browser_page(browser: Any, site_url: str) -> Iterator[Any]:
    context = browser.new_context(base_url=site_url, viewport=DESKTOP, color_scheme="light")
    page = context.new_page()
    page.requests = []
    page.errors = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
