"""press.outputs.sitemaps: what a built page's head says about it, read without an HTML parser."""

from __future__ import annotations

import pytest

from press.outputs.sitemaps import Url, head_tags, read_page

SITE = "https://press.example.kg"
HEAD = f"""<!DOCTYPE html><html lang="ru"><head>
<!-- <link rel="canonical" href="/elsewhere/"> -->
<script type="application/ld+json">{{"x": "<meta name='robots' content='noindex'>"}}</script>
<link rel="canonical" href="{SITE}/ru/news/forum/">
<link rel='alternate' hreflang=ky href="/ky/news/forum/" />
<link rel="alternate" hreflang="ru" href="{SITE}/ru/news/forum/">
<link rel="alternate" hreflang="x-default" href="{SITE}/ru/news/forum/">
<meta property="article:published_time" content="2026-03-12T10:00+06:00">
<meta property="article:modified_time" content="2026-03-14T09:30+06:00">
<meta name="description" content="Бюджет &gt; 2 млн &amp; отчёт">
</head><body><link rel="canonical" href="/not-in-the-head/"></body></html>"""


def test_tags_and_attributes_as_a_browser_reads_them() -> None:
    tags = head_tags(HEAD[: HEAD.index("</head>")])
    assert ("meta", {"name": "description", "content": "Бюджет > 2 млн & отчёт"}) in tags
    assert ("link", {"rel": "alternate", "hreflang": "ky", "href": "/ky/news/forum/"}) in tags
    assert [a["href"] for t, a in tags if a.get("rel") == "canonical"] == [f"{SITE}/ru/news/forum/"]  # not the comment's


def test_a_page_with_translations_and_a_modified_date() -> None:
    url = read_page(HEAD.encode(), "ru/news/forum/", SITE, SITE)
    assert url == Url(
        f"{SITE}/ru/news/forum/",
        "2026-03-14T09:30+06:00",
        (("ky", f"{SITE}/ky/news/forum/"), ("ru", f"{SITE}/ru/news/forum/"), ("x-default", f"{SITE}/ru/news/forum/")),
    )


def test_pages_left_out_of_the_sitemap() -> None:
    noindex = HEAD.replace("<head>", '<head><meta name="robots" content="NOINDEX, follow">')
    redirect = HEAD.replace("<head>", '<head><meta http-equiv="refresh" content="0; url=/ru/">')
    assert read_page(noindex.encode(), "ru/news/forum/", SITE, SITE) is None
    assert read_page(redirect.encode(), "ru/news/forum/", SITE, SITE) is None
    assert read_page(HEAD.encode(), "ru/news/forum/page/2/", SITE, SITE) is None  # canonical is another address


def test_only_the_tags_asked_for() -> None:
    import re

    tags = head_tags(HEAD[: HEAD.index("</head>")], only=re.compile("hreflang"))
    assert [a["hreflang"] for _, a in tags] == ["ky", "ru", "x-default"]


def lxml_urlset(urls: list[Url]) -> bytes:
    """The sitemap as lxml writes it: what press.outputs.sitemaps.urlset must give."""
    from lxml import etree

    from press.outputs.sitemaps import SITEMAP_NS, XHTML_NS

    root = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS, "xhtml": XHTML_NS})
    for url in urls:
        node = etree.SubElement(root, f"{{{SITEMAP_NS}}}url")
        etree.SubElement(node, f"{{{SITEMAP_NS}}}loc").text = url.loc
        if url.lastmod:
            etree.SubElement(node, f"{{{SITEMAP_NS}}}lastmod").text = url.lastmod
        for lang, href in url.alternates:
            etree.SubElement(node, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=lang, href=href)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def test_the_urlset_is_what_lxml_writes() -> None:
    from press.outputs.sitemaps import urlset

    tricky = [
        Url("https://press.example.kg/ru/", "2026-03-12T10:30:00+06:00",
            (("en", "https://press.example.kg/en/"), ("x-default", "https://press.example.kg/ru/"))),
        Url("https://press.example.kg/ru/search/?q=a&b=<c>", None, (("ru", 'https://x/"q"&\t\n\r<>'),)),
        Url("https://press.example.kg/ky/жаңылыктар/", "2026-01-01", ()),
    ]  # fmt: skip
    assert urlset(tricky) == lxml_urlset(tricky)
    assert urlset([]) == lxml_urlset([])
    with pytest.raises(ValueError):
        urlset([Url("https://press.example.kg/\x01", None, ())])
