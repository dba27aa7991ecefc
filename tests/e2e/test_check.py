"""``make check`` on whole content trees, and the summary at the end of a build.

``check`` must report every error the build would stop on (exit status 1)
plus warnings (status 0 when they are all there is): photos without alt
text, missing translations with the coverage table, tags that differ by case
or a typo, links in texts that point nowhere, summaries too long for feeds;
it names the next embargo lift. Messages are in English, Russian, Kyrgyz or
Tajik.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from press.log import ContentError
from tests.conftest import FORUM, ROOT, WATER, build, copy_site, press_command, settings_file, write_item


def check(content: Path, *extra: str) -> tuple[int, str]:
    status, out, err = press_command(content, *extra, "check")
    assert err == ""
    return status, out


def warnings_of(output: str) -> list[str]:
    block = output.split("warnings:\n", 1)[1].split("\n\n", 1)[0] if "warnings:\n" in output else ""
    return [line.strip() for line in block.splitlines()]


def test_the_shipped_content_passes(tmp_path: Path) -> None:
    status, output = check(ROOT / "content", "--now", "2026-12-01 12:00")
    assert status == 0, output
    assert "error" not in output.split("Result:")[0].lower().replace("errors:", "")
    assert output.rstrip().splitlines()[-1].startswith("Result: no errors")
    assert re.search(r"^  section\s+total\s+ru\s+ky\s+tg\s+en$", output, re.M)
    assert re.search(r"^  news\s+7\s+6\s+6\s+1\s+4$", output, re.M)
    assert "press-releases/2031-03-01-budget-results-embargoed/index.ru.md: embargo until 2031-03-01 09:00 (Asia/Bishkek)" in output
    assert "Next embargo lift: 2031-03-01 09:00 (Asia/Bishkek)" in output


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    """The basic site with one of each thing ``check`` warns about."""
    site = copy_site("basic", tmp_path / "content")
    write_item(site / WATER / "index.ru.md", f"""
        title: Вода в Кызыл-Кие
        date: "2026-04-02 10:00"
        tags: [Форум, бюджэт]
        summary: "{'Очень длинное резюме. ' * 14}"
        """, body=(
        "См. [форум](../2026-03-12-forum-osh/index.ru.md) и [фото]({static}../2026-03-12-forum-osh/hall.png).\n"
        "\n"
        "А ещё [старое]({filename}../2026-01-01-gone/index.ru.md) и [черновик]({filename}../2026-05-05-draft-item/index.ru.md).\n"
        "\n"
        "[нет](nothing.pdf) [сайт](https://example.org/) [якорь](#top) [почта](mailto:a@example.org)\n"
    ))  # fmt: skip
    forum = site / FORUM / "index.ru.md"
    text = forum.read_text(encoding="utf-8").replace(
        "  - {file: panel.png, caption: Пленарная сессия}", "  - {file: panel.png}"
    )
    forum.write_text(text, encoding="utf-8")
    write_item(site / "galleries/2026-05-01-photos/index.en.md", """
        title: Photos
        date: "2026-05-01 10:00"
        summary: "%s"
        gallery: all
        """ % ("x" * 300))  # fmt: skip
    (site / "galleries/2026-05-01-photos/one.png").write_bytes((site / FORUM / "hall.png").read_bytes())
    return site


def test_warnings_point_at_the_file_line_and_field(messy: Path) -> None:
    status, output = check(messy)
    assert status == 0, output
    warnings = warnings_of(output)
    assert f"{FORUM}/index.ru.md:13: gallery: 'panel.png' has neither alt text nor a caption; add 'alt:' saying what the photo shows" in warnings
    assert any(w.startswith("galleries/2026-05-01-photos/index.en.md:5: gallery: 'all' gives the 1 photos no alt text") for w in warnings)
    assert f"{WATER}/index.ru.md:4: tags: 'Форум' differs only in case from the tag 'форум'; did you mean 'форум'?" in warnings
    assert f"{WATER}/index.ru.md:4: tags: 'бюджэт' looks like a typo of the tag 'бюджет'; did you mean 'бюджет'?" in warnings
    assert any(w.startswith(f"{WATER}/index.ru.md:5: summary: 307 characters; feeds and listings show at most 300") for w in warnings)
    assert not any(w.startswith("galleries/2026-05-01-photos/index.en.md:4: summary") for w in warnings)  # 300 is fine
    links = [w for w in warnings if ": text: " in w]
    assert links == [
        f"{WATER}/index.ru.md:9: text: the link '{{filename}}../2026-01-01-gone/index.ru.md' points to no file (news/2026-01-01-gone/index.ru.md does not exist)",
        f"{WATER}/index.ru.md:9: text: the link '{{filename}}../2026-05-05-draft-item/index.ru.md' goes to a held item (draft); the link appears when it is published",
        f"{WATER}/index.ru.md:11: text: the link 'nothing.pdf' points to no file ({WATER}/nothing.pdf does not exist)",
    ]
    assert f"{WATER}: no translation into: ru".replace(": ru", ": tg, en") in warnings or any(
        w.startswith(f"{WATER}: no translation into:") for w in warnings
    )
    assert "galleries/2026-05-01-photos: no translation into: ru, ky, tg" in warnings
    assert "Result: no errors, " in output


def test_a_tag_warning_points_at_the_tag_not_at_the_same_word_in_the_title(messy: Path) -> None:
    write_item(messy / "news/2026-04-10-budget-osh/index.ru.md", """
        title: Бюджет Оша
        date: "2026-04-10 10:00"
        summary: Бюджет Оша обсудили на слушаниях.
        tags:
          - выборы
          - Бюджет
        """)  # fmt: skip
    write_item(messy / "news/2026-04-11-elections/index.ru.md", """
        title: Выборы в Оше
        date: "2026-04-11 10:00"
        tags: [Выборы]
        """)  # fmt: skip
    warnings = warnings_of(check(messy)[1])
    assert ("news/2026-04-10-budget-osh/index.ru.md:7: tags: 'Бюджет' differs only in case from the tag 'бюджет';"
            " did you mean 'бюджет'?") in warnings  # fmt: skip
    assert ("news/2026-04-11-elections/index.ru.md:4: tags: 'Выборы' differs only in case from the tag 'выборы';"
            " did you mean 'выборы'?") in warnings  # fmt: skip


def test_translation_coverage_per_section_and_language(messy: Path) -> None:
    _, output = check(messy)
    table = output.split("Translations (bundles with a file in each language):\n", 1)[1].split("\n\n", 1)[0]
    rows = [line.split() for line in table.splitlines()]
    assert rows == [
        ["section", "total", "ru", "ky", "tg", "en"],
        ["news", "3", "3", "2", "0", "2"],
        ["press-releases", "2", "2", "0", "0", "1"],
        ["announcements", "1", "1", "0", "0", "1"],
        ["galleries", "1", "0", "0", "0", "1"],
        ["pages", "1", "1", "0", "0", "1"],
        ["projects", "1", "1", "1", "0", "0"],
    ]


def test_errors_fail_the_check_with_the_closest_key(messy: Path) -> None:
    path = messy / FORUM / "index.ru.md"
    path.write_text(path.read_text(encoding="utf-8").replace("regions: [osh]", "regions: [oshh]"), encoding="utf-8")
    status, output = check(messy)
    assert status == 1
    assert "1 error (the build would stop):\n" in output
    assert f"  {FORUM}/index.ru.md:7: regions: unknown region 'oshh'; did you mean 'osh'? (known: batken, osh, sughd)" in output
    assert "Result: 1 error, " in output
    # the build agrees
    with pytest.raises(ContentError, match=re.escape(f"{FORUM}/index.ru.md:7: regions: unknown region 'oshh'")):
        build(messy, messy.parent / "output")


def test_a_misspelt_field_fails_the_check_as_it_stops_the_build(messy: Path) -> None:
    """``embargoo:`` is no embargo: the item would be published at once."""
    path = messy / FORUM / "index.ru.md"
    path.write_text(path.read_text(encoding="utf-8").replace("regions: [osh]", 'regions: [osh]\nEmbargoo: "2030-01-01 09:00"'), encoding="utf-8")
    status, output = check(messy)
    assert status == 1
    assert f"  {FORUM}/index.ru.md:8: Embargoo: 'Embargoo' is not a field; did you mean 'embargo'?" in output
    assert "Result: 1 error, " in output
    with pytest.raises(ContentError, match=re.escape(f"{FORUM}/index.ru.md:8: Embargoo: 'Embargoo' is not a field")):
        build(messy, messy.parent / "output")


def test_a_translation_still_in_the_words_of_its_source_is_a_warning(tmp_path: Path) -> None:
    """make translate copies the words to translate; make check says which are still the source's."""
    site = copy_site("basic", tmp_path / "content")
    release = "press-releases/2026-06-01-budget-hearings"
    for item, lang, source in ((FORUM, "tg", None), (release, "ky", "en")):
        status, _out, _err = press_command(site, "translate", "--item", item, "--lang", lang, *(["--from", source] if source else []))
        assert status == 0
    status, output = check(site, "--now", "2026-06-05 12:00")
    assert status == 0, output
    tajik, kyrgyz = site / FORUM / "index.tg.md", site / release / "index.ky.md"
    assert [w for w in warnings_of(output) if "is the same as in" in w] == [
        f"{FORUM}/index.tg.md:4: title: the title is the same as in index.ru.md; translate it",
        f"{FORUM}/index.tg.md:{body_line(tajik)}: text: the text is the same as in index.ru.md; translate it",
        f"{release}/index.ky.md:4: title: the title is the same as in index.en.md; translate it",
        f"{release}/index.ky.md:{body_line(kyrgyz)}: text: the text is the same as in index.en.md; translate it",
    ]
    # without make translate's comment, a translation is compared with the default language's file
    text = "".join(line for line in tajik.read_text(encoding="utf-8").splitlines(True) if not line.startswith("#"))
    tajik.write_text(text.replace('title: "Форум МСУ в Оше собрал 200 участников"', "title: Форуми Ош"), encoding="utf-8")
    _, output = check(site, "--now", "2026-06-05 12:00")
    assert [w for w in warnings_of(output) if w.startswith(f"{FORUM}/") and "is the same as in" in w] == [
        f"{FORUM}/index.tg.md:{body_line(tajik)}: text: the text is the same as in index.ru.md; translate it",
    ]


def body_line(path: Path) -> int:
    """The first line of a content file's text (after the closing '---')."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines.index("---", 1) + 2


def test_messages_in_russian(messy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSROOM_LANG", "ru")
    path = messy / FORUM / "index.ru.md"
    path.write_text(path.read_text(encoding="utf-8").replace("projects: [local-budgets]", "projects: [local-budget]"), encoding="utf-8")
    status, output = check(messy)
    assert status == 1
    assert "1 ошибка (сборка остановится):" in output
    assert f"{FORUM}/index.ru.md:6: projects: неизвестный проект 'local-budget'; может быть, 'local-budgets'? (известны: local-budgets)" in output
    assert f"{WATER}/index.ru.md:4: tags: 'Форум' отличается от тега 'форум' только регистром букв; может быть, 'форум'?" in output
    assert "ссылка 'nothing.pdf' никуда не ведёт" in output
    assert "Ближайшее снятие эмбарго: 2030-01-01 09:00 (Asia/Bishkek)" in output
    assert output.rstrip().endswith("Исправьте ошибки: с ними сайт не соберётся.")


KYRGYZ_AND_TAJIK = {
    "ky": [
        "1 ката (чогултуу токтоп калат):",
        f"  {FORUM}/index.ky.md:1: баш бөлүк жок; файл '---' сабынан башталып, андан кийин талаалар жана дагы бир '---' сабы болушу керек",
        r"Жыйынтык: 1 ката, \d+ эскертүү\. Каталарды оңдоңуз: алар менен сайт чогултулбайт\.",
    ],
    "tg": [
        "1 хато (сохтани сайт қатъ мешавад):",
        f"  {FORUM}/index.ky.md:1: қисми болоӣ нест; файл бояд бо сатри '---' оғоз шавад, баъд майдонҳо ва боз як сатри '---' ояд",
        r"Натиҷа: 1 хато, \d+ огоҳӣ\. Хатоҳоро ислоҳ кунед: бо онҳо сайт сохта намешавад\.",
    ],
}


@pytest.mark.parametrize("lang", sorted(KYRGYZ_AND_TAJIK))
@pytest.mark.parametrize("how", ["PRESSROOM_LANG", "LANG"])
def test_a_content_error_in_kyrgyz_and_tajik(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, how: str) -> None:
    """The loader's error for a file without front matter, said in the press officer's language."""
    if how == "LANG":
        monkeypatch.delenv("PRESSROOM_LANG")
        monkeypatch.delenv("LC_ALL", raising=False)
        monkeypatch.setenv("LANG", {"ky": "ky_KG.UTF-8", "tg": "tg_TJ.UTF-8"}[lang])
    else:
        monkeypatch.setenv("PRESSROOM_LANG", lang)
        monkeypatch.setenv("LANG", "ru_RU.UTF-8")  # PRESSROOM_LANG comes first
    site = copy_site("basic", tmp_path / "content")
    path = site / FORUM / "index.ky.md"
    path.write_text(path.read_text(encoding="utf-8").split("---\n", 2)[2], encoding="utf-8")
    status, output = check(site, "--now", "2026-05-05 12:00")
    assert status == 1
    lines = output.splitlines()
    header, problem, result = KYRGYZ_AND_TAJIK[lang]
    assert lines[lines.index(header) + 1] == problem
    assert re.fullmatch(result, lines[-1]), lines[-1]
    # a warning the loader says with a hint inside it is translated as a whole
    path.write_text("---\ntitle: Форум\ndate: 2026-03-12 10:30\nregionlist: [osh]\n---\nТекст.\n", encoding="utf-8")
    _, output = check(site, "--now", "2026-05-05 12:00")
    hint = {"ky": "белгисиз талаа; 'regions' дегиңиз келдиби?", "tg": "майдони номаълум; шояд 'regions' бошад?"}[lang]
    assert f"  {FORUM}/index.ky.md:4: regionlist: {hint}" in output.splitlines()


def test_the_setting_chooses_the_language_when_the_environment_does_not(messy: Path, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.delenv("PRESSROOM_LANG")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    conf = settings_file(tmp_path / "conf.py", PRESS_MESSAGES_LANG="ru")
    status, out, _err = press_command(messy, "check", settings=conf)
    assert status == 0
    assert "Итог: ошибок нет" in out


def test_an_embargo_that_has_lifted_is_not_announced(tmp_path: Path) -> None:
    site = copy_site("basic", tmp_path / "content")
    _, before = check(site, "--now", "2029-12-31 23:59")
    assert "Next embargo lift: 2030-01-01 09:00 (Asia/Bishkek)" in before
    _, after = check(site, "--now", "2030-01-01 09:00")
    assert "Next embargo lift" not in after
    assert "embargo until" not in after
    assert "news/2026-05-05-draft-item/index.ru.md: draft" in after


# --- the build summary -----------------------------------------------------------


def test_every_build_ends_with_a_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = copy_site("basic", tmp_path / "content")
    build(site, tmp_path / "output", CACHE_PATH=str(tmp_path / "cache"))
    printed = capsys.readouterr().out
    lines = printed[printed.index("Pressroom: "):].splitlines()
    assert lines[0] == "Pressroom: 8 item pages published (all languages):"
    table = [line.split() for line in lines[1:6]]
    assert table == [
        ["section", "ru", "ky", "tg", "en"],
        ["news", "1", "2", "0", "1"],
        ["press-releases", "1", "0", "0", "1"],
        ["announcements", "1", "0", "0", "1"],
        ["pages", "1", "0", "0", "1"],
    ]
    assert lines[6:10] == [
        "Held back (3):",
        "  news/2026-05-05-draft-item/index.en.md: draft",
        "  news/2026-05-05-draft-item/index.ru.md: draft",
        "  press-releases/2030-01-01-embargoed-release/index.ru.md: embargo until 2030-01-01 09:00 (Asia/Bishkek)",
    ]
    assert lines[10] == "Next embargo lift: 2030-01-01 09:00 (Asia/Bishkek); the item appears with the first build after that time."
    assert lines[11] == "No warnings."
    assert re.fullmatch(r"Done in \d+\.\d s\.", lines[12])
    assert lines[12:] == [lines[12]]  # not followed by Pelican's own «Done: Processed 8 articles, …», in English


def test_the_summary_counts_warnings_and_speaks_russian(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("PRESSROOM_LANG", "ru")
    site = copy_site("basic", tmp_path / "content")
    path = site / FORUM / "index.en.md"
    path.write_text(path.read_text(encoding="utf-8").replace("title:", "subtitle: x\ntitle:", 1), encoding="utf-8")
    build(site, tmp_path / "output", CACHE_PATH=str(tmp_path / "cache"))
    printed = capsys.readouterr().out
    assert "Pressroom: опубликовано 8 страниц материалов (на всех языках):" in printed
    assert "Не опубликовано (3):" in printed
    assert "эмбарго до 2030-01-01 09:00 (Asia/Bishkek)" in printed
    assert "1 предупреждение; см. журнал выше или выполните make check." in printed
    assert re.search(r"Готово за \d+\.\d с\.", printed)


def test_a_failed_build_prints_no_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = copy_site("basic", tmp_path / "content")
    path = site / FORUM / "index.ru.md"
    path.write_text(path.read_text(encoding="utf-8").replace("regions: [osh]", "regions: [oshh]"), encoding="utf-8")
    with pytest.raises(ContentError):
        build(site, tmp_path / "output", CACHE_PATH=str(tmp_path / "cache"))
    assert "Pressroom: " not in capsys.readouterr().out


def test_a_build_stops_with_the_errors_in_the_press_officers_language(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("PRESSROOM_LANG", "ru")
    site = copy_site("basic", tmp_path / "content")
    path = site / FORUM / "index.ru.md"
    path.write_text(path.read_text(encoding="utf-8").replace("regions: [osh]", "regions: [oshh]"), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        build(site, tmp_path / "output", CACHE_PATH=str(tmp_path / "cache"))
    assert str(caught.value).splitlines() == [
        "1 ошибка в материалах; сайт не собран, прежняя версия не изменилась:",
        f"  {FORUM}/index.ru.md:7: regions: неизвестный регион 'oshh'; может быть, 'osh'? (известны: batken, osh, sughd)",
    ]
