"""press.messages: what press officers read, in English, Russian, Kyrgyz and Tajik, and the catalogs that say it."""

from __future__ import annotations

import pickle
import subprocess
from string import Formatter
import sys

import pytest
from babel.messages.pofile import read_po

from press.messages import LOCALE_DIR, Msg, available, messages, messages_lang
from tests.conftest import ROOT


@pytest.mark.parametrize(
    ("env", "setting", "lang"),
    [
        ({}, None, "en"),
        ({"LANG": "ru_RU.UTF-8"}, None, "ru"),
        ({"LC_ALL": "ru_KG.UTF-8", "LANG": "en_US.UTF-8"}, None, "ru"),
        ({"LANG": "C.UTF-8"}, None, "en"),
        ({"LANG": "en_US.UTF-8"}, "ru", "ru"),
        ({"LANG": "ru_RU.UTF-8", "PRESSROOM_LANG": "en"}, "ru", "en"),
        ({"PRESSROOM_LANG": "ru"}, "en", "ru"),
        ({"PRESSROOM_LANG": "xx"}, None, "en"),
        # Kyrgyz and Tajik, from every source
        ({"LANG": "ky_KG.UTF-8"}, None, "ky"),
        ({"LANG": "tg_TJ.UTF-8"}, None, "tg"),
        ({"LC_ALL": "tg_TJ@cyrillic"}, None, "tg"),
        ({"LC_ALL": "ky_KG.UTF-8", "LANG": "ru_RU.UTF-8"}, None, "ky"),
        ({"LANG": "de_DE.UTF-8"}, None, "en"),
        ({"LANG": "en_US.UTF-8"}, "tg", "tg"),
        ({"LANG": "ky_KG.UTF-8"}, "ru", "ru"),
        ({"PRESSROOM_LANG": "ky"}, "ru", "ky"),
        ({"PRESSROOM_LANG": "tg-TJ", "LANG": "ru_RU.UTF-8"}, None, "tg"),
        ({"PRESSROOM_LANG": "en", "LANG": "ky_KG.UTF-8"}, "tg", "en"),
    ],
)
def test_messages_language_from_the_environment_and_the_setting(env: dict, setting: str | None, lang: str) -> None:
    assert messages_lang(setting, env) == lang


def test_a_message_is_english_text_and_can_be_said_in_russian() -> None:
    hint = Msg("; did you mean {name!r}?", name="local-budgets")
    msg = Msg("unknown project {key!r}{hint} (known: {choices})", key="local-budget", hint=hint, choices="a, b")
    assert msg == "unknown project 'local-budget'; did you mean 'local-budgets'? (known: a, b)"
    assert isinstance(msg, str)
    assert messages("en").text(msg) == msg
    assert messages("ru").text(msg) == "неизвестный проект 'local-budget'; может быть, 'local-budgets'? (известны: a, b)"
    assert messages("ru").text("plain text") == "plain text"
    copy = pickle.loads(pickle.dumps(msg))
    assert copy == msg and messages("ru").text(copy) == messages("ru").text(msg)


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("ky", "белгисиз долбоор 'local-budget'; 'local-budgets' дегиңиз келдиби? (белгилүү долбоорлор: a, b)"),
        ("tg", "лоиҳаи номаълум 'local-budget'; шояд 'local-budgets' бошад? (лоиҳаҳои маълум: a, b)"),
    ],
)
def test_a_message_can_be_said_in_kyrgyz_and_tajik(lang: str, said: str) -> None:
    hint = Msg("; did you mean {name!r}?", name="local-budgets")
    msg = Msg("unknown project {key!r}{hint} (known: {choices})", key="local-budget", hint=hint, choices="a, b")
    assert messages(lang).lang == lang
    assert messages(lang).text(msg) == said
    assert messages(lang).text(pickle.loads(pickle.dumps(msg))) == said


def test_russian_plurals() -> None:
    say = messages("ru")
    assert [say.plural("{n} error", "{n} errors", n) for n in (1, 3, 5, 21)] == [
        "1 ошибка", "3 ошибки", "5 ошибок", "21 ошибка",
    ]  # fmt: skip


@pytest.mark.parametrize(("lang", "error", "warning"), [("ky", "ката", "эскертүү"), ("tg", "хато", "огоҳӣ")])
def test_kyrgyz_and_tajik_plurals(lang: str, error: str, warning: str) -> None:
    """Two forms, as Babel's locale data says (``n != 1``); a noun after a number stays singular."""
    say = messages(lang)
    assert say.translations.plural(1) == 0 and [say.translations.plural(n) for n in (0, 2, 5, 21)] == [1, 1, 1, 1]
    assert [say.plural("{n} error", "{n} errors", n) for n in (1, 3, 21)] == [f"1 {error}", f"3 {error}", f"21 {error}"]
    assert say.plural("{n} warning:", "{n} warnings:", 2) == f"2 {warning}:"


@pytest.fixture(scope="module")
def press_strings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Every message of the pressroom domain, extracted as the Makefile does."""
    pot = tmp_path_factory.mktemp("pot") / "pressroom.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "--quiet", "extract", "--no-default-keywords",
         "-k", "Msg", "-k", "say", "-k", "plural:1,2", "-o", str(pot), "plugins/press"],
        cwd=ROOT, check=True,
    )  # fmt: skip
    with pot.open("rb") as handle:
        return {(m.id if isinstance(m.id, str) else m.id[0]): m.id for m in read_po(handle) if m.id}


def test_the_messages_were_found(press_strings: dict[str, object]) -> None:
    assert {"unknown field{hint}", "Created {path}", "{n} error"} <= press_strings.keys()
    assert len(press_strings) > 100


# Plural forms of each catalog. The .po files have no header (--omit-header):
# these come from Babel's locale data when a catalog is read.
PLURAL_FORMS = {
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "ky": "nplurals=2; plural=(n != 1);",
    "tg": "nplurals=2; plural=(n != 1);",
}


def test_every_catalog_is_tested() -> None:
    assert set(available()) - {"en"} == PLURAL_FORMS.keys()


@pytest.mark.parametrize("lang", sorted(PLURAL_FORMS))
def test_the_catalog_translates_every_message_with_its_placeholders(press_strings: dict[str, object], lang: str) -> None:
    with (LOCALE_DIR / lang / "LC_MESSAGES/pressroom.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    assert catalog.plural_forms == PLURAL_FORMS[lang]
    messages_ = {(m.id if isinstance(m.id, str) else m.id[0]): m for m in catalog if m.id}
    assert sorted(press_strings.keys() - messages_.keys()) == [], "missing: run make i18n-messages-update"
    assert sorted(messages_.keys() - press_strings.keys()) == [], "obsolete: run make i18n-messages-update"
    for key, message in messages_.items():
        plural = isinstance(message.id, tuple)
        assert plural == isinstance(press_strings[key], tuple), key
        forms = message.string if plural else (message.string,)
        assert len(forms) == (catalog.num_plurals if plural else 1), key
        assert all(forms) and not message.fuzzy, key
        wanted = placeholders(key)
        for form in forms:
            assert placeholders(form) == wanted, (key, form)
            assert form.count("\n") == key.count("\n"), (key, form)  # the translation template keeps its lines


# Letters each language has beyond Russian, and Russian letters Tajik does not use.
OWN_LETTERS = {"ky": "ңөү", "tg": "ӣӯҳқғҷ"}


NOT_TAJIK = set("цщыь")


@pytest.mark.parametrize("lang", sorted(OWN_LETTERS))
def test_kyrgyz_and_tajik_are_written_in_their_own_letters(lang: str) -> None:
    """Every message is translated (none copied from the English) into the language's own Cyrillic."""
    with (LOCALE_DIR / lang / "LC_MESSAGES/pressroom.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    forms = [f for m in catalog if m.id for f in (m.string if isinstance(m.string, tuple) else (m.string,))]
    assert set(OWN_LETTERS[lang]) <= set("".join(forms))
    if lang == "tg":
        assert not NOT_TAJIK & set("".join(forms).lower())
    copied = [m.id for m in catalog if m.id and m.string == m.id and m.id != "{file!r} {problem}"]
    assert copied == []


def placeholders(text: str) -> list[tuple[str, str, str]]:
    """The ``{name!conv:spec}`` fields of a format string (``{{`` is a brace)."""
    return sorted((name, conv or "", spec or "") for _, name, spec, conv in Formatter().parse(text) if name is not None)
