"""The theme's files under names that carry a hash of their bytes (press.outputs.theme_assets)."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import Environment
from jinja2.exceptions import TemplateRuntimeError

from press.files import bytes_digest
from press.outputs.theme_assets import FINGERPRINTED, fingerprinted, scan, theme_url_global


def test_the_name_carries_the_hash_of_the_bytes() -> None:
    css = b"body { color: #1a202c; }\n"
    digest = bytes_digest(css)[:8]
    assert fingerprinted("css/press.css", css) == f"css/press.{digest}.css"
    assert fingerprinted("css/press.css", css + b"a { color: #0b5cad; }\n") != f"css/press.{digest}.css"
    assert fingerprinted("js/gallery.min.js", b"")[: len("js/gallery.min.")] == "js/gallery.min."


def test_scan_reads_every_file_of_the_assets_folder(tmp_path: Path) -> None:
    (tmp_path / "assets" / "css").mkdir(parents=True)
    (tmp_path / "assets" / "css" / "press.css").write_bytes(b"main { max-width: 60rem; }")
    (tmp_path / "assets" / "css" / ".press.css.swp").write_bytes(b"an editor's scratch file")
    (tmp_path / "static" / "img").mkdir(parents=True)
    (tmp_path / "static" / "img" / "logo.png").write_bytes(b"\x89PNG")  # Pelican's, under its own name
    found = scan(str(tmp_path))
    assert list(found) == ["css/press.css"]
    published, data = found["css/press.css"]
    assert data == b"main { max-width: 60rem; }" and FINGERPRINTED.match(f"theme/{published}")


@pytest.mark.parametrize(
    ("name", "matches"),
    [
        ("theme/css/press.3f2a9c1e.css", True),
        ("theme/css/press.3f2a9c1e.css.br", True),
        ("theme/js/search.00a7b361.js.gz", True),
        ("theme/img/favicon.c07defd9.svg", True),
        ("theme/css/press.css", False),
        ("theme/img/podcast.png", False),
        ("theme/css/press.3F2A9C1E.css", False),
        ("media/news/2026-03-12-forum-osh/report.3f2a9c1e.pdf", False),
        ("ru/theme/css/press.3f2a9c1e.css", False),
    ],
)
def test_what_counts_as_fingerprinted(name: str, matches: bool) -> None:
    assert bool(FINGERPRINTED.match(name)) is matches


def test_templates_name_the_published_file_and_an_unknown_one_stops_the_build() -> None:
    env = Environment(autoescape=True)
    env.globals["theme_url"] = theme_url_global({"css/press.css": ("css/press.3f2a9c1e.css", b"")}, "theme")
    page = env.from_string('<link rel="stylesheet" href="{{ theme_url(\'css/press.css\') }}">')
    assert page.render(SITEURL="https://press.example.kg") == (
        '<link rel="stylesheet" href="https://press.example.kg/theme/css/press.3f2a9c1e.css">'
    )
    with pytest.raises(TemplateRuntimeError, match="no file assets/css/pres.css"):
        env.from_string("{{ theme_url('css/pres.css') }}").render(SITEURL="")
