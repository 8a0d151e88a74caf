"""Originals, where they were found, documents and everything extracted from them.

Everything below `documents` is derived and can be rebuilt from `originals` (reprocess). Each
document write also records, in the same transaction, the cross-document work it leaves to
resolve (resolve_pending), so a crash between the two never leaves stale results unnoticed.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Iterator
from typing import Any

from ..clock import now
from ..errors import NotFound
from ..ingest import clean_to_byte_span
from ..model import Extraction, Location, Source, plain
from . import custody
from .database import Database

COUNTED = ("originals", "locations", "documents", "entities", "quotes", "claims", "errors")


class Documents:
    """Reading and writing documents and their extractions."""

    db: Database

    # -- writing ----------------------------------------------------------------------------

    def put_original(self, source: Source, sha256: str | None = None) -> str:
        """Keep the unaltered bytes (once per content) and where this copy was found."""
        sha = sha256 or source.sha256
        if self.db.changes(
                "INSERT OR IGNORE INTO originals(sha256, size, media_type, data, first_seen) VALUES (?,?,?,?,?)",
                (sha, len(source.data), source.media_type, source.data, now())):
            custody.append(self.db, sha, "acquired", {"size": len(source.data), "media_type": source.media_type})
        self.add_location(sha, source.location)
        return sha

    def add_location(self, sha256: str, loc: Location) -> bool:
        """Record one more place the bytes were found; False when it was known."""
        added = self.db.changes(
            "INSERT OR IGNORE INTO locations(sha256, uri, kind, captured_at, container) VALUES (?,?,?,?,?)",
            (sha256, loc.uri, loc.kind, loc.captured_at, loc.container)) > 0
        if added:
            custody.append(self.db, sha256, "located", {"uri": loc.uri, "kind": loc.kind,
                                                        "captured_at": loc.captured_at, "container": loc.container})
        return added

    def is_current(self, sha256: str, pipeline: str) -> bool:
        return self.db.value("SELECT pipeline FROM documents WHERE sha256 = ?", (sha256,)) == pipeline

    def has_original(self, sha256: str) -> bool:
        return self.db.value("SELECT 1 FROM originals WHERE sha256 = ?", (sha256,)) is not None

    def record_error(self, name: str, reason: str, stage: str = "ingest") -> None:
        """One row per input and reason: meeting it again counts it and moves its last-seen time."""
        stamp = now()
        self.db.execute("INSERT INTO errors(input, reason, stage, at, last_seen) VALUES (?,?,?,?,?)"
                        " ON CONFLICT(input, reason) DO UPDATE SET count = count + 1, last_seen = excluded.last_seen,"
                        " stage = excluded.stage", (name, reason, stage, stamp, stamp))

    def save_extraction(self, x: Extraction, pipeline: str) -> int:
        """Replace everything derived from this document with the new extraction; the document
        keeps its id, so links to it stay valid across `reprocess`. Returns the id."""
        db = self.db
        d = x.document
        doc_id: int | None = db.value("SELECT id FROM documents WHERE sha256 = ?", (d.sha256,))
        payload = x.to_json(include_text=False)
        extraction = json.dumps(payload, ensure_ascii=False)
        values = (d.sha256, x.source, d.format, d.title, d.author, d.publisher, d.published, d.url, d.language, x.text,
                  x.encoding, x.bom, array("i", x.offsets).tobytes(), json.dumps(payload["flags"]),
                  extraction, pipeline, now())
        columns = ("sha256, source, format, title, author, publisher, published, url, language, text, encoding, bom,"
                   " offsets, flags, extraction, pipeline, processed_at")
        marks = ",".join("?" * len(values))
        replaced = doc_id is not None
        if doc_id is not None:
            self._forget_derived(doc_id)
            db.execute(f"UPDATE documents SET ({columns}) = ({marks}) WHERE id = ?", (*values, doc_id))
        else:
            doc_id = db.execute(f"INSERT INTO documents({columns}) VALUES ({marks})", values)
        # OR REPLACE: SQLite reuses the rowids of deleted rows, and a stale index row left by a hand
        # edit or an older bug must not stop a document from being stored.
        db.execute("INSERT OR REPLACE INTO documents_fts(rowid, title, text) VALUES (?,?,?)",
                   (doc_id, d.title or "", x.text))
        for e in x.entities:
            eid = db.execute(
                "INSERT INTO entities(document_id, local_id, name, type, aliases, roles, merges, n_mentions)"
                " VALUES (?,?,?,?,?,?,?,?)",
                (doc_id, e.id, e.name, e.type, json.dumps(e.aliases), json.dumps(e.roles), json.dumps(e.merges),
                 len(e.mentions)))
            db.executemany("INSERT INTO mentions(entity_id, start, end) VALUES (?,?,?)",
                           [(eid, a, b) for a, b in e.mentions])
        for q in x.quotes:
            s = q.speaker
            qid = db.execute(
                "INSERT INTO quotes(document_id, local_id, kind, text, start, end, cue, medium, speaker_name,"
                " speaker_text, speaker_entity, speaker_method, reported_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc_id, q.id, q.kind, q.text, q.span[0], q.span[1], q.cue, q.medium, s and s.name, s and s.text,
                 s and s.entity, s and s.method, q.reported_by))
            db.execute("INSERT OR REPLACE INTO quotes_fts(rowid, text, speaker) VALUES (?,?,?)",
                       (qid, q.text, (s and s.name) or ""))
        for cl in x.claims:
            cm = cl.claimant
            cid = db.execute(
                "INSERT INTO claims(document_id, local_id, kind, text, start, end, value, low, high, qualifier, counted,"
                " event, time, time_inferred, place, claimant_name, claimant_entity, claimant_basis, bound, unit,"
                " number_text, data) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc_id, cl.id, cl.kind, cl.text, cl.span[0], cl.span[1], cl.value, cl.low, cl.high, cl.qualifier,
                 cl.counted, cl.event, cl.time, int(cl.time_inferred), cl.place, cm and cm.name, cm and cm.entity,
                 cm and cm.basis, cl.bound, cl.unit, cl.number_text, json.dumps(plain(cl), ensure_ascii=False)))
            db.execute("INSERT OR REPLACE INTO claims_fts(rowid, text, counted, event, claimant) VALUES (?,?,?,?,?)",
                       (cid, cl.text, cl.counted or "", cl.event or "", (cm and cm.name) or ""))
        stamp = now()
        db.executemany("INSERT INTO processing_runs(sha256, step, tool, version, detail, at) VALUES (?,?,?,?,?,?)",
                       [(d.sha256, s.name, s.tool, s.version, s.detail, stamp) for s in x.steps])
        custody.append(db, d.sha256, "re-extracted" if replaced else "extracted", {
            "pipeline": pipeline, "extraction_sha256": custody.text_digest(extraction), "text_chars": len(x.text),
            "counts": {"entities": len(x.entities), "quotes": len(x.quotes), "claims": len(x.claims)},
            "steps": [{"name": s.name, "tool": s.tool, "version": s.version, "detail": s.detail} for s in x.steps]})
        db.execute("INSERT OR IGNORE INTO resolve_pending(kind, ref) VALUES ('document', ?)", (str(doc_id),))
        db.execute("INSERT INTO meta(key, value) VALUES ('generation', '1')"
                   " ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1")
        return doc_id

    def _forget_derived(self, doc_id: int) -> None:
        """Everything extracted from a document, not the document row itself. The components its
        entities and claims belonged to are left for resolve to recompute."""
        db = self.db
        db.execute("INSERT OR IGNORE INTO resolve_pending(kind, ref) SELECT DISTINCT 'claims', m.component"
                   " FROM claim_members m JOIN claims c ON c.id = m.claim_id WHERE c.document_id = ?", (doc_id,))
        db.execute("INSERT OR IGNORE INTO resolve_pending(kind, ref) SELECT DISTINCT 'claim-block', b.block"
                   " FROM claim_blocks b JOIN claims c ON c.id = b.claim_id WHERE c.document_id = ?", (doc_id,))
        db.execute("INSERT OR IGNORE INTO resolve_pending(kind, ref) SELECT DISTINCT 'entities', n.component"
                   " FROM entity_members m JOIN entities e ON e.id = m.entity_id"
                   " JOIN global_entities g ON g.id = m.global_id JOIN entity_nodes n ON n.global_id = g.id"
                   " WHERE e.document_id = ?", (doc_id,))
        db.execute("DELETE FROM quotes_fts WHERE rowid IN (SELECT id FROM quotes WHERE document_id = ?)", (doc_id,))
        db.execute("DELETE FROM claims_fts WHERE rowid IN (SELECT id FROM claims WHERE document_id = ?)", (doc_id,))
        db.execute("DELETE FROM documents_fts WHERE rowid = ?", (doc_id,))
        for table in ("quotes", "claims", "entities"):  # entities cascade to mentions and members
            db.execute(f"DELETE FROM {table} WHERE document_id = ?", (doc_id,))

    def commit(self) -> None:
        self.db.commit()

    # -- reading ----------------------------------------------------------------------------

    def iter_originals(self) -> Iterator[tuple[str, bytes, dict[str, Any]]]:
        """(sha256, bytes, first location) for every original, one at a time."""
        for sha in self.db.column("SELECT sha256 FROM originals ORDER BY first_seen, sha256"):
            row = self.db.row("SELECT data, media_type FROM originals WHERE sha256 = ?", (sha,)) or {}
            loc = self.db.row("SELECT * FROM locations WHERE sha256 = ? ORDER BY id LIMIT 1", (sha,))
            yield sha, bytes(row["data"]), {**(loc or {}), "media_type": row["media_type"]}

    def count(self, table: str) -> int:
        if table not in COUNTED:
            raise ValueError(table)
        return int(self.db.value(f"SELECT count(*) FROM {table}"))

    def stats(self) -> dict[str, int]:
        return {t: self.count(t) for t in ("documents", "locations", "entities", "quotes", "claims", "errors")}

    def documents(self, limit: int = 50, offset: int = 0, publisher: str | None = None,
                  newest_first: bool = False) -> list[dict[str, Any]]:
        where, args = ("WHERE d.publisher = ?", (publisher,)) if publisher else ("", ())
        order = "DESC" if newest_first else ""
        # The page of ids is picked first (on the rowid) so the per-document counts are computed
        # for that page only, whatever plan SQLite chooses for the outer query.
        return self.db.query(
            "SELECT d.id, d.sha256, d.title, d.publisher, d.published, d.url, d.format, d.source, d.language,"
            " (SELECT count(*) FROM quotes q WHERE q.document_id = d.id) AS n_quotes,"
            " (SELECT count(*) FROM claims c WHERE c.document_id = d.id) AS n_claims,"
            " (SELECT count(*) FROM entities e WHERE e.document_id = d.id) AS n_entities"
            f" FROM (SELECT id FROM documents d {where} ORDER BY d.id {order} LIMIT ? OFFSET ?) page"
            f" JOIN documents d ON d.id = page.id ORDER BY d.id {order}",
            (*args, limit, offset))

    def count_documents(self, publisher: str | None = None) -> int:
        if publisher:
            return int(self.db.value("SELECT count(*) FROM documents WHERE publisher = ?", (publisher,)))
        return self.count("documents")

    def publisher_counts(self) -> list[dict[str, Any]]:
        return self.db.query("SELECT publisher, count(*) AS n_documents FROM documents WHERE publisher IS NOT NULL"
                             " GROUP BY publisher ORDER BY n_documents DESC, publisher")

    def claim_local_ids(self, ids: list[int]) -> dict[int, str]:
        """Claim row id -> its id within its document (the anchor on the document's page)."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        return {int(r["id"]): str(r["local_id"])
                for r in self.db.query(f"SELECT id, local_id FROM claims WHERE id IN ({marks})", ids)}

    def claim_keys(self) -> dict[tuple[str, str], int]:
        """(document SHA-256, claim id within it) -> the claim's group, for every grouped claim."""
        return {(r["sha256"], r["local_id"]): r["group_id"] for r in self.db.query(
            "SELECT d.sha256, c.local_id, m.group_id FROM claim_members m JOIN claims c ON c.id = m.claim_id"
            " JOIN documents d ON d.id = c.document_id")}

    def entity_row(self, entity_id: int) -> dict[str, Any]:
        """One per-document entity by its row id (as Store.entities returns it)."""
        r = self.db.row("SELECT e.*, d.sha256, d.title, d.publisher, d.published FROM entities e"
                        " JOIN documents d ON d.id = e.document_id WHERE e.id = ?", (entity_id,))
        if r is None:
            raise NotFound(f"no entity {entity_id}")
        for k in ("aliases", "roles", "merges"):
            r[k] = json.loads(r[k])
        return r

    def resolve_document(self, ref: str | int) -> dict[str, Any]:
        """A document by numeric id or by (a prefix of) its SHA-256."""
        s = str(ref)
        if s.isdigit() and len(s) < 12:
            row = self.db.row("SELECT * FROM documents WHERE id = ?", (int(s),))
        else:
            rows = self.db.query("SELECT * FROM documents WHERE sha256 LIKE ? LIMIT 2", (s.lower() + "%",))
            if len(rows) > 1:
                raise NotFound(f"document {s!r} is ambiguous: give more of its SHA-256")
            row = rows[0] if rows else None
        if row is None:
            raise NotFound(f"no document {s!r}")
        row["offsets"] = array("i", row["offsets"]).tolist() if row.get("offsets") else []
        row["flags"] = json.loads(row["flags"])
        row["extraction"] = json.loads(row["extraction"])
        return row

    def locations(self, sha256: str) -> list[dict[str, Any]]:
        return self.db.query("SELECT uri, kind, captured_at, container FROM locations WHERE sha256 = ? ORDER BY id",
                             (sha256,))

    def runs(self, sha256: str) -> list[dict[str, Any]]:
        return self.db.query("SELECT step, tool, version, detail, at FROM processing_runs WHERE sha256 = ? ORDER BY id",
                             (sha256,))

    def original(self, sha256: str) -> tuple[bytes, str | None]:
        row = self.db.row("SELECT data, media_type FROM originals WHERE sha256 = ?", (sha256,))
        if row is None:
            raise NotFound(f"no original {sha256}")
        return bytes(row["data"]), row["media_type"]

    def original_span(self, doc: dict[str, Any] | str | int, span: tuple[int, int]) -> tuple[int, int]:
        """Byte offsets in the stored original of a span of a document's clean text, so that
        `original[a:b].decode(doc["encoding"])` is the source text the span was read from.
        `doc` is a row from resolve_document() or a reference to one. Plain text only: HTML and
        PDF text is extracted, not decoded, and has no byte positions."""
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
        """The latest failures: `at` is when each was first met, `count` how often since."""
        return self.db.query("SELECT input, reason, stage, at, last_seen, count FROM errors"
                             " ORDER BY last_seen DESC, id DESC LIMIT ?", (limit,))

    def _listing(self, select: str, filters: list[tuple[str, tuple[Any, ...]]], order: str, limit: int,
                 offset: int) -> list[dict[str, Any]]:
        """Rows of `select`, narrowed by every (SQL condition, arguments) in filters."""
        clause = ("WHERE " + " AND ".join(sql for sql, _ in filters)) if filters else ""
        args = [a for _, values in filters for a in values]
        return self.db.query(f"{select} {clause} ORDER BY {order} LIMIT ? OFFSET ?", (*args, limit, offset))

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
        rows = self._listing(
            "SELECT c.*, d.sha256, d.title, d.publisher, d.published FROM claims c JOIN documents d ON d.id = c.document_id",
            filters, "c.document_id, c.start", limit, offset)
        for r in rows:
            r.pop("data", None)  # the whole record is in the document's extraction
        return rows
