"""Networks of global entities, as the filters keep them: who speaks about whom (a quote's
speaker to each entity its words name, weighted by quotes) and who is named with whom (two
entities in one document, weighted by documents).

SQLite does the counting (GROUP BY spills to its temporary store), and edges come back one at a
time in (source, target) order, so a writer holds one edge at a time. Speakers and claimants that
no entity was found for have no node and no edge.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any, Literal

from .database import Database
from .filters import Filters, document_where, entity_globals, quote_where

Network = Literal["speech", "comention"]
NETWORKS: tuple[Network, ...] = ("speech", "comention")


def _speech(f: Filters, min_weight: int) -> tuple[str, tuple[Any, ...]]:
    where = quote_where(replace(f, entity=None))
    sql = ("SELECT sm.global_id AS source, mm.global_id AS target, count(DISTINCT q.id) AS weight,"
           " count(DISTINCT q.document_id) AS documents"
           " FROM quotes q JOIN documents d ON d.id = q.document_id"
           " JOIN entities se ON se.document_id = q.document_id AND se.local_id = q.speaker_entity"
           " JOIN entity_members sm ON sm.entity_id = se.id"
           " JOIN entities me ON me.document_id = q.document_id"
           " JOIN mentions mn ON mn.entity_id = me.id AND mn.start < q.end AND mn.end > q.start"
           " JOIN entity_members mm ON mm.entity_id = me.id"
           f" WHERE mm.global_id != sm.global_id AND {where.sql}")
    args = where.args
    if f.entity:
        ids, more = entity_globals(f)
        sql += f" AND (sm.global_id IN ({ids}) OR mm.global_id IN ({ids}))"
        args = (*args, *more, *more)
    return sql + " GROUP BY sm.global_id, mm.global_id HAVING count(DISTINCT q.id) >= ?", (*args, min_weight)


def _comention(f: Filters, min_weight: int) -> tuple[str, tuple[Any, ...]]:
    where = document_where(replace(f, entity=None))
    sql = ("SELECT a.global_id AS source, b.global_id AS target, count(DISTINCT d.id) AS weight,"
           " count(DISTINCT d.id) AS documents"
           " FROM documents d JOIN entities ea ON ea.document_id = d.id JOIN entity_members a ON a.entity_id = ea.id"
           " JOIN entities eb ON eb.document_id = d.id JOIN entity_members b ON b.entity_id = eb.id"
           f" WHERE a.global_id < b.global_id AND {where.sql}")
    args = where.args
    if f.entity:
        ids, more = entity_globals(f)
        sql += f" AND (a.global_id IN ({ids}) OR b.global_id IN ({ids}))"
        args = (*args, *more, *more)
    return sql + " GROUP BY a.global_id, b.global_id HAVING count(DISTINCT d.id) >= ?", (*args, min_weight)


class Networks:
    """Entity networks for graph exports."""

    db: Database

    def _edges_sql(self, network: Network, f: Filters, min_weight: int) -> tuple[str, tuple[Any, ...]]:
        return (_speech if network == "speech" else _comention)(f, min_weight)

    def network_nodes(self, network: Network, f: Filters, min_weight: int = 1) -> Iterator[dict[str, Any]]:
        """The global entities at either end of an edge, in id order."""
        sql, args = self._edges_sql(network, f, min_weight)
        return self.db.iterate(
            f"WITH edges AS ({sql}) SELECT g.id, g.name, g.type, g.n_documents, g.n_mentions FROM global_entities g"
            " WHERE g.id IN (SELECT source FROM edges UNION SELECT target FROM edges) ORDER BY g.id", args)

    def network_edges(self, network: Network, f: Filters, min_weight: int = 1) -> Iterator[dict[str, Any]]:
        """Edges (source, target, weight, documents) in (source, target) order; speech edges are
        directed (speaker to the entity named), co-mention edges are not (source < target)."""
        sql, args = self._edges_sql(network, f, min_weight)
        return self.db.iterate(f"{sql} ORDER BY source, target", args)
