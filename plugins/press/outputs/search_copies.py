"""The pages Pagefind reads: each built page cut down to what Pagefind
indexes, with Kyrgyz and Tajik words followed by their folded spelling, and
kept between builds in the search cache (see :mod:`press.outputs.search`).

Readers type Kyrgyz and Tajik with a Russian keyboard: «жангак» for
«жаңгак», «хукумат» for «ҳукумат». Every word with one of
қ ң ө ү ӯ ҷ ҳ ӣ ғ ё is therefore followed, in the copy, by its folded
spelling (к н о у у ч х и г е); ``theme/assets/js/search.js`` folds the query
the same way (:data:`FOLD_PAIRS`). The published page is unchanged.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .page_facts import PageFacts, built_pages, load_json, save_json
from .pagefind_run import BUNDLE_DIR
from ..parallel import map_forked
from ..files import bytes_digest, text_digest

#: Letters of Kyrgyz and Tajik (and Russian ё) and what a Russian keyboard
#: types instead. search.js receives this table through the search page.
FOLD_PAIRS: tuple[tuple[str, str], ...] = (
    ("қ", "к"),
    ("ң", "н"),
    ("ө", "о"),
    ("ү", "у"),
    ("ӯ", "у"),
    ("ҷ", "ч"),
    ("ҳ", "х"),
    ("ӣ", "и"),
    ("ғ", "г"),
    ("ё", "е"),
)
FOLDABLE = "".join(a + a.upper() for a, _ in FOLD_PAIRS)
_FOLD = str.maketrans(FOLDABLE, "".join(b + b.upper() for _, b in FOLD_PAIRS))
# a match may start only where a word starts: tried at every letter, "\S*[…]"
# went over each word once per letter
_FOLDABLE_WORD = re.compile(r"(?<!\S)\S*?[" + FOLDABLE + r"]\S*")

_BODY_MARK = b"data-pagefind-body"


def fold(text: str) -> str:
    """The spelling a Russian keyboard gives: «Жаңылык» -> «Жанылык»."""
    return text.translate(_FOLD)


def fold_table() -> str:
    """:data:`FOLD_PAIRS` as search.js reads it: "қк ңн өо …"."""
    return " ".join(a + b for a, b in FOLD_PAIRS)


def with_folded_copies(text: str) -> str:
    """Follow every word that folds differently by its folded copy."""
    return _FOLDABLE_WORD.sub(lambda m: f"{m[0]} {fold(m[0])}", text)


def index_copy(page: bytes, whole: bool = False) -> bytes | None:
    """The version of a built page that Pagefind reads, or None if it has no body to index.

    It is the page cut down to what Pagefind takes from it: the ``<html
    lang>``, the ``<title>``, the head's ``meta`` and ``link`` tags that carry
    ``data-pagefind-*`` attributes, and each ``data-pagefind-body`` element,
    in which the text is folded. Attributes (meta and filter values) and
    ``script``/``style`` stay as written. Pagefind reads no more of a page
    that has a body, so the index is the same as from the whole page
    (``tests/unit/test_search.py``) and made a fifth faster. A page that
    declares filters or meta elsewhere is copied whole, as is every page
    with ``whole``.

    Our templates escape ``<`` and ``>`` in text and attributes, so the text
    of the page is what lies between a ``>`` and the next ``<``: a regular
    expression finds it five times faster than an HTML parser and tree.
    """
    cut = cut_page(page, whole)
    return None if cut is None else cut[0].encode("utf-8")


def cut_page(page: bytes, whole: bool = False, inner: str | None = None) -> tuple[str, list[int] | None] | None:
    """:func:`index_copy` as text, and where the folded ``inner`` lies in it.

    ``inner`` is a piece of an indexed body that starts and ends with a tag
    (an item's converted Markdown). When it occurs once in the page, inside
    an indexed element, the second value is ``[start, end]``: where the copy
    holds it folded, so a later body can take its place (:func:`press.outputs.search_guess.make_guess`).
    Folding works text by text between tags, so the piece folds alike alone
    and in its page. Otherwise the second value is None.
    """
    if _BODY_MARK not in page:
        return None
    html = page.decode("utf-8")
    spans = list(_body_spans(html))
    at = _once_in(html, inner, spans)
    head_end = html.find("</head>")
    parts: list[str] = []
    where: list[int] | None = None

    def body(start: int, end: int) -> None:
        nonlocal where
        if at is not None and inner is not None and start <= at and at + len(inner) <= end:
            parts.append(fold_body(html[start:at]))
            before = sum(map(len, parts))
            parts.append(fold_body(inner))
            where = [before, before + len(parts[-1])]
            parts.append(fold_body(html[at + len(inner):end]))
        else:
            parts.append(fold_body(html[start:end]))

    if head_end > 0 and not whole and not _elsewhere(html, head_end, spans):
        opening = _HTML_TAG.search(html)
        title = _TITLE.search(html, 0, head_end)
        parts += ["<!DOCTYPE html>", opening[0] if opening else "<html>", '<head><meta charset="utf-8">']
        parts += [title[0] if title else "", *_HEAD_TAGS.findall(html, 0, head_end), "</head><body>"]
        for start, end in spans:
            tag_start = html.rfind("<", 0, start)
            parts.append(html[tag_start:start])
            body(start, end)
            parts.append(f"</{BODY_START.match(html, tag_start)[1]}>")
        parts.append("</body></html>")
    else:
        done = 0
        for start, end in spans:
            parts.append(html[done:start])
            body(start, end)
            done = end
        parts.append(html[done:])
    return "".join(parts), where


def _once_in(html: str, inner: str | None, spans: list[tuple[int, int]]) -> int | None:
    """Where ``inner`` starts in ``html``, if it is there once, within an indexed span and between tags."""
    if not inner or inner[0] != "<" or inner[-1] != ">":
        return None
    at = html.find(inner)
    if at < 0 or html.find(inner, at + 1) >= 0:
        return None
    return at if any(start <= at and at + len(inner) <= end for start, end in spans) else None


def fold_body(text: str) -> str:
    return NOT_TEXT_OR_TEXT.sub(_fold_text, text)


def _elsewhere(html: str, head_end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether the page's body (outside the indexed elements) declares anything for Pagefind."""
    done = head_end
    for start, end in spans:
        if declares(html, done, html.rfind("<", 0, start)):
            return True
        done = end
    return declares(html, done, len(html))


def declares(html: str, pos: int, endpos: int) -> bool:
    """``DECLARES.search(html, pos, endpos) is not None``, tried only where
    ``data-pagefind-`` is written: the expression starts with a space, and
    was tried at every space of the page's text."""
    end = min(max(endpos, 0), len(html))
    at = html.find("data-pagefind-", pos + 1, end)
    while at >= 0:
        if DECLARES.match(html, at - 1, end):
            return True
        at = html.find("data-pagefind-", at + 1, end)
    return False


_HTML_TAG = re.compile(r"<html\b[^>]*>", re.I)
_TITLE = re.compile(r"<title>.*?</title>", re.S | re.I)
_HEAD_TAGS = re.compile(r"<(?:meta|link)\b[^>]*\sdata-pagefind-[^>]*>", re.I)
DECLARES = re.compile(r"\sdata-pagefind-(?:filter|meta|sort|default-meta)\b")
BODY_START = re.compile(r"<([a-zA-Z][\w-]*)\b[^>]*\sdata-pagefind-body\b[^>]*>")
# text that _fold_text changes: with a letter to fold or an entity (quotes);
# the rest of the body is passed over without a call into Python. The text
# before the first such letter is taken possessively (a run without one fails
# at once, not once per character), and only the tag names ignore case (with
# re.I each character of the text was compared in both cases; the letters'
# class has both already)
NOT_TEXT_OR_TEXT = re.compile(
    r"(<((?i:script|style|template))\b.*?(?i:</\2)\s*>)|>([^<" + FOLDABLE + r"&]*+[" + FOLDABLE + r"&][^<]*)", re.S
)


def _body_spans(html: str) -> Iterator[tuple[int, int]]:
    """Where the content of each ``data-pagefind-body`` element starts and ends."""
    done = 0
    for match in body_starts(html):
        if match.start() < done:
            continue  # nested in a body already folded
        depth, end = 1, len(html)
        for tag in re.compile(rf"<(/?){match[1]}\b[^>]*>", re.I).finditer(html, match.end()):
            depth += -1 if tag[1] else 1
            if depth == 0:
                end = tag.start()
                break
        yield match.end(), end
        done = end


def body_starts(html: str) -> Iterator[re.Match[str]]:
    """``BODY_START.finditer(html)``, tried only from the last ``>`` before
    each ``data-pagefind-body`` in the page: a match cannot start earlier,
    since the tag it matches holds no ``>`` and holds that attribute. Tried
    at every tag of the page, the expression cost as much as the folding."""
    at = 0
    while True:
        found = html.find("data-pagefind-body", at)
        if found < 0:
            return
        match = BODY_START.search(html, max(at, html.rfind(">", 0, found) + 1))
        if match is None:
            return
        yield match
        at = match.end()


def _fold_text(match: re.Match[str]) -> str:
    if match[1]:
        return match[1]
    # quotes need no escaping in text, and Pagefind reads "…&quot;" as ending in
    # punctuation (it adds a full stop after other headings): write them as an
    # HTML parser would serialise them
    text = match[3]
    if "&" in text:
        text = _QUOTES.sub(lambda q: _QUOTE_CHARS[q[0]], text)
    return ">" + with_folded_copies(text)


_QUOTE_CHARS = {"&quot;": '"', "&#34;": '"', "&#39;": "'", "&#x27;": "'"}
_QUOTES = re.compile("|".join(map(re.escape, _QUOTE_CHARS)))

# --- the pages Pagefind reads, kept between builds ---------------------------------


#: An item's body, for the copy of its page: (source path, converted HTML,
#: front matter, Markdown body).
Body = tuple[str, str, str, str]
#: What a copy worker gets of a body: (source path, converted HTML, digest of
#: the Markdown body, digest of the front matter).
_Hashed = tuple[str, str, str, str]
#: Where the body sits in a page's copy (:func:`cut_page`): [source path, digest
#: of the Markdown body, digest of the front matter, start, end].
BODIES_FILE = "bodies.json"


def _fold_one(task: tuple[str, str, _Hashed | None, bool]) -> tuple[str | None, list[Any] | None]:
    """Write the index copy of one built page; return its digest (None
    without a body) and where the item's body sits in it, if known.

    ``swap``: the copy replaces the file, never writes through it (Pagefind
    may be reading the folder, see :func:`press.outputs.search_guess.make_guess`).
    """
    source, target, item, swap = task
    with open(source, "rb") as handle:
        cut = cut_page(handle.read(), inner=item[1] if item else None)
    if cut is None:
        if os.path.lexists(target):
            os.unlink(target)
        return None, None
    copy = cut[0].encode("utf-8")
    os.makedirs(os.path.dirname(target), exist_ok=True)
    if swap:
        replace_file(target, copy)
    else:
        with open(target, "wb") as handle:
            handle.write(copy)
    record = None
    if item is not None and cut[1] is not None:
        record = [item[0], item[2], item[3], *cut[1]]
    return bytes_digest(copy), record


def replace_file(target: str | Path, data: bytes) -> None:
    """Write ``data`` as a new file renamed over ``target``: a reader of the
    folder (Pagefind) sees the old file or the new one, never half of it."""
    tmp = f"{target}.{os.getpid()}.tmp"
    with open(tmp, "wb") as handle:
        handle.write(data)
    os.replace(tmp, target)




def copies_folder(cache: Path) -> Path:
    """Where the index copies are kept, in the same folders as the pages."""
    return cache / "pages"


def index_copies(
    output: Path, cache: Path, facts: PageFacts, names: list[str] | None = None,
    bodies: dict[str, Body] | None = None, swap: frozenset[str] = frozenset(),
) -> dict[str, str]:  # fmt: skip
    """Bring ``cache/pages`` in line with the built site: the index copy of each
    page with a body, by output name; return ``{name: digest of the copy}``.

    A page whose render key did not change keeps the copy made from it before.
    ``bodies``: the item pages' bodies (:data:`Body`), so that where each
    sits in its copy is kept for the next build's guess (:data:`BODIES_FILE`).
    ``swap``: languages whose copies are replaced, never written through.
    """
    pages = copies_folder(cache)
    bodies = bodies or {}
    copies: dict[str, str] = {}
    tasks: list[tuple[str, str, _Hashed | None, bool]] = []
    todo: list[str] = []
    known_bodies = load_json(str(cache / BODIES_FILE))
    kept_bodies: dict[str, list[Any]] = {}
    for name in built_pages(str(output), names, skip={BUNDLE_DIR}):
        found, digest = facts.known(name)
        if found and (digest is None or (pages / name).is_file()):
            if digest is not None:
                copies[name] = digest
                if name in known_bodies:
                    kept_bodies[name] = known_bodies[name]
            continue
        todo.append(name)
        body = bodies.get(name)
        # the workers need the body's HTML and digests, not the texts
        item = None if body is None else (body[0], body[1], text_digest(body[3]), text_digest(body[2]))
        tasks.append((str(output / name), str(pages / name), item, language_of(name) in swap))
    if todo:
        # the copies of these pages are about to be written over: the facts on
        # disk must stop vouching for them first, or a build killed before the
        # save below would leave a new copy under its page's old key
        facts.save_without(todo)
    for name, (digest, record) in zip(todo, map_forked(_fold_one, tasks)):
        facts.put(name, digest)
        if digest is not None:
            copies[name] = digest
            if record is not None:
                kept_bodies[name] = record
    for name in facts.forgotten():
        path = pages / name
        if os.path.lexists(path):
            path.unlink()
    # the copies changed: say so now; if Pagefind then fails and the edit is
    # undone, a copy must not pass for the page it was made from before
    facts.save()
    if todo or len(kept_bodies) != len(known_bodies):
        save_json(str(cache / BODIES_FILE), kept_bodies)
    return copies


def language_of(name: str) -> str:
    """The language folder of an output name ("" for a page at the top)."""
    return name.split("/", 1)[0] if "/" in name else ""
