"""The one class that touches SQLite connections (as datasette's Database does).

Every SQL statement lives in the store's modules; they reach the database only through this
class: queries come back as plain dicts, writes go through `execute`/`executemany`, and
`transaction()` makes a block of writes one short, immediate transaction. A second backend
(PostgreSQL, issue 11) is a second class with these methods and its own placeholders.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.request import pathname2url

from ..errors import StoreBusy, StoreError

log = logging.getLogger(__name__)

Args = Sequence[Any]
BUSY_MS = 30_000  # how long a writer waits for another one before SQLite gives up
CACHE_KIB = 32 * 1024  # pages kept in memory per connection
WRITE_TRIES = 4  # ... and how many such waits a transaction makes before it reports StoreBusy


class Database:
    """A connection to one database file, opened read-only or for writing."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        self.readonly = readonly
        p = Path(self.path)
        # sqlite3 says only "unable to open database file" for all of these: name the cause.
        if p.is_dir():
            raise StoreError(f"{self.path}: is a folder, not a database file")
        if readonly and not p.exists():
            raise StoreError(f"{self.path}: no such database (ingest something first)")
        if not readonly and not p.parent.exists():
            raise StoreError(f"{self.path}: the folder {str(p.parent)!r} does not exist")
        if not readonly and (why := unwritable(p)):
            raise StoreError(f"{self.path}: cannot write the database: {why} (reading commands still work)")
        self._conn = self._connect(p, immutable=False)
        try:
            self._first_read()
        except sqlite3.OperationalError as exc:
            self._conn.close()
            why = unwritable(p) if readonly and exc.sqlite_errorname == "SQLITE_CANTOPEN" else None
            if why is None:
                raise StoreError(f"{self.path}: cannot open the database ({exc})") from None
            self._read_in_place(p, why)
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise StoreError(f"{self.path}: not a claimgraph database ({exc})") from None

    def _connect(self, p: Path, *, immutable: bool) -> sqlite3.Connection:
        try:
            if self.readonly:
                flags = "mode=ro&immutable=1" if immutable else "mode=ro"
                uri = f"file:{pathname2url(str(p.resolve()))}?{flags}"  # quoted: '?' or '#' in a name
                conn = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=BUSY_MS / 1000)
            else:
                conn = sqlite3.connect(self.path, check_same_thread=False, timeout=BUSY_MS / 1000)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the database ({exc})") from None
        conn.row_factory = sqlite3.Row
        return conn

    def _first_read(self) -> None:
        self._conn.execute("PRAGMA foreign_keys = ON")
        self._conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
        # SQLite keeps 2 MiB of pages per connection by default; a page of the web over 100,000
        # documents reads rows scattered over a 3 GB file (an entity's page: 65 ms mean, 55 with this).
        self._conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        # Fails on a file that is not SQLite at all, before anything is written to it.
        self._conn.execute("SELECT count(*) FROM sqlite_master").fetchone()

    def _read_in_place(self, p: Path, why: str) -> None:
        """Read a database in a folder nothing can be written to. SQLite's shared-memory index
        for a WAL database lives in a file beside it, which cannot be made there; a database
        opened as immutable needs none. That is safe only when no log of changes waits beside
        the file, and when nobody writes it meanwhile, which the read-only folder promises."""
        wal = Path(f"{self.path}-wal")
        if wal.exists() and wal.stat().st_size:
            raise StoreError(f"{self.path}: {why}, and the changes in {wal.name} beside it cannot be read without "
                             "writing there: copy both files to a writable folder")
        log.info("%s: %s; reading it as immutable", self.path, why)
        self._conn = self._connect(p, immutable=True)
        try:
            self._first_read()
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise StoreError(f"{self.path}: cannot open the database: {why} ({exc})") from None

    def use_wal(self) -> None:
        """Write-ahead logging, set only when not set yet, retried while another opener holds the lock."""
        for attempt in range(50):
            try:
                if self.value("PRAGMA journal_mode") != "wal":
                    self._conn.execute("PRAGMA journal_mode = WAL")
                self._conn.execute("PRAGMA synchronous = NORMAL")
                return
            except sqlite3.OperationalError as exc:
                if not is_busy(exc):
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise StoreBusy(f"{self.path}: the database stayed locked by another program")

    # -- reading ---------------------------------------------------------------------------

    def query(self, sql: str, args: Args = ()) -> list[dict[str, Any]]:
        """Every row, as dicts."""
        return [dict(r) for r in self._conn.execute(sql, args)]

    def iterate(self, sql: str, args: Args = ()) -> Iterator[dict[str, Any]]:
        """Rows one at a time, for results too large to hold."""
        for r in self._conn.execute(sql, args):
            yield dict(r)

    def row(self, sql: str, args: Args = ()) -> dict[str, Any] | None:
        r = self._conn.execute(sql, args).fetchone()
        return dict(r) if r is not None else None

    def value(self, sql: str, args: Args = ()) -> Any:
        """The first column of the first row, or None."""
        r = self._conn.execute(sql, args).fetchone()
        return r[0] if r is not None else None

    def column(self, sql: str, args: Args = ()) -> list[Any]:
        return [r[0] for r in self._conn.execute(sql, args)]

    def tables(self) -> set[str]:
        return set(self.column("SELECT name FROM sqlite_master WHERE type = 'table'"))

    def columns(self, table: str) -> set[str]:
        return {r["name"] for r in self.query(f"PRAGMA table_info({table})")}

    # -- writing ---------------------------------------------------------------------------

    def execute(self, sql: str, args: Args = ()) -> int:
        """Run one statement; returns the id of the row it inserted (0 when none)."""
        return int(self._conn.execute(sql, args).lastrowid or 0)

    def changes(self, sql: str, args: Args = ()) -> int:
        """Run one statement; returns how many rows it changed."""
        return int(self._conn.execute(sql, args).rowcount)

    def executemany(self, sql: str, rows: Iterable[Args]) -> None:
        self._conn.executemany(sql, rows)

    def script(self, sql: str) -> None:
        """Run statements one by one: inside the caller's transaction, which executescript
        would commit first."""
        buf = ""
        for line in sql.splitlines(keepends=True):
            buf += line
            if sqlite3.complete_statement(buf):
                self._conn.execute(buf)
                buf = ""

    @property
    def in_transaction(self) -> bool:
        """A write is under way (sqlite3 opens a transaction only before one)."""
        return self._conn.in_transaction

    def commit(self) -> None:
        self._conn.commit()

    def rollback(self) -> None:
        """Also ends a read transaction, so that later writes by others become visible."""
        self._conn.rollback()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One immediate write transaction: committed at the end, rolled back on an error. It
        starts by taking the write lock, so a writer that waits does so here, before any work of
        its own, and can simply wait again: StoreBusy only after WRITE_TRIES full waits."""
        if self._conn.in_transaction:
            self._conn.commit()
        self._begin()
        try:
            yield
        except BaseException:
            self._conn.rollback()
            raise
        self._conn.commit()

    def _begin(self) -> None:
        for attempt in range(1, WRITE_TRIES + 1):
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if not is_busy(exc):
                    raise
                log.info("%s: another program holds the write lock; waiting again (%d of %d)", self.path, attempt,
                         WRITE_TRIES)
        raise StoreBusy(f"{self.path}: another program held the database's write lock for over "
                        f"{WRITE_TRIES * BUSY_MS // 1000} s; nothing stored was lost: run the command again")

    def close(self) -> None:
        self._conn.close()


def is_busy(exc: sqlite3.OperationalError) -> bool:
    """The database is locked by another connection (as opposed to broken, full or read-only)."""
    return exc.sqlite_errorname.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc)


def unwritable(path: Path) -> str | None:
    """Why nothing can be written at `path` (a read-only filesystem, a folder or file this user
    may not write), or None. SQLite says only "unable to open database file" or "attempt to
    write a readonly database"; a WAL database also needs to create files beside itself."""
    folder = path.parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return f"the folder {str(folder)!r} is on a read-only filesystem"
    except (AttributeError, OSError):  # no statvfs (Windows), or the folder is gone: access() tells
        pass
    if not os.access(folder, os.W_OK):
        return f"the folder {str(folder)!r} is not writable by this user"
    if path.exists() and not os.access(path, os.W_OK):
        return "the file is read-only"
    return None
