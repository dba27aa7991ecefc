"""Messages that point at a place in the content tree.

Every problem a press officer can cause is reported as
``content/<path>[:line]: <field>: <what was found>; <what is expected>``,
the way Sphinx points its warnings at a node. Errors are collected for the
whole tree first, so one build lists every mistake, then raised together as
:class:`ContentError`, which stops the build before anything is written.

Problems are said in the press officer's language, chosen in one place,
:func:`voice`: ``PRESSROOM_LANG``, else the run's ``PRESS_MESSAGES_LANG``
(which ``press.build.config`` hands to :func:`speak` when Pelican starts), else
``LC_ALL``/``LANG`` (:func:`press.messages.messages_lang`).
:func:`report` and :class:`ContentError` use it when no caller passes its
own ``say``. This module knows nothing of Pelican.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from .messages import Messages, messages, messages_lang

logger = logging.getLogger("pressroom")

#: ``PRESS_MESSAGES_LANG`` of the run (see :func:`speak`).
_setting: str | None = None


def speak(setting: str | None) -> None:
    """Say problems in the language of ``PRESS_MESSAGES_LANG`` from now on.

    ``press.build.config`` calls it when Pelican starts, before anything is read;
    None leaves the choice to the environment. Only the setting is kept: the
    environment, which comes first, is read each time, so nothing of one
    build's choice outlives it but what the next build's settings replace.
    """
    global _setting
    _setting = setting


def voice() -> Messages:
    """The press officer's messages (:func:`press.messages.messages_lang`
    with the run's setting): English unless something chose another language."""
    return messages(messages_lang(_setting))


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or suspicious) in one content file."""

    path: str  # relative to the content folder, with forward slashes
    line: int | None
    field: str
    message: str
    severity: str = "error"  # "error" stops the build, "warning" does not

    def __str__(self) -> str:
        place = self.path if self.line is None else f"{self.path}:{self.line}"
        field = f" {self.field}:" if self.field else ""
        return f"{place}:{field} {self.message}"


def sort_key(problem: Problem) -> tuple[str, int, str, str]:
    """File order; a problem without a line first (None and numbers do not compare)."""
    return (problem.path, problem.line or 0, problem.field, str(problem.message))


class ContentError(SystemExit):
    """The content tree has errors; nothing was published.

    A SystemExit on purpose: Pelican logs any other exception with a Python
    traceback, which tells a press officer nothing. Python prints this
    message alone to stderr and exits with status 1.
    """

    def __init__(self, problems: list[Problem], say: Any = None):
        self.problems = sorted(problems, key=sort_key)
        say = say or voice()
        listing = "\n".join(f"  {say.problem(p)}" for p in self.problems)
        header = say.plural(
            "{n} content error; the site was not built and the previous output is unchanged:",
            "{n} content errors; the site was not built and the previous output is unchanged:",
            len(self.problems),
        )
        super().__init__(f"{header}\n{listing}")


def report(problems: list[Problem], say: Any = None) -> None:
    """Log warnings; raise ContentError if any problem is an error.

    Both are said in the press officer's language (:func:`voice`), or with
    ``say`` (:func:`press.messages.messages`) when one is given.
    """
    if not problems:
        return  # most callers report an empty list: no language to look up
    say = say or voice()
    for problem in sorted(problems, key=sort_key):
        if problem.severity == "warning":
            logger.warning("%s", say.problem(problem))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ContentError(errors, say)
