"""The schema's version and the steps that bring an older database up to it."""

from __future__ import annotations

import json
import logging
from importlib import resources

from ..errors import StoreError
from ..resolution import group_summary
from .database import Database

log = logging.getLogger(__name__)

# 4: verdicts on claim groups (a new table: the schema script creates it, no step needed).
SCHEMA_VERSION = 4
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
        if found in (1, 2):
            _from_v2(db)
        db.script(schema())
        db.execute("INSERT INTO meta(key, value) VALUES ('schema_version', ?) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (str(SCHEMA_VERSION),))
        if found == 1:
            db.execute("INSERT OR IGNORE INTO resolve_pending(kind, ref) VALUES ('full', '')")


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
    """Version 3 keeps each claim group's summary (the group without its claims) beside it, so
    that listings of groups do not read every claim of every group, and beside each quote and
    claim its confidence and its document's publisher and date, so that listings filter and
    count on them."""
    for table in ("quotes", "claims"):
        if table not in db.tables():
            continue
        have = db.columns(table)
        for column in ("confidence REAL", "publisher TEXT", "published TEXT"):
            if column.split()[0] not in have:
                db.execute(f"ALTER TABLE {table} ADD COLUMN {column}")
        db.execute(f"UPDATE {table} SET (publisher, published) ="
                   f" (SELECT publisher, published FROM documents d WHERE d.id = {table}.document_id)")
    if "claims" in db.tables():
        db.execute("UPDATE claims SET confidence = json_extract(data, '$.confidence')")
    if "quotes" in db.tables():
        for doc in db.query("SELECT id, extraction FROM documents WHERE id IN (SELECT document_id FROM quotes)"):
            db.executemany("UPDATE quotes SET confidence = ? WHERE document_id = ? AND local_id = ?",
                           [(q.get("confidence"), doc["id"], q.get("id"))
                            for q in json.loads(doc["extraction"]).get("quotes") or []])
    if "claim_groups" in db.tables() and "summary" not in db.columns("claim_groups"):
        db.execute("ALTER TABLE claim_groups ADD COLUMN summary TEXT")
        for r in db.query("SELECT id, data FROM claim_groups"):
            db.execute("UPDATE claim_groups SET summary = ? WHERE id = ?",
                       (json.dumps(group_summary(json.loads(r["data"])), ensure_ascii=False), r["id"]))
