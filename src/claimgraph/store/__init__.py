"""store: SQLite (WAL) with a versioned schema; schema.sql is the one place it is declared.

`Store` is what every other stage holds: its methods, grouped by concern in this package's
modules, own every SQL statement; `Database` is the one class that touches a connection.
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from pathlib import Path

from ..errors import StoreError
from . import schema
from .custody import Custody, Verification
from .database import Database, is_busy
from .decisions import Decisions
from .derived import Derived, PendingWork, Stale
from .documents import Documents
from .resolved import Resolved
from .schema import SCHEMA_VERSION
from .search import Search, fts_query

# What a locked or read-only database or a full disk raises while it is used.
DatabaseError = sqlite3.OperationalError


class Store(Documents, Search, Resolved, Derived, Decisions, Custody):
    """A claimgraph database, opened read-only (reads never write) or for writing."""

    def __init__(self, path: str | Path = "claimgraph.db", *, readonly: bool = False) -> None:
        self.db = Database(path, readonly=readonly)
        try:
            if readonly:
                schema.check(self.db)
            else:
                # Someone else's SQLite file is refused before anything (WAL mode included) is set on it.
                schema.version(self.db)
                self.db.use_wal()
                schema.migrate(self.db)
        except sqlite3.OperationalError as exc:
            self.db.close()
            raise StoreError(f"{self.db.path}: cannot use the database ({exc})") from None
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise StoreError(f"{self.db.path}: not a claimgraph database ({exc})") from None
        except Exception:
            self.db.close()
            raise

    @property
    def path(self) -> str:
        return self.db.path

    @property
    def readonly(self) -> bool:
        return self.db.readonly

    def transaction(self) -> AbstractContextManager[None]:
        """A block of writes kept or lost together (one document and its custody entries): it
        waits for another writer's lock before doing anything, and again, before StoreBusy."""
        return self.db.transaction()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["SCHEMA_VERSION", "Database", "DatabaseError", "PendingWork", "Stale", "Store", "Verification", "fts_query",
           "is_busy"]
