"""One word, one meaning: the catalogs say the glossary's words (docs/glossary.md).

The interface (theme/translations) and the press officers' messages
(plugins/press/locale) are checked against the glossary's table: a message
that is one of the glossary's English words is translated with the
glossary's word; a message that mentions it uses that word (in any of its
forms); the words the glossary rules out («Долбоор» for a draft) never
stand for it; and where the glossary allows two words (a region is
«Облус / Аймак»), one language keeps to one of them everywhere.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import pytest
from babel.messages.pofile import read_po

from tests.conftest import ROOT

GLOSSARY = ROOT / "docs" / "glossary.md"
LANGS = ("ru", "ky", "tg")
CATALOGS = {
    "theme": "theme/translations/{lang}/LC_MESSAGES/messages.po",
    "messages": "plugins/press/locale/{lang}/LC_MESSAGES/pressroom.po",
}


@dataclass(frozen=True)
class Term:
    en: str
    words: dict[str, tuple[str, ...]]  # language -> the glossary's word, or its alternatives
    not_words: dict[str, tuple[str, ...]]  # language -> words the glossary rules out


_RULED_OUT = re.compile(r"\(not\s+([^)]*)\)")


def _cell(cell: str) -> tuple[list[str], list[str]]:
    """The alternatives of a cell («Область / Регион») and the words its note rules out."""
    # «(not «Долбоор»: that is «project»)»: the words before the colon are ruled out
    ruled_out = [w for note in _RULED_OUT.findall(cell) for w in re.findall(r"«([^»]+)»", note.split(":")[0])]
    words = [w.strip() for w in _RULED_OUT.sub("", cell).split(" / ")]
    return [w for w in words if w], ruled_out


@functools.cache
def glossary() -> tuple[Term, ...]:
    rows = [line.strip().strip("|").split("|") for line in GLOSSARY.read_text(encoding="utf-8").splitlines()
            if line.startswith("|")]  # fmt: skip
    header = [cell.strip() for cell in rows[0]]
    terms = []
    for row in rows[2:]:
        cells = dict(zip(header, (cell.strip() for cell in row)))
        english, _ = _cell(cells["en"])
        parsed = {lang: _cell(cells[lang]) for lang in LANGS}
        # «Newer / Older»: two words side by side in every column, not alternatives
        for n, en in enumerate(english):
            words, not_words = {}, {}
            for lang, (alternatives, ruled_out) in parsed.items():
                words[lang] = (alternatives[n],) if len(english) > 1 else tuple(alternatives)
                not_words[lang] = tuple(ruled_out)
            terms.append(Term(en, words, not_words))
    return tuple(terms)


def catalogs(lang: str) -> dict[str, dict[str, str]]:
    """Each catalog of ``lang``: English message -> translation (the first form of a plural)."""
    found = {}
    for name, path in CATALOGS.items():
        with (ROOT / path.format(lang=lang)).open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        found[name] = {
            (m.id if isinstance(m.id, str) else m.id[0]): (m.string if isinstance(m.string, str) else m.string[0])
            for m in catalog if m.id
        }  # fmt: skip
    return found


#: What in a message is not English words: placeholders, quoted field values,
#: file names and paths.
_NOT_WORDS = re.compile(r"\{[^}]*\}|'[^']*'|<[^>]*>|\S*(?:[/_]|\.\w)\S*")


def mentions(message: str, english: str, translation: str = "") -> bool:
    """Whether the English message uses the glossary's English word (or its
    plural / singular: «News» is not the plural of «new»). A word the
    translation keeps in English is a key or a folder name («e.g. news»,
    «plus pages, projects and data»), not the word."""
    words = _NOT_WORDS.sub(" ", message).lower()
    term = english.lower()
    forms = {term, f"{term}s"} | ({term[:-1]} if term.endswith("s") and term != "news" else set())
    if any(re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", translation.lower()) for form in forms):
        return False
    return any(re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", words) for form in forms)


def _stems(word: str) -> list[str]:
    """The unchanging start of the words of a term: Russian and Tajik words
    change their endings, Kyrgyz ones take suffixes («кара нуска» → «кара
    нускалар», «регион» → «регионе», «Долбоорлор» → «долбоордун»). Of a
    longer name, its first word: a sentence says «анонсы мероприятий», not
    the section's whole «Анонсы и объявления»."""
    words = [w for w in re.split(r"[\s-]+", word) if w]
    return [w[: max(4, len(w) - 3)].lower() for w in (words if len(words) <= 2 else words[:1])]


def uses(translation: str, words: tuple[str, ...]) -> list[str]:
    """The glossary's words (alternatives) the translation uses."""
    text = translation.lower()
    return [w for w in words if all(stem in text for stem in _stems(w))]


def test_the_glossary_is_read() -> None:
    terms = {t.en: t for t in glossary()}
    assert len(terms) >= 20
    assert terms["Draft"].words["ky"] == ("Кара нуска",) and terms["Draft"].not_words["ky"] == ("Долбоор",)
    assert terms["Older"].words == {"ru": ("Раньше",), "ky": ("Мурунку",), "tg": ("Пештар",)}
    assert terms["Region"].words["ky"] == ("Облус", "Аймак")
    assert mentions("Preview: this is a draft. It is not published.", "Draft")
    assert mentions("unknown region {key!r}", "Region") and mentions("All regions", "Region")
    assert not mentions("one of the sections, e.g. news", "News", "один из разделов, например news")
    assert not mentions("the item folder, e.g. news/2026-03-12-forum-in-osh", "News")
    assert not mentions("new materials of this section.", "News")
    assert mentions("All projects", "Projects") and mentions("new materials of this project.", "Projects")


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_words_are_translated_with_the_glossary_word(lang: str) -> None:
    wrong = []
    for name, messages in catalogs(lang).items():
        for term in glossary():
            for english, translation in messages.items():
                if english.lower() == term.en.lower() and translation.lower() not in {w.lower() for w in term.words[lang]}:
                    wrong.append(f"{name}: {english!r} is {translation!r}, the glossary says {' / '.join(term.words[lang])}")
    assert wrong == []


@pytest.mark.parametrize("lang", LANGS)
def test_messages_that_mention_a_glossary_word_use_it(lang: str) -> None:
    wrong = []
    for name, messages in catalogs(lang).items():
        for term in glossary():
            for english, translation in messages.items():
                if not mentions(english, term.en, translation):
                    continue
                if not uses(translation, term.words[lang]):
                    wrong.append(f"{name}: {english!r} → {translation!r} lacks {' / '.join(term.words[lang])}")
                ruled_out = [w for w in term.not_words[lang] if w.lower() in translation.lower()]
                if ruled_out:
                    wrong.append(f"{name}: {english!r} → {translation!r} says {ruled_out} for {term.en!r}")
    assert wrong == []


@pytest.mark.parametrize("lang", LANGS)
def test_one_word_of_the_alternatives_throughout(lang: str) -> None:
    for term in glossary():
        if len(term.words[lang]) < 2:
            continue
        chosen = {
            word
            for messages in catalogs(lang).values()
            for english, translation in messages.items()
            if mentions(english, term.en, translation)
            for word in uses(translation, term.words[lang])
        }
        assert len(chosen) <= 1, f"{term.en}: both {sorted(chosen)} in the {lang} catalogs"


@pytest.mark.parametrize("lang", LANGS)
def test_a_ruled_out_word_means_only_what_the_glossary_gives_it(lang: str) -> None:
    """«Долбоор» is «project»: no message that is not about a project says it."""
    owners = {w.lower(): t for t in glossary() for words in t.words.values() for w in words}
    for term in glossary():
        for word in term.not_words[lang]:
            owner = owners.get(word.lower()) or next(
                (t for t in glossary() for w in t.words[lang] if all(s in word.lower() for s in _stems(w))), None
            )
            assert owner is not None, f"{word!r}: the glossary does not say what it means"
            for messages in catalogs(lang).values():
                for english, translation in messages.items():
                    if uses(translation, (word,)):
                        assert mentions(english, owner.en, translation), f"{english!r} → {translation!r} says {word!r}"
