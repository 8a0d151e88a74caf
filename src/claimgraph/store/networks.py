"""Networks of global entities, as the filters keep them: who speaks about whom (a quote's
speaker to each entity its words name, weighted by quotes) and who is named with whom (two
entities in one document, weighted by documents).

SQLite does the counting (GROUP BY spills to its temporary store), and edges come back one at a
time in (source, target) order, so a writer holds one edge at a time. Speakers and claimants that
no entity was found for have no node and no edge. The filters keep quotes and documents as the
other exports keep them (store/filtered.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal

from ..filters import Filters
from .database import Database

Network = Literal["speech", "comention"]
NETWORKS: tuple[Network, ...] = ("speech", "comention")

_SPEECH = ("SELECT sm.global_id AS source, mm.global_id AS target, count(DISTINCT q.id) AS weight,"
           " count(DISTINCT q.document_id) AS documents"
           " FROM quotes q"
           " JOIN entities se ON se.document_id = q.document_id AND se.local_id = q.speaker_entity"
           " JOIN entity_members sm ON sm.entity_id = se.id"
           " JOIN entities me ON me.document_id = q.document_id"
           " JOIN mentions mn ON mn.entity_id = me.id AND mn.start < q.end AND mn.end > q.start"
           " JOIN entity_members mm ON mm.entity_id = me.id"
           " WHERE mm.global_id != sm.global_id AND q.id IN ({kept})"
           " GROUP BY sm.global_id, mm.global_id HAVING count(DISTINCT q.id) >= ?")
_COMENTION = ("SELECT a.global_id AS source, b.global_id AS target, count(DISTINCT ea.document_id) AS weight,"
              " count(DISTINCT ea.document_id) AS documents"
              " FROM entities ea JOIN entity_members a ON a.entity_id = ea.id"
              " JOIN entities eb ON eb.document_id = ea.document_id JOIN entity_members b ON b.entity_id = eb.id"
              " WHERE a.global_id < b.global_id AND ea.document_id IN ({kept})"
              " GROUP BY a.global_id, b.global_id HAVING count(DISTINCT ea.document_id) >= ?")


class Networks:
    """Entity networks for graph exports."""

    db: Database

    if TYPE_CHECKING:  # Filtered, beside this class in Store, has them
        def kept_documents(self, f: Filters) -> tuple[str, list[Any]]: ...
        def kept_items(self, listing: str, f: Filters) -> tuple[str, list[Any]]: ...

    def _edges_sql(self, network: Network, f: Filters, min_weight: int) -> tuple[str, tuple[Any, ...]]:
        if network == "speech":
            kept, args = self.kept_items("quotes", f)
            return _SPEECH.format(kept=kept), (*args, min_weight)
        kept, args = self.kept_documents(f)
        return _COMENTION.format(kept=kept), (*args, min_weight)

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
