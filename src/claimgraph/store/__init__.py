"""store: SQLite (WAL) with a versioned schema; schema.sql is the one place it is declared.

`Store` is what every other stage holds: its methods, grouped by concern in this package's
modules, own every SQL statement; `Database` is the one class that touches a connection.
`Store("postgresql://...")` is the same store on a PostgreSQL server (postgres.py): a
`PgDatabase` in place of `Database`, and PostgreSQL's full-text search in place of FTS5.
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from pathlib import Path
from typing import cast

from ..errors import StoreError
from . import schema
from .candidates import Candidates
from .custody import Custody, Verification
from .database import Database, is_busy
from .decisions import Decisions, Verdict
from .derived import PendingWork, Stale
from .documents import Documents
from .filtered import Filtered
from .listings import Listings
from .networks import Networks
from .pgsearch import PgSearch
from .postgres import PgDatabase, is_postgres
from .resolved import Resolved
from .results import Results
from .schema import SCHEMA_VERSION
from .search import Search, fts_query
from .speech import Speech

# What a locked or read-only database or a full disk raises while it is used.
DatabaseError = sqlite3.OperationalError


class Store(Documents, Search, Resolved, Results, Decisions, Listings, Speech, Filtered, Networks, Candidates, Custody):
    """A claimgraph database, opened read-only (reads never write) or for writing."""

    def __new__(cls, path: str | Path = "claimgraph.db", *, readonly: bool = False) -> Store:
        if cls is Store and is_postgres(path):
            return super().__new__(PgStore)
        return super().__new__(cls)

    def __init__(self, path: str | Path = "claimgraph.db", *, readonly: bool = False) -> None:
        # PgDatabase has Database's methods: the store's modules run on either.
        self.db = cast(Database, PgDatabase(str(path), readonly=readonly)) if is_postgres(path) else \
            Database(path, readonly=readonly)
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


class PgStore(PgSearch, Store):
    """A claimgraph database on a PostgreSQL server: Store with PostgreSQL's full-text search."""


__all__ = ["SCHEMA_VERSION", "Database", "DatabaseError", "PendingWork", "Stale", "Store", "Verdict",
           "Verification", "fts_query", "is_busy"]
