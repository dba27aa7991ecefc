"""What the browser tests open and do on the sample site (fixtures are in conftest.py)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest

from tests.conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: WCAG 2.2 level A and AA, as axe-core tags its rules.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

#: Key pages of every language the sample site has in full.
KEY_PAGES = {
    "home": "/{lang}/",
    "listing": "/{lang}/news/",
    "gallery": "/{lang}/galleries/shg-fair-osh/",
    "press-release": "/{lang}/press-releases/local-budgets-second-phase/",
    "subscribe": "/{lang}/subscribe/",
    "search": "/{lang}/search/",
}
LANGS = ("ru", "ky", "en")


def key_page(name: str, lang: str) -> str:
    return KEY_PAGES[name].format(lang=lang)


def search(page: Any, lang: str, query: str, **filters: str) -> list[dict[str, str]]:
    """Search the way a reader does (type, press Enter); return the results shown.

    Each result: ``title``, ``url`` (path), ``meta`` and ``excerpt`` (its HTML,
    with ``<mark>`` around the words found).
    """
    page.goto(f"/{lang}/search/" + (f"?{urlencode(filters)}" if filters else ""))
    page.fill("#search-query", query)
    page.press("#search-query", "Enter")
    page.wait_for_selector("#search-results[aria-busy=false]", state="attached", timeout=15_000)
    return page.eval_on_selector_all(
        "#search-results > li",
        """items => items.map(li => ({
            title: li.querySelector("h2 a").textContent,
            url: new URL(li.querySelector("h2 a").href).pathname,
            meta: (li.querySelector(".card-meta") || {}).textContent || "",
            excerpt: li.querySelector(".search-excerpt").innerHTML,
        }))""",
    )


def status(page: Any) -> str:
    return page.inner_text("#search-status")


def violations(page: Any) -> list[str]:
    """axe-core's WCAG 2.2 A/AA violations on the page as it is now, one line per rule."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (make test does)")
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
            return result.violations.map(v => `${v.id} (${v.impact}): ${v.help} — ` +
                v.nodes.slice(0, 5).map(n => n.target.join(" ")).join(", "));
        }""",
        WCAG_TAGS,
    )
    return list(found)
