"""The press officer's commands: ``make new``, ``make translate``, ``make check``, ``make deploy``.

Run as ``PYTHONPATH=plugins python -m press.cli <command> …`` (the Makefile
does). This module owns the command line and what it prints; it reads
``pelicanconf.py`` with Pelican's ``read_settings``, so it sees the same
``PRESS_*`` settings and content folder as a build, and it speaks the press
officer's language (:mod:`press.messages`). What is written lives in
:mod:`press.cli.scaffold`, what is checked in :mod:`press.content.checks` (on top of
the loader's own errors, :mod:`press.content.loader`).

* ``new --section S --lang L --title T`` — a new item folder and its file.
* ``translate --item S/FOLDER --lang L [--from L]`` — a translation file.
* ``editor --admin DIR [--lang L]`` — the browser editor's ``index.html`` and
  ``config.yml`` (:mod:`press.cli.editor`), for ``make editor``.
* ``check`` — every error a build would stop on, plus warnings; the coverage
  of translations, what is held back and the next embargo lift.
* ``deploy [--to …] [--with rsync|rclone|ghp-import] [--branch B] [--dry-run] [--max-delete N]`` —
  upload the built public site (:mod:`press.cli.deploy`; exit 1 when the
  upload failed).

Exit status: 0 done (``check``: no errors, maybe warnings); 1 ``check``
found errors; 2 refused (an unknown section or language, a folder or file
that exists, a wrong argument or setting).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from ..content import timeline
from .. import dates as _dates
from ..content.checks import Report, check_site
from ..messages import Messages, messages, messages_lang
from ..build.report import embargo_line, held_lines, section_table
from . import deploy
from .editor import PREVIEW_URL, build_config, slug_rules, write_admin
from .scaffold import ScaffoldError, new_item, new_translation
from ..settings import PressSettings, SettingsError, load

EXIT_OK, EXIT_ERRORS, EXIT_REFUSED = 0, 1, 2


class Refused(Exception):
    """The command cannot run; the message says why (translated)."""


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    argv = list(sys.argv[1:] if argv is None else argv)
    early, _rest = _settings_parser().parse_known_args(argv)
    say = messages(messages_lang())
    try:
        settings = _read_settings(early.settings, early.content, say)
        press = load(settings)
        say = messages(messages_lang(press.messages_lang))
        args = _parser(say).parse_args(argv)
        if args.command == "deploy":
            return deploy.cmd_deploy(args, settings, press, say, out, err)
        now = _now(args.now, press, say)
        root = Path(settings["PATH"])
        if args.command == "editor":
            return cmd_editor(args, settings, press, say, out)
        return COMMANDS[args.command](args, root, press, now, say, out)
    except (Refused, ScaffoldError, deploy.Refused) as exc:
        print(say("Refused: {reason}", reason=exc), file=err)
        return EXIT_REFUSED
    except SettingsError as exc:
        print(say("Refused: {reason}", reason=exc), file=err)
        return EXIT_REFUSED


def _settings_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--content", default=None)
    return parser


def _parser(say: Messages) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m press.cli",
        description=say("Commands for press officers: create items and translations, check the content."),
        parents=[_settings_parser()],
    )
    parser.add_argument("--now", help=say('act as if it were this date and time, e.g. "2031-03-01 09:05"'))
    commands = parser.add_subparsers(dest="command", required=True, metavar="{new,translate,check,deploy,editor}")
    new = commands.add_parser("new", help=say("create a new item: <section>/<date>-<slug>/index.<lang>.md"))
    new.add_argument("--section", required=True, help=say("one of the sections, e.g. news"))
    new.add_argument("--lang", required=True, help=say("the language of the file, e.g. ru"))
    new.add_argument("--title", required=True, help=say("the headline; the folder name is made from it"))
    translate = commands.add_parser("translate", help=say("create the translation of an item into another language"))
    translate.add_argument("--item", required=True, help=say("the item folder, e.g. news/2026-03-12-forum-in-osh"))
    translate.add_argument("--lang", required=True, help=say("the language to translate into, e.g. en"))
    translate.add_argument("--from", dest="source_lang", help=say("the language to translate from (default: the site's default language)"))
    commands.add_parser("check", help=say("check the whole content tree without building"))
    deploy.add_parser(commands, say)
    editor = commands.add_parser("editor", help=say("write the browser editor's configuration"))
    editor.add_argument("--admin", required=True, help=say("the folder served at /admin/"))
    editor.add_argument("--lang", help=say("the language a new item starts in (default: the site's default language)"))
    editor.add_argument("--preview", default=PREVIEW_URL, help=say("the address of the preview"))
    editor.add_argument("--repo", help=say("the folder a press officer opens in the editor (default: the folder of the settings file)"))
    return parser


def _read_settings(path: str, content: str | None, say: Messages) -> dict[str, Any]:
    from pelican.settings import read_settings

    if not os.path.isfile(path):
        raise Refused(say("settings file {path} not found", path=path))
    override = {"PATH": os.path.abspath(content)} if content else {}
    if content and not os.path.isdir(content):
        raise Refused(say("content folder {path} not found", path=content))
    try:
        return read_settings(os.path.abspath(path), override=override)
    except Exception as exc:  # Pelican raises plain Exception for a missing PATH or theme
        raise Refused(say("cannot read the settings in {path}: {reason}", path=path, reason=exc)) from exc


def _now(value: str | None, press: PressSettings, say: Messages) -> dt.datetime:
    if value is None:
        return timeline.now(press)
    try:
        return _dates.parse(value, press.zone)
    except ValueError as exc:
        raise Refused(say.text(exc.args[0])) from exc


# --- commands ------------------------------------------------------------------


def cmd_new(args: argparse.Namespace, root: Path, press: PressSettings, now: dt.datetime,
            say: Messages, out: TextIO) -> int:  # fmt: skip
    path = new_item(root, press, args.section, args.lang, args.title, now, say)
    print(say("Created {path}", path=_shown(path)), file=out)
    print(say("Next: write the text below the front matter, put photos and documents in the same folder,"
              " run make check, and delete the line 'status: draft' when the item may be published."), file=out)  # fmt: skip
    return EXIT_OK


def cmd_translate(args: argparse.Namespace, root: Path, press: PressSettings, now: dt.datetime,
                  say: Messages, out: TextIO) -> int:  # fmt: skip
    path = new_translation(root, press, args.item, args.lang, say, source_lang=args.source_lang)
    print(say("Created {path}", path=_shown(path)), file=out)
    print(say("Next: translate the words in the front matter and the text, run make check,"
              " and delete the line 'status: draft' when the translation is ready."), file=out)  # fmt: skip
    return EXIT_OK


def cmd_check(args: argparse.Namespace, root: Path, press: PressSettings, now: dt.datetime,
              say: Messages, out: TextIO) -> int:  # fmt: skip
    report = check_site(str(root), press, now)
    for line in check_lines(report, say, _shown(root)):
        print(line, file=out)
    return EXIT_ERRORS if report.errors else EXIT_OK


def cmd_editor(args: argparse.Namespace, settings: dict[str, Any], press: PressSettings,
               say: Messages, out: TextIO) -> int:  # fmt: skip
    root = Path(settings["PATH"])
    repo = Path(os.path.abspath(args.repo or os.path.dirname(os.path.abspath(args.settings))))
    lang = args.lang or press.default_lang
    if lang not in press.languages:
        raise Refused(say("unknown language {lang!r}; configured languages: {langs}",
                          lang=lang, langs=", ".join(press.languages)))  # fmt: skip
    config = build_config(root, repo, press, lang, args.preview, settings.get("THEME"))
    admin = Path(args.admin)
    write_admin(admin, config, slug_rules(press), lang, press.identity(lang).name)
    print(say("Created {path}", path=_shown(admin / "config.yml")), file=out)
    return EXIT_OK


def check_lines(report: Report, say: Messages, shown_root: str) -> list[str]:
    """What ``make check`` prints, line by line."""
    index = report.index
    files = sum(len(b.files) for b in index.bundles.values())
    lines = [say.plural("Checked {path}: {n} content file.", "Checked {path}: {n} content files.", files, path=shown_root), ""]
    errors, warnings = report.errors, report.warnings
    if errors:
        lines.append(say.plural("{n} error (the build would stop):", "{n} errors (the build would stop):", len(errors)))
        lines += [f"  {say.problem(p)}" for p in errors]
        lines.append("")
    if warnings:
        lines.append(say.plural("{n} warning:", "{n} warnings:", len(warnings)))
        lines += [f"  {say.problem(p)}" for p in warnings]
        lines.append("")
    lines.append(say("Translations (bundles with a file in each language):"))
    lines += section_table(say, report.coverage, index.settings.languages, report.totals)
    lines.append("")
    held = held_lines(index, say)
    if held:
        lines += held + [""]
    embargo = embargo_line(index, say)
    if embargo:
        lines += [embargo, ""]
    if errors:
        lines.append(say("Result: {errors}, {warnings}. Fix the errors: the site cannot be built with them.",
                         errors=_count_errors(say, len(errors)), warnings=_count_warnings(say, len(warnings))))  # fmt: skip
    else:
        lines.append(say("Result: no errors, {warnings}.", warnings=_count_warnings(say, len(warnings))))
    return lines


def _count_errors(say: Messages, n: int) -> str:
    return say.plural("{n} error", "{n} errors", n)


def _count_warnings(say: Messages, n: int) -> str:
    return say.plural("{n} warning", "{n} warnings", n)


def _shown(path: Path) -> str:
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


COMMANDS = {"new": cmd_new, "translate": cmd_translate, "check": cmd_check}
