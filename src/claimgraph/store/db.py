"""The SQLite store: originals, locations, documents and everything extracted from them.

Everything below `documents` is derived and can be rebuilt from `originals` (reprocess).
Rows come back as plain dicts so the faces can print or serialise them directly.
"""

from __future__ import annotations

import json
import sqlite3
from array import array
from collections.abc import Iterator
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import NotFound, StoreError
from ..model import Extraction, Location, Source

SCHEMA_VERSION = 1


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _schema() -> str:
    return resources.files("claimgraph.store").joinpath("schema.sql").read_text(encoding="utf-8")


def fts_query(q: str, prefix: bool = True) -> str:
    """A user's words as an FTS5 query: each word must match, as a prefix (or exactly); no FTS syntax errors."""
    words = [w for w in "".join(ch if ch.isalnum() else " " for ch in q).split() if w]
    star = "*" if prefix else ""
    return " ".join(f'"{w}"{star}' for w in words)


class Store:
    def __init__(self, path: str | Path = "claimgraph.db", *, readonly: bool = False) -> None:
        self.readonly = readonly
        self.path = str(path)
        p = Path(self.path)
        # sqlite3 says only "unable to open database file" for all of these: name the cause.
        if p.is_dir():
            raise StoreError(f"{self.path}: is a folder, not a database file")
        if readonly and not p.exists():
            raise StoreError(f"{self.path}: no such database (ingest something first)")
        if not readonly and not p.parent.exists():
            raise StoreError(f"{self.path}: the folder {str(p.parent)!r} does not exist")
        try:
            if readonly:
                from urllib.request import pathname2url

                uri = f"file:{pathname2url(str(p.resolve()))}?mode=ro"  # quoted: '?' or '#' in a name
                self.conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            else:
                self.conn = sqlite3.connect(self.path, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the database ({exc})") from None
        try:
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            # Fails on a file that is not SQLite at all, before anything is written to it.
            self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if not readonly:
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                self._migrate()
            else:
                self._check_version()
        except sqlite3.OperationalError as exc:
            self.conn.close()
            raise StoreError(f"{self.path}: cannot use the database ({exc})") from None
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(f"{self.path}: not a claimgraph database ({exc})") from None
        except StoreError:
            self.conn.close()
            raise

    # -- schema -----------------------------------------------------------------------------

    def _version(self) -> int | None:
        """The schema version written in the file; None for an empty file; StoreError for a
        SQLite database that some other program made."""
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            return None
        if "meta" not in tables:
            raise StoreError(f"{self.path}: a SQLite database, but not claimgraph's (it has no meta table)")
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None or not str(row[0]).isdigit():
            raise StoreError(f"{self.path}: a SQLite database, but not claimgraph's (no schema version)")
        return int(row[0])

    def _refuse_newer(self, found: int) -> None:
        if found > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: made by a newer claimgraph (schema version {found}, this one reads "
                             f"{SCHEMA_VERSION}): upgrade claimgraph")

    def _check_version(self) -> None:
        found = self._version()
        if found is None:
            raise StoreError(f"{self.path}: an empty database (ingest something first)")
        self._refuse_newer(found)
        if found < SCHEMA_VERSION:
            raise StoreError(f"{self.path}: schema version {found}, older than this claimgraph's {SCHEMA_VERSION}: "
                             "open it once for writing (e.g. `claimgraph reprocess`) to upgrade it")

    def _migrate(self) -> None:
        found = self._version()
        if found is not None:
            self._refuse_newer(found)
        # Version 1 is the first: every later version adds its migration step here, before the
        # idempotent CREATE ... IF NOT EXISTS script.
        self.conn.executescript(_schema())
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES ('schema_version', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (str(SCHEMA_VERSION),),
        )
        self.conn.commit()

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------------------

    def put_original(self, source: Source, sha256: str | None = None) -> str:
        sha = sha256 or source.sha256
        self.conn.execute(
            "INSERT OR IGNORE INTO originals(sha256, size, media_type, data, first_seen) VALUES (?,?,?,?,?)",
            (sha, len(source.data), source.media_type, source.data, _now()),
        )
        self.add_location(sha, source.location)
        return sha

    def add_location(self, sha256: str, loc: Location) -> bool:
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO locations(sha256, uri, kind, captured_at, container) VALUES (?,?,?,?,?)",
            (sha256, loc.uri, loc.kind, loc.captured_at, loc.container),
        )
        return cur.rowcount > 0

    def is_current(self, sha256: str, pipeline: str) -> bool:
        row = self.conn.execute("SELECT pipeline FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return bool(row) and row[0] == pipeline

    def has_original(self, sha256: str) -> bool:
        return self.conn.execute("SELECT 1 FROM originals WHERE sha256 = ?", (sha256,)).fetchone() is not None

    def record_error(self, name: str, reason: str, stage: str = "ingest") -> None:
        self.conn.execute("INSERT INTO errors(input, reason, stage, at) VALUES (?,?,?,?)", (name, reason, stage, _now()))

    def save_extraction(self, x: Extraction, pipeline: str) -> int:
        """Replace everything derived from this document with the new extraction."""
        c = self.conn
        d = x.document
        row = c.execute("SELECT id FROM documents WHERE sha256 = ?", (d.sha256,)).fetchone()
        payload = x.to_json(include_text=False)
        values = (d.sha256, x.source, d.format, d.title, d.author, d.publisher, d.published, d.url, d.language, x.text,
                  x.encoding, x.bom, array("i", x.offsets).tobytes(), json.dumps(payload["flags"]),
                  json.dumps(payload, ensure_ascii=False), pipeline, _now())
        columns = ("sha256, source, format, title, author, publisher, published, url, language, text, encoding, bom,"
                   " offsets, flags, extraction, pipeline, processed_at")
        if row:
            # Rebuilt in place: the document keeps its id, so links to it (web pages, the resolve
            # stage's tables) stay valid across `reprocess`.
            doc_id = int(row[0])
            self._delete_derived(doc_id)
            c.execute(f"UPDATE documents SET ({columns}) = ({','.join('?' * len(values))}) WHERE id = ?",
                      (*values, doc_id))
        else:
            cur = c.execute(f"INSERT INTO documents({columns}) VALUES ({','.join('?' * len(values))})", values)
            doc_id = int(cur.lastrowid or 0)
        # OR REPLACE: SQLite reuses the rowids of deleted rows, and a stale index row left by a hand
        # edit or an older bug must not stop a document from being stored.
        c.execute("INSERT OR REPLACE INTO documents_fts(rowid, title, text) VALUES (?,?,?)", (doc_id, d.title or "", x.text))
        for e in x.entities:
            ecur = c.execute(
                "INSERT INTO entities(document_id, local_id, name, type, aliases, roles, merges, n_mentions)"
                " VALUES (?,?,?,?,?,?,?,?)",
                (doc_id, e.id, e.name, e.type, json.dumps(e.aliases), json.dumps(e.roles), json.dumps(e.merges),
                 len(e.mentions)),
            )
            c.executemany("INSERT INTO mentions(entity_id, start, end) VALUES (?,?,?)",
                          [(ecur.lastrowid, a, b) for a, b in e.mentions])
        for q in x.quotes:
            s = q.speaker
            qcur = c.execute(
                "INSERT INTO quotes(document_id, local_id, kind, text, start, end, cue, medium, speaker_name,"
                " speaker_text, speaker_entity, speaker_method, reported_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc_id, q.id, q.kind, q.text, q.span[0], q.span[1], q.cue, q.medium, s and s.name, s and s.text,
                 s and s.entity, s and s.method, q.reported_by),
            )
            c.execute("INSERT OR REPLACE INTO quotes_fts(rowid, text, speaker) VALUES (?,?,?)",
                      (qcur.lastrowid, q.text, (s and s.name) or ""))
        for cl in x.claims:
            cm = cl.claimant
            ccur = c.execute(
                "INSERT INTO claims(document_id, local_id, kind, text, start, end, value, low, high, qualifier, counted,"
                " event, time, time_inferred, place, claimant_name, claimant_entity, claimant_basis)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc_id, cl.id, cl.kind, cl.text, cl.span[0], cl.span[1], cl.value, cl.low, cl.high, cl.qualifier,
                 cl.counted, cl.event, cl.time, int(cl.time_inferred), cl.place, cm and cm.name, cm and cm.entity,
                 cm and cm.basis),
            )
            c.execute("INSERT OR REPLACE INTO claims_fts(rowid, text, counted, event, claimant) VALUES (?,?,?,?,?)",
                      (ccur.lastrowid, cl.text, cl.counted or "", cl.event or "", (cm and cm.name) or ""))
        now = _now()
        c.executemany(
            "INSERT INTO processing_runs(sha256, step, tool, version, detail, at) VALUES (?,?,?,?,?,?)",
            [(d.sha256, s.name, s.tool, s.version, s.detail, now) for s in x.steps],
        )
        return doc_id

    def _delete_derived(self, doc_id: int) -> None:
        """Everything extracted from a document, not the document row itself."""
        c = self.conn
        c.execute("DELETE FROM quotes_fts WHERE rowid IN (SELECT id FROM quotes WHERE document_id = ?)", (doc_id,))
        c.execute("DELETE FROM claims_fts WHERE rowid IN (SELECT id FROM claims WHERE document_id = ?)", (doc_id,))
        c.execute("DELETE FROM documents_fts WHERE rowid = ?", (doc_id,))
        for table in ("quotes", "claims", "entities"):  # entities cascade to mentions
            c.execute(f"DELETE FROM {table} WHERE document_id = ?", (doc_id,))

    def commit(self) -> None:
        self.conn.commit()

    # -- reading ----------------------------------------------------------------------------

    def _rows(self, sql: str, args: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(sql, args)]

    def iter_originals(self) -> Iterator[tuple[str, bytes, dict[str, Any]]]:
        """(sha256, bytes, first location) for every original, one at a time."""
        shas = [r[0] for r in self.conn.execute("SELECT sha256 FROM originals ORDER BY first_seen, sha256")]
        for sha in shas:
            row = self.conn.execute("SELECT data, media_type FROM originals WHERE sha256 = ?", (sha,)).fetchone()
            loc = self.conn.execute("SELECT * FROM locations WHERE sha256 = ? ORDER BY id LIMIT 1", (sha,)).fetchone()
            yield sha, bytes(row[0]), {**(dict(loc) if loc else {}), "media_type": row[1]}

    def count(self, table: str) -> int:
        if table not in {"originals", "locations", "documents", "entities", "quotes", "claims", "errors"}:
            raise ValueError(table)
        return int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def stats(self) -> dict[str, int]:
        return {t: self.count(t) for t in ("documents", "locations", "entities", "quotes", "claims", "errors")}

    def documents(self, limit: int = 50, offset: int = 0, publisher: str | None = None,
                  newest_first: bool = False) -> list[dict[str, Any]]:
        where, args = ("WHERE d.publisher = ?", (publisher,)) if publisher else ("", ())
        order = "DESC" if newest_first else ""
        # The page of ids is picked first (on the rowid) so the per-document counts are computed
        # for that page only, whatever plan SQLite chooses for the outer query.
        return self._rows(
            "SELECT d.id, d.sha256, d.title, d.publisher, d.published, d.url, d.format, d.source, d.language,"
            " (SELECT count(*) FROM quotes q WHERE q.document_id = d.id) AS n_quotes,"
            " (SELECT count(*) FROM claims c WHERE c.document_id = d.id) AS n_claims,"
            " (SELECT count(*) FROM entities e WHERE e.document_id = d.id) AS n_entities"
            f" FROM (SELECT id FROM documents d {where} ORDER BY d.id {order} LIMIT ? OFFSET ?) page"
            f" JOIN documents d ON d.id = page.id ORDER BY d.id {order}",
            (*args, limit, offset),
        )

    def count_documents(self, publisher: str | None = None) -> int:
        if publisher:
            return int(self.conn.execute("SELECT count(*) FROM documents WHERE publisher = ?", (publisher,)).fetchone()[0])
        return self.count("documents")

    def publisher_counts(self) -> list[dict[str, Any]]:
        return self._rows("SELECT publisher, count(*) AS n_documents FROM documents WHERE publisher IS NOT NULL"
                          " GROUP BY publisher ORDER BY n_documents DESC, publisher")

    def claim_local_ids(self, ids: list[int]) -> dict[int, str]:
        """Claim row id -> its id within its document (the anchor on the document's page)."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        return {int(r[0]): str(r[1]) for r in self.conn.execute(
            f"SELECT id, local_id FROM claims WHERE id IN ({marks})", tuple(ids))}

    def entity_row(self, entity_id: int) -> dict[str, Any]:
        """One per-document entity by its row id (as Store.entities returns it)."""
        rows = self._rows("SELECT e.*, d.sha256, d.title, d.publisher, d.published FROM entities e"
                          " JOIN documents d ON d.id = e.document_id WHERE e.id = ?", (entity_id,))
        if not rows:
            raise NotFound(f"no entity {entity_id}")
        r = rows[0]
        for k in ("aliases", "roles", "merges"):
            r[k] = json.loads(r[k])
        return r

    def resolve_document(self, ref: str | int) -> dict[str, Any]:
        """A document by numeric id or by (a prefix of) its SHA-256."""
        s = str(ref)
        if s.isdigit() and len(s) < 12:
            row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (int(s),)).fetchone()
        else:
            rows = self.conn.execute("SELECT * FROM documents WHERE sha256 LIKE ? LIMIT 2", (s.lower() + "%",)).fetchall()
            if len(rows) > 1:
                raise NotFound(f"document {s!r} is ambiguous: give more of its SHA-256")
            row = rows[0] if rows else None
        if row is None:
            raise NotFound(f"no document {s!r}")
        out = dict(row)
        out["offsets"] = array("i", out["offsets"]).tolist() if out.get("offsets") else []
        out["flags"] = json.loads(out["flags"])
        out["extraction"] = json.loads(out["extraction"])
        return out

    def locations(self, sha256: str) -> list[dict[str, Any]]:
        return self._rows("SELECT uri, kind, captured_at, container FROM locations WHERE sha256 = ? ORDER BY id", (sha256,))

    def runs(self, sha256: str) -> list[dict[str, Any]]:
        return self._rows("SELECT step, tool, version, detail, at FROM processing_runs WHERE sha256 = ? ORDER BY id",
                          (sha256,))

    def original(self, sha256: str) -> tuple[bytes, str | None]:
        row = self.conn.execute("SELECT data, media_type FROM originals WHERE sha256 = ?", (sha256,)).fetchone()
        if row is None:
            raise NotFound(f"no original {sha256}")
        return bytes(row[0]), row[1]

    def original_span(self, doc: dict[str, Any] | str | int, span: tuple[int, int]) -> tuple[int, int]:
        """Byte offsets in the stored original of a span of a document's clean text, so that
        `original[a:b].decode(doc["encoding"])` is the source text the span was read from.
        `doc` is a row from resolve_document() or a reference to one. Plain text only: HTML and
        PDF text is extracted, not decoded, and has no byte positions."""
        from ..ingest import clean_to_byte_span

        row = doc if isinstance(doc, dict) else self.resolve_document(doc)
        encoding, offsets = row.get("encoding"), row.get("offsets") or []
        if not encoding:
            raise NotFound(f"document {row.get('id')} is {row.get('format') or 'extracted'} text: its spans have no "
                           "byte positions in the original")
        start, end = span
        if not 0 <= start <= end < len(offsets):
            raise NotFound(f"span {start}-{end} is outside document {row.get('id')}")
        data, _ = self.original(row["sha256"])
        return clean_to_byte_span(data, encoding, int(row.get("bom") or 0), offsets, span)

    def errors(self, limit: int = 100) -> list[dict[str, Any]]:
        return self._rows("SELECT input, reason, stage, at FROM errors ORDER BY id DESC LIMIT ?", (limit,))

    def _listing(self, select: str, filters: list[tuple[str, tuple[Any, ...]]], order: str, limit: int,
                 offset: int) -> list[dict[str, Any]]:
        """Rows of `select`, narrowed by every (SQL condition, arguments) in filters."""
        clause = ("WHERE " + " AND ".join(sql for sql, _ in filters)) if filters else ""
        args = [a for _, values in filters for a in values]
        return self._rows(f"{select} {clause} ORDER BY {order} LIMIT ? OFFSET ?", (*args, limit, offset))

    def quotes(self, speaker: str | None = None, document_id: int | None = None, limit: int = 100,
               offset: int = 0) -> list[dict[str, Any]]:
        filters: list[tuple[str, tuple[Any, ...]]] = []
        if speaker:
            filters.append(("(q.speaker_name LIKE ? OR q.speaker_text LIKE ?)", (f"%{speaker}%",) * 2))
        if document_id is not None:
            filters.append(("q.document_id = ?", (document_id,)))
        return self._listing(
            "SELECT q.*, d.sha256, d.title, d.publisher, d.published FROM quotes q JOIN documents d ON d.id = q.document_id",
            filters, "q.document_id, q.start", limit, offset)

    def entities(self, name: str | None = None, type_: str | None = None, document_id: int | None = None,
                 limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        filters: list[tuple[str, tuple[Any, ...]]] = []
        if name:
            filters.append(("(e.name LIKE ? OR e.aliases LIKE ?)", (f"%{name}%",) * 2))
        if type_:
            filters.append(("e.type = ?", (type_.upper(),)))
        if document_id is not None:
            filters.append(("e.document_id = ?", (document_id,)))
        rows = self._listing("SELECT e.*, d.sha256, d.title FROM entities e JOIN documents d ON d.id = e.document_id",
                             filters, "e.n_mentions DESC, e.name", limit, offset)
        for r in rows:
            for k in ("aliases", "roles", "merges"):
                r[k] = json.loads(r[k])
        return rows

    def claims(self, counted: str | None = None, document_id: int | None = None, limit: int = 100,
               offset: int = 0) -> list[dict[str, Any]]:
        filters: list[tuple[str, tuple[Any, ...]]] = []
        if counted:
            filters.append(("(c.counted LIKE ? OR c.event LIKE ?)", (f"%{counted}%",) * 2))
        if document_id is not None:
            filters.append(("c.document_id = ?", (document_id,)))
        return self._listing(
            "SELECT c.*, d.sha256, d.title, d.publisher, d.published FROM claims c JOIN documents d ON d.id = c.document_id",
            filters, "c.document_id, c.start", limit, offset)

    # Ranking every match of a word that is in most documents costs a second at 100,000 documents;
    # only the newest SEARCH_WINDOW matches (by when they were stored) are ranked.
    SEARCH_WINDOW = 2000

    _SEARCH_SQL = {
        "documents_fts": "SELECT d.id, d.sha256, d.title, d.publisher, d.published,"
                         " snippet(documents_fts, 1, '[', ']', ' … ', 16) AS snippet"
                         " FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid"
                         " WHERE documents_fts MATCH ? AND documents_fts.rowid >= ? ORDER BY rank LIMIT ?",
        "quotes_fts": "SELECT q.id, q.document_id, q.local_id, q.kind, q.text, q.speaker_name, q.start, q.end,"
                      " d.sha256, d.title"
                      " FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid JOIN documents d ON d.id = q.document_id"
                      " WHERE quotes_fts MATCH ? AND quotes_fts.rowid >= ? ORDER BY rank LIMIT ?",
        "claims_fts": "SELECT c.id, c.document_id, c.local_id, c.text, c.low, c.high, c.qualifier, c.counted, c.event,"
                      " c.claimant_name, c.start, c.end, d.sha256, d.title"
                      " FROM claims_fts JOIN claims c ON c.id = claims_fts.rowid JOIN documents d ON d.id = c.document_id"
                      " WHERE claims_fts MATCH ? AND claims_fts.rowid >= ? ORDER BY rank LIMIT ?",
    }

    def _window(self, table: str, fq: str) -> int:
        """The lowest rowid among the newest SEARCH_WINDOW matches (0 when there are fewer)."""
        row = self.conn.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                                (fq, self.SEARCH_WINDOW - 1)).fetchone()
        return int(row[0]) if row else 0

    def _search(self, table: str, q: str, limit: int) -> list[dict[str, Any]]:
        # Whole words first: a prefix query makes FTS5 merge the lists of every word it could
        # complete to (80 ms for a common one at 100k documents), an exact one is a lookup.
        # Prefixes fill the rest when whole words find too few.
        rows: list[dict[str, Any]] = []
        seen: set[int] = set()
        for fq in dict.fromkeys((fts_query(q, prefix=False), fts_query(q))):
            if len(rows) >= limit:
                break
            for r in self._rows(self._SEARCH_SQL[table], (fq, self._window(table, fq), limit)):
                if r["id"] not in seen and len(rows) < limit:
                    seen.add(r["id"])
                    rows.append(r)
        return rows

    def search(self, q: str, limit: int = 20) -> dict[str, list[dict[str, Any]]]:
        """Texts, quotes (and speakers) and claims matching every word of q (whole words ranked
        first, then words it begins), best first."""
        if not fts_query(q):
            return {"documents": [], "quotes": [], "claims": []}
        return {"documents": self._search("documents_fts", q, limit), "quotes": self._search("quotes_fts", q, limit),
                "claims": self._search("claims_fts", q, limit)}
