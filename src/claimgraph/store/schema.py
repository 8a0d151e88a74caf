"""The schema's version and the steps that bring an older database up to it."""

from __future__ import annotations

import json
import logging
from importlib import resources

from ..errors import StoreError
from ..resolution import group_summary
from . import custody, facets
from .database import Database
from .speech import QUOTE_MENTIONS

log = logging.getLogger(__name__)

# 4: verdicts on claim groups (a new table: the schema script creates it, no step needed).
# 5: quotes and claims keep how they were found (method); corrections keep who made them (author).
# 6: one error row per input and reason (a count, when last seen); the custody log.
# 7: running tallies of each listing's rows and facet values (facet_tallies), the entities each
#    quote names (quote_mentions), indexes by publisher that hold the facet columns, an index of
#    contradicted claim groups (new indexes: the schema script creates them).
SCHEMA_VERSION = 7
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
        if found in (1, 2) or found == 3 and "claims" in db.tables() and "publisher" not in db.columns("claims"):
            _from_v2(db)  # (a version 3 of the resolve branch had other columns: it gets these too)
        if found is not None and found < 5:
            _found_and_corrected(db)
        if found is not None and found < 6:
            db.execute("ALTER TABLE errors RENAME TO errors_v5")  # remade with a row per input and reason
        if found is not None and found < 7:
            for index in ("documents_publisher", "quotes_publisher", "claims_publisher"):  # widened, renamed
                db.execute(f"DROP INDEX IF EXISTS {index}")
        db.script(schema())
        db.execute("INSERT INTO meta(key, value) VALUES ('schema_version', ?) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (str(SCHEMA_VERSION),))
        if found == 1:
            db.execute("INSERT OR IGNORE INTO resolve_pending(kind, ref) VALUES ('full', '')")
        if found is not None and found < 6:
            _errors_and_custody(db)
        if found is not None and found < 7:
            _tallies_and_quote_mentions(db)


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


# Columns version 5 adds, and what fills them in rows stored before it. Each is added only when
# missing, so the step can run in any order with other steps that reach the same version.
_V3_COLUMNS = {"quotes": (("method", "TEXT"), ("confidence", "REAL")),
               "claims": (("method", "TEXT"), ("confidence", "REAL")),
               "corrections": (("author", "TEXT"),)}


def _found_and_corrected(db: Database) -> None:
    """Version 5 keeps each quote's and claim's method (and confidence, where version 3 did not) beside it (for listings
    that hide the weak ones), and who made each correction."""
    log.info("%s: upgrading the schema to version 5", db.path)
    added: set[str] = set()
    for table, columns in _V3_COLUMNS.items():
        if table not in db.tables():
            continue
        have = db.columns(table)
        for column, decl in columns:
            if column not in have:
                db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {decl}")
                added.add(table)
    if "claims" in added:
        db.execute("UPDATE claims SET method = json_extract(data, '$.method'),"
                   " confidence = json_extract(data, '$.confidence')")
    if "quotes" in added:
        for doc in db.query("SELECT id, extraction FROM documents WHERE id IN (SELECT document_id FROM quotes)"):
            db.executemany("UPDATE quotes SET method = ?, confidence = ? WHERE document_id = ? AND local_id = ?",
                           [(q.get("method"), q.get("confidence"), doc["id"], q.get("id"))
                            for q in json.loads(doc["extraction"]).get("quotes") or []])


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


def _errors_and_custody(db: Database) -> None:
    """Version 6 keeps one error row per input and reason (with a count and when last seen) and
    starts the custody log, where every original already stored is entered as adopted."""
    db.execute("INSERT INTO errors(input, reason, stage, at, last_seen, count)"
               " SELECT input, reason, max(stage), min(at), max(at), count(*) FROM errors_v5 GROUP BY input, reason")
    db.execute("DROP TABLE errors_v5")
    log.info("%s: %d stored originals entered in the new custody log", db.path, custody.adopt_originals(db))


def _tallies_and_quote_mentions(db: Database) -> None:
    """Version 7 reads an unfiltered listing's total and facets from tallies kept by the writes,
    and who-said-what-about-whom from the entities each quote names, found once when stored."""
    log.info("%s: upgrading the schema to version 7 (tallies, the entities quotes name)", db.path)
    facets.rebuild(db)
    db.execute("DELETE FROM quote_mentions")
    db.execute(QUOTE_MENTIONS)
