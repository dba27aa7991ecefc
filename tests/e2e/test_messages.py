"""What a build says to press officers: in their language, one line per problem.

Builds here run the way ``make html`` runs them: the ``pelican`` command in
its own process, its output captured, so Pelican's console is not a terminal
and is 80 columns wide (as in a CI log or a cron e-mail). What the press
officer reads is all of it, stdout (the log and the summary) and stderr (the
errors that stop a build).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FORUM, ROOT, WATER, copy_site, edit, pelican_for

pytestmark = pytest.mark.slow

PELICAN = Path(sys.executable).with_name("pelican")


def pelican(content: Path, output: Path, lang: str, conf: str = "pelicanconf.py",
            siteurl: str | None = None) -> subprocess.CompletedProcess[str]:  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "PRESSROOM_SITEURL", "LC_ALL")}
    env["PRESSROOM_LANG"] = lang
    if siteurl is not None:
        env["PRESSROOM_SITEURL"] = siteurl
    cache = output.parent / f"{output.name}.cache"
    return subprocess.run(
        [str(PELICAN), str(content), "-o", str(output), "-s", str(ROOT / conf), "-e", f"CACHE_PATH={cache.as_posix()!r}".replace("'", '"')],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=600,
    )  # fmt: skip


# Two or more words of Latin letters in a row: an English sentence, or a piece of one.
_ENGLISH = re.compile(r"[A-Za-z]{3,}(?:[\s,;:()]+[A-Za-z]{3,})+")


def english_left(output: str) -> list[str]:
    """Lines that still say something in English, once what is not language is taken out:
    paths and addresses, quoted values (file names, tags), commands, the log's time and level."""
    found = []
    for line in output.splitlines():
        text = re.sub(r"^\[\d\d:\d\d:\d\d\] (?:WARNING|ERROR) ", "", line)
        text = re.sub(r"'[^']*'", "", text)
        text = re.sub(r"\S*[/.=]\S*", "", text)
        text = text.replace("make check", "").replace("make publish", "")
        if _ENGLISH.search(text):
            found.append(line)
    return found


ERROR_HEADER = {
    "ky": "Материалдарда 1 ката бар; сайт чогултулган жок, мурунку версиясы өзгөргөн жок:",
    "tg": "Дар мавод 1 хато ҳаст; сайт сохта нашуд, нусхаи пешина тағйир наёфт:",
}
SAME_NAME = {
    "ky": f"  {FORUM}/hall.png: 'hall.jpg' менен бирдей аттар менен жарыяланат (кеңейтүүсү гана айырмаланат); экөөнүн бирин башкача атаңыз",
    "tg": f"  {FORUM}/hall.png: бо ҳамон номҳое, ки 'hall.jpg' дорад, нашр мешавад (танҳо пасванд фарқ мекунад); яке аз ду файлро дигар ном гузоред",
}


@pytest.mark.parametrize("lang", ["ky", "tg"])
def test_a_photo_error_stops_the_build_in_the_press_officers_language(tmp_path: Path, lang: str) -> None:
    """A photo error (two photos that would publish one file), header and problem translated."""
    site = copy_site("basic", tmp_path / "content")
    (site / FORUM / "hall.jpg").write_bytes((site / FORUM / "hall.png").read_bytes())
    edit(site / f"{FORUM}/index.ru.md", "  - {file: panel.png, caption: Пленарная сессия}\n",
         "  - {file: panel.png, caption: Пленарная сессия}\n  - {file: hall.jpg, caption: Зал, alt: Зал форума}\n")  # fmt: skip
    done = pelican(site, tmp_path / "output", lang)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [ERROR_HEADER[lang], SAME_NAME[lang]]
    assert english_left(done.stdout + done.stderr) == []
    assert not (tmp_path / "output").exists()


WARNINGS = {
    "ky": [
        f"{FORUM}/index.ru.md:13: gallery: 'panel.png' сүрөтүндө альтернативдик текст да, түшүндүрмө да жок;",
        f"{WATER}/index.ky.md:9: body: 'https://example.org/photos/bridge.jpg' сүрөтүнүн альтернативдик тексти жок;",
    ],
    "tg": [
        f"{FORUM}/index.ru.md:13: gallery: 'panel.png' на матни алтернативӣ дорад, на тавзеҳ;",
        f"{WATER}/index.ky.md:9: body: тасвири 'https://example.org/photos/bridge.jpg' матни алтернативӣ надорад;",
    ],
}
SUMMARY = {
    "ky": ["Pressroom: 8 материал бети жарыяланды (бардык тилдерде):", "2 эскертүү; жогорудагы журналды караңыз"],
    "tg": ["Pressroom: 8 саҳифаи мавод нашр шуд (бо ҳамаи забонҳо):", "2 огоҳӣ; маълумоти болоро бинед"],
}


@pytest.mark.parametrize("lang", ["ky", "tg"])
def test_warnings_and_the_summary_in_the_press_officers_language(tmp_path: Path, lang: str) -> None:
    """Warnings of press.outputs.images (a gallery photo, a pasted image without alt text) and the summary:
    nothing of it stays English, not even Pelican's own closing line."""
    site = copy_site("basic", tmp_path / "content")
    edit(site / f"{FORUM}/index.ru.md", "{file: panel.png, caption: Пленарная сессия}", "{file: panel.png}")
    edit(site / f"{FORUM}/index.ky.md", "  - {file: panel.png}\n", "")
    water = site / WATER / "index.ky.md"
    water.write_text(water.read_text(encoding="utf-8") + '\n<img src="https://example.org/photos/bridge.jpg">\n',
                     encoding="utf-8")  # fmt: skip
    assert water.read_text(encoding="utf-8").splitlines()[8].startswith("<img")  # line 9
    done = pelican(site, tmp_path / "output", lang)
    assert done.returncode == 0, done.stderr
    logged = [line for line in done.stdout.splitlines() if " WARNING " in line]
    assert len(logged) == 2, done.stdout
    for line, start in zip(logged, WARNINGS[lang]):
        assert line.split(" WARNING ", 1)[1].lstrip().startswith(start), line
    for words in SUMMARY[lang]:
        assert words in done.stdout
    assert "Done: Processed" not in done.stdout  # Pelican's own summary, in English
    assert english_left(done.stdout + done.stderr) == []


def test_the_check_of_english_left_finds_english() -> None:
    assert english_left("[12:00:00] WARNING  news/a/index.ky.md:2: body: 'x.jpg' not found in the item's folder")
    assert english_left("1 content error; the site was not built and the previous output is unchanged:")
    assert english_left("Done: Processed 8 articles, 0 drafts")
    assert not english_left("  news/a/index.ky.md:2: subtitle: белгисиз талаа; 'title' дегиңиз келдиби?")
    assert not english_left("  бөлүм           ru  ky  tg  en\n  press-releases   1   0   0   1")


# --- one line per problem ------------------------------------------------------------


def test_a_warning_longer_than_the_console_stays_on_one_line(tmp_path: Path) -> None:
    """Pelican's log is 80 columns wide when it is not a terminal; a problem line is
    never cut in the middle of its path."""
    site = copy_site("basic", tmp_path / "content")
    folder = "2026-04-03-water-supply-in-kyzyl-kiya-and-the-villages-around-it-after-the-spring-floods"
    (site / "news" / folder).mkdir()
    (site / "news" / folder / "index.ky.md").write_text(
        "---\nsubtitle: x\ntitle: Суу\ndate: 2026-04-03 10:00\n---\nТекст.\n", encoding="utf-8")
    done = pelican(site, tmp_path / "output", "en")
    assert done.returncode == 0, done.stderr
    expected = f"news/{folder}/index.ky.md:2: subtitle: unknown field; did you mean 'title'?"
    assert len(expected) > 80
    lines = [line for line in done.stdout.splitlines() if "subtitle" in line]
    assert len(lines) == 1, done.stdout
    assert re.fullmatch(r"\[\d\d:\d\d:\d\d\] WARNING  " + re.escape(expected), lines[0]), lines[0]


# --- make publish: the public address ------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "SITEURL: the public address of the site is not set, and every canonical link, feed, sitemap and"
               " robots.txt starts with it; give it for this build: PRESSROOM_SITEURL=https://press.example.kg"
               " make publish, or set SITEURL in publishconf.py"),
        ("ky", "SITEURL: сайттын ачык дареги көрсөтүлгөн эмес, ал эми бардык канондук шилтемелер, жаңылык тасмалары,"
               " сайттын карталары жана robots.txt ушул даректен башталат; аны ушул чогултуу үчүн көрсөтүңүз:"
               " PRESSROOM_SITEURL=https://press.example.kg make publish, же publishconf.py файлында SITEURL"
               " маанисин жазыңыз"),
    ],
)  # fmt: skip
def test_publishing_without_an_address_stops_before_anything_is_written(tmp_path: Path, lang: str, message: str) -> None:
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("the live site", encoding="utf-8")
    done = pelican(ROOT / "tests/sites/basic", output, lang, conf="publishconf.py")
    assert done.returncode == 1
    assert done.stderr.splitlines() == [message]
    assert [p.name for p in tmp_path.iterdir()] == ["output"]  # no staging folder, no cache
    assert [p.name for p in output.iterdir()] == ["index.html"]
    assert (output / "index.html").read_text(encoding="utf-8") == "the live site"


def test_publishing_with_a_relative_address_stops_too(tmp_path: Path) -> None:
    done = pelican(ROOT / "tests/sites/basic", tmp_path / "output", "tg", conf="publishconf.py", siteurl="press.example.kg")
    assert done.returncode == 1
    assert done.stderr.startswith("SITEURL: 'press.example.kg' суроғаи пурра нест;")
    assert "PRESSROOM_SITEURL=https://press.example.kg make publish" in done.stderr
    assert not (tmp_path / "output").exists()


def test_publishing_with_an_address_uses_it_everywhere(tmp_path: Path) -> None:
    from tests.e2e.html import page

    output = tmp_path / "output"
    done = pelican(ROOT / "tests/sites/basic", output, "en", conf="publishconf.py", siteurl="https://press.example.kg")
    assert done.returncode == 0, done.stderr
    tree = page(output, "/ru/news/forum-osh/")
    assert tree.xpath("//link[@rel='canonical']/@href") == ["https://press.example.kg/ru/news/forum-osh/"]
    assert "Sitemap: https://press.example.kg/sitemap.xml" in (output / "robots.txt").read_text(encoding="utf-8")
    assert "<loc>https://press.example.kg/" in (output / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://press.example.kg/ru/news/forum-osh/" in (output / "ru/feed.atom").read_text(encoding="utf-8")
    assert "localhost" not in (output / "ru/feed.atom").read_text(encoding="utf-8")


def test_a_wrong_setting_stops_the_run_with_its_message_alone(tmp_path: Path) -> None:
    """Not a Python traceback under Pelican's «CRITICAL SettingsError»: the message, exit status 1."""
    from press.build.config import SettingsExit
    from tests.conftest import SITES, build

    with pytest.raises(SettingsExit) as caught:
        build(SITES / "basic", tmp_path / "output", PRESS_FEED_SIZE=0)
    assert isinstance(caught.value, SystemExit)
    assert str(caught.value) == "PRESS_FEED_SIZE: expected a positive whole number, found 0"
    assert not (tmp_path / "output").exists()


def test_every_build_of_one_process_says_its_warnings(tmp_path: Path) -> None:
    """``make serve`` runs every build in one process; Pelican's log filter says
    a warning only once per process, so the second build said nothing of the
    link that still goes to a draft, and its summary counted no warning."""
    import logging

    site = copy_site("basic", tmp_path / "content")
    body = site / "news/2026-03-12-forum-osh/index.ru.md"
    body.write_text(body.read_text(encoding="utf-8") + "\nСм. [тарифы](../2026-05-05-draft-item/).\n", encoding="utf-8")
    said: list[str] = []

    class Recorder(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            said.append(record.getMessage())

    recorder = Recorder(logging.WARNING)
    logging.getLogger().addHandler(recorder)  # where the summary counts them too
    try:
        pelican = pelican_for(site, tmp_path / "output", PRESS_SKIP_UNCHANGED=False)
        counts = []
        for _ in range(2):
            said.clear()
            pelican.run()
            counts.append(sum("goes to a held item" in line for line in said))
    finally:
        logging.getLogger().removeHandler(recorder)
    assert counts == [1, 1]
