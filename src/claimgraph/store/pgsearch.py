"""Full-text search on PostgreSQL: its own tsvector and tsquery over the `*_fts` tables, which
PostgreSQL keeps as plain tables with a generated `tsv` column (postgres.py). The same results'
shape as search.py's FTS5 search: every word must match, whole words ranked first, then words
they begin."""

from __future__ import annotations

from typing import Any

from .database import Database

_SNIPPET = "'StartSel=[, StopSel=], MaxWords=16, MinWords=6, FragmentDelimiter= … , MaxFragments=1'"
_SQL = {
    "documents": "SELECT d.id, d.sha256, d.title, d.publisher, d.published,"
                 f" ts_headline('simple', f.text, q, {_SNIPPET}) AS snippet"
                 " FROM documents_fts f JOIN documents d ON d.id = f.rowid, to_tsquery('simple', ?) q"
                 " WHERE f.tsv @@ q ORDER BY ts_rank(f.tsv, q) DESC, f.rowid DESC LIMIT ?",
    "quotes": "SELECT q.id, q.document_id, q.local_id, q.kind, q.text, q.speaker_name, q.start, q.end,"
              " d.sha256, d.title"
              " FROM quotes_fts f JOIN quotes q ON q.id = f.rowid JOIN documents d ON d.id = q.document_id,"
              " to_tsquery('simple', ?) w WHERE f.tsv @@ w ORDER BY ts_rank(f.tsv, w) DESC, f.rowid DESC LIMIT ?",
    "claims": "SELECT c.id, c.document_id, c.local_id, c.text, c.low, c.high, c.qualifier, c.counted, c.event,"
              " c.claimant_name, c.start, c.end, d.sha256, d.title"
              " FROM claims_fts f JOIN claims c ON c.id = f.rowid JOIN documents d ON d.id = c.document_id,"
              " to_tsquery('simple', ?) w WHERE f.tsv @@ w ORDER BY ts_rank(f.tsv, w) DESC, f.rowid DESC LIMIT ?",
}


def ts_query(q: str, prefix: bool = True) -> str:
    """A user's words as a tsquery: each word must match, as a prefix (or exactly); only letters
    and digits pass, so no query is a syntax error."""
    words = [w.lower() for w in "".join(ch if ch.isalnum() else " " for ch in q).split() if w]
    star = ":*" if prefix else ""
    return " & ".join(f"'{w}'{star}" for w in words)


class PgSearch:
    """Texts, quotes and claims by their words, on PostgreSQL."""

    db: Database  # a PgDatabase (postgres.py)

    def search(self, q: str, limit: int = 20) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        for table, sql in _SQL.items():
            rows: list[dict[str, Any]] = []
            seen: set[int] = set()
            for tq in dict.fromkeys((ts_query(q, prefix=False), ts_query(q))) if ts_query(q) else ():
                for r in self.db.query(sql, (tq, limit)):
                    if r["id"] not in seen and len(rows) < limit:
                        seen.add(r["id"])
                        rows.append(r)
            out[table] = rows
        return out
