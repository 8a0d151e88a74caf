"""Who is quoted speaking about whom: each quote's speaker and the entities named inside it,
under their resolved names where resolve has run. What the web's graph draws and what a graph
export (GEXF, GraphML) writes."""

from __future__ import annotations

from typing import Any

from ..filters import Filters
from .database import Database
from .listings import Listings

QUOTES_READ = 5000  # the newest quotes (of those the filters keep) a graph is drawn from
# The entities a document's quotes name (a mention inside the quote's span), written with the
# quotes (Documents._write_items) and, once, for the quotes stored before schema 7.
QUOTE_MENTIONS = ("INSERT INTO quote_mentions(quote_id, entity_id) SELECT DISTINCT q.id, e.id FROM quotes q"
                  " JOIN entities e ON e.document_id = q.document_id"
                  " JOIN mentions mn ON mn.entity_id = e.id AND mn.start >= q.start AND mn.end <= q.end")


class Speech:
    """Speaker -> mentioned entity edges, weighted by quotes."""

    db: Database

    def speech_edges(self, f: Filters | None = None, entity: int | None = None,
                     quotes: int = QUOTES_READ) -> list[dict[str, Any]]:
        """[{speaker, about, n}] over the newest `quotes` quotes with a speaker that `f` keeps
        (and, with `entity`, those that resolved entity speaks or that name it), heaviest first.
        A speaker quoted naming themselves is not an edge."""
        assert isinstance(self, Listings)
        where, args = self._query("quotes", f or Filters()).where()
        conds = [where.removeprefix("WHERE ")] if where else []
        conds.append("q.speaker_name IS NOT NULL")
        if entity is not None:
            # The quotes it speaks or that name it, from indexes: every quote of the documents
            # naming a place in 10,000 documents was 10,000 rows read, for edges it is not on.
            # (one IN over a union: with OR, SQLite walked every quote by id to test each)
            conds.append("q.id IN (SELECT qm.quote_id FROM entity_members m JOIN quote_mentions qm"
                         " ON qm.entity_id = m.entity_id WHERE m.global_id = ?"
                         " UNION SELECT s.id FROM entity_members m JOIN entities e ON e.id = m.entity_id"
                         " JOIN quotes s ON s.document_id = e.document_id AND s.speaker_entity = e.local_id"
                         " WHERE m.global_id = ?"
                         " UNION SELECT s.id FROM quotes s WHERE s.speaker_name = (SELECT name FROM global_entities WHERE id = ?))")
            args = [*args, entity, entity, entity]
        return self.db.query(
            # the newest ids from an index that holds the filtered columns, then those rows only
            f"WITH ids AS (SELECT q.id FROM quotes q WHERE {' AND '.join(conds)} ORDER BY q.id DESC LIMIT ?),"
            " picked AS (SELECT q.id, q.document_id, q.speaker_name, q.speaker_entity FROM ids"
            " JOIN quotes q ON q.id = ids.id),"
            " spoken AS (SELECT p.*, coalesce(gs.name, p.speaker_name) AS speaker FROM picked p"
            " LEFT JOIN entities se ON se.document_id = p.document_id AND se.local_id = p.speaker_entity"
            " LEFT JOIN entity_members sm ON sm.entity_id = se.id LEFT JOIN global_entities gs ON gs.id = sm.global_id)"
            " SELECT s.speaker, coalesce(g.name, e.name) AS about, count(DISTINCT s.id) AS n FROM spoken s"
            " JOIN quote_mentions qm ON qm.quote_id = s.id JOIN entities e ON e.id = qm.entity_id"
            " LEFT JOIN entity_members em ON em.entity_id = e.id LEFT JOIN global_entities g ON g.id = em.global_id"
            " WHERE coalesce(g.name, e.name) <> s.speaker"
            " GROUP BY 1, 2 ORDER BY n DESC, 1, 2", (*args, quotes))
