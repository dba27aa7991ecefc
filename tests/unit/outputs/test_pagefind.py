"""press.outputs.pagefind: the CBOR codec and a Pagefind bundle that is the same for the same pages."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from press.outputs import pagefind
from press.outputs.pagefind import FormatError, cbor_decode, cbor_encode
from press.outputs.pagefind_run import run_pagefind


@pytest.mark.parametrize(
    ("value", "encoded"),
    [  # RFC 8949, appendix A
        (0, "00"),
        (23, "17"),
        (24, "1818"),
        (100, "1864"),
        (1000, "1903e8"),
        (1000000, "1a000f4240"),
        (1000000000000, "1b000000e8d4a51000"),
        (-1, "20"),
        (-1000, "3903e7"),
        ("", "60"),
        ("a", "6161"),
        ("ü", "62c3bc"),
        ([], "80"),
        ([1, [2, 3], [4, 5]], "8301820203820405"),
        ({"a": 1, "b": [2, 3]}, "a26161016162820203"),
        (b"\x01\x02", "420102"),
        (True, "f5"),
    ],
)
def test_cbor_matches_the_rfc_examples(value: object, encoded: str) -> None:
    assert cbor_encode(value).hex() == encoded
    assert cbor_decode(bytes.fromhex(encoded)) == value


values = st.recursive(
    st.integers(min_value=-(2**63), max_value=2**64 - 1) | st.text() | st.binary() | st.booleans() | st.none(),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=5), inner, max_size=5),
    max_leaves=20,
)


@given(values)
def test_cbor_round_trip(value: object) -> None:
    assert cbor_decode(cbor_encode(value)) == value


def test_cbor_rejects_what_it_does_not_know() -> None:
    with pytest.raises(FormatError):
        cbor_decode(bytes.fromhex("fb3ff199999999999a"))  # a float
    with pytest.raises(FormatError):
        cbor_decode(bytes.fromhex("8301"))  # truncated


PAGE = """<!DOCTYPE html><html lang="{lang}"><head><title>{n}</title></head><body>
<article data-pagefind-body data-pagefind-filter="section:{section}">
<h1>Item {n}</h1><p>budget water {n}</p>
<a data-pagefind-filter="region:{region}" href="#">r</a><a data-pagefind-filter="project:{project}" href="#">p</a>
</article></body></html>"""


def bundle_of(site: Path, target: Path) -> dict[str, bytes]:
    run_pagefind(site, target)
    pagefind.stabilize(target)
    return {str(p.relative_to(target)): p.read_bytes() for p in sorted(target.rglob("*")) if p.is_file()}


def test_the_same_pages_give_the_same_bundle(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for n in range(12):
        lang = ["ru", "ky", "en"][n % 3]
        folder = site / lang / f"item-{n}"
        folder.mkdir(parents=True)
        (folder / "index.html").write_text(
            PAGE.format(lang=lang, n=n, section=["news", "video", "speeches"][n % 3 - 1],
                        region=f"region-{n % 5}", project=f"project-{n % 4}"),
            encoding="utf-8",
        )  # fmt: skip
    runs = [bundle_of(site, tmp_path / f"run-{n}") for n in range(3)]
    assert runs[0] == runs[1] == runs[2]
    entry = json.loads(runs[0]["pagefind-entry.json"])
    assert list(entry["languages"]) == ["en", "ky", "ru"]
    meta = pagefind.read(tmp_path / "run-0" / f"pagefind.{entry['languages']['ru']['hash']}.pf_meta")
    assert [name for name, _ in meta[3]] == ["project", "region", "section"]
    for _, name in meta[3]:
        values = pagefind.read(tmp_path / "run-0" / "filter" / f"{name}.pf_filter")[1]
        assert [v for v, _ in values] == sorted(v for v, _ in values)


def test_an_unknown_format_is_left_whole(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "pagefind-entry.json").write_text('{"languages": {"ru": {"hash": "ru_0"}}}')
    (tmp_path / "pagefind.ru_0.pf_meta").write_bytes(b"not gzip")
    caplog.set_level(logging.WARNING, logger="pressroom")
    pagefind.stabilize(tmp_path)
    assert (tmp_path / "pagefind.ru_0.pf_meta").read_bytes() == b"not gzip"
    assert "left in Pagefind's own order" in caplog.text
