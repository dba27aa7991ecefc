"""Our log lines on Pelican's console, one line each, never wrapped.

Pelican logs through rich's ``RichHandler``, which lays each record out as a
table as wide as the console: the terminal's width, or 80 columns when the
output is not a terminal (a CI log, a cron e-mail). A problem line
(``news/2026-03-12-…/index.ky.md:12: gallery: …``) is then cut in the middle
of its path, and can neither be copied nor found with grep.

:func:`unwrap` leaves Pelican's handler in place for everyone else's records
and prints those of our logger itself, on the same console (so they do not
tear a progress bar or the «Generating…» status apart) and in the same
form — time, level, message — but soft-wrapped: each record is one line,
however long, and the terminal folds it if it must. Nothing changes when
Pelican logs without rich (``--log-handler plain``, or tests).
"""

from __future__ import annotations

import datetime as dt
import logging

from rich.logging import RichHandler
from rich.text import Text


class _NotOurs(logging.Filter):
    """Keeps a logger's records (and its children's) away from a handler."""

    def __init__(self, name: str):
        super().__init__()
        self.ours = name

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.name == self.ours or record.name.startswith(self.ours + "."))


class LineHandler(RichHandler):
    """A RichHandler that prints each record on one line, never wrapped or cut."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = Text(dt.datetime.fromtimestamp(record.created).strftime("[%H:%M:%S] "), style="log.time")
            line.append_text(self.get_level_text(record))
            line.append(" ")
            line.append(self.format(record))
            self.console.print(line, soft_wrap=True, highlight=False)
        except Exception:  # noqa: BLE001 - logging's own way to report a failed emit
            self.handleError(record)


def unwrap(logger: logging.Logger) -> None:
    """Print ``logger``'s records unwrapped wherever the root logger prints them with rich.

    Idempotent: each Pelican instance (``make serve`` makes one per settings
    change) calls it again.
    """
    consoles = []
    for handler in logging.getLogger().handlers:
        if isinstance(handler, RichHandler) and not isinstance(handler, LineHandler):
            if not any(isinstance(f, _NotOurs) and f.ours == logger.name for f in handler.filters):
                handler.addFilter(_NotOurs(logger.name))
            consoles.append(handler.console)
    have = {id(h.console) for h in logger.handlers if isinstance(h, LineHandler)}
    for console in consoles:
        if id(console) not in have:
            logger.addHandler(LineHandler(console=console))
            have.add(id(console))
