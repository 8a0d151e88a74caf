"""store: SQLite (WAL) with a versioned schema; schema.sql is the one place it is declared."""

from .db import SCHEMA_VERSION, Store, fts_query

__all__ = ["SCHEMA_VERSION", "Store", "fts_query"]
