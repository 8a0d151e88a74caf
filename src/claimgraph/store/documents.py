"""Originals, where they were found, documents and everything extracted from them.

Everything below `documents` is derived and can be rebuilt from `originals` (reprocess). Each
document write also records, in the same transaction, the cross-document work it leaves to
resolve (resolve_pending), so a crash between the two never leaves stale results unnoticed.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Callable, Iterator
from typing import Any

from ..clock import now
from ..errors import InputError, NotFound
from ..ingest import clean_to_byte_span
from ..model import Extraction, Location, Source
from . import custody, facets
from .database import Database
from .speech import QUOTE_MENTIONS

MIN_PREFIX = 8  # hexadecimal characters of a SHA-256 that name a document
HEX = frozenset("0123456789abcdef")
_WITHOUT_OFFSETS = ("id, sha256, source, format, title, author, publisher, published, url, language, text, encoding,"
                    " bom, flags, extraction, pipeline, processed_at")
COUNTED = ("originals", "locations", "documents", "entities", "quotes", "claims", "errors")


def _confident(alias: str, min_confidence: float | None) -> list[tuple[str, tuple[Any, ...]]]:
    """The filter that hides what extract was less sure of than `min_confidence` (items of unknown
    confidence, stored before it was kept, stay)."""
    if not min_confidence:
        return []
    return [(f"({alias}.confidence IS NULL OR {alias}.confidence >= ?)", (min_confidence,))]


class Documents:
    """Reading and writing documents and their extractions."""

    db: Database
    corrected: Callable[[str, dict[str, Any]], tuple[list[dict[str, Any]], list[dict[str, Any]]]]  # Decisions

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

    def has_error(self, name: str, reason: str) -> bool:
        return self.db.value("SELECT 1 FROM errors WHERE input = ? AND reason = ? LIMIT 1", (name, reason)) is not None

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
            facets.tally(db, "documents", "id = ?", (doc_id,), -1)
            db.execute(f"UPDATE documents SET ({columns}) = ({marks}) WHERE id = ?", (*values, doc_id))
        else:
            doc_id = db.execute(f"INSERT INTO documents({columns}) VALUES ({marks})", values)
        facets.tally(db, "documents", "id = ?", (doc_id,), 1)
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
        self._write_items(doc_id, d.sha256, payload)
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

    def _write_items(self, doc_id: int, sha256: str, extraction: dict[str, Any]) -> None:
        """A document's quotes and claims rows: its extraction (JSON) with people's corrections
        applied (claimgraph.corrections), so that every listing, search and resolve reads them."""
        db = self.db
        quotes, claims = self.corrected(sha256, extraction)
        # the document's publisher and date, copied: listings filter and count on them
        doc = db.row("SELECT publisher, published FROM documents WHERE id = ?", (doc_id,)) or {}
        pub, date = doc.get("publisher"), doc.get("published")
        for q in quotes:
            s = q.get("speaker") or {}
            span = q["span"]
            qid = db.execute(
                "INSERT INTO quotes(document_id, local_id, kind, text, start, end, cue, medium, speaker_name,"
                " speaker_text, speaker_entity, speaker_method, reported_by, method, confidence, publisher, published)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc_id, q["id"], q["kind"], q["text"], span[0], span[1], q.get("cue"), q.get("medium"), s.get("name"),
                 s.get("text"), s.get("entity"), s.get("method"), q.get("reported_by"), q.get("method"),
                 q.get("confidence"), pub, date))
            db.execute("INSERT OR REPLACE INTO quotes_fts(rowid, text, speaker) VALUES (?,?,?)",
                       (qid, q["text"], s.get("name") or ""))
        for cl in claims:
            cm = cl.get("claimant") or {}
            span = cl["span"]
            cid = db.execute(
                "INSERT INTO claims(document_id, local_id, kind, text, start, end, value, low, high, qualifier, counted,"
                " event, time, time_inferred, place, claimant_name, claimant_entity, claimant_basis, bound, unit,"
                " number_text, data, method, confidence, publisher, published)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc_id, cl["id"], cl["kind"], cl["text"], span[0], span[1], cl.get("value"), cl.get("low"),
                 cl.get("high"), cl.get("qualifier"), cl.get("counted"), cl.get("event"), cl.get("time"),
                 int(bool(cl.get("time_inferred"))), cl.get("place"), cm.get("name"), cm.get("entity"),
                 cm.get("basis"), cl.get("bound"), cl.get("unit"), cl.get("number_text"),
                 json.dumps(cl, ensure_ascii=False), cl.get("method"), cl.get("confidence"), pub, date))
            db.execute("INSERT OR REPLACE INTO claims_fts(rowid, text, counted, event, claimant) VALUES (?,?,?,?,?)",
                       (cid, cl["text"], cl.get("counted") or "", cl.get("event") or "", cm.get("name") or ""))
        for listing in ("quotes", "claims"):
            facets.tally(db, listing, "document_id = ?", (doc_id,), 1)
        db.execute(QUOTE_MENTIONS + " WHERE q.document_id = ?", (doc_id,))

    def _recorrect(self, sha256: str) -> None:
        """Write a stored document's quotes and claims rows again with its corrections, and leave
        resolve the document and the claim groups it was in."""
        doc = self.db.row("SELECT id, extraction FROM documents WHERE sha256 = ?", (sha256,))
        if doc is None:
            return  # kept for when the document is stored
        self._forget_items(doc["id"])
        self._write_items(doc["id"], sha256, json.loads(doc["extraction"]))
        self.db.execute("INSERT OR IGNORE INTO resolve_pending(kind, ref) VALUES ('document', ?)", (str(doc["id"]),))
        self.db.execute("INSERT INTO meta(key, value) VALUES ('generation', '1')"
                        " ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1")

    def _forget_items(self, doc_id: int) -> None:
        """A document's quotes and claims rows (not its entities), leaving resolve to repair the
        claim groups they were in and the sizes of their blocks."""
        db = self.db
        db.execute("INSERT OR IGNORE INTO resolve_pending(kind, ref) SELECT DISTINCT 'group', m.group_id"
                   " FROM claim_members m JOIN claims c ON c.id = m.claim_id WHERE c.document_id = ?", (doc_id,))
        db.execute("INSERT OR IGNORE INTO resolve_pending(kind, ref) SELECT DISTINCT 'claim-block', b.block"
                   " FROM claim_blocks b JOIN claims c ON c.id = b.claim_id WHERE c.document_id = ?", (doc_id,))
        db.execute("DELETE FROM quotes_fts WHERE rowid IN (SELECT id FROM quotes WHERE document_id = ?)", (doc_id,))
        db.execute("DELETE FROM claims_fts WHERE rowid IN (SELECT id FROM claims WHERE document_id = ?)", (doc_id,))
        for table in ("quotes", "claims"):
            facets.tally(db, table, "document_id = ?", (doc_id,), -1)
            db.execute(f"DELETE FROM {table} WHERE document_id = ?", (doc_id,))  # cascades to quote_mentions

    def _forget_derived(self, doc_id: int) -> None:
        """Everything extracted from a document, not the document row itself. The groups and
        entities its claims and names belonged to, and the sizes of its claims' blocks, are left
        for resolve to repair."""
        db = self.db
        self._forget_items(doc_id)
        db.execute("INSERT OR IGNORE INTO resolve_pending(kind, ref) SELECT DISTINCT 'entity', m.global_id"
                   " FROM entity_members m JOIN entities e ON e.id = m.entity_id WHERE e.document_id = ?", (doc_id,))
        db.execute("DELETE FROM documents_fts WHERE rowid = ?", (doc_id,))
        db.execute("DELETE FROM entities WHERE document_id = ?", (doc_id,))  # cascades to mentions and members

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

    def resolve_document(self, ref: str | int, offsets: bool = True, as_extracted: bool = False) -> dict[str, Any]:
        """A document by numeric id or by (a prefix of) its SHA-256, its quotes and claims as people
        corrected them (as extract made them: `as_extracted`); without its offset map back to the
        original when `offsets` is False (a 2 MB text's map is 8 MB of integers)."""
        s = str(ref).strip()
        cols = "*" if offsets else _WITHOUT_OFFSETS
        if s.isascii() and s.isdigit() and len(s) < 12:
            row = self.db.row(f"SELECT {cols} FROM documents WHERE id = ?", (int(s),))
        else:
            prefix = s.lower()
            if len(prefix) < MIN_PREFIX or not all(c in HEX for c in prefix):
                raise InputError(s[:80], f"a document is named by its number or by at least {MIN_PREFIX} hexadecimal"
                                 " characters of its SHA-256")
            # A range on the index, not LIKE: no character of the reference is a wildcard.
            rows = self.db.query(f"SELECT {cols} FROM documents WHERE sha256 >= ? AND sha256 < ? ORDER BY sha256"
                                 " LIMIT 2", (prefix, prefix + "g"))
            if len(rows) > 1:
                raise NotFound(f"document {s!r} is ambiguous: give more of its SHA-256")
            row = rows[0] if rows else None
        if row is None:
            raise NotFound(f"no document {s!r}")
        if offsets:
            row["offsets"] = array("i", row["offsets"]).tolist() if row.get("offsets") else []
        row["flags"] = json.loads(row["flags"])
        row["extraction"] = x = json.loads(row["extraction"])
        if not as_extracted:
            x["quotes"], x["claims"] = self.corrected(row["sha256"], x)
        return row

    def provenance(self, doc_ids: list[int]) -> dict[int, dict[str, Any]]:
        """Document id -> its SHA-256, URL, title, publisher, date and when it was first captured."""
        out: dict[int, dict[str, Any]] = {}
        ids = sorted(set(doc_ids))
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for r in self.db.query(
                    "SELECT d.id, d.sha256, d.url, d.title, d.publisher, d.published,"
                    " (SELECT min(l.captured_at) FROM locations l WHERE l.sha256 = d.sha256) AS captured_at"
                    f" FROM documents d WHERE d.id IN ({','.join('?' * len(chunk))})", chunk):
                out[int(r["id"])] = r
        return out

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
               offset: int = 0, min_confidence: float | None = None) -> list[dict[str, Any]]:
        filters: list[tuple[str, tuple[Any, ...]]] = _confident("q", min_confidence)
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
               offset: int = 0, min_confidence: float | None = None) -> list[dict[str, Any]]:
        filters: list[tuple[str, tuple[Any, ...]]] = _confident("c", min_confidence)
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
