"""URL slugs transliterated by the rules of the text's language.

Unidecode romanises Russian well but writes Kyrgyz and Tajik letters the
Russian way or drops them; the letters below follow the national Latin
conventions the press centres use (Kyrgyz ң→ng, ө→o, ү→u; Tajik ҷ→j, ҳ→h,
қ→q, ғ→gh, ӣ→i, ӯ→u). The rest is Unidecode's.
"""

from __future__ import annotations

import functools
import re

from unidecode import unidecode

LETTERS: dict[str, dict[str, str]] = {
    "ky": {"ң": "ng", "ө": "o", "ү": "u", "е": "e", "ё": "yo", "ж": "j", "й": "y", "ы": "y", "х": "h"},
    "tg": {"ҷ": "j", "ҳ": "h", "қ": "q", "ғ": "gh", "ӣ": "i", "ӯ": "u", "е": "e", "ё": "yo", "й": "y", "х": "kh"},
    "ru": {"й": "y", "ы": "y", "х": "kh", "ц": "ts", "щ": "shch", "ю": "yu", "я": "ya", "ё": "yo", "ъ": "", "ь": ""},
}

_NOT_WORD = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=8192)  # tag names repeat on thousands of items
def slugify(text: str, lang: str, max_length: int = 80) -> str:
    """Return a lowercase ASCII slug of ``text`` by the rules of ``lang``."""
    table = LETTERS.get(lang, {})
    letters = "".join(table.get(ch, ch) for ch in text.lower())
    slug = _NOT_WORD.sub("-", unidecode(letters).lower()).strip("-")
    if len(slug) > max_length:
        cut = slug[:max_length]
        slug = cut if slug[max_length] == "-" else cut.rsplit("-", 1)[0]
        slug = slug.strip("-")
    return slug or "item"
