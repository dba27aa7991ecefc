"""press.slug.slugify: URL slugs by the transliteration rules of the text's language."""

from __future__ import annotations

import re

import pytest

from press.slug import slugify

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@pytest.mark.parametrize(
    ("text", "lang", "slug"),
    [
        # Kyrgyz: ң→ng, ө→o, ү→u
        pytest.param("Жаңы үй", "ky", "jangy-uy", id="ky-ng-u"),
        pytest.param("Өкмөт", "ky", "okmot", id="ky-o"),
        pytest.param("Түштүк", "ky", "tushtuk", id="ky-u"),
        pytest.param("Ысык-Көл", "ky", "ysyk-kol", id="ky-ysyk-kol"),
        pytest.param("ҢҢ ӨӨ ҮҮ", "ky", "ngng-oo-uu", id="ky-capitals"),
        pytest.param("Оштогу ЖӨБ форумуна 200 катышуучу келди", "ky",
                     "oshtogu-job-forumuna-200-katyshuuchu-keldi", id="ky-sentence"),
        # Tajik: ҷ→j, ҳ→h, қ→q, ғ→gh, ӣ→i, ӯ→u
        pytest.param("Ҷумҳурии Тоҷикистон", "tg", "jumhurii-tojikiston", id="tg-j-h"),
        pytest.param("Қонун", "tg", "qonun", id="tg-q"),
        pytest.param("Ғалаба", "tg", "ghalaba", id="tg-gh"),
        pytest.param("Моҳӣ", "tg", "mohi", id="tg-i"),
        pytest.param("Рӯз", "tg", "ruz", id="tg-u"),
        pytest.param("Хуҷанд", "tg", "khujand", id="tg-kh"),
        # Russian
        pytest.param("Форум МСУ в Оше собрал 200 участников", "ru",
                     "forum-msu-v-oshe-sobral-200-uchastnikov", id="ru-sentence"),
        pytest.param("Щёлково", "ru", "shchyolkovo", id="ru-shch-yo"),
        pytest.param("Объявление", "ru", "obyavlenie", id="ru-hard-sign"),
        pytest.param("Царь", "ru", "tsar", id="ru-ts-soft-sign"),
        pytest.param("Юрий Хайбуллин", "ru", "yuriy-khaybullin", id="ru-yu-y-kh"),
        # English and other Latin text
        pytest.param("Local government forum in Osh gathers 200 participants", "en",
                     "local-government-forum-in-osh-gathers-200-participants", id="en-sentence"),
        pytest.param("Café déjà vu", "en", "cafe-deja-vu", id="en-accents"),
        # punctuation and spaces collapse into single hyphens, none at the ends
        pytest.param("  --Forum!!  in   Osh?? ", "en", "forum-in-osh", id="punctuation"),
        pytest.param("«Ош-Пресс» — агентство", "ru", "osh-press-agentstvo", id="quotes-and-dash"),
        pytest.param("2026: итоги / планы", "ru", "2026-itogi-plany", id="digits-and-slash"),
        # nothing usable left
        pytest.param("!!!", "en", "item", id="only-punctuation"),
        pytest.param("", "en", "item", id="empty"),
    ],
)
def test_slugify(text: str, lang: str, slug: str) -> None:
    assert slugify(text, lang) == slug


def test_language_rules_differ() -> None:
    # х is «h» in Kyrgyz, «kh» in Russian and Tajik
    assert slugify("Хабар", "ky") == "habar"
    assert slugify("Хабар", "ru") == "khabar"
    assert slugify("Хабар", "tg") == "khabar"
    # a language without its own table uses Unidecode alone
    assert slugify("Жаңы үй", "en") != slugify("Жаңы үй", "ky")


@pytest.mark.parametrize("max_length", [12, 17, 30, 45, 80])
def test_max_length_cuts_at_a_word_boundary(max_length: int) -> None:
    text = "Бюджетные слушания пройдут в сорока айылных аймаках Ошской и Баткенской областей"
    full = slugify(text, "ru", max_length=1000)
    slug = slugify(text, "ru", max_length=max_length)
    assert len(slug) <= max_length
    assert SLUG.match(slug)
    assert full.startswith(slug)
    # never half a word: the cut falls where the full slug has a hyphen (or at its end)
    assert full[len(slug) : len(slug) + 1] in ("-", "")


def test_default_max_length_is_80() -> None:
    slug = slugify("word " * 30, "en")
    assert len(slug) <= 80
    assert slug == "-".join(["word"] * 16)
    assert not slug.endswith("-")


def test_a_single_long_word_is_cut_hard() -> None:
    assert slugify("abcdefghij", "en", max_length=5) == "abcde"


def test_short_text_is_not_cut() -> None:
    assert slugify("aaa bbb", "en", max_length=7) == "aaa-bbb"


def test_a_cut_exactly_at_a_word_end_keeps_that_word() -> None:
    # "byudzhetnye-slushaniya-proydut" is exactly 30 characters long
    text = "Бюджетные слушания пройдут в сорока айылных аймаках"
    assert slugify(text, "ru", max_length=30) == "byudzhetnye-slushaniya-proydut"
    assert slugify("aaa bbb ccc", "en", max_length=7) == "aaa-bbb"
