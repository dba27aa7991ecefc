"""A deterministic synthetic press-centre corpus, in our format, Pelican's and Hugo's.

``write_pressroom(root, items)`` writes ``items`` item bundles, each in ru, ky
and en (YAML front matter, ~400 words, 4 sections, ~20 projects, ~50 tags per
language, 11 regions) plus the projects and ``data/regions.yml``; a share of
items carries 5–12 photos when ``photos`` is true. ``write_pelican(root,
items)`` writes the same bodies as flat Markdown files with Pelican's own
metadata (``Lang``, ``Translation`` via ``Slug``), the in-run reference.
``write_hugo(root, items)`` writes the same items as a Hugo multilingual site
(config, minimal layouts, ``content/<section>/<slug>.<lang>.md``), the
optional Hugo column; ``write_nikola(root, items)`` as a Nikola site with
TRANSLATIONS (``conf.py``, ``posts/<slug>.md`` for Russian and
``posts/<slug>.<lang>.md`` for the others, its default theme), the optional
Nikola column. The same arguments always give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

SECTIONS = ["news", "press-releases", "announcements", "speeches"]
LANGS = ["ru", "ky", "en"]
REGIONS = ["bishkek", "chui", "osh", "jalal-abad", "naryn", "issyk-kul", "batken", "talas", "sughd", "khatlon", "dushanbe"]
WORDS = {
    "ru": "бюджет слушания айылный аймак жители депутат кенеш совет проект вода школа дорога отчёт форум тренинг группа самопомощи местное самоуправление доходы расходы прозрачность участие граждан инициатива район область село город развитие поддержка донор партнёр".split(),
    "ky": "бюджет угуу айыл аймак тургундар депутат кеңеш долбоор суу мектеп жол отчёт форум тренинг топ өз ара жардам жергиликтүү башкаруу киреше чыгаша ачыктык катышуу жарандар демилге район облус шаар өнүгүү колдоо донор өнөктөш".split(),
    "en": "budget hearing municipality residents deputy council project water school road report forum training group self-help local government revenue spending transparency participation citizens initiative district region village town development support donor partner".split(),
}


def _sentence(rng: random.Random, lang: str, n: int) -> str:
    words = [rng.choice(WORDS[lang]) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def _body(rng: random.Random, lang: str, words: int = 400) -> str:
    paragraphs, total = [], 0
    while total < words:
        sentences = [_sentence(rng, lang, rng.randint(8, 16)) for _ in range(rng.randint(3, 6))]
        paragraphs.append(" ".join(sentences))
        total += sum(len(s.split()) for s in sentences)
    paragraphs.insert(2, "## " + _sentence(rng, lang, 4).rstrip("."))
    return "\n\n".join(paragraphs) + "\n"


def _item_plan(n: int) -> dict:
    rng = random.Random(n)
    day = dt.date(2019, 1, 1) + dt.timedelta(days=n * 2557 // 5000 + n % 3)
    return {
        "section": SECTIONS[n % len(SECTIONS)],
        "date": day,
        "hour": 8 + n % 10,
        "slug": f"item-{n:05d}",
        "projects": sorted({f"project-{rng.randrange(20):02d}"}),
        "regions": sorted(rng.sample(REGIONS, 2)),
        "tags": sorted(rng.sample(range(50), 3)),
        "rng": rng,
    }


def write_pressroom(root: Path, items: int, photos: bool = False) -> None:
    from PIL import Image  # only needed for the photo share

    root.mkdir(parents=True, exist_ok=True)
    (root / "data").mkdir(exist_ok=True)
    with open(root / "data/regions.yml", "w", encoding="utf-8") as out:
        for key in REGIONS:
            out.write(f"{key}: {{ru: {key.title()} (ru), ky: {key.title()} (ky), en: {key.title()}}}\n")
    for p in range(20):
        folder = root / "projects" / f"project-{p:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        for lang in LANGS:
            title = f"{'Проект' if lang == 'ru' else 'Долбоор' if lang == 'ky' else 'Project'} {p}"
            extra = "status: active\nregions: [osh]\n" if lang == "ru" else ""
            (folder / f"index.{lang}.md").write_text(f"---\ntitle: {title}\n{extra}---\n{title}.\n", encoding="utf-8")
    for n in range(items):
        plan = _item_plan(n)
        folder = root / plan["section"] / f"{plan['date']:%Y-%m-%d}-{plan['slug']}"
        folder.mkdir(parents=True, exist_ok=True)
        rng = plan["rng"]
        gallery = []
        if photos and n % 10 == 0:
            for k in range(5 + n % 8):
                name = f"photo-{k:02d}.jpg"
                Image.new("RGB", (3000, 2000), (rng.randrange(256), 120, 160)).save(folder / name, quality=85)
                gallery.append(name)
        for lang in LANGS:
            tags = ", ".join(f"{WORDS[lang][t % len(WORDS[lang])]}-{t}" for t in plan["tags"])
            head = [f"title: {_sentence(rng, lang, 6).rstrip('.')}", f"tags: [{tags}]"]
            if lang == "ru":
                head += [
                    f'date: "{plan["date"]:%Y-%m-%d} {plan["hour"]:02d}:00"',
                    f"projects: [{', '.join(plan['projects'])}]",
                    f"regions: [{', '.join(plan['regions'])}]",
                ]
                if gallery:
                    head.append("gallery:")
                    head += [f"  - {{file: {g}, caption: Фото {i}, alt: Участники встречи {i}}}" for i, g in enumerate(gallery)]
            text = "---\n" + "\n".join(head) + "\n---\n" + _body(rng, lang)
            (folder / f"index.{lang}.md").write_text(text, encoding="utf-8")


def _flat_items(items: int):
    """Each item in each language with its plan, title and body, drawn from
    the item's random generator in one order, so Pelican's and Hugo's copies
    of the corpus carry the same texts."""
    for n in range(items):
        plan = _item_plan(n)
        rng = plan["rng"]
        for lang in LANGS:
            title = _sentence(rng, lang, 6).rstrip(".")
            yield plan, lang, title, _body(rng, lang)


def write_pelican(root: Path, items: int) -> None:
    """The same bodies as flat Pelican Markdown files (plain Pelican reference)."""
    root.mkdir(parents=True, exist_ok=True)
    for plan, lang, title, body in _flat_items(items):
        folder = root / plan["section"]
        folder.mkdir(parents=True, exist_ok=True)
        # ASCII tag names: Pelican's slugify maps some Cyrillic pairs of
        # this corpus to one file name and then refuses to overwrite it
        tags = ", ".join(f"tag-{t:02d}" for t in plan["tags"])
        head = [
            f"Title: {title}",
            f"Date: {plan['date']:%Y-%m-%d} {plan['hour']:02d}:00",
            f"Slug: {plan['slug']}",
            f"Lang: {lang}",
            f"Tags: {tags}, {', '.join(plan['projects'])}",
            f"Category: {plan['section']}",
        ]
        (folder / f"{plan['slug']}.{lang}.md").write_text("\n".join(head) + "\n\n" + body, encoding="utf-8")


# Hugo's reference site: one language tree each under /ru/, /ky/, /en/ like
# ours, the three taxonomies ours has, 10 items a list page like Pelican's.
# No redirect stub for every list's page/1/: it would count as an HTML page.
HUGO_CONFIG = """\
baseURL = "https://example.org/"
title = "Reference"
timeZone = "Asia/Bishkek"
defaultContentLanguage = "ru"
defaultContentLanguageInSubdir = true

[pagination]
pagerSize = 10
disableAliases = true

[taxonomies]
tag = "tags"
project = "projects"
region = "regions"

[languages.ru]
weight = 1
label = "Русский"

[languages.ky]
weight = 2
label = "Кыргызча"

[languages.en]
weight = 3
label = "English"
"""

# Hugo renders nothing without templates: these are about as heavy as
# Pelican's default theme (a header with sections and languages, item pages
# with terms and translations, paginated lists with summaries). The feeds
# are Hugo's built-in RSS for the home page, sections, taxonomies and terms.
HUGO_LAYOUTS = {
    "baseof.html": """\
<!DOCTYPE html>
<html lang="{{ site.Language.Lang }}">
<head>
<meta charset="utf-8">
<title>{{ if not .IsHome }}{{ .Title }} | {{ end }}{{ site.Title }}</title>
{{ range .AlternativeOutputFormats }}<link rel="{{ .Rel }}" type="{{ .MediaType.Type }}" href="{{ .RelPermalink }}">
{{ end }}</head>
<body>
<header>
<a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav>{{ range site.Sections }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</nav>
<nav>{{ range site.Home.AllTranslations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.Lang }}</a> {{ end }}</nav>
</header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "page.html": """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "2006-01-02" }}</time>
{{ .Content }}
{{ range $taxonomy, $_ := site.Taxonomies }}{{ with $.GetTerms $taxonomy }}
<p>{{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>{{ end }}{{ end }}
{{ with .Translations }}<p>{{ range . }}<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Title }}</a> {{ end }}</p>{{ end }}
</article>
{{ end }}
""",
    # home, sections and terms; the home page lists every item, as Pelican's index does
    "list.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $pages := .Pages }}{{ if .IsHome }}{{ $pages = site.RegularPages }}{{ end }}
{{ $pager := .Paginate $pages }}
{{ range $pager.Pages }}
<article>
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "2006-01-02" }}</time>
<div>{{ .Summary }}</div>
</article>
{{ end }}
<nav>{{ with $pager.Prev }}<a href="{{ .URL }}">&larr;</a>{{ end }}
{{ $pager.PageNumber }} / {{ $pager.TotalPages }}
{{ with $pager.Next }}<a href="{{ .URL }}">&rarr;</a>{{ end }}</nav>
{{ end }}
""",
    "taxonomy.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>
{{ end }}</ul>
{{ end }}
""",
}


def write_hugo(root: Path, items: int) -> None:
    """The same items as a Hugo multilingual site (Hugo reference, optional)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    (root / "layouts").mkdir(exist_ok=True)
    for name, text in HUGO_LAYOUTS.items():
        (root / "layouts" / name).write_text(text, encoding="utf-8")
    for plan, lang, title, body in _flat_items(items):
        folder = root / "content" / plan["section"]
        folder.mkdir(parents=True, exist_ok=True)
        # our tag names (Hugo's urlize keeps Cyrillic distinct)
        tags = [f"{WORDS[lang][t % len(WORDS[lang])]}-{t}" for t in plan["tags"]]
        head = [
            f"title: {json.dumps(title, ensure_ascii=False)}",
            f"date: {plan['date']:%Y-%m-%d}T{plan['hour']:02d}:00:00+06:00",
            f"tags: {json.dumps(tags, ensure_ascii=False)}",
            f"projects: {json.dumps(plan['projects'])}",
            f"regions: {json.dumps(plan['regions'])}",
        ]
        text = "---\n" + "\n".join(head) + "\n---\n" + body
        (folder / f"{plan['slug']}.{lang}.md").write_text(text, encoding="utf-8")


# Nikola's reference site: Russian at the root, Kyrgyz and English under
# /ky/ and /en/, its default theme, tags and a category per section, YAML
# front matter, 10 posts per index page like the others. Nikola has no
# Kyrgyz interface strings: a theme on top of its default one gives an empty
# catalog (the English strings show).
NIKOLA_CONF = """\
BLOG_AUTHOR = "Reference"
BLOG_TITLE = "Reference"
SITE_URL = "https://example.org/"
BLOG_EMAIL = "press@example.org"
BLOG_DESCRIPTION = "Reference"
DEFAULT_LANG = "ru"
TRANSLATIONS = {"ru": "", "ky": "./ky", "en": "./en"}
TRANSLATIONS_PATTERN = "{path}.{lang}.{ext}"
NAVIGATION_LINKS = {"ru": (), "ky": (), "en": ()}
POSTS = (("posts/*.md", "posts", "post.tmpl"),)
PAGES = ()
COMPILERS = {"markdown": (".md",)}
METADATA_FORMAT = "YAML"
TIMEZONE = "Asia/Bishkek"
INDEX_DISPLAY_POST_COUNT = 10
OUTPUT_FOLDER = "output"
CACHE_FOLDER = "cache"
THEME = "reference"
"""


def write_nikola(root: Path, items: int) -> None:
    """The same items as a Nikola site with TRANSLATIONS (Nikola reference, optional)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(NIKOLA_CONF, encoding="utf-8")
    theme = root / "themes" / "reference"
    (theme / "messages").mkdir(parents=True, exist_ok=True)
    (theme / "reference.theme").write_text("[Theme]\nengine = mako\nparent = bootblog4\n", encoding="utf-8")
    (theme / "messages" / "messages_ky.py").write_text("MESSAGES = {}\n", encoding="utf-8")
    posts = root / "posts"
    posts.mkdir(exist_ok=True)
    for plan, lang, title, body in _flat_items(items):
        tags = ", ".join(f"{WORDS[lang][t % len(WORDS[lang])]}-{t}" for t in plan["tags"])
        head = [
            f"title: {json.dumps(title, ensure_ascii=False)}",
            f"slug: {plan['slug']}",
            f'date: "{plan["date"]:%Y-%m-%d} {plan["hour"]:02d}:00:00 UTC+06:00"',
            f"tags: {json.dumps(tags, ensure_ascii=False)}",
            f"category: {plan['section']}",
        ]
        name = f"{plan['slug']}.md" if lang == LANGS[0] else f"{plan['slug']}.{lang}.md"
        (posts / name).write_text("---\n" + "\n".join(head) + "\n---\n" + body, encoding="utf-8")
