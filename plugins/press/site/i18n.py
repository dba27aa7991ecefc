"""Interface language per page, in one Pelican run.

Hook: ``generator_init`` — on every generator's Jinja environment, installs
the ``jinja2.ext.i18n`` extension with gettext callables that are
``pass_context``: each call looks up the language of the page being rendered
(:func:`page_lang`) and takes that language's catalog. So one environment
renders /ru/, /ky/, /tg/ and /en/ without re-running Pelican per language
(what pelican-i18n-subsites does). It also installs the date filters, which
format with Babel in the page's language (Pelican's own ``locale_date`` uses
the process locale and ``DEFAULT_LANG``).

Template API: ``_()``, ``ngettext()``, ``page_lang()``; filters
``date_long``, ``datetime_long``, ``month_year``, ``iso``, ``filesize``,
``clock``, ``iso_duration``; ``lang_name(code)``, ``lang_name_here(code)``,
``in_language(code)`` («на русском», for a title that falls back).
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from typing import Any

from babel import Locale
from babel.units import format_unit
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from .. import dates as _dates
from ..catalogs import N_, Catalogs
from ..settings import PressSettings, load

CATALOGS_KEY = "PRESS_CATALOGS"


def page_lang(ctx: Context) -> str:
    """The language of the page being rendered."""
    lang = ctx.get("lang")
    if lang:
        return str(lang)
    for name in ("article", "page"):
        content = ctx.get(name)
        if content is not None and getattr(content, "lang", None):
            return str(content.lang)
    return str(ctx.get("DEFAULT_LANG", "en"))


def _press(ctx: Context) -> PressSettings:
    return ctx["PRESS_SETTINGS"]


@pass_context
def _gettext(ctx: Context, message: str) -> str:
    return ctx[CATALOGS_KEY].gettext(page_lang(ctx), message)


@pass_context
def _underscore(ctx: Context, message: str, **variables: Any) -> str:
    """``_()`` in templates: what jinja2.ext.i18n's newstyle ``_`` returns
    (the translation, escaped as a format string, with the variables
    escaped into it), in one call instead of three through the context.
    Item pages call it twenty times each."""
    text = ctx[CATALOGS_KEY].gettext(page_lang(ctx), message)
    if ctx.eval_ctx.autoescape:
        text = Markup(text)
    return text % variables if variables or "%" in text else text


@pass_context
def _ngettext(ctx: Context, singular: str, plural: str, n: int) -> str:
    return ctx[CATALOGS_KEY].ngettext(page_lang(ctx), singular, plural, n)


@pass_context
def date_long(ctx: Context, value: dt.datetime) -> str:
    lang = page_lang(ctx)
    press = _press(ctx)
    return _dates.format_date(value.astimezone(press.zone), lang, press.date_format(lang))


@pass_context
def datetime_long(ctx: Context, value: dt.datetime) -> str:
    """A moment without seconds, in its own named zone (an event's, see
    press.content.model.Event), else in the site's."""
    zone = value.tzinfo if isinstance(value.tzinfo, zoneinfo.ZoneInfo) else _press(ctx).zone
    return _dates.format_datetime(value, page_lang(ctx), zone)


@pass_context
def month_year(ctx: Context, value: dt.date) -> str:
    return _dates.format_date(value, page_lang(ctx), "LLLL y")


def iso(value: dt.datetime) -> str:
    return _dates.iso(value)


@pass_context
def filesize(ctx: Context, size: int) -> str:
    """A file size in the page's language with CLDR units («2,1 кБ», «1.2 MB»)."""
    lang = page_lang(ctx)
    if size >= 1024 * 1024:
        return format_unit(size / 1024 / 1024, "digital-megabyte", length="short", locale=lang, format="#,##0.#")
    return format_unit(max(size / 1024, 0.1), "digital-kilobyte", length="short", locale=lang, format="#,##0.#")


def clock(seconds: int) -> str:
    """A duration as a player shows it: 34:20 or 1:02:05."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def iso_duration(seconds: int) -> str:
    return f"PT{int(seconds)}S"


@functools.lru_cache(maxsize=256)
def lang_name(code: str) -> str:
    """The language's own name for itself (for the switcher)."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


@functools.lru_cache(maxsize=256)
def _display_name(code: str, lang: str) -> str:
    return Locale.parse(code).get_display_name(lang) or code


@pass_context
def lang_name_here(ctx: Context, code: str) -> str:
    """A language's name in the page's language (e.g. for «also in Kyrgyz»)."""
    return _display_name(code, page_lang(ctx))


def _ru_prepositional(name: str) -> str:
    """«русский» → «русском»: CLDR names languages in the nominative, and
    Russian says «на русском». Its names of languages are masculine
    adjectives (-ий, -ый, -ой); any other (an indeclinable «хинди») stays."""
    for ending in ("ий", "ый", "ой"):
        if name.endswith(ending):
            return name[: -len(ending)] + "ом"
    return name


def in_language(catalogs: Catalogs, code: str, lang: str) -> str:
    """Which language words are in, said in ``lang``: «на русском»,
    «орусча», «бо забони русӣ», «in Russian» (for titles that fall back to
    another language)."""
    name = _display_name(code, lang)
    if lang == "ru":
        name = _ru_prepositional(name)
    return catalogs.gettext(lang, N_("in %(language)s")) % {"language": name}


@pass_context
def _in_language(ctx: Context, code: str) -> str:
    return in_language(ctx[CATALOGS_KEY], code, page_lang(ctx))


def install(generator: Any) -> None:
    context = generator.context
    if CATALOGS_KEY not in context:
        context[CATALOGS_KEY] = Catalogs.load(generator.settings)
        context["PRESS_SETTINGS"] = load(generator.settings)
    env = generator.env
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(_gettext, _ngettext, newstyle=True)
    env.globals["_"] = _underscore
    env.globals.update(
        page_lang=pass_context(page_lang), lang_name=lang_name, lang_name_here=lang_name_here, in_language=_in_language
    )
    env.filters.update(
        date_long=date_long, datetime_long=datetime_long, month_year=month_year, iso=iso,
        filesize=filesize, clock=clock, iso_duration=iso_duration,
    )  # fmt: skip
