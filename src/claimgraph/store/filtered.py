"""What exports read across listings, narrowed by the listings' own filters (`filters.py`,
`store/listings.py`): the documents kept, their quotes, claims and entities, and claim groups.

An export that spans documents, quotes and claims applies each filter where the listings apply
it (`scoped`): a document filter (publisher, label, dates, an entity named) keeps documents,
and an item filter (a speaker, a kind, one document, a claim group, what is counted, a
confidence) keeps the quotes and claims the quote and claim listings keep, and the documents
holding one of them.

Every read is one SQL cursor in document order, so a writer that joins them document by
document (`by_document`) holds one document's rows at a time, whatever the corpus.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import fields, replace
from typing import TYPE_CHECKING, Any

from ..filters import APPLIES, Filters
from .database import Database

_QUOTE = ("q.id, d.sha256 AS document, q.document_id, q.local_id, q.kind, q.text, q.start, q.end, q.speaker_name,"
          " q.speaker_entity, sm.global_id AS speaker_id, q.publisher, q.published, d.url")
_CLAIM = ("c.id, d.sha256 AS document, c.document_id, c.local_id, c.kind, c.text, c.start, c.end, c.value, c.low,"
          " c.high, c.qualifier, c.number_text, c.counted, c.event, c.claimant_name, c.claimant_entity,"
          " cm.global_id AS claimant_id, c.publisher, c.published, d.url")
# The global entity a quote's speaker or a claim's claimant was resolved to, where there is one.
_SPEAKER = (" LEFT JOIN entities se ON se.document_id = q.document_id AND se.local_id = q.speaker_entity"
            " LEFT JOIN entity_members sm ON sm.entity_id = se.id")
_CLAIMANT = (" LEFT JOIN entities ce ON ce.document_id = c.document_id AND ce.local_id = c.claimant_entity"
             " LEFT JOIN entity_members cm ON cm.entity_id = ce.id")
Sub = tuple[str, list[Any]]
# Filters that mean the same for a document and for the quotes and claims in it: what they keep
# is whole documents. The others (a speaker, a kind, a claim group ...) keep items, and the
# documents holding a kept one.
DOCUMENT_FILTERS = frozenset({"publisher", "label", "since", "until", "entity"})


def scoped(f: Filters, listing: str) -> Filters:
    """The filters that mean something for a listing; the others are left to the other listings."""
    keep = APPLIES[listing]
    unset: dict[str, Any] = {x.name: x.default for x in fields(f) if x.name not in keep}
    return replace(f, **unset)


def by_document(rows: Iterable[dict[str, Any]]) -> Iterator[tuple[int, list[dict[str, Any]]]]:
    """Rows in document order, as (document id, that document's rows)."""
    current: int | None = None
    batch: list[dict[str, Any]] = []
    for r in rows:
        if r["document_id"] != current:
            if batch:
                yield current or 0, batch
            current, batch = r["document_id"], []
        batch.append(r)
    if batch:
        yield current or 0, batch


class Aligned:
    """Rows grouped by document, read alongside a stream of documents in id order."""

    def __init__(self, rows: Iterable[dict[str, Any]]) -> None:
        self._groups = by_document(rows)
        self._next = next(self._groups, None)

    def of(self, document_id: int) -> list[dict[str, Any]]:
        while self._next is not None and self._next[0] < document_id:
            self._next = next(self._groups, None)
        if self._next is not None and self._next[0] == document_id:
            return self._next[1]
        return []


class Filtered:
    """Documents, their items and claim groups as exports read them."""

    db: Database

    if TYPE_CHECKING:  # Listings, beside this class in Store, has it
        def listing_ids(self, listing: str, f: Filters) -> tuple[str, list[Any]]: ...

    def _items_only(self, f: Filters) -> set[str]:
        return {k for k in f.active() if k not in DOCUMENT_FILTERS and k != "sort"}

    def kept_documents(self, f: Filters) -> Sub:
        """The ids of the documents an export keeps, as a subquery."""
        sql, args = self.listing_ids("documents", replace(scoped(f, "documents"), kind=(), speaker=None))
        only = self._items_only(f)
        parts = [(table, self.listing_ids(table, scoped(f, table))) for table in ("claims", "quotes")
                 if only and only <= APPLIES[table]]
        if not parts:
            return sql, args
        holders = " UNION ".join(f"SELECT document_id FROM {t} WHERE id IN ({s})" for t, (s, _) in parts)
        joiner = " AND " if " WHERE " in sql else " WHERE "
        return f"{sql}{joiner}d.id IN ({holders})", [*args, *(a for _, (_, extra) in parts for a in extra)]

    def kept_items(self, listing: str, f: Filters) -> Sub:
        """The ids of the quotes or claims an export keeps (in kept documents), as a subquery."""
        sql, args = self.listing_ids(listing, scoped(f, listing))
        docs, more = self.kept_documents(f)
        column = "q.document_id" if listing == "quotes" else "c.document_id"
        joiner = " AND " if " WHERE " in sql else " WHERE "
        return f"{sql}{joiner}{column} IN ({docs})", [*args, *more]

    def count_documents_kept(self, f: Filters) -> int:
        sql, args = self.kept_documents(f)
        return int(self.db.value(f"SELECT count(*) FROM ({sql})", args))

    def export_documents(self, f: Filters, full: bool = False) -> Iterator[dict[str, Any]]:
        """Kept documents in id order; `full` adds the text, the offset map and the extraction."""
        sql, args = self.kept_documents(f)
        cols = ("d.id, d.sha256, d.title, d.author, d.publisher, d.published, d.url, d.format, d.language, d.source,"
                " d.pipeline, d.processed_at" + (", d.text, d.offsets, d.extraction" if full else ""))
        return self.db.iterate(f"SELECT {cols} FROM documents d WHERE d.id IN ({sql}) ORDER BY d.id", args)

    def export_quotes(self, f: Filters) -> Iterator[dict[str, Any]]:
        """Kept quotes in document order, with their speaker's global entity (speaker_id)."""
        sql, args = self.kept_items("quotes", f)
        return self.db.iterate(f"SELECT {_QUOTE} FROM quotes q JOIN documents d ON d.id = q.document_id{_SPEAKER}"
                               f" WHERE q.id IN ({sql}) ORDER BY q.document_id, q.start, q.id", args)

    def export_claims(self, f: Filters) -> Iterator[dict[str, Any]]:
        """Kept claims in document order, with their claimant's global entity (claimant_id)."""
        sql, args = self.kept_items("claims", f)
        return self.db.iterate(f"SELECT {_CLAIM} FROM claims c JOIN documents d ON d.id = c.document_id{_CLAIMANT}"
                               f" WHERE c.id IN ({sql}) ORDER BY c.document_id, c.start, c.id", args)

    def export_mentions(self, f: Filters) -> Iterator[dict[str, Any]]:
        """For each kept document in order, the global entities it names, with the names used
        there (one row per document entity: document_id, id, name, type, local_id, names)."""
        sql, args = self.kept_documents(f)
        for r in self.db.iterate(
                "SELECT e.document_id, m.global_id AS id, g.name, g.type, e.local_id, e.name AS local_name,"
                " e.aliases FROM entities e JOIN entity_members m ON m.entity_id = e.id"
                f" JOIN global_entities g ON g.id = m.global_id WHERE e.document_id IN ({sql})"
                " ORDER BY e.document_id, m.global_id, e.id", args):
            r["names"] = [r.pop("local_name"), *json.loads(r.pop("aliases"))]
            yield r

    def export_entities(self, f: Filters) -> Iterator[dict[str, Any]]:
        """Every global entity the kept documents name, most documented first."""
        sql, args = self.kept_documents(f)
        for r in self.db.iterate(
                "SELECT g.id, g.name, g.type, g.aliases, g.roles, g.n_documents, g.n_mentions FROM global_entities g"
                " WHERE g.id IN (SELECT m.global_id FROM entity_members m JOIN entities e ON e.id = m.entity_id"
                f" WHERE e.document_id IN ({sql})) ORDER BY g.n_documents DESC, g.n_mentions DESC, g.name, g.id", args):
            r["aliases"], r["roles"] = json.loads(r["aliases"]), json.loads(r["roles"])
            yield r

    def _groups_where(self, f: Filters, disputed: bool) -> Sub:
        conds, args = ["1"], []
        if self._items_only(f) or any(k in f.active() for k in APPLIES["claims"]):
            sql, more = self.kept_items("claims", f)
            conds.append(f"g.id IN (SELECT group_id FROM claim_members WHERE claim_id IN ({sql}))")
            args.extend(more)
        if disputed:
            conds.append("g.contradiction = 1")
        return " AND ".join(conds), args

    def export_groups(self, f: Filters, disputed: bool = False) -> Iterator[dict[str, Any]]:
        """Claim groups (the contract's JSON) with a kept claim, most independently sourced first."""
        where, args = self._groups_where(f, disputed)
        for r in self.db.iterate(f"SELECT g.data FROM claim_groups g WHERE {where}"
                                 " ORDER BY g.independent_sources DESC, g.n_claims DESC, g.label, g.id", args):
            yield json.loads(r["data"])

    def count_groups(self, f: Filters, disputed: bool = False) -> int:
        where, args = self._groups_where(f, disputed)
        return int(self.db.value(f"SELECT count(*) FROM claim_groups g WHERE {where}", args))

    def document_refs(self, sha256s: list[str]) -> dict[str, dict[str, Any]]:
        """SHA-256 -> the document's id, URL, title, author, publisher and date."""
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
