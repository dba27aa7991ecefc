"""Starting Pagefind before the pages are rendered, on a guess of their copies.

Usually an edit changes an item's body and nothing else. Then the copy of
its page (:mod:`press.outputs.search_copies`) changes only where the body sits, so
it can be made from the last copy and the new body while the build still
reads the site, and Pagefind can start on its language at once. The run is
kept only if the real copies, made later from the rendered pages, are the
same bytes (:meth:`Guess.take`). The hooks that make a guess are in
:mod:`press.outputs.search`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..log import logger
from .page_facts import PageFacts, load_json
from .pagefind_run import Run, bundle_of, language_key, start_language, stop_pagefind
from ..parallel import cores
from ..files import bytes_digest, text_digest
from .search_copies import BODIES_FILE, copies_folder, fold_body, language_of, replace_file


@dataclass
class Guess:
    """Pagefind runs started on guessed copies (:func:`make_guess`), by language,
    with the language key each indexes."""

    cache: Path
    keys: dict[str, str] = field(default_factory=dict)
    runs: dict[str, Run] = field(default_factory=dict)

    def take(self, stale: dict[str, str]) -> dict[str, Run]:
        """The runs that index exactly what this build needs (same language
        key); every other run is stopped."""
        taken = {lang: run for lang, run in self.runs.items() if stale.get(lang) == self.keys[lang]}
        for lang, run in self.runs.items():
            if lang not in taken:
                stop_pagefind(run)
        if self.runs:
            # the folder in the line: Pelican's log filter drops a line it has seen
            verdict = "right" if len(taken) == len(self.runs) else "wrong"
            logger.debug("search: the early guess for %s was %s", self.cache, verdict)
        self.runs = {}
        return taken

    def drop(self) -> None:
        self.take({})


#: The most item bodies a guess takes in: it is made on the core that reads the site.
GUESS_LIMIT = 50


#: What a guess is made from: the last build's body records (:data:`~press.outputs.search_copies.BODIES_FILE`)
#: and page facts give the edited items' new bodies, converted, by output
#: name, or raise :class:`_NoGuess`.
_Edited = Callable[[dict[str, Any], dict[str, Any]], dict[str, str]]


def make_guess(cache: Path, edited: _Edited, made_from: str) -> Guess | None:
    """Start Pagefind on the copies this build will make, guessed before a page is rendered.

    Usually an edit changes an item's body and nothing else, and then the
    copy of the item's page changes only where the body sits
    (:data:`~press.outputs.search_copies.BODIES_FILE`). For each item whose Markdown body changed and
    whose front matter did not (``edited``: :func:`edited_entries` from the loaded
    tree), the body is converted, the copy is guessed (the last copy, with
    the new body folded in its place) and written, and Pagefind starts on
    its language on the other core, while the build reads the site.
    :meth:`Guess.take` keeps a run only if the real copies give its
    language key, that is, the same pages with the same bytes. ``made_from``
    names what the guess was made from, in the log.
    """
    records = load_json(str(cache / BODIES_FILE))
    known = PageFacts(str(cache / "pages.json"), {})
    facts = known.previous
    try:
        changed = edited(records, facts)
    except (_NoGuess, TypeError, ValueError):  # or a record of another shape
        return None
    if not changed:
        return None
    guessed: dict[str, str] = {}
    copies = {n: fact[1] for n, fact in facts.items() if isinstance(fact, list) and len(fact) == 2 and fact[1]}
    texts: dict[str, bytes] = {}
    for name, new in changed.items():
        _path, _body, _front, start, end = records[name]
        try:
            old = (copies_folder(cache) / name).read_text(encoding="utf-8")
        except (OSError, ValueError):
            return None
        if name not in copies or not 0 <= start <= end <= len(old):
            return None
        texts[name] = (old[:start] + fold_body(new) + old[end:]).encode("utf-8")
        copies[name] = guessed[name] = bytes_digest(texts[name])
    guess = Guess(cache)
    for lang in sorted({language_of(name) for name in guessed}):
        if bundle_of(cache, lang).is_dir():
            guess.keys[lang] = language_key(sorted(n for n in copies if language_of(n) == lang), copies)
    if not guess.keys:
        return None
    # the facts must stop vouching for the pages whose copies are replaced
    known.save_without(guessed)
    for name, text in texts.items():
        replace_file(copies_folder(cache) / name, text)
    # the build goes on reading the site on one core: leave it that core
    threads = max(1, cores() - 1)
    for lang in guess.keys:
        bundle = bundle_of(cache, lang)
        bundle.with_suffix(".key").unlink(missing_ok=True)
        guess.runs[lang] = start_language(copies_folder(cache), bundle, lang, threads)
    logger.debug("search: %d copies guessed for %s from %s; Pagefind started early on %s",
                 len(guessed), cache, made_from, ", ".join(guess.keys))  # fmt: skip
    return guess


class _NoGuess(Exception):
    """The build will differ in more than the bodies of a few items."""


def _edited_body(record: Any, front: str, body: str, convert: Callable[[str], str]) -> str | None:
    """The HTML of an item's new body; None if it is the recorded one."""
    _path, body_digest, front_digest, _start, _end = record
    if text_digest(body) == body_digest:
        return None
    if text_digest(front) != front_digest:
        raise _NoGuess
    return convert(body)


def _add(changed: dict[str, str], name: str, html: str | None) -> None:
    if html is not None:
        changed[name] = html
        if len(changed) > GUESS_LIMIT:
            raise _NoGuess


def edited_entries(sources: dict[str, Any], convert: Callable[[str, str], str]) -> _Edited:
    """The edited bodies among the loaded entries (``sources``, by source
    path): every recorded item must still be there and published."""

    def edited(records: dict[str, Any], facts: dict[str, Any]) -> dict[str, str]:
        changed: dict[str, str] = {}
        for name, record in records.items():
            entry = sources.get(record[0])
            if entry is None or entry.held or name not in facts:
                raise _NoGuess  # gone, held back or unknown
            source = entry.source
            _add(changed, name, _edited_body(record, source.front_matter, source.body,
                                             lambda body: convert(body, entry.lang)))  # fmt: skip
        return changed

    return edited
