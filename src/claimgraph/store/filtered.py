"""Documents, quotes, claims, entities and claim groups as the filters (store/filters.py) keep
them, one row at a time: what exports stream and what listings page through.

Each read is an iterator over one SQL cursor, so a caller that writes each row as it comes holds
one row at a time, whatever the corpus. `limit=None` reads to the end.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, Literal

from .database import Database
from .filters import (
    Filters,
    Where,
    claim_where,
    document_where,
    entity_rows,
    entity_where,
    group_where,
    quote_where,
)

Kind = Literal["documents", "quotes", "claims", "entities", "groups"]

_DOCUMENT = ("d.id", "d.sha256", "d.title", "d.author", "d.publisher", "d.published", "d.url", "d.format", "d.language",
             "d.source", "d.pipeline", "d.processed_at")
_QUOTE = ("q.id", "d.sha256 AS document", "q.document_id", "q.local_id", "q.kind", "q.text", "q.start", "q.end", "q.cue",
          "q.medium", "q.speaker_name", "q.speaker_text", "q.speaker_method", "sm.global_id AS speaker_id",
          "q.reported_by", "d.title", "d.publisher", "d.published", "d.url")
_CLAIM = ("c.id", "d.sha256 AS document", "c.document_id", "c.local_id", "c.kind", "c.text", "c.start", "c.end",
          "c.value", "c.low", "c.high", "c.bound", "c.unit", "c.qualifier", "c.number_text", "c.counted", "c.event",
          "c.time", "c.time_inferred", "c.place", "c.claimant_name", "c.claimant_basis", "cm.global_id AS claimant_id",
          "json_extract(c.data, '$.method') AS method", "json_extract(c.data, '$.confidence') AS confidence",
          "cg.group_id", "d.title", "d.publisher", "d.published", "d.url")
_ENTITY = ("g.id", "g.name", "g.type", "g.aliases", "g.roles", "g.n_documents", "g.n_mentions")


def _names(select: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(expr.split(" AS ")[-1].split(".")[-1] for expr in select)


# The columns each filtered read gives, in order (what a CSV header names before any row comes).
COLUMNS: dict[str, tuple[str, ...]] = {"documents": _names(_DOCUMENT), "quotes": _names(_QUOTE),
                                       "claims": _names(_CLAIM), "entities": _names(_ENTITY)}

# The global entity a quote's speaker or a claim's claimant was resolved to, where there is one.
_SPEAKER = (" LEFT JOIN entities se ON se.document_id = q.document_id AND se.local_id = q.speaker_entity"
            " LEFT JOIN entity_members sm ON sm.entity_id = se.id")
_CLAIMANT = (" LEFT JOIN entities ce ON ce.document_id = c.document_id AND ce.local_id = c.claimant_entity"
             " LEFT JOIN entity_members cm ON cm.entity_id = ce.id LEFT JOIN claim_members cg ON cg.claim_id = c.id")


def _page(limit: int | None, offset: int) -> tuple[str, tuple[int, int]]:
    return " LIMIT ? OFFSET ?", (-1 if limit is None else limit, offset)


class Filtered:
    """Rows the filters keep, streamed."""

    db: Database

    def _stream(self, select: str, where: Where, order: str, limit: int | None, offset: int,
                extra: tuple[str, tuple[Any, ...]] | None = None) -> Iterator[dict[str, Any]]:
        sql, args = f"{select} WHERE {where.sql}", where.args
        if extra:
            sql, args = f"{sql} AND {extra[0]}", (*args, *extra[1])
        page, bounds = _page(limit, offset)
        return self.db.iterate(f"{sql} ORDER BY {order}{page}", (*args, *bounds))

    def filtered_documents(self, f: Filters, limit: int | None = None, offset: int = 0,
                           full: bool = False) -> Iterator[dict[str, Any]]:
        """Documents in id order; `full` adds the text, the offset map and the extraction JSON."""
        cols = ", ".join(_DOCUMENT) + (", d.text, d.offsets, d.extraction" if full else "")
        return self._stream(f"SELECT {cols} FROM documents d", document_where(f), "d.id", limit, offset)

    def filtered_quotes(self, f: Filters, limit: int | None = None, offset: int = 0,
                        document_id: int | None = None) -> Iterator[dict[str, Any]]:
        """Quotes in document order, with the global entity of their speaker (speaker_id)."""
        extra = ("q.document_id = ?", (document_id,)) if document_id is not None else None
        return self._stream(f"SELECT {', '.join(_QUOTE)} FROM quotes q JOIN documents d ON d.id = q.document_id{_SPEAKER}",
                            quote_where(f), "q.document_id, q.start, q.id", limit, offset, extra)

    def filtered_claims(self, f: Filters, limit: int | None = None, offset: int = 0,
                        document_id: int | None = None) -> Iterator[dict[str, Any]]:
        """Claims in document order, with their claimant's global entity and their group."""
        extra = ("c.document_id = ?", (document_id,)) if document_id is not None else None
        return self._stream(f"SELECT {', '.join(_CLAIM)} FROM claims c JOIN documents d ON d.id = c.document_id{_CLAIMANT}",
                            claim_where(f), "c.document_id, c.start, c.id", limit, offset, extra)

    def filtered_entities(self, f: Filters, limit: int | None = None, offset: int = 0,
                          named_in_kept: bool = False) -> Iterator[dict[str, Any]]:
        """Global entities (people, bodies, places across documents), most documented first;
        `named_in_kept`: all those the kept documents name, not only the entity filtered on."""
        for r in self._stream(f"SELECT {', '.join(_ENTITY)} FROM global_entities g", entity_where(f, named_in_kept),
                              "g.n_documents DESC, g.n_mentions DESC, g.name, g.id", limit, offset):
            r["aliases"], r["roles"] = json.loads(r["aliases"]), json.loads(r["roles"])
            yield r

    def filtered_groups(self, f: Filters, limit: int | None = None, offset: int = 0) -> Iterator[dict[str, Any]]:
        """Claim groups in the contract's JSON shape, most independently sourced first."""
        for r in self._stream("SELECT g.data FROM claim_groups g", group_where(f),
                              "g.independent_sources DESC, g.n_claims DESC, g.label, g.id", limit, offset):
            yield json.loads(r["data"])

    def count_filtered(self, kind: Kind, f: Filters) -> int:
        """How many rows a filtered read gives."""
        table, where = {
            "documents": ("documents d", document_where(f)),
            "quotes": ("quotes q JOIN documents d ON d.id = q.document_id", quote_where(f)),
            "claims": ("claims c JOIN documents d ON d.id = c.document_id", claim_where(f)),
            "entities": ("global_entities g", entity_where(f)),
            "groups": ("claim_groups g", group_where(f)),
        }[kind]
        return int(self.db.value(f"SELECT count(*) FROM {table} WHERE {where.sql}", where.args))

    def document_entities(self, document_id: int) -> list[dict[str, Any]]:
        """The global entities a document names, with the names it uses for each."""
        rows = self.db.query(
            "SELECT m.global_id AS id, g.name, g.type, e.name AS local_name, e.aliases AS local_aliases"
            " FROM entities e JOIN entity_members m ON m.entity_id = e.id JOIN global_entities g ON g.id = m.global_id"
            " WHERE e.document_id = ? ORDER BY m.global_id, e.id", (document_id,))
        out: dict[int, dict[str, Any]] = {}
        for r in rows:
            names = out.setdefault(r["id"], {"id": r["id"], "name": r["name"], "type": r["type"], "names": []})["names"]
            for n in [r["local_name"], *json.loads(r["local_aliases"])]:
                if n not in names:
                    names.append(n)
        return list(out.values())

    def document_entity_rows(self, document_id: int, f: Filters) -> list[dict[str, Any]]:
        """A document's own entities (id, local_id, name) that the entity filter names."""
        rows, args = entity_rows(f)
        return self.db.query(f"SELECT e.id, e.local_id, e.name FROM entities e WHERE e.document_id = ?"
                             f" AND e.id IN ({rows}) ORDER BY e.id", (document_id, *args))

    def document_refs(self, sha256s: list[str]) -> dict[str, dict[str, Any]]:
        """SHA-256 -> the document's id, URL, title, publisher and date, for documents a group names."""
        out: dict[str, dict[str, Any]] = {}
        for i in range(0, len(sha256s), 500):
            chunk = sha256s[i:i + 500]
            for r in self.db.query("SELECT id, sha256, url, title, author, publisher, published FROM documents"
                                   f" WHERE sha256 IN ({','.join('?' * len(chunk))})", chunk):
                out[r["sha256"]] = r
        return out

    def claimant_types(self, claim_ids: list[int]) -> dict[int, str]:
        """Claim row id -> the type of the entity its claimant resolved to, where it did."""
        out: dict[int, str] = {}
        for i in range(0, len(claim_ids), 500):
            chunk = claim_ids[i:i + 500]
            out.update((r["id"], r["type"]) for r in self.db.query(
                "SELECT c.id, ce.type FROM claims c JOIN entities ce ON ce.document_id = c.document_id"
                f" AND ce.local_id = c.claimant_entity WHERE c.id IN ({','.join('?' * len(chunk))})", chunk))
        return out
