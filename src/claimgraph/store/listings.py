"""Listings narrowed by `filters.Filters`: rows, their total, facets, and every row one at a time
for exports. The pages, the API, their CSV/JSON exports and the CLI's `export` all read here, so
an export holds exactly what a listing shows.

Each listing is a base query and the conditions its filters add. Conditions on the document
(publisher, label, dates) join `documents`; counts skip that join when nothing asks for it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..filters import Filters
from . import facets
from .database import Database
from .facets import FACET_SIZE

Cond = tuple[str, tuple[Any, ...]]


def like(text: str) -> str:
    """A LIKE pattern for `text` anywhere, its own % and _ taken literally (ESCAPE '\\')."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _in(column: str, values: tuple[Any, ...]) -> Cond:
    return f"{column} IN ({','.join('?' * len(values))})", values


@dataclass
class Query:
    """A listing's SQL pieces: what to select, from where, and the conditions."""

    select: str
    table: str  # the listing's own table with its alias ("quotes q")
    doc_key: str  # the column that names the document ("q.document_id"; "d.id" for documents)
    conds: list[Cond] = field(default_factory=list)
    order: str = ""

    def where(self) -> tuple[str, list[Any]]:
        if not self.conds:
            return "", []
        return "WHERE " + " AND ".join(c for c, _ in self.conds), [a for _, args in self.conds for a in args]

    def source(self, join: bool) -> str:
        if self.table.startswith("documents"):
            return self.table
        return f"{self.table} JOIN documents d ON d.id = {self.doc_key}" if join else self.table


# Each order can be walked on an index (or the rowid, which follows the order documents and
# their items were stored in), so a page of a filtered listing of 100,000 rows reads a page.
_ORDERS = {
    "documents": {"stored": "d.id", "date": "d.published DESC, d.id DESC", "-date": "d.published, d.id"},
    "quotes": {"stored": "q.id", "date": "q.published DESC, q.id DESC", "-date": "q.published, q.id"},
    "claims": {"stored": "c.id", "date": "c.published DESC, c.id DESC", "-date": "c.published, c.id"},
}
_COUNTS = ("(SELECT count(*) FROM quotes q WHERE q.document_id = d.id) AS n_quotes,"
           " (SELECT count(*) FROM claims c WHERE c.document_id = d.id) AS n_claims,"
           " (SELECT count(*) FROM entities e WHERE e.document_id = d.id) AS n_entities")
_CAPTURED = "(SELECT min(l.captured_at) FROM locations l WHERE l.sha256 = d.sha256) AS captured_at"
_DOC_COLUMNS = "d.sha256, d.title, d.publisher, d.published, d.url"

class Listings:
    """Filtered, sorted, counted and faceted listings of documents, quotes, claims and entities."""

    db: Database

    def _doc_conds(self, f: Filters, alias: str) -> list[Cond]:
        """Conditions on the document's publisher and date, which quotes and claims carry too."""
        out: list[Cond] = []
        if f.publisher or f.label:
            pubs = [_in(f"{alias}.publisher", f.publisher)] if f.publisher else []
            if f.label:
                pubs.append((f"{alias}.publisher IN (SELECT publisher FROM publisher_labels WHERE label IN"
                             f" ({','.join('?' * len(f.label))}))", f.label))
            out.append(("(" + " OR ".join(c for c, _ in pubs) + ")", tuple(a for _, args in pubs for a in args)))
        if f.since:
            out.append((f"{alias}.published >= ?", (f.since,)))
        if f.until:
            # '~' sorts after digits and '-': until 2021 takes in the whole of 2021.
            out.append((f"{alias}.published <= ?", (f.until + "~",)))
        return out

    def _entity_docs(self, entity: str) -> Cond:
        """Documents mentioning an entity: a resolved entity by id, else every entity of that name."""
        if entity.isascii() and entity.isdigit() and len(entity) < 19:
            return ("(SELECT e.document_id FROM entity_members m JOIN entities e ON e.id = m.entity_id"
                    " WHERE m.global_id = ?)", (int(entity),))
        return "(SELECT document_id FROM entities WHERE name = ? COLLATE NOCASE)", (entity,)

    def _query(self, listing: str, f: Filters) -> Query:
        f.for_listing(listing)
        if listing == "entities":
            return self._entity_query(f)
        alias = {"documents": "d", "quotes": "q", "claims": "c"}[listing]
        if listing == "documents":
            q = Query(f"SELECT d.id, {_DOC_COLUMNS}, d.format, d.source, d.language, {_COUNTS}", "documents d", "d.id")
        elif listing == "quotes":
            q = Query(f"SELECT q.*, {_DOC_COLUMNS}", "quotes q", "q.document_id")
        else:
            q = Query(f"SELECT c.*, {_DOC_COLUMNS}, {_CAPTURED}", "claims c", "c.document_id")
        own = q.conds
        own.extend(self._doc_conds(f, alias))
        if f.kind:
            own.append(_in("d.format" if listing == "documents" else f"{alias}.kind", f.kind))
        if f.entity:
            sub, args = self._entity_docs(f.entity)
            own.append((f"{q.doc_key} IN {sub}", args))
        if f.speaker:
            pattern = like(f.speaker)
            if listing == "documents":
                own.append(("d.id IN (SELECT document_id FROM quotes WHERE speaker_name LIKE ? ESCAPE '\\')", (pattern,)))
            elif listing == "quotes":  # the name as resolved, on its index (the words as written are in text)
                own.append(("q.speaker_name LIKE ? ESCAPE '\\'", (pattern,)))
            else:
                own.append(("c.claimant_name LIKE ? ESCAPE '\\'", (pattern,)))
        if f.document:
            own.append((f"{q.doc_key} = ?", (self._document_id(f.document),)))
        if f.counted:
            own.append(("(c.counted LIKE ? ESCAPE '\\' OR c.event LIKE ? ESCAPE '\\')", (like(f.counted),) * 2))
        if f.group is not None:
            own.append(("c.id IN (SELECT claim_id FROM claim_members WHERE group_id = ?)", (f.group,)))
        if f.min_confidence is not None:
            own.append((f"{alias}.confidence >= ?", (f.min_confidence,)))
        q.order = _ORDERS[listing][f.sort_for(listing)]
        return q

    if TYPE_CHECKING:  # Documents, beside this class in Store, has it
        def resolve_document(self, ref: str | int) -> dict[str, Any]: ...

    def _document_id(self, ref: str) -> int:
        return int(self.resolve_document(ref)["id"])

    def _entity_query(self, f: Filters) -> Query:
        resolved = self.db.value("SELECT 1 FROM global_entities LIMIT 1") is not None
        if resolved:
            q = Query("SELECT *", "global_entities", "")
            q.order = {"count": "n_documents DESC, n_mentions DESC, name", "mentions": "n_mentions DESC, name",
                       "name": "name"}[f.sort_for("entities")]
        else:  # nothing resolved yet: entities as found in each document
            q = Query("SELECT e.*, d.sha256, d.title FROM entities e JOIN documents d ON d.id = e.document_id",
                      "entities e", "e.document_id")
            q.order = {"count": "e.n_mentions DESC, e.name", "mentions": "e.n_mentions DESC, e.name",
                       "name": "e.name"}[f.sort_for("entities")]
        if f.type:
            q.conds.append(_in("type", f.type))
        if f.name:
            q.conds.append(("(name LIKE ? ESCAPE '\\' OR aliases LIKE ? ESCAPE '\\')", (like(f.name),) * 2))
        return q

    def _sql(self, listing: str, q: Query, paged: bool) -> tuple[str, list[Any]]:
        """The listing's SELECT; with `paged`, it ends in (or holds) `LIMIT ? OFFSET ?`."""
        where, args = q.where()
        page = " LIMIT ? OFFSET ?" if paged else ""
        if listing == "entities":
            base = q.select if " FROM " in q.select else f"{q.select} FROM {q.table}"
            return f"{base} {where} ORDER BY {q.order}{page}", args
        if not paged:
            return f"{q.select} FROM {q.source(True)} {where} ORDER BY {q.order}", args
        # The page of ids first, from the indexes alone, so that the joined columns and the
        # per-row counts are read for the rows shown, not for every row the filters keep.
        alias = q.table.split()[1]
        table = q.table.split()[0]
        rest = "" if listing == "documents" else f" JOIN documents d ON d.id = {q.doc_key}"
        return (f"{q.select} FROM (SELECT {alias}.id FROM {q.table} {where} ORDER BY {q.order}{page}) page"
                f" JOIN {table} {alias} ON {alias}.id = page.id{rest} ORDER BY {q.order}"), args

    def listing(self, listing: str, f: Filters, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """One page of a listing."""
        sql, args = self._sql(listing, self._query(listing, f), paged=True)
        return _decode(listing, self.db.query(sql, (*args, limit, offset)))

    def listing_rows(self, listing: str, f: Filters) -> Iterator[dict[str, Any]]:
        """Every row of a listing, in its order, one at a time (exports)."""
        sql, args = self._sql(listing, self._query(listing, f), paged=False)
        for row in self.db.iterate(sql, args):
            yield _decode(listing, [row])[0]

    def listing_ids(self, listing: str, f: Filters) -> tuple[str, list[Any]]:
        """The ids of a listing's rows as a subquery (exports narrow what they read by it)."""
        q = self._query(listing, f)
        where, args = q.where()
        key = {"documents": "d.id", "quotes": "q.id", "claims": "c.id"}.get(listing, "id")
        return f"SELECT {key} FROM {q.source(False)} {where}", args

    def listing_total(self, listing: str, f: Filters) -> int:
        q = self._query(listing, f)
        if listing in facets.TALLIED and facets.unfiltered(f):
            return facets.tallied_total(self.db, listing)
        where, args = q.where()
        source = q.table if listing == "entities" else q.source(False)
        return int(self.db.value(f"SELECT count(*) FROM {source} {where}", args))

    def listing_facets(self, listing: str, f: Filters, size: int = FACET_SIZE) -> dict[str, list[dict[str, Any]]]:
        """For each facet of the listing, its most frequent values among the filtered rows (the
        first `facets.FACET_ROWS` of them: `facets.facets_counted` says how many were counted)."""
        q = self._query(listing, f)
        if listing in facets.TALLIED and facets.unfiltered(f):
            return facets.tallied_facets(self.db, listing, size)
        where, args = q.where()
        return facets.counted_facets(self.db, listing, q.table if listing == "entities" else q.source(False),
                                     where, args, size)


def _decode(listing: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for r in rows:
        if listing == "claims":
            r.pop("data", None)  # the whole record is in the document's extraction
        elif listing == "entities":
            for k in ("aliases", "roles", "merges"):
                if isinstance(r.get(k), str):
                    r[k] = json.loads(r[k])
            r.pop("key", None)
            r.pop("component", None)
    return rows

