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

:func:`drop_pelicans_alt_warnings` silences a warning of Pelican's that ours
replace: «Empty alt attribute for image x.jpg in /abs/path/index.ky.md»,
in English, without the line, and also for a photo whose gallery alt text
is published (press.outputs.images warns about images without alt text instead).
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


class _NotPelicansAltWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.msg != PELICANS_ALT_WARNING


#: The message of ``pelican.readers.find_empty_alt``.
PELICANS_ALT_WARNING = "Empty alt attribute for image %s in %s"


def drop_pelicans_alt_warnings() -> None:
    """Keep Pelican's reader from warning about empty alt text (idempotent)."""
    readers = logging.getLogger("pelican.readers")
    if not any(isinstance(f, _NotPelicansAltWarning) for f in readers.filters):
        readers.addFilter(_NotPelicansAltWarning())


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
