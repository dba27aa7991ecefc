"""The site's sharing card per language, and the logo, in the output.

Hook: ``get_generators`` adds :class:`ShareCardsGenerator`. A page without a
cover is shared (``og:image``, ``twitter:image``, JSON-LD) with a card of
the site: 1200×630, the logo and the site's name and tagline in the page's
language, drawn here with Pillow in Noto Sans (the ``fontpkg-noto-sans``
wheel: every Cyrillic letter of Kyrgyz and Tajik, on any machine). A card is
drawn once: it is kept in the image cache (``PRESS_IMAGE_CACHE``/``cards``)
under a digest of what it shows, so a build copies it unless the name, the
tagline, the logo or this drawing changed. ``PRESS_SHARE_IMAGE`` replaces
the cards with one file of the organisation's own; ``PRESS_LOGO`` replaces
the theme's ``img/logo.png``. Where each is published, and what pages say
of it, is press.site.structured's.
"""

from __future__ import annotations

import os
import shutil
import textwrap
from typing import Any

from pelican.generators import Generator
from PIL import Image, ImageDraw, ImageFont

from ..settings import PressSettings, SiteIdentity, load
from ..site.structured import CARD_SIZE, card_path, logo_file, logo_path
from ..files import digest, file_digest

#: Bump when the drawing changes, so cached cards are drawn again.
DRAWING = "1"
BLUE = (11, 92, 173)
INK = (26, 32, 44)
MUTED = (74, 85, 104)


def _font_file() -> str:
    import fontpkg_noto_sans

    return str(fontpkg_noto_sans.ROOT / "files" / "NotoSans[wdth,wght].ttf")


def _font(size: int, weight: int) -> ImageFont.FreeTypeFont:
    font = ImageFont.truetype(_font_file(), size)
    font.set_variation_by_axes([weight, 100])  # axes: weight, width
    return font


def _lines(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """``text`` wrapped to ``width`` pixels (by words)."""
    chars = max(8, int(width / max(font.getlength("ш"), 1) * 1.6))
    while chars > 8:
        lines = textwrap.wrap(text, chars)
        if all(font.getlength(line) <= width for line in lines):
            return lines
        chars -= 2
    return textwrap.wrap(text, chars)


def draw(identity: SiteIdentity, logo: str) -> Image.Image:
    """The card: logo top left, the name large under it, the tagline below, a blue band."""
    width, height = CARD_SIZE
    card = Image.new("RGB", CARD_SIZE, "white")
    pen = ImageDraw.Draw(card)
    pen.rectangle([0, height - 28, width, height], fill=BLUE)
    with Image.open(logo) as mark:
        mark = mark.convert("RGBA")
        mark.thumbnail((160, 160), Image.Resampling.LANCZOS)
        card.paste(mark, (80, 72), mark)
    room = width - 160
    for size in (72, 64, 56, 48):  # the largest size at which the name takes three lines at most
        name_font = _font(size, 700)
        name = _lines(identity.name, name_font, room)
        if len(name) <= 3:
            break
    y = 280
    for line in name[:3]:
        pen.text((80, y), line, font=name_font, fill=INK)
        y += int(size * 1.2)
    if identity.tagline:
        tag_font = _font(34, 400)
        for line in _lines(identity.tagline, tag_font, room)[: 2 if len(name) < 3 else 1]:
            y += 8
            pen.text((80, y), line, font=tag_font, fill=MUTED)
            y += 42
    return card


def _digest(identity: SiteIdentity, logo: str, quality: int) -> str:
    return digest(file_digest(logo), identity.name, identity.tagline, quality, DRAWING, os.path.getsize(_font_file()))


def card_file(press: PressSettings, lang: str, logo: str) -> str:
    """The cached card of ``lang``, drawn if the cache lacks it."""
    identity = press.identity(lang)
    quality = press.images.quality["jpeg"]
    cached = os.path.join(press.images.cache, "cards", f"{_digest(identity, logo, quality)}.jpg")
    if not os.path.exists(cached):
        os.makedirs(os.path.dirname(cached), exist_ok=True)
        partial = f"{cached}.{os.getpid()}.tmp"
        draw(identity, logo).save(partial, "JPEG", quality=quality, optimize=True, progressive=True)
        os.replace(partial, cached)  # a build stopped halfway leaves no half card
    return cached


class ShareCardsGenerator(Generator):
    """Writes the sharing card of every language (or the configured image) and the logo."""

    def generate_output(self, writer: Any) -> None:
        press = load(self.settings)
        logo = logo_file(press, self.theme)
        if press.logo:
            self._copy(press.logo, logo_path(press, self.settings["THEME_STATIC_DIR"]))
        if press.share_image:
            self._copy(press.share_image, card_path(press, press.default_lang))
            return
        for lang in press.languages:
            self._copy(card_file(press, lang, logo), card_path(press, lang))

    def _copy(self, source: str, url: str) -> None:
        target = os.path.join(self.output_path, url)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(source, target)


def get_generators(pelican: Any) -> type[Generator]:
    return ShareCardsGenerator
