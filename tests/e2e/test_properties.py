"""Property-based tests of reading content files: whatever a file holds, no traceback.

For any bytes in ``index.ru.md`` — random bytes, random YAML front matter
over our field names, a valid file with random edits — :func:`load_site`
either reads a valid item or reports a :class:`Problem` naming that file, with
a line inside it; reporting the problems (as a build does) and saying them in
Russian (as ``make check`` can) never raises either.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from PIL import Image

from press.log import ContentError, report
from press.messages import messages
from press.content.fields import KNOWN_FIELDS
from press.content.loader import load_site
from tests.conftest import press_settings

PRESS = press_settings(PRESS_LANGUAGES=["ru", "ky", "en"])
NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=PRESS.zone)
ITEM = "news/2026-03-12-forum-osh"
FILE = f"{ITEM}/index.ru.md"


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "white").save(buffer, "PNG")
    return buffer.getvalue()


PNG = _png()
VALID = """---
title: Форум МСУ в Оше
date: "2026-03-12 10:30"
summary: Главы айылных аймаков обсудили бюджеты.
projects: [local-budgets]
regions: [osh]
tags: [форум, бюджет]
gallery:
  - {file: hall.png, caption: Зал, alt: Участники в зале}
contacts:
  - {name: Нурлан Асанов, role: пресс-секретарь, phone: "+996 312 62 45 18", email: press@example.kg}
event: {start: "2026-03-12 10:00", end: "2026-03-12 18:00", location: Ош}
---
Текст с [ссылкой](hall.png).
"""

PROPERTY = settings(max_examples=int(__import__("os").environ.get("PROPERTY_EXAMPLES", "150")), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def load_file(data: bytes) -> tuple[Any, Path]:
    """A one-item content tree holding ``data`` as FILE; returns the index."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "projects/local-budgets").mkdir(parents=True)
        (root / "projects/local-budgets/index.ru.md").write_text("---\ntitle: Местные бюджеты\n---\n", encoding="utf-8")
        (root / "data").mkdir()
        (root / "data/regions.yml").write_text("osh: {ru: Ош, en: Osh}\n", encoding="utf-8")
        (root / ITEM).mkdir(parents=True)
        (root / ITEM / "hall.png").write_bytes(PNG)
        (root / FILE).write_bytes(data)
        return load_site(str(root), PRESS, NOW), root


def assert_valid_or_explained(data: bytes) -> None:
    index, _ = load_file(data)
    mine = [p for p in index.problems if p.path.startswith(ITEM)]
    assert all(p.path == FILE for p in mine), mine  # a problem names the file
    lines = data.decode("utf-8", "replace").count("\n") + 1
    for problem in mine:
        assert problem.message.strip()
        assert problem.line is None or 1 <= problem.line <= lines, problem
        for lang in ("ru", "ky", "tg"):
            assert messages(lang).problem(problem)  # sayable in every catalog
    errors = [p for p in mine if p.severity == "error"]
    if not errors:  # no error: a valid item with a title
        entry = index.bundles[ITEM].entries["ru"]
        assert entry.meta["title"]
    try:
        report(index.problems)  # what a build does with them: sorted, logged, raised
    except ContentError as exc:
        assert errors and FILE in str(exc)
    else:
        assert not errors


@PROPERTY
@given(st.binary(max_size=400))
@example(b"")
@example(b"---\n---\n")
@example(b"\xff\xfe---\ntitle: x\n---\n")
@example(b"---\ntitle: x\ndate: 2026-13-45\n---\n")  # YAML reads it as a date and fails
@example(b"---\ntitle: x\ndate: 2026-01-01 25:00:00\n---\n")
@example(b"---\ntitle: " + b"9" * 5000 + b"\n---\n")  # an int too long for str()
@example(b"---\ntitle: x\n\"tilte\": 1\ndate: nonsense\n---\n")  # problems with and without a line
@example(b"---\ntitle: x\nembargo: 9999-12-31 23:59\n---\n")
@example(b"---\ntitle: x\ndate: \"0001-01-01 00:00\"\n---\n")
@example(b"---\ntitle: " + b"[" * 2000 + b"\n---\n")
def test_any_bytes_give_an_item_or_a_problem_naming_the_file(data: bytes) -> None:
    assert_valid_or_explained(data)


@PROPERTY
@given(st.binary(max_size=200))
def test_any_bytes_after_a_front_matter_start(data: bytes) -> None:
    assert_valid_or_explained(b"---\n" + data)


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["all", "draft", "published", "hall.png", "../x.png", "/etc/passwd", "osh", "local-budgets",
                     "https://www.youtube.com/watch?v=abc", "2026-03-12 10:30", "+996 312 62 45 18", "a@b.kg"]),
    st.dates(),
    st.datetimes(timezones=st.none() | st.just(dt.timezone.utc)),
)  # fmt: skip
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(["file", "caption", "alt", "name", "role", "phone", "email", "start", "end",
                                       "location", "status", "url", "title", "x"]) | st.text(max_size=5),
                      inner, max_size=4),
    max_leaves=12,
)  # fmt: skip
# a valid title and date most of the time, so that the other fields are what decides
fields = st.builds(
    lambda base, extra: {**base, **extra},
    st.fixed_dictionaries({"title": st.text(min_size=1, max_size=20) | values,
                           "date": st.sampled_from(["2026-03-12 10:30", "2026-03-12"]) | values}),
    st.dictionaries(st.sampled_from(sorted(KNOWN_FIELDS - {"title", "date"})) | st.text(max_size=8), values, max_size=6),
)  # fmt: skip


@PROPERTY
@given(fields)
@example({"title": "0", "date": "2026-03-12 10:30", "audio": "\x00"})  # os.path raises on NUL
def test_any_front_matter_gives_an_item_or_a_problem(front: dict[str, Any]) -> None:
    try:
        text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError:
        assume(False)
    assert_valid_or_explained(f"---\n{text}---\nТекст.\n".encode("utf-8", "surrogatepass"))


@PROPERTY
@given(st.data())
def test_a_valid_file_with_random_edits(data: st.DataObject) -> None:
    text = VALID
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 6))
        insert = data.draw(st.text(alphabet=":-[]{}'\"#\n\t ,&*!|>%@`é\x00", max_size=4))
        text = text[:at] + insert + text[at + cut:]
    assert_valid_or_explained(text.encode("utf-8", "surrogatepass"))


def test_the_unedited_file_is_valid() -> None:
    index, _ = load_file(VALID.encode())
    assert [str(p) for p in index.problems] == []
    assert index.bundles[ITEM].entries["ru"].meta["title"] == "Форум МСУ в Оше"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"---\ntitle: x\ndate: 2026-13-45\n---\n", "the front matter has a value YAML cannot read"),
        (b"---\ntitle: x\nembargo: \"9999-12-31 23:59-12:00\"\n---\n", "embargo: found '9999-12-31 23:59-12:00'; expected a date"),
        (b"\xff---\n", "not UTF-8 text (byte 0); save the file as UTF-8"),
    ],
)
def test_edge_cases_found_by_the_properties_are_explained(data: bytes, message: str) -> None:
    index, _ = load_file(data)
    assert any(message in str(p) and p.path == FILE for p in index.problems), [str(p) for p in index.problems]
