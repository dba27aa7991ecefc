"""A cache of derived values in one SQLite file, keyed by what they are derived from.

The converted Markdown bodies and the parsed front matter of a large site
are tens of megabytes. Kept as one JSON file, each build that changed one
item read and rewrote all of it; here a build reads what it needs, writes
only what it derived anew and deletes what it no longer uses, in one
transaction, so an interrupted build leaves the cache as it was. A cache
file SQLite cannot read is started again. SQLite is in Python's standard
library.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Mapping
from .files import text_digest

_CHUNK = 900  # below SQLite's limit of host parameters in one statement


class Store:
    """One table of ``key → value`` (bytes or text) in ``path``."""

    def __init__(self, path: str, table: str):
        if not table.isidentifier():
            raise ValueError(f"not a table name: {table!r}")
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        self.table = table
        try:
            self._db = self._open(path)
        except sqlite3.DatabaseError:  # not a database, or damaged: it is only a cache
            for name in (path, f"{path}-journal"):
                if os.path.exists(name):
                    os.unlink(name)
            self._db = self._open(path)

    def _open(self, path: str) -> sqlite3.Connection:
        db = sqlite3.connect(path, isolation_level=None, timeout=60)
        try:
            db.execute(f"CREATE TABLE IF NOT EXISTS {self.table} (key TEXT PRIMARY KEY, value) WITHOUT ROWID")
            db.execute(f"SELECT count(*) FROM {self.table}").fetchone()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def get_many(self, keys: Iterable[str]) -> dict[str, object]:
        wanted = list(dict.fromkeys(keys))
        found: dict[str, object] = {}
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            found.update(self._db.execute(f"SELECT key, value FROM {self.table} WHERE key IN ({marks})", chunk))
        return found

    def get_all(self) -> dict[str, object]:
        return dict(self._db.execute(f"SELECT key, value FROM {self.table}"))

    def count(self) -> int:
        return int(self._db.execute(f"SELECT count(*) FROM {self.table}").fetchone()[0])

    def update(self, new: Mapping[str, object], keep: Iterable[str] | None = None) -> None:
        """Add ``new``; with ``keep``, also delete every key not in it."""
        db = self._db
        db.execute("BEGIN")
        try:
            db.executemany(f"INSERT OR REPLACE INTO {self.table} (key, value) VALUES (?, ?)", new.items())
            if keep is not None:
                db.execute("CREATE TEMP TABLE IF NOT EXISTS keep (key TEXT PRIMARY KEY) WITHOUT ROWID")
                db.execute("DELETE FROM keep")
                db.executemany("INSERT OR IGNORE INTO keep (key) VALUES (?)", ((k,) for k in keep))
                db.execute(f"DELETE FROM {self.table} WHERE key NOT IN (SELECT key FROM keep)")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def output_hash(live: str) -> str:
    """What names the files an output folder has in the cache (``*-<hash>*``:
    the render manifest, the derived caches, press.build.uptodate's stamp,
    the list of held items that ``make deploy`` reads)."""
    return text_digest(live)[:16]
