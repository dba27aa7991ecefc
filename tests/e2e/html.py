"""Reading built pages the way a reader or a crawler does (lxml + XPath)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lxml import html as lxml_html


def page(output: Path, url: str) -> lxml_html.HtmlElement:
    """Parse the page served at ``url`` (e.g. "/ru/news/forum-osh/")."""
    path = output / url.strip("/")
    if url.endswith("/"):
        path = path / "index.html"
    return lxml_html.fromstring(path.read_bytes())


def text(tree: lxml_html.HtmlElement, xpath: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in tree.xpath(xpath)]


def all_files(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*") if p.is_file())


def json_ld(tree: lxml_html.HtmlElement) -> list[dict[str, Any]]:
    """The JSON-LD objects of a page."""
    return [json.loads(s.text) for s in tree.xpath("//script[@type='application/ld+json']")]
