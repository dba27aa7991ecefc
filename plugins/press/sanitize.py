"""Cleaning converted Markdown bodies before they reach a page or a feed.

Python-Markdown passes raw HTML through, so a body could carry ``<script>``,
``onerror=`` handlers or ``javascript:`` links; autoescaping protects only
metadata. nh3 (the Ammonia sanitizer) keeps the HTML that Markdown itself
produces (tables, footnotes, headings with ids, images) and drops the rest.
Attributes that the W3C checker calls obsolete (``align``) are not kept.
"""

from __future__ import annotations

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
    return cleaned.replace(' style=""', "")
