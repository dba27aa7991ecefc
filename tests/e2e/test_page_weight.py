"""The home page stays light: its HTML, CSS and JavaScript under 100 KB before compression."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import html as lxml_html

BUDGET = 100 * 1024  # bytes of HTML + CSS + JS, uncompressed


def page_weight(output: Path, url: str) -> dict[str, int]:
    """Bytes of the page and of every local stylesheet and script it loads."""
    page = output / url.strip("/") / "index.html"
    tree = lxml_html.fromstring(page.read_bytes())
    sizes = {url: page.stat().st_size}
    assets = tree.xpath(
        "//link[@rel='stylesheet' or @rel='preload' or @rel='modulepreload']/@href | //script/@src"
    )
    for asset in assets:
        parts = urlsplit(asset)
        assert not parts.netloc, f"{url} loads {asset} from another host"
        sizes[parts.path] = (output / parts.path.lstrip("/")).stat().st_size
    return sizes


@pytest.mark.parametrize("lang", ["ru", "ky", "tg", "en"])
def test_home_page_is_under_100_kb(sample_site: Path, lang: str) -> None:
    sizes = page_weight(sample_site, f"/{lang}/")
    total = sum(sizes.values())
    assert total < BUDGET, f"/{lang}/ weighs {total} bytes: {sizes}"
