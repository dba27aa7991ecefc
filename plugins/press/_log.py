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


class ContentError(SystemExit):
    """The content tree has errors; nothing was published.

    A SystemExit on purpose: Pelican logs any other exception with a Python
    traceback, which tells a press officer nothing. Python prints this
    message alone to stderr and exits with status 1.
    """

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        count = len(self.problems)
        listing = "\n".join(f"  {p}" for p in self.problems)
        noun = "error" if count == 1 else "errors"
        super().__init__(
            f"{count} content {noun}; the site was not built and the previous output"
            f" is unchanged:\n{listing}"
        )


def report(problems: list[Problem]) -> None:
    """Log warnings; raise ContentError if any problem is an error."""
    for problem in sorted(problems):
        if problem.severity == "warning":
            logger.warning("%s", problem)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ContentError(errors)
