"""What ``make new`` and ``make translate`` write builds, in every section and language.

A press officer's path: ``make new`` (or ``make translate``), ``make check``,
delete ``status: draft``, build. Every file the two commands write, for every
section and every configured language, must pass ``make check`` as a draft,
pass it again once ``status: draft`` is deleted, and then be published by a
real Pelican build. (A podcast needs its audio file first: the press officer
adds it, as the field's comment says.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from press.settings import SECTIONS
from tests.conftest import build, copy_site, press_command

LANGUAGES = ("ru", "ky", "tg", "en")
NOW = "2026-05-04 12:00"
#: A title per language; the slugs differ, so the items of a section do not clash.
TITLES = {
    "ru": "Бюджетные слушания в Оше",
    "ky": "Жаңы долбоор башталды",
    "tg": "Ҷаласаи ҳуқуқӣ дар Хуҷанд",
    "en": "Water forum in Naryn",
}

pytestmark = pytest.mark.slow


def press(content: Path, *args: str) -> tuple[int, str]:
    status, out, err = press_command(content, "--now", NOW, *args)
    assert err == "", err
    return status, out


def created(output: str) -> Path:
    match = re.search(r"^Created (.+)$", output, re.M)
    assert match, output
    return Path(match[1])


def errors_of(output: str) -> list[str]:
    block = output.split("(the build would stop):\n", 1)[1].split("\n\n", 1)[0] if "(the build would stop)" in output else ""
    return [line.strip() for line in block.splitlines()]


def test_new_items_and_translations_build_once_the_draft_line_is_deleted(tmp_path: Path) -> None:
    site = copy_site("basic", tmp_path / "content")
    written: list[Path] = []
    originals: dict[str, Path] = {}
    for section in SECTIONS:
        folders = {}
        for lang in LANGUAGES:
            status, out = press(site, "new", "--section", section, "--lang", lang, "--title", TITLES[lang])
            assert status == 0, out
            written.append(created(out))
            folders[lang] = written[-1].parent
        originals.update({f"{section}/{lang}": folder / f"index.{lang}.md" for lang, folder in folders.items()})
        # every language as a target: the Russian item into the others (from the
        # default language), the Kyrgyz item into Russian (from another one)
        targets = [(folders["ru"], "ru", lang) for lang in LANGUAGES if lang != "ru"] + [(folders["ky"], "ky", "ru")]
        for folder, source, target in targets:
            item = f"{section}/{folder.name}"
            status, out = press(site, "translate", "--item", item, "--lang", target, "--from", source)
            assert status == 0, out
            written.append(created(out))
    assert len(written) == len(SECTIONS) * 8

    status, out = press(site, "check")
    assert (status, errors_of(out)) == (0, []), out
    for path in written:
        assert f"{path.relative_to(site).as_posix()}: draft" in out

    # a podcast may be a draft without its audio, not published without it
    for key, path in originals.items():
        if key.startswith("podcasts/"):
            (path.parent / "episode.mp3").write_bytes(b"ID3\x03\x00\x00\x00\x00\x00\x00")
            path.write_text(path.read_text(encoding="utf-8").replace("audio:  #", "audio: episode.mp3  #"), encoding="utf-8")
    for path in written:
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"^status: draft\b.*\n", "", text, flags=re.M), encoding="utf-8")
    status, out = press(site, "check")
    assert (status, errors_of(out)) == (0, []), out
    assert not any(f"{path.relative_to(site).as_posix()}: draft" in out for path in written), out

    output = build(site, tmp_path / "output")
    for path in written:
        section, folder = path.relative_to(site).parts[:2]
        slug = folder[len("YYYY-MM-DD-"):]
        lang = path.name.split(".")[1]
        page = output / lang / section / slug / "index.html"
        assert page.is_file(), page


def test_a_new_translation_is_held_back_alone_until_its_draft_line_is_deleted(tmp_path: Path) -> None:
    """make translate's copy is not published under the wrong language, and
    holds back nothing else; deleting its ``status: draft`` publishes it."""
    site = copy_site("basic", tmp_path / "content")
    status, out = press(site, "translate", "--item", "news/2026-03-12-forum-osh", "--lang", "tg")
    assert status == 0, out
    output = build(site, tmp_path / "output", CACHE_PATH=str(tmp_path / "cache"))
    for lang in ("ru", "ky", "en"):
        assert (output / lang / "news/forum-osh/index.html").is_file(), lang
    assert not (output / "tg/news/forum-osh").exists()

    path = created(out)
    path.write_text(re.sub(r"^status: draft\b.*\n", "", path.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    output = build(site, tmp_path / "output", CACHE_PATH=str(tmp_path / "cache"), PRESS_SKIP_UNCHANGED=False)
    assert (output / "tg/news/forum-osh/index.html").is_file()
    assert (output / "ru/news/forum-osh/index.html").is_file()
