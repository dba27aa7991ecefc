"""Cleaning converted Markdown bodies before they reach a page or a feed.

Python-Markdown passes raw HTML through, so a body could carry ``<script>``,
``onerror=`` handlers or ``javascript:`` links; autoescaping protects only
metadata. nh3 (the Ammonia sanitizer) keeps the HTML that Markdown itself
produces (tables, footnotes, headings with ids, images) and drops the rest.
Attributes that the W3C checker calls obsolete (``align``) are not kept.
An ``<img>`` without ``alt`` (raw HTML pasted into a body) gets ``alt=""``:
without it the page is invalid HTML and screen readers read out the file
name. The build and ``make check`` warn about it, so that someone writes
what the image shows.
"""

from __future__ import annotations

import re

import nh3

TAGS = (nh3.ALLOWED_TAGS - {"center", "strike", "tt", "acronym", "map", "area"}) | {
    "abbr", "figure", "figcaption", "picture", "source", "tfoot",
}  # fmt: skip

ATTRIBUTES: dict[str, set[str]] = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "source": {"srcset", "sizes", "type", "media"},
    "ol": {"start", "reversed"},
    "td": {"colspan", "rowspan", "headers", "style"},
    "th": {"colspan", "rowspan", "headers", "scope", "style"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "time": {"datetime"},
    "data": {"value"},
}

URL_SCHEMES = {"http", "https", "mailto", "tel"}

# nh3 writes every attribute as name="value", with ">" in a value escaped
_IMG_WITHOUT_ALT = re.compile(r"<img\b(?![^>]*\salt=)")


def clean(html: str) -> str:
    """Return ``html`` with scripts, handlers and unsafe URLs removed."""
    cleaned = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        filter_style_properties={"text-align"},
    )
    # nh3 keeps an emptied style attribute when it removed every property
    cleaned = cleaned.replace(' style=""', "")
    return _IMG_WITHOUT_ALT.sub('<img alt=""', cleaned) if "<img" in cleaned else cleaned
