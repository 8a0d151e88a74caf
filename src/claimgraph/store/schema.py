"""The schema's version and the steps that bring an older database up to it."""

from __future__ import annotations

import json
import logging
from importlib import resources

from ..errors import StoreError
from . import custody
from .database import Database

log = logging.getLogger(__name__)

SCHEMA_VERSION = 3
# Derived tables of version 1's resolve stage: rebuilt from scratch (they hold nothing a full
# resolve cannot make again; judgements and labels stay).
_V1_DERIVED = ("claim_members", "claim_groups", "entity_merges", "entity_members", "global_entities")


def schema() -> str:
    return resources.files("claimgraph.store").joinpath("schema.sql").read_text(encoding="utf-8")


def version(db: Database) -> int | None:
    """The schema version written in the file; None for an empty file; StoreError for a SQLite
    database that some other program made."""
    tables = db.tables()
    if not tables:
        return None
    if "meta" not in tables:
        raise StoreError(f"{db.path}: a SQLite database, but not claimgraph's (it has no meta table)")
    found = db.value("SELECT value FROM meta WHERE key = 'schema_version'")
    if found is None or not str(found).isdigit():
        raise StoreError(f"{db.path}: a SQLite database, but not claimgraph's (no schema version)")
    return int(found)


def _refuse_newer(db: Database, found: int) -> None:
    if found > SCHEMA_VERSION:
        raise StoreError(f"{db.path}: made by a newer claimgraph (schema version {found}, this one reads "
                         f"{SCHEMA_VERSION}): upgrade claimgraph")


def check(db: Database) -> None:
    """For a read-only opening: the file must be a current claimgraph database."""
    found = version(db)
    if found is None:
        raise StoreError(f"{db.path}: an empty database (ingest something first)")
    _refuse_newer(db, found)
    if found < SCHEMA_VERSION:
        raise StoreError(f"{db.path}: schema version {found}, older than this claimgraph's {SCHEMA_VERSION}: "
                         "open it once for writing (e.g. `claimgraph resolve`) to upgrade it")


def migrate(db: Database) -> None:
    """Create or upgrade the schema, in one transaction."""
    found = version(db)
    if found is not None:
        _refuse_newer(db, found)
    with db.transaction():
        if found == 1:
            _from_v1(db)
        if found is not None and found < 3:
            db.execute("ALTER TABLE errors RENAME TO errors_v2")  # remade with a row per input and reason
        db.script(schema())
        db.execute("INSERT INTO meta(key, value) VALUES ('schema_version', ?) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (str(SCHEMA_VERSION),))
        if found == 1:
            db.execute("INSERT OR IGNORE INTO resolve_pending(kind, ref) VALUES ('full', '')")
        if found is not None and found < 3:
            _from_v2(db)


def _from_v1(db: Database) -> None:
    """Version 2 stores every field of a claim (bound, unit, number text, the whole record) and
    keeps resolve's blocks and components for incremental updates."""
    log.info("%s: upgrading the schema from version 1 to 2", db.path)
    for table in _V1_DERIVED:
        db.execute(f"DROP TABLE IF EXISTS {table}")
    have = db.columns("claims")
    for column, decl in (("bound", "TEXT"), ("unit", "TEXT"), ("number_text", "TEXT"),
                         ("data", "TEXT NOT NULL DEFAULT '{}'")):
        if column not in have:
            db.execute(f"ALTER TABLE claims ADD COLUMN {column} {decl}")
    for doc in db.query("SELECT id, extraction FROM documents"):
        claims = json.loads(doc["extraction"]).get("claims") or []
        db.executemany("UPDATE claims SET bound = ?, unit = ?, number_text = ?, data = ? "
                       "WHERE document_id = ? AND local_id = ?",
                       [(c.get("bound"), c.get("unit"), c.get("number_text"), json.dumps(c, ensure_ascii=False),
                         doc["id"], c.get("id")) for c in claims])



def _from_v2(db: Database) -> None:
    """Version 3 keeps one error row per input and reason (with a count and when last seen) and
    starts the custody log, where every original already stored is entered as adopted."""
    db.execute("INSERT INTO errors(input, reason, stage, at, last_seen, count)"
               " SELECT input, reason, max(stage), min(at), max(at), count(*) FROM errors_v2 GROUP BY input, reason")
    db.execute("DROP TABLE errors_v2")
    log.info("%s: %d stored originals entered in the new custody log", db.path, custody.adopt_originals(db))
