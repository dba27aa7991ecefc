"""The theme's CSS, JS and icons are published under names that carry a hash of their bytes.

Every page of the sample site names only such files, each of them exists
with the bytes of its source in ``theme/assets/``, and no copy under the
plain name is published. A saved change to the CSS in ``make serve`` gives
it a new name, which every page names after the rebuild (so an open page
reloads with the new style), and the old name is gone.
"""

from __future__ import annotations

from pathlib import Path

from press.outputs.theme_assets import FINGERPRINTED
from tests.conftest import ROOT
from tests.e2e.html import all_files, page
from tests.e2e.test_preview import serving_own_theme

ASSETS = ROOT / "theme" / "assets"
REFERENCES = "//link[@rel='stylesheet']/@href | //link[@rel='icon']/@href | //script/@src"


def theme_references(output: Path) -> dict[str, set[str]]:
    """The theme files each page names, by page."""
    named: dict[str, set[str]] = {}
    for path in all_files(output):
        if path.suffix == ".html":
            url = "/" + path.relative_to(output).as_posix()
            tree = page(output, url)
            named[url] = {ref for ref in tree.xpath(REFERENCES) if ref.startswith("/theme/")}
    return named


def test_pages_name_only_fingerprinted_files_that_exist(sample_site: Path) -> None:
    named = theme_references(sample_site)
    every = set().union(*named.values())
    # the sample site uses every script: the gallery, video, sharing, search and Subscribe pages
    sources = {p.relative_to(ASSETS).as_posix() for p in ASSETS.rglob("*") if p.is_file()}
    assert len(every) == len(sources), sorted(every)
    for ref in every:
        assert FINGERPRINTED.match(ref.lstrip("/")), ref
        published = sample_site / ref.lstrip("/")
        stem, _hash, ending = published.name.rsplit(".", 2)
        source = ASSETS / published.parent.relative_to(sample_site / "theme") / f"{stem}.{ending}"
        assert published.read_bytes() == source.read_bytes(), ref
    assert all("/theme/css/press." in " ".join(refs) for refs in named.values())  # every page has the style
    # the theme's assets exist under their hashed names alone; Pelican's static folder keeps its own names
    theme = {p.relative_to(sample_site).as_posix() for p in (sample_site / "theme").rglob("*") if p.is_file()}
    assert theme == {ref.lstrip("/") for ref in every} | {"theme/img/logo.png", "theme/img/podcast.png"}


def test_a_saved_style_gets_a_new_name_in_the_preview(tmp_path: Path) -> None:
    from press.build import preview

    pelican, theme, output = serving_own_theme(tmp_path)
    before = theme_references(output)["/ru/index.html"]
    old_css = next(ref for ref in before if ref.startswith("/theme/css/press."))
    stamp = (output / preview.STAMP).read_text(encoding="ascii")

    css = theme / "assets" / "css" / "press.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.site-name { letter-spacing: 0.02em; }\n", encoding="utf-8")
    pelican.run()  # what --autoreload does after the save
    named = theme_references(output)
    new_css = next(ref for ref in named["/ru/index.html"] if ref.startswith("/theme/css/press."))
    assert new_css != old_css
    assert (output / new_css.lstrip("/")).read_bytes() == css.read_bytes()
    assert not (output / old_css.lstrip("/")).exists()
    assert all(new_css in refs for refs in named.values())
    assert (output / preview.STAMP).read_text(encoding="ascii") != stamp  # open pages reload
    # the scripts did not change: their names stay
    assert {r for r in named["/ru/index.html"] if r != new_css} == {r for r in before if r != old_css}
