"""Messages that point at a place in the content tree.

Every problem a press officer can cause is reported as
``content/<path>[:line]: <field>: <what was found>; <what is expected>``,
the way Sphinx points its warnings at a node. Errors are collected for the
whole tree first, so one build lists every mistake, then raised together as
:class:`ContentError`, which stops the build before anything is written.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from ._messages import SOURCE_LANG, messages

logger = logging.getLogger("pressroom")


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
        say = say or messages(SOURCE_LANG)
        listing = "\n".join(f"  {say.problem(p)}" for p in self.problems)
        header = say.plural(
            "{n} content error; the site was not built and the previous output is unchanged:",
            "{n} content errors; the site was not built and the previous output is unchanged:",
            len(self.problems),
        )
        super().__init__(f"{header}\n{listing}")


def report(problems: list[Problem], say: Any = None) -> None:
    """Log warnings; raise ContentError if any problem is an error.

    ``say`` (:func:`press._messages.messages`) gives the press officer's
    language; without it, English.
    """
    say = say or messages(SOURCE_LANG)
    for problem in sorted(problems, key=sort_key):
        if problem.severity == "warning":
            logger.warning("%s", say.problem(problem))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ContentError(errors, say)
