"""The interface catalogs: complete in every configured language, never stale."""

from __future__ import annotations

import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from tests.conftest import ROOT

LANGS = ["ru", "ky", "tg", "en"]


@pytest.fixture(scope="module")
def template_strings(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """Extract every interface string from the templates and plugins, as the Makefile does."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "--quiet", "extract", "-F", "theme/babel.cfg",
         "-k", "N_", "-o", str(pot), "theme/templates", "plugins/press"],
        cwd=ROOT, check=True,
    )  # fmt: skip
    with pot.open("rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


def test_strings_were_found(template_strings: set[str]) -> None:
    assert {"News", "For immediate release", "Back to footnote %d in the text"} <= template_strings


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_translates_every_string(lang: str, template_strings: set[str]) -> None:
    path = ROOT / "theme/translations" / lang / "LC_MESSAGES/messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    messages = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog if m.id}
    missing = sorted(template_strings - messages.keys())
    assert missing == [], f"{lang}: strings missing from the catalog: {missing}"
    untranslated = sorted(
        key for key, m in messages.items()
        if m.fuzzy or not (all(m.string) if isinstance(m.string, tuple) else m.string)
    )  # fmt: skip
    assert untranslated == [], f"{lang}: untranslated or fuzzy: {untranslated}"
    obsolete = sorted(messages.keys() - template_strings)
    assert obsolete == [], f"{lang}: strings no template uses any more: {obsolete}"


@pytest.mark.parametrize("lang", ["ru", "ky", "tg"])
def test_catalog_is_not_a_copy_of_english(lang: str) -> None:
    path = ROOT / "theme/translations" / lang / "LC_MESSAGES/messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    same = [m.id for m in catalog if m.id and isinstance(m.id, str) and m.string == m.id and m.id not in ("Video",)]
    assert [s for s in same if "%" not in s] == []


def test_placeholders_survive_translation() -> None:
    import re

    for lang in LANGS:
        with (ROOT / "theme/translations" / lang / "LC_MESSAGES/messages.po").open("rb") as handle:
            for m in read_po(handle, locale=lang):
                if not m.id:
                    continue
                source = m.id if isinstance(m.id, str) else m.id[0]
                wanted = sorted(re.findall(r"%\(\w+\)[sd]|%d", source))
                for form in m.string if isinstance(m.string, tuple) else (m.string,):
                    assert sorted(re.findall(r"%\(\w+\)[sd]|%d", form)) == wanted or (
                        wanted == ["%(num)d"] and form.count("%(num)d") <= 1
                    ), f"{lang}: {source!r} -> {form!r}"
